/// Refusals and input errors of the service hall: windows, items, cases, ratings, findings and evaluation.
public enum HallError: GovDeskError, Equatable {
    /// No window has this code.
    case unknownWindow(String)
    /// No service item has this code.
    case unknownItem(String)
    /// No officer has this code.
    case unknownOfficer(String)
    /// No case has this number.
    case unknownCase(String)
    /// No finding has this number.
    case unknownFinding(String)
    /// The item is not received at this window.
    case itemNotAtWindow(item: String, window: String, windows: [String])
    /// The window or item is inactive.
    case inactive(what: String, code: String)
    /// The action is not allowed in the case's state.
    case caseNotAllowed(number: String, state: CaseState, action: CaseAction, allowed: [CaseAction])
    /// The action is not allowed in the finding's state.
    case findingNotAllowed(number: String, state: FindingState, action: FindingAction, allowed: [FindingAction])
    /// The actor's roles do not include one the action needs.
    case roleDenied(actor: String, roles: [Role], action: String, needed: [Role])
    /// Window staff acting on a case of another window.
    case windowDenied(actor: String, window: String, action: String)
    /// A second rating of the same case.
    case alreadyRated(number: String)
    /// A field value that cannot be accepted.
    case invalidField(name: String, message: String)
    /// The month's evaluation is finalised and is never recomputed.
    case monthFinalized(month: String)
    /// The month has no evaluation yet.
    case noEvaluation(month: String)
    /// The month has not ended at the command's clock: its evaluation can be neither run nor finalised yet.
    case monthNotOver(month: String, endsOn: String, action: String)

    public var kind: FailureKind {
        switch self {
        case .unknownWindow, .unknownItem, .unknownOfficer, .unknownCase, .unknownFinding: return .badData
        case .itemNotAtWindow, .inactive, .caseNotAllowed, .findingNotAllowed, .roleDenied, .windowDenied,
            .alreadyRated, .monthFinalized, .noEvaluation, .monthNotOver:
            return .refused
        case .invalidField: return .usage
        }
    }

    public var description: String {
        switch self {
        case .unknownWindow(let code):
            return "no window \(Printable.quoted(code)); `govdesk window list` shows the windows"
        case .unknownItem(let code):
            return "no service item \(Printable.quoted(code)); `govdesk item list` shows the items"
        case .unknownOfficer(let code):
            return "no experience officer \(Printable.quoted(code)); `govdesk officer list` shows the officers"
        case .unknownCase(let number): return "no case \(Printable.quoted(number)); `govdesk case list` shows the cases"
        case .unknownFinding(let number):
            return "no finding \(Printable.quoted(number)); `govdesk finding list` shows the findings"
        case .itemNotAtWindow(let item, let window, let windows):
            let at = windows.isEmpty ? "no window" : windows.joined(separator: ", ")
            return "item \(item) is not received at window \(window); it is received at \(at)"
        case .inactive(let what, let code): return "\(what) \(code) is inactive"
        case .caseNotAllowed(let number, let state, let action, let allowed):
            return "case \(number) is \(state.bothLabels); \(action.rawValue) is not allowed: "
                + Self.allowedText(allowed.map(\.rawValue))
        case .findingNotAllowed(let number, let state, let action, let allowed):
            return "finding \(number) is \(state.bothLabels); \(action.rawValue) is not allowed: "
                + Self.allowedText(allowed.map(\.rawValue))
        case .roleDenied(let actor, let roles, let action, let needed):
            let has = roles.isEmpty ? "no role" : roles.map(\.rawValue).joined(separator: ", ")
            return "\(actor) (\(has)) may not \(action): it needs the role " + TicketError.list(needed.map(\.rawValue))
        case .windowDenied(let actor, let window, let action):
            return "\(actor) does not work at window \(window) and may not \(action) its cases; "
                + "only that window's staff (or an administrator) may"
        case .alreadyRated(let number):
            return "case \(number) has already been rated; one rating per case is allowed"
        case .invalidField(let name, let message): return "\(name): \(message)"
        case .monthFinalized(let month):
            return "the evaluation of \(month) is finalised and is never recomputed or changed"
        case .noEvaluation(let month):
            return "\(month) has no evaluation yet; a supervisor runs `govdesk eval run --month \(month)` first"
        case .monthNotOver(let month, let endsOn, let action):
            return "the evaluation of \(month) cannot be \(action) yet: the month has not ended (it ends at "
                + "\(endsOn) 00:00); only a month that has ended may be evaluated"
        }
    }

    static func allowedText(_ allowed: [String]) -> String {
        allowed.isEmpty
            ? "no action is allowed now"
            : "\(TicketError.list(allowed)) \(allowed.count == 1 ? "is" : "are") allowed now"
    }
}
