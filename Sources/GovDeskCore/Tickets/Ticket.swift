import Foundation

/// A 12345 work order (工单) as it stands now: the current columns that its events have produced.
public struct Ticket: Equatable, Sendable {
    /// A pending extension request (延期申请), at most one at a time.
    public struct ExtensionRequest: Equatable, Sendable {
        public var days: Int
        public var reason: String
        public var requestedAt: Date

        public init(days: Int, reason: String, requestedAt: Date) {
            self.days = days
            self.reason = reason
            self.requestedAt = requestedAt
        }
    }

    public var number: String
    public var channel: Channel
    public var type: TicketType
    public var topic: String
    public var urgency: Urgency
    public var callerName: String
    public var callerPhone: String
    public var address: String?
    public var street: String?
    public var description: String
    public var sourceSystem: String?
    public var sourceId: String?

    public var state: TicketState
    public var leadDepartment: String?
    public var coDepartments: [String] = []
    public var createdAt: Date
    public var dispatchedAt: Date?
    /// 签收时限: natural hours from dispatch.
    public var signDeadline: Date?
    public var signedAt: Date?
    /// The handling deadline in force (办理时限), moved by approved extensions and reopens.
    public var deadline: Date?
    public var pendingExtension: ExtensionRequest?
    public var repliedAt: Date?
    public var replyText: String?
    public var replyOutcome: ReplyOutcome?
    /// When the ticket last closed.
    public var closedAt: Date?
    /// The answer that counts: the approved reply or the answer given at intake.
    public var answerText: String?
    /// When that answer was given; compared with the deadline for on-time.
    public var answeredAt: Date?
    /// Whether the last closing answered on time; nil when the ticket had no deadline.
    public var onTime: Bool?
    /// When the caller was revisited for the current closure; a reopen clears it.
    public var revisitedAt: Date?
    public var mergedInto: String?
    /// The number of events so far; the next event gets `eventCount + 1`.
    public var eventCount: Int = 0

    /// The intake record of a new ticket, before it has a number.
    public struct Intake: Equatable, Sendable {
        public var channel: Channel
        public var type: TicketType
        public var topic: String
        public var urgency: Urgency
        public var callerName: String
        public var callerPhone: String
        public var address: String?
        public var street: String?
        public var description: String
        public var sourceSystem: String?
        public var sourceId: String?

        public init(
            channel: Channel, type: TicketType, topic: String, urgency: Urgency = .normal, callerName: String,
            callerPhone: String, address: String? = nil, street: String? = nil, description: String,
            sourceSystem: String? = nil, sourceId: String? = nil
        ) {
            self.channel = channel
            self.type = type
            self.topic = topic
            self.urgency = urgency
            self.callerName = callerName
            self.callerPhone = callerPhone
            self.address = address
            self.street = street
            self.description = description
            self.sourceSystem = sourceSystem
            self.sourceId = sourceId
        }
    }

    public init(number: String, intake: Intake, createdAt: Date) {
        self.number = number
        self.channel = intake.channel
        self.type = intake.type
        self.topic = intake.topic
        self.urgency = intake.urgency
        self.callerName = intake.callerName
        self.callerPhone = intake.callerPhone
        self.address = intake.address
        self.street = intake.street
        self.description = intake.description
        self.sourceSystem = intake.sourceSystem
        self.sourceId = intake.sourceId
        self.state = .received
        self.createdAt = createdAt
    }

    public var intake: Intake {
        Intake(
            channel: channel, type: type, topic: topic, urgency: urgency, callerName: callerName,
            callerPhone: callerPhone, address: address, street: street, description: description,
            sourceSystem: sourceSystem, sourceId: sourceId)
    }

    /// Whether the ticket is open and its deadline in force has passed at `instant` (`TicketCourse.isOverdue`).
    public func isOverdue(at instant: Date) -> Bool { course.isOverdue(at: instant) }

    /// The part of the ticket its clocks and the month's figures read, stepped by each event (`TicketCourse`).
    public var course: TicketCourse {
        get {
            TicketCourse(
                state: state, lead: leadDepartment, deadline: deadline, repliedAt: repliedAt, closedAt: closedAt,
                onTime: onTime)
        }
        set {
            state = newValue.state
            leadDepartment = newValue.lead
            deadline = newValue.deadline
            repliedAt = newValue.repliedAt
            closedAt = newValue.closedAt
            onTime = newValue.onTime
        }
    }
}
