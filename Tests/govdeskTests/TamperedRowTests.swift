import Foundation
import GRDB
import Testing

/// A row whose counters were changed outside GovDesk (the ticket, case and finding tables are not append-only) is
/// refused with one line naming it, never a trap: `eventCount + 1` on Int64.max would stop the process.
@Suite(.serialized)
struct TamperedRowTests {
    static let huge = "9223372036854775807"

    static func tamper(_ cli: CLIHarness, _ sql: String) throws {
        let queue = try DatabaseQueue(path: cli.database)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    /// Exit 74, one line from govdesk naming the record and the stored value, and no trap.
    static func expectRefused(
        _ result: CLIHarness.Result, naming fragment: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == 74, "\(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("govdesk: "), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(fragment), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("run `govdesk db check`"), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
    }

    @Test func aTicketWhoseEventCountIsOutOfRangeIsRefused() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let number = try cli.ok([
            "--now", "2025-03-03T09:00", "--actor", "op01", "ticket", "new", "--type", "help", "--topic", "公用事业/供水/停水",
            "--channel", "web", "--caller", "周敏", "--phone", "13900001111", "--text", "停水",
        ])
        try cli.ok(["--now", "2025-03-03T09:10", "--actor", "pd01", "ticket", "dispatch", number, "--to", "CGJ"])
        try Self.tamper(cli, "UPDATE ticket SET eventCount = \(Self.huge)")
        let before = try cli.dump()
        let message = "ticket \(number): its stored event count \(Self.huge) is out of range (1 to 1000000)"
        for arguments in [
            ["--now", "2025-03-03T10:00", "--actor", "cgj1", "ticket", "sign", number],
            ["--now", "2025-03-03T10:00", "--actor", "db01", "ticket", "urge", number],
            ["--now", "2025-03-20T10:00", "--actor", "db01", "letters", "issue"],
            ["ticket", "show", number], ["ticket", "list"],
        ] {
            Self.expectRefused(try cli.run(arguments), naming: message)
        }
        #expect(try cli.dump() == before)
        let check = try cli.run(["db", "check"])
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains(message), "\(check.stdout)")
    }

    @Test func aCaseWhoseCountsAreOutOfRangeIsRefused() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let created = try cli.ok([
            "--actor", "w01", "--now", "2025-10-09T10:00", "case", "new", "--item", "QY001", "--window", "A01",
            "--applicant", "张建国",
        ])
        let number = try #require(created.split(separator: "\n").first.map(String.init))
        let request = [
            "--actor", "w01", "--now", "2025-10-09T10:20", "case", "request-materials", number, "--materials", "章程",
        ]
        try Self.tamper(cli, "UPDATE windowCase SET eventCount = \(Self.huge)")
        Self.expectRefused(
            try cli.run(request), naming: "case \(number): its stored event count \(Self.huge) is out of range")
        try Self.tamper(cli, "UPDATE windowCase SET eventCount = 1, visits = \(Self.huge)")
        Self.expectRefused(
            try cli.run(request), naming: "case \(number): its stored visit count \(Self.huge) is out of range")
        try Self.tamper(cli, "UPDATE windowCase SET visits = 1, eventCount = \(Self.huge)")
        let check = try cli.run(["db", "check"])
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains("case \(number): its stored event count \(Self.huge) is out of range"))
    }

    @Test func aFindingWhoseEventCountIsOutOfRangeIsRefused() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let number = try cli.ok([
            "--actor", "ty01", "--now", "2025-10-13T10:00", "finding", "new", "--source", "officer", "--reporter",
            "TYY01", "--kind", "slow", "--window", "A01", "--text", "等候超过一小时",
        ])
        try Self.tamper(cli, "UPDATE finding SET eventCount = \(Self.huge)")
        Self.expectRefused(
            try cli.run(["--actor", "ty01", "--now", "2025-10-13T11:00", "finding", "assign", number]),
            naming: "finding \(number): its stored event count \(Self.huge) is out of range")
        Self.expectRefused(try cli.run(["finding", "show", number]), naming: "finding \(number)")
    }

    @Test func aLetterNumberOutOfRangeIsRefused() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        /// A ticket signed for at `day` 10:00, whose deadline has passed three weeks later.
        func signedTicket(_ day: String) throws {
            let number = try cli.ok([
                "--now", "\(day)T09:00", "--actor", "op01", "ticket", "new", "--type", "help", "--topic",
                "公用事业/供水/停水", "--channel", "web", "--caller", "周敏", "--phone", "13900001111", "--text", "停水",
            ])
            try cli.ok(["--now", "\(day)T09:10", "--actor", "pd01", "ticket", "dispatch", number, "--to", "CGJ"])
            try cli.ok(["--now", "\(day)T10:00", "--actor", "cgj1", "ticket", "sign", number])
        }
        try signedTicket("2025-03-03")
        try cli.ok(["--now", "2025-03-31T10:00", "--actor", "db01", "letters", "issue"])
        // The trigger back afterwards: a schema that is not GovDesk's refuses every write before this one could.
        try Self.tamper(
            cli,
            """
            DROP TRIGGER letter_no_update; UPDATE letter SET sequence = \(Self.huge);
            CREATE TRIGGER letter_no_update BEFORE UPDATE ON letter
            BEGIN SELECT RAISE(ABORT, 'letter is append-only: its rows are never updated'); END;
            """)
        try signedTicket("2025-04-01")
        Self.expectRefused(
            try cli.run(["--now", "2025-04-30T10:00", "--actor", "db01", "letters", "issue"]),
            naming: "letters of 2025: its stored last letter number \(Self.huge) is out of range")
    }
}
