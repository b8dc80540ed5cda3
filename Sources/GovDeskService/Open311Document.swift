import Foundation
import Hummingbird

/// The two formats of the Open311 interface (GeoReport v2): the path's extension chooses.
enum Open311Format: String, Sendable, CaseIterable {
    case json, xml

    var contentType: String { self == .json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8" }
}

/// One value of an Open311 answer, written as JSON or as XML the way the spec maps one to the other (its "Spark
/// convention"): a list is a JSON array and, in XML, one element per item named after the item; a missing value is
/// JSON null and an empty XML element.
indirect enum Open311Node: Sendable {
    case text(String?)
    /// A number as it is written, in both formats.
    case number(String)
    case bool(Bool)
    case list(item: String, [Open311Node])
    case record([(String, Open311Node)])

    /// A latitude or longitude, or null.
    static func coordinate(_ value: Double?) -> Open311Node {
        guard let value, value.isFinite else { return .text(nil) }
        return .number(String(value))
    }

    // MARK: JSON

    var json: String {
        var out = ""
        writeJSON(to: &out)
        return out
    }

    private func writeJSON(to out: inout String) {
        switch self {
        case .text(let value):
            guard let value else {
                out += "null"
                return
            }
            Self.writeJSONString(value, to: &out)
        case .number(let value): out += value
        case .bool(let value): out += value ? "true" : "false"
        case .list(_, let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.writeJSON(to: &out)
            }
            out += "]"
        case .record(let fields):
            out += "{"
            for (index, (name, value)) in fields.enumerated() {
                if index > 0 { out += "," }
                Self.writeJSONString(name, to: &out)
                out += ":"
                value.writeJSON(to: &out)
            }
            out += "}"
        }
    }

    /// A JSON string; `<`, `>` and `&` escaped too, so that no answer reads as markup to anything that sniffs.
    static func writeJSONString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    // MARK: XML

    /// The whole document: the declaration the spec requires, then `root` holding this value.
    func xml(root: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<\(root)>"
        writeXML(to: &out)
        out += "</\(root)>\n"
        return out
    }

    private func writeXML(to out: inout String) {
        switch self {
        case .text(let value): out += Self.xmlEscaped(value ?? "")
        case .number(let value): out += value
        case .bool(let value): out += value ? "true" : "false"
        case .list(let item, let items):
            for value in items {
                out += "<\(item)>"
                value.writeXML(to: &out)
                out += "</\(item)>"
            }
        case .record(let fields):
            for (name, value) in fields {
                out += "<\(name)>"
                value.writeXML(to: &out)
                out += "</\(name)>"
            }
        }
    }

    /// Text as XML character data: the five markup characters as entities, and what XML 1.0 cannot carry at all (C0
    /// controls but tab and line breaks, lone surrogates' stand-ins, U+FFFE/FFFF) as U+FFFD.
    static func xmlEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension Open311Format {
    /// The answer: `node` as JSON, or as an XML document under `root`, with the headers every answer of the interface
    /// carries (no caching: the answers change with every ticket; no sniffing).
    func response(_ node: Open311Node, root: String, status: HTTPResponse.Status = .ok) -> Response {
        let text = self == .json ? node.json : node.xml(root: root)
        return Response(
            status: status,
            headers: [
                .contentType: contentType, .cacheControl: "no-store", .xContentTypeOptions: "nosniff",
                .accessControlAllowOrigin: "*",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// An error as the spec says: `[{code, description}]`, `<errors><error>…</error></errors>`.
    func error(_ status: HTTPResponse.Status, _ description: String) -> Response {
        response(
            .list(
                item: "error",
                [.record([("code", .number(String(status.code))), ("description", .text(description))])]),
            root: "errors", status: status)
    }
}
