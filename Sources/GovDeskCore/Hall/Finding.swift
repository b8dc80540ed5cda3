import Foundation

/// Where a finding stands (DESIGN §5.4).
public enum FindingState: String, CaseIterable, Sendable, Labelled {
    /// 待交办: filed, not yet assigned.
    case open
    /// 整改中: assigned (交办) to a department with a rectification deadline.
    case assigned
    /// 待核验: the department reports it rectified (整改).
    case rectified
    /// 已核验: the rectification is checked and accepted (核验).
    case verified

    public var chineseLabel: String {
        switch self {
        case .open: return "待交办"
        case .assigned: return "整改中"
        case .rectified: return "待核验"
        case .verified: return "已核验"
        }
    }

    public var englishLabel: String { rawValue }
}

/// What happens to a finding; each is one `findingEvent`.
public enum FindingAction: String, CaseIterable, Sendable, Labelled {
    case create
    /// 交办, with a deadline.
    case assign
    /// 整改, with a note.
    case rectify
    /// 核验
    case verify
    /// 退回重改: back to assigned with a new deadline.
    case reopen
    /// 督办函: a supervision letter named the finding (recorded by `letters issue`, not a user command).
    case letter
    /// 期限重算: a provisional rectification deadline recomputed when its year's calendar was added (DESIGN §3).
    case recompute

    public var chineseLabel: String {
        switch self {
        case .create: return "登记"
        case .assign: return "交办"
        case .rectify: return "整改"
        case .verify: return "核验"
        case .reopen: return "退回重改"
        case .letter: return "督办函"
        case .recompute: return "期限重算"
        }
    }

    public var englishLabel: String { rawValue }
}

/// Who found it.
public enum FindingSource: String, CaseIterable, Sendable, Labelled {
    /// 体验员
    case officer
    /// 我陪群众走流程: a walkthrough by a staff member.
    case walkthrough
    /// 差评: opened automatically by a rating of 1 or 2.
    case rating

    public var chineseLabel: String {
        switch self {
        case .officer: return "体验员"
        case .walkthrough: return "我陪群众走流程"
        case .rating: return "差评"
        }
    }

    public var englishLabel: String { rawValue }
}

/// What kind of problem it is.
public enum FindingKind: String, CaseIterable, Sendable, Labelled {
    /// 办事难
    case hard
    /// 办事慢
    case slow
    /// 办事繁
    case cumbersome
    /// 服务态度
    case attitude
    case other

    public var chineseLabel: String {
        switch self {
        case .hard: return "办事难"
        case .slow: return "办事慢"
        case .cumbersome: return "办事繁"
        case .attitude: return "服务态度"
        case .other: return "其他"
        }
    }

    public var englishLabel: String { rawValue }
}

/// A finding's current columns; its `findingEvent` rows are the history.
public struct Finding: Equatable, Sendable {
    public var number: String
    public var source: FindingSource
    /// The officer code (source officer) or staff code (walkthrough); nil for a rating.
    public var reporter: String?
    public var reportedAt: Date
    public var window: String?
    public var item: String?
    /// The department responsible for rectifying it.
    public var department: String
    /// The staff member it is against, when known (a bad rating's first-responsible staff).
    public var staff: String?
    public var kind: FindingKind
    public var description: String
    /// The case and rating score behind a finding opened by a 差评.
    public var caseNumber: String?
    public var state: FindingState = .open
    public var deadline: Date?
    public var assignedAt: Date?
    public var rectifiedAt: Date?
    public var rectifyNote: String?
    public var verifiedAt: Date?
    public var reopenCount = 0
    public var eventCount = 1

    public init(
        number: String, source: FindingSource, reporter: String?, reportedAt: Date, window: String?, item: String?,
        department: String, staff: String? = nil, kind: FindingKind, description: String, caseNumber: String? = nil
    ) {
        self.number = number
        self.source = source
        self.reporter = reporter
        self.reportedAt = reportedAt
        self.window = window
        self.item = item
        self.department = department
        self.staff = staff
        self.kind = kind
        self.description = description
        self.caseNumber = caseNumber
    }

    /// Assigned and past its rectification deadline at `instant`.
    public func isOverdue(at instant: Date) -> Bool {
        guard state == .assigned, let deadline else { return false }
        return deadline < instant
    }
}

/// One entry of a finding's audit trail: appended once, never changed.
public struct FindingEvent: Equatable, Sendable {
    public var sequence: Int
    public var action: FindingAction
    public var from: FindingState?
    public var to: FindingState
    public var actor: String
    public var at: Date
    /// The rectification deadline this event set (assign, reopen).
    public var deadline: Date?
    public var details: [String: String]
    /// When it was recorded (DESIGN §11.2); nil for events written before two times existed.
    public var recordedAt: Date?

    public init(
        sequence: Int, action: FindingAction, from: FindingState?, to: FindingState, actor: String, at: Date,
        deadline: Date? = nil, details: [String: String] = [:]
    ) {
        self.sequence = sequence
        self.action = action
        self.from = from
        self.to = to
        self.actor = actor
        self.at = at
        self.deadline = deadline
        self.details = details
    }
}

/// A request to act on an existing finding.
public enum FindingCommand: Equatable, Sendable {
    /// 交办 with a deadline `days` working days from now.
    case assign(days: Int, note: String?)
    case rectify(note: String)
    case verify(note: String?)
    case reopen(reason: String, days: Int)

    public var action: FindingAction {
        switch self {
        case .assign: return .assign
        case .rectify: return .rectify
        case .verify: return .verify
        case .reopen: return .reopen
        }
    }
}

/// The finding state machine (DESIGN §5.4): pure and table-driven, like `TicketMachine`.
public enum FindingMachine {
    public typealias Rule = TransitionRule<FindingState, FindingAction>

    /// open → assigned → rectified → verified, or rectified/verified → assigned (reopen). A liaison rectifies only their
    /// own department's findings; no one verifies a rectification they reported. `admin` may do everything else.
    public static let table = RuleTable<FindingState, FindingAction>([
        Rule(.create, from: [], to: .state(.open), roles: [.officerAdmin, .supervisor]),
        Rule(.assign, from: [.open], to: .state(.assigned), roles: [.officerAdmin, .supervisor]),
        Rule(
            .rectify, from: [.assigned], to: .state(.rectified), roles: [.officerAdmin, .supervisor], own: [.liaison]),
        Rule(
            .verify, from: [.rectified], to: .state(.verified), roles: [.officerAdmin, .supervisor], notBy: [.rectify]),
        Rule(.reopen, from: [.rectified, .verified], to: .state(.assigned), roles: [.officerAdmin, .supervisor]),
    ])

    public static var rules: [Rule] { table.rules }

    /// Default rectification limit in working days, also the limit for a 差评 (DESIGN §5.3).
    public static let defaultRectificationDays = 15

    public static func rule(for action: FindingAction) -> Rule? { table.rule(for: action) }

    public static func allowedActions(in state: FindingState) -> [FindingAction] { table.allowedActions(in: state) }

    /// Checks the actor's role, and for a liaison that the finding is against their department; `pastActors` are who
    /// took the finding's earlier actions, for the table's `notBy`.
    public static func authorize(
        _ action: FindingAction, by actor: StaffMember, department: String?, number: String? = nil,
        pastActors: [FindingAction: Set<String>] = [:]
    ) throws(HallError) {
        guard let rule = rule(for: action) else { return }
        let own = department.map { $0 == actor.department } ?? true
        switch table.refusal(of: action, by: actor, own: own, pastActors: pastActors) {
        case nil: return
        case .role(let needed)?:
            throw .roleDenied(
                actor: actor.code, roles: actor.sortedRoles, action: CoreText.findingAction(action).phrase,
                needed: needed)
        case .notOwn?:
            throw .roleDenied(
                actor: actor.code, roles: actor.sortedRoles,
                action: CoreText.findingOfDepartment(action, department ?? "").phrase, needed: rule.roles)
        case .ownWork(let earlier)?:
            throw .ownWork(
                actor: actor.code, record: number ?? "", action: action.phrase, earlier: earlier.phrase,
                others: rule.roles)
        }
    }

    /// Checks a new finding and returns it with its creation event. `system` skips the role check: a 差评 opens
    /// its finding whoever records the rating.
    public static func create(
        _ draft: Finding, by actor: StaffMember, system: Bool = false
    ) throws -> (finding: Finding, event: FindingEvent) {
        if !system { try authorize(.create, by: actor, department: draft.department) }
        var finding = draft
        finding.description = try TicketMachine.requiredText(draft.description, "description")
        switch draft.source {
        case .officer, .walkthrough:
            guard let reporter = draft.reporter, !reporter.isEmpty else {
                throw HallError.invalidField(
                    name: "--reporter",
                    message: CoreText.reporterNeeded(draft.source).phrase)
            }
        case .rating:
            if draft.caseNumber == nil {
                throw HallError.invalidField(name: "source", message: CoreText.ratingFindingByRating.phrase)
            }
        }
        finding.state = .open
        finding.eventCount = 1
        var details = ["source": draft.source.rawValue, "kind": draft.kind.rawValue, "department": draft.department]
        details["reporter"] = draft.reporter
        details["window"] = draft.window
        details["item"] = draft.item
        details["staff"] = draft.staff
        details["case"] = draft.caseNumber
        details["description"] = finding.description
        let event = FindingEvent(
            sequence: 1, action: .create, from: nil, to: .open, actor: actor.code, at: draft.reportedAt,
            details: details)
        return (finding, event)
    }

    /// Decides `command` on `current`: refuses it (naming the finding, its state, the action and what is allowed),
    /// or returns the changed finding and the event to append.
    public static func decide(
        _ command: FindingCommand, on current: Finding, by actor: StaffMember, at now: Date,
        rules clocks: DeadlineRules,
        system: Bool = false, pastActors: [FindingAction: Set<String>] = [:]
    ) throws -> (finding: Finding, event: FindingEvent) {
        let action = command.action
        guard let rule = table.rule(for: action, in: current.state) else {
            throw HallError.findingNotAllowed(
                number: current.number, state: current.state, action: action,
                allowed: allowedActions(in: current.state))
        }
        if !system {
            try authorize(
                action, by: actor, department: current.department, number: current.number, pastActors: pastActors)
        }
        var next = current
        var details: [String: String] = [:]
        var deadline: Date?
        switch command {
        case .assign(let days, let note):
            deadline = try rectificationDeadline(from: now, days: days, rules: clocks)
            next.assignedAt = now
            details["days"] = String(days)
            if let note = try TicketMachine.optionalText(note, "note") { details["note"] = note }
        case .rectify(let note):
            let text = try TicketMachine.requiredText(note, "note")
            next.rectifiedAt = now
            next.rectifyNote = text
            details["note"] = text
            if let d = current.deadline { details["onTime"] = String(now <= d) }
        case .verify(let note):
            next.verifiedAt = now
            if let note = try TicketMachine.optionalText(note, "note") { details["note"] = note }
        case .reopen(let reason, let days):
            details["reason"] = try TicketMachine.requiredText(reason, "reason")
            deadline = try rectificationDeadline(from: now, days: days, rules: clocks)
            details["days"] = String(days)
            next.assignedAt = now
            next.rectifiedAt = nil
            next.rectifyNote = nil
            next.verifiedAt = nil
            next.reopenCount = try StoredCount.incremented(
                current.reopenCount, "reopen count", of: "finding \(current.number)")
        }
        if let deadline {
            next.deadline = deadline
            details["deadline"] = EpochText.encode(deadline)
            DeadlineRecomputation.mark(&details, deadline: deadline, rules: clocks)
        }
        next.state = rule.to.state(from: current.state)
        next.eventCount = try StoredCount.nextEvent(after: current.eventCount, of: "finding \(current.number)")
        let event = FindingEvent(
            sequence: next.eventCount, action: action, from: current.state, to: next.state, actor: actor.code, at: now,
            deadline: deadline, details: details)
        return (next, event)
    }

    /// 24:00 of the `days`-th working day after today.
    public static func rectificationDeadline(from now: Date, days: Int, rules: DeadlineRules) throws -> Date {
        guard (1...90).contains(days) else {
            throw HallError.invalidField(name: "--days", message: CoreText.findingDays(days).phrase)
        }
        return try rules.workingDaysDeadline(from: now, days: days)
    }
}
