import Foundation
import Testing

/// Issue 13's smaller items a supervisor trips over in a normal week, through the built binary.
@Suite(.serialized)
struct DailyUseTests {
    @Test func mappingsAreFoundByNameFromAnyFolderAndListed() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        // The scratch folder has no Config/: the mapping comes from the binary.
        let listed = try cli.ok(["import", "mappings"])
        for name in ["nyc311", "cn-spreadsheet", "govdesk"] { #expect(listed.contains(name), "\(listed)") }
        #expect(listed.contains("(built in)"))
        let csv = cli.folder.appendingPathComponent("311.csv")
        try makeNYCFile().write(to: csv, atomically: true, encoding: .utf8)
        let dry = try cli.ok(["--actor", "op01", "import", "tickets", csv.path, "--mapping", "nyc311", "--dry-run"])
        #expect(dry.contains("nothing was written"), "\(dry)")
        let unknown = try cli.run(["--actor", "op01", "import", "tickets", csv.path, "--mapping", "nyc312"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("import mappings"))
        // A missing file is named plainly, without a line 0, as a file problem (74, like a missing --db).
        let missing = try cli.run(["--actor", "op01", "import", "tickets", "no-such.csv", "--mapping", "nyc311"])
        #expect(missing.status == 74)
        #expect(missing.stderr.contains("no-such.csv: no such file"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("line 0"))
    }

    @Test func aLetterIsFoundByItsNumberWrittenWithAnyBracketsOrByItsSequence() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let n = try cli.ok([
            "--now", "2025-09-10T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张三", "--phone", "13800001111", "--text", "占道",
        ])
        try cli.ok(["--now", "2025-09-10T09:30", "--actor", "pd01", "ticket", "dispatch", n, "--to", "CGJ"])
        try cli.ok(["--now", "2025-09-12T09:00", "--actor", "db01", "letters", "issue"])
        let canonical = try cli.ok(["letters", "show", "潞热线警〔2025〕第1号"])
        for typed in ["潞热线警[2025]第1号", "潞热线警(2025)第1号", "潞热线警（2025）第1号", "潞热线警【2025】第1号", "潞热线警〔2025〕1号"] {
            #expect(try cli.ok(["letters", "show", typed]) == canonical, "\(typed)")
        }
        #expect(try cli.ok(["--now", "2025-09-12T10:00", "letters", "show", "1", "--kind", "warning"]) == canonical)
        #expect(try cli.ok(["letters", "show", "1", "--kind", "warning", "--year", "2025"]) == canonical)
        #expect(try cli.ok(["letters", "show", "第1号", "--kind", "warning", "--year", "2025"]) == canonical)
        let bare = try cli.run(["letters", "show", "1"])
        #expect(bare.status == 64)
        #expect(bare.stderr.contains("--kind"))
    }
}

extension DailyUseTests {
    @Test func everyListSaysHowManyItShowedOfHowManyMatched() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        for i in 0..<5 {
            let n = try cli.ok([
                "--now", "2025-09-10T09:0\(i)", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
                "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张三", "--phone", "13800001111", "--text", "占道",
            ])
            try cli.ok(["--now", "2025-09-10T09:30", "--actor", "pd01", "ticket", "dispatch", n, "--to", "CGJ"])
        }
        let limited = try cli.ok([
            "--now", "2025-09-12T09:00", "ticket", "list", "--state", "dispatched", "--limit", "3",
        ])
        #expect(limited.hasSuffix("显示 3 / 共 5 件，用 --limit 调整"), "\(limited)")
        let all = try cli.ok(["--now", "2025-09-12T09:00", "ticket", "list", "--state", "dispatched"])
        #expect(all.hasSuffix("共 5 件"), "\(all)")
        let english = try cli.ok(["--now", "2025-09-12T09:00", "--lang", "en", "ticket", "list", "--limit", "2"])
        #expect(english.hasSuffix("showing 2 of 5 tickets; use --limit to see more"), "\(english)")
        try cli.ok(["--now", "2025-09-12T09:00", "--actor", "db01", "letters", "issue"])
        let letters = try cli.ok(["letters", "list", "--limit", "1"])
        #expect(letters.hasSuffix("共 1 份"), "\(letters)")
        #expect(try cli.ok(["case", "list"]).hasSuffix("共 0 件"))
        #expect(try cli.ok(["finding", "list"]).hasSuffix("共 0 条"))
    }
}

extension DailyUseTests {
    @Test func aTopicOutsideTheTreeIsRefusedAndTheTreeGivesTheDispatchHint() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let new = ["--now", "2025-09-10T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint"]
        let rest = ["--channel", "phone", "--caller", "张三", "--phone", "13800001111", "--text", "占道"]
        let before = try cli.dump()
        let split = try cli.run(new + ["--topic", "城管/市容/占道"] + rest)
        #expect(split.status == 65, "\(split.stderr)")
        #expect(split.stderr.contains("不在分类树中"))
        #expect(split.stderr.contains("城市管理/市容环境/占道经营"), "the nearest topic is named: \(split.stderr)")
        #expect(try cli.dump() == before)
        // A 大类 or 小类 of the tree is a topic too.
        try cli.ok(new + ["--topic", "城市管理/市容环境"] + rest)
        let logged = try cli.run(new + ["--topic", "城市管理/市容环境/占道经营"] + rest)
        #expect(logged.status == 0)
        #expect(logged.stdout.trimmingCharacters(in: .whitespacesAndNewlines).allSatisfy { $0.isNumber || $0 == "-" })
        let number = logged.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let json = try cli.ok(["--json", "ticket", "show", number])
        #expect(json.contains("\"dispatchHint\" : \"CGJ\""), "\(json)")
        #expect(try cli.ok(["ticket", "show", number]).contains("派单提示：此类诉求通常由 CGJ 潞州区城市管理局"))
        let listed = try cli.ok(["topic", "list"])
        #expect(listed.contains("城市管理/市容环境/占道经营"))
        #expect(listed.contains("CGJ 潞州区城市管理局"))
    }
}

extension DailyUseTests {
    @Test func ticketShowJSONGivesEventDetailsTyped() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let n = try cli.ok([
            "--now", "2025-09-29T09:12", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张三", "--phone", "13800001111", "--text", "占道",
        ])
        try cli.ok(["--now", "2025-09-29T09:40", "--actor", "pd01", "ticket", "dispatch", n, "--to", "CGJ"])
        try cli.ok(["--now", "2025-09-30T08:55", "--actor", "cgj1", "ticket", "sign", n])
        try cli.ok([
            "--now", "2025-10-13T10:00", "--actor", "cgj1", "ticket", "extend", n, "--days", "3", "--reason", "核查",
        ])
        try cli.ok(["--now", "2025-10-13T15:30", "--actor", "db01", "ticket", "approve-extension", n])
        try cli.ok(["--now", "2025-10-20T17:10", "--actor", "cgj1", "ticket", "reply", n, "--text", "已处理"])
        try cli.ok(["--now", "2025-10-21T09:20", "--actor", "sh01", "ticket", "approve", n])
        let json = try cli.ok(["--json", "ticket", "show", n])
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let events = try #require(object?["events"] as? [[String: Any]])
        let details = events.map { $0["details"] as? [String: Any] ?? [:] }
        #expect(details[1]["signDeadline"] as? String == "2025-09-30T09:40:00+08:00")
        #expect(details[3]["days"] as? Int == 3)
        #expect(details[4]["deadline"] as? String == "2025-10-25T00:00:00+08:00")
        #expect(details[6]["onTime"] as? Bool == true)
    }
}

extension DailyUseTests {
    @Test func freeTextMayBeginWithADash() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let n = try cli.ok([
            "--now", "2025-12-02T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "公用事业/供暖/供热管网漏水", "--channel", "phone", "--caller", "张三", "--phone", "13800001111", "--text",
            "-2℃，暖气不热",
        ])
        #expect(try cli.ok(["ticket", "show", n]).contains("-2℃，暖气不热"))
    }
}
