import Foundation

/// The part of a ticket that its clocks and the month's figures read (DESIGN §3, §6.1): its state, the lead
/// department, the deadline in force, a reply awaiting review and the current closing. `step` is the one place that
/// decides what each action does to them: `Ticket.apply` (a ticket rebuilt from its trail) and the report's fold
/// (`MonthFacts.add`, which reads events as bytes for speed) both step a course, so they cannot drift apart.
public struct TicketCourse: Equatable, Sendable {
    public var state: TicketState
    /// Set by a dispatch, cleared by a return.
    public var lead: String?
    /// The handling deadline in force: set by a dispatch (imports only), a signature, an approved extension, a
    /// recomputation and a reopening; cleared by a return.
    public var deadline: Date?
    /// The reply awaiting review, or the one approved; cleared by a rejection and a reopening.
    public var repliedAt: Date?
    /// The closing in force (resolve, approve, import-close); cleared by a reopening.
    public var closedAt: Date?
    /// Whether that closing answered on time: always for an answer at intake, as recorded otherwise (nil without a
    /// deadline).
    public var onTime: Bool?

    public init(
        state: TicketState = .received, lead: String? = nil, deadline: Date? = nil, repliedAt: Date? = nil,
        closedAt: Date? = nil, onTime: Bool? = nil
    ) {
        self.state = state
        self.lead = lead
        self.deadline = deadline
        self.repliedAt = repliedAt
        self.closedAt = closedAt
        self.onTime = onTime
    }

    /// Applies one event: `action` at `at`, leading to `to`. The values an event records are asked for only by the
    /// actions that set them: `lead` (dispatch), `deadline` (dispatch, sign, approve-extension, recompute, reopen) and
    /// `onTime` (approve, import-close).
    @inline(__always)
    public mutating func step(
        _ action: TicketAction, to: TicketState, at: Date, lead: () -> String?, deadline: () -> Date?,
        onTime: () -> Bool?
    ) {
        switch action {
        case .create, .urge, .extend, .denyExtension, .revisit, .merge, .letter:
            break
        case .dispatch:
            self.lead = lead()
            self.deadline = deadline()
        case .sign, .approveExtension, .recompute:
            self.deadline = deadline()
        case .returnTicket:
            self.lead = nil
            self.deadline = nil
        case .reopen:
            self.deadline = deadline()
            repliedAt = nil
            closedAt = nil
            self.onTime = nil
        case .reply:
            repliedAt = at
        case .reject:
            repliedAt = nil
        case .resolve:
            closedAt = at
            self.onTime = true
        case .approve, .importClose:
            closedAt = at
            self.onTime = onTime()
        }
        state = to
    }

    /// Open and past the deadline in force at `instant`, unless the reply awaiting review came by that deadline (the
    /// delay is then the centre's, not the department's).
    public func isOverdue(at instant: Date) -> Bool {
        guard state.isOpen, let deadline, deadline < instant else { return false }
        if state == .replied, let repliedAt { return repliedAt > deadline }
        return true
    }
}
