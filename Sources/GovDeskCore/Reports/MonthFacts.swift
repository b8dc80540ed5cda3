import Foundation

/// A month's activity folded into facts "as of the end" (DESIGN §6.1): where each ticket stood when the month
/// ended, and what happened during the month, each happening attributed to the department in charge at the time.
public struct MonthFacts: Sendable {
    /// Where one ticket stood at the end of the month.
    public struct Standing: Equatable, Sendable {
        public var ticket: MonthActivity.TicketInfo
        public var createdInMonth: Bool
        public var state: TicketState
        /// The lead department in force at the end (nil when never dispatched, or returned and not yet re-sent).
        public var department: String?
        /// The handling deadline in force at the end.
        public var deadline: Date?
        /// Open at the end and past its deadline, unless the reply awaiting review came in time.
        public var isOverdue: Bool
        /// The last closing (approve, resolve, import-close) before the end.
        public var lastClosing: Date?
        /// Whether that closing answered on time; nil when the ticket had no deadline.
        public var lastClosingOnTime: Bool?
        /// Closed at the end, by a closing that lies in the month.
        public var closedInMonth: Bool
        public var resolvedAtIntakeInMonth: Bool
        /// The departments the ticket was dispatched to during the month.
        public var dispatchedInMonthTo: Set<String>

        /// Hours from creation to the last closing, for tickets closed in the month.
        public var handlingHours: Double? {
            guard closedInMonth, let lastClosing else { return nil }
            return lastClosing.timeIntervalSince(ticket.createdAt) / 3600
        }
    }

    /// Something that happened during the month.
    public struct Happening: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            case dispatch, returnTicket, reopen, closing, revisit, merge, letter
        }

        public var kind: Kind
        /// The department in charge when it happened (for a letter: the department it is addressed to).
        public var department: String?
        public var type: TicketType
        public var channel: Channel
        /// Dispatch only: true when signed within the sign-for limit, false when the limit passed unsigned or
        /// the signature came late, nil when the dispatch is left out of the response rate.
        public var signedInTime: Bool?
        public var satisfaction: Int?
        public var resolved: RevisitResolution?
        public var letterKind: MonthlyReport.LetterKind?
    }

    public let month: Month
    public let start: Date
    public let end: Date
    public private(set) var standings: [Standing] = []
    public private(set) var happenings: [Happening] = []

    public init(_ activity: MonthActivity) {
        month = activity.month
        start = activity.start
        end = activity.end
        for history in activity.histories where history.ticket.createdAt < end {
            fold(history)
        }
    }

    private mutating func fold(_ history: MonthActivity.TicketHistory) {
        let info = history.ticket
        var state = TicketState.received
        var lead: String?
        var deadline: Date?
        var repliedAt: Date?
        var lastClosing: Date?
        var lastClosingOnTime: Bool?
        var resolvedInMonth = false
        var dispatchedTo = Set<String>()
        // The dispatch of the month still waiting for its signature: its happening's index and sign-for deadline.
        var waiting: (index: Int, signDeadline: Date?)?

        func happen(_ kind: Happening.Kind, _ department: String?) -> Happening {
            Happening(
                kind: kind, department: department, type: info.type, channel: info.channel, signedInTime: nil,
                satisfaction: nil, resolved: nil, letterKind: nil)
        }

        for event in history.events where event.at < end {
            let inMonth = event.at >= start
            if let pending = waiting, [.sign, .returnTicket, .merge].contains(event.action) {
                happenings[pending.index].signedInTime = Self.response(
                    signDeadline: pending.signDeadline, signedAt: event.action == .sign ? event.at : nil,
                    waitedUntil: event.at)
                waiting = nil
            }
            switch event.action {
            case .create, .urge, .extend, .denyExtension:
                break
            case .dispatch:
                lead = event.lead
                deadline = event.deadline
                if inMonth {
                    if let lead { dispatchedTo.insert(lead) }
                    happenings.append(happen(.dispatch, lead))
                    waiting = (happenings.count - 1, event.signDeadline)
                }
            case .sign, .approveExtension:
                deadline = event.deadline
            case .returnTicket:
                if inMonth { happenings.append(happen(.returnTicket, lead)) }
                lead = nil
                deadline = nil
            case .reopen:
                if inMonth { happenings.append(happen(.reopen, lead)) }
                deadline = event.deadline
                repliedAt = nil
            case .reply:
                repliedAt = event.at
            case .reject:
                repliedAt = nil
            case .approve, .resolve, .importClose:
                lastClosing = event.at
                lastClosingOnTime = event.action == .resolve ? true : event.onTime
                if inMonth {
                    happenings.append(happen(.closing, lead))
                    if event.action == .resolve { resolvedInMonth = true }
                }
            case .revisit:
                if inMonth {
                    var h = happen(.revisit, lead)
                    h.satisfaction = event.satisfaction
                    h.resolved = event.resolved
                    happenings.append(h)
                }
            case .merge:
                if inMonth { happenings.append(happen(.merge, lead)) }
            case .letter:
                if inMonth {
                    var h = happen(.letter, event.letterDepartment ?? lead)
                    h.letterKind = event.letterKind
                    happenings.append(h)
                }
            }
            state = event.to
        }
        if let pending = waiting {
            happenings[pending.index].signedInTime = Self.response(
                signDeadline: pending.signDeadline, signedAt: nil, waitedUntil: end)
        }
        var overdue = false
        if state.isOpen, let deadline, deadline < end {
            overdue = !(state == .replied && (repliedAt.map { $0 <= deadline } ?? false))
        }
        let closedInMonth = state == .closed && (lastClosing.map { $0 >= start } ?? false)
        standings.append(
            Standing(
                ticket: info, createdInMonth: info.createdAt >= start, state: state, department: lead,
                deadline: deadline, isOverdue: overdue, lastClosing: lastClosing, lastClosingOnTime: lastClosingOnTime,
                closedInMonth: closedInMonth, resolvedAtIntakeInMonth: resolvedInMonth,
                dispatchedInMonthTo: dispatchedTo))
    }

    /// 及时签收: a signature within the limit counts for; a limit that passed while the ticket waited unsigned
    /// counts against; a dispatch returned or merged before its limit, or still within it at the month's end,
    /// or without a limit (an import), is left out.
    static func response(signDeadline: Date?, signedAt: Date?, waitedUntil: Date) -> Bool? {
        guard let signDeadline else { return nil }
        if let signedAt { return signedAt <= signDeadline }
        return signDeadline < waitedUntil ? false : nil
    }
}

/// Which tickets a set of figures is about.
public enum ReportScope: Hashable, Sendable {
    /// The kinds of scope, each a way to split the month's tickets.
    public enum Family: Sendable {
        case all, department, type, channel
    }

    case all
    /// A department: tickets dispatched to it in the month (received), and tickets and happenings it was in
    /// charge of at the time (everything else).
    case department(String)
    case type(TicketType)
    case channel(Channel)
}

extension MonthFacts {
    /// The figures of DESIGN §6.1 over the tickets in `scope`.
    public func figures(_ scope: ReportScope = .all) -> ReportFigures {
        let family: ReportScope.Family
        switch scope {
        case .all: family = .all
        case .department: family = .department
        case .type: family = .type
        case .channel: family = .channel
        }
        return figures(by: family)[scope] ?? ReportFigures()
    }

    /// The figures of every scope of a family at once, in one pass over the facts; scopes with nothing in the
    /// month are absent.
    public func figures(by family: ReportScope.Family) -> [ReportScope: ReportFigures] {
        // Where a standing belongs (its department at the end, its type, …), and which scopes received it.
        let scopeOf: (Standing) -> ReportScope?
        let receivedBy: (Standing) -> [ReportScope]
        let happeningScope: (Happening) -> ReportScope?
        switch family {
        case .all:
            scopeOf = { _ in .all }
            receivedBy = { $0.createdInMonth ? [.all] : [] }
            happeningScope = { _ in .all }
        case .department:
            scopeOf = { $0.department.map(ReportScope.department) }
            receivedBy = { $0.dispatchedInMonthTo.map(ReportScope.department) }
            happeningScope = { $0.department.map(ReportScope.department) }
        case .type:
            scopeOf = { .type($0.ticket.type) }
            receivedBy = { $0.createdInMonth ? [.type($0.ticket.type)] : [] }
            happeningScope = { .type($0.type) }
        case .channel:
            scopeOf = { .channel($0.ticket.channel) }
            receivedBy = { $0.createdInMonth ? [.channel($0.ticket.channel)] : [] }
            happeningScope = { .channel($0.channel) }
        }
        var all: [ReportScope: ReportFigures] = [:]
        var hours: [ReportScope: [Double]] = [:]
        for s in standings {
            let own = scopeOf(s)
            for scope in receivedBy(s) {
                all[scope, default: ReportFigures()].received += 1
                if s.ticket.isRepeat { all[scope]?.repeats += 1 }
                // A duplicate folded into another ticket is answered through that one. For a department, the
                // ticket must also have closed in its hands.
                if s.state != .merged { all[scope]?.closureRate.count(s.state == .closed && own == scope) }
            }
            guard let own else { continue }
            if s.resolvedAtIntakeInMonth { all[own, default: ReportFigures()].resolvedAtIntake += 1 }
            if s.state.isOpen {
                all[own, default: ReportFigures()].backlog += 1
                if s.isOverdue { all[own]?.overdueBacklog += 1 }
            }
            if s.closedInMonth {
                all[own, default: ReportFigures()].closed += 1
                if let onTime = s.lastClosingOnTime { all[own]?.onTimeRate.count(onTime) }
                if let h = s.handlingHours { hours[own, default: []].append(h) }
            }
        }
        for h in happenings {
            guard let scope = happeningScope(h) else { continue }
            var f = all[scope] ?? ReportFigures()
            switch h.kind {
            case .dispatch:
                f.dispatches += 1
                if let signed = h.signedInTime { f.responseRate.count(signed) }
            case .returnTicket: f.returns += 1
            case .reopen: f.reopens += 1
            case .closing: f.closings += 1
            case .merge: f.merged += 1
            case .revisit:
                f.revisits += 1
                if let satisfaction = h.satisfaction { f.satisfactionRate.count(satisfaction >= 3) }
                if let resolved = h.resolved { f.resolutionRate.count(resolved == .yes) }
            case .letter:
                switch h.letterKind {
                case .reminder: f.letters.reminder += 1
                case .warning: f.letters.warning += 1
                case nil: f.letters.other += 1
                }
            }
            all[scope] = f
        }
        for (scope, figures) in all {
            var f = figures
            f.returnRate = Ratio(f.returns, f.dispatches)
            f.reopenRate = Ratio(f.reopens, f.closings)
            f.handlingHours = HandlingHours(hours[scope] ?? [])
            all[scope] = f
        }
        return all
    }

    /// Tickets created in the month by topic, most first, ties by topic name.
    public func topicCounts(repeatsOnly: Bool = false) -> [(topic: String, count: Int)] {
        var counts: [String: Int] = [:]
        for s in standings where s.createdInMonth && (!repeatsOnly || s.ticket.isRepeat) {
            counts[s.ticket.topic, default: 0] += 1
        }
        return counts.map { (topic: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.topic < $1.topic
        }
    }
}
