import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

struct CalendarAdditionTests {
    @Test func holidayCNJSONBecomesAYearOfHolidaysAndMakeUpDays() throws {
        let year = try CalendarYear.holidayCN(json: makeFictional2027JSON(), notice: nil)
        #expect(year.year == 2027)
        #expect(year.holidays.count == 11)
        #expect(year.makeUpWorkdays.map(\.date) == [makeDate("2027-01-09"), makeDate("2027-02-13")])
        #expect(year.notice.contains("https://example.invalid/2027"))
        let named = try CalendarYear.holidayCN(json: makeFictional2027JSON(), notice: "某通知")
        #expect(named.notice == "某通知")
    }

    @Test(arguments: [
        (#", {"name": "元旦", "date": "2026-12-31", "isOffDay": true}"#, "2026-12-31"),
        (#", {"name": "春节", "date": "2027-02-10", "isOffDay": false}"#, "2027-02-10"),
        (#", {"name": "", "date": "2027-05-01", "isOffDay": true}"#, "has no name"),
        (#", {"name": "劳动节", "date": "2027-04-28", "isOffDay": false}"#, "not a Saturday or Sunday"),
        (#", {"name": "劳动节", "date": "2027-02-30", "isOffDay": true}"#, "2027-02-30"),
        (#", {"name": "劳动节", "date": "2027-05-01"}"#, "isOffDay"),
    ])
    func aBadDayIsRefusedNamingIt(extra: String, named: String) {
        let error = #expect(throws: CalendarError.self) {
            try CalendarYear.holidayCN(json: makeFictional2027JSON(extraDays: extra), notice: nil)
        }
        #expect(error?.description.contains(named) == true, "\(String(describing: error))")
    }

    @Test func textThatIsNotJSONIsRefusedPlainly() {
        let error = #expect(throws: CalendarError.self) {
            try CalendarYear.holidayCN(json: Data("year: 2027".utf8), notice: nil)
        }
        #expect(error?.description.contains("not valid JSON") == true)
    }

    @Test func aProvisionalTicketDeadlineMovesLaterWhenItsYearArrives() throws {
        // Signed Thu 2026-12-24 10:00: 25, 28, 29, 30, 31, then Mon–Fri 1, 4, 5, 6, 7 → 24:00 on 2027-01-07.
        var history = try makeHistory(createdAt: makeInstant("2026-12-24T09:00+08:00"))
        try history.run(.dispatch(lead: "CGJ", co: []), by: "pd1")
        let sign = try history.run(.sign, by: "cgj1")
        #expect(history.ticket.deadline == makeInstant("2027-01-08T00:00+08:00"))
        #expect(sign.details[DeadlineRecomputation.provisionalKey] == "2027")

        let added = try history.rules.calendar.adding(
            CalendarYear.holidayCN(json: makeFictional2027JSON(), notice: nil))
        let rules = DeadlineRules(calendar: added, limits: history.rules.limits)
        let result = try #require(
            try DeadlineRecomputation.recompute(
                history.ticket, events: history.events, rules: rules, year: 2027, actor: "admin",
                at: makeInstant("2026-12-28T09:00+08:00")))
        // With 1–4 January off: 25, 28, 29, 30, 31, 5, 6, 7, 8, 9 (the make-up Saturday) → 24:00 on 2027-01-09.
        #expect(result.ticket.deadline == makeInstant("2027-01-10T00:00+08:00"))
        #expect(result.event.action == .recompute)
        #expect(result.event.details[DetailKey.previousDeadline] == EpochText.encode(history.ticket.deadline!))
        // The replay reaches the same ticket: the event is the whole change.
        #expect(try Ticket.replay(history.events + [result.event]) == result.ticket)
    }

    @Test func aRecountThatWouldBeEarlierLeavesTheDeadlineInForce() throws {
        // A year with no holiday in early January but with 2026-12-31's successor… counted the same as Mon–Fri: equal,
        // so nothing moves; and a year that makes the count shorter (a make-up Saturday 2 January) moves nothing.
        var history = try makeHistory(createdAt: makeInstant("2026-12-24T09:00+08:00"))
        try history.run(.dispatch(lead: "CGJ", co: []), by: "pd1")
        try history.run(.sign, by: "cgj1")
        let shorter = CalendarYear(
            year: 2027, notice: "虚构", holidays: [], makeUpWorkdays: [makeDay("2027-01-02", "虚构调休上班")])
        let rules = DeadlineRules(
            calendar: try history.rules.calendar.adding(shorter), limits: history.rules.limits)
        #expect(
            try DeadlineRecomputation.countedDeadline(of: history.ticket, events: history.events, rules: rules)
                == makeInstant("2027-01-07T00:00+08:00"))
        #expect(
            try DeadlineRecomputation.recompute(
                history.ticket, events: history.events, rules: rules, year: 2027, actor: "admin",
                at: makeInstant("2026-12-28T09:00+08:00")) == nil)
    }

    @Test func anApprovedExtensionIsCountedAgainOnTheRecountedDeadline() throws {
        var history = try makeHistory(createdAt: makeInstant("2026-12-24T09:00+08:00"))
        try history.run(.dispatch(lead: "CGJ", co: []), by: "pd1")
        try history.run(.sign, by: "cgj1")
        try history.run(.extend(days: 3, reason: "需会同街道核查"), by: "cgj1")
        try history.run(.approveExtension, by: "db1")
        // Provisional: 2027-01-07 + 3 Mon–Fri → 24:00 on 2027-01-12.
        #expect(history.ticket.deadline == makeInstant("2027-01-13T00:00+08:00"))
        let added = try history.rules.calendar.adding(
            CalendarYear.holidayCN(json: makeFictional2027JSON(), notice: nil))
        let rules = DeadlineRules(calendar: added, limits: history.rules.limits)
        let result = try #require(
            try DeadlineRecomputation.recompute(
                history.ticket, events: history.events, rules: rules, year: 2027, actor: "admin",
                at: makeInstant("2026-12-28T09:00+08:00")))
        // 2027-01-09 (Sat, make-up) + 3: Mon 11, Tue 12, Wed 13 → 24:00 on 2027-01-13.
        #expect(result.ticket.deadline == makeInstant("2027-01-14T00:00+08:00"))
    }

    @Test func urgentTicketsCountNaturalHoursAndAreNeverRecounted() throws {
        var history = try makeHistory(
            intake: makeIntake(urgency: .urgent), createdAt: makeInstant("2026-12-31T09:00+08:00"))
        try history.run(.dispatch(lead: "CGJ", co: []), by: "pd1")
        let sign = try history.run(.sign, by: "cgj1")
        #expect(sign.details[DeadlineRecomputation.provisionalKey] == nil)
        #expect(!DeadlineRecomputation.isProvisional(history.ticket, rules: history.rules))
        let added = try history.rules.calendar.adding(
            CalendarYear.holidayCN(json: makeFictional2027JSON(), notice: nil))
        #expect(
            try DeadlineRecomputation.recompute(
                history.ticket, events: history.events,
                rules: DeadlineRules(calendar: added, limits: history.rules.limits), year: 2027, actor: "admin",
                at: makeInstant("2027-01-01T09:00+08:00")) == nil)
    }

    @Test func addingAYearTwiceReplacesItsDays() throws {
        let first = CalendarYear(year: 2027, notice: "第一版", holidays: [makeDay("2027-01-01", "元旦")], makeUpWorkdays: [])
        let amended = CalendarYear(
            year: 2027, notice: "修订版", holidays: [makeDay("2027-01-04", "元旦")], makeUpWorkdays: [])
        let calendar = try makeCalendar().adding(first).adding(amended)
        #expect(try calendar.isWorkingDay(makeDate("2027-01-01")))
        #expect(try !calendar.isWorkingDay(makeDate("2027-01-04")))
        #expect(calendar.years[2027]?.notice == "修订版")
    }
}
