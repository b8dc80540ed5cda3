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
        /// The closing in force at the end (approve, resolve, import-close); nil when the ticket was reopened since.
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
        self.init(month: activity.month, timeZone: activity.timeZone)
        for history in activity.histories {
            add(history.ticket, events: history.events)
        }
    }

    /// Facts with no ticket yet, to be given the month's tickets one by one with `add(_:events:)`.
    public init(month: Month, timeZone: TimeZone) {
        self.month = month
        start = month.start(in: timeZone)
        end = month.end(in: timeZone)
    }

    /// Folds one ticket's history (its events oldest first) into the facts: the store streams a month's tickets
    /// through this rather than holding every history at once. A ticket created after the end is left out, and so
    /// is every event at or after it.
    public mutating func add(_ info: MonthActivity.TicketInfo, events: [MonthActivity.Event]) {
        guard info.createdAt < end else { return }
        // Where the ticket stands, stepped by the same code as `Ticket.apply`: only the happenings are the report's own.
        var course = TicketCourse()
        var resolvedInMonth = false
        var dispatchedTo = Set<String>()
        // The dispatch of the month still waiting for its signature: its happening's index and sign-for deadline.
        var waiting: (index: Int, signDeadline: Date?)?

        func happen(_ kind: Happening.Kind, _ department: String?) -> Happening {
            Happening(
                kind: kind, department: department, type: info.type, channel: info.channel, signedInTime: nil,
                satisfaction: nil, resolved: nil, letterKind: nil)
        }

        for event in events where event.at < end {
            let inMonth = event.at >= start
            if let pending = waiting, event.action == .sign || event.action == .returnTicket || event.action == .merge {
                happenings[pending.index].signedInTime = Self.response(
                    signDeadline: pending.signDeadline, signedAt: event.action == .sign ? event.at : nil,
                    waitedUntil: event.at)
                waiting = nil
            }
            // The happening first: a return is counted against the department it leaves.
            let lead = course.lead
            switch event.action {
            case .create, .urge, .extend, .denyExtension, .sign, .approveExtension, .recompute, .reply, .reject:
                break
            case .dispatch:
                if inMonth {
                    if let lead = event.lead { dispatchedTo.insert(lead) }
                    happenings.append(happen(.dispatch, event.lead))
                    waiting = (happenings.count - 1, event.signDeadline)
                }
            case .returnTicket:
                if inMonth { happenings.append(happen(.returnTicket, lead)) }
            case .reopen:
                if inMonth { happenings.append(happen(.reopen, lead)) }
            case .approve, .resolve, .importClose:
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
            course.step(
                event.action, to: event.to, at: event.at, lead: { event.lead }, deadline: { event.deadline },
                onTime: { event.onTime })
        }
        if let pending = waiting {
            happenings[pending.index].signedInTime = Self.response(
                signDeadline: pending.signDeadline, signedAt: nil, waitedUntil: end)
        }
        // A closed ticket's closing in force is its last one.
        let closedInMonth = course.state == .closed && (course.closedAt.map { $0 >= start } ?? false)
        standings.append(
            Standing(
                ticket: info, createdInMonth: info.createdAt >= start, state: course.state, department: course.lead,
                deadline: course.deadline, isOverdue: course.isOverdue(at: end), lastClosing: course.closedAt,
                lastClosingOnTime: course.onTime, closedInMonth: closedInMonth,
                resolvedAtIntakeInMonth: resolvedInMonth, dispatchedInMonthTo: dispatchedTo))
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
    ///
    /// The report asks this of some 200,000 standings a month, several times over: the standings are read in place
    /// (a copy of a `Standing` retains its strings and set) and each scope's figures are found once per standing,
    /// in `ScopeSlots`, rather than through a dictionary lookup per counter.
    public func figures(by family: ReportScope.Family) -> [ReportScope: ReportFigures] {
        // Each pass owns its slots and hands them on: a variable captured by the closures would be checked for
        // exclusive access at run time on every counter (some 2 % of the report).
        var slots = standings.withUnsafeBufferPointer { standings in
            var slots = ScopeSlots()
            for i in standings.indices {
                // Where the standing belongs: its department at the end, its type, …
                let own: ReportScope?
                switch family {
                case .all: own = .all
                case .department: own = standings[i].department.map(ReportScope.department)
                case .type: own = .type(standings[i].ticket.type)
                case .channel: own = .channel(standings[i].ticket.channel)
                }
                let state = standings[i].state
                // A duplicate folded into another ticket is answered through that one. For a department, the
                // ticket must also have closed in its hands.
                func receive(_ scope: ReportScope) {
                    let k = slots.slot(scope)
                    slots.figures[k].received += 1
                    if standings[i].ticket.isRepeat { slots.figures[k].repeats += 1 }
                    if state != .merged { slots.figures[k].closureRate.count(state == .closed && own == scope) }
                }
                // Which scopes received it: the departments it was dispatched to in the month, or its own scope
                // when it was created in the month.
                if family == .department {
                    for code in standings[i].dispatchedInMonthTo { receive(.department(code)) }
                } else if standings[i].createdInMonth, let own {
                    receive(own)
                }
                guard let own else { continue }
                if standings[i].resolvedAtIntakeInMonth { slots.figures[slots.slot(own)].resolvedAtIntake += 1 }
                if state.isOpen {
                    let k = slots.slot(own)
                    slots.figures[k].backlog += 1
                    if standings[i].isOverdue { slots.figures[k].overdueBacklog += 1 }
                }
                if standings[i].closedInMonth {
                    let k = slots.slot(own)
                    slots.figures[k].closed += 1
                    if let onTime = standings[i].lastClosingOnTime { slots.figures[k].onTimeRate.count(onTime) }
                    if let h = standings[i].handlingHours { slots.hours[k].append(h) }
                }
            }
            return slots
        }
        slots = happenings.withUnsafeBufferPointer { [slots] happenings in
            var slots = slots
            for i in happenings.indices {
                let scope: ReportScope?
                switch family {
                case .all: scope = .all
                case .department: scope = happenings[i].department.map(ReportScope.department)
                case .type: scope = .type(happenings[i].type)
                case .channel: scope = .channel(happenings[i].channel)
                }
                guard let scope else { continue }
                let k = slots.slot(scope)
                switch happenings[i].kind {
                case .dispatch:
                    slots.figures[k].dispatches += 1
                    if let signed = happenings[i].signedInTime { slots.figures[k].responseRate.count(signed) }
                case .returnTicket: slots.figures[k].returns += 1
                case .reopen: slots.figures[k].reopens += 1
                case .closing: slots.figures[k].closings += 1
                case .merge: slots.figures[k].merged += 1
                case .revisit:
                    slots.figures[k].revisits += 1
                    if let satisfaction = happenings[i].satisfaction {
                        slots.figures[k].satisfactionRate.count(satisfaction >= 3)
                    }
                    if let resolved = happenings[i].resolved { slots.figures[k].resolutionRate.count(resolved == .yes) }
                case .letter:
                    switch happenings[i].letterKind {
                    case .reminder: slots.figures[k].letterEntries.reminder += 1
                    case .warning: slots.figures[k].letterEntries.warning += 1
                    case nil: slots.figures[k].letterEntries.other += 1
                    }
                }
            }
            return slots
        }
        var all: [ReportScope: ReportFigures] = [:]
        for (scope, k) in slots.index {
            var f = slots.figures[k]
            f.returnRate = Ratio(f.returns, f.dispatches)
            f.reopenRate = Ratio(f.reopens, f.closings)
            f.handlingHours = HandlingHours(slots.hours[k])
            all[scope] = f
        }
        return all
    }

    /// The figures of the scopes met so far, each made when first counted in, with the handling hours of its
    /// tickets closed in the month.
    private struct ScopeSlots {
        var index: [ReportScope: Int] = [:]
        var figures: [ReportFigures] = []
        var hours: [[Double]] = []
        /// The last scope asked for: consecutive standings and happenings mostly share it.
        var last: (scope: ReportScope, slot: Int)?

        /// The position of `scope`'s figures, made empty when it is new.
        mutating func slot(_ scope: ReportScope) -> Int {
            if let last, last.scope == scope { return last.slot }
            let k: Int
            if let known = index[scope] {
                k = known
            } else {
                k = figures.count
                index[scope] = k
                figures.append(ReportFigures())
                hours.append([])
            }
            last = (scope, k)
            return k
        }
    }

    /// Tickets created in the month by topic, most first, ties by topic name.
    ///
    /// The month's tickets are first counted by the bytes of their topic (`TopicBytes`), then the few distinct
    /// topics by `String`: hashing a `String` normalizes non-ASCII text first, which for some 170,000 Chinese
    /// topics a month was most of the time here. Merging by `String` keeps the counts exactly those of a
    /// `[String: Int]` (canonically equivalent spellings count as one, under the first one met).
    public func topicCounts(repeatsOnly: Bool = false) -> [(topic: String, count: Int)] {
        var slot: [TopicBytes: Int] = [:]
        var byBytes: [(topic: String, count: Int)] = []
        standings.withUnsafeBufferPointer { standings in
            for i in standings.indices
            where standings[i].createdInMonth && (!repeatsOnly || standings[i].ticket.isRepeat) {
                let key = TopicBytes(standings[i].ticket.topic)
                if let k = slot[key] {
                    byBytes[k].count += 1
                } else {
                    slot[key] = byBytes.count
                    byBytes.append((key.topic, 1))
                }
            }
        }
        var counts: [String: Int] = [:]
        for (topic, count) in byBytes { counts[topic, default: 0] += count }
        return counts.map { (topic: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.topic < $1.topic
        }
    }
}

/// A topic compared and hashed by its UTF-8 bytes, without `String`'s Unicode normalization.
private struct TopicBytes: Hashable {
    let topic: String

    init(_ topic: String) { self.topic = topic }

    /// A length check and a `memcmp`: the generic `elementsEqual` of two `String.UTF8View`s went byte by byte
    /// through their iterators.
    static func == (lhs: TopicBytes, rhs: TopicBytes) -> Bool {
        var left = lhs.topic
        var right = rhs.topic
        return left.withUTF8 { a in
            right.withUTF8 { b in
                a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        var topic = topic
        topic.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
