import Foundation

extension ReportDocument {
    /// GitHub-flavoured Markdown.
    public func markdown() -> String {
        var out = "# \(Self.markdownCell(title))\n\n"
        for line in subtitle { out += Self.markdownText(line) + "\n\n" }
        for table in tables {
            out += "## \(Self.markdownCell(table.title))\n\n"
            if !table.rows.isEmpty {
                out += "| " + table.headers.map(Self.markdownCell).joined(separator: " | ") + " |\n"
                out +=
                    "|"
                    + table.headers.indices.map { table.numericColumns.contains($0) ? " ---: |" : " --- |" }
                    .joined() + "\n"
                for row in table.rows {
                    out += "| " + row.map(Self.markdownCell).joined(separator: " | ") + " |\n"
                }
                out += "\n"
            }
            if let note = table.note { out += Self.markdownText(note) + "\n\n" }
        }
        if !footnotes.isEmpty {
            out += "---\n\n"
            for note in footnotes { out += "- " + Self.markdownText(note) + "\n" }
        }
        return out
    }

    /// Escapes what Markdown would read as markup in running text, and shows control characters (`Printable`).
    static func markdownText(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "\\`*_[]<>|#".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return Printable.escaped(out, keepsLines: true)
    }

    /// A table cell or heading: one line.
    static func markdownCell(_ text: String) -> String {
        Printable.escaped(
            markdownText(text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")))
    }
}
