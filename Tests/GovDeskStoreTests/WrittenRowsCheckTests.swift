import Foundation
import GRDB
import Testing

@testable import GovDeskStore

/// The pass that proves, for rows written with CHECK constraints and foreign keys switched off (an import, the demo's
/// load), what those would have refused.
struct WrittenRowsCheckTests {
    @Test func everyCheckOfACreateTableTextIsFoundWhole() {
        let schema = """
            CREATE TABLE t (
                a TEXT CHECK (a IN ('x', 'y)', 'it''s')),
                b INTEGER check(b > 0),
                "check" TEXT,
                rechecked INTEGER,
                c TEXT DEFAULT 'CHECK (1)',
                CHECK ((a IS NULL) = (b IS NULL))
            ) STRICT
            """
        #expect(
            WrittenRowsCheck.checkExpressions(in: schema) == [
                "a IN ('x', 'y)', 'it''s')", "b > 0", "(a IS NULL) = (b IS NULL)",
            ])
    }

    /// The conditions come from the schema as the database holds it: every CHECK and foreign key of the tables an
    /// import writes.
    @Test func theTicketTablesConditionsAreTheirSchemas() throws {
        let database = try GovDeskDatabase.inMemory()
        try database.writer.read { db in
            let ticket = try WrittenRowsCheck(table: "ticket", db).conditions.map(\.text)
            #expect(ticket.filter { $0.hasPrefix("CHECK") }.count == 10, "\(ticket)")
            #expect(
                Set(ticket.filter { $0.hasPrefix("FOREIGN KEY") }) == [
                    "FOREIGN KEY (mergedInto) REFERENCES ticket(number)",
                    "FOREIGN KEY (leadDepartment) REFERENCES department(code)",
                ])
            #expect(ticket.contains { $0.hasPrefix("CHECK (state IN ('received'") })
            let event = try WrittenRowsCheck(table: "ticketEvent", db).conditions.map(\.text)
            #expect(event.filter { $0.hasPrefix("CHECK") }.count == 5, "\(event)")
            #expect(event.contains("CHECK (json_valid(details))"))
            #expect(event.filter { $0.hasPrefix("FOREIGN KEY") }.count == 2, "\(event)")
        }
    }

    /// A row that breaks a CHECK or a foreign key is named with the rule it breaks; rows up to the last one before
    /// the write are not read; good rows pass.
    @Test(arguments: [
        ("'received'", "NULL", "'description'", nil as String?),
        ("'bogus'", "NULL", "'description'", "CHECK (state IN ("),
        ("'received'", "'NOPE'", "'description'", "FOREIGN KEY (leadDepartment) REFERENCES department(code)"),
        ("'received'", "NULL", "''", "CHECK (length(description) BETWEEN 1 AND 4000)"),
    ])
    func aRowWrittenWithTheConstraintsOffIsCheckedAfterwards(
        _ state: String, _ lead: String, _ description: String, _ broken: String?
    ) throws {
        let database = try GovDeskDatabase.inMemory()
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            defer {
                try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
                try? db.execute(sql: "PRAGMA foreign_keys = ON")
            }
            try db.inTransaction {
                let before = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM ticket") ?? 0
                try db.execute(
                    sql: """
                        INSERT INTO ticket (number, channel, type, topic, urgency, callerName, callerPhone, description,
                                            state, leadDepartment, createdAt, eventCount)
                        VALUES ('20260101-0001', 'phone', 'complaint', 'x', 'normal', '', '', \(description),
                                \(state), \(lead), 0, 1)
                        """)
                let check = { try database.verifyWrittenRows("ticket", after: $0, db) }
                if let broken {
                    let error = #expect(throws: StoreError.self) { try check(before) }
                    guard case .storage(let message) = error else {
                        Issue.record("\(String(describing: error))")
                        return .rollback
                    }
                    #expect(message.contains("ticket row \(before + 1) breaks \(broken)"), "\(message)")
                    #expect(message.hasPrefix(database.path))
                } else {
                    try check(before)
                }
                // The rows before the write are not read.
                try check(before + 1)
                return .rollback
            }
        }
    }

    /// A foreign key to a row id is proved by the span of row ids when they have no gap, and looked up otherwise:
    /// either way an event of a ticket that does not exist is named.
    @Test(arguments: [false, true])
    func anEventOfNoTicketIsNamedWithOrWithoutAGapInTheTicketIDs(_ gap: Bool) throws {
        let database = try makeDatabase()
        for _ in 0..<3 { try database.makeTicket(at: "2026-03-02T09:00+08:00") }
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction {
                if gap {
                    // Tickets are never deleted; a gap is made here by moving one ticket's id.
                    try db.execute(sql: "UPDATE ticket SET id = 10 WHERE id = 3")
                }
                #expect(
                    try WrittenRowsCheck.unbrokenRowIDs(of: "ticket", key: "id", db) == (gap ? nil : 1...3))
                let before = try Int64.fetchOne(db, sql: "SELECT max(id) FROM ticketEvent") ?? 0
                for ticketId in [2, 7] {
                    try db.execute(
                        sql: """
                            INSERT INTO ticketEvent (ticketId, sequence, action, toState, actor, at, details, hash)
                            VALUES (?, 9, 'urge', 'received', 'op1', 0, '{}', randomblob(32))
                            """, arguments: [ticketId])
                }
                let error = #expect(throws: StoreError.self) {
                    try database.verifyWrittenRows("ticketEvent", after: before, db)
                }
                guard case .storage(let message) = error else { return .rollback }
                #expect(
                    message.contains(
                        "ticketEvent row \(before + 2) breaks FOREIGN KEY (ticketId) REFERENCES ticket(id)"),
                    "\(message)")
                return .rollback
            }
        }
    }
}
