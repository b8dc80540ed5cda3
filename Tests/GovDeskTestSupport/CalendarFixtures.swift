import Foundation
import GovDeskCore

// A transcription of Config/calendar/2024.yaml, 2025.yaml and 2026.yaml: the core has no YAML parser, and the
// CLI's tests check the YAML files themselves. Keep the two in step when a new notice is added. The same file
// sits in GovDeskCoreTests and GovDeskStoreTests: test targets share no sources without a helper target.

/// The three loaded years of State Council holiday notices, as the calendar files give them.
package func makeCalendarYears() -> [CalendarYear] {
    [makeCalendarYear2024(), makeCalendarYear2025(), makeCalendarYear2026()]
}

/// The working-day calendar of 2024–2026 in Asia/Shanghai, as `govdesk` loads it.
package func makeCalendar() -> WorkingCalendar {
    do {
        return try WorkingCalendar(years: makeCalendarYears(), timeZone: makeTimeZone())
    } catch {
        fatalError("the calendar fixture is invalid: \(error)")
    }
}

/// Asia/Shanghai, the default time zone.
package func makeTimeZone() -> TimeZone {
    TimeZone(identifier: "Asia/Shanghai")!
}

/// A `CalendarYear.Day` from `YYYY-MM-DD`.
package func makeDay(_ text: String, _ name: String) -> CalendarYear.Day {
    CalendarYear.Day(makeDate(text), name)
}

/// A `LocalDate` from `YYYY-MM-DD`, built from its components so that fixtures do not depend on the parser
/// under test.
package func makeDate(_ text: String) -> LocalDate {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3 else { fatalError("\(text) is not of the form YYYY-MM-DD") }
    return LocalDate(year: parts[0], month: parts[1], day: parts[2])
}

/// An instant from `YYYY-MM-DDTHH:MM[:SS]±HH:MM` (or `Z`), e.g. `2025-10-22T00:00+08:00`.
package func makeInstant(_ text: String) -> Date {
    let (dateText, rest) = (text.prefix(10), text.dropFirst(11))
    let date = makeDate(String(dateText))
    guard let zoneStart = rest.firstIndex(where: { $0 == "+" || $0 == "-" || $0 == "Z" }) else {
        fatalError("\(text) has no UTC offset")
    }
    let time = rest[..<zoneStart].split(separator: ":").compactMap { Int($0) }
    let zone = rest[zoneStart...]
    var offset = 0
    if zone != "Z" {
        let hm = zone.dropFirst().split(separator: ":").compactMap { Int($0) }
        offset = (zone.first == "-" ? -1 : 1) * (hm[0] * 3600 + hm[1] * 60)
    }
    var components = DateComponents()
    components.year = date.year
    components.month = date.month
    components.day = date.day
    components.hour = time[0]
    components.minute = time[1]
    components.second = time.count > 2 ? time[2] : 0
    var gregorian = Calendar(identifier: .gregorian)
    gregorian.timeZone = TimeZone(secondsFromGMT: offset)!
    guard let instant = gregorian.date(from: components) else { fatalError("\(text) is not an instant") }
    return instant
}

/// Config/calendar/2024.yaml.
package func makeCalendarYear2024() -> CalendarYear {
    CalendarYear(
        year: 2024,
        notice: "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）",
        holidays: [
            makeDay("2024-01-01", "元旦"),
            makeDay("2024-02-10", "春节"),
            makeDay("2024-02-11", "春节"),
            makeDay("2024-02-12", "春节"),
            makeDay("2024-02-13", "春节"),
            makeDay("2024-02-14", "春节"),
            makeDay("2024-02-15", "春节"),
            makeDay("2024-02-16", "春节"),
            makeDay("2024-02-17", "春节"),
            makeDay("2024-04-04", "清明节"),
            makeDay("2024-04-05", "清明节"),
            makeDay("2024-04-06", "清明节"),
            makeDay("2024-05-01", "劳动节"),
            makeDay("2024-05-02", "劳动节"),
            makeDay("2024-05-03", "劳动节"),
            makeDay("2024-05-04", "劳动节"),
            makeDay("2024-05-05", "劳动节"),
            makeDay("2024-06-10", "端午节"),
            makeDay("2024-09-15", "中秋节"),
            makeDay("2024-09-16", "中秋节"),
            makeDay("2024-09-17", "中秋节"),
            makeDay("2024-10-01", "国庆节"),
            makeDay("2024-10-02", "国庆节"),
            makeDay("2024-10-03", "国庆节"),
            makeDay("2024-10-04", "国庆节"),
            makeDay("2024-10-05", "国庆节"),
            makeDay("2024-10-06", "国庆节"),
            makeDay("2024-10-07", "国庆节"),
        ],
        makeUpWorkdays: [
            makeDay("2024-02-04", "春节调休上班"),
            makeDay("2024-02-18", "春节调休上班"),
            makeDay("2024-04-07", "清明节调休上班"),
            makeDay("2024-04-28", "劳动节调休上班"),
            makeDay("2024-05-11", "劳动节调休上班"),
            makeDay("2024-09-14", "中秋节调休上班"),
            makeDay("2024-09-29", "国庆节调休上班"),
            makeDay("2024-10-12", "国庆节调休上班"),
        ]
    )
}

/// Config/calendar/2025.yaml.
package func makeCalendarYear2025() -> CalendarYear {
    CalendarYear(
        year: 2025,
        notice: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",
        holidays: [
            makeDay("2025-01-01", "元旦"),
            makeDay("2025-01-28", "春节"),
            makeDay("2025-01-29", "春节"),
            makeDay("2025-01-30", "春节"),
            makeDay("2025-01-31", "春节"),
            makeDay("2025-02-01", "春节"),
            makeDay("2025-02-02", "春节"),
            makeDay("2025-02-03", "春节"),
            makeDay("2025-02-04", "春节"),
            makeDay("2025-04-04", "清明节"),
            makeDay("2025-04-05", "清明节"),
            makeDay("2025-04-06", "清明节"),
            makeDay("2025-05-01", "劳动节"),
            makeDay("2025-05-02", "劳动节"),
            makeDay("2025-05-03", "劳动节"),
            makeDay("2025-05-04", "劳动节"),
            makeDay("2025-05-05", "劳动节"),
            makeDay("2025-05-31", "端午节"),
            makeDay("2025-06-01", "端午节"),
            makeDay("2025-06-02", "端午节"),
            makeDay("2025-10-01", "国庆节、中秋节"),
            makeDay("2025-10-02", "国庆节、中秋节"),
            makeDay("2025-10-03", "国庆节、中秋节"),
            makeDay("2025-10-04", "国庆节、中秋节"),
            makeDay("2025-10-05", "国庆节、中秋节"),
            makeDay("2025-10-06", "国庆节、中秋节"),
            makeDay("2025-10-07", "国庆节、中秋节"),
            makeDay("2025-10-08", "国庆节、中秋节"),
        ],
        makeUpWorkdays: [
            makeDay("2025-01-26", "春节调休上班"),
            makeDay("2025-02-08", "春节调休上班"),
            makeDay("2025-04-27", "劳动节调休上班"),
            makeDay("2025-09-28", "国庆节、中秋节调休上班"),
            makeDay("2025-10-11", "国庆节、中秋节调休上班"),
        ]
    )
}

/// Config/calendar/2026.yaml.
package func makeCalendarYear2026() -> CalendarYear {
    CalendarYear(
        year: 2026,
        notice: "国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）",
        holidays: [
            makeDay("2026-01-01", "元旦"),
            makeDay("2026-01-02", "元旦"),
            makeDay("2026-01-03", "元旦"),
            makeDay("2026-02-15", "春节"),
            makeDay("2026-02-16", "春节"),
            makeDay("2026-02-17", "春节"),
            makeDay("2026-02-18", "春节"),
            makeDay("2026-02-19", "春节"),
            makeDay("2026-02-20", "春节"),
            makeDay("2026-02-21", "春节"),
            makeDay("2026-02-22", "春节"),
            makeDay("2026-02-23", "春节"),
            makeDay("2026-04-04", "清明节"),
            makeDay("2026-04-05", "清明节"),
            makeDay("2026-04-06", "清明节"),
            makeDay("2026-05-01", "劳动节"),
            makeDay("2026-05-02", "劳动节"),
            makeDay("2026-05-03", "劳动节"),
            makeDay("2026-05-04", "劳动节"),
            makeDay("2026-05-05", "劳动节"),
            makeDay("2026-06-19", "端午节"),
            makeDay("2026-06-20", "端午节"),
            makeDay("2026-06-21", "端午节"),
            makeDay("2026-09-25", "中秋节"),
            makeDay("2026-09-26", "中秋节"),
            makeDay("2026-09-27", "中秋节"),
            makeDay("2026-10-01", "国庆节"),
            makeDay("2026-10-02", "国庆节"),
            makeDay("2026-10-03", "国庆节"),
            makeDay("2026-10-04", "国庆节"),
            makeDay("2026-10-05", "国庆节"),
            makeDay("2026-10-06", "国庆节"),
            makeDay("2026-10-07", "国庆节"),
        ],
        makeUpWorkdays: [
            makeDay("2026-01-04", "元旦调休上班"),
            makeDay("2026-02-14", "春节调休上班"),
            makeDay("2026-02-28", "春节调休上班"),
            makeDay("2026-05-09", "劳动节调休上班"),
            makeDay("2026-09-20", "国庆节调休上班"),
            makeDay("2026-10-10", "国庆节调休上班"),
        ]
    )
}

/// A made-up 2027 (tests must not pretend to know the real notice): 元旦 Fri 1 – Sun 3 January plus Mon 4, a
/// make-up Saturday 9 January, and 春节 5–11 February with a make-up Saturday 13 February.
package func makeFictional2027JSON(extraDays: String = "") -> Data {
    Data(
        """
        {"year": 2027, "papers": ["https://example.invalid/2027"], "days": [
          {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
          {"name": "元旦", "date": "2027-01-02", "isOffDay": true},
          {"name": "元旦", "date": "2027-01-03", "isOffDay": true},
          {"name": "元旦", "date": "2027-01-04", "isOffDay": true},
          {"name": "元旦", "date": "2027-01-09", "isOffDay": false},
          {"name": "春节", "date": "2027-02-05", "isOffDay": true},
          {"name": "春节", "date": "2027-02-06", "isOffDay": true},
          {"name": "春节", "date": "2027-02-07", "isOffDay": true},
          {"name": "春节", "date": "2027-02-08", "isOffDay": true},
          {"name": "春节", "date": "2027-02-09", "isOffDay": true},
          {"name": "春节", "date": "2027-02-10", "isOffDay": true},
          {"name": "春节", "date": "2027-02-11", "isOffDay": true},
          {"name": "春节", "date": "2027-02-13", "isOffDay": false}\(extraDays)
        ]}
        """.utf8)
}

/// The deadline rules of `makeRules()` with the made-up 2027 added, as they count once `calendar add` brought it.
package func makeRulesWith2027() throws -> DeadlineRules {
    let rules = makeRules()
    let added = try rules.calendar.adding(CalendarYear.holidayCN(json: makeFictional2027JSON(), notice: nil))
    return DeadlineRules(calendar: added, limits: rules.limits)
}
