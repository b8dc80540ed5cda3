import Foundation

/// A first-in, first-out queue between two threads holding at most `capacity` items: `push` waits while it is full,
/// `pop` while it is empty. `close` wakes both for good: pushes are then dropped and `pop` returns what is left, then
/// nil.
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    /// The items waiting start at `head`; those before it were popped (nil, so that they are freed at once).
    private var items: [Element?] = []
    private var head = 0
    private let capacity: Int
    private var closed = false

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Adds `item`, waiting for room; false when the queue was closed (the item is dropped).
    @discardableResult
    func push(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !closed && items.count - head >= capacity { condition.wait() }
        guard !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The oldest item, waiting for one; nil once the queue is closed and empty.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let item = items[head]
        items[head] = nil
        head += 1
        if head >= capacity {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    /// Stops the queue: waiting pushes return false, pops drain what is left.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Runs `body` on a thread of its own; `join` waits for it to end.
final class WorkerThread: @unchecked Sendable {
    private let done = NSCondition()
    private var finished = false

    init(name: String, _ body: @escaping () -> Void) {
        let thread = Thread { [self] in
            body()
            done.lock()
            finished = true
            done.broadcast()
            done.unlock()
        }
        thread.name = name
        // The reading side of an import allocates much; 8 MiB as the main thread has, not Foundation's 512 KiB.
        thread.stackSize = 8 << 20
        thread.start()
    }

    func join() {
        done.lock()
        while !finished { done.wait() }
        done.unlock()
    }
}
