/// Text that people typed or that came from a file, made safe to print (DESIGN §11.5).
public enum Printable {
    /// `text` with control characters shown, not obeyed: C0 and C1 controls, DEL, and the bidirectional overrides
    /// and isolates that can reorder what a terminal shows. Line breaks and tabs are kept when `keepsLines`.
    public static func escaped(_ text: String, keepsLines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepsLines: keepsLines) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepsLines: keepsLines) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A value quoted in an error message: escaped, and at most `limit` characters (DESIGN §11.5), counted as Unicode
    /// scalars: a letter under ten thousand combining marks is one Character, and would otherwise be quoted whole.
    public static func quoted(_ text: String, limit: Int = 80) -> String {
        let escaped = escaped(text)
        guard escaped.unicodeScalars.count > limit else { return escaped }
        return String(String.UnicodeScalarView(escaped.unicodeScalars.prefix(limit))) + "…"
    }

    /// Whether `escaped` shows `scalar` instead of passing it on.
    public static func needsEscape(_ scalar: Unicode.Scalar, keepsLines: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !keepsLines
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }
}
