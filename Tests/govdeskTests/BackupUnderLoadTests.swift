import Foundation
import GRDB
import Testing

/// `govdesk db backup FILE` while other processes write: the copy passes `db check` and holds a consistent prefix
/// of the history (issue 5).
@Suite(.serialized)
struct BackupUnderLoadTests {
    /// Tickets in a copy with exactly `eventCount` events numbered 1…eventCount: a copy taken mid-transaction would
    /// hold a ticket row without its last events, or events without their row.
    static func inconsistentTickets(in path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT t.number FROM ticket t
                    LEFT JOIN (SELECT ticketId, count(*) AS n, max(sequence) AS last FROM ticketEvent GROUP BY ticketId) e
                      ON e.ticketId = t.id
                    WHERE e.n IS NULL OR e.n != t.eventCount OR e.last != t.eventCount
                    UNION ALL
                    SELECT 'orphan event of ticket id ' || ticketId FROM ticketEvent
                    WHERE ticketId NOT IN (SELECT id FROM ticket)
                    """)
        }
    }

    @Test func backupsTakenWhileFourProcessesWriteAreWholeAndCheckable() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        // One writer imports a big CSV in one long transaction; three others log and dispatch tickets one by one.
        let csv = cli.folder.appendingPathComponent("nyc.csv")
        // Small enough that its write transaction stays well inside the writers' 30 s busy timeout on a loaded machine.
        let rows = longTests ? 50_000 : 5000
        try Data(CrashSafetyTests.makeNYCExport(rows: rows).utf8).write(to: csv)
        let importer = try cli.start([
            "--now", "2022-06-15T09:00", "--actor", "op01", "import", "tickets", csv.path, "--mapping",
            CrashSafetyTests.mapping,
        ])
        let writers = 3
        let perWriter = longTests ? 60 : 20
        let failures = Failures()
        let group = DispatchGroup()
        for worker in 0..<writers {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for i in 0..<perWriter {
                    let arguments = [
                        "--actor", "op0\(worker + 1)", "--now", "2025-03-03T10:\(String(format: "%02d", i % 60))",
                        "--json", "ticket", "new", "--type", "help", "--topic", "公用事业/供水/停水", "--channel",
                        "phone", "--caller", "工人\(worker)", "--phone",
                        "1390000\(String(format: "%04d", worker * 1000 + i))", "--text", "第\(worker)组第\(i)件",
                    ]
                    guard let result = try? cli.runWithoutPipes(arguments), result.status == 0,
                        let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
                            as? [String: Any],
                        let number = object["number"] as? String
                    else {
                        failures.add("writer \(worker): ticket new \(i) failed")
                        continue
                    }
                    let dispatch = try? cli.runWithoutPipes([
                        "--actor", "pd01", "--now", "2025-03-03T15:00", "ticket", "dispatch", number, "--to", "CGJ",
                    ])
                    if dispatch?.status != 0 {
                        failures.add("writer \(worker): dispatch \(number): \(dispatch?.stderr ?? "")")
                    }
                }
            }
        }

        // Backups every half second while the writers run (at most 10), and one after they have all finished;
        // each must succeed without waiting for the writers.
        let writersDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            group.wait()
            importer.waitUntilExit()
            writersDone.signal()
        }
        var copies: [(path: String, seconds: Double, whileWriting: Bool, committed: Int)] = []
        var finished = false
        while !finished {
            if copies.count >= 10 {
                writersDone.wait()
                finished = true
            } else {
                finished = writersDone.wait(timeout: .now() + 0.5) == .success
            }
            let copy = cli.folder.appendingPathComponent("backup-\(copies.count).sqlite").path
            // Committed before the backup started, so the copy must hold them: a stale copy is not a backup.
            let committed = try cli.count("SELECT count(*) FROM ticket")
            let started = Date()
            let result = try cli.run(["--actor", "db01", "db", "backup", copy])
            #expect(result.status == 0, "backup \(copies.count): \(result.stderr)")
            copies.append((copy, Date().timeIntervalSince(started), !finished, committed))
        }
        #expect(importer.terminationStatus == 0)
        #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")
        #expect(
            copies.filter(\.whileWriting).count >= 2, "the writers ended before the backups; the test proved little")
        let liveTickets = try cli.count("SELECT count(*) FROM ticket")
        #expect(liveTickets == rows + writers * perWriter)

        var ticketsSeen: [Int] = []
        for copy in copies {
            let queue = try DatabaseQueue(path: copy.path)
            let (tickets, imported) = try queue.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket") ?? -1,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket WHERE sourceSystem = 'nyc311'") ?? -1
                )
            }
            try queue.close()
            let check = try cli.run(["db", "check", "--db", copy.path])
            #expect(check.status == 0, "\(copy.path): \(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("工单 \(tickets) 件"), "db check did not read the copy: \(check.stdout)")
            #expect(try Self.inconsistentTickets(in: copy.path) == [], "\(copy.path)")
            // The import is one transaction: a copy holds all of it or none of it.
            #expect(imported == 0 || imported == rows, "\(copy.path): \(imported) rows")
            #expect(tickets >= copy.committed, "\(copy.path): \(tickets) tickets, \(copy.committed) committed before")
            ticketsSeen.append(tickets)
            print("backup \(copy.path): \(tickets) tickets, \(String(format: "%.2f", copy.seconds)) s")
        }
        // The copies grow with the writers' work, and the last one, taken after they finished, holds all of it.
        #expect(ticketsSeen == ticketsSeen.sorted() && Set(ticketsSeen).count > 1, "\(ticketsSeen)")
        #expect(ticketsSeen.last == liveTickets)
    }

    /// Messages gathered from several threads.
    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [String] = []
        func add(_ message: String) { lock.withLock { messages.append(message) } }
        var all: [String] { lock.withLock { messages } }
    }
}
