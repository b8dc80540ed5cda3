import Foundation
import Testing

@testable import GovDeskCore

/// Writes `text` to a fresh temporary file and returns its path.
func makeTemporaryFile(_ text: String, name: String = "fixture.csv") -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("govdesk-core-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8))
    return url.path
}

/// Reads every record of `text` with its starting line.
func readAll(_ text: String) throws -> [(line: Int, fields: [String])] {
    let reader = try CSVReader(path: makeTemporaryFile(text))
    var records: [(Int, [String])] = []
    while let fields = try reader.next() { records.append((reader.recordLine, fields)) }
    return records
}

struct CSVReaderTests {
    /// Found by `scripts/fuzz csv`: a first read that ended right after the BOM read past the chunk and trapped.
    @Test func aFileThatIsOnlyAByteOrderMarkHasNoRecords() throws {
        let reader = try CSVReader(path: makeTemporaryFile("\u{FEFF}"))
        #expect(try reader.next() == nil)
    }

    /// Chunk boundaries anywhere (inside a CRLF, a doubled quote, the BOM) change nothing.
    @Test(arguments: 1...7)
    func smallChunksReadLikeOneChunk(_ chunkSize: Int) throws {
        let text = Array("\u{FEFF}id,text\r\n1,\"a, \"\"b\"\"\r\nc\"\r\n\r\n2,end\r3,x".utf8)
        func records(_ reader: CSVReader) throws -> [[String]] {
            var all: [[String]] = []
            while let fields = try reader.next() { all.append(fields + ["@\(reader.recordLine)"]) }
            return all
        }
        let expected = [["id", "text", "@1"], ["1", "a, \"b\"\r\nc", "@2"], ["2", "end", "@5"], ["3", "x", "@6"]]
        #expect(try records(CSVReader(bytes: text, file: "t.csv")) == expected)
        #expect(try records(CSVReader(bytes: text, file: "t.csv", chunkSize: chunkSize)) == expected)
    }

    @Test func readsPlainRecordsWithLineFeeds() throws {
        let records = try readAll("a,b,c\n1,2,3\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test func readsQuotedFieldsWithCommasDoubledQuotesAndLineBreaks() throws {
        let records = try readAll("id,text\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"two\r\nlines\"\r\n4,end\r\n")
        #expect(
            records.map(\.fields) == [
                ["id", "text"], ["1", "a, b"], ["2", "say \"hi\""], ["3", "two\r\nlines"], ["4", "end"],
            ])
        // Record 4 starts on line 6 because record 3 spans lines 4 and 5.
        #expect(records.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test func skipsAByteOrderMarkAndEmptyLinesAndReadsALastLineWithoutBreak() throws {
        let records = try readAll("\u{FEFF}名称,值\n\n甲,1\n乙,")
        #expect(records.map(\.fields) == [["名称", "值"], ["甲", "1"], ["乙", ""]])
        #expect(records.map(\.line) == [1, 3, 4])
    }

    @Test func keepsEmptyFields() throws {
        #expect(try readAll(",,\n").map(\.fields) == [["", "", ""]])
    }

    @Test func refusesAnUnbalancedQuoteNamingTheLineItOpensOn() throws {
        let path = makeTemporaryFile("a,b\n1,2\n3,\"open\n4,5\n")
        let reader = try CSVReader(path: path)
        _ = try reader.next()
        _ = try reader.next()
        #expect(
            throws: CSVError(
                file: path, line: 3,
                message: CoreText.quoteNeverClosed.phrase)
        ) {
            _ = try reader.next()
        }
    }

    @Test func refusesTextAfterAClosingQuote() throws {
        let reader = try CSVReader(path: makeTemporaryFile("a\n\"x\"y\n"))
        _ = try reader.next()
        do {
            _ = try reader.next()
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
        }
    }

    @Test func readsAcrossChunkBoundaries() throws {
        // More than one 1 MiB chunk, with a quoted field that straddles the boundary somewhere.
        var text = "id,text\n"
        for i in 0..<30_000 { text += "\(i),\"row \(i), with \"\"quotes\"\" and padding padding padding\"\n" }
        let records = try readAll(text)
        #expect(records.count == 30_001)
        #expect(records[29_999].fields == ["29998", "row 29998, with \"quotes\" and padding padding padding"])
        #expect(records[30_000].line == 30_001)
    }

    @Test func theLineCountIsEstimatedFromTheFirstChunk() throws {
        let text = Array(String(repeating: "abc,def\r\n", count: 100).utf8)
        // A first chunk of two whole 9-byte lines scaled by the size: 2 × 900 / 18.
        let chunked = CSVReader(bytes: text, file: "t.csv", chunkSize: 18)
        #expect(chunked.estimatedLineCount == 0)
        _ = try chunked.next()
        #expect(chunked.estimatedLineCount == 100)
        // A file that fits one chunk is counted exactly; a lone CR ends a line too.
        let reader = try CSVReader(path: makeTemporaryFile("a\r\nb\rc\n\nd"))
        _ = try reader.next()
        #expect(reader.estimatedLineCount == 4)
    }
}

struct TicketImportTextTests {
    @Test(arguments: [
        ("a/b/c", "a/b/c"), (" a / b ", "a/b"), ("a//b", "a/b"), ("a/b/c/d/e", "a/b/c-d-e"), ("/", ""),
        ("其他/x", "其他/x"),
        ("a/b/", "a/b"),
    ])
    func topicsHaveAtMostThreeNonEmptyLevels(_ c: (String, String)) {
        #expect(TicketImport.normaliseTopic(c.0) == c.1)
    }

    @Test func jsonTextEscapesWhatItMust() throws {
        let details = ["b": "say \"hi\"\n\\", "a": "plain 中文", "c": "\u{01}"]
        let text = JSONText.object(details)
        #expect(text == #"{"a":"plain 中文","b":"say \"hi\"\n\\","c":"\u0001"}"#)
        #expect(TicketEvent.decodeDetails(text) == details)
    }

    @Test func fastTrimmingMatchesFoundation() {
        for text in ["", " ", "a", " a", "a ", "\t a b \r\n", "中 文 "] {
            #expect(FastText.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

struct ImportValidationShortcutTests {
    func intake(description: String = "Loud music", topic: String = "a/b/c", phone: String = "", name: String = "")
        -> Ticket.Intake
    {
        Ticket.Intake(
            channel: .web, type: .complaint, topic: topic, callerName: name, callerPhone: phone,
            description: description)
    }

    /// The shortcut never accepts what `validate` refuses.
    @Test(arguments: [
        ("Loud music", "a/b/c", "", ""), (" ", "a/b", "", ""), ("\u{3000}x", "a", "", ""),
        ("x", "a/\u{3000}/c", "", ""),
        ("x", "a/b/c/d", "", ""), ("x", "", "", ""), ("x", "a", "12ab", ""),
        ("x", "a", "", String(repeating: "名", count: 101)),
        (String(repeating: "x", count: 4001), "a", "", ""), ("x\u{0}", "a", "", ""),
        ("中文", "城市管理/市容环境", "13812345678", "张三"),
    ])
    func agreesWithValidate(_ c: (String, String, String, String)) {
        let i = intake(description: c.0, topic: c.1, phone: c.2, name: c.3)
        var valid = true
        do { try TicketMachine.validate(i) } catch { valid = false }
        if TicketImport.surelyValid(i) { #expect(valid) }
    }

    @Test func acceptsTheCommonRow() {
        #expect(TicketImport.surelyValid(intake(description: "中文", topic: "城市管理/市容环境/x", phone: "13812345678")))
    }
}
