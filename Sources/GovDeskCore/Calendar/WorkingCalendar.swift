import Foundation

/// Errors of the working-day calendar.
public enum CalendarError: GovDeskError, Equatable {
    /// A computation needs a year for which no holiday notice is loaded.
    case noData(year: Int, loaded: [Int])
    /// The calendar data itself is inconsistent.
    case invalidData(year: Int, message: Phrase)
    /// A working-day count outside what is allowed.
    case invalidCount(Int)
    /// The year is loaded already; an amended notice replaces it only when asked (`--replace`).
    case yearExists(year: Int, notice: String)

    public var kind: FailureKind {
        switch self {
        case .noData: return .refused
        case .invalidData: return .badData
        case .invalidCount: return .usage
        case .yearExists: return .refused
        }
    }

}

/// The Chinese working-day calendar: Monday–Friday unless a statutory holiday, plus make-up working days (调休上班).
///
/// `isWorkingDay(_:)` answers only for years with loaded notice data. Deadlines (`workingDay(_:after:)`) are never
/// refused: across a year without data they count Monday–Friday and are provisional (暂定, DESIGN §3), which
/// `isProvisional(_:)` tells and every page that shows such a deadline marks.
public struct WorkingCalendar: Sendable {
    public let timeZone: TimeZone
    public private(set) var years: [Int: CalendarYear] = [:]
    private var holidays: [LocalDate: String] = [:]
    private var makeUpWorkdays: [LocalDate: String] = [:]
    private let gregorian: Calendar
    /// The zone's offset from UTC when it has kept one offset since 2000 (Asia/Shanghai does): local days are then
    /// plain arithmetic on epoch seconds, which bulk paths need (Foundation calendars are slow in loops).
    private let fixedOffset: Int?
    private static let fixedSince = 946_684_800  // 2000-01-01T00:00Z
    private static let fixedUntil = 2_240_524_800  // 2041-01-01T00:00Z

    public init(years: [CalendarYear], timeZone: TimeZone) throws(CalendarError) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.gregorian = calendar
        // One offset in January and July of every year 2000–2040, and no daylight saving time: the zone is fixed.
        let offsets = Set(
            (0...81).map {
                timeZone.secondsFromGMT(
                    for: Date(timeIntervalSince1970: TimeInterval(Self.fixedSince + $0 * 15_778_800)))
            })
        let since = Date(timeIntervalSince1970: TimeInterval(Self.fixedSince))
        fixedOffset =
            offsets.count == 1 && timeZone.nextDaylightSavingTimeTransition(after: since) == nil ? offsets.first : nil
        for year in years {
            try add(year)
        }
    }

    private mutating func add(_ data: CalendarYear) throws(CalendarError) {
        try data.validate()
        if let old = years[data.year] {
            for day in old.holidays { holidays[day.date] = nil }
            for day in old.makeUpWorkdays { makeUpWorkdays[day.date] = nil }
        }
        years[data.year] = data
        for day in data.holidays { holidays[day.date] = day.name }
        for day in data.makeUpWorkdays { makeUpWorkdays[day.date] = day.name }
    }

    public var loadedYears: [Int] { years.keys.sorted() }

    /// Whether `date` is a working day; throws when its year has no data.
    public func isWorkingDay(_ date: LocalDate) throws(CalendarError) -> Bool {
        guard years[date.year] != nil else { throw .noData(year: date.year, loaded: loadedYears) }
        if makeUpWorkdays[date] != nil { return true }
        if holidays[date] != nil { return false }
        return !date.isWeekend
    }

    /// The holiday or make-up name of a day, if it has one.
    public func specialName(of date: LocalDate) -> String? {
        holidays[date] ?? makeUpWorkdays[date]
    }

    /// This calendar with `data` added, or put in place of the year it names (an amended notice).
    public func adding(_ data: CalendarYear) throws(CalendarError) -> WorkingCalendar {
        var copy = self
        try copy.add(data)
        return copy
    }

    /// Whether the State Council's notice for `year` is loaded.
    public func hasData(for year: Int) -> Bool { years[year] != nil }

    /// Whether a working-day count that ends on `day` is provisional: its year has no notice loaded.
    public func isProvisional(_ day: LocalDate) -> Bool { !hasData(for: day.year) }

    /// The year without data that a person should be warned about at `instant`: from 1 December of a year whose
    /// successor is missing (DESIGN §3), that successor; otherwise nil.
    public func missingNextYear(at instant: Date) -> Int? {
        let today = localDate(of: instant)
        guard today.month == 12, hasData(for: today.year), !hasData(for: today.year + 1) else { return nil }
        return today.year + 1
    }

    /// Whether `date` is a working day, counting Monday–Friday in a year without data (暂定).
    func isWorkingDayOrProvisional(_ date: LocalDate) -> Bool {
        guard years[date.year] != nil else { return !date.isWeekend }
        if makeUpWorkdays[date] != nil { return true }
        if holidays[date] != nil { return false }
        return !date.isWeekend
    }

    /// The `n`-th working day after `date` (次日起第 n 个工作日); `n == 0` gives `date` itself.
    ///
    /// Days of a year without data count Monday–Friday: the result is then provisional (`isProvisional`).
    public func workingDay(_ n: Int, after date: LocalDate) throws(CalendarError) -> LocalDate {
        guard (0...366).contains(n) else { throw .invalidCount(n) }
        var day = date
        var counted = 0
        while counted < n {
            day = day.adding(days: 1)
            if isWorkingDayOrProvisional(day) { counted += 1 }
        }
        return day
    }

    // MARK: Local time

    /// The local calendar date of an instant.
    public func localDate(of instant: Date) -> LocalDate {
        if let fixedOffset, instant.timeIntervalSince1970 >= TimeInterval(Self.fixedSince),
            instant.timeIntervalSince1970 < TimeInterval(Self.fixedUntil)
        {
            let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + fixedOffset
            return LocalDate(dayNumber: seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
        }
        let c = gregorian.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)
    }

    /// 00:00 local time of `date`.
    public func startOfDay(_ date: LocalDate) -> Date {
        if let fixedOffset, (2001...2040).contains(date.year) {
            return Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86400 - fixedOffset))
        }
        var components = DateComponents()
        components.year = date.year
        components.month = date.month
        components.day = date.day
        return gregorian.date(from: components)!
    }

    /// 24:00 local time of `date`, that is 00:00 of the next day.
    public func endOfDay(_ date: LocalDate) -> Date {
        startOfDay(date.adding(days: 1))
    }
}
