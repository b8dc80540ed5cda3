import Foundation
import GRDB
import GovDeskCore

/// Staff bound to operating-system accounts (DESIGN §11.1): once any binding exists, the command line acts only as
/// the staff member bound to the user who runs it.
extension GovDeskDatabase {
    /// One binding.
    public struct Binding: Equatable, Sendable {
        public var osUser: String
        public var staff: String
    }

    public func bindings() throws -> [Binding] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT osUser, staff FROM staffBinding ORDER BY osUser").map {
                Binding(osUser: $0["osUser"], staff: $0["staff"])
            }
        }
    }

    /// The staff member bound to `osUser`, and whether any binding exists at all.
    public func boundStaff(osUser: String) throws -> (staff: String?, anyBinding: Bool) {
        try read { db in
            let any = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM staffBinding)") ?? false
            guard any else { return (nil, false) }
            return (
                try String.fetchOne(db, sql: "SELECT staff FROM staffBinding WHERE osUser = ?", arguments: [osUser]),
                true
            )
        }
    }

    /// Binds `osUser` to staff member `staff` (an administrator; audited). The first binding must be the caller's own
    /// account (`callerOSUser`), so that an administrator never locks themselves out.
    public func bind(osUser: String, to staff: String, callerOSUser: String, actor: String, at now: Date) throws {
        let user = osUser.trimmingCharacters(in: .whitespaces)
        guard !user.isEmpty, !TextLength.exceeds(user, 64),
            !user.unicodeScalars.contains(where: { $0.value < 0x21 || $0 == "/" })
        else { throw BindingError.badUser(Printable.quoted(osUser)) }
        try write { db in
            let member = try authorizeReference(.staff, actor: actor, db)
            let target = try self.actor(staff, db)
            let any = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM staffBinding)") ?? false
            if !any, user != callerOSUser {
                throw BindingError.firstMustBeOwn(callerOSUser: callerOSUser)
            }
            let previous = try String.fetchOne(
                db, sql: "SELECT staff FROM staffBinding WHERE osUser = ?", arguments: [user])
            try db.execute(
                sql: """
                    INSERT INTO staffBinding (osUser, staff, boundAt, boundBy) VALUES (?, ?, ?, ?)
                    ON CONFLICT (osUser) DO UPDATE SET staff = excluded.staff, boundAt = excluded.boundAt,
                        boundBy = excluded.boundBy
                    """, arguments: [user, target.code, now.epochSeconds, member.code])
            try recordAudit(
                actor: member.code, action: "staff-bind",
                details: ["osUser": user, "staff": target.code, "previous": previous ?? ""], at: now, db)
        }
    }

    /// Removes a binding (an administrator; audited). The caller's own binding goes last: while others exist,
    /// removing it would lock the caller out.
    public func unbind(osUser: String, callerOSUser: String, actor: String, at now: Date) throws {
        try write { db in
            let member = try authorizeReference(.staff, actor: actor, db)
            guard
                let staff = try String.fetchOne(
                    db, sql: "SELECT staff FROM staffBinding WHERE osUser = ?", arguments: [osUser])
            else { throw BindingError.notBound(Printable.quoted(osUser)) }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM staffBinding")!
            if osUser == callerOSUser, count > 1 { throw BindingError.ownLast(callerOSUser: callerOSUser) }
            try db.execute(sql: "DELETE FROM staffBinding WHERE osUser = ?", arguments: [osUser])
            try recordAudit(
                actor: member.code, action: "staff-unbind", details: ["osUser": osUser, "staff": staff], at: now, db)
        }
    }
}

/// Refusals of operating-system bindings.
public enum BindingError: GovDeskError, Equatable {
    case badUser(String)
    case notBound(String)
    case firstMustBeOwn(callerOSUser: String)
    case ownLast(callerOSUser: String)
    /// Bindings exist and the user running the command has none.
    case unbound(osUser: String)
    /// `--actor` names someone else than the staff member bound to the user.
    case otherActor(osUser: String, bound: String, claimed: String)

    public var kind: FailureKind {
        switch self {
        case .badUser: return .usage
        case .notBound: return .badData
        case .firstMustBeOwn, .ownLast, .unbound, .otherActor: return .refused
        }
    }

}
