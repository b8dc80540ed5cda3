import Foundation
import GovDeskCore
import GovDeskTestSupport
import GovDeskStore
import Testing

/// Five tickets of the first week of March 2025:
///
/// | number | type | created | state | departments | deadline |
/// | --- | --- | --- | --- | --- | --- |
/// | 20250303-000001 | complaint | Mon 03 09:00 | handling | CGJ, co ZJJ | 03-18 00:00 (24:00 on 03-17) |
/// | 20250304-000001 | consult | Tue 04 09:00 | handling | ZJJ | 03-08 00:00 (24:00 on Fri 03-07) |
/// | 20250305-000001 | help | Wed 05 09:00 | received | — | — |
/// | 20250306-000001 | consult | Thu 06 09:00 | closed (resolved) | — | — |
/// | 20250306-000002 | suggestion | Thu 06 10:00 | replied 03-07 | ZJJ | 03-21 00:00 (24:00 on 03-20) |
struct TicketFilterTests {
    let complaint = "20250303-000001"
    let consult = "20250304-000001"
    let help = "20250305-000001"
    let resolved = "20250306-000001"
    let suggestion = "20250306-000002"

    func makeFilledDatabase() throws -> GovDeskDatabase {
        let database = try makeDatabase()
        try database.makeTicket(type: .complaint, at: "2025-03-03T09:00+08:00")
        try database.run(.dispatch(lead: "CGJ", co: ["ZJJ"]), complaint, by: "pd1", at: "2025-03-03T10:00+08:00")
        try database.run(.sign, complaint, by: "cgj1", at: "2025-03-03T11:00+08:00")

        try database.makeTicket(type: .consult, at: "2025-03-04T09:00+08:00")
        try database.run(.dispatch(lead: "ZJJ", co: []), consult, by: "pd1", at: "2025-03-04T10:00+08:00")
        try database.run(.sign, consult, by: "zjj1", at: "2025-03-04T11:00+08:00")

        try database.makeTicket(type: .help, at: "2025-03-05T09:00+08:00")

        try database.makeTicket(type: .consult, at: "2025-03-06T09:00+08:00")
        try database.run(.resolve(text: "已答复。"), resolved, by: "op1", at: "2025-03-06T09:05+08:00")

        try database.makeTicket(type: .suggestion, at: "2025-03-06T10:00+08:00")
        try database.run(.dispatch(lead: "ZJJ", co: []), suggestion, by: "pd1", at: "2025-03-06T10:30+08:00")
        try database.run(.sign, suggestion, by: "zjj1", at: "2025-03-06T11:00+08:00")
        try database.run(
            .reply(text: "已采纳。", outcome: .resolved), suggestion, by: "zjj1", at: "2025-03-07T11:00+08:00")
        return database
    }

    func numbers(_ database: GovDeskDatabase, _ change: (inout TicketFilter) -> Void) throws -> [String] {
        var filter = TicketFilter()
        change(&filter)
        return try database.tickets(matching: filter).map(\.number)
    }

    @Test func theFixtureHasTheDeadlinesTheTableSays() throws {
        let database = try makeFilledDatabase()
        #expect(try database.ticket(complaint).deadline == makeInstant("2025-03-18T00:00+08:00"))
        #expect(try database.ticket(consult).deadline == makeInstant("2025-03-08T00:00+08:00"))
        #expect(try database.ticket(suggestion).deadline == makeInstant("2025-03-21T00:00+08:00"))
    }

    @Test func noFilterListsEveryTicketNewestFirst() throws {
        let database = try makeFilledDatabase()
        #expect(try numbers(database) { _ in } == [suggestion, resolved, help, consult, complaint])
        #expect(try numbers(database) { $0.limit = 2 } == [suggestion, resolved])
    }

    @Test func byState() throws {
        let database = try makeFilledDatabase()
        #expect(try numbers(database) { $0.states = [.handling] } == [consult, complaint])
        #expect(try numbers(database) { $0.states = [.received, .closed] } == [resolved, help])
        #expect(try numbers(database) { $0.states = [.merged] } == [])
    }

    @Test func byDepartmentLeadOrCo() throws {
        let database = try makeFilledDatabase()
        #expect(try numbers(database) { $0.department = "CGJ" } == [complaint])
        #expect(try numbers(database) { $0.department = "ZJJ" } == [suggestion, consult, complaint])
        #expect(try numbers(database) { $0.department = "RX12345" } == [])
    }

    /// Department codes are case-sensitive keys (`department.code` is a binary-collated primary key), so `zjj` is
    /// not `ZJJ`, whether ZJJ leads the ticket or co-handles it.
    @Test(arguments: ["zjj", "Zjj", "ZJ", "JJ"])
    func aDepartmentCodeMatchesExactlyAsLeadAndAsCo(code: String) throws {
        let database = try makeFilledDatabase()
        #expect(try numbers(database) { $0.department = code } == [])
    }

    @Test func byType() throws {
        let database = try makeFilledDatabase()
        #expect(try numbers(database) { $0.type = .consult } == [resolved, consult])
        #expect(try numbers(database) { $0.type = .report } == [])
    }

    @Test(arguments: [
        ("2025-03-08T00:00+08:00", [String]()),  // exactly at the deadline is not overdue yet
        ("2025-03-08T00:00:01+08:00", ["20250304-000001"]),
        ("2025-03-18T00:00:01+08:00", ["20250304-000001", "20250303-000001"]),
        // The suggestion was replied on time: even after its deadline it is not overdue.
        ("2025-04-01T00:00+08:00", ["20250304-000001", "20250303-000001"]),
    ])
    func overdueAt(instant: String, expected: [String]) throws {
        let database = try makeFilledDatabase()
        #expect(try numbers(database) { $0.overdueAt = makeInstant(instant) } == expected)
    }

    @Test func dueBetweenListsOpenUnrepliedTicketsDueInTheInterval() throws {
        let database = try makeFilledDatabase()
        #expect(
            try numbers(database) {
                $0.dueBetween = makeInstant("2025-03-15T00:00+08:00")...makeInstant("2025-03-19T00:00+08:00")
            } == [complaint])
        #expect(
            try numbers(database) {
                $0.dueBetween = makeInstant("2025-03-01T00:00+08:00")...makeInstant("2025-03-31T00:00+08:00")
            } == [consult, complaint])  // the replied suggestion is not waiting for anyone
    }

    @Test func byCreationRangeWithAnExclusiveEnd() throws {
        let database = try makeFilledDatabase()
        #expect(
            try numbers(database) {
                $0.createdFrom = makeInstant("2025-03-04T00:00+08:00")
                $0.createdBefore = makeInstant("2025-03-06T00:00+08:00")
            } == [help, consult])
        #expect(
            try numbers(database) {
                $0.createdFrom = makeInstant("2025-03-06T09:00+08:00")
                $0.createdBefore = makeInstant("2025-03-06T10:00+08:00")
            } == [resolved])
    }

    @Test func filtersCombine() throws {
        let database = try makeFilledDatabase()
        #expect(
            try numbers(database) {
                $0.department = "ZJJ"; $0.states = [.handling]
            } == [consult, complaint])
        #expect(
            try numbers(database) {
                $0.department = "ZJJ"; $0.type = .suggestion
            } == [suggestion])
    }
}
