import Foundation
import GovDeskCore
import GovDeskStore

/// DESIGN §11.5: what comes from a training database (培训环境) says so — the human formats on their first line, in
/// the output's language; JSON with `"training": true`; CSV stays pure data and the note goes to standard error.
enum TrainingMark {
    static func line(_ language: Language) -> String { ReportMarks.trainingLine(language) }

    /// Text for people from a training database: the line first. Production text is returned as it is.
    static func text(_ text: String, training: Bool, language: Language) -> String {
        training ? line(language) + "\n" + text : text
    }

    /// A JSON object from a training database: with `"training": true`.
    static func object(_ object: [String: Any], training: Bool) -> [String: Any] {
        guard training else { return object }
        var marked = object
        marked["training"] = true
        return marked
    }

    /// The Markdown of a letter from a training database: its note first — letters issued by `demo`, or before the
    /// note existed, lack it in their stored text — and, for an English reader, the line in English before it.
    static func letter(_ text: String, training: Bool, language: Language) -> String {
        guard training else { return text }
        let note = "> " + LetterRenderer.trainingNoteText
        let noted = text.hasPrefix(note) ? text : note + "\n\n" + text
        return language == .zh ? noted : "> " + line(.en) + "\n" + noted
    }

    static func mark(_ text: String, format: ReportFormat, language: Language) -> String {
        switch format {
        case .table:
            return line(language) + "\n" + text
        case .md:
            return "> " + line(language) + "\n\n" + text
        case .html:
            return ReportMarks.trainingHTML(text, language)
        case .json:
            return ReportMarks.firstMember("\"training\": true", of: text)
        case .csv:
            Output.warn(line(language))
            return text
        }
    }
}

/// DESIGN §11.4: every monthly report shows the ledger's head — at the foot of the human formats, as `ledgerHead` in
/// JSON, on standard error beside a CSV (whose content stays data) — so that a printed report is a seal kept
/// elsewhere: `govdesk db check --seal HEAD` later proves nothing before it was changed.
enum LedgerMark {
    static func line(_ head: String, _ language: Language) -> String { ReportMarks.sealLine(head, language) }

    static func mark(_ text: String, head: String, format: ReportFormat, language: Language) -> String {
        switch format {
        case .table:
            return text + (text.hasSuffix("\n") ? "" : "\n") + "\n" + line(head, language) + "\n"
        case .md:
            return text + (text.hasSuffix("\n") ? "" : "\n") + "\n---\n\n" + line(head, language) + "\n"
        case .html:
            return ReportMarks.sealHTML(text, head: head, language)
        case .json:
            return ReportMarks.firstMember("\"ledgerHead\": \"\(head)\"", of: text)
        case .csv:
            Output.warn(line(head, language))
            return text
        }
    }
}

/// A closed month's report says so (DESIGN §11.2): its figures are the ones stored when the month was closed. The
/// human formats carry a line at the foot, the JSON a `monthClose` object (`closed` is the 办结量 figure), a CSV the line on standard error.
enum ClosedMark {
    static func line(_ closed: ClosedMonth, time: LocalTime, _ language: Language) -> String {
        ReportMarks.closedLine(
            at: closed.closedAt, by: closed.closedBy, sha256: closed.sha256, time: time, language)
    }

    static func mark(
        _ text: String, closed: ClosedMonth, time: LocalTime, format: ReportFormat, language: Language
    ) -> String {
        let line = Printable.escaped(line(closed, time: time, language))
        switch format {
        case .table:
            return text + (text.hasSuffix("\n") ? "" : "\n") + "\n" + line + "\n"
        case .md:
            return text + (text.hasSuffix("\n") ? "" : "\n") + "\n" + line + "\n"
        case .html:
            return ReportMarks.closedHTML(
                text, closedAt: closed.closedAt, by: closed.closedBy, sha256: closed.sha256, time: time, language)
        case .json:
            let object =
                "{\"closedAt\": \"\(time.iso(closed.closedAt))\", \"closedBy\": \(jsonString(closed.closedBy)), "
                + "\"sha256\": \"\(closed.sha256)\", \"ledgerHead\": \"\(closed.ledgerHead)\"}"
            return ReportMarks.firstMember("\"monthClose\": \(object)", of: text)
        case .csv:
            Output.warn(line)
            return text
        }
    }

    private static func jsonString(_ text: String) -> String {
        var out = ""
        JSONText.append(text, to: &out)
        return out
    }
}
