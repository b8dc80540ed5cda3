import Foundation
import GovDeskCore
import GovDeskTestSupport
import GovDeskStore
import Testing

struct TicketLifeTests {
    /// The long life of the replay test, through the store, each step by the staff whose job it is.
    func makeLongLife(_ database: GovDeskDatabase) throws -> String {
        let n = try database.makeTicket(at: "2025-03-03T09:00+08:00")
        try database.run(.dispatch(lead: "CGJ", co: ["ZJJ"]), n, by: "pd1", at: "2025-03-03T10:00+08:00")
        try database.run(.sign, n, by: "cgj1", at: "2025-03-03T11:00+08:00")
        try database.run(.extend(days: 3, reason: "需住建局配合。"), n, by: "cgj1", at: "2025-03-04T09:00+08:00")
        try database.run(.approveExtension, n, by: "db1", at: "2025-03-04T10:00+08:00")
        try database.run(.reply(text: "已约谈经营户。", outcome: .partly), n, by: "cgj1", at: "2025-03-10T15:00+08:00")
        try database.run(.reject(reason: "未说明整改期限。"), n, by: "sh1", at: "2025-03-10T16:00+08:00")
        try database.run(.reply(text: "已取缔占道摊点。", outcome: .resolved), n, by: "cgj1", at: "2025-03-11T15:00+08:00")
        try database.run(.approve, n, by: "sh1", at: "2025-03-11T16:00+08:00")
        try database.run(
            .revisit(satisfaction: 2, resolved: .partly, note: "仍有夜间摆摊"), n, by: "op1", at: "2025-03-12T10:00+08:00")
        try database.run(.reopen(reason: "回访不满意。"), n, by: "db1", at: "2025-03-13T09:00+08:00")
        try database.run(.reply(text: "已安排夜间巡查。", outcome: .resolved), n, by: "cgj1", at: "2025-03-20T15:00+08:00")
        try database.run(.approve, n, by: "sh1", at: "2025-03-20T16:00+08:00")
        return n
    }

    @Test func theTimelineListsEveryActionInOrder() throws {
        let database = try makeDatabase()
        let number = try makeLongLife(database)

        let timeline = try database.events(of: number).map { event in
            "\(event.sequence) \(event.action.rawValue) \(event.from?.rawValue ?? "-") → \(event.to.rawValue) by \(event.actor)"
        }

        #expect(
            timeline == [
                "1 create - → received by op1",
                "2 dispatch received → dispatched by pd1",
                "3 sign dispatched → handling by cgj1",
                "4 extend handling → handling by cgj1",
                "5 approve-extension handling → handling by db1",
                "6 reply handling → replied by cgj1",
                "7 reject replied → handling by sh1",
                "8 reply handling → replied by cgj1",
                "9 approve replied → closed by sh1",
                "10 revisit closed → closed by op1",
                "11 reopen closed → handling by db1",
                "12 reply handling → replied by cgj1",
                "13 approve replied → closed by sh1",
            ])
    }

    @Test func theStoredTicketIsWhatItsEventsReplayTo() throws {
        let database = try makeDatabase()
        let number = try makeLongLife(database)
        let ticket = try database.ticket(number)
        let events = try database.events(of: number)

        #expect(try Ticket.replay(events) == ticket)
        #expect(ticket.state == .closed)
        #expect(ticket.eventCount == 13)
        #expect(ticket.leadDepartment == "CGJ")
        #expect(ticket.coDepartments == ["ZJJ"])
        // Reopened Thursday 03-13: 14, 17, 18, 19, 20, 21, 24, 25, 26, Thu 27 → 24:00 on 03-27.
        #expect(ticket.deadline == makeInstant("2025-03-28T00:00+08:00"))
        #expect(ticket.onTime == true)
        #expect(ticket.answerText == "已安排夜间巡查。")
        #expect(ticket.revisitedAt == nil)
        #expect(events[4].details[DetailKey.deadline] == EpochText.encode(makeInstant("2025-03-21T00:00+08:00")))
    }

    @Test func everyPastStateIsInTheEvents() throws {
        let database = try makeDatabase()
        let number = try makeLongLife(database)
        let events = try database.events(of: number)
        let states = try (1...events.count).map { try Ticket.replay(Array(events.prefix($0))).state }
        #expect(
            states == [
                .received, .dispatched, .handling, .handling, .handling, .replied, .handling, .replied, .closed,
                .closed,
                .handling, .replied, .closed,
            ])
    }

    @Test func applyReturnsTheTicketAsStored() throws {
        let database = try makeDatabase()
        let number = try database.makeTicket(at: "2025-03-03T09:00+08:00")
        let dispatched = try database.run(
            .dispatch(lead: "CGJ", co: []), number, by: "pd1", at: "2025-03-03T10:00+08:00")
        #expect(try database.ticket(number) == dispatched)
        let signed = try database.run(.sign, number, by: "cgj1", at: "2025-03-03T11:00+08:00")
        #expect(try database.ticket(number) == signed)
        #expect(signed.deadline == makeInstant("2025-03-18T00:00+08:00"))
    }

    @Test func mergeLooksUpTheTargetInTheSameTransaction() throws {
        let database = try makeDatabase()
        let original = try database.makeTicket(at: "2025-03-03T09:00+08:00")
        let duplicate = try database.makeTicket(at: "2025-03-03T09:05+08:00")
        let closed = try database.makeTicket(at: "2025-03-03T09:10+08:00")
        try database.run(.resolve(text: "已答复。"), closed, by: "op1", at: "2025-03-03T09:20+08:00")

        // The state the caller passes is ignored: the store reads the target's own.
        let error = try #require(throws: TicketError.self) {
            try database.run(
                .merge(into: closed, targetState: .received), duplicate, by: "pd1", at: "2025-03-03T10:00+08:00")
        }
        guard case .invalidMergeTarget = error else {
            Issue.record("expected invalidMergeTarget, got \(error)")
            return
        }
        let merged = try database.run(
            .merge(into: original, targetState: .closed), duplicate, by: "pd1", at: "2025-03-03T10:00+08:00")
        #expect(merged.state == .merged)
        #expect(merged.mergedInto == original)
    }
}
