import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

struct LocalDateTests {
    @Test(arguments: [
        ("2025-03-07", 2025, 3, 7),
        ("2024-02-29", 2024, 2, 29),
        ("2000-02-29", 2000, 2, 29),
        ("2025-12-31", 2025, 12, 31),
        ("2025-01-01", 2025, 1, 1),
        ("2025-04-30", 2025, 4, 30),
    ])
    func parsesRealDates(text: String, year: Int, month: Int, day: Int) {
        #expect(LocalDate(text) == LocalDate(year: year, month: month, day: day))
    }

    @Test(arguments: [
        "2025-02-30",  // February never has 30 days
        "2023-02-29",  // 2023 is not a leap year
        "1900-02-29",  // nor is 1900 (divisible by 100, not by 400)
        "2025-04-31",
        "2025-13-01",
        "2025-00-10",
        "2025-01-00",
        "2025-01-32",
        "2025-1-01",
        "2025-01-1",
        "25-01-01",
        "20250101",
        "2025/01/01",
        "2025-01-01T00:00",
        "2025-01-01-",
        "-2025-01-01",
        " 2025-01-01",
        "2025-01-01 ",
        "abcd-ef-gh",
        "",
    ])
    func refusesImpossibleDatesAndOtherForms(text: String) {
        #expect(LocalDate(text) == nil)
    }

    /// `Int("+1")` is 1, so a parser that only counts characters would take these for dates.
    @Test(arguments: ["2025-+1-01", "2025-01-+1", "+025-01-01"])
    func refusesSignsInsideTheDigits(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func describesItselfInTheFormItParses() {
        #expect(LocalDate(year: 2025, month: 3, day: 7).description == "2025-03-07")
        #expect(LocalDate(year: 2025, month: 3, day: 7).compact == "20250307")
        #expect(LocalDate("2025-03-07")?.description == "2025-03-07")
    }

    @Test(arguments: [
        ("1970-01-01", 0),
        ("1969-12-31", -1),
        ("2000-03-01", 11017),
        ("2024-02-29", 19782),
        ("2025-10-11", 20372),
    ])
    func dayNumberCountsDaysSince1970(text: String, dayNumber: Int) {
        #expect(makeDate(text).dayNumber == dayNumber)
        #expect(LocalDate(dayNumber: dayNumber) == makeDate(text))
    }

    @Test func dayNumberRoundTripsAgreeWithFoundationFrom1999To2031() throws {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let first = makeDate("1999-01-01").dayNumber
        let last = makeDate("2031-12-31").dayNumber
        var previous: LocalDate?
        for number in first...last {
            let date = LocalDate(dayNumber: number)
            #expect(date.dayNumber == number)
            let c = utc.dateComponents(
                [.year, .month, .day], from: Date(timeIntervalSince1970: Double(number) * 86400))
            #expect(LocalDate(year: c.year!, month: c.month!, day: c.day!) == date)
            if let previous { #expect(previous < date) }
            previous = date
        }
        #expect(last - first + 1 == 365 * 33 + 8)  // 33 years, of which 8 leap (2000, 2004, … 2028)
    }

    @Test(arguments: [
        ("2025-10-11", 6),  // a Saturday, and a make-up working day
        ("2025-09-28", 7),
        ("2025-09-29", 1),
        ("1970-01-01", 4),
        ("1969-12-31", 3),
        ("1969-12-28", 7),
        ("2024-02-29", 4),
        ("2026-02-14", 6),
    ])
    func isoWeekdayRunsFromMondayOneToSundaySeven(text: String, weekday: Int) {
        let date = makeDate(text)
        #expect(date.isoWeekday == weekday)
        #expect(date.isWeekend == (weekday >= 6))
    }

    @Test(arguments: [
        ("2024-02-28", 1, "2024-02-29"),
        ("2024-02-28", 2, "2024-03-01"),
        ("2025-02-28", 1, "2025-03-01"),
        ("2025-12-31", 1, "2026-01-01"),
        ("2025-03-01", -1, "2025-02-28"),
        ("2025-03-07", 0, "2025-03-07"),
        ("2025-01-01", 365, "2026-01-01"),
        ("2024-01-01", 366, "2025-01-01"),
    ])
    func addingDaysCrossesMonthsAndYears(start: String, days: Int, expected: String) {
        #expect(makeDate(start).adding(days: days) == makeDate(expected))
    }

    @Test func ordersByYearThenMonthThenDay() {
        #expect(makeDate("2024-12-31") < makeDate("2025-01-01"))
        #expect(makeDate("2025-01-31") < makeDate("2025-02-01"))
        #expect(!(makeDate("2025-02-01") < makeDate("2025-02-01")))
    }

    @Test func codableAsItsText() throws {
        let data = try JSONEncoder().encode([makeDate("2025-10-11")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2025-10-11"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [makeDate("2025-10-11")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(#"["2025-02-30"]"#.utf8))
        }
    }
}
