import Foundation

/// Writes a supervision letter as Markdown, in Chinese: it is an official document to a department.
public struct LetterRenderer: Sendable {
    /// The sending body, e.g. the hotline centre's full name.
    public var issuer: String
    public var reminderShare: Double
    /// `2025-10-21 16:05` in local time.
    public var formatTime: @Sendable (Date) -> String
    /// A deadline, `2025-10-21 24:00` at local midnight.
    public var formatDeadline: @Sendable (Date) -> String
    /// The first line of a letter from a training database (DESIGN §11.5); nil for real ones.
    public var trainingNote: String?

    /// What `trainingNote` says in a training database: letters are Chinese documents, whatever `--lang`.
    public static let trainingNoteText = "【培训环境】本督办函出自培训数据库，不是正式公文。"

    public init(
        issuer: String, reminderShare: Double, formatTime: @escaping @Sendable (Date) -> String,
        formatDeadline: @escaping @Sendable (Date) -> String
    ) {
        self.issuer = issuer
        self.reminderShare = reminderShare
        self.formatTime = formatTime
        self.formatDeadline = formatDeadline
    }

    /// A renderer over `LocalTime`. With `calendarYears`, a deadline whose day lies in a year without a calendar
    /// notice is marked 暂定 (DESIGN §3).
    public init(issuer: String, reminderShare: Double, localTime: LocalTime, calendarYears: Set<Int>? = nil) {
        self.init(
            issuer: issuer, reminderShare: reminderShare, formatTime: { localTime.format($0) },
            formatDeadline: { deadline in
                let text = localTime.formatDeadline(deadline)
                guard let calendarYears else { return text }
                let year = localTime.localDate(of: deadline.addingTimeInterval(-1)).year
                return calendarYears.contains(year) ? text : text + "（暂定）"
            })
    }

    /// The letter: a heading, the request, one table per kind of subject (with a heading when there are several)
    /// and the sender. A letter naming only tickets reads as it always has.
    public func markdown(
        kind: LetterKind, number: String, departmentName: String, issuedAt: Date, items: [LetterCandidate]
    ) -> String {
        let asOf = formatTime(issuedAt)
        let subjects = LetterSubjectKind.allCases.filter { s in items.contains { $0.subjectKind == s } }
        let only = subjects.count == 1 ? subjects.first : nil
        let heading = only == .ticket ? "12345热线督办" : "政务服务督办"
        // The number and the department's name come from configuration and reference data that people typed.
        var lines = [
            "# \(heading)\(kind.chineseLabel)", "", "**\(Self.cell(number))**", "", "\(Self.cell(departmentName))：", "",
        ]
        if let trainingNote { lines.insert(contentsOf: ["> \(trainingNote)", ""], at: 0) }
        let percent = Int((reminderShare * 100).rounded())
        switch kind {
        case .reminder:
            lines.append(
                "截至\(asOf)，贵单位承办的下列 \(items.count) 件事项已用去时限的 \(percent)% 以上，"
                    + "\(only?.reminderPending ?? "尚未办结")。请抓紧办理，\(only?.reminderRequest ?? "在时限内办结")。")
        case .warning:
            lines.append(
                "截至\(asOf)，贵单位承办的下列 \(items.count) 件事项已超过时限，\(only?.warningPending ?? "仍未办结")。"
                    + "请立即办理，并书面说明超期原因。超期情况将纳入月度办结通报和绩效考核。")
        }
        for (index, subject) in subjects.enumerated() {
            let named = items.filter { $0.subjectKind == subject }
            if only == nil {
                lines += [
                    "", "**\(Self.ordinals[index % Self.ordinals.count])、\(subject.sectionTitle)（\(named.count) 件）**",
                ]
            }
            lines.append("")
            let columns = subject.columns + [kind == .warning ? "已超期" : "剩余时间"]
            lines.append("| 序号 | " + columns.joined(separator: " | ") + " |")
            lines.append("|" + String(repeating: " --- |", count: columns.count + 1))
            for (position, item) in named.enumerated() {
                let gap = Self.durationText(abs(item.deadline.timeIntervalSince(issuedAt)))
                let cells =
                    ([item.reference] + subject.cells(item)).map(Self.cell) + [formatDeadline(item.deadline), gap]
                lines.append("| \(position + 1) | " + cells.joined(separator: " | ") + " |")
            }
        }
        lines.append("")
        lines.append(Self.cell(issuer))
        lines.append(String(asOf.prefix(10)))
        lines.append("")
        return lines.joined(separator: "\n")
    }

    private static let ordinals = ["一", "二", "三", "四", "五"]

    /// `2天3小时`, `5小时20分`, `12分`.
    public static func durationText(_ seconds: TimeInterval) -> String {
        let minutes = Int(StoredInstant.seconds(Date(timeIntervalSince1970: seconds)) / 60)
        let days = minutes / 1440
        let hours = (minutes % 1440) / 60
        if days > 0 { return "\(days)天\(hours)小时" }
        if hours > 0 { return "\(hours)小时\(minutes % 60)分" }
        return "\(minutes % 60)分"
    }

    /// Text from people or files in one line of the letter: inert as Markdown and HTML (`MarkdownText`).
    static func cell(_ text: String) -> String { MarkdownText.inline(text) }
}

/// How a letter speaks of each kind of subject.
extension LetterSubjectKind {
    /// The heading of its table in a letter naming several kinds.
    fileprivate var sectionTitle: String {
        switch self {
        case .ticket: return "12345工单"
        case .windowCase: return "窗口办件（限时办结）"
        case .finding: return "整改事项"
        }
    }

    /// The columns between the number and the deadline, the number's column first.
    fileprivate var columns: [String] {
        switch self {
        case .ticket: return ["编号", "事项", "时限类别", "时限"]
        case .windowCase: return ["办件编号", "办理事项", "窗口", "办结时限"]
        case .finding: return ["问题编号", "问题类别", "问题描述", "整改时限"]
        }
    }

    /// The cells between the number and the deadline.
    fileprivate func cells(_ item: LetterCandidate) -> [String] {
        switch self {
        case .ticket: return [item.title, item.clock.chineseLabel]
        case .windowCase: return [item.title, item.detail]
        case .finding: return [item.detail, item.title]
        }
    }

    fileprivate var reminderPending: String {
        switch self {
        case .ticket: return "尚未答复"
        case .windowCase: return "尚未办结"
        case .finding: return "尚未完成整改"
        }
    }

    fileprivate var reminderRequest: String {
        switch self {
        case .ticket: return "在时限内答复；确需延期的，请按规定及时申请"
        case .windowCase: return "在承诺时限内办结"
        case .finding: return "在整改时限内整改到位并报核验"
        }
    }

    fileprivate var warningPending: String {
        switch self {
        case .ticket: return "仍未签收或答复"
        case .windowCase: return "仍未办结"
        case .finding: return "仍未完成整改"
        }
    }
}
