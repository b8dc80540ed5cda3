import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

/// DESIGN §2.3 "who": the one role that may take each action (besides admin).
let designRoles: [TicketAction: Role] = [
    .resolve: .operator, .dispatch: .dispatcher, .sign: .liaison, .returnTicket: .liaison, .extend: .liaison,
    .approveExtension: .supervisor, .denyExtension: .supervisor, .reply: .liaison, .approve: .reviewer,
    .reject: .reviewer, .revisit: .operator, .reopen: .supervisor, .merge: .dispatcher, .urge: .supervisor,
]

/// The test staff member holding only `role` (the liaison is CGJ's, the lead department of test tickets).
func makeStaffCode(for role: Role) -> String {
    switch role {
    case .operator: return "op1"
    case .dispatcher: return "pd1"
    case .liaison: return "cgj1"
    case .reviewer: return "sh1"
    case .supervisor: return "db1"
    case .admin: return "admin"
    case .window, .officerAdmin: fatalError("no test staff member is \(role)")
    }
}

struct TicketMachinePermissionTests {
    static let roles: [Role] = [.operator, .dispatcher, .liaison, .reviewer, .supervisor]

    @Test(arguments: commandActions, roles)
    func onlyTheRoleTheDesignNamesMayAct(action: TicketAction, role: Role) throws {
        let from = try #require(TicketMachine.rule(for: action)?.from.first)
        let history = try makeHistory(in: from, readyFor: action)
        let actor = makeStaffCode(for: role)
        let mayAct = designRoles[action] == role

        if mayAct {
            let ticket = try history.decide(makeCommand(action), by: actor)
            #expect(ticket.eventCount == history.ticket.eventCount + 1)
        } else {
            let error = try #require(throws: TicketError.self) {
                try history.decide(makeCommand(action), by: actor)
            }
            #expect(
                error
                    == .roleDenied(
                        actor: actor, roles: [role], action: action,
                        needed: TicketMachine.rule(for: action)?.neededRoles ?? []))
            #expect(error.kind == .refused)
        }
    }

    @Test func anOperatorCannotDispatch() throws {
        let history = try makeHistory(in: .received)
        #expect(
            throws: TicketError.roleDenied(actor: "op1", roles: [.operator], action: .dispatch, needed: [.dispatcher])
        ) {
            try history.decide(makeCommand(.dispatch), by: "op1")
        }
    }

    @Test func aLiaisonCannotApprove() throws {
        let history = try makeHistory(in: .replied)
        let error = try #require(throws: TicketError.self) { try history.decide(.approve, by: "cgj1") }
        #expect(error == .roleDenied(actor: "cgj1", roles: [.liaison], action: .approve, needed: [.reviewer]))
        #expect(error.description.contains("cgj1 (liaison) may not approve"))
        #expect(error.description.contains("reviewer"))
    }

    @Test(arguments: [
        (TicketState.dispatched, TicketAction.sign),
        (.dispatched, .returnTicket),
        (.handling, .returnTicket),
        (.handling, .extend),
        (.handling, .reply),
    ])
    func aLiaisonOfAnotherDepartmentIsRefused(state: TicketState, action: TicketAction) throws {
        let history = try makeHistory(in: state)  // sent to CGJ
        let error = try #require(throws: TicketError.self) {
            try history.decide(makeCommand(action), by: "zjj1")
        }
        #expect(
            error
                == .departmentDenied(
                    actor: "zjj1", department: "ZJJ", number: "20250303-000001", lead: "CGJ", action: action))
        #expect(error.kind == .refused)
        #expect(error.description.contains("was sent to CGJ"))
    }

    @Test func aCoDepartmentLiaisonMayNotSignEither() throws {
        let history = try makeHistory(in: .dispatched)
        try #require(history.ticket.coDepartments == ["ZJJ"])
        #expect(throws: TicketError.self) { try history.decide(.sign, by: "zjj1") }
    }

    @Test func anAdministratorOfTheCentreMaySignForAnyDepartment() throws {
        let history = try makeHistory(in: .dispatched)
        #expect(try history.decide(.sign, by: "admin").state == .handling)
    }

    @Test func theStateIsCheckedBeforeTheRole() throws {
        let history = try makeHistory(in: .received)
        #expect(
            throws: TicketError.notAllowed(
                number: "20250303-000001", state: .received, action: .approve,
                allowed: [.resolve, .dispatch, .merge])
        ) {
            try history.decide(.approve, by: "cgj1")
        }
    }

    @Test(arguments: ["op1", "admin"])
    func createIsAllowedToAnOperator(actor: String) throws {
        let (ticket, event) = try TicketMachine.create(
            number: "20250303-000001", intake: makeIntake(), by: makeStaffMember(actor),
            at: makeInstant("2025-03-03T09:00+08:00"))
        #expect(ticket.state == .received)
        #expect(event.action == .create)
        #expect(event.from == nil)
        #expect(event.actor == actor)
    }

    @Test(arguments: ["cgj1", "sh1"])
    func createIsRefusedToOtherRoles(actor: String) {
        #expect(throws: TicketError.self) {
            try TicketMachine.create(
                number: "20250303-000001", intake: makeIntake(), by: makeStaffMember(actor),
                at: makeInstant("2025-03-03T09:00+08:00"))
        }
    }

    @Test func aStaffMemberWithoutRolesMayDoNothing() throws {
        let history = try makeHistory(in: .received)
        let nobody = StaffMember(code: "x1", name: "无角色", department: "CGJ", roles: [])
        #expect(throws: TicketError.self) {
            try TicketMachine.decide(
                makeCommand(.dispatch), on: history.ticket, by: nobody, at: history.clock, rules: makeRules())
        }
    }
}
