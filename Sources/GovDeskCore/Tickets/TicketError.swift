/// Refusals and input errors of the work-order engine.
public enum TicketError: GovDeskError, Equatable {
    /// The action is not allowed in the ticket's state.
    case notAllowed(number: String, state: TicketState, action: TicketAction, allowed: [TicketAction])
    /// The actor's roles do not include one the action needs.
    case roleDenied(actor: String, roles: [Role], action: TicketAction, needed: [Role])
    /// A liaison acting on a ticket sent to another department.
    case departmentDenied(actor: String, department: String, number: String, lead: String?, action: TicketAction)
    /// The actor took `earlier` on this ticket and may not check their own work with `action` (approving their own
    /// reply).
    case ownWork(actor: String, number: String, action: TicketAction, earlier: TicketAction)
    /// A second extension request while one is pending.
    case extensionPending(number: String, days: Int)
    /// Approving or denying an extension that nobody asked for.
    case noPendingExtension(number: String)
    /// Extending a ticket that has no deadline (an imported one).
    case noDeadline(number: String)
    /// Asking for or approving an extension, returning or merging after the deadline in force (shown as local time) has
    /// passed: each would take a late ticket out of the late ones.
    case deadlinePassed(number: String, action: TicketAction, deadline: String)
    /// A second revisit of the same closure.
    case alreadyRevisited(number: String)
    /// Merging into itself or into a ticket that is not open.
    case invalidMergeTarget(number: String, target: String, reason: Phrase)
    /// A field value the engine cannot accept.
    case invalidField(name: String, message: Phrase)
    /// No ticket has this number.
    case unknownTicket(String)

    public var kind: FailureKind {
        switch self {
        case .notAllowed, .roleDenied, .departmentDenied, .ownWork, .extensionPending, .noPendingExtension, .noDeadline,
            .deadlinePassed, .alreadyRevisited, .invalidMergeTarget:
            return .refused
        case .invalidField:
            return .usage
        case .unknownTicket:
            return .badData
        }
    }

    /// `a, b or c`.
    static func list(_ items: [String], joiner: String = "or") -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(joiner) " + items.last!
    }
}
