import Foundation
import GRDB
import GovDeskCore

// MARK: - The topic tree (DESIGN §9): in the database from init on, changed by an administrator, audited.

extension GovDeskDatabase {
    /// The topic tree as the database keeps it, in path order; empty for a database made before topics were kept in
    /// it (until `topic load`).
    public func topics() throws -> [TopicNode] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT code, department, active FROM topic ORDER BY code")).map {
                TopicNode(path: $0["code"], department: $0["department"], active: $0["active"])
            }
        }
    }

    /// Adds one topic (an administrator; audited). Its department must exist and be in use; a path already there is
    /// refused (reactivate it instead).
    public func addTopic(_ topic: TopicNode, actor: String, at now: Date) throws {
        try write { db in
            let member = try authorizeReference(.topic, actor: actor, db)
            try insert(topic, db)
            try recordAudit(
                actor: member.code, action: "topic-add",
                details: ["kind": "topic", "code": topic.path, "department": topic.department], at: now, db)
        }
    }

    /// Copies a topic tree into a database that has none (one made before topics were kept in it): an
    /// administrator's, audited, all or nothing.
    public func loadTopics(_ topics: [TopicNode], source: String, actor: String, at now: Date) throws -> Int {
        try write { db in
            let member = try authorizeReference(.topic, actor: actor, db)
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM topic") == 0 else {
                throw ReferenceError.topicsPresent
            }
            for topic in topics { try insert(topic, db) }
            try recordAudit(
                actor: member.code, action: "topic-load",
                details: ["kind": "topic", "source": source, "count": String(topics.count)], at: now, db)
            return topics.count
        }
    }

    func insert(_ topic: TopicNode, _ db: Database) throws {
        guard TopicNode.isValidPath(topic.path) else {
            throw ReferenceError.badTopic(path: Printable.quoted(topic.path))
        }
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM topic WHERE code = ?)", arguments: [topic.path])! {
            throw StoreError.duplicate(what: "topic", code: Printable.quoted(topic.path))
        }
        guard try department(topic.department, db).active else {
            throw StoreError.inactiveDepartment(topic.department)
        }
        try db.execute(
            sql: "INSERT INTO topic (code, department, active) VALUES (?, ?, ?)",
            arguments: [topic.path, topic.department, topic.active])
    }
}

extension Schema {
    /// v12: the topic tree in the database (DESIGN §9); a topic's code is its path.
    static func createTopics(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE topic (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 200),
                    department TEXT NOT NULL REFERENCES department(code),
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
                ) STRICT
                """)
    }
}
