import Foundation
import Testing

/// DESIGN §11.5: letters and reports of a training database (every demo database) say so — the human formats on
/// their first line, JSON with `"training": true` — as `report monthly` does; a production database's do not.
@Suite(.serialized)
struct TrainingOutputTests {
    static let line = "【培训环境】本文件出自培训数据库，不是正式数据。"
    static let letterNote = "> 【培训环境】本督办函出自培训数据库，不是正式公文。"

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text.prefix(200))")
    }

    static func array(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "\(text.prefix(200))")
    }

    @Test func aDemoDatabasesLettersEvaluationAndHallReportsSaySo() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let demo = try cli.run(["demo", "--tickets", "400", "--months", "1"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let letters = try Self.array(try cli.ok(["--json", "letters", "list", "--limit", "3"]))
        #expect(!letters.isEmpty)
        for letter in letters { #expect(letter["training"] as? Bool == true, "\(letter)") }
        let number = try #require(letters.first?["number"] as? String)

        // letters show: the Markdown letter, and its JSON.
        let shown = try cli.ok(["letters", "show", number])
        #expect(shown.hasPrefix(Self.letterNote), "\(shown.prefix(80))")
        let shownJSON = try Self.object(try cli.ok(["--json", "letters", "show", number]))
        #expect(shownJSON["training"] as? Bool == true)
        #expect((shownJSON["text"] as? String)?.hasPrefix(Self.letterNote) == true)
        let english = try cli.ok(["--lang", "en", "letters", "show", number])
        #expect(english.hasPrefix("> [TRAINING]"), "\(english.prefix(80))")

        // letters list and issue: the table's first line.
        #expect(try cli.ok(["letters", "list", "--limit", "3"]).hasPrefix(Self.line))
        let issued = try cli.ok(["--actor", "db01", "--now", "2026-11-02T09:00", "letters", "issue"])
        #expect(issued.hasPrefix(Self.line), "\(issued.prefix(80))")

        // letters write: the files are letters too.
        let folder = cli.folder.appendingPathComponent("letters").path
        try cli.ok(["letters", "write", "--out", folder, "--number", number])
        let file = try String(contentsOfFile: folder + "/\(number).md", encoding: .utf8)
        #expect(file.hasPrefix(Self.letterNote), "\(file.prefix(80))")

        // eval show and the hall's reports: text and JSON.
        for arguments in [
            ["eval", "show", "--month", "2026-10"], ["report", "windows", "--month", "2026-10"],
            ["report", "findings", "--month", "2026-10"],
        ] {
            let text = try cli.ok(arguments)
            #expect(text.hasPrefix(Self.line), "\(arguments): \(text.prefix(80))")
            let english = try cli.ok(["--lang", "en"] + arguments)
            #expect(english.hasPrefix("[TRAINING]"), "\(arguments): \(english.prefix(80))")
            let json = try Self.object(try cli.ok(["--json"] + arguments))
            #expect(json["training"] as? Bool == true, "\(arguments)")
        }
    }

    @Test func aProductionDatabasesLettersEvaluationAndHallReportsDoNot() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        try cli.ok(["--actor", "db01", "eval", "run", "--month", "2025-05"])
        for arguments in [
            ["eval", "show", "--month", "2025-05"], ["report", "windows", "--month", "2025-05"],
            ["report", "findings", "--month", "2025-05"],
        ] {
            #expect(!(try cli.ok(arguments)).contains("培训环境"), "\(arguments)")
            #expect(try Self.object(try cli.ok(["--json"] + arguments))["training"] == nil, "\(arguments)")
        }
        #expect(!(try cli.ok(["letters", "list"])).contains("培训环境"))
        #expect(!(try cli.ok(["--actor", "db01", "letters", "issue"])).contains("培训环境"))
    }
}
