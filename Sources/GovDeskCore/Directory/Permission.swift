/// Writes and reads that need a role outside the state machines' own rule tables (DESIGN §11.1). The table is the
/// one place that says which roles hold each; the administrator holds every one.
public enum Permission: String, CaseIterable, Sendable {
    /// `calendar add`: a year's holiday notice, and the recomputation of provisional deadlines it brings.
    case addCalendar = "calendar add"
    /// `db backup`: a copy of everything, personal data included.
    case backup = "db backup"

    /// The roles that hold this permission besides the administrator.
    public var roles: [Role] {
        switch self {
        case .addCalendar: return []
        case .backup: return [.supervisor]
        }
    }

    /// Checks that `actor` holds this permission.
    public func authorize(_ actor: StaffMember) throws(PermissionError) {
        if actor.roles.contains(.admin) || !actor.roles.isDisjoint(with: roles) { return }
        throw PermissionError(actor: actor.code, roles: actor.sortedRoles, permission: self)
    }
}

/// A write or read refused because the actor lacks the role the permission table names.
public struct PermissionError: GovDeskError, Equatable {
    public var actor: String
    public var roles: [Role]
    public var permission: Permission

    public var kind: FailureKind { .refused }

    public var description: String {
        let has = roles.isEmpty ? "no role" : roles.map(\.rawValue).joined(separator: ", ")
        let needed = ([Role.admin] + permission.roles).map(\.rawValue).joined(separator: " or ")
        return "\(actor) (\(has)) may not \(permission.rawValue); it needs the role \(needed)"
    }
}
