import Foundation
import GRDB

extension GovDeskDatabase {
    /// Runs `main` on this connection and each of `sides` on a connection of its own, all at the same time, each
    /// in a read transaction on the same snapshot of the file; `main` gets a function that waits for side `i`'s
    /// result. Nil when that cannot be arranged (an in-memory database, a file another process is writing, a
    /// read-only file): the caller then reads everything in one transaction.
    ///
    /// The system SQLite has no `sqlite3_snapshot_open`. In WAL mode a read transaction sees the database as of
    /// its first read, and a commit needs the file's write lock; so one more connection takes the write lock
    /// (`BEGIN IMMEDIATE`, without waiting), every reader makes its first read, and only then is the lock let go
    /// (`ROLLBACK`, nothing having been written): no commit can fall between the snapshots. Writers wait for the
    /// lock as they do for any other (a few milliseconds: opening the connections and a read on each).
    func readSideBySide<Main, Side>(
        _ main: (Database, _ side: (Int) throws -> Side) throws -> Main,
        _ sides: [(Database) throws -> Side]
    ) throws -> (Main, [Side])? {
        guard writer is DatabaseQueue, path != ":memory:", FileManager.default.fileExists(atPath: path) else {
            return nil
        }
        let lock: DatabaseQueue
        let readers: [DatabaseQueue]
        do {
            var lockConfiguration = Self.configuration()
            lockConfiguration.busyMode = .immediateError
            // The lock spans two accesses: taken in one, let go in another.
            lockConfiguration.allowsUnsafeTransactions = true
            lock = try DatabaseQueue(path: path, configuration: lockConfiguration)
            var readConfiguration = Self.configuration()
            readConfiguration.readonly = true
            readers = try sides.map { _ in try DatabaseQueue(path: path, configuration: readConfiguration) }
            try lock.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        } catch {
            return nil
        }
        let unlock = Once { try? lock.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        defer { unlock.run() }

        let outcomes = sides.map { _ in SideOutcome<Side>() }
        for (i, side) in sides.enumerated() {
            let outcome = outcomes[i]
            let reader = readers[i]
            // A thread of its own, not a dispatch queue's: this thread blocks until every side read has its
            // snapshot, which must never wait for a worker a busy pool has yet to give.
            let thread = Thread {
                let started = Once { outcome.started.signal() }
                outcome.result = Result {
                    try reader.read { db in
                        try Self.beginSnapshot(db)
                        started.run()
                        return try side(db)
                    }
                }
                started.run()
                outcome.done.signal()
            }
            thread.name = "govdesk-report-side-\(i)"
            thread.start()
        }
        // Whatever happens, the lock goes before the wait for the side reads.
        defer {
            unlock.run()
            for outcome in outcomes { outcome.wait() }
        }
        let made = try read { db in
            try Self.beginSnapshot(db)
            for outcome in outcomes { outcome.started.wait() }
            unlock.run()
            return try main(db) { i in try outcomes[i].get() }
        }
        do {
            return (made, try outcomes.map { try $0.get() })
        } catch let error as DatabaseError {
            throw StoreError.storage("\(path): \(Self.describe(error))")
        }
    }

    /// Makes `db`'s read transaction take its snapshot now (a deferred transaction takes it at its first read).
    private static func beginSnapshot(_ db: Database) throws {
        _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
    }

    /// Runs its closure the first time `run` is called, never again.
    private final class Once: @unchecked Sendable {
        private var body: (() -> Void)?
        private let mutex = NSLock()

        init(_ body: @escaping () -> Void) { self.body = body }

        func run() {
            mutex.lock()
            let todo = body
            body = nil
            mutex.unlock()
            todo?()
        }
    }

    /// A side read's result, written by its thread before it signals `done`, read after the wait.
    private final class SideOutcome<Side>: @unchecked Sendable {
        var result: Result<Side, any Error>?
        /// Signalled once the read has its snapshot (or has failed before).
        let started = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        private var finished = false

        /// Waits for the read to end (once; later calls return at once). Called from the main thread only.
        func wait() {
            if !finished {
                done.wait()
                finished = true
            }
        }

        func get() throws -> Side {
            wait()
            return try result!.get()
        }
    }
}
