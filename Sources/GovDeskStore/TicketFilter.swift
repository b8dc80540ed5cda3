import Foundation
import GovDeskCore

/// What `ticket list` asks for; every field narrows the list.
public struct TicketFilter: Equatable, Sendable {
    public var states: [TicketState] = []
    public var department: String?
    /// Only tickets this department leads (not those where it is a co-department).
    public var lead: String?
    public var type: TicketType?
    /// Only tickets of this topic or of a topic under it (`城市管理` takes `城市管理/市容环境/占道经营`).
    public var topic: String?
    /// Only open tickets whose deadline has passed at this instant.
    public var overdueAt: Date?
    /// Only tickets waiting to be signed whose sign-for deadline has passed at this instant (签收超时).
    public var signOverdueAt: Date?
    /// Only tickets with an extension request waiting for a supervisor.
    public var extensionPending = false
    /// Only open, not yet overdue tickets whose deadline falls in this interval.
    public var dueBetween: ClosedRange<Date>?
    public var createdFrom: Date?
    /// Exclusive upper bound.
    public var createdBefore: Date?
    public var limit: Int = 200
    /// Newest first (lists of recent work), or oldest first (queues, where the longest waiting come first).
    public var oldestFirst = false

    public init() {}
}
