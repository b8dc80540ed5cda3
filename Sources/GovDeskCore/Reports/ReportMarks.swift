import Foundation

/// The marks a monthly report carries wherever it is shown (DESIGN §11.2, §11.4, §11.5): a training database's line,
/// the ledger's seal, a closed month's line. The command line puts them into every format; the service into the HTML
/// it serves. Here are the lines and their HTML; the other formats are the command line's.
public enum ReportMarks {
    /// The report's JSON is an object: `member` (`"key": value`) goes first, the rest is untouched.
    public static func firstMember(_ member: String, of text: String) -> String {
        guard let brace = text.firstIndex(of: "{") else { return text }
        let after = text.index(after: brace)
        let rest = text[after...].drop { $0 == " " || $0 == "\n" }
        return String(text[...brace]) + "\n  " + member + (rest.first == "}" ? "\n" : ",\n  ") + rest
    }

    /// `html` with `paragraph` at the end of its `<main>` (in the report's column, not at the window's edge), else of
    /// its body.
    public static func foot(_ paragraph: String, of html: String) -> String {
        guard let end = html.range(of: "</main>", options: .backwards) ?? html.range(of: "</body>", options: .backwards)
        else { return html + paragraph }
        return String(html[..<end.lowerBound]) + paragraph + String(html[end.lowerBound...])
    }

    /// 【培训环境】: what comes from a training database says so.
    public static func trainingLine(_ language: Language) -> String {
        language == .zh
            ? "【培训环境】本文件出自培训数据库，不是正式数据。"
            : "[TRAINING] This comes from a training database, not from real work."
    }

    /// The ledger's head, and how to check it later.
    public static func sealLine(_ head: String, _ language: Language) -> String {
        language == .zh
            ? "账本封记 \(head)（日后核对：govdesk db check --seal \(head)）"
            : "Ledger seal \(head) (to verify later: govdesk db check --seal \(head))"
    }

    /// A closed month's figures are the ones stored at its close.
    public static func closedLine(
        at closedAt: Date, by closedBy: String, sha256: String, time: LocalTime, _ language: Language
    ) -> String {
        language == .zh
            ? "本月已于 \(time.format(closedAt)) 月结（\(closedBy)）：以上为月结时存档的数字，SHA-256 \(sha256)"
            : "This month was closed on \(time.format(closedAt)) by \(closedBy): the figures above are "
                + "the ones stored at the close, SHA-256 \(sha256)"
    }

    /// The training banner at the top of the first page and the line in the top margin of every other printed page,
    /// so that no printed page, taken alone, passes for real work.
    public static func trainingHTML(_ text: String, _ language: Language) -> String {
        let line = trainingLine(language)
        let banner =
            "<p class=\"training\" style=\"background:#fde68a;color:#78350f;padding:8px 12px;margin:0 0 12px;"
            + "font-weight:bold\">\(line)</p>"
        let pages =
            "<style>@page { @top-center { content: \"\(line)\"; color: #78350f; font: bold 8pt "
            + "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", sans-serif; } } "
            + "@page :first { @top-center { content: none; } }</style>\n"
        var marked = text
        if let head = marked.range(of: "</head>") { marked.insert(contentsOf: pages, at: head.lowerBound) }
        guard let body = marked.range(of: "<body>") ?? marked.range(of: "<body ") else { return banner + marked }
        guard let close = marked[body.lowerBound...].firstIndex(of: ">") else { return banner + marked }
        let after = marked.index(after: close)
        return String(marked[..<after]) + banner + String(marked[after...])
    }

    /// The seal at the foot of the report's column.
    public static func sealHTML(_ text: String, head: String, _ language: Language) -> String {
        let foot =
            "<p class=\"seal\" style=\"font-family:monospace;font-size:11px;color:#555;margin-top:24px;"
            + "word-break:break-all\">\(sealLine(head, language))</p>"
        return Self.foot(foot, of: text)
    }

    /// The closed month's line at the foot of the report's column.
    public static func closedHTML(
        _ text: String, closedAt: Date, by closedBy: String, sha256: String, time: LocalTime, _ language: Language
    ) -> String {
        let line = Printable.escaped(closedLine(at: closedAt, by: closedBy, sha256: sha256, time: time, language))
        let foot =
            "<p class=\"closed\" style=\"font-size:12px;color:#555;margin-top:16px;word-break:break-all\">"
            + escapeHTML(line) + "</p>"
        return Self.foot(foot, of: text)
    }
}
