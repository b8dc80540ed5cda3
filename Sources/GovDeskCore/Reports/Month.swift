import Foundation

/// A calendar month (`2025-03`) in the configured time zone: the period [start, end) every monthly figure uses.
public struct Month: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1 … 12.
    public let month: Int

    /// A month of the years 1970–9999; nil otherwise.
    public init?(year: Int, month: Int) {
        guard (1970...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM`; returns nil for anything else.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
            let year = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The month an instant falls in, in `timeZone`.
    public init(containing instant: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month], from: instant)
        year = c.year ?? 1970
        month = c.month ?? 1
    }

    public var description: String { String(format: "%04d-%02d", year, month) }

    public static func < (lhs: Month, rhs: Month) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    /// The month `count` months later (earlier when negative).
    public func adding(months count: Int) -> Month {
        let index = year * 12 + (month - 1) + count
        return Month(unchecked: index / 12, index % 12 + 1)
    }

    public var previous: Month { adding(months: -1) }
    public var next: Month { adding(months: 1) }
    /// 同比: the same month a year earlier.
    public var sameMonthLastYear: Month { adding(months: -12) }

    /// 00:00 local time of the first day, in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = 1
        // Midnight exists in every zone GovDesk is configured for; the fallback is UTC midnight of the same day.
        return calendar.date(from: components)
            ?? Date(timeIntervalSince1970: TimeInterval(LocalDate(year: year, month: month, day: 1).dayNumber) * 86400)
    }

    /// 00:00 local time of the first day of the next month: the exclusive end of the month.
    public func end(in timeZone: TimeZone) -> Date { next.start(in: timeZone) }

    /// The local month containing `date`.
    public init(_ date: LocalDate) { self.init(unchecked: date.year, date.month) }

    /// The first local day.
    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1) }

    /// The last local day.
    public var lastDay: LocalDate {
        LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))
    }

    /// Every local day of the month, in order.
    public var days: [LocalDate] {
        (1...LocalDate.daysIn(month: month, year: year)).map { LocalDate(year: year, month: month, day: $0) }
    }

    /// [start, end) of the month in the calendar's local time.
    public func interval(in calendar: WorkingCalendar) -> Range<Date> {
        calendar.startOfDay(firstDay)..<calendar.startOfDay(next.firstDay)
    }

    /// `2025年3月` or `March 2025`.
    public func label(_ language: Language) -> String {
        switch language {
        case .zh: return "\(year)年\(month)月"
        case .en: return "\(Self.englishNames[month - 1]) \(year)"
        }
    }

    /// `3月` or `Mar`, for chart axes.
    public func shortLabel(_ language: Language) -> String {
        switch language {
        case .zh: return "\(month)月"
        case .en: return String(Self.englishNames[month - 1].prefix(3))
        }
    }

    static let englishNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    private init(unchecked year: Int, _ month: Int) {
        self.year = year
        self.month = month
    }
}
