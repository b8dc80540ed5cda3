import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

struct TicketIntakeTests {
    /// `intake` with one field changed.
    func makeIntake(_ change: (inout Ticket.Intake) -> Void) -> Ticket.Intake {
        var intake = GovDeskCoreTests.makeIntake()
        change(&intake)
        return intake
    }

    func create(_ intake: Ticket.Intake) throws -> Ticket {
        try TicketMachine.create(
            number: "20250303-000001", intake: intake, by: makeStaffMember("op1"),
            at: makeInstant("2025-03-03T09:00+08:00")
        ).ticket
    }

    @Test func aValidIntakeCreatesAReceivedTicketWithItsFields() throws {
        let (ticket, event) = try TicketMachine.create(
            number: "20250303-000001", intake: GovDeskCoreTests.makeIntake(), by: makeStaffMember("op1"),
            at: makeInstant("2025-03-03T09:00+08:00"))
        #expect(ticket.number == "20250303-000001")
        #expect(ticket.state == .received)
        #expect(ticket.intake == GovDeskCoreTests.makeIntake())
        #expect(ticket.createdAt == makeInstant("2025-03-03T09:00+08:00"))
        #expect(ticket.eventCount == 1)
        #expect(event.sequence == 1)
        #expect(event.to == .received)
        #expect(event.details[DetailKey.number] == "20250303-000001")
        #expect(event.details[DetailKey.callerPhone] == "13812341234")
    }

    @Test(arguments: [
        ("", "description"),
        ("  \n ", "description"),
        (String(repeating: "噪", count: 4001), "description"),
    ])
    func theDescriptionIsRequiredAndAtMost4000Characters(description: String, field: String) {
        let intake = makeIntake { $0.description = description }
        let error = #expect(throws: TicketError.self) { try create(intake) }
        #expect(error?.fieldName == field)
        #expect(error?.kind == .usage)
    }

    @Test func aDescriptionOfExactly4000CharactersIsAccepted() throws {
        let description = String(repeating: "噪", count: 4000)
        #expect(try create(makeIntake { $0.description = description }).description == description)
    }

    @Test(arguments: ["", "/", "城市管理//占道经营", "城市管理/市容环境/占道经营/夜市", "城市管理/ /占道经营", "城市管理/"])
    func aTopicMustBeAPathOfUpToThreeLevels(topic: String) {
        let error = #expect(throws: TicketError.self) { try create(makeIntake { $0.topic = topic }) }
        #expect(error?.fieldName == "topic")
    }

    @Test(arguments: ["城市管理", "城市管理/市容环境", "城市管理/市容环境/占道经营"])
    func topicsOfOneToThreeLevelsAreAccepted(topic: String) throws {
        #expect(try create(makeIntake { $0.topic = topic }).topic == topic)
    }

    @Test(arguments: ["abc", "1234", "138-1234-abcd", "13812341234x", "++8613812341234", "123456789012345678901"])
    func aPhoneMustLookLikeAPhoneNumber(phone: String) {
        let error = #expect(throws: TicketError.self) { try create(makeIntake { $0.callerPhone = phone }) }
        #expect(error?.fieldName == "phone")
    }

    @Test(arguments: ["13812341234", "+86 138 1234 1234", "010-12345678", "12345", ""])
    func plausiblePhonesAndAnAnonymousCallerAreAccepted(phone: String) throws {
        #expect(try create(makeIntake { $0.callerPhone = phone }).callerPhone == phone)
    }

    @Test func aCallerNameIsAtMost100Characters() throws {
        let error = #expect(throws: TicketError.self) {
            try create(makeIntake { $0.callerName = String(repeating: "张", count: 101) })
        }
        #expect(error?.fieldName == "caller name")
        #expect(try create(makeIntake { $0.callerName = String(repeating: "张", count: 100) }).callerName.count == 100)
    }
}
