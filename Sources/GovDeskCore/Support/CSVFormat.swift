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
        // The bytes decide, never the Characters: in Swift "\r\n" is one Character, equal to neither "\r" nor "\n",
        // and a comma, quote or line break followed by a combining mark is one Character too. In UTF-8 these four
        // ASCII bytes never occur inside another character's encoding.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            return text
        }
        // Quotes are doubled scalar by scalar: `replacingOccurrences` compares Characters, so a quote under a
        // combining mark would stay single and end the field early.
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in text.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// One record, terminated by CRLF as RFC 4180 says.
    public static func row(_ values: [String]) -> String {
        values.map(field).joined(separator: ",") + "\r\n"
    }
}
