import Foundation

/// Where a rule's action leads.
public enum RuleTarget<State: Hashable & Sendable>: Hashable, Sendable {
    case state(State)
    /// The record stays in the state it is in.
    case same

    /// The state reached from `current`.
    public func state(from current: State) -> State {
        switch self {
        case .state(let state): return state
        case .same: return current
        }
    }
}

/// One row of a state machine's rule table (DESIGN §2.3, §5.2, §5.4): from which states an action leads where, and who
/// may take it. The administrator may take every action and is never listed.
public struct TransitionRule<State: Hashable & Sendable, Action: Hashable & Sendable>: Sendable {
    public let action: Action
    /// The states it may be taken in; empty for the action that creates the record.
    public let from: [State]
    public let to: RuleTarget<State>
    /// Roles that may take it on any record.
    public let roles: [Role]
    /// Roles that may take it only on a record of their own: a ticket sent to their department, a case of their window,
    /// a finding against their department. The machine says what "their own" is.
    public let ownRoles: [Role]
    /// The permission of `Permission`'s table whose roles may also take it on any record (DESIGN §11.1).
    public let permission: Permission?
    /// Earlier actions on the same record whose actor may not take this one: no one approves their own reply, verifies
    /// their own rectification or rates their own case. It binds the administrator too.
    public let notBy: [Action]

    public init(
        _ action: Action, from: [State], to: RuleTarget<State>, roles: [Role] = [], own ownRoles: [Role] = [],
        permission: Permission? = nil, notBy: [Action] = []
    ) {
        self.action = action
        self.from = from
        self.to = to
        self.roles = roles
        self.ownRoles = ownRoles
        self.permission = permission
        self.notBy = notBy
    }

    /// Every role that may take it somewhere, for messages: the permission's, then the rule's own, each once.
    public var neededRoles: [Role] {
        var seen = Set<Role>()
        return ((permission?.roles ?? []) + roles + ownRoles).filter { seen.insert($0).inserted }
    }
}

/// Why a rule table refuses an actor an action; each machine words it in its own error.
public enum RuleRefusal<Action: Hashable & Sendable>: Equatable, Sendable {
    /// No role of the actor may take it; `needed` lists those that may.
    case role(needed: [Role])
    /// The actor's role allows it only on a record of their own, and this one is not.
    case notOwn
    /// The actor took `earlier` on this record and may not now take the action that checks it.
    case ownWork(earlier: Action)
}

/// A state machine's rule table: the one engine behind tickets (`TicketMachine`), window cases (`CaseMachine`) and
/// findings (`FindingMachine`). Pure: the caller supplies what it knows of the record (whether it is the actor's own,
/// who took its earlier actions); the machine adds its own checks of the values an action carries.
public struct RuleTable<State: Hashable & Sendable, Action: Hashable & Sendable>: Sendable {
    public typealias Rule = TransitionRule<State, Action>

    /// In the order a person reads them, which is also the order actions are offered in.
    public let rules: [Rule]
    private let index: [Action: Int]

    /// A table with one rule per action; a second rule for an action is a programming error.
    public init(_ rules: [Rule]) {
        self.rules = rules
        var index: [Action: Int] = [:]
        for (position, rule) in rules.enumerated() {
            precondition(index[rule.action] == nil, "two rules for \(rule.action)")
            index[rule.action] = position
        }
        self.index = index
    }

    public func rule(for action: Action) -> Rule? { index[action].map { rules[$0] } }

    /// The actions the table allows in `state`, in the table's order.
    public func allowedActions(in state: State) -> [Action] {
        rules.filter { $0.from.contains(state) }.map(\.action)
    }

    /// The rule of `action` when `state` allows it, else nil.
    public func rule(for action: Action, in state: State) -> Rule? {
        guard let rule = rule(for: action), rule.from.contains(state) else { return nil }
        return rule
    }

    /// Why `actor` may not take `action`, or nil when they may. `own` says whether the record is the actor's own (true
    /// when no record is at hand yet); `pastActors` who took earlier actions on it, for the rule's `notBy`.
    public func refusal(
        of action: Action, by actor: StaffMember, own: Bool, pastActors: [Action: Set<String>] = [:]
    ) -> RuleRefusal<Action>? {
        guard let rule = rule(for: action) else { return .role(needed: [.admin]) }
        let mayAct: RuleRefusal<Action>? = {
            if actor.roles.contains(.admin) { return nil }
            if rule.permission?.isHeld(by: actor) == true || !actor.roles.isDisjoint(with: rule.roles) { return nil }
            if !actor.roles.isDisjoint(with: rule.ownRoles) { return own ? nil : .notOwn }
            return .role(needed: rule.neededRoles)
        }()
        if let mayAct { return mayAct }
        if let earlier = rule.notBy.first(where: { pastActors[$0]?.contains(actor.code) == true }) {
            return .ownWork(earlier: earlier)
        }
        return nil
    }

    /// Who took the latest of each action in `history` (oldest first): what a rule's `notBy` is checked against. The
    /// latest, because a checking action checks the work just done: a rectification verified after a reopen is the
    /// second one, not the first.
    public static func latestActors(_ history: [(action: Action, actor: String)]) -> [Action: Set<String>] {
        var latest: [Action: Set<String>] = [:]
        for entry in history { latest[entry.action] = [entry.actor] }
        return latest
    }
}
