import Foundation
import Testing

@testable import GovDeskCore

/// `LocalTime.iso` by integer arithmetic writes what the calendar writes, in zones with daylight saving, negative,
/// half-hour and historical offsets, at both ends of the years it covers.
struct LocalTimeISOTests {
    static let zones = ["Asia/Shanghai", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "Europe/London", "UTC"]

    static let instants: [TimeInterval] = [
        0, -1, 1_796_541_713.9, 1_741_503_599, 1_741_503_600, 1_762_063_199, 1_762_063_200, 1_762_066_800,
        -2_208_988_800, 504_892_800, 951_782_400, 4_107_542_399, -12_212_467_200, 253_402_300_799,
    ]

    @Test(arguments: zones)
    func theTextIsTheCalendars(_ zone: String) throws {
        let time = LocalTime(timeZone: try #require(TimeZone(identifier: zone)))
        var instants = Self.instants
        // Every hour across a year, through both changes of the clocks.
        for hour in 0..<(366 * 24) { instants.append(1_735_689_600 + TimeInterval(hour * 3_600) + 1_799) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(time.iso(date) == time.calendarISO(date), "\(zone) \(seconds)")
        }
    }

    @Test func instantsBeyondTheYearsGoThroughTheCalendar() throws {
        let time = LocalTime(timeZone: try #require(TimeZone(identifier: "Asia/Shanghai")))
        let far = Date(timeIntervalSince1970: 253_402_300_800 + 86_400 * 400)
        #expect(time.iso(far) == time.calendarISO(far))
        #expect(time.iso(Date.distantPast) == time.calendarISO(Date.distantPast))
        let julian = Date(timeIntervalSince1970: -12_212_467_201)
        #expect(time.iso(julian) == time.calendarISO(julian))
    }
}
