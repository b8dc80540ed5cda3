import Foundation
import GRDB
import GovDeskCore
import GovDeskTestSupport
import Testing

/// Month close (月结, DESIGN §11.2) through the command line: in order, only after the month ended, finalising the
/// evaluation; the report is shown from the stored figures from then on; nothing may take effect in a closed
/// month; `db check` recomputes the figures and names any that differ.
@Suite(.serialized)
struct MonthCloseTests {
    /// A training database with September and October 2025 worked: tickets, a letter, a hall case with a rating.
    static func makeBase() throws -> CLIHarness {
        let cli = try CLIHarness()
        try cli.ok(["init", "--training"])
        for (day, text) in [("2025-09-01", "停水"), ("2025-09-15", "水压低"), ("2025-10-08", "漏水")] {
            let n = try cli.ok([
                "--now", "\(day)T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
                "公用事业/供水/停水", "--channel", "phone", "--caller", "周敏", "--phone", "13900001111", "--text", text,
            ])
            try cli.ok(["--now", "\(day)T09:10", "--actor", "pd01", "ticket", "dispatch", n, "--to", "CGJ"])
            try cli.ok(["--now", "\(day)T10:00", "--actor", "cgj1", "ticket", "sign", n])
        }
        try cli.ok([
            "--now", "2025-09-03T10:00", "--actor", "cgj1", "ticket", "reply", "20250901-000001", "--text", "已恢复",
        ])
        try cli.ok(["--now", "2025-09-04T10:00", "--actor", "sh01", "ticket", "approve", "20250901-000001"])
        try cli.ok(["--now", "2025-09-30T10:00", "--actor", "db01", "letters", "issue"])
        return cli
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func monthsCloseInOrderAfterTheyEndAndOnlyBySupervisors() throws {
        var cli = try Self.makeBase()
        cli.language = "en"
        defer { cli.cleanUp() }
        let notEnded = try cli.run(["--now", "2025-09-30T23:00", "--actor", "db01", "month", "close", "2025-09"])
        #expect(notEnded.status == 1)
        #expect(notEnded.stderr.contains("has not ended"), "\(notEnded.stderr)")
        let liaison = try cli.run(["--now", "2025-11-02T09:00", "--actor", "cgj1", "month", "close", "2025-09"])
        #expect(liaison.status == 1)
        #expect(liaison.stderr.contains("may not close a month"), "\(liaison.stderr)")
        let malformed = try cli.run(["--now", "2025-11-02T09:00", "--actor", "db01", "month", "close", "2025-13"])
        #expect(malformed.status == 64)
        let before = try cli.dump()
        let unchanged = try cli.dump() == before
        #expect(unchanged)

        try cli.ok(["--now", "2025-11-02T09:00", "--actor", "db01", "month", "close", "2025-09"])
        // The evaluation of the month was run and finalised with the close.
        let evaluation = try cli.ok(["--json", "eval", "show", "--month", "2025-09"])
        #expect(evaluation.contains("\"finalized\" : true"), "\(evaluation.prefix(300))")
        let again = try cli.run(["--now", "2025-11-02T09:00", "--actor", "db01", "month", "close", "2025-09"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("closed already"), "\(again.stderr)")
        let skipped = try cli.run(["--now", "2025-12-02T09:00", "--actor", "db01", "month", "close", "2025-11"])
        #expect(skipped.status == 1)
        #expect(skipped.stderr.contains("close 2025-10 before 2025-11"), "\(skipped.stderr)")
        let earlier = try cli.run(["--now", "2025-12-02T09:00", "--actor", "db01", "month", "close", "2025-08"])
        #expect(earlier.status == 1)
        #expect(earlier.stderr.contains("before 2025-09, the last closed month"), "\(earlier.stderr)")
        try cli.ok(["--now", "2025-12-02T09:00", "--actor", "admin", "month", "close", "2025-10"])
        let list = try cli.ok(["--json", "month", "list"])
        let months = try #require(try json(list)["months"] as? [[String: Any]])
        #expect(months.map { $0["month"] as? String } == ["2025-09", "2025-10"])
        #expect(
            months.allSatisfy { ($0["sha256"] as? String)?.count == 64 && ($0["ledgerHead"] as? String)?.count == 64 })
        let audit = try cli.ok(["--json", "--actor", "db01", "audit", "list", "--action", "month-close"])
        #expect(audit.contains("2025-09") && audit.contains("2025-10"), "\(audit)")
        #expect(try cli.run(["db", "check"]).status == 0)
    }

    @Test func nothingTakesEffectInAClosedMonthButAReopenTakesEffectNow() throws {
        var cli = try Self.makeBase()
        cli.language = "en"
        defer { cli.cleanUp() }
        try cli.ok(["--now", "2025-11-02T09:00", "--actor", "db01", "month", "close", "2025-09"])
        let before = try cli.dump()
        for (arguments, what) in [
            (
                [
                    "--now", "2025-09-20T09:00", "--actor", "cgj1", "ticket", "reply", "20250915-000001", "--text",
                    "已处理",
                ],
                "a reply dated into the closed month"
            ),
            (
                [
                    "--now", "2025-09-25T09:00", "--actor", "op01", "ticket", "new", "--type", "consult", "--topic",
                    "公用事业/供水/停水", "--channel", "web", "--caller", "李雷", "--phone", "13900002222", "--text", "补登",
                ],
                "a ticket dated into it"
            ),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 1, "\(what): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("2025-09 is closed,"), "\(what): \(result.stderr)")
        }
        // An import whose rows lie in the closed month imports nothing.
        let header =
            "Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,Location Type,"
            + "Incident Zip,Incident Address,Status,Due Date,Resolution Description,Borough,Open Data Channel Type\r\n"
        let csv = cli.folder.appendingPathComponent("old.csv").path
        try
            (header + "9,10/05/2025 01:00:00 AM,,NYPD,Police,Noise,Loud,Street,10468,9 MAIN ST,Open,,,BRONX,ONLINE\r\n"
            + "8,09/05/2025 01:00:00 AM,,NYPD,Police,Noise,Loud,Street,10468,8 MAIN ST,Open,,,BRONX,ONLINE\r\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try cli.run([
            "--now", "2025-11-02T09:00", "--actor", "op01", "import", "tickets", csv, "--mapping", "nyc311",
        ])
        #expect(imported.status == 1, "\(imported.stderr)")
        #expect(imported.stderr.contains("row 2"), "\(imported.stderr)")
        #expect(imported.stderr.contains("2025-09 is closed,"), "\(imported.stderr)")
        #expect(try cli.dump() == before, "no refusal wrote anything")
        // A closed ticket of the closed month reopens now, and that is allowed.
        try cli.ok([
            "--now", "2025-11-03T09:00", "--actor", "db01", "ticket", "reopen", "20250901-000001", "--reason", "市民再次来电",
        ])
        // And work in the open month goes on.
        try cli.ok([
            "--now", "2025-11-03T09:00", "--actor", "cgj1", "ticket", "reply", "20250915-000001", "--text", "已处理",
        ])
    }

    @Test func aClosedMonthIsShownFromItsStoredFiguresAndTheCheckNamesWhatChangedBehindThem() throws {
        let cli = try Self.makeBase()
        defer { cli.cleanUp() }
        let open = try json(try cli.ok(["report", "monthly", "--month", "2025-09", "--format", "json"]))
        try cli.ok(["--now", "2025-11-02T09:00", "--actor", "db01", "month", "close", "2025-09"])
        let closedJSON = try json(try cli.ok(["report", "monthly", "--month", "2025-09", "--format", "json"]))
        #expect(closedJSON["received"] as? Int == open["received"] as? Int)
        #expect((closedJSON["monthClose"] as? [String: Any])?["sha256"] is String, "\(closedJSON.keys.sorted())")
        for format in ["table", "md", "html"] {
            for lang in ["zh", "en"] {
                let text = try cli.ok(["--lang", lang, "report", "monthly", "--month", "2025-09", "--format", format])
                #expect(text.contains(lang == "zh" ? "月结" : "was closed on"), "\(format) \(lang)")
            }
        }

        // A ticket of September deleted behind GovDesk's back, its ledger lines included: the report still shows
        // the figures of the close, and the check names the figure that moved.
        let queue = try DatabaseQueue(path: cli.database)
        try queue.writeWithoutTransaction { db in
            let triggers = try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'ticketEvent'")
            try db.execute(sql: "PRAGMA foreign_keys = OFF; DROP TRIGGER ticketEvent_no_delete")
            try db.execute(
                sql: """
                    DELETE FROM ticketEvent WHERE ticketId = (SELECT id FROM ticket WHERE number = '20250915-000001');
                    DELETE FROM ticket WHERE number = '20250915-000001';
                    """)
            for sql in triggers where sql.contains("no_delete") { try db.execute(sql: sql) }
        }
        try queue.close()
        let after = try json(try cli.ok(["report", "monthly", "--month", "2025-09", "--format", "json"]))
        #expect(after["received"] as? Int == open["received"] as? Int, "the stored figures, not the events")
        let check = try cli.run(["--lang", "en", "db", "check"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("closed month 2025-09: a figure differs"), "\(check.stdout)")
        #expect(check.stdout.contains("report.headline.received: stored 2, now 1"), "\(check.stdout)")
    }

    @Test func anEditedStoredDocumentIsFound() throws {
        let cli = try Self.makeBase()
        defer { cli.cleanUp() }
        try cli.ok(["--now", "2025-11-02T09:00", "--actor", "db01", "month", "close", "2025-09"])
        let queue = try DatabaseQueue(path: cli.database)
        try queue.writeWithoutTransaction { db in
            let trigger = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'monthClose_no_update'")!
            try db.execute(sql: "DROP TRIGGER monthClose_no_update")
            try db.execute(
                sql: """
                    UPDATE monthClose SET figures = replace(figures, '"received":2,', '"received":1,')
                    WHERE month = '2025-09'
                    """)
            try db.execute(sql: trigger)
        }
        try queue.close()
        let check = try cli.run(["--lang", "en", "db", "check"])
        #expect(check.status == 1)
        #expect(
            check.stdout.contains("closed month 2025-09: its stored figures do not match their SHA-256"),
            "\(check.stdout)")
        #expect(check.stdout.contains("monthClose"), "the ledger names the row too: \(check.stdout)")
    }

    /// A report's text without the marks that change with the moment it is printed: the ledger's head (it moves on
    /// with every write) and the closed month's line.
    static func withoutMarks(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in
                !["账本封记", "Ledger seal", "\"ledgerHead\"", "\"monthClose\"", "月结（", "was closed on"].contains {
                    line.contains($0)
                }
            }
            .joined(separator: "\n")
            .replacing(#/<p class="(seal|closed)"[^<]*</p>/#, with: "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The stored document is complete: every format in both languages, rendered from it later, shows what the
    /// events gave at the close (the evaluation is final before, so only the marks differ), and the head stored
    /// with the month is a seal that `db check --seal` finds on the chain.
    @Test func everyFormatInBothLanguagesShowsAfterTheCloseWhatItShowedBefore() throws {
        let cli = try Self.makeBase()
        defer { cli.cleanUp() }
        try cli.ok(["--now", "2025-11-02T08:00", "--actor", "db01", "eval", "run", "--month", "2025-09"])
        try cli.ok(["--now", "2025-11-02T08:00", "--actor", "db01", "eval", "finalize", "--month", "2025-09"])
        // A report's CSV is one file per table: every table of the month, one at a time (the base has no hall).
        let formats =
            [["table"], ["md"], ["html"], ["json"]]
            + MonthlyReport.csvTableNames.filter { !$0.hasPrefix("hall-") }.map { ["csv", "--table", $0] }
        let variants = formats.flatMap { format in
            ["zh", "en"].map { ["--lang", $0, "report", "monthly", "--month", "2025-09", "--format"] + format }
        }
        var before: [[String]: String] = [:]
        for arguments in variants {
            before[arguments] = try cli.ok(["--now", "2025-11-02T08:30"] + arguments)
        }
        try cli.ok(["--now", "2025-11-02T09:00", "--actor", "db01", "month", "close", "2025-09"])
        // Later work in the open months, a reopen of a September ticket among it, moves nothing of September.
        try cli.ok([
            "--now", "2025-11-03T09:00", "--actor", "db01", "ticket", "reopen", "20250901-000001", "--reason", "再次来电",
        ])
        try cli.ok([
            "--now", "2025-11-04T09:00", "--actor", "cgj1", "ticket", "reply", "20250915-000001", "--text", "好",
        ])
        for arguments in variants {
            let after = try cli.run(["--now", "2026-02-01T09:00"] + arguments)
            #expect(after.status == 0, "\(arguments): \(after.stderr)")
            // A CSV stays data: its line goes to standard error.
            let said = arguments.contains("csv") ? after.stderr : after.stdout
            let mark = arguments.contains("json") ? "\"monthClose\": {" : arguments[1] == "zh" ? "月结" : "was closed on"
            #expect(said.contains(mark), "\(arguments): says it is closed")
            #expect(
                Self.withoutMarks(after.stdout) == Self.withoutMarks(before[arguments]!),
                "\(arguments): differs from before the close")
        }
        let closed = try #require(try json(try cli.ok(["--json", "month", "list"]))["months"] as? [[String: Any]])
        let head = try #require(closed.first?["ledgerHead"] as? String)
        let sealed = try cli.run(["db", "check", "--seal", head])
        #expect(sealed.status == 0, "\(sealed.stdout)\(sealed.stderr)")
        #expect(sealed.stdout.contains("；与封记相符"), "\(sealed.stdout)")
    }

    /// Everything else that takes effect at a time — a case, a rating, a finding, letters, a calendar year with its
    /// recomputations — and everything recorded for a month — a manual score, an evaluation run — is refused in or
    /// before the last closed month, names the month and what is open, and writes nothing.
    @Test func hallWorkLettersCalendarAndScoresCannotReachIntoAClosedMonth() throws {
        var cli = try Self.makeBase()
        cli.language = "en"
        defer { cli.cleanUp() }
        let created = try cli.ok([
            "--actor", "w01", "--now", "2025-10-09T09:00", "case", "new", "--item", "QY001", "--window", "A01",
            "--applicant", "张建国",
        ])
        let windowCase = try #require(created.split(separator: "\n").first.map(String.init))
        try cli.ok(["--actor", "w01", "--now", "2025-10-09T15:00", "case", "complete", windowCase])
        let calendar = cli.folder.appendingPathComponent("2027.json").path
        try Data(makeFictional2027JSON()).write(to: URL(fileURLWithPath: calendar))
        try cli.ok(["--now", "2025-11-02T09:00", "--actor", "db01", "month", "close", "2025-08"])
        try cli.ok(["--now", "2025-11-02T09:00", "--actor", "db01", "month", "close", "2025-09"])
        try cli.ok(["--now", "2025-11-02T09:00", "--actor", "db01", "month", "close", "2025-10"])
        let before = try cli.dump()
        let refusals: [(arguments: [String], names: String)] = [
            (
                [
                    "--actor", "w01", "--now", "2025-10-20T09:00", "case", "new", "--item", "QY001", "--window",
                    "A01", "--applicant", "李华",
                ],
                "2025-10 is closed,"
            ),
            (["--actor", "w02", "--now", "2025-10-31T23:59", "rate", windowCase, "--score", "5"], "2025-10 is closed"),
            (
                [
                    "--now", "2025-10-10T10:00", "--actor", "ty01", "finding", "new", "--source", "walkthrough",
                    "--kind", "slow", "--window", "A01", "--text", "叫号系统故障",
                ],
                "2025-10 is closed"
            ),
            (["--now", "2025-10-31T10:00", "--actor", "db01", "letters", "issue"], "2025-10 is closed"),
            (["--now", "2025-10-31T10:00", "--actor", "admin", "calendar", "add", calendar], "calendar year 2027"),
            (
                [
                    "--now", "2025-11-02T10:00", "--actor", "db01", "eval", "score", "--month", "2025-07", "--staff",
                    "w01", "--item", "业务考试", "--points", "5",
                ],
                "nothing may be recorded for 2025-07"
            ),
            (
                ["--now", "2025-11-02T10:00", "--actor", "db01", "eval", "run", "--month", "2025-07"],
                "2025-11 and later"
            ),
        ]
        for refusal in refusals {
            let result = try cli.run(refusal.arguments)
            #expect(result.status == 1, "\(refusal.arguments): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains(refusal.names), "\(refusal.arguments): \(result.stderr)")
            #expect(result.stderr.contains("2025-10"), "\(refusal.arguments) names the closed month: \(result.stderr)")
        }
        #expect(try cli.dump() == before, "no refusal wrote anything")
        // Rated now, the case's rating takes effect in the open month.
        try cli.ok(["--actor", "w02", "--now", "2025-11-02T11:00", "rate", windowCase, "--score", "5"])
        #expect(try cli.run(["db", "check"]).status == 0)
    }

    /// On a production database the real clock says whether a month has ended, whatever `--now` says, and a
    /// back-dated entry (补录) may not reach into a closed month.
    @Test func aProductionDatabaseClosesByTheRealClock() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let today = calendar.dateComponents([.year, .month], from: Date())
        let current = String(format: "%04d-%02d", today.year!, today.month!)
        let lastMonth = calendar.dateComponents(
            [.year, .month], from: calendar.date(byAdding: .month, value: -1, to: Date())!)
        let previous = String(format: "%04d-%02d", lastMonth.year!, lastMonth.month!)
        let nextMonth = calendar.dateComponents(
            [.year, .month], from: calendar.date(byAdding: .month, value: 1, to: Date())!)
        let later = String(format: "%04d-%02d-05T09:00", nextMonth.year!, nextMonth.month!)
        let early = try cli.run(["--now", later, "--actor", "db01", "month", "close", current])
        #expect(early.status == 1, "\(early.stdout)\(early.stderr)")
        #expect(early.stderr.contains("\(current) has not ended"), "\(early.stderr)")
        try cli.ok(["--actor", "db01", "month", "close", previous])
        let backdated = try cli.run([
            "--now", "\(previous)-20T09:00", "--backdate-reason", "电话记录补登", "--actor", "op01", "ticket", "new",
            "--type", "consult", "--topic", "公用事业/供水/停水", "--channel", "phone", "--caller", "李雷", "--phone",
            "13900002222", "--text", "补登",
        ])
        #expect(backdated.status == 1, "\(backdated.stdout)\(backdated.stderr)")
        #expect(backdated.stderr.contains("\(previous) is closed,"), "\(backdated.stderr)")
        #expect(try cli.run(["db", "check"]).status == 0)
    }
}
