import Foundation
import GovDeskCore
import GovDeskStore

/// What every presenter has: the reader's language, and `t(zh, en)` to pick a phrase in it.
protocol Presenting {
    var language: Language { get }
}

extension Presenting {
    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// A list's last line: how many it showed of how many matched (`显示 200 / 共 230 件，用 --limit 调整`).
    func shownLine(_ shown: Int, of matched: Int, unit: (zh: String, en: String)) -> String {
        listFooter(shown, of: matched, unit: unit, language: language)
    }

    /// What people typed or a file brought, on one line of the terminal: control characters (an ESC that would clear
    /// the screen, a bidirectional override) shown, not obeyed (DESIGN §11.5).
    func shown(_ text: String) -> String { Printable.escaped(text) }

    /// Longer text (a description, a reply) with its own line breaks kept: each further line is indented, so that it
    /// cannot pass for a field of its own; other control characters are shown.
    func shownLines(_ text: String) -> String {
        Printable.escaped(text.replacingOccurrences(of: "\r\n", with: "\n"), keepsLines: true)
            .replacingOccurrences(of: "\n", with: "\n    ")
    }
}

/// A presenter of records with personal data: local times, the command's now, and names and phones masked unless
/// `includePII`.
protocol RecordPresenting: Presenting {
    init(time: LocalTime, language: Language, now: Date, includePII: Bool)
    var time: LocalTime { get }
    /// The calendar years with a notice loaded; nil when unknown (nothing is then marked provisional).
    var calendarYears: Set<Int>? { get set }
}

extension RecordPresenting {
    init(_ context: CommandContext, includePII: Bool = false) {
        self.init(time: context.localTime, language: context.language, now: context.now, includePII: includePII)
        calendarYears = context.loadedCalendarYears()
    }

    /// Whether a deadline counted in working days is provisional (暂定): its day lies in a year without a notice.
    func isProvisional(_ deadline: Date) -> Bool {
        guard let calendarYears else { return false }
        return !calendarYears.contains(time.localDate(of: deadline.addingTimeInterval(-1)).year)
    }

    /// A `recompute` event's details: `期限 2027-01-08 24:00 → 2027-01-12 24:00（载入 2027 年工作日历）`.
    func recomputeSummary(_ details: [String: String], previousKey: String, key: String) -> String {
        let previous = EpochText.decode(details[previousKey]).map(time.formatDeadline) ?? "?"
        let moved = EpochText.decode(details[key]).map { deadlineText($0) } ?? "?"
        let year = details[DeadlineRecomputation.calendarYearKey] ?? "?"
        return t(
            "期限 \(previous) → \(moved)（载入 \(year) 年工作日历后重算）",
            "deadline \(previous) → \(moved) (recounted with the \(year) calendar)")
    }

    /// `【补录 2026-12-05 09:12 录入：理由】` before an event recorded more than a minute after it took effect
    /// (DESIGN §11.2: the timeline shows both times).
    func backdatedNote(
        _ at: Date, _ recordedAt: Date?, _ details: [String: String], imported: Bool = false
    ) -> String {
        guard let recordedAt, recordedAt.timeIntervalSince(at) > 60 else { return "" }
        let entered = time.format(recordedAt)
        if let reason = details[GovDeskDatabase.backdateReasonKey] {
            let text = Printable.escaped(reason)
            return t("【补录，\(entered) 录入：\(text)】", "[back-dated, entered \(entered): \(text)] ")
        }
        // Not 补录: an import keeps its source's times and records when it was imported (DESIGN §11.2); an entry
        // within the grace needs no reason but still shows when it was entered.
        return imported
            ? t("【导入，\(entered) 录入】", "[imported \(entered)] ") : t("【\(entered) 录入】", "[entered \(entered)] ")
    }

    /// An event's details for JSON, typed (issue 13, `TypedDetails`): instants as ISO 8601 with the offset, flags as
    /// booleans, counts as numbers, co-departments as a list; text stays text.
    func typedDetails(_ details: [String: String]) -> [String: Any] {
        TypedDetails.object(details) { time.iso(Date(timeIntervalSince1970: TimeInterval($0))) }
    }

    /// A deadline as an event recorded it: marked 暂定 when it was provisional then (its `provisional` detail).
    func recordedDeadline(_ deadline: Date, _ details: [String: String]) -> String {
        time.formatDeadline(deadline)
            + (details[DeadlineRecomputation.provisionalKey] == nil ? "" : t("（暂定）", " (provisional)"))
    }

    /// A deadline counted in working days, marked 暂定 when its year has no calendar yet (DESIGN §3).
    func deadlineText(_ deadline: Date, counted: Bool = true) -> String {
        let text = time.formatDeadline(deadline)
        guard counted, isProvisional(deadline) else { return text }
        let year = time.localDate(of: deadline.addingTimeInterval(-1)).year
        return text + t("（暂定：\(year) 年工作日历未载入）", " (provisional: no \(year) calendar loaded)")
    }
}
