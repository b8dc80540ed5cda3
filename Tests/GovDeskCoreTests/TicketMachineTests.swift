import Foundation
import GovDeskCore
import Testing

/// DESIGN §2.3 written out, one row per (action, from-state): where the action leads.
let designTransitions: [(action: TicketAction, from: TicketState, to: TicketState)] = [
    (.resolve, .received, .closed),
    (.dispatch, .received, .dispatched),
    (.sign, .dispatched, .handling),
    (.returnTicket, .dispatched, .received),
    (.returnTicket, .handling, .received),
    (.extend, .handling, .handling),
    (.approveExtension, .handling, .handling),
    (.denyExtension, .handling, .handling),
    (.reply, .handling, .replied),
    (.approve, .replied, .closed),
    (.reject, .replied, .handling),
    (.revisit, .closed, .closed),
    (.reopen, .closed, .handling),
    (.merge, .received, .merged),
    (.merge, .dispatched, .merged),
    (.merge, .handling, .merged),
    (.urge, .dispatched, .dispatched),
    (.urge, .handling, .handling),
]

/// Every (action, from-state) pair `TicketMachine.rules` allows as a command.
let allowedPairs: [(TicketAction, TicketState)] = TicketMachine.rules
    .filter { $0.action != .create }
    .flatMap { rule in rule.from.map { (rule.action, $0) } }

/// Every (state, command action) pair the table does not allow: 6 states × 14 actions, less the allowed ones.
let refusedPairs: [(TicketState, TicketAction)] = TicketState.allCases.flatMap { state in
    commandActions.filter { !TicketMachine.allowedActions(in: state).contains($0) }.map { (state, $0) }
}

struct TicketMachineTests {
    @Test func theRulesTableIsTheDesignTable() {
        func key(_ action: TicketAction, _ from: TicketState, _ to: TicketState) -> String {
            "\(action.rawValue): \(from.rawValue) → \(to.rawValue)"
        }
        let table = TicketMachine.rules.filter { $0.action != .create }.flatMap { rule in
            rule.from.map { from -> String in
                switch rule.to {
                case .state(let to): return key(rule.action, from, to)
                case .same: return key(rule.action, from, from)
                }
            }
        }
        #expect(table.sorted() == designTransitions.map { key($0.action, $0.from, $0.to) }.sorted())
        #expect(allowedPairs.count == 18)
        #expect(refusedPairs.count == 6 * 14 - 18)
    }

    @Test func allowedActionsPerStateFollowTheTableOrder() {
        #expect(TicketMachine.allowedActions(in: .received) == [.resolve, .dispatch, .merge])
        #expect(TicketMachine.allowedActions(in: .dispatched) == [.sign, .returnTicket, .merge, .urge])
        #expect(
            TicketMachine.allowedActions(in: .handling)
                == [.returnTicket, .extend, .approveExtension, .denyExtension, .reply, .merge, .urge])
        #expect(TicketMachine.allowedActions(in: .replied) == [.approve, .reject])
        #expect(TicketMachine.allowedActions(in: .closed) == [.revisit, .reopen])
        #expect(TicketMachine.allowedActions(in: .merged) == [])
    }

    @Test(arguments: allowedPairs)
    func everyAllowedTransitionLeadsWhereTheDesignSays(action: TicketAction, from: TicketState) throws {
        // Given a ticket brought to `from` by real commands
        var history = try makeHistory(in: from, readyFor: action)
        try #require(history.ticket.state == from)
        let expected = try #require(designTransitions.first { $0.action == action && $0.from == from }?.to)
        let count = history.ticket.eventCount

        // When an administrator asks for the action
        let event = try history.run(makeCommand(action), by: "admin")

        // Then the ticket is where the design says, and the event says so too
        #expect(history.ticket.state == expected)
        #expect(event.action == action)
        #expect(event.from == from)
        #expect(event.to == expected)
        #expect(event.actor == "admin")
        #expect(event.sequence == count + 1)
        #expect(history.ticket.eventCount == count + 1)
    }

    @Test(arguments: refusedPairs)
    func everyOtherStateAndActionIsRefusedNamingWhatIsAllowed(state: TicketState, action: TicketAction) throws {
        let history = try makeHistory(in: state)
        let allowed = TicketMachine.allowedActions(in: state)

        let error = try #require(throws: TicketError.self) {
            try history.decide(makeCommand(action), by: "admin")
        }

        #expect(error == .notAllowed(number: "20250303-000001", state: state, action: action, allowed: allowed))
        #expect(error.kind == .refused)
        let message = error.description
        #expect(message.contains("20250303-000001"))
        #expect(message.contains("is \(state.rawValue);"))
        // In Chinese, the state's and actions' Chinese names (issue 13: one language at a time).
        let chinese = error.chineseMessage
        #expect(chinese.contains("工单 20250303-000001 当前为「\(state.chineseLabel)」，不能\(action.chineseLabel)"))
        for other in allowed {
            #expect(chinese.contains(other.chineseLabel))
        }
        #expect(message.contains("\(action.rawValue) is not allowed"))
        for other in allowed {
            #expect(message.contains(other.rawValue))
        }
        if allowed.isEmpty {
            #expect(message.contains("no action is allowed now"))
        }
    }

    @Test func theRefusalMessageReadsAsTheStyleGuideShows() {
        let error = TicketError.notAllowed(
            number: "20241103-000007", state: .dispatched, action: .approve,
            allowed: TicketMachine.allowedActions(in: .dispatched))
        #expect(
            error.description
                == "ticket 20241103-000007 is dispatched; approve is not allowed: "
                + "sign, return, merge or urge are allowed now")
        #expect(error.message(.zh) == "工单 20241103-000007 当前为「待签收」，不能审核通过；现在可以：签收、退单、合并、催办")
    }

    @Test func aRefusalLeavesTheTicketAsItWas() throws {
        let history = try makeHistory(in: .received)
        let before = history.ticket
        #expect(throws: TicketError.self) { try history.decide(.sign, by: "admin") }
        #expect(history.ticket == before)
    }

    @Test func urgeLeavesTheStateAndRecordsTheNote() throws {
        var history = try makeHistory(in: .dispatched)
        let before = history.ticket
        let event = try history.run(.urge(note: "  请加快办理。 "), by: "db1")
        #expect(event.details[DetailKey.note] == "请加快办理。")
        var expected = before
        expected.eventCount += 1
        #expect(history.ticket == expected)
    }
}
