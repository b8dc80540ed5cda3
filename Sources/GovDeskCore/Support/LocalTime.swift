import Foundation

/// Parsing and printing of instants as people type and read them, in a configured time zone.
public struct LocalTime: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` or the same with a space instead of `T`, local time unless an
    /// offset (`Z`, `+08:00`, `+0800`) follows. Returns nil for anything else, including impossible dates.
    public func parse(_ text: String) -> Date? {
        let s = text.trimmingCharacters(in: .whitespaces)
        guard s.count >= 10, let date = LocalDate(s.prefix(10)) else { return nil }
        var rest = Substring(s.dropFirst(10))
        var hour = 0
        var minute = 0
        var second = 0
        var offset: Int?
        if !rest.isEmpty {
            guard rest.first == "T" || rest.first == " " else { return nil }
            rest = rest.dropFirst()
            guard rest.count >= 5, let h = Int(rest.prefix(2)), rest.dropFirst(2).first == ":",
                let m = Int(rest.dropFirst(3).prefix(2))
            else { return nil }
            hour = h
            minute = m
            rest = rest.dropFirst(5)
            if rest.first == ":" {
                guard let sec = Int(rest.dropFirst().prefix(2)), rest.count >= 3 else { return nil }
                second = sec
                rest = rest.dropFirst(3)
            }
            guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
            if !rest.isEmpty {
                guard let parsed = Self.parseOffset(rest) else { return nil }
                offset = parsed
            }
        }
        guard (1970...9999).contains(date.year) else { return nil }
        if let offset {
            let utcMidnight = TimeInterval(date.dayNumber) * 86400
            return Date(timeIntervalSince1970: utcMidnight + TimeInterval(hour * 3600 + minute * 60 + second - offset))
        }
        var components = DateComponents()
        components.year = date.year
        components.month = date.month
        components.day = date.day
        components.hour = hour
        components.minute = minute
        components.second = second
        return calendar.date(from: components)
    }

    /// Seconds east of UTC for `Z`, `+08:00`, `+0800` or `-05:00`.
    static func parseOffset(_ text: Substring) -> Int? {
        if text == "Z" { return 0 }
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let h = Int(digits.prefix(2)),
            let m = Int(digits.suffix(2)), h <= 14, m <= 59
        else { return nil }
        return (sign == "+" ? 1 : -1) * (h * 3600 + m * 60)
    }

    /// The local calendar date of an instant.
    public func localDate(of instant: Date) -> LocalDate {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)
    }

    /// `2025-10-21 16:05` in local time.
    public func format(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    /// A deadline: `2025-10-21 24:00` when it falls at local midnight, so that it reads as the end of its day.
    public func formatDeadline(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        if c.hour == 0, c.minute == 0, c.second == 0 {
            let previous = LocalDate(year: c.year!, month: c.month!, day: c.day!).adding(days: -1)
            return "\(previous) 24:00"
        }
        return format(date)
    }

    /// ISO 8601 with the local offset: `2025-10-21T16:05:00+08:00`, for JSON and exports.
    public func iso(_ date: Date) -> String {
        // Years 1583 to 9999 by integer arithmetic, as an export writes them (`ZoneClock`): every Open311 answer and
        // JSON list writes several times, and the calendar's components cost more than the rest of a request. Before
        // 1583 Foundation's Gregorian calendar is Julian, so those years (and any beyond 9999) go through it.
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= -12_212_467_200, seconds < 253_402_300_800 else { return calendarISO(date) }
        let offset = Int64(timeZone.secondsFromGMT(for: date))
        let wall = Int64(seconds) + offset
        let day = ZoneClock.floorDiv(wall, 86_400)
        return ZoneClock.isoText(
            date: LocalDate(dayNumber: Int(day)), seconds: Int(wall - day * 86_400), offset: offset)
    }

    /// `iso` through the calendar, for instants outside years 1583 to 9999.
    func calendarISO(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!,
            c.second!,
            sign, a / 3600, (a % 3600) / 60)
    }

    /// `3d 4h`, `5h 20m`, `12m`: a duration for people.
    public static func duration(_ seconds: TimeInterval) -> String {
        let (days, hours, minutes) = parts(seconds)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        return "\(minutes)m"
    }

    /// `3天4小时`, `5小时20分`, `12分`: `duration(_:)` in Chinese.
    public static func chineseDuration(_ seconds: TimeInterval) -> String {
        let (days, hours, minutes) = parts(seconds)
        if days > 0 { return "\(days)天\(hours)小时" }
        if hours > 0 { return "\(hours)小时\(minutes)分" }
        return "\(minutes)分"
    }

    /// A duration in the reader's language: `29天3小时` or `29d 3h`.
    public static func duration(_ seconds: TimeInterval, _ language: Language) -> String {
        language == .zh ? chineseDuration(seconds) : duration(seconds)
    }

    /// Whole days, hours and minutes of `abs(seconds)`; total for any value: whole seconds saturate instead of
    /// trapping.
    private static func parts(_ seconds: TimeInterval) -> (days: Int, hours: Int, minutes: Int) {
        let total = Int(StoredInstant.seconds(Date(timeIntervalSince1970: abs(seconds))) / 60)
        return (total / 1440, (total % 1440) / 60, total % 60)
    }

    /// Parses `48h`, `3d`, `90m` into seconds.
    public static func parseDuration(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let value = Int(text.dropLast()), value >= 0, value <= 100_000 else { return nil }
        switch unit {
        case "m": return TimeInterval(value * 60)
        case "h": return TimeInterval(value * 3600)
        case "d": return TimeInterval(value * 86400)
        default: return nil
        }
    }
}
