import Foundation

/// DESIGN §3: when a year's notice is added (or replaced), the provisional deadlines of open records are counted
/// again with it. A recomputed deadline never moves earlier than the one in force: nobody is late by a rule they
/// could not know.
public enum DeadlineRecomputation {
    /// The detail key naming the calendar year whose arrival moved a deadline.
    public static let calendarYearKey = "calendarYear"

    /// What moved, for the command to list.
    public struct Change: Equatable, Sendable {
        public enum Subject: String, Sendable { case ticket, windowCase = "case", finding }
        public var subject: Subject
        public var number: String
        public var previous: Date
        public var deadline: Date

        public init(subject: Subject, number: String, previous: Date, deadline: Date) {
            self.subject = subject
            self.number = number
            self.previous = previous
            self.deadline = deadline
        }
    }

    /// The detail key an event carries when the deadline it set was provisional: the year without data.
    public static let provisionalKey = "provisional"

    /// Marks `details` when the working-day deadline it records is provisional under `rules`.
    public static func mark(_ details: inout [String: String], deadline: Date, rules: DeadlineRules) {
        let day = rules.calendar.localDate(of: deadline.addingTimeInterval(-1))
        if rules.calendar.isProvisional(day) { details[provisionalKey] = String(day.year) }
    }

    /// Whether a working-day deadline ending at `deadline` is provisional under `rules` (its day's year has no data).
    public static func isProvisional(_ deadline: Date, rules: DeadlineRules) -> Bool {
        rules.calendar.isProvisional(rules.calendar.localDate(of: deadline.addingTimeInterval(-1)))
    }

    /// Whether a ticket's deadline in force is counted in working days into a year without data.
    public static func isProvisional(_ ticket: Ticket, rules: DeadlineRules) -> Bool {
        guard ticket.urgency == .normal, let deadline = ticket.deadline else { return false }
        return isProvisional(deadline, rules: rules)
    }

    /// The handling deadline a ticket's events lead to when counted with `rules`: from its latest signing or reopen,
    /// through every approved extension since. Nil when it has none counted in working days here (urgent tickets
    /// count natural hours; an imported deadline is its source system's).
    public static func countedDeadline(of ticket: Ticket, events: [TicketEvent], rules: DeadlineRules) throws -> Date? {
        guard ticket.urgency == .normal else { return nil }
        var deadline: Date?
        for event in events {
            switch event.action {
            case .sign, .reopen:
                deadline = try rules.handlingDeadline(from: event.at, type: ticket.type, urgency: ticket.urgency)
            case .dispatch, .returnTicket:
                deadline = nil
            case .approveExtension:
                if let current = deadline, let days = event.details[DetailKey.days].flatMap({ Int($0) }) {
                    deadline = try rules.extend(current, byWorkingDays: days)
                }
            case .create, .resolve, .extend, .denyExtension, .reply, .approve, .reject, .revisit, .merge, .urge,
                .letter, .importClose, .recompute:
                break
            }
        }
        return deadline
    }

    /// The `recompute` event an open ticket gets when `rules` (with the year `year` added) count its deadline
    /// later than the one in force; nil when nothing moves.
    public static func recompute(
        _ ticket: Ticket, events: [TicketEvent], rules: DeadlineRules, year: Int, actor: String, at now: Date
    ) throws -> (ticket: Ticket, event: TicketEvent)? {
        guard ticket.state.isOpen, let current = ticket.deadline,
            let counted = try countedDeadline(of: ticket, events: events, rules: rules), counted > current
        else { return nil }
        let event = TicketEvent(
            sequence: try StoredCount.nextEvent(after: ticket.eventCount, of: "ticket \(ticket.number)"),
            action: .recompute, from: ticket.state, to: ticket.state, actor: actor,
            at: now,
            details: [
                DetailKey.deadline: EpochText.encode(counted), DetailKey.previousDeadline: EpochText.encode(current),
                calendarYearKey: String(year),
            ])
        var next = ticket
        try next.apply(event)
        return (next, event)
    }

    /// The event an open window case gets when its 限时办结 due time, counted again from receiving with the
    /// committed days its receiving recorded, is later than the one in force; nil when nothing moves.
    public static func recompute(
        _ c: WindowCase, events: [CaseEvent], rules: DeadlineRules, year: Int, actor: String, at now: Date
    ) throws -> (case: WindowCase, event: CaseEvent)? {
        guard c.state == .open, let receive = events.first(where: { $0.action == .receive }),
            let days = receive.details["committedDays"].flatMap({ Int($0) })
        else { return nil }
        let counted = try CaseMachine.dueTime(receivedAt: c.receivedAt, committedDays: days, rules: rules)
        guard counted > c.due else { return nil }
        var next = c
        next.due = counted
        next.eventCount = try StoredCount.nextEvent(after: c.eventCount, of: "case \(c.number)")
        let event = CaseEvent(
            sequence: next.eventCount, action: .recompute, from: c.state, to: c.state, actor: actor, at: now,
            visits: c.visits,
            details: [
                "due": EpochText.encode(counted), "previousDue": EpochText.encode(c.due),
                calendarYearKey: String(year),
            ])
        return (next, event)
    }

    /// The event an assigned finding gets when its rectification deadline, counted again from its latest
    /// assignment with the days given then, is later than the one in force; nil when nothing moves.
    public static func recompute(
        _ f: Finding, events: [FindingEvent], rules: DeadlineRules, year: Int, actor: String, at now: Date
    ) throws -> (finding: Finding, event: FindingEvent)? {
        guard f.state == .assigned, let current = f.deadline,
            let basis = events.last(where: { $0.action == .assign || $0.action == .reopen }),
            let days = basis.details["days"].flatMap({ Int($0) })
        else { return nil }
        let counted = try FindingMachine.rectificationDeadline(from: basis.at, days: days, rules: rules)
        guard counted > current else { return nil }
        var next = f
        next.deadline = counted
        next.eventCount = try StoredCount.nextEvent(after: f.eventCount, of: "finding \(f.number)")
        let event = FindingEvent(
            sequence: next.eventCount, action: .recompute, from: f.state, to: f.state, actor: actor, at: now,
            deadline: counted,
            details: [
                "deadline": EpochText.encode(counted), "previousDeadline": EpochText.encode(current),
                calendarYearKey: String(year),
            ])
        return (next, event)
    }
}
