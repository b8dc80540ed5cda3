import Foundation

/// The rules a database keeps (DESIGN §9): the configuration's time zone, clock limits, letter thresholds, evaluation
/// weights and awards, and backdating grace decide deadlines, months, letters, ranks and 补录, so they are stored in
/// the database when it is made and change only there, by an administrator (`config apply`, audited). A
/// `--config` folder given to one command cannot change them: a liaison with a folder of his own would otherwise sign
/// with a longer handling limit, or a supervisor close a month in another time zone. The language is the reader's
/// and stays the command's.
extension GovDeskConfiguration {
    /// The rules as stored: JSON with sorted keys, the language left out.
    public func rulesDocument() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var object = try JSONSerialization.jsonObject(with: try encoder.encode(self)) as? [String: Any] ?? [:]
        object["language"] = nil
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// This configuration with the rules of `document` (a stored `rulesDocument`) in place of its own; its language
    /// stays. Throws `ConfigValueError` when the document is not a configuration this build reads.
    public func withRules(of document: String) throws -> GovDeskConfiguration {
        var rules: GovDeskConfiguration
        do {
            let decoder = JSONDecoder()
            decoder.userInfo[.storedRules] = true
            rules = try decoder.decode(GovDeskConfiguration.self, from: Data(document.utf8))
        } catch let error as ConfigValueError {
            throw error
        } catch {
            throw ConfigValueError(path: "rules", message: "the database's stored rules cannot be read: \(error)")
        }
        rules.language = language
        return rules
    }

    /// The rules in which this configuration differs from `document`, as `key: stored → this` lines, by key path.
    public func ruleDifferences(from document: String) throws -> [String] {
        func tree(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
        var found: [String] = []
        func compare(_ path: String, _ stored: Any?, _ mine: Any?) {
            if let a = stored as? [String: Any], let b = mine as? [String: Any] {
                for key in Set(a.keys).union(b.keys).sorted() {
                    compare(path.isEmpty ? key : "\(path).\(key)", a[key], b[key])
                }
                return
            }
            let (x, y) = (Self.shown(stored), Self.shown(mine))
            if x != y { found.append("\(path): \(x) → \(y)") }
        }
        compare("", try tree(document), try tree(try rulesDocument()))
        return found
    }

    private static func shown(_ value: Any?) -> String {
        switch value {
        case nil: return "(none)"
        case let text as String: return text
        case let list as [Any]: return "[" + list.map { shown($0) }.joined(separator: ", ") + "]"
        case let number as NSNumber: return number.stringValue
        default: return "\(value!)"
        }
    }
}

extension CodingUserInfoKey {
    /// Set while a database's stored rules are read: a rule added since they were stored (two letter kinds may not
    /// share a prefix) is checked when rules are applied, never on reading, so a database stored under the older rule
    /// still opens and can be given new rules.
    static let storedRules = CodingUserInfoKey(rawValue: "govdesk.storedRules")!
}
