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
}
