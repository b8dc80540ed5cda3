import Foundation
import GovDeskCore
import GovDeskTestSupport
import GovDeskStore
import Testing

struct TicketNumberingTests {
    @Test func numbersCountUpPerLocalDay() throws {
        let database = try makeDatabase()
        // 23:30 and 00:10 in Shanghai are the same UTC day (15:30 and 16:10 on 03-01), but different local days.
        #expect(try database.makeTicket(at: "2025-03-01T09:00+08:00") == "20250301-0001")
        #expect(try database.makeTicket(at: "2025-03-01T23:30+08:00") == "20250301-0002")
        #expect(try database.makeTicket(at: "2025-03-02T00:10+08:00") == "20250302-0001")
        #expect(try database.makeTicket(at: "2025-03-02T08:00+08:00") == "20250302-0002")
        #expect(try database.makeTicket(at: "2025-03-01T23:59:59+08:00") == "20250301-0003")  // backdated entry
    }

    @Test func theCreationEventIsStoredWithTheTicket() throws {
        let database = try makeDatabase()
        let createdAt = makeInstant("2025-03-03T09:00+08:00")
        let ticket = try database.createTicket(makeIntake(), actor: "op1", at: createdAt, localTime: makeLocalTime())

        #expect(try database.ticket(ticket.number) == ticket)
        let events = try database.events(of: ticket.number)
        try #require(events.count == 1)
        let event = events[0]
        #expect(event.sequence == 1)
        #expect(event.action == .create)
        #expect(event.from == nil)
        #expect(event.to == .received)
        #expect(event.actor == "op1")
        #expect(event.at == createdAt)
        #expect(event.details[DetailKey.number] == ticket.number)
        #expect(event.details[DetailKey.description] == "人民路夜市占道经营，噪音扰民。")
        #expect(try Ticket.replay(events) == ticket)
    }

    @Test func anUnknownTicketIsBadData() throws {
        let database = try makeDatabase()
        let error = try #require(throws: TicketError.self) { try database.ticket("20250303-0001") }
        #expect(error == .unknownTicket("20250303-0001"))
        #expect(error.kind == .badData)
    }

    @Test func aDatabaseWithoutStaffSaysToRunInit() throws {
        let database = try GovDeskDatabase.inMemory()
        #expect(try !database.isInitialized())
        let error = try #require(throws: StoreError.self) {
            try database.createTicket(
                makeIntake(), actor: "op1", at: makeInstant("2025-03-03T09:00+08:00"), localTime: makeLocalTime())
        }
        #expect(error == .notInitialized(path: ":memory:"))
        #expect(error.description.contains("govdesk init"))
    }

    @Test func loadingReferenceDataIsAllOrNothing() throws {
        let database = try GovDeskDatabase.inMemory()
        var reference = makeReferenceData()
        reference.staff.append(StaffMember(code: "x1", name: "无部门", department: "NOPE", roles: [.liaison]))
        #expect(throws: StoreError.unknownDepartment("NOPE")) { try database.load(reference) }
        #expect(try database.departments().isEmpty)
        #expect(try database.staff().isEmpty)

        try database.load(makeReferenceData())
        #expect(try database.departments().map(\.code) == ["CGJ", "RX12345", "ZJJ"])
        #expect(try database.staffMember("cgj1") == makeReferenceData().staff[3])
        #expect(throws: StoreError.duplicate(what: "department", code: "CGJ")) {
            try database.addDepartment(Department(code: "CGJ", name: "城管", kind: .bureau), actor: "admin", at: Date())
        }
    }
}
