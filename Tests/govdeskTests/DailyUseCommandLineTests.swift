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
                #expect(refused.stderr.contains("--limit \(bad) is not allowed; use 1 to 100000"), "\(refused.stderr)")
            }
        }
    }
}
