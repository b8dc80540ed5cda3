import Foundation
import Testing

/// Every committed fuzz corpus file (`Tests/FuzzCorpus/<target>/`) through the fuzzers' entry points, without
/// libFuzzer: each call ends in a value or an error with a message, never a crash. Crash inputs found by
/// `scripts/fuzz` are kept there as `regression-*` files.
struct FuzzCorpusTests {
    static let corpus = CLIHarness.repositoryRoot.appendingPathComponent("Tests/FuzzCorpus")

    static func files(_ target: FuzzTarget) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(
            at: corpus.appendingPathComponent(target.rawValue), includingPropertiesForKeys: nil
        ).sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyCorpusFileEndsInAValueOrAnError(_ target: FuzzTarget) throws {
        let files = try Self.files(target)
        #expect(files.count >= 10, "the \(target) corpus has \(files.count) files")
        var values = 0
        var errors = 0
        for file in files {
            switch target.run(Array(try Data(contentsOf: file))) {
            case .value: values += 1
            case .error(let message):
                errors += 1
                #expect(!message.isEmpty && !message.contains("\n"), "\(file.lastPathComponent): '\(message)'")
            }
        }
        // Both kinds of input are in every corpus: valid files and refused ones.
        #expect(values > 0 && errors > 0, "\(target): \(values) values, \(errors) errors")
    }

    @Test func seedsEndAsExpected() throws {
        let cases: [(FuzzTarget, String, String)] = [
            (.csv, "quoted", "value: 3 records, 6 fields, lines [1, 2, 3]"),
            (.csv, "newline-in-quotes", "value: 2 records, 4 fields, lines [1, 2]"),
            (.csv, "bom", "value: 2 records, 4 fields, lines [1, 2]"),
            (.csv, "unclosed-quote", "error: fuzz.csv, line 2: a quoted field opened on this line is never closed"),
            (.timestamp, "nyc", "value: 1651424400"),
            (.timestamp, "bad-day", "value: no match"),
            (.configuration, "empty", "value: time zone Asia/Shanghai"),
            (.configuration, "unknown-key", "error: fuzz.yaml: colour"),
            (.mapping, "nyc311", "value: nyc311, 3 formats, zone America/New_York"),
        ]
        for (target, name, expected) in cases {
            let bytes = try Data(contentsOf: Self.corpus.appendingPathComponent("\(target.rawValue)/\(name)"))
            let outcome = target.run(Array(bytes)).description
            #expect(outcome.hasPrefix(expected), "\(target)/\(name): \(outcome)")
        }
    }
}
