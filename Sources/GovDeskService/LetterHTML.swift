import Foundation
import GovDeskCore

/// A supervision letter's stored Markdown as the letter page shows it (DESIGN §8: the letter is the document a
/// department receives): its heading, notes, paragraphs and tables as HTML, so that the printed page reads as the
/// letter. Only what `LetterRenderer` writes is read as Markdown — a `# ` heading, a `> ` note, a table of `|`
/// rows, `**bold**` and backslash escapes; everything else is text, and all text is escaped, whatever the stored
/// letter holds.
enum LetterHTML {
    static func render(_ markdown: String) -> String {
        var html = ""
        var paragraph: [String] = []
        var table: [[String]] = []
        func flush() {
            if !paragraph.isEmpty {
                html += "<p>" + paragraph.map(inline).joined(separator: "<br>") + "</p>\n"
                paragraph = []
            }
            if !table.isEmpty {
                html += "<div class=\"table-wrap\"><table class=\"wide letter-table\">\n"
                for (index, row) in table.enumerated() {
                    let tag = index == 0 ? "th" : "td"
                    html += "<tr>" + row.map { "<\(tag)>\(inline($0))</\(tag)>" }.joined() + "</tr>\n"
                }
                html += "</table></div>\n"
                table = []
            }
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            // A control character a stored letter somehow holds is shown, as everywhere (`Printable`).
            let trimmed = Printable.escaped(String(line)).trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("|"), trimmed.hasSuffix("|"), trimmed.count >= 2 {
                if !paragraph.isEmpty { flush() }
                let cells = cells(of: trimmed)
                // The line under the header (`| --- | --- |`) says only that it is a table.
                if !table.isEmpty, cells.allSatisfy({ $0.allSatisfy { $0 == "-" || $0 == ":" } && !$0.isEmpty }) {
                    continue
                }
                table.append(cells)
                continue
            }
            if !table.isEmpty { flush() }
            if trimmed.isEmpty {
                flush()
            } else if trimmed.hasPrefix("# ") {
                flush()
                html += "<h2 class=\"letter-title\">" + inline(String(trimmed.dropFirst(2))) + "</h2>\n"
            } else if trimmed.hasPrefix("> ") {
                flush()
                html += "<blockquote>" + inline(String(trimmed.dropFirst(2))) + "</blockquote>\n"
            } else {
                paragraph.append(trimmed)
            }
        }
        flush()
        return html
    }

    /// The cells of one table row: split at the bars no backslash escapes.
    static func cells(of row: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in row.dropFirst().dropLast() {
            if escaped {
                cell += "\\" + String(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(character)
            }
        }
        if escaped { cell += "\\" }
        cells.append(cell.trimmingCharacters(in: .whitespaces))
        return cells
    }

    static let markdownMarks: Set<Character> = ["\\", "`", "*", "_", "[", "]", "#", "-", "+", "=", ".", ")"]

    /// One line of Markdown text as HTML: a backslash keeps the character after it as text, `**` opens and closes
    /// bold, and the entities `MarkdownText` wrote for `&`, `<` and `>` stay those characters; every character is
    /// then escaped for HTML.
    static func inline(_ text: String) -> String {
        let decoded = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        var out = ""
        var bold = false
        var characters = decoded.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let held = pending {
                pending = nil
                return held
            }
            return characters.next()
        }
        while let character = next() {
            switch character {
            case "\\":
                // Only the marks `MarkdownText` escapes; any other backslash is text (`\u{202E}` names a character).
                let kept = next()
                if let kept, markdownMarks.contains(kept) {
                    out += escapeHTML(String(kept))
                } else {
                    out += "\\"
                    pending = kept
                }
            case "*":
                let following = next()
                if following == "*" {
                    out += bold ? "</strong>" : "<strong>"
                    bold.toggle()
                } else {
                    out += "*"
                    pending = following
                }
            default:
                out += escapeHTML(String(character))
            }
        }
        if bold { out += "</strong>" }
        return out
    }
}
