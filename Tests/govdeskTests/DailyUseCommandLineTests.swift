import Foundation
import GRDB
import Testing

/// Issue 13's command-line items, as a new user meets them, through the built binary: every list's `--limit` and last
/// line, typed JSON, progress on a terminal, backups over an existing file, file errors' exit statuses, `db check`
/// naming every break, and help with examples.
@Suite(.serialized)
struct DailyUseCommandLineTests {
    /// The lists of reference data and the rest, each with the unit its last line counts.
    static let lists: [(arguments: [String], unit: String)] = [
        (["dept", "list"], "个单位"), (["staff", "list"], "名工作人员"), (["window", "list"], "个窗口"),
        (["item", "list"], "个事项"), (["officer", "list"], "名体验员"), (["topic", "list"], "类"),
        (["import", "mappings"], "个映射"), (["--actor", "db01", "audit", "list"], "条"),
    ]

    @Test func everyListTakesLimitAndEndsWithHowManyItShowedOfHowManyMatched() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        // A second audit entry besides init's.
        try cli.ok(["--actor", "admin", "topic", "add", "城市管理/市容环境/共享单车乱停", "--dept", "CGJ"])
        for (arguments, unit) in Self.lists {
            let all = try cli.ok(arguments)
            let last = try #require(all.split(separator: "\n").last.map(String.init))
            let matched = try #require(
                last.hasPrefix("共 ") && last.hasSuffix(" \(unit)")
                    ? Int(last.dropFirst(2).dropLast(unit.count + 1)) : nil,
                "\(arguments): \(last)")
            #expect(matched > 1, "\(arguments)")
            let one = try cli.ok(arguments + ["--limit", "1"])
            #expect(one.hasSuffix("显示 1 / 共 \(matched) \(unit)，用 --limit 调整"), "\(arguments): \(one)")
            // Header, rule, one row, the last line.
            #expect(one.split(separator: "\n").count == 4, "\(arguments): \(one)")
            let json = try cli.ok(["--json"] + arguments + ["--limit", "1"])
            #expect(json.contains("\"code\"") || json.contains("\"path\"") || json.contains("\"name\""))
        }
        let english = try cli.ok(["--lang", "en", "dept", "list", "--limit", "2"])
        #expect(english.hasSuffix("showing 2 of 28 departments; use --limit to see more"), "\(english)")
        #expect(try cli.ok(["month", "list", "--limit", "1"]).hasSuffix("共 0 个月已月结"))
        #expect(try cli.ok(["staff", "bindings", "--limit", "1"]).hasSuffix("没有绑定：--actor 只是声明。"))
        let every =
            Self.lists.map(\.arguments) + [
                ["ticket", "list"], ["case", "list"], ["finding", "list"], ["letters", "list"], ["month", "list"],
                ["staff", "bindings"],
            ]
        for arguments in every {
            for bad in ["0", "100001"] {
                let refused = try cli.run(arguments + ["--limit", bad])
                #expect(refused.status == 64, "\(arguments) --limit \(bad)")
                #expect(refused.stderr.contains("--limit \(bad) 不允许；请用 1 到 100000"), "\(refused.stderr)")
            }
        }
    }
}

extension DailyUseCommandLineTests {
    @Test func jsonCarriesNumbersBooleansListsAndTimesWithTheirOffsets() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let n = try cli.ok([
            "--now", "2025-09-29T09:12", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张三", "--phone", "13800001111", "--text", "占道",
        ])
        try cli.ok([
            "--now", "2025-09-29T09:40", "--actor", "pd01", "ticket", "dispatch", n, "--to", "CGJ", "--co", "YXNL",
        ])
        try cli.ok(["--now", "2025-09-30T08:55", "--actor", "cgj1", "ticket", "sign", n])
        try cli.ok(["--now", "2025-10-20T17:10", "--actor", "cgj1", "ticket", "reply", n, "--text", "已处理"])
        try cli.ok(["--now", "2025-10-21T09:20", "--actor", "sh01", "ticket", "approve", n])
        let shown = try object(try cli.ok(["--json", "ticket", "show", n]))
        let events = try #require(shown["events"] as? [[String: Any]])
        #expect((events[1]["details"] as? [String: Any])?["co"] as? [String] == ["YXNL"])
        #expect((events[1]["details"] as? [String: Any])?["signDeadline"] as? String == "2025-09-30T09:40:00+08:00")

        // Exports in JSON lines: numbers, booleans and an event's details as an object, typed alike.
        let lines = try cli.ok(["export", "events", "--month", "2025-10", "--format", "jsonl"]).split(separator: "\n")
        let approve = try object(String(try #require(lines.last)))
        #expect(approve["sequence"] as? Int == 5)
        let details = try #require(approve["details"] as? [String: Any])
        #expect(details["onTime"] as? Bool == true)
        #expect(details["deadline"] as? String == "2025-10-22T00:00:00+08:00")
        let csv = try cli.ok(["export", "events", "--month", "2025-10", "--no-bom"])
        #expect(csv.contains(#""{""deadline"":""2025-10-22T00:00:00+08:00"",""onTime"":true}""#), "\(csv)")
        let ticket = try object(try cli.ok(["export", "tickets", "--month", "2025-09", "--format", "jsonl"]))
        #expect(ticket["onTime"] as? Bool == true)
        #expect(ticket["closedAt"] as? String == "2025-10-21T09:20:00+08:00")

        try cli.ok([
            "--actor", "w01", "--now", "2025-10-09T10:00", "case", "new", "--item", "QY001", "--window", "A01",
            "--applicant", "李华", "--phone", "13900002222",
        ])
        try cli.ok(["--actor", "w01", "--now", "2025-10-09T15:00", "case", "complete", "BJ20251009-000001"])
        let caseLine = try object(try cli.ok(["export", "cases", "--month", "2025-10", "--format", "jsonl"]))
        #expect(caseLine["visits"] as? Int == 1)
        #expect(caseLine["onTime"] as? Bool == true)
        #expect(caseLine["rating"] is NSNull)

        // The audit log's details: a count and a flag of an export.
        try cli.ok([
            "export", "tickets", "--month", "2025-09", "--out", cli.folder.appendingPathComponent("t.csv").path,
        ])
        let audit = try object(try cli.ok(["--json", "--actor", "db01", "audit", "list", "--action", "export"]))
        let entries = try #require(audit["entries"] as? [[String: Any]])
        let written = try #require(
            entries.compactMap { $0["details"] as? [String: Any] }.first {
                ($0["file"] as? String)?.hasSuffix("t.csv") == true
            })
        #expect(written["rows"] as? Int == 1)
        #expect(written["includePII"] as? Bool == false)
        #expect(written["from"] as? String == "2025-09-01")
    }

    func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(json)")
    }
}

extension DailyUseCommandLineTests {
    /// The control sequence that erases the rest of a terminal line: the progress line's mark.
    static let eraseLine = "\u{1B}[K"

    @Test func longWorkShowsAProgressLineOnATerminalAndNothingElsewhere() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let demo = try cli.runOnTerminal(["demo", "--tickets", "300", "--months", "1"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stderr.contains("生成工单"), "\(demo.stderr.debugDescription)")
        #expect(demo.stderr.contains("生成服务大厅"))
        // The line is cleared before the command's own output: the terminal is left clean.
        #expect(demo.stderr.hasSuffix("\r" + Self.eraseLine), "\(demo.stderr.debugDescription)")
        #expect(demo.stdout.contains("演示数据库"))
        let db = cli.database
        let runs: [(arguments: [String], label: String)] = [
            (["--db", db, "export", "events", "--month", "2026-10", "--out", "events.csv"], "导出 events"),
            (["--db", db, "db", "check"], "核对工单"),
            (["--db", db, "--actor", "db01", "db", "backup", "copy.sqlite"], "备份 copy.sqlite"),
        ]
        for (arguments, label) in runs {
            let shown = try cli.runOnTerminal(arguments)
            #expect(shown.status == 0, "\(arguments): \(shown.stderr)")
            #expect(shown.stderr.contains(label), "\(arguments): \(shown.stderr.debugDescription)")
            #expect(shown.stderr.hasSuffix("\r" + Self.eraseLine), "\(arguments): \(shown.stderr.debugDescription)")
        }
        let csv = cli.folder.appendingPathComponent("311.csv")
        try makeNYCFile().write(to: csv, atomically: true, encoding: .utf8)
        let imported = try cli.runOnTerminal(["--actor", "op01", "import", "tickets", csv.path, "--mapping", "nyc311"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("读取 \(csv.path)"), "\(imported.stderr.debugDescription)")
        // Under --json, and where standard error is not a terminal, nothing but the command's own words.
        let scripted = [
            ["--json", "--db", db, "db", "check"],
            ["--json", "--db", db, "--actor", "db01", "db", "backup", "c2.sqlite"],
            ["--json", "--db", db, "export", "tickets", "--month", "2026-10", "--out", "t.csv"],
            ["--json", "demo", "--db", "d2.sqlite", "--tickets", "50", "--months", "1"],
        ]
        for arguments in scripted {
            let json = try cli.runOnTerminal(arguments)
            #expect(json.status == 0, "\(arguments): \(json.stderr)")
            #expect(!json.stderr.contains(Self.eraseLine), "\(arguments): \(json.stderr.debugDescription)")
        }
        for arguments in [
            ["--db", db, "db", "check"], ["demo", "--db", "d3.sqlite", "--tickets", "50", "--months", "1"],
        ] {
            let piped = try cli.run(arguments)
            #expect(piped.status == 0)
            #expect(!piped.stderr.contains(Self.eraseLine) && !piped.stderr.contains("\r"), "\(arguments)")
        }
    }
}

extension DailyUseCommandLineTests {
    @Test func aBackupOverAnExistingFileNeedsForceAndAMissingFolderIsAFileProblem() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let copy = cli.folder.appendingPathComponent("copy.sqlite").path
        try cli.ok(["--actor", "db01", "db", "backup", copy])
        let again = try cli.run(["--actor", "db01", "db", "backup", copy])
        #expect(again.status == 1)
        #expect(again.stderr.contains("已存在；加 --force 替换它，或换一个文件名"), "\(again.stderr)")
        #expect(!again.stderr.contains("无法打开数据库"))
        // With --force the newer copy takes its place, whole.
        try cli.ok([
            "--now", "2025-09-10T09:00", "--actor", "op01", "ticket", "new", "--type", "consult", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张三", "--phone", "13800001111", "--text", "问",
        ])
        try cli.ok(["--actor", "db01", "db", "backup", copy, "--force"])
        #expect(try cli.ok(["--db", copy, "ticket", "list"]).hasSuffix("共 1 件"))
        #expect(try cli.run(["--db", copy, "db", "check"]).status == 0)
        // A database in use is not written over, even with --force.
        try Data().write(to: URL(fileURLWithPath: copy + "-wal"))
        let inUse = try cli.run(["--actor", "db01", "db", "backup", copy, "--force"])
        #expect(inUse.status == 1)
        #expect(inUse.stderr.contains("可能是正在使用的数据库"), "\(inUse.stderr)")
        // A folder that does not exist: an I/O problem, 74, named plainly.
        let nowhere = cli.folder.appendingPathComponent("no-such-folder")
        let backup = try cli.run(["--actor", "db01", "db", "backup", nowhere.appendingPathComponent("b.sqlite").path])
        #expect(backup.status == 74)
        #expect(backup.stderr.contains("不存在；请先创建"), "\(backup.stderr)")
        let export = try cli.run([
            "export", "tickets", "--month", "2025-09", "--out", nowhere.appendingPathComponent("t.csv").path,
        ])
        #expect(export.status == 74)
        #expect(export.stderr.contains("不存在；请先创建"), "\(export.stderr)")
        let missing = try cli.run(["--actor", "op01", "import", "tickets", "no-such.csv", "--mapping", "nyc311"])
        #expect(missing.status == 74)
        #expect(missing.stderr.contains("no-such.csv：文件不存在"), "\(missing.stderr)")
    }
}

extension DailyUseCommandLineTests {
    @Test func dbCheckNamesEveryBrokenEventAndCountsWhatItDoesNotList() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["demo", "--db", cli.database, "--tickets", "400", "--months", "1"])
        let queue = try DatabaseQueue(path: cli.database)
        let (several, numbers) = try queue.write { db -> (String, [String]) in
            try db.execute(sql: "DROP TRIGGER ticketEvent_no_update")
            let several = try String.fetchOne(db, sql: "SELECT number FROM ticket WHERE eventCount >= 6 ORDER BY id")!
            try db.execute(
                sql: """
                    UPDATE ticketEvent SET at = at + 1 WHERE sequence IN (2, 4, 6)
                    AND ticketId = (SELECT id FROM ticket WHERE number = ?)
                    """, arguments: [several])
            // The first event of 150 more tickets.
            let numbers = try String.fetchAll(
                db, sql: "SELECT number FROM ticket WHERE number != ? ORDER BY id LIMIT 150", arguments: [several])
            try db.execute(
                sql: """
                    UPDATE ticketEvent SET at = at + 1 WHERE sequence = 1
                    AND ticketId IN (SELECT id FROM ticket WHERE number != ? ORDER BY id LIMIT 150)
                    """, arguments: [several])
            return (several, numbers)
        }
        try queue.close()
        let check = try cli.run(["--lang", "en", "db", "check"])
        #expect(check.status == 1)
        for event in [2, 4, 6] {
            #expect(
                check.stdout.contains("ticket \(several), event \(event): hash does not match its content"),
                "event \(event): \(check.stdout)")
        }
        let named = numbers.filter { check.stdout.contains("ticket \($0), event 1:") }
        #expect(named.count == 99, "100 records named, the one with three breaks among them")
        #expect(
            check.stdout.contains("tickets: 51 more records with problems like these, not listed"), "\(check.stdout)")
    }
}

extension DailyUseCommandLineTests {
    @Test func freeTextMayBeginWithADashInEveryFreeTextOption() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let n = try cli.ok([
            "--now", "2025-12-02T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "公用事业/供暖/供热管网漏水", "--channel", "phone", "--caller", "张三", "--phone", "13800001111", "--address",
            "-1层车库", "--text", "-2℃，暖气不热",
        ])
        let shown = try cli.ok(["ticket", "show", n])
        #expect(shown.contains("-1层车库"))
        #expect(shown.contains("-2℃，暖气不热"))
    }
}

extension DailyUseCommandLineTests {
    @Test func helpShowsExamplesAndOffersCompletion() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let root = try cli.ok(["--help"])
        #expect(root.contains("Examples:"))
        #expect(root.contains("govdesk --generate-completion-script bash"))
        #expect(root.contains("generate-manual"))
        let commands = [
            ["ticket"], ["ticket", "new"], ["ticket", "list"], ["ticket", "show"], ["case"], ["finding"], ["letters"],
            ["letters", "show"], ["import", "tickets"], ["export"], ["demo"], ["init"], ["db", "check"],
            ["db", "backup"], ["audit", "list"], ["calendar", "add"],
        ]
        for command in commands {
            #expect(try cli.ok(command + ["--help"]).contains("Examples:"), "\(command)")
        }
        for shell in ["bash", "zsh", "fish"] {
            let script = try cli.ok(["--generate-completion-script", shell])
            #expect(script.contains("govdesk"), "\(shell)")
            #expect(script.contains("ticket"), "\(shell)")
        }
    }
}
