import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

@testable import GovDeskStore

/// Month close (月结, DESIGN §11.2) in the store, where the command line and the service both end: a production
/// database's month ends by the real clock, whatever time the caller passes.
struct MonthCloseStoreTests {
    let rules = makeRules()

    func close(_ month: Month, _ database: GovDeskDatabase, at now: Date) throws -> ClosedMonth {
        try database.closeMonth(
            month, timeZone: makeTimeZone(), hallRange: month.interval(in: rules.calendar), evaluation: .init(),
            actor: "db01", at: now)
    }

    @Test func aProductionMonthEndsByTheRealClockNotByTheTimeGiven() throws {
        let database = try GovDeskDatabase.inMemory(kind: .production)
        try database.load(makeHallReference())
        database.recording.clock = { makeLocal("2025-10-15T09:00") }
        let october = Month(year: 2025, month: 10)!
        #expect(throws: MonthCloseError.self) {
            _ = try close(october, database, at: makeLocal("2025-11-05T09:00"))
        }
        #expect(try database.closedMonths().isEmpty)
        // September has ended by the real clock: it closes then, not at the time given.
        let september = try close(Month(year: 2025, month: 9)!, database, at: makeLocal("2025-12-01T09:00"))
        #expect(september.closedAt == makeLocal("2025-10-15T09:00"))
        #expect(
            try database.evaluation(month: Month(year: 2025, month: 9)!).finalizedAt == makeLocal("2025-10-15T09:00"))
    }

    @Test func aTrainingMonthEndsAtTheTimeGiven() throws {
        let database = try makeHallDatabase()
        let october = Month(year: 2025, month: 10)!
        let closed = try close(october, database, at: makeLocal("2025-11-05T09:00"))
        #expect(closed.closedAt == makeLocal("2025-11-05T09:00"))
        // Nothing may be scored for it or any month before it any more; the month after is open.
        #expect(
            throws: MonthCloseError.closedForMonth(
                subject: "a manual score for 2025-08", month: "2025-08", last: "2025-10")
        ) {
            try database.addManualScore(
                month: Month(year: 2025, month: 8)!, staff: "w01", item: "业务考试", points: 3, note: nil, actor: "db01",
                at: makeLocal("2025-11-05T10:00"))
        }
        try database.addManualScore(
            month: Month(year: 2025, month: 11)!, staff: "w01", item: "业务考试", points: 3, note: nil, actor: "db01",
            at: makeLocal("2025-11-05T10:00"))
    }
}
