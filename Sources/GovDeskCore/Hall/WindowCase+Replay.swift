import Foundation

extension WindowCase {
    /// The columns of a case that its events do not record, so a replay takes them from elsewhere (the row): the
    /// number, which the event chain's first hash is bound to rather than any event holding it, and the applicant,
    /// whose personal data stays out of the append-only trail (DESIGN §7). Every other column is replayed.
    public struct Identity: Equatable, Sendable {
        public var number: String
        public var applicantName: String
        public var applicantPhone: String

        public init(number: String, applicantName: String, applicantPhone: String) {
            self.number = number
            self.applicantName = applicantName
            self.applicantPhone = applicantPhone
        }
    }

    /// The columns a replay does not derive from the events.
    public var identity: Identity {
        Identity(number: number, applicantName: applicantName, applicantPhone: applicantPhone)
    }

    /// Rebuilds a case from its whole event history (DESIGN §5.2, §11.4). The due time is the one the events
    /// recorded — at receiving, then by each recomputation — never counted again with today's calendar. Applying a
    /// prefix gives its past state.
    public static func replay(_ events: [CaseEvent], identity: Identity) throws(ReplayError) -> WindowCase {
        guard let first = events.first, first.action == .receive, first.sequence == 1 else {
            throw .inconsistent(
                number: identity.number, sequence: events.first?.sequence ?? 0,
                message: CoreText.noFirstEvent(.windowCase).phrase)
        }
        var c = try WindowCase(receivingEvent: first, identity: identity)
        for event in events.dropFirst() {
            try c.apply(event)
        }
        return c
    }

    /// Builds the case a receiving event records: its actor is the first-responsible staff, its time the receiving
    /// time, and its details name the item, the window and the due time counted then.
    public init(receivingEvent event: CaseEvent, identity: Identity) throws(ReplayError) {
        let d = event.details
        guard event.from == nil, event.to == .open else {
            throw .inconsistent(
                number: identity.number, sequence: event.sequence,
                message: CoreText.firstEventGoes(.windowCase, from: event.from?.rawValue, to: event.to.rawValue).phrase)
        }
        guard let item = d["item"], let window = d["window"], let due = EpochText.decode(d["due"]) else {
            throw .inconsistent(
                number: identity.number, sequence: event.sequence,
                message: CoreText.firstEventLacks(.windowCase).phrase)
        }
        self.init(
            number: identity.number, item: item, window: window, firstResponsible: event.actor,
            applicantName: identity.applicantName, applicantPhone: identity.applicantPhone, receivedAt: event.at,
            due: due)
        visits = event.visits
        eventCount = 1
    }

    /// Applies one recorded event: the columns it changed, as the event records them.
    public mutating func apply(_ event: CaseEvent) throws(ReplayError) {
        try ReplayError.checkNext(
            sequence: event.sequence, from: event.from, on: .windowCase, number: number, count: eventCount, state: state
        )
        // Only a materials request brings the applicant again; every other event repeats the count it found.
        if event.action != .requestMaterials, event.visits != visits {
            throw .inconsistent(
                number: number, sequence: event.sequence,
                message: CoreText.visits(recorded: event.visits, counted: visits).phrase)
        }
        let d = event.details
        switch event.action {
        case .receive:
            throw .inconsistent(
                number: number, sequence: event.sequence, message: CoreText.secondFirstEvent(.windowCase).phrase)
        case .requestMaterials:
            // Bounded by the number of events, so these cannot overflow.
            materialRequests += 1
            if event.breach { breaches += 1 }
            visits = event.visits
        case .complete:
            finishedAt = event.at
        case .refuse:
            finishedAt = event.at
            refusalReason = d["reason"]
        case .rate:
            rating = d["score"].flatMap { Int($0) }
        case .recompute:
            guard let recomputed = EpochText.decode(d["due"]) else {
                throw .inconsistent(
                    number: number, sequence: event.sequence, message: CoreText.recomputationWithoutDue.phrase)
            }
            due = recomputed
        case .letter:
            break
        }
        state = event.to
        eventCount = event.sequence
    }
}
