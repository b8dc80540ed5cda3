import Foundation
import GRDB
import Testing

/// A time column changed outside GovDesk to an extreme whole number (Int64.min, Int64.max, or merely a year no clock
/// has) never traps a command: each one either shows the record or refuses it as damaged (exit 74, one line naming
/// the record and the column), and `db check` names it.
@Suite(.serialized)
struct StoredInstantTests {
    /// A stored value, and the tables and triggers that must step aside for it.
    struct Tamper: CustomTestStringConvertible, Sendable {
        var table: String
        var column: String
        /// What a refusal must name.
        var record: String
        /// The append-only trigger to drop and restore around the update, if any.
        var trigger: String?

        var testDescription: String { "\(table).\(column)" }
    }

    static let ticket = "20250616-000001"
    static let finding = "ZG20250616-000001"
    static let windowCase = "BJ20250616-000001"

    static let tampers: [Tamper] = [
        Tamper(table: "ticket", column: "deadline", record: "ticket \(ticket)"),
        Tamper(table: "ticket", column: "signDeadline", record: "ticket \(ticket)"),
        Tamper(table: "ticket", column: "createdAt", record: "ticket \(ticket)"),
        Tamper(table: "finding", column: "deadline", record: "finding \(finding)"),
        Tamper(table: "windowCase", column: "due", record: "case \(windowCase)"),
        Tamper(table: "ticketEvent", column: "at", record: "ticket event", trigger: "ticketEvent_no_update"),
        Tamper(table: "auditLog", column: "at", record: "audit entry", trigger: "auditLog_no_update"),
    ]

    static let extremes = ["-9223372036854775808", "9223372036854775807", "999999999999999"]

    /// A training database with a signed ticket, an assigned finding and an open case, all of June 2025.
    static func makeDesk() throws -> CLIHarness {
        let cli = try CLIHarness(language: "en")
        try cli.ok(["init", "--training"])
        let n = try cli.ok([
            "--now", "2025-06-16T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "李明", "--phone", "13800138000", "--text", "占道经营",
        ])
        #expect(n == ticket)
        try cli.ok(["--now", "2025-06-16T09:10", "--actor", "pd01", "ticket", "dispatch", n, "--to", "CGJ"])
        try cli.ok(["--now", "2025-06-16T10:00", "--actor", "cgj1", "ticket", "sign", n])
        let f = try cli.ok([
            "--actor", "ty01", "--now", "2025-06-16T10:00", "finding", "new", "--source", "officer", "--reporter",
            "TYY01", "--kind", "slow", "--window", "A01", "--text", "等候超过一小时",
        ])
        #expect(f == finding)
        try cli.ok(["--actor", "ty01", "--now", "2025-06-16T11:00", "finding", "assign", f])
        let c = try cli.ok([
            "--actor", "w01", "--now", "2025-06-16T10:00", "case", "new", "--item", "QY001", "--window", "A01",
            "--applicant", "张建国",
        ])
        #expect(c.hasPrefix(windowCase))
        return cli
    }

    static func set(_ tamper: Tamper, to value: String, in cli: CLIHarness) throws {
        let queue = try DatabaseQueue(path: cli.database)
        // A case's due time has a CHECK against its reception; the tamper goes around it as sqlite3 could.
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA ignore_check_constraints = ON") }
        try queue.write { db in
            var triggerSQL: String?
            if let trigger = tamper.trigger {
                triggerSQL = try String.fetchOne(
                    db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [trigger])
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            // The first row only: a ticket's first event, the first audit entry.
            try db.execute(
                sql: "UPDATE \(tamper.table) SET \(tamper.column) = \(value) "
                    + "WHERE rowid = (SELECT min(rowid) FROM \(tamper.table))")
            if let triggerSQL { try db.execute(sql: triggerSQL) }
        }
        try queue.close()
    }

    /// Every command that reads the tampered kinds of record: reads, a scan that writes, exports, a report.
    static let commands: [[String]] = [
        ["ticket", "list"], ["ticket", "list", "--overdue"], ["ticket", "show", ticket],
        ["--json", "ticket", "show", ticket],
        ["--now", "2025-07-20T09:00", "--actor", "db01", "letters", "issue"], ["letters", "list"],
        ["finding", "list"], ["finding", "list", "--overdue"], ["finding", "show", finding],
        ["--json", "finding", "show", finding], ["case", "list"], ["case", "show", windowCase],
        ["--json", "case", "show", windowCase], ["--actor", "db01", "audit", "list"],
        ["--actor", "db01", "--json", "audit", "list"], ["report", "monthly", "--month", "2025-06"],
        ["report", "windows", "--month", "2025-06"], ["report", "findings", "--month", "2025-06"],
        ["export", "tickets", "--month", "2025-06"], ["export", "events", "--month", "2025-06"],
        ["export", "cases", "--month", "2025-06"], ["export", "findings", "--month", "2025-06"],
    ]

    @Test(arguments: tampers)
    func anExtremeStoredTimeIsShownOrRefusedByNameNeverATrap(_ tamper: Tamper) throws {
        let cli = try Self.makeDesk()
        defer { cli.cleanUp() }
        let pristine = cli.folder.appendingPathComponent("pristine.sqlite").path
        let queue = try DatabaseQueue(path: cli.database)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [pristine]) }
        try queue.close()
        for value in Self.extremes {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cli.database + suffix) }
            try FileManager.default.copyItem(atPath: pristine, toPath: cli.database)
            try Self.set(tamper, to: value, in: cli)
            for arguments in Self.commands {
                let result = try cli.run(arguments)
                let what = "\(tamper.testDescription) = \(value): govdesk \(arguments.joined(separator: " "))"
                #expect(!result.stderr.contains("Fatal error"), "\(what) trapped: \(result.stderr.prefix(300))")
                #expect([0, 74].contains(result.status), "\(what): \(result.status) \(result.stderr.prefix(300))")
                if result.status == 74 {
                    #expect(result.stderr.hasPrefix("govdesk: "), "\(what): \(result.stderr)")
                    #expect(result.stderr.contains(tamper.record), "\(what): \(result.stderr)")
                    #expect(result.stderr.contains("its stored \(tamper.column) \(value)"), "\(what): \(result.stderr)")
                    #expect(result.stderr.contains("run `govdesk db check`"), "\(what): \(result.stderr)")
                }
            }
            let check = try cli.run(["db", "check"])
            #expect(!check.stderr.contains("Fatal error"), "db check trapped: \(check.stderr.prefix(300))")
            #expect(
                [1, 74].contains(check.status), "db check of \(tamper.testDescription) = \(value): \(check.status)")
        }
    }

    /// The deadline the review used: `ticket list`, `ticket show`, `letters issue` and `finding list` refuse the
    /// damaged record by name rather than show a year no clock has.
    @Test func theReviewedCommandsNameTheDamagedDeadline() throws {
        let cli = try Self.makeDesk()
        defer { cli.cleanUp() }
        for value in ["-9223372036854775808", "9223372036854775807"] {
            try Self.set(Tamper(table: "ticket", column: "deadline", record: ""), to: value, in: cli)
            try Self.set(Tamper(table: "finding", column: "deadline", record: ""), to: value, in: cli)
            for arguments in [
                ["ticket", "list"], ["ticket", "show", Self.ticket],
                ["--now", "2025-07-20T09:00", "--actor", "db01", "letters", "issue"],
            ] {
                let result = try cli.run(arguments)
                #expect(result.status == 74, "\(arguments): \(result.stderr.prefix(300))")
                #expect(
                    result.stderr.contains("ticket \(Self.ticket): its stored deadline \(value) is not a time"),
                    "\(arguments): \(result.stderr.prefix(300))")
            }
            let findings = try cli.run(["finding", "list"])
            #expect(findings.status == 74, "\(findings.stderr.prefix(300))")
            #expect(findings.stderr.contains("finding \(Self.finding): its stored deadline \(value)"))
        }
    }

    /// An import never stores what would be read back as damaged: the year 0 is refused as bad data, by row and column.
    @Test func anImportedTimeOfTheYearZeroIsBadData() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let path = cli.folder.appendingPathComponent("zero.csv").path
        try nycCSV([
            "61000007,01/01/0000 09:15:30 AM,,DSNY,Department of Sanitation,Missed Collection,Recycling,Street,11201,"
                + "100 COURT STREET,Open,,,BROOKLYN,PHONE"
        ]).write(to: URL(fileURLWithPath: path))
        let before = try cli.dump()
        let result = try cli.run(["--actor", "op01", "import", "tickets", path, "--mapping", mappingPath])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("row 1 (line 2), column 'Created Date'"), "\(result.stderr)")
        #expect(result.stderr.contains("is not a time of the years 1 to 10000"), "\(result.stderr)")
        #expect(try cli.dump() == before)
    }
}
