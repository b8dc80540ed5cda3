/// Minimal JSON writing for bulk paths, where `JSONEncoder` per row would dominate the run time. The one place JSON
/// strings are escaped by hand: the text is what `JSONEncoder` gives with `.withoutEscapingSlashes`.
public enum JSONText {
    /// A JSON string literal, with quotes.
    public static func quoted(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 2)
        append(text, to: &out)
        return out
    }

    /// Appends `text` as a JSON string literal, with quotes. Text with nothing to escape (the usual case) is copied
    /// whole without looking at its scalars.
    public static func append(_ text: String, to out: inout String) {
        out += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// `{"a":"1","b":"2"}` with keys sorted, the form event details are stored in (the same text as
    /// `TicketEvent.encodeDetails`).
    public static func object(_ details: [String: String]) -> String {
        var out = "{"
        var first = true
        for key in details.keys.sorted() {
            if !first { out += "," }
            first = false
            append(key, to: &out)
            out += ":"
            append(details[key] ?? "", to: &out)
        }
        out += "}"
        return out
    }

    /// An object whose keys keep the given order; nil values are written as `null`.
    public static func object(keys: [String], values: [String?]) -> String {
        var out = "{"
        for (index, key) in keys.enumerated() {
            if index > 0 { out += "," }
            append(key, to: &out)
            out += ":"
            if index < values.count, let value = values[index] { append(value, to: &out) } else { out += "null" }
        }
        return out + "}"
    }
}
