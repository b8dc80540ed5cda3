import Foundation

/// A JSON value with ordered object keys, so that a report prints the same bytes every time.
public indirect enum ReportJSON: Equatable, Sendable {
    /// One key of an object.
    public struct Member: Equatable, Sendable {
        public var key: String
        public var value: ReportJSON

        public init(_ key: String, _ value: ReportJSON) {
            self.key = key
            self.value = value
        }
    }

    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([ReportJSON])
    case object([Member])

    /// A fraction or null.
    public static func fraction(_ value: Double?) -> ReportJSON {
        value.map { .number($0) } ?? .null
    }

    /// The keys of an object, in order; empty for anything else.
    public var keys: [String] {
        if case .object(let members) = self { return members.map(\.key) }
        return []
    }

    public subscript(key: String) -> ReportJSON? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    /// Pretty-printed with two-space indentation.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d):
            if d.isFinite {
                out += d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
            } else {
                out += "null"
            }
        case .string(let s): JSONText.append(s, to: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += closing + "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, member) in members.enumerated() {
                out += pad
                JSONText.append(member.key, to: &out)
                out += ": "
                member.value.write(into: &out, indent: indent + 1)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += closing + "}"
        }
    }
}
