/// RFC 4180 CSV writing for exports and reports, safe to open in Excel (DESIGN §7).
public enum CSVFormat {
    /// The UTF-8 byte-order mark that makes Excel read Chinese text correctly.
    public static let byteOrderMark = "\u{FEFF}"

    /// One cell: neutralised against formula injection, then quoted when it holds a comma, quote or line break.
    public static func field(_ value: String) -> String {
        var text = value
        // The characters looked for are ASCII, so the first UTF-8 byte decides: no Unicode scalar view in the
        // export's row loop.
        if let first = text.utf8.first,
            first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40
                || first == 0x09 || first == 0x0D
        {
            // A leading apostrophe makes spreadsheets treat the cell as text, not as a formula.
            text = "'" + text
        }
        // Most cells hold none of the four bytes: a byte scan settles them. A cell that holds one is judged by its
        // Characters as before (so `\r\n`, one Character, alone does not quote a cell; a byte scan would).
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            return text
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
