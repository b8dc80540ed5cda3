import Foundation
import GRDB
import GovDeskCore

/// The rules a database keeps (DESIGN §9, `GovDeskConfiguration+Rules.swift`): time zone, clock limits, letter
/// thresholds, evaluation weights and awards, backdating grace. Stored when the database is made; an administrator
/// replaces them (`config apply`), each set a row of an append-only table, the last one in force.
public struct StoredRules: Sendable {
    public var document: String
    public var setAt: Date
    public var setBy: String
}

/// Why new rules are refused.
public enum RulesError: GovDeskError, Equatable {
    /// The time zone decides the day and month of every record: it stays once there are records.
    case timeZoneFixed(stored: String, given: String)
    /// Nothing differs from the rules in force.
    case unchanged

    public var kind: FailureKind {
        switch self {
        case .timeZoneFixed: return .refused
        case .unchanged: return .usage
        }
    }

}

extension Schema {
    static func createRules(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE ruleSet (
                    id INTEGER PRIMARY KEY,
                    document TEXT NOT NULL CHECK (json_valid(document)),
                    setAt INTEGER NOT NULL,
                    setBy TEXT NOT NULL REFERENCES staff(code)
                ) STRICT
                """)
        try appendOnly("ruleSet", db)
    }
}

extension GovDeskDatabase {
    /// The rules in force, with when and by whom they were set; nil for a database made before rules were stored
    /// (its commands use the configuration they load, as before, until an administrator applies one).
    public func storedRules() throws -> StoredRules? {
        try read { db in try Self.storedRules(db) }
    }

    static func storedRules(_ db: Database) throws -> StoredRules? {
        guard try db.tableExists("ruleSet"),
            let row = try Row.fetchOne(db, sql: "SELECT document, setAt, setBy FROM ruleSet ORDER BY id DESC LIMIT 1")
        else { return nil }
        return StoredRules(document: row["document"], setAt: Date(epochSeconds: row["setAt"]), setBy: row["setBy"])
    }

    /// The rules in force of the GovDesk database at `path`, read without migrating or writing anything; nil when
    /// the file is not a GovDesk database, cannot be read, or keeps no rules. Commands read them before they open
    /// the database, to know its time zone.
    public static func storedRules(ofFileAt path: String) -> StoredRules? {
        guard kind(ofFileAt: path) != nil else { return nil }
        do {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            return try queue.read { db in try storedRules(db) }
        } catch {
            return nil
        }
    }

    /// Replaces the rules in force by `document` (an administrator, audited with what changed): refused when the time
    /// zone would change on a database that holds records, or when nothing changes.
    @discardableResult
    public func applyRules(_ document: String, differences: [String], actor code: String, at now: Date) throws
        -> StoredRules
    {
        applyingRules = true
        defer { applyingRules = false }
        return try write { db in
            let member = try actor(code, db)
            try Permission.setRules.authorize(member)
            guard !differences.isEmpty else { throw RulesError.unchanged }
            if let stored = try Self.storedRules(db) {
                let before = try GovDeskConfiguration().withRules(of: stored.document).timeZone
                let after = try GovDeskConfiguration().withRules(of: document).timeZone
                let holdsRecords =
                    try Bool.fetchOne(
                        db,
                        sql: """
                            SELECT EXISTS (SELECT 1 FROM ticket) OR EXISTS (SELECT 1 FROM windowCase)
                                OR EXISTS (SELECT 1 FROM finding)
                            """) ?? true
                if before != after, holdsRecords { throw RulesError.timeZoneFixed(stored: before, given: after) }
            }
            try insertRules(document, actor: member.code, at: now, db)
            try recordAudit(
                actor: member.code, action: "apply-rules",
                details: ["changed": differences.joined(separator: "; ")], at: now, db)
            return StoredRules(document: document, setAt: Date(epochSeconds: now.epochSeconds), setBy: member.code)
        }
    }

    func insertRules(_ document: String, actor: String, at now: Date, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO ruleSet (document, setAt, setBy) VALUES (?, ?, ?)",
            arguments: [document, now.epochSeconds, actor])
    }
}
