import Foundation
import GRDB
import GovDeskCore
import GovDeskTestSupport
import GovDeskStore
import Testing

/// Requests the store must refuse without writing anything.
///
/// Each runs against the scene `makeScene` sets up: ticket A dispatched to CGJ, ticket B still received.
enum Refusal: String, CaseIterable, Sendable {
    case wrongState, wrongRole, wrongDepartment, unknownDepartment, unknownActor, unknownTicket, unknownMergeTarget
    case badIntake, pendingExtension

    struct Scene {
        let database: GovDeskDatabase
        let dispatched: String
        let received: String
    }

    /// Ticket A, dispatched to CGJ (co ZJJ), and ticket B, still received.
    static func makeScene(_ database: GovDeskDatabase) throws -> Scene {
        let a = try database.makeTicket(at: "2025-03-03T09:00+08:00")
        try database.run(.dispatch(lead: "CGJ", co: ["ZJJ"]), a, by: "pd1", at: "2025-03-03T10:00+08:00")
        let b = try database.makeTicket(at: "2025-03-03T09:30+08:00")
        return Scene(database: database, dispatched: a, received: b)
    }

    /// The allowed steps a refusal needs first: for a second extension request, A is signed and has one pending.
    func prepare(_ scene: Scene) throws {
        guard self == .pendingExtension else { return }
        try scene.database.run(.sign, scene.dispatched, by: "cgj1", at: "2025-03-03T11:00+08:00")
        try scene.database.run(
            .extend(days: 2, reason: "需协调。"), scene.dispatched, by: "cgj1", at: "2025-03-03T11:30+08:00")
    }

    /// The request that must be refused.
    func attempt(in scene: Scene) throws {
        let db = scene.database
        let a = scene.dispatched
        let b = scene.received
        let noon = "2025-03-03T12:00+08:00"
        switch self {
        case .wrongState: try db.run(.approve, a, by: "sh1", at: noon)
        case .wrongRole: try db.run(.sign, a, by: "op1", at: noon)
        case .wrongDepartment: try db.run(.sign, a, by: "zjj1", at: noon)
        case .unknownDepartment: try db.run(.dispatch(lead: "XXX", co: []), b, by: "pd1", at: noon)
        case .unknownActor: try db.run(.sign, a, by: "nobody", at: noon)
        case .unknownTicket: try db.run(.sign, "20250303-000099", by: "cgj1", at: noon)
        case .unknownMergeTarget:
            try db.run(.merge(into: "20250303-000099", targetState: .received), b, by: "pd1", at: noon)
        case .badIntake:
            _ = try db.createTicket(
                makeIntake(phone: "abc"), actor: "op1", at: makeInstant(noon), localTime: makeLocalTime())
        case .pendingExtension: try db.run(.extend(days: 1, reason: "再延。"), a, by: "cgj1", at: noon)
        }
    }

    func expectedError(in scene: Scene) -> any Error & Equatable {
        switch self {
        case .wrongState:
            return TicketError.notAllowed(
                number: scene.dispatched, state: .dispatched, action: .approve,
                allowed: [.sign, .returnTicket, .merge, .urge])
        case .wrongRole:
            return TicketError.roleDenied(actor: "op1", roles: [.operator], action: .sign, needed: [.liaison])
        case .wrongDepartment:
            return TicketError.departmentDenied(
                actor: "zjj1", department: "ZJJ", number: scene.dispatched, lead: "CGJ", action: .sign)
        case .unknownDepartment: return StoreError.unknownDepartment("XXX")
        case .unknownActor: return StoreError.unknownStaff("nobody")
        case .unknownTicket, .unknownMergeTarget: return TicketError.unknownTicket("20250303-000099")
        case .badIntake:
            return TicketError.invalidField(
                name: "phone", message: CoreText.notAPhoneNumber.phrase)
        case .pendingExtension: return TicketError.extensionPending(number: scene.dispatched, days: 2)
        }
    }

    var expectedKind: FailureKind {
        switch self {
        case .wrongState, .wrongRole, .wrongDepartment, .pendingExtension: return .refused
        case .unknownDepartment, .unknownActor, .unknownTicket, .unknownMergeTarget: return .badData
        case .badIntake: return .usage
        }
    }
}

/// Whether two errors are the same value of the same type.
func isSameError(_ error: any Error, _ expected: any Error & Equatable) -> Bool {
    func equals<E: Error & Equatable>(_ expected: E) -> Bool { (error as? E) == expected }
    return equals(expected)
}

struct RefusalTests {
    @Test(arguments: Refusal.allCases)
    func aRefusedRequestWritesNothing(refusal: Refusal) throws {
        // Given a database with a dispatched and a received ticket
        let database = try makeDatabase()
        let scene = try Refusal.makeScene(database)
        try refusal.prepare(scene)
        let before = try database.dumpAllTables()

        // When the request is refused
        let error = try #require(throws: (any Error).self) { try refusal.attempt(in: scene) }

        // Then the error says why, with the right kind, and no table changed
        #expect(isSameError(error, refusal.expectedError(in: scene)), "got \(error)")
        #expect((error as? any GovDeskError)?.kind == refusal.expectedKind)
        #expect(try database.dumpAllTables() == before)
    }

    @Test func theDumpSeesAWrite() throws {
        // Guards the test above: a dump that ignored writes would make every refusal pass.
        let database = try makeDatabase()
        let scene = try Refusal.makeScene(database)
        let before = try database.dumpAllTables()
        try database.run(.sign, scene.dispatched, by: "cgj1", at: "2025-03-03T11:00+08:00")
        #expect(try database.dumpAllTables() != before)
    }

    @Test func aRefusedIntakeDoesNotUseUpANumber() throws {
        let database = try makeDatabase()
        #expect(throws: TicketError.self) {
            try database.createTicket(
                makeIntake(phone: "abc"), actor: "op1", at: makeInstant("2025-03-03T09:00+08:00"),
                localTime: makeLocalTime())
        }
        #expect(try database.makeTicket(at: "2025-03-03T09:01+08:00") == "20250303-000001")
    }
}
