import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

/// A complaint taken through a long life: create, dispatch, sign, extend, approve-extension, reply, reject,
/// reply, approve, revisit, reopen, reply, approve — each step by the staff whose job it is.
func makeLongLife() throws -> TicketHistory {
    var history = try makeHistory()
    try history.run(.dispatch(lead: "CGJ", co: ["ZJJ"]), by: "pd1")
    try history.run(.sign, by: "cgj1")
    try history.run(.extend(days: 3, reason: "需住建局配合。"), by: "cgj1")
    try history.run(.approveExtension, by: "db1")
    try history.run(.reply(text: "已约谈经营户。", outcome: .partly), by: "cgj1", at: makeInstant("2025-03-10T15:00+08:00"))
    try history.run(.reject(reason: "未说明整改期限。"), by: "sh1")
    try history.run(.reply(text: "已取缔占道摊点。", outcome: .resolved), by: "cgj1")
    try history.run(.approve, by: "sh1")
    try history.run(.revisit(satisfaction: 2, resolved: .partly, note: "仍有夜间摆摊"), by: "op1")
    try history.run(.reopen(reason: "回访不满意。"), by: "db1", at: makeInstant("2025-03-13T09:00+08:00"))
    try history.run(.reply(text: "已安排夜间巡查。", outcome: .resolved), by: "cgj1")
    try history.run(.approve, by: "sh1")
    return history
}

struct TicketReplayTests {
    @Test func theLongLifeEndsClosedAfterThirteenEvents() throws {
        let history = try makeLongLife()
        #expect(
            history.events.map(\.action) == [
                .create, .dispatch, .sign, .extend, .approveExtension, .reply, .reject, .reply, .approve, .revisit,
                .reopen, .reply, .approve,
            ])
        #expect(history.ticket.state == .closed)
        #expect(history.ticket.eventCount == 13)
        // Reopened Thursday 03-13: 14, 17, 18, 19, 20, 21, 24, 25, 26, Thu 27 → 24:00 on 03-27.
        #expect(history.ticket.deadline == makeInstant("2025-03-28T00:00+08:00"))
        #expect(history.ticket.onTime == true)
        #expect(history.ticket.revisitedAt == nil)
    }

    @Test func replayingAllEventsGivesTheFinalTicket() throws {
        let history = try makeLongLife()
        #expect(try Ticket.replay(history.events) == history.ticket)
    }

    @Test(arguments: 1...13)
    func replayingAPrefixGivesThePastState(count: Int) throws {
        let history = try makeLongLife()
        #expect(try Ticket.replay(Array(history.events.prefix(count))) == history.snapshots[count - 1])
    }

    @Test func anEventOutOfOrderIsInconsistent() throws {
        var events = try makeLongLife().events
        events.swapAt(3, 4)
        let error = try #require(throws: ReplayError.self) { try Ticket.replay(events) }
        guard case .inconsistent("20250303-000001", 5, _) = error else {
            Issue.record("expected inconsistent at event 5, got \(error)")
            return
        }
        #expect(error.kind == .badData)
    }

    @Test func aMissingEventIsInconsistent() throws {
        var events = try makeLongLife().events
        events.remove(at: 6)
        let error = try #require(throws: ReplayError.self) { try Ticket.replay(events) }
        guard case .inconsistent(_, 8, let message) = error else {
            Issue.record("expected inconsistent at event 8, got \(error)")
            return
        }
        #expect(message.english.contains("7"))
    }

    @Test func anEventFromAnotherStateIsInconsistent() throws {
        var events = try makeLongLife().events
        events[2].from = .received  // sign says it starts from received; the ticket is dispatched
        #expect(throws: ReplayError.self) { try Ticket.replay(events) }
    }

    @Test func aHistoryMustBeginWithItsCreation() throws {
        let events = try makeLongLife().events
        #expect(throws: ReplayError.self) { try Ticket.replay(Array(events.dropFirst())) }
        #expect(throws: ReplayError.self) { try Ticket.replay([]) }
        var second = events
        second.insert(events[0], at: 1)
        #expect(throws: ReplayError.self) { try Ticket.replay(second) }
    }
}
