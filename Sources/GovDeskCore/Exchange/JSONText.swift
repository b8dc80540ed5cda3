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

    /// An object whose keys keep the given order; nil values are written as `null`, and each value as its column's
    /// type says (a string where `types` says nothing, or where the text is not of its type).
    public static func object(keys: [String], values: [String?], types: [ExportColumnType] = []) -> String {
        var out = "{"
        for (index, key) in keys.enumerated() {
            if index > 0 { out += "," }
            append(key, to: &out)
            out += ":"
            guard index < values.count, let value = values[index] else {
                out += "null"
                continue
            }
            switch index < types.count ? types[index] : .text {
            case .text:
                append(value, to: &out)
            case .integer:
                if let number = Int64(value) { out += String(number) } else { append(value, to: &out) }
            case .number:
                if isPlainDecimal(value) { out += value } else { append(value, to: &out) }
            case .boolean:
                if let flag = Bool(value) { out += flag ? "true" : "false" } else { append(value, to: &out) }
            case .json:
                out += value
            }
        }
        return out + "}"
    }

    /// `-12`, `96.75`: a number JSON reads as it is (no exponent, no leading zeros beyond one, no `nan`).
    static func isPlainDecimal(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            parts.allSatisfy({ $0.allSatisfy(\.isNumber) })
        else { return false }
        return parts[0] == "0" || parts[0].first != "0"
    }

    /// Reads `{"key":"value",…}` — an object whose values are all strings, the form event details are stored in —
    /// without `JSONDecoder`, which an export of millions of events would spend most of its time in. Nil for anything
    /// else (another shape, a malformed escape): the caller then falls back to `JSONDecoder`.
    public static func flatObject(_ text: String) -> [String: String]? {
        flatPairs(text).map { Dictionary($0, uniquingKeysWith: { _, last in last }) }
    }

    /// The same as key–value pairs in the order written (stored details are written with sorted keys).
    public static func flatPairs(_ text: String) -> [(key: String, value: String)]? {
        var result: [(key: String, value: String)] = []
        var text = text
        return text.withUTF8 { bytes -> [(key: String, value: String)]? in
            var i = 0
            func skipSpace() {
                while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
                    i += 1
                }
            }
            func string() -> String? {
                guard i < bytes.count, bytes[i] == 0x22 else { return nil }
                i += 1
                let start = i
                // The usual case: no escape, copied whole.
                while i < bytes.count, bytes[i] != 0x22, bytes[i] != 0x5C { i += 1 }
                guard i < bytes.count else { return nil }
                if bytes[i] == 0x22 {
                    defer { i += 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                }
                var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<i]))
                while i < bytes.count {
                    let byte = bytes[i]
                    if byte == 0x22 {
                        i += 1
                        return String(decoding: out, as: UTF8.self)
                    }
                    guard byte == 0x5C else {
                        guard byte >= 0x20 else { return nil }
                        out.append(byte)
                        i += 1
                        continue
                    }
                    guard i + 1 < bytes.count else { return nil }
                    let escaped = bytes[i + 1]
                    i += 2
                    switch escaped {
                    case 0x22, 0x5C, 0x2F: out.append(escaped)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    default: return nil  // \u and anything else: left to JSONDecoder
                    }
                }
                return nil
            }
            skipSpace()
            guard i < bytes.count, bytes[i] == 0x7B else { return nil }
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == 0x7D {
                i += 1
                skipSpace()
                return i == bytes.count ? result : nil
            }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard i < bytes.count, bytes[i] == 0x3A else { return nil }
                i += 1
                skipSpace()
                guard let value = string() else { return nil }
                result.append((key, value))
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == 0x2C {
                    i += 1
                    continue
                }
                guard bytes[i] == 0x7D else { return nil }
                i += 1
                skipSpace()
                return i == bytes.count ? result : nil
            }
        }
    }
}
