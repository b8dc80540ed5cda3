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

    public init(
        issuer: String, reminderShare: Double, formatTime: @escaping @Sendable (Date) -> String,
        formatDeadline: @escaping @Sendable (Date) -> String
    ) {
        self.issuer = issuer
        self.reminderShare = reminderShare
        self.formatTime = formatTime
        self.formatDeadline = formatDeadline
    }

    /// A renderer over `LocalTime`.
    public init(issuer: String, reminderShare: Double, localTime: LocalTime) {
        self.init(
            issuer: issuer, reminderShare: reminderShare, formatTime: { localTime.format($0) },
            formatDeadline: { localTime.formatDeadline($0) })
    }

    public func markdown(
        kind: LetterKind, number: String, departmentName: String, issuedAt: Date, items: [LetterCandidate]
    ) -> String {
        let asOf = formatTime(issuedAt)
        var lines = ["# 12345热线督办\(kind.chineseLabel)", "", "**\(number)**", "", "\(departmentName)：", ""]
        let percent = Int((reminderShare * 100).rounded())
        switch kind {
        case .reminder:
            lines.append(
                "截至\(asOf)，贵单位承办的下列 \(items.count) 件事项已用去时限的 \(percent)% 以上，尚未答复。"
                    + "请抓紧办理，在时限内答复；确需延期的，请按规定及时申请。")
        case .warning:
            lines.append(
                "截至\(asOf)，贵单位承办的下列 \(items.count) 件事项已超过时限，仍未签收或答复。"
                    + "请立即办理，并书面说明超期原因。超期情况将纳入月度办结通报和绩效考核。")
        }
        lines.append("")
        lines.append("| 序号 | 编号 | 事项 | 时限类别 | 时限 | \(kind == .warning ? "已超期" : "剩余时间") |")
        lines.append("| --- | --- | --- | --- | --- | --- |")
        for (index, item) in items.enumerated() {
            let gap = Self.durationText(abs(item.deadline.timeIntervalSince(issuedAt)))
            lines.append(
                "| \(index + 1) | \(item.reference) | \(Self.cell(item.title)) | \(item.clock.chineseLabel) | "
                    + "\(formatDeadline(item.deadline)) | \(gap) |")
        }
        lines.append("")
        lines.append(issuer)
        lines.append(String(asOf.prefix(10)))
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// `2天3小时`, `5小时20分`, `12分`.
    public static func durationText(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds) / 60
        let days = minutes / 1440
        let hours = (minutes % 1440) / 60
        if days > 0 { return "\(days)天\(hours)小时" }
        if hours > 0 { return "\(hours)小时\(minutes % 60)分" }
        return "\(minutes % 60)分"
    }

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "／").replacingOccurrences(of: "\n", with: " ")
    }
}
