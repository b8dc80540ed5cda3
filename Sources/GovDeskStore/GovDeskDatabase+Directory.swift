import Foundation
import GRDB
import GovDeskCore

/// The kinds of reference data (DESIGN §11.1): added, edited, deactivated and reactivated — never deleted — by the
/// permission table's holders, each change one audit entry naming what changed from what to what.
public enum ReferenceKind: String, CaseIterable, Sendable {
    case department, staff, window, item, officer, topic

    var table: String {
        switch self {
        case .topic: return "topic"
        case .department: return "department"
        case .staff: return "staff"
        case .window: return "window"
        case .item: return "serviceItem"
        case .officer: return "officer"
        }
    }

    /// Experience officers are kept by their managers (体验员管理); the rest by an administrator.
    var permission: Permission { self == .officer ? .officers : .referenceData }

    var label: String {
        switch self {
        case .department: return "department"
        case .staff: return "staff member"
        case .window: return "window"
        case .item: return "service item"
        case .officer: return "experience officer"
        case .topic: return "topic"
        }
    }
}

/// A change of one reference record: the fields given are set, the others kept.
public struct ReferenceEdit: Sendable, Equatable {
    public var name: String?
    /// Departments: its kind.
    public var departmentKind: Department.Kind?
    /// Staff: their department; windows and items cannot move to another department.
    public var department: String?
    /// Staff: their roles, all of them.
    public var roles: Set<Role>?
    /// Windows: the hall area.
    public var area: String?
    /// Items: 承诺时限, for cases received from now on.
    public var committedDays: Int?
    /// Officers: their phone.
    public var phone: String?

    public init(
        name: String? = nil, departmentKind: Department.Kind? = nil, department: String? = nil, roles: Set<Role>? = nil,
        area: String? = nil, committedDays: Int? = nil, phone: String? = nil
    ) {
        self.name = name
        self.departmentKind = departmentKind
        self.department = department
        self.roles = roles
        self.area = area
        self.committedDays = committedDays
        self.phone = phone
    }

    var isEmpty: Bool { self == ReferenceEdit() }
}

extension GovDeskDatabase {
    /// Checks the actor may change `kind`, inside the write's transaction.
    func authorizeReference(_ kind: ReferenceKind, actor code: String, _ db: Database) throws -> StaffMember {
        let member = try actor(code, db)
        try kind.permission.authorize(member)
        return member
    }

    public func addDepartment(_ department: Department, actor: String, at now: Date) throws {
        try write { db in
            let member = try authorizeReference(.department, actor: actor, db)
            try insert(department, db)
            try auditReference(
                "add", .department, department.code,
                ["name": department.name, "kind": department.kind.rawValue], by: member, at: now, db)
        }
    }

    public func addStaff(_ staff: StaffMember, actor: String, at now: Date) throws {
        try write { db in
            let member = try authorizeReference(.staff, actor: actor, db)
            guard try department(staff.department, db).active else {
                throw StoreError.inactiveDepartment(staff.department)
            }
            try insert(staff, db)
            try auditReference(
                "add", .staff, staff.code,
                [
                    "name": staff.name, "department": staff.department,
                    "roles": staff.sortedRoles.map(\.rawValue).joined(separator: ","),
                ], by: member, at: now, db)
        }
    }

    public func addWindow(_ window: ServiceWindow, actor: String, at now: Date) throws {
        try write { db in
            let member = try authorizeReference(.window, actor: actor, db)
            try insert(window, db)
            try auditReference(
                "add", .window, window.code,
                ["name": window.name, "department": window.department, "staff": window.staff.joined(separator: ",")],
                by: member, at: now, db)
        }
    }

    public func addItem(_ item: ServiceItem, actor: String, at now: Date) throws {
        try write { db in
            let member = try authorizeReference(.item, actor: actor, db)
            try insert(item, db)
            try auditReference(
                "add", .item, item.code,
                [
                    "name": item.name, "department": item.department, "committedDays": String(item.committedDays),
                    "windows": item.windows.joined(separator: ","),
                ], by: member, at: now, db)
        }
    }

    public func addOfficer(_ officer: Officer, actor: String, at now: Date) throws {
        try write { db in
            let member = try authorizeReference(.officer, actor: actor, db)
            try insert(officer, db)
            try auditReference(
                "add", .officer, officer.code, ["name": officer.name, "background": officer.background.rawValue],
                by: member, at: now, db)
        }
    }

    /// Deactivates (or reactivates) a record: kept for history, refused for new work. The last active
    /// administrator cannot be deactivated, nor deactivate themselves.
    public func setActive(_ kind: ReferenceKind, code: String, active: Bool, actor: String, at now: Date) throws {
        if kind == .staff { try Self.refuseReserved(code) }
        try write { db in
            let member = try authorizeReference(kind, actor: actor, db)
            guard
                let current = try Bool.fetchOne(
                    db, sql: "SELECT active FROM \(kind.table) WHERE code = ?", arguments: [code])
            else { throw Self.unknown(kind, code) }
            guard current != active else {
                throw ReferenceError.unchanged(kind: kind.label, code: code, active: active)
            }
            if kind == .staff, !active {
                if code == member.code { throw ReferenceError.selfLockout(code: code) }
                try requireAnotherAdministrator(besides: code, db)
            }
            try db.execute(
                sql: "UPDATE \(kind.table) SET active = ? WHERE code = ?", arguments: [active, code])
            try auditReference(
                active ? "reactivate" : "deactivate", kind, code, ["active": "\(!active) → \(active)"], by: member,
                at: now, db)
        }
    }

    /// Edits a record's fields; the audit entry names each change from → to.
    public func edit(_ kind: ReferenceKind, code: String, _ edit: ReferenceEdit, actor: String, at now: Date) throws {
        guard !edit.isEmpty else { throw ReferenceError.nothingToChange(kind: kind.label, code: code) }
        if kind == .staff { try Self.refuseReserved(code) }
        try write { db in
            let member = try authorizeReference(kind, actor: actor, db)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(kind.table) WHERE code = ?", arguments: [code])
            else { throw Self.unknown(kind, code) }
            var changes: [String: String] = [:]
            var assignments: [(String, DatabaseValueConvertible?)] = []
            func set(_ column: String, _ value: String?, allowed: Bool = true) throws {
                guard let value else { return }
                guard allowed else { throw ReferenceError.notEditable(kind: kind.label, field: column) }
                let old: String? = row[column]
                if old != value {
                    changes[column] = "\(old ?? "") → \(value)"
                    assignments.append((column, value))
                }
            }
            if let name = edit.name {
                guard kind != .topic else { throw ReferenceError.notEditable(kind: kind.label, field: "name") }
                let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty, !TextLength.exceeds(trimmed, 200),
                    !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 })
                else { throw ReferenceError.badName(kind: kind.label, code: code) }
                try set("name", trimmed)
            }
            try set("kind", edit.departmentKind?.rawValue, allowed: kind == .department)
            if let department = edit.department {
                // Staff move; a topic's usual lead department (its dispatch hint) changes.
                guard kind == .staff || kind == .topic else {
                    throw ReferenceError.notEditable(kind: kind.label, field: "department")
                }
                guard try self.department(department, db).active else {
                    throw StoreError.inactiveDepartment(department)
                }
                try set("department", department)
            }
            if let roles = edit.roles {
                guard kind == .staff else { throw ReferenceError.notEditable(kind: kind.label, field: "roles") }
                guard !roles.isEmpty else { throw ReferenceError.noRoles(code: code) }
                if !roles.contains(.admin) {
                    if code == member.code, member.roles.contains(.admin) {
                        throw ReferenceError.selfLockout(code: code)
                    }
                    try requireAnotherAdministrator(besides: code, db)
                }
                try set("roles", roles.sorted { $0.rawValue < $1.rawValue }.map(\.rawValue).joined(separator: ","))
            }
            try set("area", edit.area, allowed: kind == .window)
            if let days = edit.committedDays {
                guard kind == .item else { throw ReferenceError.notEditable(kind: kind.label, field: "committed days") }
                guard (0...ServiceItem.maximumCommittedDays).contains(days) else {
                    throw HallError.invalidField(
                        name: "--days",
                        message: StoreText.committedDays(days).phrase)
                }
                let old: Int = row["committedDays"]
                if old != days {
                    changes["committedDays"] = "\(old) → \(days)"
                    assignments.append(("committedDays", days))
                }
            }
            if let phone = edit.phone {
                guard kind == .officer else { throw ReferenceError.notEditable(kind: kind.label, field: "phone") }
                guard phone.isEmpty || PhoneNumber.isPlausible(phone) else {
                    throw HallError.invalidField(name: "--phone", message: CoreText.notAPhoneNumber.phrase)
                }
                let old: String = row["phone"]
                if old != phone {
                    // The audit log is read by supervisors: it records that the phone changed, not the numbers.
                    changes["phone"] = "\(PersonalData.maskPhone(old)) → \(PersonalData.maskPhone(phone))"
                    assignments.append(("phone", phone))
                }
            }
            guard !assignments.isEmpty else { throw ReferenceError.nothingToChange(kind: kind.label, code: code) }
            let sql =
                "UPDATE \(kind.table) SET " + assignments.map { "\($0.0) = ?" }.joined(separator: ", ")
                + " WHERE code = ?"
            try db.execute(
                sql: sql, arguments: StatementArguments(assignments.map { $0.1 } + [code as DatabaseValueConvertible]))
            try auditReference("edit", kind, code, changes, by: member, at: now, db)
        }
    }

    private func requireAnotherAdministrator(besides code: String, _ db: Database) throws {
        let others = try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM staff
                WHERE active = 1 AND code != ? AND instr(',' || roles || ',', ',admin,') > 0
                """, arguments: [code])!
        if others == 0 { throw ReferenceError.lastAdministrator(code: code) }
    }

    private func auditReference(
        _ change: String, _ kind: ReferenceKind, _ code: String, _ details: [String: String], by member: StaffMember,
        at now: Date, _ db: Database
    ) throws {
        var all = details
        all["kind"] = kind.rawValue
        all["code"] = code
        try recordAudit(actor: member.code, action: "\(kind.rawValue)-\(change)", details: all, at: now, db)
    }

    static func unknown(_ kind: ReferenceKind, _ code: String) -> any Error {
        switch kind {
        case .department: return StoreError.unknownDepartment(code)
        case .staff: return StoreError.unknownStaff(code)
        default: return ReferenceError.unknown(kind: kind.label, code: code)
        }
    }
}

/// Refusals of reference-data changes.
public enum ReferenceError: GovDeskError, Equatable {
    case unknown(kind: String, code: String)
    /// A topic path that is not one (`TopicNode.isValidPath`).
    case badTopic(path: String)
    /// `topic load` into a database that has topics already.
    case topicsPresent
    case unchanged(kind: String, code: String, active: Bool)
    case nothingToChange(kind: String, code: String)
    case notEditable(kind: String, field: String)
    case badName(kind: String, code: String)
    case noRoles(code: String)
    /// The change would leave no active administrator.
    case lastAdministrator(code: String)
    /// An administrator may not deactivate themselves or drop their own admin role.
    case selfLockout(code: String)

    public var kind: FailureKind {
        switch self {
        case .unknown, .badTopic: return .badData
        case .notEditable, .badName, .noRoles, .nothingToChange: return .usage
        case .unchanged, .lastAdministrator, .selfLockout, .topicsPresent: return .refused
        }
    }

}
