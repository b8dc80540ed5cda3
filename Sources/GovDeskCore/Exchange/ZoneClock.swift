import Foundation

/// Fast conversion between instants and local wall time in one time zone, for bulk import and export.
///
/// `Calendar` and `DateFormatter` cost microseconds per call; a million rows need something cheaper. The offset from
/// UTC is looked up once per UTC day (with the day's daylight-saving transition, if any) and cached, so the
/// conversions are DST-aware and cost a dictionary lookup and some integer arithmetic.
public final class ZoneClock {
    public let timeZone: TimeZone
    private struct Day {
        var offset: Int64
        var transition: Int64?
        var offsetAfter: Int64
    }
    private var days: [Int64: Day] = [:]

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// Seconds east of UTC in force at `epoch`.
    public func offset(at epoch: Int64) -> Int64 {
        let key = Self.floorDiv(epoch, 86400)
        let day: Day
        if let cached = days[key] {
            day = cached
        } else {
            let start = key * 86400
            let startDate = Date(timeIntervalSince1970: TimeInterval(start))
            let offset = Int64(timeZone.secondsFromGMT(for: startDate))
            var entry = Day(offset: offset, transition: nil, offsetAfter: offset)
            if let next = timeZone.nextDaylightSavingTimeTransition(after: startDate) {
                let t = Int64(next.timeIntervalSince1970.rounded(.down))
                if t < start + 86400 {
                    entry.transition = t
                    entry.offsetAfter = Int64(timeZone.secondsFromGMT(for: next))
                }
            }
            if days.count > 100_000 { days.removeAll(keepingCapacity: true) }
            days[key] = entry
            day = entry
        }
        if let t = day.transition, epoch >= t { return day.offsetAfter }
        return day.offset
    }

    /// The instant of a local wall time given as seconds since 1970-01-01 00:00 of the wall clock.
    ///
    /// In the hour skipped when clocks go forward the wall time is read with the offset before the change; in the
    /// hour repeated when clocks go back, the earlier of the two instants is taken.
    public func instant(wallSeconds wall: Int64) -> Int64 {
        // The offset can only be one of those in force within a day of the wall time read as UTC.
        let before = offset(at: wall - 86400)
        let after = offset(at: wall + 86400)
        let candidates = before == after ? [before] : [before, after]
        for o in candidates where offset(at: wall - o) == o {
            return wall - o
        }
        return wall - before
    }

    /// The local date and seconds since local midnight of an instant.
    public func local(_ epoch: Int64) -> (date: LocalDate, seconds: Int, offset: Int64) {
        // Total for any stored value: one outside the times GovDesk stores (refused where rows are read) is read as
        // the nearest one rather than overflowing below.
        let epoch = StoredInstant.clamped(epoch)
        let o = offset(at: epoch)
        let wall = epoch + o
        let day = Self.floorDiv(wall, 86400)
        return (LocalDate(dayNumber: Int(day)), Int(wall - day * 86400), o)
    }

    /// ISO 8601 with the local offset, `2025-10-21T16:05:00+08:00`: the same text as `LocalTime.iso`.
    public func iso(_ epoch: Int64) -> String {
        let (date, seconds, offset) = local(epoch)
        return Self.isoText(date: date, seconds: seconds, offset: offset)
    }

    /// ISO 8601 of a local date, seconds since its midnight and the offset in force.
    static func isoText(date: LocalDate, seconds: Int, offset: Int64) -> String {
        let a = Int(abs(offset))
        if (0...9999).contains(date.year), a < 100 * 3600 {
            // The common case written as 25 ASCII bytes in place: an export calls this for every time cell, and
            // building it from `String(value)` pieces cost more than the rest of the row.
            return String(unsafeUninitializedCapacity: 25) { b in
                func put(_ value: Int, _ width: Int, at start: Int) {
                    var v = value
                    for i in stride(from: start + width - 1, through: start, by: -1) {
                        b[i] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                        v /= 10
                    }
                }
                put(date.year, 4, at: 0)
                b[4] = 0x2D
                put(date.month, 2, at: 5)
                b[7] = 0x2D
                put(date.day, 2, at: 8)
                b[10] = 0x54
                put(seconds / 3600, 2, at: 11)
                b[13] = 0x3A
                put(seconds % 3600 / 60, 2, at: 14)
                b[16] = 0x3A
                put(seconds % 60, 2, at: 17)
                b[19] = offset < 0 ? 0x2D : 0x2B
                put(a / 3600, 2, at: 20)
                b[22] = 0x3A
                put(a % 3600 / 60, 2, at: 23)
                return 25
            }
        }
        var s = ""
        s.reserveCapacity(25)
        Self.append(date.year, width: 4, to: &s)
        s += "-"
        Self.append(date.month, width: 2, to: &s)
        s += "-"
        Self.append(date.day, width: 2, to: &s)
        s += "T"
        Self.append(seconds / 3600, width: 2, to: &s)
        s += ":"
        Self.append(seconds % 3600 / 60, width: 2, to: &s)
        s += ":"
        Self.append(seconds % 60, width: 2, to: &s)
        s += offset < 0 ? "-" : "+"
        Self.append(a / 3600, width: 2, to: &s)
        s += ":"
        Self.append(a % 3600 / 60, width: 2, to: &s)
        return s
    }

    public func iso(_ date: Date) -> String {
        iso(Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    private static func append(_ value: Int, width: Int, to s: inout String) {
        let digits = String(value)
        if digits.count < width { s += String(repeating: "0", count: width - digits.count) }
        s += digits
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
