import Foundation
import Testing

@testable import govdesk

/// The report's formats as a user or a script meets them, through the built binary: the format an `--out` file's
/// extension names, the CSV as data (one table per file), 去年同月 without data, and numbers right-aligned.
@Suite(.serialized)
struct ReportFormatTests {
    /// A training database with one complaint about a topic starting with `=`, created on 2025-03-04 and answered at
    /// intake, and one ticket created on 2025-04-10.
    static func makeCLI() throws -> CLIHarness {
        let cli = try CLIHarness()
        try cli.ok(["init", "--training"])
        try cli.ok([
            "--now", "2025-03-04T10:00", "--actor", "op01", "ticket", "new", "--type", "consult", "--topic",
            "住房保障/住房公积金/公积金提取", "--channel", "web", "--caller", "李四", "--phone", "13800000002", "--text", "如何申请公租房",
        ])
        try cli.ok([
            "--now", "2025-03-04T10:30", "--actor", "op01", "ticket", "resolve", "20250304-000001", "--text", "已告知",
        ])
        try cli.ok([
            "--now", "2025-04-10T10:00", "--actor", "op01", "ticket", "new", "--type", "consult", "--topic",
            "住房保障/住房公积金/公积金提取", "--channel", "phone", "--caller", "王五", "--phone", "13800000003", "--text", "再问公积金",
        ])
        return cli
    }

    /// A file's text as written, byte-order mark included (`String(contentsOfFile:)` drops it).
    static func bytes(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    static let march = ["--now", "2025-05-02", "report", "monthly", "--month", "2025-03"]

    @Test(arguments: [
        ("r.html", "html", "<!DOCTYPE html>"), ("r.htm", "html", "<!DOCTYPE html>"),
        ("r.md", "md", "> 【培训环境】"), ("r.json", "json", "{"), ("r.txt", "txt", "【培训环境】"),
        ("R.MD", "md", "> 【培训环境】"),
    ])
    func outPicksTheFormatFromTheExtensionAndSaysWhatItWrote(name: String, format: String, start: String) throws {
        let cli = try Self.makeCLI()
        defer { cli.cleanUp() }
        let path = cli.folder.appendingPathComponent(name).path
        let result = try cli.run(Self.march + ["--out", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "the note goes to standard error: \(result.stdout)")
        #expect(result.stderr.contains("已写入 \(path)（\(format) 格式，"), "\(result.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix(start))
        if format == "txt" {
            #expect(try String(contentsOfFile: path, encoding: .utf8).contains("受理量"))
        }
        // In English, and the file rules still hold: the file exists now, so only --force replaces it.
        let again = try cli.run(["--lang", "en"] + Self.march + ["--out", path])
        #expect(again.status == 1 && again.stderr.contains("add --force"), "\(again.stderr)")
        let forced = try cli.run(["--lang", "en"] + Self.march + ["--out", path, "--force"])
        #expect(forced.stderr.contains("wrote \(path) (\(format), "), "\(forced.stderr)")
        #expect(!forced.stderr.contains("已写入"))
    }

    @Test(arguments: ["r.pdf", "report", "r.xlsx"])
    func anOutFileWhoseExtensionNamesNoFormatIsRefused(name: String) throws {
        let cli = try Self.makeCLI()
        defer { cli.cleanUp() }
        let path = cli.folder.appendingPathComponent(name).path
        let result = try cli.run(Self.march + ["--out", path])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("请用 .html、.md、.json、.csv 或 .txt，或给出 --format"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
        // --format decides whatever the name.
        try cli.ok(Self.march + ["--out", path, "--format", "md"])
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("# 12345热线"))
    }

    @Test func csvToAFolderWritesOneFilePerTableUnderTheFileRules() throws {
        let cli = try Self.makeCLI()
        defer { cli.cleanUp() }
        let folder = cli.folder.appendingPathComponent("march").path
        let result = try cli.run(Self.march + ["--format", "csv", "--out", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("已写入 \(folder)：9 个 CSV 文件"), "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(
            names == [
                "by-channel.csv", "by-type.csv", "departments.csv", "hall-awards.csv", "hall-summary.csv",
                "headline.csv", "letters.csv", "repeat-topics.csv", "topics.csv",
            ])
        func read(_ name: String) throws -> [[String]] {
            let text = try Self.bytes(folder + "/" + name)
            #expect(text.hasPrefix("\u{FEFF}month,"), "\(name)")
            return text.dropFirst().split(separator: "\r\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
        }
        // Numbers as numbers, rates as fractions beside their counts, an empty cell where a month has no data.
        let headline = try read("headline.csv")
        #expect(
            headline[0].prefix(7) == [
                "month", "figure", "unit", "this_month", "this_month_numerator", "this_month_denominator",
                "previous_month",
            ])
        let received = try #require(headline.first { $0[1] == "received" })
        #expect(received == ["2025-03", "received", "count", "1", "", "", "", "", "", "", "", "", "", ""])
        let onTime = try #require(headline.first { $0[1] == "on_time_rate" })
        #expect(onTime.prefix(6) == ["2025-03", "on_time_rate", "rate", "1", "1", "1"])
        let types = try read("by-type.csv")
        #expect(types[0].prefix(3) == ["month", "type", "received"])
        #expect(types.contains { $0.prefix(4) == ["2025-03", "consult", "1", "1"] })
        #expect(try read("hall-summary.csv")[1].prefix(3) == ["2025-03", "0", "0"])
        #expect(try read("topics.csv")[1] == ["2025-03", "1", "住房保障/住房公积金/公积金提取", "1", "", ""])

        // Again without --force, headline.csv gone and topics.csv changed: refused before anything is written (no
        // new headline.csv); with --force every file is replaced.
        let before = try Self.bytes(folder + "/headline.csv")
        try FileManager.default.removeItem(atPath: folder + "/headline.csv")
        try "changed".write(toFile: folder + "/topics.csv", atomically: true, encoding: .utf8)
        let again = try cli.run(Self.march + ["--format", "csv", "--out", folder])
        #expect(again.status == 1 && again.stderr.contains("departments.csv 已存在；加 --force"), "\(again.stderr)")
        #expect(try String(contentsOfFile: folder + "/topics.csv", encoding: .utf8) == "changed")
        #expect(!FileManager.default.fileExists(atPath: folder + "/headline.csv"), "written before the refusal")
        try cli.ok(Self.march + ["--format", "csv", "--out", folder, "--force"])
        #expect(try Self.bytes(folder + "/topics.csv").hasPrefix("\u{FEFF}month,rank"))
        #expect(try Self.bytes(folder + "/headline.csv") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty)
    }

    @Test func oneCSVTableGoesToStandardOutputOrAFileAndSeveralAreRefused() throws {
        let cli = try Self.makeCLI()
        defer { cli.cleanUp() }
        let april = ["--now", "2025-05-02", "report", "monthly", "--month", "2025-04"]
        // April against March: the change is a fraction, not an apostrophe-prefixed percentage.
        let headline = try cli.ok(april + ["--table", "headline"])
        #expect(headline.contains("\r\n2025-04,resolved_at_intake,count,0,,,1,,,-1,,,,\r\n"), "\(headline)")
        #expect(!headline.contains("'"))
        let file = cli.folder.appendingPathComponent("departments.csv").path
        let written = try cli.run(april + ["--table", "departments", "--out", file])
        #expect(written.stderr.contains("已写入 \(file)（csv 格式"), "\(written.stderr)")
        #expect(try Self.bytes(file).hasPrefix("\u{FEFF}month,rank,code,name,received,"))
        // `report departments` has one table and needs no --table.
        let departments = try cli.ok([
            "--now", "2025-05-02", "report", "departments", "--month", "2025-04", "--format", "csv",
        ])
        #expect(departments.hasPrefix("\u{FEFF}month,rank,code,name"))

        for (arguments, fragment) in [
            (april + ["--format", "csv"], "加 --table 表名"),
            (april + ["--format", "csv"], "--out 文件夹"),
            (april + ["--out", cli.folder.appendingPathComponent("all.csv").path], "--table 表名"),
            (april + ["--table", "everything"], "请从以下选择：headline、departments、by-type"),
            (april + ["--table", "topics", "--format", "html"], "--table 只用于 CSV"),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("all.csv").path))
    }

    @Test func aMonthComparedWithoutDataShowsADashAndTheJSONSaysSo() throws {
        let cli = try Self.makeCLI()
        defer { cli.cleanUp() }
        // March 2025: no ticket before the end of February 2025 or of March 2024.
        let march =
            try JSONSerialization.jsonObject(
                with: Data(try cli.ok(Self.march + ["--format", "json"]).utf8)) as? [String: Any]
        let lastYear = march?["sameMonthLastYear"] as? [String: Any]
        #expect(lastYear?["hasData"] as? Bool == false)
        #expect(lastYear?["received"] as? Int == 0, "the numbers stay")
        #expect((march?["previousMonth"] as? [String: Any])?["hasData"] as? Bool == false)
        let table = try cli.ok(["--lang", "en"] + Self.march)
        let received = try #require(table.split(separator: "\n").first { $0.hasPrefix("Received ") })
        #expect(received.split(separator: " ").map(String.init) == ["Received", "1", "—", "—", "—", "—"])
        #expect(table.contains("—: no data for 2025-02, 2024-03 (no tickets yet then)."))
        let html = try cli.ok(Self.march + ["--format", "html"])
        #expect(!html.contains("同比 +"), "no change against a month without data")
        // April 2025: March had a ticket, so the previous month is shown, zeros included.
        let april = try cli.ok(["--lang", "en", "--now", "2025-05-02", "report", "monthly", "--month", "2025-04"])
        let line = try #require(april.split(separator: "\n").first { $0.hasPrefix("Resolved at intake ") })
        #expect(line.split(separator: " ").suffix(5).map(String.init) == ["0", "1", "-100.0%", "—", "—"], "\(line)")
        let aprilJSON =
            try JSONSerialization.jsonObject(
                with: Data(
                    try cli.ok(["--now", "2025-05-02", "report", "monthly", "--month", "2025-04", "--json"]).utf8))
            as? [String: Any]
        #expect((aprilJSON?["previousMonth"] as? [String: Any])?["hasData"] as? Bool == true)
    }

    @Test func theHTMLPrintsOnA4WithChartsForEveryBreakdownAndATrendTitledByWhatItShows() throws {
        let cli = try Self.makeCLI()
        defer { cli.cleanUp() }
        let april = ["--now", "2025-05-02", "report", "monthly", "--month", "2025-04", "--format", "html"]
        let zh = try cli.ok(april)
        let en = try cli.ok(["--lang", "en"] + april)
        for html in [zh, en] {
            for external in ["<script", "<link", "src=", "url(", "https://", "@import"] {
                #expect(!html.contains(external), "\(external)")
            }
            #expect(html.contains("@page { size: A4"))
            #expect(html.contains("@media print"))
            // Headline, ranking, breakdowns, hall: three page breaks.
            #expect(html.components(separatedBy: "<div class=\"part break\">").count - 1 == 3)
            // Trend, ranking, types, channels, topics, the hall's counts and rates.
            #expect(html.components(separatedBy: "<svg ").count - 1 == 7)
            #expect(!html.contains("十二") && !html.contains("twelve"))
        }
        // Two months of data: the trend says so, with units on both axes.
        #expect(zh.contains("近2个月（2025-03 至 2025-04）受理量、办结量与按时办结率"))
        #expect(zh.contains(">件数（件）</text>") && zh.contains(">按时办结率（%）</text>"))
        #expect(en.contains("Received, closed and on-time rate, last 2 months (2025-03 to 2025-04)"))
        #expect(en.contains(">tickets</text>") && en.contains(">on-time rate (%)</text>"))
        // The type and channel charts carry the month's ticket; the hall's rates are on a 0–100 % axis.
        #expect(zh.contains("<title>咨询 1</title>"))
        #expect(en.contains("<title>phone 1</title>"), "channels by their English label")
        #expect(en.contains(">rate (%)</text>"))
        // Text in tables wraps; only numbers stay on one line.
        #expect(
            !zh.contains(
                "th, td { padding: 5px 8px; border-bottom: 1px solid #e6e8ec; text-align: left; white-space: nowrap"))
        #expect(zh.contains("td.num { white-space: nowrap; }"))
    }

    /// Checks that every cell of the numeric columns ends where its column ends, and every other cell starts where
    /// its column starts, in the table whose header line starts with `header`.
    static func expectAligned(
        _ text: String, header: String, numeric: Set<Int>, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        // Display columns: a wide character takes two places.
        func places(_ line: Substring) -> [Character] {
            line.flatMap { ch in [ch] + Array(repeating: "\u{0}", count: max(0, Output.displayWidth(String(ch)) - 1)) }
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }), start + 2 < lines.count else {
            Issue.record("no table starting with \(header)", sourceLocation: sourceLocation)
            return
        }
        let rule = places(lines[start + 1])
        var columns: [Range<Int>] = []
        var i = 0
        while i < rule.count {
            guard rule[i] == "-" else {
                i += 1
                continue
            }
            let begin = i
            while i < rule.count, rule[i] == "-" { i += 1 }
            columns.append(begin..<i)
        }
        var rows = 0
        for line in lines[(start + 2)...] {
            let cells = places(line)
            // A table ends at an empty line, its note (`—: …`) or the line that says how many more there are.
            if line.isEmpty || line.hasPrefix("…") || line.hasPrefix("—") { break }
            rows += 1
            for (index, column) in columns.enumerated() where index < columns.count - 1 || numeric.contains(index) {
                let at = numeric.contains(index) ? column.upperBound - 1 : column.lowerBound
                let cell =
                    at < cells.count ? String(cells[column.lowerBound..<min(column.upperBound, cells.count)]) : ""
                if cell.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                #expect(
                    at < cells.count && cells[at] != " ",
                    "column \(index) of \(String(line)) is not \(numeric.contains(index) ? "right" : "left")-aligned",
                    sourceLocation: sourceLocation)
            }
        }
        #expect(rows > 0, "no rows under \(header)", sourceLocation: sourceLocation)
    }

    @Test func windowsAndEvaluationTablesRightAlignTheirNumbers() throws {
        let cli = try Self.makeCLI()
        defer { cli.cleanUp() }
        for lang in ["zh", "en"] {
            let windows = try cli.ok(["--lang", lang, "report", "windows", "--month", "2025-03"])
            Self.expectAligned(windows, header: lang == "zh" ? "窗口" : "window", numeric: Set(2...10))
        }
        try cli.ok(["--actor", "db01", "--now", "2025-04-01T09:00", "eval", "run", "--month", "2025-03"])
        let evaluation = try cli.ok(["--lang", "en", "eval", "show", "--month", "2025-03"])
        Self.expectAligned(evaluation, header: "rank", numeric: [0, 3, 4, 5, 6, 7, 8, 9, 10, 11])
        // The monthly report's tables, which aligned their numbers before, still do.
        let report = try cli.ok(["--lang", "en"] + Self.march)
        Self.expectAligned(report, header: "figure", numeric: [1, 2, 3, 4, 5])
    }
}
