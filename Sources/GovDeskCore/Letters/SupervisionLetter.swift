import Foundation

/// The two kinds of supervision letter (DESIGN §4).
public enum LetterKind: String, CaseIterable, Sendable, Codable, Labelled {
    /// 提醒函: most of the allowed time has gone and there is no reply yet.
    case reminder
    /// 预警函: the deadline has passed.
    case warning

    public var chineseLabel: String { self == .reminder ? "提醒函" : "预警函" }
    public var englishLabel: String { rawValue }
}

/// What a letter item names (DESIGN §4, §5.2, §5.4); stored as `letterItem.subjectKind`.
public enum LetterSubjectKind: String, CaseIterable, Sendable, Codable, Labelled {
    /// A 12345 work order.
    case ticket
    /// A window case (办件) open past its share of 限时办结.
    case windowCase = "case"
    /// An assigned finding whose rectification (整改) is late.
    case finding

    public var chineseLabel: String {
        switch self {
        case .ticket: return "工单"
        case .windowCase: return "办件"
        case .finding: return "整改"
        }
    }

    public var englishLabel: String { rawValue }
}

/// Which clock a letter item is about.
public enum LetterClock: String, CaseIterable, Sendable, Codable, Labelled {
    /// 签收时限: a dispatched ticket not yet signed for.
    case sign
    /// 办理时限: a signed (or reopened) ticket not yet replied to, or an open window case (限时办结).
    case handling
    /// 整改时限: an open rectification of the service hall (issue 4 adds its source).
    case rectification

    public var chineseLabel: String {
        switch self {
        case .sign: return "签收时限"
        case .handling: return "办理时限"
        case .rectification: return "整改时限"
        }
    }

    public var englishLabel: String { rawValue }
}

/// Something a letter can name: an open item whose clock is running, addressed to a department.
///
/// Tickets, window cases and findings each come from their own `LetterSubjectSource` in the store.
public struct LetterCandidate: Equatable, Sendable {
    public var subjectKind: LetterSubjectKind
    /// The ticket, case or finding number.
    public var reference: String
    public var department: String
    /// What it is about: the ticket's topic, the case's service item, an excerpt of the finding's description.
    public var title: String
    /// The letter's second column for hall subjects: the case's window, the finding's kind; empty for tickets.
    public var detail: String
    public var clock: LetterClock
    /// When the clock in force started: dispatch for the sign clock; signing or reopening for the handling clock.
    public var clockStart: Date
    /// The deadline in force.
    public var deadline: Date

    public init(
        subjectKind: LetterSubjectKind, reference: String, department: String, title: String, detail: String = "",
        clock: LetterClock, clockStart: Date, deadline: Date
    ) {
        self.subjectKind = subjectKind
        self.reference = reference
        self.department = department
        self.title = title
        self.detail = detail
        self.clock = clock
        self.clockStart = clockStart
        self.deadline = deadline
    }

    /// An open window case against 限时办结, from receiving to due, addressed to its window's department.
    public init(case c: WindowCase, department: String, itemName: String, windowName: String) {
        self.init(
            subjectKind: .windowCase, reference: c.number, department: department, title: itemName,
            detail: "\(c.window) \(windowName)", clock: .handling, clockStart: c.receivedAt, deadline: c.due)
    }

    /// An assigned finding against its rectification deadline, from its (latest) assignment, addressed to the
    /// department it was assigned to; nil unless it is assigned with a deadline.
    public init?(finding f: Finding) {
        guard f.state == .assigned, let start = f.assignedAt, let deadline = f.deadline else { return nil }
        self.init(
            subjectKind: .finding, reference: f.number, department: f.department,
            title: Self.excerpt(f.description), detail: f.kind.chineseLabel, clock: .rectification,
            clockStart: start, deadline: deadline)
    }

    /// The first `limit` characters of `text` on one line, with `…` when cut.
    public static func excerpt(_ text: String, limit: Int = 30) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= limit ? line : String(line.prefix(limit)) + "…"
    }

    /// What makes a letter unique: running `letters issue` again for the same deadline issues nothing new.
    public func key(_ kind: LetterKind) -> LetterKey {
        LetterKey(subjectKind: subjectKind, reference: reference, kind: kind, deadline: EpochText.encode(deadline))
    }
}

/// Idempotency key of a letter item: (subject, kind, deadline in force).
public struct LetterKey: Hashable, Sendable {
    public var subjectKind: LetterSubjectKind
    public var reference: String
    public var kind: LetterKind
    /// The deadline as `EpochText`.
    public var deadline: String

    public init(subjectKind: LetterSubjectKind, reference: String, kind: LetterKind, deadline: String) {
        self.subjectKind = subjectKind
        self.reference = reference
        self.kind = kind
        self.deadline = deadline
    }
}

/// A numbered supervision letter to one department, listing its items.
public struct SupervisionLetter: Equatable, Sendable {
    /// `潞热线提〔2025〕第12号`.
    public var number: String
    public var kind: LetterKind
    /// The local year of issue; letters are numbered per kind and year.
    public var year: Int
    public var sequence: Int
    public var department: String
    public var departmentName: String
    public var issuedAt: Date
    public var issuedBy: String
    public var items: [LetterCandidate]
    /// The letter as Markdown.
    public var text: String

    public init(
        number: String, kind: LetterKind, year: Int, sequence: Int, department: String, departmentName: String,
        issuedAt: Date, issuedBy: String, items: [LetterCandidate], text: String
    ) {
        self.number = number
        self.kind = kind
        self.year = year
        self.sequence = sequence
        self.department = department
        self.departmentName = departmentName
        self.issuedAt = issuedAt
        self.issuedBy = issuedBy
        self.items = items
        self.text = text
    }

    /// The kinds of subject it names, in `LetterSubjectKind` order.
    public var subjectKinds: [LetterSubjectKind] {
        LetterSubjectKind.allCases.filter { kind in items.contains { $0.subjectKind == kind } }
    }

    /// The timeline event a ticket named in this letter gets: from == to == its current state.
    public func event(for ticket: Ticket, item: LetterCandidate) throws -> TicketEvent {
        TicketEvent(
            sequence: try StoredCount.nextEvent(after: ticket.eventCount, of: "ticket \(ticket.number)"),
            action: .letter, from: ticket.state, to: ticket.state, actor: issuedBy,
            at: issuedAt, details: eventDetails(item))
    }

    /// The `caseEvent` a window case named in this letter gets: its state and visits unchanged.
    public func event(for c: WindowCase, item: LetterCandidate) throws -> CaseEvent {
        CaseEvent(
            sequence: try StoredCount.nextEvent(after: c.eventCount, of: "case \(c.number)"), action: .letter,
            from: c.state, to: c.state, actor: issuedBy, at: issuedAt,
            visits: c.visits, details: eventDetails(item))
    }

    /// The `findingEvent` a finding named in this letter gets: its state and deadline unchanged.
    public func event(for f: Finding, item: LetterCandidate) throws -> FindingEvent {
        FindingEvent(
            sequence: try StoredCount.nextEvent(after: f.eventCount, of: "finding \(f.number)"), action: .letter,
            from: f.state, to: f.state, actor: issuedBy, at: issuedAt,
            details: eventDetails(item))
    }

    /// What every subject's letter event records; reports count letters from these.
    private func eventDetails(_ item: LetterCandidate) -> [String: String] {
        [
            LetterDetailKey.kind: kind.rawValue, LetterDetailKey.letterNumber: number,
            LetterDetailKey.department: department, DetailKey.deadline: EpochText.encode(item.deadline),
        ]
    }
}

/// Keys of a letter event's details; reports count letters from these.
public enum LetterDetailKey {
    public static let kind = "kind"
    public static let letterNumber = "letterNumber"
    public static let department = "department"
}

/// Errors of supervision letters.
public enum LetterError: GovDeskError, Equatable {
    /// Only supervisors and administrators issue letters.
    case notAllowed(actor: String, roles: [Role])
    case unknownLetter(String)

    public var kind: FailureKind {
        switch self {
        case .notAllowed: return .refused
        case .unknownLetter: return .badData
        }
    }

}

/// The rules of DESIGN §4: which letter an item is due, numbering, grouping, and who may issue.
public enum LetterRules {
    /// The letter due for `item` at `now`, before looking at what was already issued: a warning once the deadline
    /// has passed; a reminder once `reminderShare` of the allowed time has elapsed (handling and rectification
    /// clocks only: the sign-for clock is hours long and gets only warnings).
    public static func due(_ item: LetterCandidate, at now: Date, reminderShare: Double) -> LetterKind? {
        if now > item.deadline { return .warning }
        if item.clock == .sign { return nil }
        let allowed = item.deadline.timeIntervalSince(item.clockStart)
        guard allowed > 0 else { return nil }
        return now.timeIntervalSince(item.clockStart) >= reminderShare * allowed ? .reminder : nil
    }

    /// The instant from which a reminder is due for `item`.
    public static func reminderFrom(_ item: LetterCandidate, reminderShare: Double) -> Date {
        let allowed = item.deadline.timeIntervalSince(item.clockStart)
        return item.clockStart.addingTimeInterval((reminderShare * allowed).rounded(.up))
    }

    /// `潞热线提〔2025〕第12号`.
    public static func number(prefix: String, year: Int, sequence: Int) -> String {
        "\(prefix)〔\(year)〕第\(sequence)号"
    }

    /// A number as people type it, in the form letters are numbered: `[]`, `()`, `（）`, `【】` or `［］` for 〔〕,
    /// and `〔2026〕3号` with its 第 left out.
    public static func normalizedNumber(_ text: String) -> String {
        var normalized = text.trimmingCharacters(in: .whitespaces)
        for (open, close) in [("[", "]"), ("(", ")"), ("（", "）"), ("【", "】"), ("［", "］")] {
            normalized = normalized.replacingOccurrences(of: open, with: "〔").replacingOccurrences(of: close, with: "〕")
        }
        if let close = normalized.lastIndex(of: "〕"), normalized.hasSuffix("号") {
            let sequence = normalized[normalized.index(after: close)..<normalized.index(before: normalized.endIndex)]
            if !sequence.isEmpty, sequence.allSatisfy({ $0.isASCII && $0.isNumber }) {
                normalized = String(normalized[...close]) + "第" + String(sequence) + "号"
            }
        }
        return normalized
    }

    /// Checks that `actor` may issue letters.
    public static func authorize(_ actor: StaffMember) throws(PermissionError) {
        try Permission.issueLetters.authorize(actor)
    }

    /// Groups due items into letters: one per department and kind, departments in code order, reminders before
    /// warnings, each letter's items by deadline then reference.
    public static func group(_ due: [(LetterCandidate, LetterKind)]) -> [(
        department: String, kind: LetterKind, items: [LetterCandidate]
    )] {
        var groups: [String: [LetterKind: [LetterCandidate]]] = [:]
        for (item, kind) in due { groups[item.department, default: [:]][kind, default: []].append(item) }
        var result: [(department: String, kind: LetterKind, items: [LetterCandidate])] = []
        for department in groups.keys.sorted() {
            for kind in LetterKind.allCases {
                guard let items = groups[department]?[kind] else { continue }
                let sorted = items.sorted { ($0.deadline, $0.reference) < ($1.deadline, $1.reference) }
                result.append((department, kind, sorted))
            }
        }
        return result
    }
}
