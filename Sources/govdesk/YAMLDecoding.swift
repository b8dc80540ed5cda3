import Foundation
import GovDeskCore
import Yams

/// Errors in configuration, calendar and seed files: they name the file, the key and what is allowed.
struct ConfigError: GovDeskError, Equatable {
    var file: String
    var message: Phrase

    init(file: String, message: Phrase) {
        self.file = file
        self.message = message
    }

    init(file: String, _ text: CLIText) {
        self.init(file: file, message: text.phrase)
    }

    /// A failure whose words come from a decoder or parser, in English only: the file's key and what was wrong.
    init(file: String, detail: String) {
        self.init(file: file, message: CLIText.configDetail(detail).phrase)
    }

    var kind: FailureKind { .badData }
    var chineseMessage: String { "\(file)：\(message.chinese)" }
    var englishMessage: String { "\(file): \(message.english)" }
}

/// YAML text to configuration values, with every failure one line naming the file and the key. Pure (no files read),
/// so the fuzz harness in `Tests/Fuzz` compiles this file with Yams and `GovDeskCore` alone.
enum YAMLDecoding {
    /// Decodes YAML into `T`, turning every decoding failure into one line naming the file and the key.
    static func decode<T: Decodable>(_ type: T.Type, text: String, file: String) throws -> T {
        let aliases = aliasCount(text)
        if aliases > maximumAliases {
            throw ConfigError(
                file: file,
                .tooManyAliases(aliases, maximumAliases))
        }
        do {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return try YAMLDecoder().decode(T.self, from: "{}")
            }
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let error as ConfigValueError {
            throw ConfigError(file: file, detail: error.description)
        } catch let error as DecodingError {
            throw ConfigError(file: file, detail: Self.describe(error))
        } catch let error as YamlError {
            throw ConfigError(file: file, .notYAML("\(error)".replacingOccurrences(of: "\n", with: " ")))
        } catch {
            throw ConfigError(file: file, detail: "\(error)")
        }
    }

    /// Aliases allowed in one file: a few for shared blocks, not the thousands of a "billion laughs" file (DESIGN
    /// §11.5). Counted on the text, before the parser expands any.
    static let maximumAliases = 100

    /// How many `*name` aliases the text holds outside quotes and comments, roughly: an asterisk that begins a
    /// value (after white space, `[`, `{`, `,`, `:` or `-`) and is followed by a name character.
    static func aliasCount(_ text: String) -> Int {
        var count = 0
        var previous: UInt8 = 0x0A
        var inComment = false
        var iterator = text.utf8.makeIterator()
        var current = iterator.next()
        while let byte = current {
            let next = iterator.next()
            if byte == 0x0A { inComment = false }
            if byte == UInt8(ascii: "#"), previous == 0x20 || previous == 0x0A || previous == 0x09 { inComment = true }
            if !inComment, byte == UInt8(ascii: "*"),
                [
                    0x20, 0x09, 0x0A, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"),
                    UInt8(ascii: "-"),
                ].contains(previous),
                let next, next > 0x20,
                ![UInt8(ascii: "*"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}")]
                    .contains(next)
            {
                count += 1
            }
            previous = byte
            current = next
        }
        return count
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.isEmpty
                ? "(top level)"
                : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                    .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(Self.typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): a value of type \(Self.typeName(type)) is required"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): this key is required"
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError as? ConfigValueError { return underlying.description }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is String.Type: return "text"
        case is Bool.Type: return "true or false"
        default: return "\(type)"
        }
    }
}
