import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

/// The calendar's arithmetic fast path for zones with one fixed offset agrees with Foundation's calendar.
struct WorkingCalendarFixedOffsetTests {
    @Test(arguments: ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "UTC"])
    func localDatesAndDayStartsAgreeWithFoundation(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let calendar = try WorkingCalendar(years: makeCalendarYears(), timeZone: timeZone)
        let localTime = LocalTime(timeZone: timeZone)
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = timeZone
        // Every 7 h 13 min over 2024–2026, and the midnights around them.
        var instant = makeInstant("2024-01-01T00:00+00:00")
        while instant < makeInstant("2027-01-01T00:00+00:00") {
            let day = calendar.localDate(of: instant)
            #expect(day == localTime.localDate(of: instant))
            let start = gregorian.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
            #expect(calendar.startOfDay(day) == start)
            instant.addTimeInterval(7 * 3600 + 13 * 60)
        }
    }
}
