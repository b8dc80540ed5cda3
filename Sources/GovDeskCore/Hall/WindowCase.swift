import Foundation

/// Where a window case (办件) stands.
public enum CaseState: String, CaseIterable, Sendable, Labelled {
    /// 办理中: received, not yet finished.
    case open
    /// 已办结
    case completed
    /// 不予办理: refused with a reason.
    case refused

    public var chineseLabel: String {
        switch self {
        case .open: return "办理中"
        case .completed: return "已办结"
        case .refused: return "不予办理"
        }
    }

    public var englishLabel: String { rawValue }
}

/// What happens to a case; each is one `caseEvent`.
public enum CaseAction: String, CaseIterable, Sendable, Labelled {
    /// 受理: the case is logged; the actor becomes its first-responsible staff (首问负责).
    case receive
    /// 补正材料: the applicant must bring missing materials (another visit).
    case requestMaterials = "request-materials"
    /// 办结
    case complete
    /// 不予办理
    case refuse
    /// 好差评: the applicant's rating.
    case rate
    /// 督办函: a supervision letter named the case (recorded by `letters issue`, not a user command).
    case letter
    /// 期限重算: a provisional due time recomputed when its year's calendar was added (DESIGN §3).
    case recompute

    public var chineseLabel: String {
        switch self {
        case .receive: return "受理"
        case .requestMaterials: return "补正材料"
        case .complete: return "办结"
        case .refuse: return "不予办理"
        case .rate: return "评价"
        case .letter: return "督办函"
        case .recompute: return "期限重算"
        }
    }

    public var englishLabel: String { rawValue }
}

/// The five rating levels of 好差评 (DESIGN §5.3).
public enum RatingLevel: Int, CaseIterable, Sendable, Labelled {
    case veryDissatisfied = 1, dissatisfied, fair, satisfied, verySatisfied

    /// A 差评: 2 or 1.
    public var isBad: Bool { rawValue <= 2 }

    public var chineseLabel: String {
        switch self {
        case .verySatisfied: return "非常满意"
        case .satisfied: return "满意"
        case .fair: return "基本满意"
        case .dissatisfied: return "不满意"
        case .veryDissatisfied: return "非常不满意"
        }
    }

    public var englishLabel: String {
        switch self {
        case .verySatisfied: return "very satisfied"
        case .satisfied: return "satisfied"
        case .fair: return "fair"
        case .dissatisfied: return "dissatisfied"
        case .veryDissatisfied: return "very dissatisfied"
        }
    }
}

/// A window case's current columns; its `caseEvent` rows are the history.
public struct WindowCase: Equatable, Sendable {
    public var number: String
    public var item: String
    public var window: String
    /// 首问负责: the staff member who received the case; never changes.
    public var firstResponsible: String
    public var applicantName: String
    public var applicantPhone: String
    public var receivedAt: Date
    /// 限时办结: from the item's committed working days.
    public var due: Date
    public var state: CaseState = .open
    public var finishedAt: Date?
    public var refusalReason: String?
    /// 跑动次数: visits the applicant made; 1 at intake, one more per materials request.
    public var visits: Int = 1
    public var materialRequests: Int = 0
    /// Materials requests after the first: breaches of 一次性告知.
    public var breaches: Int = 0
    public var rating: Int?
    public var eventCount: Int = 1

    public init(
        number: String, item: String, window: String, firstResponsible: String, applicantName: String,
        applicantPhone: String, receivedAt: Date, due: Date
    ) {
        self.number = number
        self.item = item
        self.window = window
        self.firstResponsible = firstResponsible
        self.applicantName = applicantName
        self.applicantPhone = applicantPhone
        self.receivedAt = receivedAt
        self.due = due
    }

    /// Finished no later than due; nil while open.
    public var onTime: Bool? { finishedAt.map { $0 <= due } }

    /// Open past its due time at `instant`.
    public func isOverdue(at instant: Date) -> Bool { state == .open && due < instant }
}

/// One entry of a case's audit trail: appended once, never changed.
public struct CaseEvent: Equatable, Sendable {
    public var sequence: Int
    public var action: CaseAction
    public var from: CaseState?
    public var to: CaseState
    public var actor: String
    public var at: Date
    /// A repeated materials request: a breach of 一次性告知 counted against `actor`.
    public var breach: Bool
    /// The visit count after this event.
    public var visits: Int
    public var details: [String: String]
    /// When it was recorded (DESIGN §11.2); nil for events written before two times existed.
    public var recordedAt: Date?

    public init(
        sequence: Int, action: CaseAction, from: CaseState?, to: CaseState, actor: String, at: Date,
        breach: Bool = false,
        visits: Int, details: [String: String] = [:]
    ) {
        self.sequence = sequence
        self.action = action
        self.from = from
        self.to = to
        self.actor = actor
        self.at = at
        self.breach = breach
        self.visits = visits
        self.details = details
    }
}

/// A request to act on an existing case.
public enum CaseCommand: Equatable, Sendable {
    case requestMaterials(materials: String)
    case complete(note: String?)
    case refuse(reason: String)
    case rate(score: Int, comment: String?)

    public var action: CaseAction {
        switch self {
        case .requestMaterials: return .requestMaterials
        case .complete: return .complete
        case .refuse: return .refuse
        case .rate: return .rate
        }
    }
}

/// The window-case rules (DESIGN §5.2): a pure table of who may do what in which state.
public enum CaseMachine {
    public typealias Rule = TransitionRule<CaseState, CaseAction>

    /// Window staff work the cases of their own window. A rating is the applicant's: the staff of the case's window
    /// record it where the applicant rates, and a supervisor one that came otherwise (`Permission.recordRating`); never
    /// the staff member who received or finished the case. `admin` may do everything else and is not listed.
    public static let table = RuleTable<CaseState, CaseAction>([
        Rule(.receive, from: [], to: .state(.open), own: [.window]),
        Rule(.requestMaterials, from: [.open], to: .same, own: [.window]),
        Rule(.complete, from: [.open], to: .state(.completed), own: [.window]),
        Rule(.refuse, from: [.open], to: .state(.refused), own: [.window]),
        Rule(
            .rate, from: [.completed, .refused], to: .same, own: [.window], permission: .recordRating,
            notBy: [.receive, .complete, .refuse]),
    ])

    public static var rules: [Rule] { table.rules }

    public static func rule(for action: CaseAction) -> Rule? { table.rule(for: action) }

    public static func allowedActions(in state: CaseState) -> [CaseAction] { table.allowedActions(in: state) }

    /// Whether two materials lists ask for the same things: the same items, whatever their order, the separators
    /// between them (lines, commas, 、 or semicolons, in full or half width), the line endings a browser sends, blanks
    /// and letter case.
    public static func sameMaterials(_ a: String, _ b: String) -> Bool {
        materialItems(a) == materialItems(b)
    }

    static func materialItems(_ text: String) -> Set<String> {
        let separators: Set<Character> = ["\n", "\r", "\r\n", ",", "、", ";"]
        return Set(
            text.precomposedStringWithCompatibilityMapping.split(whereSeparator: { separators.contains($0) })
                .map { item in
                    item.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
                }
                .filter { !$0.isEmpty })
    }

    /// 限时办结: 24:00 of the item's N-th working day after the receiving day; 0 (即办) is 24:00 of that day.
    public static func dueTime(receivedAt: Date, committedDays: Int, rules: DeadlineRules) throws(CalendarError) -> Date
    {
        try rules.workingDaysDeadline(from: receivedAt, days: committedDays)
    }

    /// Checks the actor's role, and for window work that they work at `window` (`actorWindows`); `pastActors` are who
    /// took the case's earlier actions, for the table's `notBy`.
    public static func authorize(
        _ action: CaseAction, by actor: StaffMember, window: String, actorWindows: Set<String>, number: String? = nil,
        pastActors: [CaseAction: Set<String>] = [:]
    ) throws {
        guard let rule = rule(for: action) else { return }
        let refusal = table.refusal(
            of: action, by: actor, own: actorWindows.contains(window), pastActors: pastActors)
        switch refusal {
        case nil: return
        case .ownWork(let earlier)?:
            throw HallError.ownWork(
                actor: actor.code, record: number ?? "", action: action.phrase, earlier: earlier.phrase,
                others: rule.neededRoles)
        case .role?, .notOwn?:
            if let permission = rule.permission {
                throw PermissionError(
                    actor: actor.code, roles: actor.sortedRoles, permission: permission,
                    also: CoreText.alsoWindowStaff(window).phrase)
            }
            if case .role(let needed)? = refusal {
                throw HallError.roleDenied(
                    actor: actor.code, roles: actor.sortedRoles, action: action.phrase, needed: needed)
            }
            throw HallError.windowDenied(actor: actor.code, window: window, action: action.phrase)
        }
    }

    /// A new case and its `receive` event; the actor is its first-responsible staff.
    public static func receive(
        number: String, item: ServiceItem, window: String, applicantName: String, applicantPhone: String,
        by actor: StaffMember, actorWindows: Set<String>, at now: Date, rules clocks: DeadlineRules
    ) throws -> (case: WindowCase, event: CaseEvent) {
        try authorize(.receive, by: actor, window: window, actorWindows: actorWindows)
        let name = try TicketMachine.requiredText(applicantName, "applicant name")
        if TextLength.exceeds(name, 100) {
            throw HallError.invalidField(name: "applicant name", message: TextLength.message(name, limit: 100))
        }
        let phone = applicantPhone.trimmingCharacters(in: .whitespaces)
        if !phone.isEmpty, !PhoneNumber.isPlausible(phone) {
            throw HallError.invalidField(
                name: "phone", message: CoreText.notAPhoneNumber.phrase)
        }
        guard item.windows.contains(window) else {
            throw HallError.itemNotAtWindow(item: item.code, window: window, windows: item.windows)
        }
        let due = try dueTime(receivedAt: now, committedDays: item.committedDays, rules: clocks)
        let c = WindowCase(
            number: number, item: item.code, window: window, firstResponsible: actor.code, applicantName: name,
            applicantPhone: phone, receivedAt: now, due: due)
        var details = [
            "item": item.code, "window": window, "due": EpochText.encode(due),
            "committedDays": String(item.committedDays),
        ]
        DeadlineRecomputation.mark(&details, deadline: due, rules: clocks)
        let event = CaseEvent(
            sequence: 1, action: .receive, from: nil, to: .open, actor: actor.code, at: now, visits: 1,
            details: details)
        return (c, event)
    }

    /// Decides `command` on `current`: refuses it, or returns the changed case and the event to append.
    public static func decide(
        _ command: CaseCommand, on current: WindowCase, by actor: StaffMember, actorWindows: Set<String>, at now: Date,
        pastActors: [CaseAction: Set<String>] = [:], lastMaterials: String? = nil
    ) throws -> (case: WindowCase, event: CaseEvent) {
        let action = command.action
        guard let rule = table.rule(for: action, in: current.state) else {
            throw HallError.caseNotAllowed(
                number: current.number, state: current.state, action: action,
                allowed: allowedActions(in: current.state))
        }
        try authorize(
            action, by: actor, window: current.window, actorWindows: actorWindows, number: current.number,
            pastActors: pastActors)
        var next = current
        var breach = false
        var details: [String: String] = [:]
        switch command {
        case .requestMaterials(let materials):
            let asked = try TicketMachine.requiredText(materials, "materials")
            // The same list again is the request already made (a form sent twice), not a second one: it would count a
            // breach of 一次性告知 against the asker for nothing.
            if let lastMaterials, sameMaterials(lastMaterials, asked) {
                throw HallError.sameMaterialsAgain(number: current.number)
            }
            details["materials"] = asked
            breach = current.materialRequests >= 1
            let record = "case \(current.number)"
            next.materialRequests = try StoredCount.incremented(
                current.materialRequests, "materials request count", of: record)
            next.visits = try StoredCount.incremented(current.visits, "visit count", of: record)
            if breach {
                next.breaches = try StoredCount.incremented(current.breaches, "breach count", of: record)
                details["breach"] = "一次性告知: request \(next.materialRequests) on this case"
            }
        case .complete(let note):
            next.state = .completed
            next.finishedAt = now
            if let note = try TicketMachine.optionalText(note, "note") { details["note"] = note }
            details["onTime"] = String(now <= current.due)
        case .refuse(let reason):
            let text = try TicketMachine.requiredText(reason, "reason")
            next.state = .refused
            next.finishedAt = now
            next.refusalReason = text
            details["reason"] = text
            details["onTime"] = String(now <= current.due)
        case .rate(let score, let comment):
            if current.rating != nil { throw HallError.alreadyRated(number: current.number) }
            guard RatingLevel(rawValue: score) != nil else {
                throw HallError.invalidField(
                    name: "--score", message: CoreText.score(score).phrase)
            }
            next.rating = score
            details["score"] = String(score)
            if let comment = try TicketMachine.optionalText(comment, "comment") { details["comment"] = comment }
        }
        next.eventCount = try StoredCount.nextEvent(after: current.eventCount, of: "case \(current.number)")
        let to = rule.to.state(from: current.state)
        let event = CaseEvent(
            sequence: next.eventCount, action: action, from: current.state, to: to, actor: actor.code, at: now,
            breach: breach, visits: next.visits, details: details)
        return (next, event)
    }
}
