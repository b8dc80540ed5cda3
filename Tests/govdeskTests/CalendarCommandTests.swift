import Foundation
import GovDeskTestSupport
import GRDB
import Testing

/// DESIGN §3 through the built binary: deadlines into a year without a notice are provisional and marked; an
/// administrator adds the year (our YAML or holiday-cn JSON), and the provisional deadlines of open tickets, cases
/// and rectifications move with it — never earlier — each with an event, listed by the command.
@Suite(.serialized)
struct CalendarCommandTests {
    /// A made-up 2027 (tests must not pretend to know the real notice): 元旦 Fri 1 – Mon 4 January with a make-up
    /// Saturday 9 January, 春节 5–11 February with a make-up Saturday 13 February.
    static let fictional2027 = String(decoding: makeFictional2027JSON(), as: UTF8.self)

    func write(_ text: String, _ name: String, in cli: CLIHarness) throws -> String {
        let path = cli.folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aComplaintSignedOnChristmasEveIsProvisionalUntil2027IsAddedThenMovesLater() throws {
        var cli = try CLIHarness()
        cli.environment["GOVDESK_CALENDAR_WARNING"] = nil
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        // A complaint signed on Thu 2026-12-24: 25, 28–31, then Mon–Fri 1, 4–7 → 24:00 on 2027-01-07, provisionally.
        let number = try cli.ok([
            "--now", "2026-12-24T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张建国", "--phone", "13835512345", "--text", "早市摊贩占道",
        ])
        try cli.ok(["--now", "2026-12-24T09:30", "--actor", "pd01", "ticket", "dispatch", number, "--to", "CGJ"])
        let sign = try cli.run(["--now", "2026-12-24T10:00", "--actor", "cgj1", "ticket", "sign", number])
        #expect(sign.status == 0, "\(sign.stderr)")
        #expect(sign.stdout.contains("2027-01-07 24:00（暂定：2027 年工作日历未载入）"), "\(sign.stdout)")
        #expect(sign.stderr.contains("尚未载入 2027 年工作日历"), "the December warning: \(sign.stderr)")
        let shown = try cli.ok(["--now", "2026-12-24T10:00", "--json", "ticket", "show", number])
        #expect(shown.contains("\"deadlineProvisional\" : true"))
        #expect(try cli.ok(["--now", "2026-12-24T10:00", "ticket", "list"]).contains("暂定"))
        let english = try cli.ok(["--now", "2026-12-24T10:00", "--lang", "en", "ticket", "show", number])
        #expect(english.contains("2027-01-07 24:00 (provisional: no 2027 calendar loaded)"))

        // A window case of 5 working days received Wed 12-30: 31, 1, 4, 5, 6 → 2027-01-06 24:00, provisionally.
        let caseOutput = try cli.ok([
            "--now", "2026-12-30T10:00", "--actor", "w19", "case", "new", "--item", "ZH001", "--window", "E01",
            "--applicant", "李华", "--phone", "13900002222",
        ])
        let caseNumber = String(caseOutput.split(separator: "\n")[0])
        #expect(caseOutput.contains("2027-01-06 24:00（暂定"), "\(caseOutput)")
        // A rectification of 10 working days assigned Mon 12-28: 29, 30, 31, 1, 4–8, 11 → 2027-01-11 24:00.
        let finding = try cli.ok([
            "--now", "2026-12-28T10:00", "--actor", "ty01", "finding", "new", "--source", "walkthrough", "--kind",
            "slow", "--window", "E01", "--text", "排队叫号系统故障未及时处理",
        ])
        let assigned = try cli.ok([
            "--now", "2026-12-28T10:05", "--actor", "ty01", "finding", "assign", finding, "--days", "10",
        ])
        #expect(assigned.contains("2027-01-11 24:00（暂定"), "\(assigned)")

        // A liaison may not add a calendar; nothing moves.
        let file = try write(Self.fictional2027, "2027.json", in: cli)
        let before = try cli.dump()
        let denied = try cli.run(["--now", "2026-12-31T11:00", "--actor", "cgj1", "calendar", "add", file])
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("无权载入工作日历：需要系统管理员角色"), "\(denied.stderr)")
        #expect(try cli.dump() == before)

        // The administrator adds it: every provisional deadline is listed with where it moved.
        let added = try cli.run(["--now", "2026-12-31T11:00", "--actor", "admin", "calendar", "add", file])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("重算 3 项期限"), "\(added.stdout)")
        for expected in [
            "\(number) 2027-01-07 24:00 2027-01-09 24:00", "\(caseNumber) 2027-01-06 24:00 2027-01-08 24:00",
            "\(finding) 2027-01-11 24:00 2027-01-12 24:00",
        ] {
            #expect(
                added.stdout.replacingOccurrences(of: " +", with: " ", options: .regularExpression).contains(expected),
                "\(expected) in \(added.stdout)")
        }
        #expect(!added.stderr.contains("尚未载入"), "no warning once 2027 is there: \(added.stderr)")

        // Each record's trail records the move; the deadline is no longer provisional; the audit log has the addition.
        let after = try cli.ok(["--now", "2026-12-31T11:00", "--json", "ticket", "show", number])
        #expect(after.contains("\"deadline\" : \"2027-01-10T00:00:00+08:00\""))
        #expect(after.contains("\"deadlineProvisional\" : false"))
        #expect(after.contains("\"action\" : \"recompute\""))
        // The system recomputed it (DESIGN §11.1), at the administrator's request.
        #expect(after.contains("\"actor\" : \"system\""), "\(after)")
        #expect(after.contains("\"requestedBy\" : \"admin\""), "\(after)")
        let timeline = try cli.ok(["--now", "2026-12-31T11:00", "ticket", "show", number])
        #expect(timeline.contains("期限重算"))
        #expect(try cli.ok(["--now", "2026-12-31T11:00", "case", "show", caseNumber]).contains("期限重算"))
        #expect(try cli.ok(["--now", "2026-12-31T11:00", "finding", "show", finding]).contains("期限重算"))
        let audit = try DatabaseQueue(path: cli.database).read { db in
            try String.fetchAll(db, sql: "SELECT action FROM auditLog WHERE actor = 'admin'")
        }
        #expect(audit.contains("calendar-add"))
        #expect(try cli.run(["db", "check"]).status == 0)

        // Every later process counts with it, from the database.
        #expect(try cli.ok(["calendar", "check", "--from", "2026-12-24", "--working-days", "10"]) == "2027-01-09")
        #expect(try cli.ok(["calendar", "show", "2027"]).contains("调休上班"))

        // Adding it again needs --replace; replacing with the same notice moves nothing further.
        let again = try cli.run(["--now", "2026-12-31T12:00", "--actor", "admin", "calendar", "add", file])
        #expect(again.status == 1)
        #expect(again.stderr.contains("--replace"))
        let replaced = try cli.ok([
            "--now", "2026-12-31T12:00", "--actor", "admin", "calendar", "add", file, "--replace",
        ])
        #expect(replaced.contains("已替换"))
        #expect(replaced.contains("没有需要重算的暂定期限"))
    }

    @Test func anAmendedNoticeThatShortensACountNeverMovesADeadlineEarlier() throws {
        var cli = try CLIHarness()
        cli.environment["GOVDESK_CALENDAR_WARNING"] = nil
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let number = try cli.ok([
            "--now", "2026-12-24T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张建国", "--phone", "13835512345", "--text", "占道",
        ])
        try cli.ok(["--now", "2026-12-24T09:30", "--actor", "pd01", "ticket", "dispatch", number, "--to", "CGJ"])
        try cli.ok(["--now", "2026-12-24T10:00", "--actor", "cgj1", "ticket", "sign", number])
        // Our YAML, with a make-up Saturday on 2 January: counted, the deadline would be 2027-01-06, earlier.
        let yaml = try write(
            """
            year: 2027
            notice: "测试用通知（虚构）"
            holidays:
              - {date: 2027-10-01, name: 国庆节}
            makeUpWorkdays:
              - {date: 2027-01-02, name: 虚构调休上班}
            """, "2027.yaml", in: cli)
        let added = try cli.ok(["--now", "2026-12-26T09:00", "--actor", "admin", "calendar", "add", yaml])
        #expect(added.contains("没有需要重算的暂定期限"), "\(added)")
        let shown = try cli.ok(["--now", "2026-12-26T09:00", "--json", "ticket", "show", number])
        #expect(shown.contains("\"deadline\" : \"2027-01-08T00:00:00+08:00\""))
    }

    @Test(arguments: [
        (#"{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-06", "isOffDay": false}]}"#, "2027-01-06"),
        (#"{"year": 2027, "days": [{"name": "元旦", "date": "2026-12-31", "isOffDay": true}]}"#, "2026-12-31"),
        (#"{"year": 2027, "days": "none"}"#, "days"),
        ("year: 2027\nnotice: x\nholidays: [{date: 2027-13-01, name: 元旦}]\n", "2027-13-01"),
    ])
    func aBadCalendarFileIsRefusedNamingTheFileAndTheDay(text: String, named: String) throws {
        var cli = try CLIHarness()
        cli.environment["GOVDESK_CALENDAR_WARNING"] = nil
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let file = try write(text, text.hasPrefix("{") ? "bad.json" : "bad.yaml", in: cli)
        let before = try cli.dump()
        let result = try cli.run(["--actor", "admin", "calendar", "add", file])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains(file))
        #expect(result.stderr.contains(named), "\(result.stderr)")
        #expect(try cli.dump() == before)
    }

    @Test func theDecemberWarningNamesTheMissingYearAndOnlyFromTheFirstOfDecember() throws {
        var cli = try CLIHarness()
        cli.environment["GOVDESK_CALENDAR_WARNING"] = nil
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let december = try cli.run(["--now", "2026-12-01T08:00", "ticket", "list"])
        #expect(december.status == 0)
        #expect(december.stderr.components(separatedBy: "\n").filter { $0.contains("2027") }.count == 1)
        let english = try cli.run(["--now", "2026-12-01T08:00", "--lang", "en", "ticket", "list"])
        #expect(english.stderr.contains("no 2027 working-day calendar is loaded"))
        let november = try cli.run(["--now", "2026-11-30T23:00", "ticket", "list"])
        #expect(!november.stderr.contains("2027"), "\(november.stderr)")
        let missing = try cli.run(["--now", "2026-11-30T23:00", "calendar", "show", "2027"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("2027 年的工作日历尚未载入"))
        #expect(missing.stderr.contains("calendar add"))
    }
}
