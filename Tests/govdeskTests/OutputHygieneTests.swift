import Foundation
import Testing

/// Text that people typed or imported reaches the terminal with its control characters shown, not obeyed; Markdown
/// letters and HTML reports keep their structure; error messages quote little and no personal data (DESIGN §11.5).
@Suite(.serialized)
struct OutputHygieneTests {
    /// Clears the screen, turns text red, reverses what follows and starts a line that looks like a field.
    static let clear = "\u{1B}[2J"
    static let hostileDescription = "停水\(clear)三天\n状态: 已办结\u{202E}反向\r回车\u{9B}31m"

    static func newTicket(topic: String = "公用事业/供水/停水", caller: String = "周敏", phone: String = "13900001111")
        -> [String]
    {
        [
            "--now", "2025-03-03T09:00", "--actor", "op01", "ticket", "new", "--type", "help", "--topic", topic,
            "--channel", "web", "--caller", caller, "--phone", phone, "--address", "幸福路\n状态: 已办结", "--street",
            "城关\u{1B}]0;title\u{7}街道", "--text", hostileDescription,
        ]
    }

    /// No character a terminal would obey: C0 other than line feed and tab, DEL, C1, bidirectional controls.
    static func expectInert(
        _ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let obeyed = text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A, 0x09: return false
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
            default: return false
            }
        }
        #expect(
            obeyed.isEmpty, "\(what) prints \(obeyed.map { String($0.value, radix: 16) })",
            sourceLocation: sourceLocation)
    }

    @Test func aTicketsTypedTextIsShownNotObeyed() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        // A topic must be a node of the topic tree, so a hostile one is refused at intake (imports keep theirs).
        let hostileTopic = try cli.run(Self.newTicket(topic: "城市管理/\u{1B}[31m红色/<script>alert(1)"))
        #expect(hostileTopic.status == 65)
        Self.expectInert(hostileTopic.stderr, "the refusal of a hostile topic")
        let number = try cli.ok(Self.newTicket(caller: "张\(Self.clear)三"))
        try cli.ok(["--now", "2025-03-03T09:10", "--actor", "pd01", "ticket", "dispatch", number, "--to", "CGJ"])
        try cli.ok(["--now", "2025-03-03T09:20", "--actor", "cgj1", "ticket", "sign", number])
        try cli.ok([
            "--now", "2025-03-04T09:00", "--actor", "cgj1", "ticket", "reply", number, "--text", "已恢复\(Self.clear)供水",
        ])

        for arguments in [
            ["ticket", "show", number], ["--actor", "admin", "ticket", "show", number, "--include-pii"],
            ["ticket", "list"], ["--json", "ticket", "show", number], ["--json", "ticket", "list"],
            ["report", "monthly", "--month", "2025-03"], ["report", "monthly", "--month", "2025-03", "--format", "md"],
            ["report", "monthly", "--month", "2025-03", "--format", "html"],
        ] {
            let result = try cli.run(["--now", "2025-04-02T09:00"] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            Self.expectInert(result.stdout, arguments.joined(separator: " "))
        }
        let shown = try cli.ok(["ticket", "show", number])
        #expect(shown.contains("停水\\u{1B}[2J三天\n    状态: 已办结\\u{202E}反向\\u{D}回车\\u{9B}31m"), "\(shown)")
        #expect(shown.contains("幸福路\\u{A}状态: 已办结"), "\(shown)")
        #expect(shown.contains("已恢复\\u{1B}[2J供水"), "\(shown)")
        // Only the real state line starts a line with a label; the typed one is indented or escaped.
        #expect(!shown.components(separatedBy: "\n").contains { $0.hasPrefix("状态") }, "\(shown)")

        // JSON escapes too, and still reads back as what was typed.
        let json = try cli.ok(["--json", "ticket", "show", number])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["description"] as? String == Self.hostileDescription)

        let html = try cli.ok([
            "--now", "2025-04-02T09:00", "report", "monthly", "--month", "2025-03", "--format", "html",
        ])
        #expect(!html.contains("<script>alert"))
    }

    @Test func hallTextIsShownNotObeyed() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        Self.expectInert(
            try cli.ok([
                "--actor", "admin", "staff", "add", "--code", "w31", "--name", "赵\(Self.clear)敏", "--dept", "XZSP",
                "--role", "window",
            ]), "staff add")
        let window = try cli.ok([
            "--actor", "admin", "window", "add", "--code", "A05", "--name", "综合窗口\(Self.clear)5", "--dept", "XZSP",
            "--area", "区\u{202E}域",
            "--staff", "w31",
        ])
        Self.expectInert(window, "window add")
        let item = try cli.ok([
            "--actor", "admin", "item", "add", "--code", "QY007", "--name", "变更\u{1B}[8m登记", "--dept", "XZSP", "--days",
            "1", "--window",
            "A05",
        ])
        Self.expectInert(item, "item add")
        let created = try cli.ok([
            "--actor", "w31", "--now", "2025-09-30T10:00", "case", "new", "--item", "QY007", "--window", "A05",
            "--applicant", "张\(Self.clear)建国",
        ])
        let number = try #require(created.split(separator: "\n").first.map(String.init))
        try cli.ok([
            "--actor", "w31", "--now", "2025-09-30T10:20", "case", "refuse", number, "--reason", "材料\(Self.clear)不全",
        ])
        let finding = try cli.ok([
            "--actor", "ty01", "--now", "2025-10-13T10:00", "finding", "new", "--source", "officer", "--reporter",
            "TYY01", "--kind", "slow", "--window", "A05", "--text", "午间\(Self.clear)只开一个窗口",
        ])
        for arguments in [
            ["staff", "list"], ["window", "list"], ["window", "show", "A05"], ["item", "list"], ["case", "list"],
            ["case", "show", number],
            ["--actor", "admin", "case", "show", number, "--include-pii"], ["finding", "list"],
            ["finding", "show", finding], ["--json", "case", "show", number],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            Self.expectInert(result.stdout, arguments.joined(separator: " "))
        }
        #expect(try cli.ok(["finding", "show", finding]).contains("午间\\u{1B}[2J只开一个窗口"))
    }

    /// A department name with a line break and a topic with `<!--` and `|` cannot add a heading to a letter, hide
    /// the rest of it or break its table.
    @Test func aLetterKeepsItsStructure() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let added = try cli.ok(["--actor", "admin", "dept", "add", "--code", "EVIL", "--name", "恶意局\n# 伪造标题\u{1B}[2J"])
        #expect(added == "EVIL 恶意局\\u{A}# 伪造标题\\u{1B}[2J")
        // (A topic with `<!--` or `|` is refused at intake: topics come from the tree. Imports keep theirs, and the
        // letter's cells escape them; LetterRendererTests covers that.)
        let number = try cli.ok(Self.newTicket())
        try cli.ok(["--now", "2025-03-03T09:10", "--actor", "pd01", "ticket", "dispatch", number, "--to", "EVIL"])
        let folder = cli.folder.appendingPathComponent("letters").path
        try cli.ok(["--now", "2025-03-10T09:00", "--actor", "db01", "letters", "issue", "--out", folder])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        try #require(files.count == 1)
        let text = try String(contentsOfFile: folder + "/" + files[0], encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        #expect(lines.filter { $0.hasPrefix("#") }.count == 1, "\(text)")
        #expect(lines.contains("恶意局 # 伪造标题\\u{1B}\\[2J："), "\(text)")
        #expect(!text.contains("<!--"))
        let row = try #require(lines.first { $0.hasPrefix("| 1 |") })
        #expect(row.filter { $0 == "|" }.count == 7, "\(row)")
        Self.expectInert(try cli.ok(["letters", "list"]), "letters list")
    }

    /// Messages quote at most 80 characters of a value, shown not obeyed, on one line; never a phone number.
    @Test func errorMessagesQuoteLittleAndNoPersonalData() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let long = String(repeating: "九", count: 200) + Self.clear
        for (arguments, status) in [
            (["ticket", "show", long], Int32(65)), (["ticket", "show", "\(Self.clear)20250303-000001"], 65),
            (Self.newTicket(topic: "a/b/c/" + long), 64),
            (["--actor", "pd01", "ticket", "dispatch", "20250303-000001", "--to", long], 65),
            (["--now", long, "ticket", "list"], 64),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == status, "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(!result.stderr.contains(String(repeating: "九", count: 81)), "\(result.stderr)")
            Self.expectInert(result.stderr, arguments.joined(separator: " "))
        }
        let phone = try cli.run(Self.newTicket(phone: "1390000abcd"))
        #expect(phone.status == 64)
        #expect(phone.stderr.contains("phone") && !phone.stderr.contains("1390000abcd"), "\(phone.stderr)")
        let applicant = try cli.run([
            "--actor", "w01", "case", "new", "--item", "QY001", "--window", "A01", "--applicant", "张建国", "--phone",
            "138-ABC-12345",
        ])
        #expect(applicant.status == 64)
        #expect(!applicant.stderr.contains("138-ABC-12345") && !applicant.stderr.contains("张建国"), "\(applicant.stderr)")
    }
}
