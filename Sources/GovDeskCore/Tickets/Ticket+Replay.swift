import Foundation

/// Errors found while rebuilding a ticket, a window case or a finding from its events.
public enum ReplayError: GovDeskError, Equatable {
    /// The events do not start with a creation, are out of order, or name a state other than the one reached.
    case inconsistent(number: String, sequence: Int, message: Phrase)

    public var kind: FailureKind { .badData }

    /// Checks that an event numbered `sequence`, leaving `from`, comes next on `record` `number`, which has `count`
    /// events and is in `state`: the prologue every replay (ticket, case, finding) applies before an event's effect.
    static func checkNext<State: RawRepresentable & Equatable>(
        sequence: Int, from: State?, on record: ReplayedRecord, number: String, count: Int, state: State
    ) throws(ReplayError) where State.RawValue == String {
        // Compared without `count + 1`, which would trap on a count changed outside GovDesk.
        guard count >= 0, sequence > count, sequence - count == 1 else {
            throw .inconsistent(
                number: number, sequence: sequence,
                message: count >= 0 && count < Int.max
                    ? CoreText.expectedEvent(count + 1).phrase : CoreText.eventCount(record, count).phrase)
        }
        guard from == state else {
            throw .inconsistent(
                number: number, sequence: sequence,
                message: CoreText.startsFrom(record, from: from?.rawValue, state: state.rawValue).phrase)
        }
    }

    /// What a record number names: GovDesk numbers window cases `BJ…` and findings `ZG…` (办件, 整改), tickets by
    /// their day alone.
    static func record(numbered number: String) -> String {
        if number.hasPrefix("BJ") { return "case" }
        if number.hasPrefix("ZG") { return "finding" }
        return "ticket"
    }
}

extension Ticket {
    /// Rebuilds a ticket from its whole event history (DESIGN §2.4). Applying a prefix gives its past state.
    public static func replay(_ events: [TicketEvent]) throws(ReplayError) -> Ticket {
        guard let first = events.first, first.action == .create, first.sequence == 1 else {
            throw .inconsistent(
                number: events.first?.details[DetailKey.number] ?? "?", sequence: events.first?.sequence ?? 0,
                message: CoreText.noFirstEvent(.ticket).phrase)
        }
        var ticket = try Ticket(creationEvent: first)
        for event in events.dropFirst() {
            try ticket.apply(event)
        }
        return ticket
    }

    /// Builds the ticket a creation event records.
    public init(creationEvent event: TicketEvent) throws(ReplayError) {
        let d = event.details
        guard let number = d[DetailKey.number], let channel = d[DetailKey.channel].flatMap(Channel.init),
            let type = d[DetailKey.type].flatMap(TicketType.init), let topic = d[DetailKey.topic],
            let urgency = d[DetailKey.urgency].flatMap(Urgency.init), let description = d[DetailKey.description]
        else {
            throw .inconsistent(
                number: d[DetailKey.number] ?? "?", sequence: event.sequence,
                message: CoreText.firstEventLacks(.ticket).phrase)
        }
        let intake = Intake(
            channel: channel, type: type, topic: topic, urgency: urgency, callerName: d[DetailKey.callerName] ?? "",
            callerPhone: d[DetailKey.callerPhone] ?? "", address: d[DetailKey.address], street: d[DetailKey.street],
            description: description, sourceSystem: d[DetailKey.sourceSystem], sourceId: d[DetailKey.sourceId])
        self.init(number: number, intake: intake, createdAt: event.at)
        eventCount = 1
    }

    /// The details a creation event records for this ticket.
    public var creationDetails: [String: String] {
        var d: [String: String] = [
            DetailKey.number: number, DetailKey.channel: channel.rawValue, DetailKey.type: type.rawValue,
            DetailKey.topic: topic, DetailKey.urgency: urgency.rawValue, DetailKey.callerName: callerName,
            DetailKey.callerPhone: callerPhone, DetailKey.description: description,
        ]
        d[DetailKey.address] = address
        d[DetailKey.street] = street
        d[DetailKey.sourceSystem] = sourceSystem
        d[DetailKey.sourceId] = sourceId
        return d
    }

    /// Applies one recorded event: the single place where a ticket's columns change. What it does to the clocks and
    /// the figures' fields is `TicketCourse.step`, which the report's fold takes too.
    public mutating func apply(_ event: TicketEvent) throws(ReplayError) {
        try ReplayError.checkNext(
            sequence: event.sequence, from: event.from, on: .ticket, number: number, count: eventCount, state: state)
        let d = event.details
        // The clocks and the figures' fields: the course's one decision (`TicketCourse`), shared with the report.
        var course = self.course
        course.step(
            event.action, to: event.to, at: event.at, lead: { d[DetailKey.lead] },
            deadline: { EpochText.decode(d[DetailKey.deadline]) }, onTime: { d[DetailKey.onTime].flatMap { Bool($0) } })
        self.course = course
        // The rest of the columns.
        switch event.action {
        case .create:
            throw .inconsistent(
                number: number, sequence: event.sequence, message: CoreText.secondFirstEvent(.ticket).phrase)
        case .resolve:
            answerText = d[DetailKey.text]
            answeredAt = event.at
            revisitedAt = nil
        case .dispatch:
            coDepartments = (d[DetailKey.co] ?? "").split(separator: ",").map(String.init)
            dispatchedAt = event.at
            signDeadline = EpochText.decode(d[DetailKey.signDeadline])
            signedAt = nil
        case .sign:
            signedAt = event.at
        case .returnTicket:
            coDepartments = []
            dispatchedAt = nil
            signDeadline = nil
            signedAt = nil
            pendingExtension = nil
        case .extend:
            pendingExtension = ExtensionRequest(
                days: Int(d[DetailKey.days] ?? "") ?? 0, reason: d[DetailKey.reason] ?? "", requestedAt: event.at)
        case .approveExtension:
            pendingExtension = nil
        case .denyExtension:
            pendingExtension = nil
        case .reply:
            replyText = d[DetailKey.text]
            replyOutcome = d[DetailKey.outcome].flatMap(ReplyOutcome.init)
            pendingExtension = nil
        case .approve:
            answerText = replyText
            answeredAt = repliedAt
            revisitedAt = nil
        case .reject:
            replyText = nil
            replyOutcome = nil
        case .revisit:
            revisitedAt = event.at
        case .reopen:
            replyText = nil
            replyOutcome = nil
            revisitedAt = nil
            answerText = nil
            answeredAt = nil
        case .merge:
            mergedInto = d[DetailKey.into]
            pendingExtension = nil
        case .urge, .letter, .recompute:
            break
        case .importClose:
            answeredAt = event.at
            answerText = d[DetailKey.text]
        }
        eventCount = event.sequence
    }
}
