/// Everything that can happen to a work order; each is one CLI subcommand and one audit event (DESIGN §2.3).
///
/// The last two are recorded by the system rather than asked for by a person: the machine's table never
/// allows them as commands.
public enum TicketAction: String, CaseIterable, Sendable, Codable, Labelled {
    case create
    /// 直办: answered at intake.
    case resolve
    /// 派单: sent to a lead department with optional co-departments.
    case dispatch
    /// 签收: the lead department accepts the ticket.
    case sign
    /// 退单: the lead department sends a mis-sent ticket back.
    case returnTicket = "return"
    /// 延期申请: the lead department asks for more working days.
    case extend
    case approveExtension = "approve-extension"
    case denyExtension = "deny-extension"
    /// 答复: the lead department replies.
    case reply
    /// 审核通过: the reviewer approves the reply and the ticket closes.
    case approve
    /// 驳回: the reviewer sends the reply back.
    case reject
    /// 回访: the caller is asked whether they are satisfied.
    case revisit
    /// 重办: a supervisor reopens a closed ticket.
    case reopen
    /// 合并: a duplicate is folded into another open ticket.
    case merge
    /// 催办: a supervisor's note to hurry the department.
    case urge
    /// A supervision letter (提醒函 / 预警函) was issued for the ticket.
    case letter
    /// An imported ticket was closed in its source system.
    case importClose = "import-close"
    /// 期限重算: a provisional deadline recomputed when its year's calendar was added (DESIGN §3); never earlier.
    case recompute

    public var chineseLabel: String {
        switch self {
        case .create: return "受理"
        case .resolve: return "直办"
        case .dispatch: return "派单"
        case .sign: return "签收"
        case .returnTicket: return "退单"
        case .extend: return "延期申请"
        case .approveExtension: return "批准延期"
        case .denyExtension: return "驳回延期"
        case .reply: return "答复"
        case .approve: return "审核通过"
        case .reject: return "驳回"
        case .revisit: return "回访"
        case .reopen: return "重办"
        case .merge: return "合并"
        case .urge: return "催办"
        case .letter: return "督办函"
        case .importClose: return "导入办结"
        case .recompute: return "期限重算"
        }
    }

    public var englishLabel: String { rawValue }
}
