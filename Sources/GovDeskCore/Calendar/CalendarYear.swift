/// One year of the State Council's holiday arrangement: statutory days off and make-up working days (调休上班).
public struct CalendarYear: Equatable, Sendable, Codable {
    /// A named day in a holiday notice.
    public struct Day: Equatable, Sendable, Codable {
        public var date: LocalDate
        public var name: String

        public init(_ date: LocalDate, _ name: String) {
            self.date = date
            self.name = name
        }
    }

    public var year: Int
    /// The notice the data comes from, e.g. 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）.
    public var notice: String
    /// Days off: every day of each holiday period the notice announces, weekends inside the period included.
    public var holidays: [Day]
    /// Weekend days that are working days (调休上班).
    public var makeUpWorkdays: [Day]

    public init(year: Int, notice: String, holidays: [Day], makeUpWorkdays: [Day]) {
        self.year = year
        self.notice = notice
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
    }

    /// The checks of DESIGN §3: a plausible year and a notice, every date in that year, names present, no date
    /// twice, no day both off and on, make-up working days on weekends. A year being added (`newNotice`) must also list
    /// holidays: every notice has some, and an empty file is a mistake. (Years stored before that rule still load.)
    public func validate(newNotice: Bool = false) throws(CalendarError) {
        guard (2000...2100).contains(year) else {
            throw .invalidData(year: year, message: CoreText.yearRange.phrase)
        }
        guard !notice.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidData(year: year, message: CoreText.noticeMissing.phrase)
        }
        guard !newNotice || !holidays.isEmpty else {
            throw .invalidData(
                year: year,
                message: CoreText.noHolidays.phrase)
        }
        var seen = Set<LocalDate>()
        for day in holidays + makeUpWorkdays {
            if day.date.year != year {
                throw .invalidData(
                    year: year,
                    message: CoreText.dayNotInYear(
                        day: day.date.description, name: Printable.quoted(day.name), year: year
                    ).phrase)
            }
            if day.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw .invalidData(year: year, message: CoreText.dayWithoutName(day.date.description).phrase)
            }
            if !seen.insert(day.date).inserted {
                let both = holidays.contains { $0.date == day.date } && makeUpWorkdays.contains { $0.date == day.date }
                throw .invalidData(
                    year: year,
                    message: both
                        ? CoreText.holidayAndMakeUp(day.date.description).phrase
                        : CoreText.listedTwice(day.date.description).phrase)
            }
        }
        for day in makeUpWorkdays where !day.date.isWeekend {
            throw .invalidData(
                year: year,
                message: CoreText.makeUpNotWeekend(day: day.date.description, name: Printable.quoted(day.name)).phrase)
        }
    }
}
