import Foundation
import Testing

@testable import GovDeskStore

/// The queue between an import's reading thread and its writing thread, and the checks that stand in for foreign keys.
struct ImportPipelineTests {
    @Test func itemsArriveInOrderAcrossThreadsThroughASmallQueue() {
        let queue = BoundedQueue<Int>(capacity: 2)
        let producer = WorkerThread(name: "test producer") {
            for i in 0..<10_000 { queue.push(i) }
            queue.close()
        }
        var received: [Int] = []
        while let i = queue.pop() { received.append(i) }
        producer.join()
        #expect(received == Array(0..<10_000))
    }

    @Test func closingReleasesAWaitingPushAndDropsItsItem() {
        // Given a full queue and a producer waiting to push more
        let queue = BoundedQueue<Int>(capacity: 1)
        queue.push(1)
        let pushed = Mutex(true)
        let producer = WorkerThread(name: "test producer") { pushed.set(queue.push(2)) }
        // When the consumer gives up
        queue.close()
        producer.join()
        // Then the waiting push fails, and what was queued before is still handed out, then nothing
        #expect(pushed.get() == false)
        #expect(queue.pop() == 1)
        #expect(queue.pop() == nil)
    }

    @Test func aLeadDepartmentThatDoesNotExistIsRefused() throws {
        let database = try GovDeskDatabase.inMemory()
        try database.writer.read { db in try database.checkReferences(departments: [], db) }
        #expect(throws: StoreError.self) {
            try database.writer.read { db in try database.checkReferences(departments: ["NOPE"], db) }
        }
    }
}

/// A value shared with a test thread.
private final class Mutex<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
