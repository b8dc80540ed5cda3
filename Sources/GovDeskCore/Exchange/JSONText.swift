/// Minimal JSON writing for bulk paths, where `JSONEncoder` per row would dominate the run time.
public enum JSONText {
    /// A JSON string literal, with quotes.
    public static func quoted(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + text + "\"" }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
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
        return out
    }

    /// `{"a":"1","b":"2"}` with keys sorted, the form event details are stored in.
    public static func object(_ details: [String: String]) -> String {
        "{" + details.keys.sorted().map { quoted($0) + ":" + quoted(details[$0] ?? "") }.joined(separator: ",") + "}"
    }

    /// An object whose keys keep the given order; nil values are written as `null`.
    public static func object(keys: [String], values: [String?]) -> String {
        var out = "{"
        for (index, key) in keys.enumerated() {
            if index > 0 { out += "," }
            out += quoted(key) + ":"
            if index < values.count, let value = values[index] { out += quoted(value) } else { out += "null" }
        }
        return out + "}"
    }
}
