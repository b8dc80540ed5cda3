import Foundation
import GRDB
import Testing

/// DESIGN §11.4: `db check` replays every case and finding from its events and compares the row. Each column someone
/// with the sqlite3 shell could change in a case's or a finding's row — triggers dropped first — is changed on a copy
/// of a database made through the command line; `db check` exits 1 and names the record and the column. (The ledger
/// names the same rows in its own words; these tests look for the replay's.)
@Suite(.serialized)
struct ReplayTamperTests {
    /// The records the base database holds, by what they are.
    struct Base {
        var cli: CLIHarness
        /// Completed after one materials request (two visits) and rated 2, which opened `ratingFinding`.
        var completed: String
        /// Still open.
        var open: String
        /// Completed and rated 5: its rating opened nothing.
        var rated: String
        var ratingFinding: String
        /// A walkthrough finding, assigned for 10 working days.
        var finding: String
    }

    static func makeBase() throws -> Base {
        let cli = try CLIHarness()
        try cli.ok(["init", "--training"])
        func newCase(_ time: String) throws -> String {
            let created = try cli.ok([
                "--actor", "w01", "--now", time, "case", "new", "--item", "QY001", "--window", "A01", "--applicant",
                "张建国",
            ])
            return try #require(created.split(separator: "\n").first.map(String.init))
        }
        let completed = try newCase("2025-10-09T09:00")
        let open = try newCase("2025-10-09T09:30")
        let rated = try newCase("2025-10-09T09:40")
        try cli.ok([
            "--actor", "w01", "--now", "2025-10-09T10:00", "case", "request-materials", completed, "--materials", "章程",
        ])
        try cli.ok(["--actor", "w01", "--now", "2025-10-09T15:00", "case", "complete", completed])
        let ratedBadly = try cli.ok(["--actor", "w02", "--now", "2025-10-09T15:10", "rate", completed, "--score", "2"])
        let ratingFinding = try #require(
            ratedBadly.firstMatch(of: try Regex("ZG[0-9]{8}-[0-9]{6}")).map { String(ratedBadly[$0.range]) })
        try cli.ok(["--actor", "w01", "--now", "2025-10-09T16:00", "case", "complete", rated])
        try cli.ok(["--actor", "w02", "--now", "2025-10-09T16:10", "rate", rated, "--score", "5"])
        let finding = try cli.ok([
            "--now", "2025-10-10T10:00", "--actor", "ty01", "finding", "new", "--source", "walkthrough", "--kind",
            "slow", "--window", "A01", "--text", "叫号系统故障",
        ])
        try cli.ok(["--now", "2025-10-10T10:05", "--actor", "ty01", "finding", "assign", finding, "--days", "10"])
        return Base(
            cli: cli, completed: completed, open: open, rated: rated, ratingFinding: ratingFinding, finding: finding)
    }

    /// One change to a row, and the replay's message `db check` must print about it.
    struct Change: CustomTestStringConvertible {
        var name: String
        var sql: (Base) -> String
        var finds: (Base) -> String

        var testDescription: String { name }
    }

    static func differs(_ subject: String, columns: String) -> String {
        "\(subject): its row differs from what its events record (columns: \(columns))"
    }

    static let changes: [Change] = [
        Change(
            name: "mark an open case completed in time",
            sql: { "UPDATE windowCase SET state = 'completed', finishedAt = due - 60 WHERE number = '\($0.open)'" },
            finds: { differs("case \($0.open), event 1", columns: "state, finishedAt") }),
        Change(
            name: "move an open case's due time a day later",
            sql: { "UPDATE windowCase SET due = due + 86400 WHERE number = '\($0.open)'" },
            finds: { differs("case \($0.open), event 1", columns: "due") }),
        Change(
            name: "make a case's two visits one",
            sql: { "UPDATE windowCase SET visits = 1 WHERE number = '\($0.completed)'" },
            finds: { differs("case \($0.completed), event 4", columns: "visits") }),
        Change(
            name: "verify an assigned finding",
            sql: { "UPDATE finding SET state = 'verified' WHERE number = '\($0.finding)'" },
            finds: { differs("finding \($0.finding), event 2", columns: "state") }),
        Change(
            name: "give a finding ten more days",
            sql: { "UPDATE finding SET deadline = deadline + 864000 WHERE number = '\($0.finding)'" },
            finds: { differs("finding \($0.finding), event 2", columns: "deadline") }),
        Change(
            name: "move a 差评's finding to another case",
            sql: {
                """
                UPDATE finding SET caseId = (SELECT id FROM windowCase WHERE number = '\($0.open)')
                    WHERE number = '\($0.ratingFinding)'
                """
            },
            finds: { differs("finding \($0.ratingFinding), event 2", columns: "caseId") }),
        Change(
            name: "link a 差评's finding to another case's rating",
            sql: {
                """
                UPDATE finding SET ratingId = (SELECT r.id FROM rating r JOIN windowCase c ON c.id = r.caseId
                    WHERE c.number = '\($0.rated)') WHERE number = '\($0.ratingFinding)'
                """
            },
            finds: {
                "finding \($0.ratingFinding): its rating link (ratingId 2) names a rating of case \($0.rated), "
                    + "its events the case \($0.completed)"
            }),
    ]

    @Test func theBaseDatabasePasses() throws {
        let base = try Self.makeBase()
        defer { base.cli.cleanUp() }
        let check = try base.cli.run(["db", "check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("事件链已核对：工单 0 件，办件 3 件，整改事项 2 件"), "\(check.stdout)")
    }

    @Test func everyChangedColumnIsNamed() throws {
        let base = try Self.makeBase()
        defer { base.cli.cleanUp() }
        for change in Self.changes {
            let copy = try Self.tampered(base, change)
            defer { copy.cleanUp() }
            let check = try copy.run(["db", "check"])
            #expect(check.status == 1, "\(change.name): \(check.stdout)\(check.stderr)")
            let expected = change.finds(base)
            #expect(check.stdout.contains(expected), "\(change.name): no «\(expected)» in\n\(check.stdout)")
        }
    }

    /// A forger who also rewrites the whole ledger to match passes the ledger's checks when no seal is given; the
    /// replay still finds every changed row, since its events say otherwise.
    @Test func aChangeWhoseLedgerWasRewrittenIsStillFoundByTheReplay() throws {
        let base = try Self.makeBase()
        defer { base.cli.cleanUp() }
        for change in Self.changes {
            let copy = try Self.tampered(base, change, after: LedgerTamperTests.rewriteLedger)
            defer { copy.cleanUp() }
            let check = try copy.run(["db", "check"])
            #expect(check.status == 1, "\(change.name): \(check.stdout)\(check.stderr)")
            #expect(!check.stdout.contains("ledger entry"), "\(change.name): \(check.stdout)")
            let expected = change.finds(base)
            #expect(check.stdout.contains(expected), "\(change.name): no «\(expected)» in\n\(check.stdout)")
        }
    }

    /// A copy of the base database with `change` made behind GovDesk's back, its triggers dropped first; `after`
    /// runs in the same transaction.
    static func tampered(
        _ base: Base, _ change: Change, after: ((Database) throws -> Void)? = nil
    ) throws -> CLIHarness {
        // English: the changes are named in the words of `Change.finds`.
        let copy = try CLIHarness(language: "en")
        try FileManager.default.copyItem(atPath: base.cli.database, toPath: copy.database)
        // A command that ended on an error leaves its write-ahead log for the next one: it is part of the database.
        if FileManager.default.fileExists(atPath: base.cli.database + "-wal") {
            try FileManager.default.copyItem(atPath: base.cli.database + "-wal", toPath: copy.database + "-wal")
        }
        let queue = try DatabaseQueue(path: copy.database)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try db.inTransaction {
                try db.execute(sql: change.sql(base))
                try after?(db)
                return .commit
            }
        }
        try queue.close()
        return copy
    }
}
