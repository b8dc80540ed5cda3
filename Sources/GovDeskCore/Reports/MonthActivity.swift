import Foundation

/// What the store extracts for one month's report: every ticket that matters for the month with its events
/// before the month's end, in the plain form the metrics need (DESIGN §6.1).
///
/// "Matters" means: created in the month, or touched by an event in the month, or possibly open at its end.
/// Because events are append-only, an activity extracted today for a past month equals one extracted then.
public struct MonthActivity: Sendable {
    /// One ticket's intake facts.
    public struct TicketInfo: Equatable, Sendable {
        public var id: Int64
        public var type: TicketType
        public var channel: Channel
        public var topic: String
        public var createdAt: Date
        /// 重复诉求: created in the month, and another ticket with the same caller phone and topic was created in
        /// the 30 days before it.
        public var isRepeat: Bool

        public init(id: Int64, type: TicketType, channel: Channel, topic: String, createdAt: Date, isRepeat: Bool) {
            self.id = id
            self.type = type
            self.channel = channel
            self.topic = topic
            self.createdAt = createdAt
            self.isRepeat = isRepeat
        }
    }

    /// One event with the details the metrics read.
    public struct Event: Equatable, Sendable {
        public var sequence: Int
        public var action: TicketAction
        public var to: TicketState
        public var at: Date
        /// Dispatch: the lead department.
        public var lead: String?
        /// Dispatch: the sign-for deadline.
        public var signDeadline: Date?
        /// Dispatch (imports), sign, approve-extension, reopen: the handling deadline it sets.
        public var deadline: Date?
        /// Approve, import-close: whether the answer was on time (absent when there was no deadline).
        public var onTime: Bool?
        /// Revisit: 1–5.
        public var satisfaction: Int?
        /// Revisit: the caller's answer.
        public var resolved: RevisitResolution?
        /// Letter: reminder (提醒函) or warning (预警函).
        public var letterKind: MonthlyReport.LetterKind?
        /// Letter: the department it is addressed to.
        public var letterDepartment: String?

        public init(
            sequence: Int, action: TicketAction, to: TicketState, at: Date, lead: String? = nil,
            signDeadline: Date? = nil, deadline: Date? = nil, onTime: Bool? = nil, satisfaction: Int? = nil,
            resolved: RevisitResolution? = nil, letterKind: MonthlyReport.LetterKind? = nil,
            letterDepartment: String? = nil
        ) {
            self.sequence = sequence
            self.action = action
            self.to = to
            self.at = at
            self.lead = lead
            self.signDeadline = signDeadline
            self.deadline = deadline
            self.onTime = onTime
            self.satisfaction = satisfaction
            self.resolved = resolved
            self.letterKind = letterKind
            self.letterDepartment = letterDepartment
        }
    }

    /// A ticket and its events before the month's end, oldest first.
    public struct TicketHistory: Equatable, Sendable {
        public var ticket: TicketInfo
        public var events: [Event]

        public init(ticket: TicketInfo, events: [Event]) {
            self.ticket = ticket
            self.events = events
        }
    }

    public var month: Month
    public var timeZone: TimeZone
    public var histories: [TicketHistory]

    public init(month: Month, timeZone: TimeZone, histories: [TicketHistory]) {
        self.month = month
        self.timeZone = timeZone
        self.histories = histories
    }

    public var start: Date { month.start(in: timeZone) }
    public var end: Date { month.end(in: timeZone) }
}

extension TicketAction {
    /// The actions that close a ticket: approval of a reply, an answer at intake, a closing in an import's source.
    public var isClosing: Bool {
        switch self {
        case .approve, .resolve, .importClose: return true
        default: return false
        }
    }
}
