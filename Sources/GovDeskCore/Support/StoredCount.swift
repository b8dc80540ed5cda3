import Foundation

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

/// Instants as GovDesk stores them: whole seconds since 1970 (UTC). GovDesk writes times of the years 1 to 9999 (a
/// clock, `--now` or an imported time) and deadlines counted from them, which may run into the year 10000; a stored
/// value outside that span was written by something else, and converting it (to a `Date`, a local date, a duration)
/// would trap or print nonsense, so it is refused where it is read. Every conversion here is total.
public enum StoredInstant {
    /// 0001-01-01T00:00:00Z through 10000-12-31T23:59:59Z.
    public static let range: ClosedRange<Int64> = -62_135_596_800...253_433_923_199

    /// What `range` allows, for messages.
    public static let rule = "a time of the years 1 to 10000"

    /// The instant of stored seconds; nil outside `range`.
    public static func date(_ seconds: Int64) -> Date? {
        range.contains(seconds) ? Date(timeIntervalSince1970: TimeInterval(seconds)) : nil
    }

    /// Whole seconds since 1970 of `date`, rounded down; dates beyond what an `Int64` holds (and NaN) saturate
    /// instead of trapping.
    public static func seconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970.rounded(.down)
        guard value.isFinite else { return value.isNaN ? 0 : value < 0 ? .min : .max }
        // 2^63 is the first Double past Int64.max; -2^63 is Int64.min itself.
        if value >= 9_223_372_036_854_775_808.0 { return .max }
        if value <= -9_223_372_036_854_775_808.0 { return .min }
        return Int64(value)
    }

    /// `seconds` clamped into `range`: for arithmetic that must not overflow on a value already known to be damaged.
    public static func clamped(_ seconds: Int64) -> Int64 {
        min(max(seconds, range.lowerBound), range.upperBound)
    }
}

/// A stored record GovDesk cannot act on: its row holds what GovDesk never writes.
public enum StoredValueError: GovDeskError, Equatable {
    /// A stored counter outside what GovDesk writes: the row was changed outside GovDesk.
    case outOfRange(record: String, field: String, stored: String, allowed: ClosedRange<Int>)
    /// A stored instant outside `StoredInstant.range`, or not a whole number: the row was changed outside GovDesk.
    case instantOutOfRange(record: String, field: String, stored: String)
    /// The record has as many events as one may have.
    case tooManyEvents(record: String, maximum: Int)

    public var kind: FailureKind {
        switch self {
        case .outOfRange, .instantOutOfRange: return .storage
        case .tooManyEvents: return .refused
        }
    }

}
