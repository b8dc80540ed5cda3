import Foundation

/// A request to act on an existing ticket, with the values the action needs.
public enum TicketCommand: Equatable, Sendable {
    case resolve(text: String)
    case dispatch(lead: String, co: [String])
    case sign
    case returnTicket(reason: String)
    case extend(days: Int, reason: String)
    case approveExtension
    case denyExtension(reason: String?)
    case reply(text: String, outcome: ReplyOutcome)
    case approve
    case reject(reason: String)
    case revisit(satisfaction: Int, resolved: RevisitResolution, note: String?)
    case reopen(reason: String)
    /// Merge into `target`, whose current state the caller looked up.
    case merge(into: String, targetState: TicketState)
    case urge(note: String?)

    public var action: TicketAction {
        switch self {
        case .resolve: return .resolve
        case .dispatch: return .dispatch
        case .sign: return .sign
        case .returnTicket: return .returnTicket
        case .extend: return .extend
        case .approveExtension: return .approveExtension
        case .denyExtension: return .denyExtension
        case .reply: return .reply
        case .approve: return .approve
        case .reject: return .reject
        case .revisit: return .revisit
        case .reopen: return .reopen
        case .merge: return .merge
        case .urge: return .urge
        }
    }
}

/// The work-order state machine (DESIGN §2.3): pure, table-driven, independent of storage.
public enum TicketMachine {
    public typealias Rule = TransitionRule<TicketState, TicketAction>

    /// DESIGN §2.3 in one place: a liaison acts on tickets sent to their own department, and no one approves a reply
    /// they wrote or an extension they asked for. `admin` may do everything else and is not listed.
    public static let table = RuleTable<TicketState, TicketAction>([
        Rule(.create, from: [], to: .state(.received), roles: [.operator]),
        Rule(.resolve, from: [.received], to: .state(.closed), roles: [.operator]),
        Rule(.dispatch, from: [.received], to: .state(.dispatched), roles: [.dispatcher]),
        Rule(.sign, from: [.dispatched], to: .state(.handling), own: [.liaison]),
        Rule(.returnTicket, from: [.dispatched, .handling], to: .state(.received), own: [.liaison]),
        Rule(.extend, from: [.handling], to: .same, own: [.liaison]),
        Rule(.approveExtension, from: [.handling], to: .same, roles: [.supervisor], notBy: [.extend]),
        Rule(.denyExtension, from: [.handling], to: .same, roles: [.supervisor]),
        Rule(.reply, from: [.handling], to: .state(.replied), own: [.liaison]),
        Rule(.approve, from: [.replied], to: .state(.closed), roles: [.reviewer], notBy: [.reply]),
        Rule(.reject, from: [.replied], to: .state(.handling), roles: [.reviewer]),
        Rule(.revisit, from: [.closed], to: .same, roles: [.operator]),
        Rule(.reopen, from: [.closed], to: .state(.handling), roles: [.supervisor]),
        Rule(.merge, from: [.received, .dispatched, .handling], to: .state(.merged), roles: [.dispatcher]),
        Rule(.urge, from: [.dispatched, .handling], to: .same, roles: [.supervisor]),
    ])

    public static var rules: [Rule] { table.rules }

    public static func rule(for action: TicketAction) -> Rule? { table.rule(for: action) }

    /// The actions a person may ask for in `state`, in the table's order.
    public static func allowedActions(in state: TicketState) -> [TicketAction] { table.allowedActions(in: state) }

    /// Checks that `actor` may take `action` at all (role), and on this ticket (department); `pastActors` are who took
    /// the ticket's earlier actions, for the table's `notBy`.
    public static func authorize(
        _ action: TicketAction, by actor: StaffMember, on ticket: Ticket? = nil,
        pastActors: [TicketAction: Set<String>] = [:]
    ) throws(TicketError) {
        let own = ticket.map { $0.leadDepartment == actor.department } ?? true
        switch table.refusal(of: action, by: actor, own: own, pastActors: pastActors) {
        case nil: return
        case .role(let needed)?:
            throw .roleDenied(actor: actor.code, roles: actor.sortedRoles, action: action, needed: needed)
        case .notOwn?:
            throw .departmentDenied(
                actor: actor.code, department: actor.department, number: ticket?.number ?? "",
                lead: ticket?.leadDepartment, action: action)
        case .ownWork(let earlier)?:
            throw .ownWork(actor: actor.code, number: ticket?.number ?? "", action: action, earlier: earlier)
        }
    }

    /// The creation event of a new ticket, after checking the actor and the intake record.
    public static func create(
        number: String, intake: Ticket.Intake, by actor: StaffMember, at now: Date
    ) throws(TicketError) -> (ticket: Ticket, event: TicketEvent) {
        try authorize(.create, by: actor)
        try validate(intake)
        let draft = Ticket(number: number, intake: intake, createdAt: now)
        let event = TicketEvent(
            sequence: 1, action: .create, from: nil, to: .received, actor: actor.code, at: now,
            details: draft.creationDetails)
        do {
            return (try Ticket(creationEvent: event), event)
        } catch {
            throw .invalidField(
                name: "intake", message: Phrase(chinese: error.chineseMessage, english: error.englishMessage))
        }
    }

    /// Decides `command` on `ticket`: refuses it, or returns the event to append and the ticket it produces.
    ///
    /// Checks run in this order so that the message names the first thing to fix: state, role, department,
    /// then the action's own rules.
    public static func decide(
        _ command: TicketCommand, on ticket: Ticket, by actor: StaffMember, at now: Date, rules clocks: DeadlineRules,
        pastActors: [TicketAction: Set<String>] = [:]
    ) throws -> (ticket: Ticket, event: TicketEvent) {
        let action = command.action
        guard let rule = table.rule(for: action, in: ticket.state) else {
            throw TicketError.notAllowed(
                number: ticket.number, state: ticket.state, action: action, allowed: allowedActions(in: ticket.state))
        }
        try authorize(action, by: actor, on: ticket, pastActors: pastActors)
        let details = try self.details(for: command, on: ticket, at: now, rules: clocks)
        let to = rule.to.state(from: ticket.state)
        let event = TicketEvent(
            sequence: try StoredCount.nextEvent(after: ticket.eventCount, of: "ticket \(ticket.number)"),
            action: action, from: ticket.state, to: to, actor: actor.code, at: now,
            details: details)
        var next = ticket
        try next.apply(event)
        return (next, event)
    }

    /// The details an action records: its inputs and every value it computes.
    private static func details(
        for command: TicketCommand, on ticket: Ticket, at now: Date, rules clocks: DeadlineRules
    ) throws -> [String: String] {
        switch command {
        case .resolve(let text):
            return [DetailKey.text: try required(text, "answer text")]
        case .dispatch(let lead, let co):
            if co.contains(lead) {
                throw TicketError.invalidField(
                    name: "--co", message: CoreText.coIsLead(lead).phrase)
            }
            if Set(co).count != co.count {
                throw TicketError.invalidField(name: "--co", message: CoreText.coNamedTwice.phrase)
            }
            let signBy = clocks.signDeadline(dispatchedAt: now, urgency: ticket.urgency)
            return [
                DetailKey.lead: lead, DetailKey.co: co.joined(separator: ","),
                DetailKey.signDeadline: EpochText.encode(signBy),
            ]
        case .sign:
            // An imported ticket keeps the deadline its source system gave at dispatch: counting a new one from the
            // signature would take a ticket that was already late out of the late ones.
            let imported = ticket.deadline
            let deadline =
                try imported ?? clocks.handlingDeadline(from: now, type: ticket.type, urgency: ticket.urgency)
            var d = [DetailKey.deadline: EpochText.encode(deadline)]
            if let signBy = ticket.signDeadline, now > signBy { d[DetailKey.signedLate] = "true" }
            if imported == nil, ticket.urgency == .normal {
                DeadlineRecomputation.mark(&d, deadline: deadline, rules: clocks)
            }
            return d
        case .returnTicket(let reason):
            let reason = try required(reason, "reason")
            // A return clears the clocks: after the deadline it would take a late ticket out of the late ones.
            if let current = ticket.deadline {
                try requireDeadlineAhead(current, of: ticket, for: .returnTicket, at: now, rules: clocks)
            }
            return [DetailKey.reason: reason]
        case .extend(let days, let reason):
            if let pending = ticket.pendingExtension {
                throw TicketError.extensionPending(number: ticket.number, days: pending.days)
            }
            guard let current = ticket.deadline else { throw TicketError.noDeadline(number: ticket.number) }
            // An extension moves a deadline that has not passed (DESIGN §3): a late ticket stays late.
            try requireDeadlineAhead(current, of: ticket, for: .extend, at: now, rules: clocks)
            guard (1...30).contains(days) else {
                throw TicketError.invalidField(
                    name: "--days", message: CoreText.extensionDays(days).phrase)
            }
            return [DetailKey.days: String(days), DetailKey.reason: try required(reason, "reason")]
        case .approveExtension:
            guard let pending = ticket.pendingExtension else {
                throw TicketError.noPendingExtension(number: ticket.number)
            }
            guard let current = ticket.deadline else { throw TicketError.noDeadline(number: ticket.number) }
            try requireDeadlineAhead(current, of: ticket, for: .approveExtension, at: now, rules: clocks)
            let moved = try clocks.extend(current, byWorkingDays: pending.days)
            var d = [
                DetailKey.days: String(pending.days), DetailKey.previousDeadline: EpochText.encode(current),
                DetailKey.deadline: EpochText.encode(moved),
            ]
            if ticket.urgency == .normal { DeadlineRecomputation.mark(&d, deadline: moved, rules: clocks) }
            return d
        case .denyExtension(let reason):
            guard let pending = ticket.pendingExtension else {
                throw TicketError.noPendingExtension(number: ticket.number)
            }
            var d = [DetailKey.days: String(pending.days)]
            d[DetailKey.reason] = try optional(reason, "reason")
            return d
        case .reply(let text, let outcome):
            return [DetailKey.text: try required(text, "reply text"), DetailKey.outcome: outcome.rawValue]
        case .approve:
            var d: [String: String] = [:]
            if let deadline = ticket.deadline, let repliedAt = ticket.repliedAt {
                d[DetailKey.onTime] = String(repliedAt <= deadline)
                d[DetailKey.deadline] = EpochText.encode(deadline)
            }
            return d
        case .reject(let reason):
            return [DetailKey.reason: try required(reason, "reason")]
        case .revisit(let satisfaction, let resolved, let note):
            if ticket.revisitedAt != nil { throw TicketError.alreadyRevisited(number: ticket.number) }
            guard (1...5).contains(satisfaction) else {
                throw TicketError.invalidField(
                    name: "--satisfaction",
                    message: CoreText.satisfaction(satisfaction).phrase)
            }
            var d = [DetailKey.satisfaction: String(satisfaction), DetailKey.resolved: resolved.rawValue]
            d[DetailKey.note] = try optional(note, "note")
            return d
        case .reopen(let reason):
            let deadline = try clocks.handlingDeadline(from: now, type: ticket.type, urgency: ticket.urgency)
            var d = [DetailKey.reason: try required(reason, "reason"), DetailKey.deadline: EpochText.encode(deadline)]
            if ticket.urgency == .normal { DeadlineRecomputation.mark(&d, deadline: deadline, rules: clocks) }
            return d
        case .merge(let target, let targetState):
            if target == ticket.number {
                throw TicketError.invalidMergeTarget(
                    number: ticket.number, target: target, reason: CoreText.sameTicket.phrase)
            }
            // A merged duplicate leaves the month's figures (DESIGN §6.1): a late ticket is answered, not merged away.
            if let current = ticket.deadline {
                try requireDeadlineAhead(current, of: ticket, for: .merge, at: now, rules: clocks)
            }
            if !targetState.isOpen {
                throw TicketError.invalidMergeTarget(
                    number: ticket.number, target: target,
                    reason: CoreText.mergeTargetClosed(target, targetState).phrase)
            }
            return [DetailKey.into: target]
        case .urge(let note):
            var d: [String: String] = [:]
            d[DetailKey.note] = try optional(note, "note")
            return d
        }
    }

    /// Refuses `action` once `deadline` has passed at `now`: a reply is on time when it comes by the deadline in force
    /// (DESIGN §3), so an extension asked for or approved after it would turn a late ticket into an on-time one.
    static func requireDeadlineAhead(
        _ deadline: Date, of ticket: Ticket, for action: TicketAction, at now: Date, rules clocks: DeadlineRules
    ) throws(TicketError) {
        guard now > deadline else { return }
        throw .deadlinePassed(
            number: ticket.number, action: action,
            deadline: LocalTime(timeZone: clocks.calendar.timeZone).formatDeadline(deadline))
    }

    /// Longest free text accepted in a field (DESIGN §2.1: descriptions at most 4,000 characters).
    public static let maximumTextLength = 4000

    static func required(_ text: String, _ name: String) throws(TicketError) -> String {
        let trimmed = trimmed(text)
        guard !trimmed.isEmpty else { throw .invalidField(name: name, message: CoreText.mustNotBeEmpty.phrase) }
        try checkText(trimmed, name)
        return trimmed
    }

    static func optional(_ text: String?, _ name: String) throws(TicketError) -> String? {
        guard let text else { return nil }
        let trimmed = trimmed(text)
        if trimmed.isEmpty { return nil }
        try checkText(trimmed, name)
        return trimmed
    }

    /// Trimmed required free text, for other areas' engines.
    public static func requiredText(_ text: String, _ name: String) throws(TicketError) -> String {
        try required(text, name)
    }

    /// Trimmed optional free text (nil when blank), for other areas' engines.
    public static func optionalText(_ text: String?, _ name: String) throws(TicketError) -> String? {
        try optional(text, name)
    }

    /// The text without surrounding white space; skips Foundation when there is none (bulk generation is hot here).
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace || first == "\u{85}" || last == "\u{85}"
        else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func checkText(_ text: String, _ name: String) throws(TicketError) {
        // Counted as the database counts it (`TextLength`), not in Characters.
        if TextLength.exceeds(text, maximumTextLength) {
            throw .invalidField(name: name, message: TextLength.message(text, limit: maximumTextLength))
        }
        if text.utf8.contains(0) {
            throw .invalidField(name: name, message: CoreText.containsNUL.phrase)
        }
    }

    /// Checks an intake record: required fields present, lengths, phone and topic form.
    public static func validate(_ intake: Ticket.Intake) throws(TicketError) {
        _ = try required(intake.description, "description")
        let topicParts = intake.topic.split(separator: "/", omittingEmptySubsequences: false)
        guard !intake.topic.isEmpty, topicParts.count <= 3,
            topicParts.allSatisfy({ !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        else {
            throw .invalidField(
                name: "topic",
                message: CoreText.notATopicPath(Printable.quoted(intake.topic)).phrase)
        }
        try checkText(intake.topic, "topic")
        try checkText(intake.callerName, "caller name")
        if TextLength.exceeds(intake.callerName, 100) {
            throw .invalidField(name: "caller name", message: TextLength.message(intake.callerName, limit: 100))
        }
        if !intake.callerPhone.isEmpty, !PhoneNumber.isPlausible(intake.callerPhone) {
            throw .invalidField(
                name: "phone",
                message: CoreText.notAPhoneNumber.phrase)
        }
        for (name, value) in [("address", intake.address), ("street", intake.street)] {
            if let value { try checkText(value, name) }
        }
    }
}
