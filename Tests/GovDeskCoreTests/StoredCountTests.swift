import Foundation
import GovDeskTestSupport
import Testing

@testable import GovDeskCore

/// A counter read from a row changed outside GovDesk makes a clear error where it would grow, not a trap.
struct StoredCountTests {
    @Test(arguments: [Int.max, StoredCount.maximumEvents + 1, 0, -1, Int.min])
    func anEventCountOutOfRangeIsAnError(count: Int) {
        #expect(
            throws: StoredValueError.outOfRange(
                record: "ticket X", field: "event count", stored: String(count), allowed: 1...1_000_000)
        ) { try StoredCount.nextEvent(after: count, of: "ticket X") }
    }

    @Test func theLastEventARecordMayHaveIsTheMillionth() throws {
        #expect(try StoredCount.nextEvent(after: 999_999, of: "ticket X") == 1_000_000)
        #expect(throws: StoredValueError.tooManyEvents(record: "ticket X", maximum: 1_000_000)) {
            try StoredCount.nextEvent(after: 1_000_000, of: "ticket X")
        }
    }

    @Test func aTicketCountingInt64MaxEventsIsRefusedByEveryAction() throws {
        var history = try makeHistory()
        history.ticket.eventCount = Int.max
        let error = try #require(throws: StoredValueError.self) {
            try history.run(.dispatch(lead: "CGJ", co: []), by: "pd1")
        }
        #expect(error.kind == .storage)
        #expect(
            error.description
                == "ticket 20250303-000001: its stored event count 9223372036854775807 is out of range (1 to 1000000); "
                + "run `govdesk db check`")
        var event = history.events[0]
        event.sequence = 2
        #expect(throws: ReplayError.self) { try history.ticket.apply(event) }
    }

    @Test func aCaseAndAFindingCountingInt64MaxEventsAreRefused() throws {
        var c = try makeCase()
        c.visits = Int.max
        #expect(throws: StoredValueError.self) {
            try CaseMachine.decide(
                .requestMaterials(materials: "章程"), on: c, by: makeWindowStaff(), actorWindows: ["A01"],
                at: c.receivedAt.addingTimeInterval(60))
        }
        c.visits = 1
        c.eventCount = Int.max
        #expect(throws: StoredValueError.self) {
            try CaseMachine.decide(
                .complete(note: nil), on: c, by: makeWindowStaff(), actorWindows: ["A01"],
                at: c.receivedAt.addingTimeInterval(60))
        }
    }
}
