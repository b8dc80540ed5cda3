import Foundation

/// Runs `produce` on a thread of its own while `consume` runs on the calling thread, passing values through a queue
/// of at most `capacity` values: the producer waits when the queue is full, so memory stays bounded however long the
/// run. `produce` hands each value to its `put` argument, which returns false once the consumer has stopped (the
/// producer should then return). The first error of either side is thrown once both sides have stopped; the producer
/// has always returned when this does, so both closures may use the caller's state (each its own part of it).
func handOff<Value>(
    capacity: Int, produce: (_ put: (Value) -> Bool) throws -> Void,
    consume: (_ take: () throws -> Value?) throws -> Void
) throws {
    let queue = HandoffQueue<Value>(capacity: capacity)
    try withoutActuallyEscaping(produce) { produce in
        // The thread reaches `produce` through a box it empties before it says it has finished, so that no
        // reference to `produce` is left (the Thread object may outlive this call) once this block returns.
        let job = ProducerJob(produce)
        let thread = Thread {
            var failure: (any Error)?
            do {
                try job.body?({ queue.put($0) })
            } catch {
                failure = error
            }
            job.body = nil
            queue.finish(failure)
        }
        thread.stackSize = 8 << 20
        thread.start()
        // The producer is waited for on every path out of here: it uses closures that do not outlive this call.
        defer { queue.stopAndWaitForProducer() }
        try consume { try queue.take() }
    }
}

/// `handOff`'s producing closure, for its thread.
private final class ProducerJob<Value>: @unchecked Sendable {
    var body: ((_ put: (Value) -> Bool) throws -> Void)?
    init(_ body: @escaping (_ put: (Value) -> Bool) throws -> Void) { self.body = body }
}

/// The queue between `handOff`'s two sides: a ring of `capacity` slots.
private final class HandoffQueue<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Value?]
    /// The slot of the oldest value, and how many values wait.
    private var head = 0
    private var count = 0
    /// Set by the producer when it returns, with its error if it failed.
    private var finished = false
    private var failure: (any Error)?
    /// Set when the consumer stops taking values.
    private var stopped = false

    init(capacity: Int) { slots = Array(repeating: nil, count: max(1, capacity)) }

    /// Producer: waits for room; false when the consumer has stopped.
    func put(_ value: Value) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count == slots.count, !stopped { condition.wait() }
        guard !stopped else { return false }
        slots[(head + count) % slots.count] = value
        count += 1
        condition.broadcast()
        return true
    }

    /// Producer: it has returned.
    func finish(_ error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        condition.broadcast()
    }

    /// Consumer: the next value, or nil once the producer has returned and every value is taken; rethrows the
    /// producer's error.
    func take() throws -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while count == 0, !finished { condition.wait() }
        if count > 0 {
            let value = slots[head].take()
            head = (head + 1) % slots.count
            count -= 1
            condition.broadcast()
            return value
        }
        if let failure { throw failure }
        return nil
    }

    /// Consumer: stops taking values and waits until the producer has returned.
    func stopAndWaitForProducer() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        slots = []
    }
}
