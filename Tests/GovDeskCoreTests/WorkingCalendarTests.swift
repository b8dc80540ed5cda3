import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

struct WorkingCalendarTests {
    @Test(arguments: [
        ("2025-03-03", true),  // a plain Monday
        ("2025-03-07", true),  // a plain Friday
        ("2025-03-08", false),  // a plain Saturday
        ("2025-03-09", false),  // a plain Sunday
        ("2025-10-01", false),  // 国庆节, a Wednesday
        ("2025-10-08", false),  // 国庆节、中秋节, the last day off, a Wednesday
        ("2025-10-09", true),  // the Thursday after the holiday
        ("2025-10-11", true),  // 调休上班 Saturday
        ("2025-09-28", true),  // 调休上班 Sunday
        ("2025-10-12", false),  // the Sunday after it is a weekend again
        ("2025-01-01", false),  // 元旦
        ("2025-01-26", true),  // 春节调休上班, a Sunday
        ("2025-02-03", false),  // 春节, a Monday
        ("2025-02-08", true),  // 春节调休上班, a Saturday
        ("2024-02-04", true),  // 春节调休上班 2024, a Sunday
        ("2024-02-12", false),  // 春节 2024, a Monday
        ("2024-05-11", true),  // 劳动节调休上班 2024, a Saturday
        ("2026-01-02", false),  // 元旦 2026, a Friday
        ("2026-01-04", true),  // 元旦调休上班 2026, a Sunday
        ("2026-02-23", false),  // 春节 2026, the last day off, a Monday
    ])
    func isWorkingDayFollowsWeekdaysHolidaysAndMakeUpDays(text: String, working: Bool) throws {
        #expect(try makeCalendar().isWorkingDay(makeDate(text)) == working)
    }

    @Test func makeUpDaysAreWeekendsAndHolidaysAreNamed() throws {
        let calendar = makeCalendar()
        #expect(makeDate("2025-10-11").isWeekend)
        #expect(makeDate("2025-09-28").isWeekend)
        #expect(calendar.specialName(of: makeDate("2025-10-11")) == "国庆节、中秋节调休上班")
        #expect(calendar.specialName(of: makeDate("2025-10-01")) == "国庆节、中秋节")
        #expect(calendar.specialName(of: makeDate("2025-03-03")) == nil)
        #expect(calendar.loadedYears == [2024, 2025, 2026])
    }

    @Test(arguments: ["2027-01-04", "2027-06-01", "2023-12-29"])
    func aYearWithoutDataThrowsNoData(text: String) {
        let date = makeDate(text)
        #expect(throws: CalendarError.noData(year: date.year, loaded: [2024, 2025, 2026])) {
            try makeCalendar().isWorkingDay(date)
        }
    }

    @Test func noDataNamesTheYearAndTheCommandThatAddsIt() {
        let error = CalendarError.noData(year: 2027, loaded: [2024, 2025, 2026])
        #expect(error.description.contains("2027"))
        #expect(error.description.contains("2024, 2025, 2026"))
        #expect(error.description.contains("govdesk calendar add FILE"))
        #expect(error.kind == .refused)
    }

    @Test(arguments: [
        (0, "2025-09-30", "2025-09-30"),  // n = 0 is the day itself
        (1, "2025-09-30", "2025-10-09"),  // the whole 国庆/中秋 break is skipped
        (3, "2025-09-30", "2025-10-11"),  // … and the make-up Saturday counts
        (3, "2025-10-09", "2025-10-13"),
        (1, "2025-03-07", "2025-03-10"),  // Friday → Monday
        (1, "2025-03-08", "2025-03-10"),  // Saturday → Monday
        (1, "2025-09-26", "2025-09-28"),  // Friday → the make-up Sunday
        (3, "2026-12-28", "2026-12-31"),
        (1, "2024-12-31", "2025-01-02"),  // across a year end into 元旦
    ])
    func workingDayCountsFromTheNextDay(n: Int, start: String, expected: String) throws {
        #expect(try makeCalendar().workingDay(n, after: makeDate(start)) == makeDate(expected))
    }

    @Test(arguments: [-1, 367])
    func workingDayRefusesCountsOutsideTheYear(n: Int) {
        #expect(throws: CalendarError.invalidCount(n)) {
            try makeCalendar().workingDay(n, after: makeDate("2025-03-03"))
        }
    }

    @Test func workingDayIntoAYearWithoutDataCountsMondayToFriday() throws {
        // Tue 29, Wed 30, Thu 31, then Fri 2027-01-01 counts: no notice says it is a holiday yet.
        let calendar = makeCalendar()
        let day = try calendar.workingDay(4, after: makeDate("2026-12-28"))
        #expect(day == makeDate("2027-01-01"))
        #expect(calendar.isProvisional(day))
        #expect(!calendar.isProvisional(makeDate("2026-12-31")))
    }

    @Test func anAddedYearReplacesProvisionalCounting() throws {
        let year2027 = CalendarYear(
            year: 2027, notice: "测试用 2027 年安排（虚构）", holidays: [makeDay("2027-01-01", "元旦")], makeUpWorkdays: [])
        let calendar = try makeCalendar().adding(year2027)
        #expect(try calendar.workingDay(4, after: makeDate("2026-12-28")) == makeDate("2027-01-04"))
        #expect(!calendar.isProvisional(makeDate("2027-01-04")))
    }

    @Test(
        arguments: [
            ("2026-12-01T09:00+08:00", 2027), ("2026-12-31T23:59+08:00", 2027), ("2026-11-30T23:59+08:00", nil),
            ("2025-12-15T09:00+08:00", nil),
        ] as [(String, Int?)])
    func theMissingNextYearIsWarnedOfFromTheFirstOfDecember(instant: String, expected: Int?) throws {
        #expect(makeCalendar().missingNextYear(at: makeInstant(instant)) == expected)
    }

    @Test func aMakeUpDayOnAWeekdayIsInvalidData() throws {
        var year = makeCalendarYear2025()
        year.makeUpWorkdays.append(makeDay("2025-10-09", "国庆节调休上班"))  // a Thursday
        let error = try #require(throws: CalendarError.self) {
            try WorkingCalendar(years: [year], timeZone: makeTimeZone())
        }
        guard case .invalidData(let errorYear, let message) = error else {
            Issue.record("expected invalidData, got \(error)")
            return
        }
        #expect(errorYear == 2025)
        #expect(message.english.contains("2025-10-09"))
        #expect(error.kind == .badData)
    }

    @Test(arguments: [true, false])
    func aDayOutsideItsYearIsInvalidData(asHoliday: Bool) throws {
        var year = makeCalendarYear2025()
        let stray = makeDay("2024-12-29", "元旦调休上班")  // a Sunday, but of 2024
        if asHoliday { year.holidays.append(stray) } else { year.makeUpWorkdays.append(stray) }
        let error = try #require(throws: CalendarError.self) {
            try WorkingCalendar(years: [year], timeZone: makeTimeZone())
        }
        guard case .invalidData(let errorYear, let message) = error else {
            Issue.record("expected invalidData, got \(error)")
            return
        }
        #expect(errorYear == 2025)
        #expect(message.english.contains("2024-12-29"))
    }

    @Test func aDayBothHolidayAndMakeUpIsInvalidData() throws {
        var year = makeCalendarYear2025()
        year.holidays.append(makeDay("2025-10-11", "国庆节"))
        let error = try #require(throws: CalendarError.self) {
            try WorkingCalendar(years: [year], timeZone: makeTimeZone())
        }
        guard case .invalidData(2025, _) = error else {
            Issue.record("expected invalidData for 2025, got \(error)")
            return
        }
    }

    @Test func theRealCalendarFilesAreValid() throws {
        let calendar = try WorkingCalendar(years: makeCalendarYears(), timeZone: makeTimeZone())
        #expect(calendar.years[2025]?.holidays.count == 28)
        #expect(calendar.years[2025]?.makeUpWorkdays.count == 5)
    }

    @Test(arguments: [
        ("2025-03-01T23:30+08:00", "2025-03-01"),
        ("2025-03-02T00:10+08:00", "2025-03-02"),
        ("2025-03-01T16:10Z", "2025-03-02"),  // 00:10 in Shanghai
        ("2025-03-01T15:59:59Z", "2025-03-01"),
    ])
    func localDateIsTheDayInTheConfiguredZone(instant: String, expected: String) {
        #expect(makeCalendar().localDate(of: makeInstant(instant)) == makeDate(expected))
    }

    @Test func endOfDayIsMidnightOfTheNextDayLocally() {
        let calendar = makeCalendar()
        #expect(calendar.startOfDay(makeDate("2025-10-21")) == makeInstant("2025-10-21T00:00+08:00"))
        #expect(calendar.endOfDay(makeDate("2025-10-21")) == makeInstant("2025-10-22T00:00+08:00"))
        #expect(calendar.endOfDay(makeDate("2025-12-31")) == makeInstant("2026-01-01T00:00+08:00"))
    }
}
