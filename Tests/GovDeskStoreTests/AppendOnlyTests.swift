import Foundation
import GRDB
import GovDeskCore
import GovDeskTestSupport
import GovDeskStore
import Testing

struct AppendOnlyTests {
    /// A database with one ticket event and one audit entry.
    func makeFilledDatabase() throws -> GovDeskDatabase {
        let database = try makeDatabase()
        try database.makeTicket(at: "2025-03-03T09:00+08:00")
        try database.recordAudit(
            actor: "admin", action: "export", details: ["what": "tickets"], at: makeInstant("2025-03-03T10:00+08:00"))
        return database
    }

    @Test(arguments: [
        ("UPDATE ticketEvent SET actor = 'admin'", "ticketEvent is append-only"),
        ("DELETE FROM ticketEvent", "ticketEvent is append-only"),
        ("UPDATE auditLog SET actor = 'op1'", "auditLog is append-only"),
        ("DELETE FROM auditLog", "auditLog is append-only"),
    ])
    func theDatabaseRefusesToChangeTheAuditTrail(sql: String, message: String) throws {
        let database = try makeFilledDatabase()
        let before = try database.dumpAllTables()

        let error = try #require(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: sql) }
        }

        #expect(error.message?.contains(message) == true, "got \(error)")
        #expect(error.message?.contains("append-only") == true)
        #expect(try database.dumpAllTables() == before)
    }

    @Test func theAuditLogCanBeAppendedAndRead() throws {
        let database = try makeFilledDatabase()
        try database.recordAudit(
            actor: "op1", action: "show-pii", details: ["ticket": "20250303-000001"],
            at: makeInstant("2025-03-03T11:00+08:00"))
        let entries = try database.auditEntries()
        #expect(entries.map(\.action) == ["export", "show-pii"])
        #expect(entries[1].details == ["ticket": "20250303-000001"])
        #expect(entries[1].at == makeInstant("2025-03-03T11:00+08:00"))
    }

    @Test func theTicketRowItselfMayChange() throws {
        let database = try makeFilledDatabase()
        try database.writer.write { db in try db.execute(sql: "UPDATE ticket SET address = NULL") }
        #expect(try database.ticket("20250303-000001").address == nil)
    }
}
