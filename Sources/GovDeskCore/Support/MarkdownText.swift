/// Text that people typed or imported, made inert in Markdown documents (letters, DESIGN §11.5): a department name
/// cannot start a heading, and a topic cannot open an HTML comment or break its table.
public enum MarkdownText {
    /// One line of a heading, paragraph or table cell: line breaks become spaces, control characters are shown
    /// (`Printable`), `|` becomes `／` (a table keeps its columns in every renderer), Markdown's emphasis, code and
    /// link marks are escaped with a backslash, `&`, `<` and `>` become entities, and a block mark at the start
    /// (`#`, `-`, `+`, `=`, `>`) is escaped.
    public static func inline(_ text: String) -> String {
        var out = ""
        var previousWasReturn = false
        for scalar in text.unicodeScalars {
            let isReturn = scalar == "\r"
            defer { previousWasReturn = isReturn }
            switch scalar {
            case "\n" where previousWasReturn:
                continue
            case "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}": out.append(" ")
            case "|": out.append("／")
            case "&": out.append("&amp;")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "\\", "`", "*", "_", "[", "]":
                out.append("\\")
                out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        if let first = out.first, "#-+=".contains(first) { out = "\\" + out }
        // `1. ` or `1) ` at the start would begin an ordered list: the mark after the digits is escaped.
        let digits = out.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let mark = out.dropFirst(digits.count).first, mark == "." || mark == ")" {
            out = digits + "\\" + out.dropFirst(digits.count)
        }
        return Printable.escaped(out)
    }
}
