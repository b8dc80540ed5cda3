import Foundation
import GovDeskCore
import GovDeskTestSupport
import GovDeskStore
import Testing

struct TicketNumberingTests {
    @Test func numbersCountUpPerLocalDay() throws {
        let database = try makeDatabase()
        // 23:30 and 00:10 in Shanghai are the same UTC day (15:30 and 16:10 on 03-01), but different local days.
        #expect(try database.makeTicket(at: "2025-03-01T09:00+08:00") == "20250301-000001")
        #expect(try database.makeTicket(at: "2025-03-01T23:30+08:00") == "20250301-000002")
        #expect(try database.makeTicket(at: "2025-03-02T00:10+08:00") == "20250302-000001")
        #expect(try database.makeTicket(at: "2025-03-02T08:00+08:00") == "20250302-000002")
        #expect(try database.makeTicket(at: "2025-03-01T23:59:59+08:00") == "20250301-000003")  // backdated entry
    }

    /// Six digits keep one width, and so number order, at a city's daily volume: the 10,000th ticket of a day is
    /// `-010000`, after `-009999` (with four digits it was `-10000`, which sorts before `-9999`).
    @Test func numbersKeepTheirWidthAndOrderPastTenThousandADay() throws {
        let database = try makeDatabase()
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO ticketCounter (day, last) VALUES ('20250301', 9998)")
        }
        let numbers = try (0..<3).map { _ in try database.makeTicket(at: "2025-03-01T09:00+08:00") }
        #expect(numbers == ["20250301-009999", "20250301-010000", "20250301-010001"])
        #expect(numbers == numbers.sorted())
        #expect(Set(numbers.map(\.count)) == [15])
    }

    @Test func theMillionthTicketOfADayIsRefusedAndUsesNoNumber() throws {
        let database = try makeDatabase()
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO ticketCounter (day, last) VALUES ('20250301', 999998)")
        }
        #expect(try database.makeTicket(at: "2025-03-01T09:00+08:00") == "20250301-999999")
        let error = try #require(throws: StoreError.self) { try database.makeTicket(at: "2025-03-01T10:00+08:00") }
        #expect(error == .numbersUsedUp(what: "ticket", day: "2025-03-01", maximum: 999_999))
        #expect(error.kind == .refused)
        #expect(
            error.description
                == "no ticket number is left for 2025-03-01: 999999 were given that day, the most a day may have")
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "SELECT last FROM ticketCounter") } == 999_999)
        #expect(try database.makeTicket(at: "2025-03-02T00:00+08:00") == "20250302-000001")
    }

    @Test(arguments: [
        ("20250929-0001", "20250929", 1), ("20250929-10000", "20250929", 10_000), ("20250929-000001", "20250929", 1),
        ("20250929-999999", "20250929", 999_999),
    ])
    func ticketNumbersOfEitherWidthAreRead(number: String, day: String, sequence: Int) throws {
        let parts = try #require(RecordNumber.parts(ofTicketNumber: number))
        #expect(parts.day == day)
        #expect(parts.sequence == sequence)
    }

    @Test(arguments: ["", "20250929", "20250929-", "2025092-0001", "20250929-00a1", "BJ20250929-0001", "20250929-1-2"])
    func whatIsNotATicketNumberIsNotRead(text: String) {
        #expect(RecordNumber.parts(ofTicketNumber: text) == nil)
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
        let error = try #require(throws: TicketError.self) { try database.ticket("20250303-000001") }
        #expect(error == .unknownTicket("20250303-000001"))
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
