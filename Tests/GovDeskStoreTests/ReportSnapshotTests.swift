import Foundation
import GRDB
import GovDeskCore
import Testing

@testable import GovDeskStore

/// On a database file the report folds the month before on a second connection (issue 6, case 3): both
/// connections must read the same snapshot, and the report must be the one a single read transaction makes.
struct ReportSnapshotTests {
    /// A report bench over a new database file holding the March of `MonthlyReportStoreTests`.
    func makeFileBench() throws -> (ReportBench, URL) {
        let folder = try makeTemporaryDirectory()
        let bench = try ReportBench(path: folder.appendingPathComponent("report.sqlite").path)
        _ = try MonthlyReportStoreTests.makeMarch(bench)
        return (bench, folder)
    }

    func ticketCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket") ?? -1
    }

    @Test func theReportOnTwoConnectionsIsTheReportOfOneTransaction() throws {
        let (bench, folder) = try makeFileBench()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sideBySide = try bench.report("2025-03", trendMonths: 12)

        // When another connection holds the write lock, the report cannot line up two snapshots: it reads in turn.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: bench.database.path, configuration: configuration)
        try other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let sides: [(Database) throws -> Int] = [ticketCount]
        #expect(try bench.database.readSideBySide({ db, _ in try ticketCount(db) }, sides) == nil)
        let inTurn = try bench.report("2025-03", trendMonths: 12)
        try other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }

        #expect(sideBySide == inTurn)
        #expect(sideBySide.headline.received == 8)
        #expect(sideBySide.previousMonth.received == 1)
        // And the in-memory report of the same tickets (always one transaction) agrees.
        let memory = try ReportBench()
        _ = try MonthlyReportStoreTests.makeMarch(memory)
        #expect(try memory.report("2025-03", trendMonths: 12) == sideBySide)
    }

    @Test func bothConnectionsReadTheSnapshotOfBeforeACommitThatFollows() throws {
        let (bench, folder) = try makeFileBench()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try bench.database.writer.read(ticketCount)
        let committed = DispatchSemaphore(value: 0)
        let counts = try bench.database.readSideBySide(
            { (db: Database, side: (Int) throws -> Int) in
                // Once both snapshots are taken, a ticket is committed from another connection …
                let writer = try GovDeskDatabase(path: bench.database.path)
                _ = try writer.createTicket(
                    Ticket.Intake(
                        channel: .phone, type: .complaint, topic: MonthlyReportStoreTests.topicB, urgency: .normal,
                        callerName: "李四", callerPhone: "13800000099", description: "快照之后"),
                    actor: "op1", at: bench.at("2025-03-15T09:00"), localTime: bench.localTime)
                committed.signal()
                committed.signal()
                // … and no connection sees it: the side reads run after the commit.
                return [try ticketCount(db), try side(0), try side(1)]
            },
            [
                { db in
                    committed.wait()
                    return try ticketCount(db)
                },
                { db in
                    committed.wait()
                    return try ticketCount(db)
                },
            ])
        #expect(counts?.0 == [before, before, before])
        #expect(counts?.1 == [before, before])
        #expect(try bench.database.writer.read(ticketCount) == before + 1)
    }

    @Test func aFailingSideReadFailsTheReportAndLeavesTheFileUnlocked() throws {
        let (bench, folder) = try makeFileBench()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: StoreError.self) {
            _ = try bench.database.readSideBySide(
                { _, side in try side(1) },
                [{ db in try ticketCount(db) }, { db in try Int.fetchOne(db, sql: "SELECT * FROM noSuchTable") ?? 0 }])
        }
        // A writer gets the lock at once.
        let other = try DatabaseQueue(path: bench.database.path)
        try other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE; ROLLBACK") }
        #expect(try bench.report("2025-03").headline.received == 8)
    }
    /// A report made without looking for 重复诉求 (for the JSON, which has no key for them) renders the same JSON as
    /// the full report, on a database file (side by side) and in memory (one transaction); only its repeat counts
    /// are zero.
    @Test func theJSONOfAReportWithoutRepeatsIsTheJSONOfTheFullReport() throws {
        let (file, folder) = try makeFileBench()
        defer { try? FileManager.default.removeItem(at: folder) }
        let memory = try ReportBench()
        _ = try MonthlyReportStoreTests.makeMarch(memory)
        for bench in [file, memory] {
            let full = try bench.report("2025-03")
            let lean = try bench.database.monthlyReport(
                for: Month("2025-03")!, timeZone: bench.zone, trendMonths: 1, countsRepeats: false)
            #expect(full.countsRepeats && !lean.countsRepeats)
            #expect(full.headline.repeats == 2)
            #expect(lean.headline.repeats == 0 && lean.repeatTopics.isEmpty)
            #expect(lean.json().rendered() == full.json().rendered())
            #expect(lean.departmentsJSON().rendered() == full.departmentsJSON().rendered())
        }
    }
}
