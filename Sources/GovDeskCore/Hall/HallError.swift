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
    case inactive(what: Phrase, code: String)
    /// The action is not allowed in the case's state.
    case caseNotAllowed(number: String, state: CaseState, action: CaseAction, allowed: [CaseAction])
    /// The action is not allowed in the finding's state.
    case findingNotAllowed(number: String, state: FindingState, action: FindingAction, allowed: [FindingAction])
    /// The actor's roles do not include one the action needs.
    case roleDenied(actor: String, roles: [Role], action: Phrase, needed: [Role])
    /// Window staff acting on a case of another window.
    case windowDenied(actor: String, window: String, action: Phrase)
    /// The actor took `earlier` on the case or finding `record` and may not now check their own work with `action`
    /// (rate their own case, verify their own rectification); `others` may.
    case ownWork(actor: String, record: String, action: Phrase, earlier: Phrase, others: [Role])
    /// A manual score (业务考试 and the like) for the person recording it.
    case ownScore(actor: String)
    /// A materials request with the same list as the case's last one: the form sent twice, not a second request.
    case sameMaterialsAgain(number: String)
    /// A second rating of the same case.
    case alreadyRated(number: String)
    /// A field value that cannot be accepted.
    case invalidField(name: String, message: Phrase)
    /// The month's evaluation is finalised and is never recomputed.
    case monthFinalized(month: String)
    /// The month has no evaluation yet.
    case noEvaluation(month: String)
    /// The month has not ended at the command's clock: its evaluation can be neither run nor finalised yet.
    case monthNotOver(month: String, endsOn: String, action: Phrase)

    public var kind: FailureKind {
        switch self {
        case .unknownWindow, .unknownItem, .unknownOfficer, .unknownCase, .unknownFinding: return .badData
        case .itemNotAtWindow, .inactive, .caseNotAllowed, .findingNotAllowed, .roleDenied, .windowDenied,
            .ownWork, .ownScore, .sameMaterialsAgain, .alreadyRated, .monthFinalized, .noEvaluation, .monthNotOver:
            return .refused
        case .invalidField: return .usage
        }
    }

    static func allowedText(_ allowed: [String]) -> String {
        allowed.isEmpty
            ? "no action is allowed now"
            : "\(TicketError.list(allowed)) \(allowed.count == 1 ? "is" : "are") allowed now"
    }
}
