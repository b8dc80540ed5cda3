import Foundation
import Testing

@testable import GovDeskCore

struct TimestampPatternTests {
    let newYork = ZoneClock(timeZone: TimeZone(identifier: "America/New_York")!)
    let shanghai = ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    func epoch(_ text: String, _ pattern: String, _ clock: ZoneClock) throws -> Int64? {
        TimestampReader(patterns: [try TimestampPattern(pattern)], clock: clock).epoch(text)
    }

    /// 2022-05-01T00:00:03Z is 1651363203; New York is then UTC-4.
    static let summerCases: [(String, String, Int64)] = [
        ("05/01/2022 12:00:03 AM", "MM/dd/yyyy hh:mm:ss a", 1_651_377_603),
        ("05/01/2022 12:00:03 PM", "MM/dd/yyyy hh:mm:ss a", 1_651_420_803),
        ("2022-05-01 00:00:03", "yyyy-MM-dd HH:mm:ss", 1_651_377_603),
        ("2022/5/1 0:00:03", "yyyy/M/d H:mm:ss", 1_651_377_603),
        ("2022-05-01T00:00:03", "yyyy-MM-dd'T'HH:mm:ss", 1_651_377_603),
        ("2022-05-01T08:00:03+08:00", "yyyy-MM-dd'T'HH:mm:ssXXX", 1_651_363_203),
    ]

    @Test(arguments: summerCases)
    func readsEachPatternInNewYorkSummerTime(_ c: (String, String, Int64)) throws {
        #expect(try epoch(c.0, c.1, newYork) == c.2)
    }

    @Test func followsDaylightSavingTimeInNewYork() throws {
        let p = "MM/dd/yyyy hh:mm:ss a"
        // 2022-03-13: clocks go from 02:00 EST to 03:00 EDT (07:00Z).
        #expect(try epoch("03/13/2022 01:30:00 AM", p, newYork) == 1_647_153_000)  // 06:30Z, EST
        #expect(try epoch("03/13/2022 03:30:00 AM", p, newYork) == 1_647_156_600)  // 07:30Z, EDT
        // 02:30 does not exist that day; it is read with the offset before the change, as 03:30 EDT.
        #expect(try epoch("03/13/2022 02:30:00 AM", p, newYork) == 1_647_156_600)
        // 2022-11-06: 01:30 happens twice; the earlier, EDT, is taken (05:30Z).
        #expect(try epoch("11/06/2022 01:30:00 AM", p, newYork) == 1_667_712_600)
        // A January time is EST (UTC-5).
        #expect(try epoch("01/15/2022 10:00:00 AM", p, newYork) == 1_642_258_800)
    }

    @Test(arguments: [
        "05/32/2022 12:00:00 AM", "13/01/2022 12:00:00 AM", "05/01/2022 13:00:00 PM",
        "05/01/2022 00:00:00 AM", "2022-05-01 00:00:00", "05/01/2022 12:00:00", "02/29/2022 01:00:00 AM",
    ])
    func refusesImpossibleOrMismatchedText(text: String) throws {
        #expect(try epoch(text, "MM/dd/yyyy hh:mm:ss a", newYork) == nil)
    }

    @Test func refusesUnusablePatterns() {
        #expect(throws: TimestampPatternError.self) { try TimestampPattern("yy-MM-dd") }
        #expect(throws: TimestampPatternError.self) { try TimestampPattern("yyyy-MM-dd hh:mm") }
        #expect(throws: TimestampPatternError.self) { try TimestampPattern("yyyy-MM-dd Q") }
    }

    @Test func isoTextMatchesLocalTime() {
        for zone in ["Asia/Shanghai", "America/New_York", "UTC"] {
            let tz = TimeZone(identifier: zone)!
            let clock = ZoneClock(timeZone: tz)
            let local = LocalTime(timeZone: tz)
            var t: Int64 = 1_640_995_200  // 2022-01-01T00:00:00Z
            while t < 1_672_531_200 {
                let date = Date(timeIntervalSince1970: TimeInterval(t))
                #expect(clock.iso(t) == local.iso(date))
                t += 86_400 * 3 + 3_607
            }
        }
    }
}
