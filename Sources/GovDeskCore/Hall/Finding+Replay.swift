import Foundation

extension Finding {
    /// Rebuilds a finding from its whole event history (DESIGN §5.4, §11.4). Its creation event records where it
    /// came from (source, reporter, time, window, item, department, staff, kind, description and the case of a 差评);
    /// only the number is given, since the event chain's first hash is bound to it rather than any event holding
    /// it. Rectification deadlines are the ones the events recorded — at assignment, at each reopening and by each
    /// recomputation — never counted again with today's calendar. Applying a prefix gives its past state.
    public static func replay(_ events: [FindingEvent], number: String) throws(ReplayError) -> Finding {
        guard let first = events.first, first.action == .create, first.sequence == 1 else {
            throw .inconsistent(
                number: number, sequence: events.first?.sequence ?? 0,
                message: CoreText.noFirstEvent(.finding).phrase)
        }
        var finding = try Finding(creationEvent: first, number: number)
        for event in events.dropFirst() {
            try finding.apply(event)
        }
        return finding
    }

    /// Builds the finding a creation event records.
    public init(creationEvent event: FindingEvent, number: String) throws(ReplayError) {
        let d = event.details
        guard event.from == nil, event.to == .open else {
            throw .inconsistent(
                number: number, sequence: event.sequence,
                message: CoreText.firstEventGoes(.finding, from: event.from?.rawValue, to: event.to.rawValue).phrase)
        }
        guard let source = d["source"].flatMap(FindingSource.init), let kind = d["kind"].flatMap(FindingKind.init),
            let department = d["department"], let description = d["description"]
        else {
            throw .inconsistent(
                number: number, sequence: event.sequence,
                message: CoreText.firstEventLacks(.finding).phrase)
        }
        self.init(
            number: number, source: source, reporter: d["reporter"], reportedAt: event.at, window: d["window"],
            item: d["item"], department: department, staff: d["staff"], kind: kind, description: description,
            caseNumber: d["case"])
        eventCount = 1
    }

    /// Applies one recorded event: the columns it changed, as the event records them.
    public mutating func apply(_ event: FindingEvent) throws(ReplayError) {
        try ReplayError.checkNext(
            sequence: event.sequence, from: event.from, on: .finding, number: number, count: eventCount, state: state)
        switch event.action {
        case .create:
            throw .inconsistent(
                number: number, sequence: event.sequence, message: CoreText.secondFirstEvent(.finding).phrase)
        case .assign:
            deadline = try recordedDeadline(of: event)
            assignedAt = event.at
        case .rectify:
            rectifiedAt = event.at
            rectifyNote = event.details["note"]
        case .verify:
            verifiedAt = event.at
        case .reopen:
            deadline = try recordedDeadline(of: event)
            assignedAt = event.at
            rectifiedAt = nil
            rectifyNote = nil
            verifiedAt = nil
            // Bounded by the number of events, so this cannot overflow.
            reopenCount += 1
        case .recompute:
            deadline = try recordedDeadline(of: event)
        case .letter:
            break
        }
        state = event.to
        eventCount = event.sequence
    }

    /// The rectification deadline an assignment, a reopening or a recomputation set.
    private func recordedDeadline(of event: FindingEvent) throws(ReplayError) -> Date {
        guard let deadline = event.deadline else {
            throw .inconsistent(
                number: number, sequence: event.sequence,
                message: CoreText.noDeadlineRecorded(action: event.action.rawValue).phrase)
        }
        return deadline
    }
}
