import Foundation
import GRDB
import GovDeskCore
import Testing

@testable import GovDeskStore

/// Opening the database is paid by every command: one connection, and no migration work once it is up to date.
struct DatabaseOpeningTests {
    /// A queue on `path` that records every statement it runs.
    final class StatementLog: @unchecked Sendable {
        private let lock = NSLock()
        private var sql: [String] = []
        var statements: [String] { lock.withLock { sql } }
        func append(_ statement: String) { lock.withLock { sql.append(statement) } }

        func queue(_ path: String) throws -> DatabaseQueue {
            var configuration = GovDeskDatabase.configuration()
            configuration.prepareDatabase { db in db.trace { self.append("\($0)") } }
            return try DatabaseQueue(path: path, configuration: configuration)
        }
    }

    @Test func aFileDatabaseIsOneConnection() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try GovDeskDatabase(path: directory.appendingPathComponent("govdesk.sqlite").path)
        #expect(database.writer is DatabaseQueue)
    }

    @Test func anUpToDateDatabaseOpensWithoutTheMigrator() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        // Given a database created (and so migrated) once
        let created = StatementLog()
        _ = try GovDeskDatabase(writer: try created.queue(path), path: path, creating: .production)
        #expect(created.statements.contains { $0.contains("CREATE TABLE ticket") })

        // When it is opened again
        let reopened = StatementLog()
        _ = try GovDeskDatabase(writer: try reopened.queue(path), path: path, creating: nil)

        // Then nothing is written: no migration, not even the migrator's own bookkeeping table check
        let writes = reopened.statements.filter {
            let sql = $0.uppercased()
            return sql.hasPrefix("CREATE") || sql.hasPrefix("INSERT") || sql.contains("BEGIN IMMEDIATE")
                || sql.contains("BEGIN EXCLUSIVE")
        }
        #expect(writes.isEmpty, "\(writes)")
        #expect(reopened.statements.count < 10, "\(reopened.statements)")
    }

    @Test func aDatabaseMissingAMigrationIsMigrated() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        // Given a database whose last migration is not applied (an older govdesk made it)
        do {
            let queue = try DatabaseQueue(path: path)
            var older = DatabaseMigrator()
            for (identifier, migrate) in [
                ("v1-reference-and-tickets", Schema.createReferenceAndTickets), ("v2-hall", Schema.createHall),
                ("v3-report-indexes", Schema.createReportIndexes),
            ] as [(String, (Database) throws -> Void)] {
                older.registerMigration(identifier, migrate: migrate)
            }
            try older.migrate(queue)
        }
        // When it is opened, then it has every migration
        let database = try GovDeskDatabase(path: path)
        let applied = try database.writer.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == Set(Schema.migrator.migrations))
        #expect(try database.writer.read { db in try db.tableExists("letter") })
    }
}
