/// Refusals and input errors of the work-order engine.
public enum TicketError: GovDeskError, Equatable {
    /// The action is not allowed in the ticket's state.
    case notAllowed(number: String, state: TicketState, action: TicketAction, allowed: [TicketAction])
    /// The actor's roles do not include one the action needs.
    case roleDenied(actor: String, roles: [Role], action: TicketAction, needed: [Role])
    /// A liaison acting on a ticket sent to another department.
    case departmentDenied(actor: String, department: String, number: String, lead: String?, action: TicketAction)
    /// A second extension request while one is pending.
    case extensionPending(number: String, days: Int)
    /// Approving or denying an extension that nobody asked for.
    case noPendingExtension(number: String)
    /// Extending a ticket that has no deadline (an imported one).
    case noDeadline(number: String)
    /// Asking for or approving an extension after the deadline in force (shown as local time) has passed.
    case deadlinePassed(number: String, action: TicketAction, deadline: String)
    /// A second revisit of the same closure.
    case alreadyRevisited(number: String)
    /// Merging into itself or into a ticket that is not open.
    case invalidMergeTarget(number: String, target: String, reason: String)
    /// A field value the engine cannot accept.
    case invalidField(name: String, message: String)
    /// No ticket has this number.
    case unknownTicket(String)

    public var kind: FailureKind {
        switch self {
        case .notAllowed, .roleDenied, .departmentDenied, .extensionPending, .noPendingExtension, .noDeadline,
            .deadlinePassed, .alreadyRevisited, .invalidMergeTarget:
            return .refused
        case .invalidField:
            return .usage
        case .unknownTicket:
            return .badData
        }
    }

    public var description: String {
        switch self {
        case .notAllowed(let number, let state, let action, let allowed):
            let now =
                allowed.isEmpty
                ? "no action is allowed now"
                : "\(Self.list(allowed.map(\.rawValue))) \(allowed.count == 1 ? "is" : "are") allowed now"
            return "ticket \(number) is \(state.bothLabels); \(action.rawValue) is not allowed: \(now)"
        case .roleDenied(let actor, let roles, let action, let needed):
            let has = roles.isEmpty ? "no role" : roles.map(\.rawValue).joined(separator: ", ")
            return "\(actor) (\(has)) may not \(action.rawValue): it needs the role "
                + Self.list(needed.map(\.rawValue), joiner: "or")
        case .departmentDenied(let actor, let department, let number, let lead, let action):
            let target = lead.map { "was sent to \($0)" } ?? "has no lead department"
            return "\(actor) of \(department) may not \(action.rawValue) ticket \(number): it \(target); "
                + "only a liaison of the lead department may"
        case .extensionPending(let number, let days):
            return "ticket \(number) already has a pending extension request of \(days) working days; "
                + "a supervisor must approve-extension or deny-extension it first"
        case .noPendingExtension(let number):
            return "ticket \(number) has no pending extension request; the lead department asks with `ticket extend`"
        case .noDeadline(let number):
            return "ticket \(number) has no handling deadline to extend"
        case .deadlinePassed(let number, let action, let deadline):
            let what =
                action == .approveExtension
                ? "its pending extension can no longer be approved; deny it (`govdesk ticket deny-extension "
                    + "\(number)`): the ticket is late, and a reply counts against the deadline that passed"
                : "an extension (延期) must be asked for, and approved, before the deadline; the ticket is late"
            return "ticket \(number): its handling deadline \(deadline) has passed, so \(what)"
        case .alreadyRevisited(let number):
            return "ticket \(number) has already been revisited for this closure; one revisit per closure is allowed"
        case .invalidMergeTarget(let number, let target, let reason):
            return "ticket \(number) cannot be merged into \(Printable.quoted(target)): \(reason)"
        case .invalidField(let name, let message):
            return "\(name): \(message)"
        case .unknownTicket(let number):
            return "no ticket \(Printable.quoted(number)); `govdesk ticket list` shows the tickets"
        }
    }

    /// `a, b or c`.
    static func list(_ items: [String], joiner: String = "or") -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(joiner) " + items.last!
    }
}
