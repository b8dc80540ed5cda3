import Foundation
import GRDB
import GovDeskCore
import GovDeskStore
import GovDeskTestSupport
import Testing

struct DatabaseFileTests {
    @Test func aFileDatabaseIsInWALModeWithForeignKeys() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try GovDeskDatabase(path: directory.appendingPathComponent("govdesk.sqlite").path)

        #expect(try database.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") } == 1)
        #expect(try database.writer.write { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") } == 1)
    }

    /// The data version the service's page cache keys on: unchanged by reads, changed by a write of this connection
    /// and by a write of another process's connection to the same file.
    @Test func theDataVersionChangesWithEveryWriteFromAnywhere() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        let server = try GovDeskDatabase(path: path)
        try server.load(makeReferenceData())
        let first = try server.dataVersion()
        _ = try server.tickets(matching: TicketFilter())
        #expect(try server.dataVersion() == first, "a read changes nothing")
        let number = try server.makeTicket(at: "2025-06-16T09:00+08:00")
        let second = try server.dataVersion()
        #expect(second != first, "a write of its own")
        let commandLine = try GovDeskDatabase(path: path, creating: nil)
        try commandLine.apply(
            .dispatch(lead: "CGJ", co: []), to: number, actor: "pd1", at: makeInstant("2025-06-16T09:05+08:00"),
            rules: makeRules())
        #expect(try server.dataVersion() != second, "another connection's write")
    }

    /// A write checks the schema's shape only when the schema changed since the last write found it whole: a change
    /// made after a write, by another process or on the store's own connection, still stops the next write.
    @Test func aSchemaChangedAfterAWriteStopsTheNextWrite() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        let server = try GovDeskDatabase(path: path)
        try server.load(makeReferenceData())
        _ = try server.makeTicket(at: "2025-06-16T09:00+08:00")
        _ = try server.makeTicket(at: "2025-06-16T09:01+08:00")
        let other = try DatabaseQueue(path: path)
        try other.write { try $0.execute(sql: "CREATE INDEX evil_caller ON ticket (callerPhone)") }
        do {
            _ = try server.makeTicket(at: "2025-06-16T09:02+08:00")
            Issue.record("a write went through on a schema another process altered")
        } catch let error as StoreError {
            #expect("\(error)".contains("evil_caller"), "\(error)")
        }
        try other.write { try $0.execute(sql: "DROP INDEX evil_caller") }
        _ = try server.makeTicket(at: "2025-06-16T09:03+08:00")
        try server.writer.writeWithoutTransaction {
            try $0.execute(sql: "CREATE TRIGGER evil_own AFTER INSERT ON ticket BEGIN SELECT 1; END")
        }
        #expect(throws: StoreError.self) { _ = try server.makeTicket(at: "2025-06-16T09:04+08:00") }
    }

    /// Until a checkpoint the first page as last written, the application id among it, lies in the write-ahead log
    /// and the file's own header may still be zeros: the kind (which decides whose clock counts, DESIGN §11.2) and
    /// the rules a command reads before opening the database come from what SQLite reads, not the stale header.
    @Test func theKindAndTheRulesAreReadThroughTheWriteAheadLog() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        let database = try GovDeskDatabase(path: path, creating: .production)
        try database.load(makeReferenceData(), rules: #"{"timeZone": "Asia/Shanghai", "version": 1}"#)
        // Open, so nothing is checkpointed: the file's header is the one written before the application id.
        let header = try #require(FileHandle(forReadingAtPath: path)).readData(ofLength: 72)
        #expect(header[68..<72] == Data([0, 0, 0, 0]), "the test needs a header older than the log")
        #expect(GovDeskDatabase.kind(ofFileAt: path) == .production)
        #expect(GovDeskDatabase.storedRules(ofFileAt: path)?.setBy == "system")
        _ = database
    }

    @Test func foreignKeysAreEnforced() throws {
        let database = try makeDatabase()
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in
                try db.execute(
                    sql: "INSERT INTO staff (code, name, department, roles) VALUES ('x1', '某人', 'NOPE', 'liaison')")
            }
        }
    }

    @Test func aFileDatabaseKeepsItsDataWhenReopened() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        do {
            let database = try GovDeskDatabase(path: path)
            try database.load(makeReferenceData())
            try database.makeTicket(at: "2025-03-03T09:00+08:00")
        }
        let reopened = try GovDeskDatabase(path: path)
        #expect(try reopened.ticket("20250303-000001").state == .received)
        #expect(try reopened.isInitialized())
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        do {
            let database = try GovDeskDatabase(path: path)
            try database.load(makeReferenceData())
        }
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999-future')")
            }
        }

        let error = try #require(throws: StoreError.self) { try GovDeskDatabase(path: path) }

        #expect(error == .newerSchema(path: path, unknownMigrations: ["v999-future"]))
        #expect(error.kind == .storage)
        #expect(error.description.contains("v999-future"))
        #expect(error.description.contains("upgrade"))
    }

    @Test func aFileThatIsNotADatabaseIsAStorageError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("notes.sqlite").path
        let text = String(repeating: "这不是数据库 — this is not a database, just some notes.\n", count: 200)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: StoreError.self) { try GovDeskDatabase(path: path) }

        switch error {
        case .cannotOpen(let errorPath, _): #expect(errorPath == path)
        case .storage(let message): #expect(message.contains(path))
        default: Issue.record("expected cannotOpen or storage, got \(error)")
        }
        #expect(error.kind == .storage)
        #expect(error.description.contains("not a SQLite database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(text.utf8))  // and the file is untouched
    }

    @Test func aMissingFolderIsCannotOpen() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("missing/govdesk.sqlite").path

        let error = try #require(throws: StoreError.self) { try GovDeskDatabase(path: path) }

        guard case .cannotOpen(path, let reason) = error else {
            Issue.record("expected cannotOpen(\(path)), got \(error)")
            return
        }
        #expect(reason.contains("does not exist"))
        #expect(error.kind == .storage)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("missing").path))
    }

    /// The database file and its write-ahead log, byte for byte.
    func snapshot(_ path: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for suffix in ["", "-wal"] {
            files[suffix] = FileManager.default.contents(atPath: path + suffix)
        }
        return files
    }

    @Test(arguments: Refusal.allCases)
    func aRefusedRequestLeavesTheFileByteForByte(refusal: Refusal) throws {
        // Given a file database with a dispatched and a received ticket, checkpointed
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        let database = try GovDeskDatabase(path: path)
        try database.load(makeReferenceData())
        let scene = try Refusal.makeScene(database)
        try refusal.prepare(scene)
        try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let before = snapshot(path)
        try #require(before[""] != nil)

        // When the request is refused
        #expect(throws: (any Error).self) { try refusal.attempt(in: scene) }

        // Then neither the database file nor its log changed
        let after = snapshot(path)
        #expect(after[""] == before[""])
        #expect(after["-wal"] == before["-wal"])
    }

    @Test func theSnapshotSeesAWrite() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        let database = try GovDeskDatabase(path: path)
        try database.load(makeReferenceData())
        let scene = try Refusal.makeScene(database)
        try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let before = snapshot(path)

        try database.run(.sign, scene.dispatched, by: "cgj1", at: "2025-03-03T11:00+08:00")

        #expect(snapshot(path) != before)
    }
}
