import Foundation
import GovDeskCore
import GovDeskTestSupport

/// An intake record that passes validation; change a field to test a refusal.
func makeIntake(type: TicketType = .complaint, urgency: Urgency = .normal) -> Ticket.Intake {
    Ticket.Intake(
        channel: .phone, type: type, topic: "城市管理/市容环境/占道经营", urgency: urgency, callerName: "张三",
        callerPhone: "13812341234", address: "人民路 1 号", street: "城关街道", description: "人民路夜市占道经营，噪音扰民。")
}

/// The number of an open ticket that merge commands fold duplicates into.
let mergeTargetNumber = "20250303-000099"

/// A valid command for each action a person may ask for (every action but create, letter, import-close and
/// recompute, which the system records).
func makeCommand(_ action: TicketAction) -> TicketCommand {
    switch action {
    case .resolve: return .resolve(text: "已电话告知办理流程。")
    case .dispatch: return .dispatch(lead: "CGJ", co: ["ZJJ"])
    case .sign: return .sign
    case .returnTicket: return .returnTicket(reason: "不属于本单位职责。")
    case .extend: return .extend(days: 5, reason: "需协调多个部门。")
    case .approveExtension: return .approveExtension
    case .denyExtension: return .denyExtension(reason: "理由不充分。")
    case .reply: return .reply(text: "已现场整治，取缔占道摊点。", outcome: .resolved)
    case .approve: return .approve
    case .reject: return .reject(reason: "答复未说明后续措施。")
    case .revisit: return .revisit(satisfaction: 5, resolved: .yes, note: nil)
    case .reopen: return .reopen(reason: "市民反映问题反弹。")
    case .merge: return .merge(into: mergeTargetNumber, targetState: .received)
    case .urge: return .urge(note: "请加快办理。")
    case .create, .letter, .importClose, .recompute: fatalError("\(action) is not a command")
    }
}

/// The actions a person may ask for: all of `TicketAction` but create, letter, import-close and recompute.
let commandActions: [TicketAction] = TicketAction.allCases.filter {
    ![.create, .letter, .importClose, .recompute].contains($0)
}

/// A ticket driven through real commands, one hour apart unless told otherwise, with the events they produced.
struct TicketHistory {
    var ticket: Ticket
    var events: [TicketEvent]
    /// Every state the ticket has had: `snapshots[k]` is the ticket after `events[...k]`.
    var snapshots: [Ticket]
    var clock: Date
    let rules: DeadlineRules

    /// Applies `command` by the staff member `actor` at `time` (default: one hour after the previous event).
    @discardableResult
    mutating func run(_ command: TicketCommand, by actor: String, at time: Date? = nil) throws -> TicketEvent {
        let now = time ?? clock.addingTimeInterval(3600)
        let (next, event) = try TicketMachine.decide(
            command, on: ticket, by: makeStaffMember(actor), at: now, rules: rules, pastActors: pastActors)
        ticket = next
        events.append(event)
        snapshots.append(next)
        clock = now
        return event
    }

    /// What `command` would do now, without keeping it.
    func decide(_ command: TicketCommand, by actor: String, at time: Date? = nil) throws -> Ticket {
        try TicketMachine.decide(
            command, on: ticket, by: makeStaffMember(actor), at: time ?? clock.addingTimeInterval(3600), rules: rules,
            pastActors: pastActors
        ).ticket
    }

    /// Who took each action last, as the store reads it from the trail.
    var pastActors: [TicketAction: Set<String>] {
        RuleTable<TicketState, TicketAction>.latestActors(events.map { ($0.action, $0.actor) })
    }
}

/// A new ticket created by `op1` at `createdAt` (default Monday 2025-03-03 09:00 local).
func makeHistory(
    number: String = "20250303-000001", intake: Ticket.Intake = makeIntake(),
    createdAt: Date = makeInstant("2025-03-03T09:00+08:00")
) throws -> TicketHistory {
    let (ticket, event) = try TicketMachine.create(
        number: number, intake: intake, by: makeStaffMember("op1"), at: createdAt)
    return TicketHistory(ticket: ticket, events: [event], snapshots: [ticket], clock: createdAt, rules: makeRules())
}

/// A ticket brought to `state` through the ordinary path, by the staff whose job each step is:
/// received → dispatched (to CGJ, co ZJJ) → handling → replied → closed; merged from received.
func makeHistory(in state: TicketState, intake: Ticket.Intake = makeIntake()) throws -> TicketHistory {
    var history = try makeHistory(intake: intake)
    switch state {
    case .received:
        break
    case .merged:
        try history.run(makeCommand(.merge), by: "pd1")
    case .dispatched, .handling, .replied, .closed:
        try history.run(makeCommand(.dispatch), by: "pd1")
        if state == .dispatched { break }
        try history.run(.sign, by: "cgj1")
        if state == .handling { break }
        try history.run(makeCommand(.reply), by: "cgj1")
        if state == .replied { break }
        try history.run(.approve, by: "sh1")
    }
    return history
}

/// A ticket in `state` on which `action` makes sense: a pending extension for approve- or deny-extension.
func makeHistory(in state: TicketState, readyFor action: TicketAction) throws -> TicketHistory {
    var history = try makeHistory(in: state)
    if [.approveExtension, .denyExtension].contains(action), state == .handling {
        try history.run(makeCommand(.extend), by: "cgj1")
    }
    return history
}
