/// The counters a record keeps (its events, a case's visits, a finding's reopenings), checked where they are read
/// from storage and where they grow, so that a row changed outside GovDesk is refused instead of trapping.
public enum StoredCount {
    /// The most events one ticket, case or finding may have; GovDesk never comes near it, so a count above it was
    /// written by something else.
    public static let maximumEvents = 1_000_000

    /// What a stored event count may be.
    public static let eventCounts = 1...maximumEvents

    /// The sequence number of the event after `count` events of `record` (`ticket 20250929-000001`).
    public static func nextEvent(after count: Int, of record: String) throws(StoredValueError) -> Int {
        guard eventCounts.contains(count) else {
            throw .outOfRange(record: record, field: "event count", stored: String(count), allowed: eventCounts)
        }
        guard count < maximumEvents else { throw .tooManyEvents(record: record, maximum: maximumEvents) }
        return count + 1
    }

    /// A counter that only grows by one per event (visits, materials requests, breaches, reopenings) after one more
    /// event: it never passes the event count.
    public static func incremented(_ value: Int, _ field: String, of record: String) throws(StoredValueError) -> Int {
        guard (0..<maximumEvents).contains(value) else {
            throw .outOfRange(record: record, field: field, stored: String(value), allowed: 0...maximumEvents)
        }
        return value + 1
    }
}

/// A stored record GovDesk cannot act on: its row holds what GovDesk never writes.
public enum StoredValueError: GovDeskError, Equatable {
    /// A stored counter outside what GovDesk writes: the row was changed outside GovDesk.
    case outOfRange(record: String, field: String, stored: String, allowed: ClosedRange<Int>)
    /// The record has as many events as one may have.
    case tooManyEvents(record: String, maximum: Int)

    public var kind: FailureKind {
        switch self {
        case .outOfRange: return .storage
        case .tooManyEvents: return .refused
        }
    }

}
