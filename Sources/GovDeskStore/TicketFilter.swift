import Foundation
import GovDeskCore

/// What `ticket list` asks for; every field narrows the list.
public struct TicketFilter: Equatable, Sendable {
    public var states: [TicketState] = []
    public var department: String?
    public var type: TicketType?
    /// Only open tickets whose deadline has passed at this instant.
    public var overdueAt: Date?
    /// Only open, not yet overdue tickets whose deadline falls in this interval.
    public var dueBetween: ClosedRange<Date>?
    public var createdFrom: Date?
    /// Exclusive upper bound.
    public var createdBefore: Date?
    public var limit: Int = 200

    public init() {}
}
