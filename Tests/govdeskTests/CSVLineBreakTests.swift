import Foundation
import GovDeskCore
import Testing

/// RFC 4180: a field holding a line break is quoted. In Swift "\r\n" is one Character, so a check by Characters for
/// "\n" or "\r" misses it; the CSV writer looks at the bytes.
@Suite(.serialized)
struct CSVLineBreakTests {
    @Test(arguments: ["第一行\r\n第二行", "a\r\nb", "x\r\n", "line\rbreak", "line\nbreak", "末尾\r\n"])
    func aFieldWithALineBreakIsQuoted(_ text: String) {
        #expect(CSVFormat.field(text) == "\"" + text + "\"")
    }

    /// A comma or quote followed by a combining mark is one Character with it, and still a comma or quote to a
    /// spreadsheet.
    @Test func aCommaOrQuoteUnderACombiningMarkIsQuotedAndDoubled() {
        #expect(CSVFormat.field("a,\u{301}b") == "\"a,\u{301}b\"")
        #expect(CSVFormat.field("引号\"\u{301}后") == "\"引号\"\"\u{301}后\"")
        #expect(CSVFormat.field("\r\n") == "\"'\r\n\"", "a leading CR is neutralised, then quoted")
    }

    @Test func anExportedDescriptionWithCRLFStaysOneQuotedField() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        try cli.ok([
            "--now", "2025-06-16T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "李明", "--phone", "13800138000", "--text",
            "门口占道\r\n经营到深夜",
        ])
        let out = cli.folder.appendingPathComponent("tickets.csv").path
        try cli.ok(["export", "tickets", "--month", "2025-06", "--out", out, "--no-bom"])
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)
        #expect(text.contains(",\"门口占道\r\n经营到深夜\","), "\(text.debugDescription)")
        // Read back as a spreadsheet would: a header and one record, with as many fields as the header.
        let reader = CSVReader(bytes: Array(text.utf8), file: out)
        var records: [[String]] = []
        while let record = try reader.next() { records.append(record) }
        #expect(records.count == 2, "\(records)")
        #expect(records.last?.count == records.first?.count)
        #expect(records.last?.contains("门口占道\r\n经营到深夜") == true)
    }

    /// The sanitising of what people typed (DESIGN §11.5) looks at scalars too: a CR of a CRLF is shown, and a value
    /// quoted in a message is cut at 80 scalars however few Characters they make.
    @Test func printableSeesTheScalarsOfACRLFAndOfCombiningMarks() throws {
        #expect(Printable.escaped("x\r\ny") == "x\\u{D}\\u{A}y")
        #expect(Printable.escaped("x\r\ny", keepsLines: true) == "x\\u{D}\ny")
        let zalgo = "a" + String(repeating: "\u{301}", count: 10_000)
        #expect(Printable.quoted(zalgo).unicodeScalars.count <= 81)

        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let result = try cli.run(["ticket", "show", zalgo])
        #expect(result.status == 65, "\(result.stderr.prefix(200))")
        #expect(
            result.stderr.utf8.count < 600, "the message quotes at most 80 scalars: \(result.stderr.utf8.count) bytes")
    }
}
