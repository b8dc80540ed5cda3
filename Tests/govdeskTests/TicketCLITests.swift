import Foundation
import Testing

/// The ticket commands as a new user runs them: the README's walk, refusals, bad input, exit statuses.
@Suite(.serialized)
struct TicketCLITests {
    /// Logs the README's complaint and returns its number.
    func newComplaint(_ cli: CLIHarness, at time: String = "2025-09-29T09:12") throws -> String {
        try cli.ok([
            "--now", time, "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张建国", "--phone", "13835512345", "--text",
            "早市摊贩占用人行道经营",
        ])
    }

    @Test func wholeLifeFromNewToRevisitTellsItsStory() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let n = try newComplaint(cli)
        #expect(n == "20250929-000001")
        try cli.ok([
            "--now", "2025-09-29T09:40", "--actor", "pd01", "ticket", "dispatch", n, "--to", "CGJ", "--co", "YXNL",
        ])
        let signed = try cli.ok(["--now", "2025-09-30T08:55", "--actor", "cgj1", "ticket", "sign", n])
        #expect(signed.contains("2025-10-21 24:00"))
        try cli.ok([
            "--now", "2025-10-13T10:00", "--actor", "cgj1", "ticket", "extend", n, "--days", "3", "--reason", "核查",
        ])
        let approved = try cli.ok(["--now", "2025-10-13T15:30", "--actor", "db01", "ticket", "approve-extension", n])
        #expect(approved.contains("2025-10-24 24:00"))
        try cli.ok([
            "--now", "2025-10-20T17:10", "--actor", "cgj1", "ticket", "reply", n, "--text", "已巡查", "--outcome",
            "partly",
        ])
        try cli.ok(["--now", "2025-10-21T09:20", "--actor", "sh01", "ticket", "reject", n, "--reason", "未说明长效措施"])
        try cli.ok(["--now", "2025-10-23T16:45", "--actor", "cgj1", "ticket", "reply", n, "--text", "占道已消除"])
        try cli.ok(["--now", "2025-10-24T10:05", "--actor", "sh01", "ticket", "approve", n])
        try cli.ok([
            "--now", "2025-10-27T11:00", "--actor", "op02", "ticket", "revisit", n, "--satisfaction", "5", "--resolved",
            "yes",
        ])

        let json = try cli.ok(["--json", "ticket", "show", n])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["number"] as? String == n)
        #expect(object["state"] as? String == "closed")
        #expect(object["department"] as? String == "CGJ")
        #expect(object["deadline"] as? String == "2025-10-25T00:00:00+08:00")
        #expect(object["signDeadline"] as? String == "2025-09-30T09:40:00+08:00")
        #expect(object["callerPhone"] as? String == "138****2345")
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(
            events.map { $0["action"] as? String ?? "" } == [
                "create", "dispatch", "sign", "extend", "approve-extension", "reply", "reject", "reply", "approve",
                "revisit",
            ])
        #expect(events[1]["from"] as? String == "received")
        #expect(events[1]["to"] as? String == "dispatched")
        #expect(events[1]["actor"] as? String == "pd01")
        #expect(events[8]["at"] as? String == "2025-10-24T10:05:00+08:00")

        let story = try cli.ok(["--lang", "en", "ticket", "show", n])
        #expect(story.contains("Timeline:"))
        #expect(story.contains("answered on time"))
        #expect(!story.contains("13835512345"))
        #expect(!story.contains("张建国"))
        let full = try cli.ok(["--actor", "db01", "ticket", "show", n, "--include-pii"])
        #expect(full.contains("13835512345"))
        #expect(full.contains("张建国"))
    }

    @Test func refusalsPrintOneLineAndExitOne() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let n = try newComplaint(cli)
        let before = try cli.dump()

        let wrongState = try cli.run(["--actor", "cgj1", "ticket", "sign", n])
        #expect(wrongState.status == 1)
        #expect(
            wrongState.stderr
                == "govdesk: ticket \(n) is received; sign is not allowed: resolve, dispatch or merge are allowed now\n"
        )

        let wrongRole = try cli.run(["--actor", "op01", "ticket", "dispatch", n, "--to", "CGJ"])
        #expect(wrongRole.status == 1)
        #expect(wrongRole.stderr.contains("op01 (operator) may not dispatch"))
        #expect(wrongRole.stderr.split(separator: "\n").count == 1)

        try cli.ok(["--actor", "pd01", "ticket", "dispatch", n, "--to", "CGJ"])
        let afterDispatch = try cli.dump()
        let otherDepartment = try cli.run(["--actor", "zjj1", "ticket", "sign", n])
        #expect(otherDepartment.status == 1)
        #expect(otherDepartment.stderr.contains("was sent to CGJ"))
        #expect(try cli.dump() == afterDispatch)
        #expect(before != afterDispatch)
    }

    @Test(arguments: [
        (["--actor", "pd01", "ticket", "dispatch", "{n}", "--to", "NOPE"], Int32(65), "no department NOPE"),
        (["--actor", "cgj1", "ticket", "sign", "20990101-000001"], Int32(65), "no ticket 20990101-000001"),
        (["ticket", "sign", "{n}"], Int32(64), "name yourself with --actor CODE"),
        (["--now", "2025-13-01", "ticket", "sign", "{n}"], Int32(64), "--now '2025-13-01' is not a time"),
        (["--now", "yesterday", "ticket", "urge", "{n}"], Int32(64), "is not a time"),
        (["--actor", "ghost", "ticket", "urge", "{n}"], Int32(65), "no staff member ghost"),
        (["ticket", "extend", "{n}", "--days", "0", "--reason", "x"], Int32(64), "--days 0 is not allowed"),
        (["ticket", "revisit", "{n}", "--satisfaction", "9", "--resolved", "yes"], Int32(64), "--satisfaction 9"),
        (["ticket", "list", "--type", "gossip"], Int32(64), "gossip"),
        (["ticket", "list", "--due-within", "soon"], Int32(64), "is not a duration"),
        (["--actor", "cgj1", "ticket", "return", "{n}", "--reason", "   "], Int32(1), "is not allowed"),
    ])
    func badInputExitsWithItsStatusAndWritesNothing(arguments: [String], status: Int32, message: String) throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let n = try newComplaint(cli)
        let before = try cli.dump()
        let result = try cli.run(arguments.map { $0 == "{n}" ? n : $0 })
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try cli.dump() == before)
    }

    @Test(arguments: [
        (
            [
                "--type", "complaint", "--topic", "城市管理/市容环境", "--channel", "phone", "--caller", "李", "--phone",
                "13800000000", "--text", "  ",
            ], Int32(64), "--text (description): must not be empty"
        ),
        (
            [
                "--type", "complaint", "--topic", "a/b/c/d", "--channel", "phone", "--caller", "李", "--phone",
                "13800000000", "--text", "x",
            ], Int32(64), "is not a topic path"
        ),
        (
            [
                "--type", "complaint", "--topic", "a/b", "--channel", "fax", "--caller", "李", "--phone", "13800000000",
                "--text", "x",
            ], Int32(64), "fax"
        ),
        (
            [
                "--type", "complaint", "--topic", "a/b", "--channel", "phone", "--caller", "李", "--phone", "call me",
                "--text", "x",
            ], Int32(64), "is not a phone number"
        ),
        (
            ["--type", "complaint", "--topic", "a/b", "--channel", "phone", "--caller", "李", "--phone", "13800000000"],
            Int32(64), "--text"
        ),
    ])
    func badIntakeIsRefusedBeforeAnythingIsWritten(arguments: [String], status: Int32, message: String) throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let before = try cli.dump()
        let result = try cli.run(["ticket", "new"] + arguments)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try cli.dump() == before)
    }

    @Test func descriptionLongerThanFourThousandCharactersIsRefused() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let result = try cli.run([
            "ticket", "new", "--type", "consult", "--topic", "a/b", "--channel", "web", "--caller", "王", "--phone",
            "13800000000", "--text", String(repeating: "长", count: 4001),
        ])
        #expect(result.status == 64)
        #expect(result.stderr.contains("at most 4000"))
    }

    @Test func listFiltersOverdueAndDueSoon() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let late = try newComplaint(cli, at: "2025-09-01T09:00")
        let fresh = try newComplaint(cli, at: "2025-10-20T09:00")
        for (n, day) in [(late, "2025-09-01"), (fresh, "2025-10-20")] {
            try cli.ok(["--now", "\(day)T10:00", "--actor", "pd01", "ticket", "dispatch", n, "--to", "CGJ"])
            try cli.ok(["--now", "\(day)T11:00", "--actor", "cgj1", "ticket", "sign", n])
        }
        let overdue = try cli.ok(["--now", "2025-10-21T09:00", "--json", "ticket", "list", "--overdue"])
        let overdueNumbers = try #require(
            try JSONSerialization.jsonObject(with: Data(overdue.utf8)) as? [[String: Any]]
        )
        .compactMap { $0["number"] as? String }
        #expect(overdueNumbers == [late])
        let inCGJ = try cli.ok(["--json", "ticket", "list", "--dept", "CGJ", "--state", "handling"])
        #expect(inCGJ.contains(late) && inCGJ.contains(fresh))
        let unknownDept = try cli.run(["ticket", "list", "--dept", "NOPE"])
        #expect(unknownDept.status == 65)
        let september = try cli.ok(["--json", "ticket", "list", "--from", "2025-09-01", "--to", "2025-09-30"])
        #expect(september.contains(late) && !september.contains(fresh))
    }

    @Test func calendarCheckPrintsTheDeadlineDayAndMarksOnePast2026Provisional() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        #expect(try cli.ok(["calendar", "check", "--from", "2025-09-30", "--working-days", "10"]) == "2025-10-21")
        let past = try cli.run(["calendar", "check", "--from", "2026-12-28", "--working-days", "10"])
        #expect(past.status == 0)
        #expect(past.stdout.contains("2027-01-11（暂定：2027 年工作日历未载入，按周一至周五计算）"), "\(past.stdout)")
        let json = try cli.ok(["--json", "calendar", "check", "--from", "2026-12-28", "--working-days", "10"])
        #expect(json.contains("\"provisional\" : true"))
        let shown = try cli.ok(["calendar", "show", "--year", "2025"])
        #expect(shown.contains("国办发明电〔2024〕12号"))
        #expect(shown.contains("2025-10-11"))
    }

    @Test func aMissingDatabaseSaysToRunInitAndCreatesNothing() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        let result = try cli.run([
            "ticket", "new", "--type", "consult", "--topic", "a/b", "--channel", "web", "--caller", "王", "--phone",
            "13800000000", "--text", "x",
        ])
        #expect(result.status == 74)
        #expect(result.stderr.contains("no database at \(cli.database); `govdesk init` creates one"))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test func aFileThatIsNotADatabaseIsAStorageFailure() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try Data("this is not sqlite, just text that is long enough to have a header".utf8).write(
            to: URL(fileURLWithPath: cli.database))
        let result = try cli.run(["dept", "list"])
        #expect(result.status == 74)
        #expect(result.stderr.contains("not a SQLite database") || result.stderr.contains("cannot open"))
    }

    @Test func demoRefusesToReplaceARealDatabase() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let result = try cli.run(["demo"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not a demo"))
    }
}
