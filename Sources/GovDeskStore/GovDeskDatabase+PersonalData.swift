import Foundation
import GRDB
import GovDeskCore

/// Reads of personal data (DESIGN §11.1): checked against the permission table and audited in one transaction,
/// before anything is shown, so no name or phone leaves the database unrecorded.
extension GovDeskDatabase {
    /// A ticket with its events, for a reader allowed to see its caller: audited as `view-pii`.
    public func ticketWithCallerData(
        _ number: String, actor actorCode: String, at now: Date
    ) throws -> (ticket: Ticket, events: [TicketEvent]) {
        try write { db in
            let member = try actor(actorCode, db)
            let (id, ticket) = try ticketRow(number, db)
            let events = try trail("ticketEvent", "ticketId", id, db, TicketEventRow.event(from:))
            try Permission.authorizeCallerData(of: ticket, takenBy: events.first?.actor, by: member)
            try recordAudit(actor: member.code, action: "view-pii", details: ["ticket": number], at: now, db)
            return (ticket, events)
        }
    }

    /// Checks a window case's applicant may be shown to `actorCode`, and audits the viewing.
    public func authorizeApplicantData(ofCase number: String, actor actorCode: String, at now: Date) throws {
        try write { db in
            let member = try actor(actorCode, db)
            let (_, c) = try caseRow(number, db)
            let staff = try Set(
                String.fetchAll(db, sql: "SELECT staff FROM windowStaff WHERE window = ?", arguments: [c.window]))
            try Permission.authorizeApplicantData(of: c, windowStaff: staff, by: member)
            try recordAudit(actor: member.code, action: "view-pii", details: ["case": number], at: now, db)
        }
    }

    /// Checks that `actorCode` names an active staff member (not the system): a command that names an actor it
    /// does not need still may not name one that does not exist (DESIGN §11.1).
    public func requireActor(_ actorCode: String) throws {
        _ = try read { db in try actor(actorCode, db) }
    }

    /// Checks that `actorCode` exists, is active and holds `permission`.
    public func authorize(_ permission: Permission, actor actorCode: String) throws {
        let member = try read { db in try actor(actorCode, db) }
        try permission.authorize(member)
    }

    /// What `audit list` selects.
    public struct AuditFilter: Sendable {
        public var actor: String?
        /// An action, or a prefix of one ending in `-` (`staff-` for every change of staff).
        public var action: String?
        public var from: Date?
        public var before: Date?
        public var limit = 200

        public init() {}
    }

    /// Audit entries, newest first, for a reader holding `readAudit`; also how many matched.
    public func auditEntries(
        matching filter: AuditFilter, actor actorCode: String
    ) throws -> (entries: [AuditEntry], matched: Int) {
        try read { db in
            try Permission.readAudit.authorize(try actor(actorCode, db))
            var conditions = SQLConditions()
            if let actor = filter.actor { conditions.add("actor = ?", actor) }
            if let action = filter.action {
                if action.hasSuffix("-") {
                    conditions.add("substr(action, 1, ?) = ?", action.count, action)
                } else {
                    conditions.add("action = ?", action)
                }
            }
            if let from = filter.from { conditions.add("at >= ?", from.epochSeconds) }
            if let before = filter.before { conditions.add("at < ?", before.epochSeconds) }
            let matched = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM auditLog\(conditions.clause)", arguments: conditions.arguments)!
            var arguments = conditions.arguments
            arguments += [filter.limit]
            let entries = try Row.fetchAll(
                db, sql: "SELECT * FROM auditLog\(conditions.clause) ORDER BY id DESC LIMIT ?", arguments: arguments
            ).map { row in
                try AuditEntry(
                    at: row.requiredDate("at", of: "audit entry \(row["id"] as Int64? ?? 0)"), actor: row["actor"],
                    action: row["action"],
                    details: TicketEvent.decodeDetails(row["details"]) ?? [:])
            }
            return (entries, matched)
        }
    }
}
