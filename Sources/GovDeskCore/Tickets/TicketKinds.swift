/// The state of a work order (DESIGN §2.2).
public enum TicketState: String, CaseIterable, Sendable, Codable, Labelled {
    /// 已受理: logged at intake, not yet dispatched (or returned by a department).
    case received
    /// 待签收: sent to a lead department, waiting for it to sign.
    case dispatched
    /// 办理中: signed; the department is working on it.
    case handling
    /// 待审核: the department replied; the hotline centre reviews the reply.
    case replied
    /// 已办结: approved, or resolved at intake.
    case closed
    /// 已合并: a duplicate folded into another ticket (terminal).
    case merged

    public var chineseLabel: String {
        switch self {
        case .received: return "已受理"
        case .dispatched: return "待签收"
        case .handling: return "办理中"
        case .replied: return "待审核"
        case .closed: return "已办结"
        case .merged: return "已合并"
        }
    }

    public var englishLabel: String { rawValue }

    /// Open tickets are those still to be answered: neither closed nor merged.
    public var isOpen: Bool {
        switch self {
        case .received, .dispatched, .handling, .replied: return true
        case .closed, .merged: return false
        }
    }
}

/// The kind of citizen request.
public enum TicketType: String, CaseIterable, Sendable, Codable, Labelled {
    case consult, help, complaint, report, suggestion, praise

    public var chineseLabel: String {
        switch self {
        case .consult: return "咨询"
        case .help: return "求助"
        case .complaint: return "投诉"
        case .report: return "举报"
        case .suggestion: return "建议"
        case .praise: return "表扬"
        }
    }

    public var englishLabel: String { rawValue }
}

/// How the request reached the hotline.
public enum Channel: String, CaseIterable, Sendable, Codable, Labelled {
    case phone, web, app, wechat, mailbox, other

    public var chineseLabel: String {
        switch self {
        case .phone: return "电话"
        case .web: return "网站"
        case .app: return "App"
        case .wechat: return "微信"
        case .mailbox: return "信箱"
        case .other: return "其他"
        }
    }

    public var englishLabel: String { rawValue }
}

/// Urgency decides which clock limits apply.
public enum Urgency: String, CaseIterable, Sendable, Codable, Labelled {
    case normal, urgent

    public var chineseLabel: String { self == .normal ? "一般" : "紧急" }
    public var englishLabel: String { rawValue }
}

/// What the department says its reply achieved.
public enum ReplyOutcome: String, CaseIterable, Sendable, Codable, Labelled {
    case resolved, partly, unresolved, explained

    public var chineseLabel: String {
        switch self {
        case .resolved: return "已解决"
        case .partly: return "部分解决"
        case .unresolved: return "未解决"
        case .explained: return "已解释说明"
        }
    }

    public var englishLabel: String { rawValue }
}

/// The caller's answer at the revisit (回访): was the problem solved?
public enum RevisitResolution: String, CaseIterable, Sendable, Codable, Labelled {
    case yes, partly, no

    public var chineseLabel: String {
        switch self {
        case .yes: return "已解决"
        case .partly: return "部分解决"
        case .no: return "未解决"
        }
    }

    public var englishLabel: String { rawValue }
}
