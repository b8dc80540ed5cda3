import Foundation
import GovDeskCore

#if canImport(govdesk)
    @testable import govdesk
#endif

/// The entry points the fuzzers drive (`scripts/fuzz`, `Tests/Fuzz/FuzzMain.swift`) and `FuzzCorpusTests` replays:
/// each takes arbitrary bytes, calls a real parser and says how it ended. A crash, or two readings of the same
/// bytes that disagree, stops the process so that libFuzzer records the input.
///
/// This file is compiled into `govdeskTests` and, by `scripts/fuzz`, into the fuzz harness beside
/// `Sources/govdesk/YAMLDecoding.swift`; it uses nothing else from `govdesk`.
enum FuzzTarget: String, CaseIterable {
    case csv, timestamp, configuration, mapping

    /// How one call ended: a value, or an error thrown with a message.
    enum Outcome: Equatable, CustomStringConvertible {
        case value(String)
        case error(String)

        var description: String {
            switch self {
            case .value(let text): "value: \(text)"
            case .error(let text): "error: \(text)"
            }
        }
    }

    func run(_ bytes: [UInt8]) -> Outcome {
        switch self {
        case .csv: Self.csv(bytes)
        case .timestamp: Self.timestamp(bytes)
        case .configuration: Self.yaml(bytes, GovDeskConfiguration.self) { "time zone \($0.zone.identifier)" }
        case .mapping:
            Self.yaml(bytes, ImportMapping.self) { mapping in
                // What `import tickets` does next with a mapping: compile its timestamp formats.
                let compiled = mapping.timestampFormats.compactMap { try? TimestampPattern($0) }
                return "\(mapping.sourceSystem), \(compiled.count) formats, zone \(mapping.zone.identifier)"
            }
        }
    }

    /// The first byte chooses a chunk size (1–16 bytes); the rest is a CSV file, read once in those chunks and once
    /// whole. Both readings must give the same records, or the same error.
    static func csv(_ bytes: [UInt8]) -> Outcome {
        guard let first = bytes.first else { return .value("no input") }
        let text = Array(bytes.dropFirst())
        let chunked = readAll(CSVReader(bytes: text, file: "fuzz.csv", chunkSize: Int(first % 16) + 1))
        let whole = readAll(CSVReader(bytes: text, file: "fuzz.csv"))
        guard chunked == whole else {
            fatalError("chunked and whole readings differ:\n\(chunked)\n\(whole)")
        }
        return whole
    }

    static func readAll(_ reader: CSVReader) -> Outcome {
        var records = 0
        var fields = 0
        var lines: [Int] = []
        do {
            while let record = try reader.next() {
                guard !record.isEmpty else { fatalError("a record without fields") }
                records += 1
                fields += record.count
                lines.append(reader.recordLine)
            }
        } catch {
            return .error(error.description)
        }
        return .value("\(records) records, \(fields) fields, lines \(lines)")
    }

    /// The first line is a pattern, the rest a timestamp; read both as `import tickets` does.
    static func timestamp(_ bytes: [UInt8]) -> Outcome {
        let split = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        let pattern = String(decoding: bytes[..<split], as: UTF8.self)
        let text = split < bytes.endIndex ? String(decoding: bytes[(split + 1)...], as: UTF8.self) : ""
        do {
            let compiled = try TimestampPattern(pattern)
            let reader = TimestampReader(
                patterns: [compiled], clock: ZoneClock(timeZone: TimeZone(identifier: "America/New_York")!))
            let parsed = compiled.parse(text)
            let epoch = reader.epoch(text)
            guard (parsed == nil) == (epoch == nil) else { fatalError("parse and epoch disagree on \(text)") }
            return .value(epoch.map { "\($0)" } ?? "no match")
        } catch {
            return .error(error.description)
        }
    }

    static func yaml<T: Decodable>(_ bytes: [UInt8], _ type: T.Type, _ summary: (T) -> String) -> Outcome {
        // Files are read as UTF-8 text first (`ConfigLoader.read`); other bytes never reach the decoder.
        guard let text = String(validating: bytes, as: UTF8.self) else { return .error("not UTF-8") }
        do {
            return .value(summary(try YAMLDecoding.decode(type, text: text, file: "fuzz.yaml")))
        } catch let error as ConfigError {
            return .error(error.description)
        } catch {
            fatalError("an error that is not a ConfigError: \(error)")
        }
    }
}
