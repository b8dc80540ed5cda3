/// RFC 4180 CSV writing for exports and reports, safe to open in Excel (DESIGN §7).
public enum CSVFormat {
    /// The UTF-8 byte-order mark that makes Excel read Chinese text correctly.
    public static let byteOrderMark = "\u{FEFF}"

    /// One cell: neutralised against formula injection, then quoted when it holds a comma, quote or line break.
    public static func field(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            // A leading apostrophe makes spreadsheets treat the cell as text, not as a formula.
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// One record, terminated by CRLF as RFC 4180 says.
    public static func row(_ values: [String]) -> String {
        values.map(field).joined(separator: ",") + "\r\n"
    }
}
