import Foundation
import GRDB
import GovDeskCore

/// The only owner of the database: opens it, migrates it, and offers intent-named reads and writes.
/// Every write method is one transaction: read, ask the core, write the row and its event.
public final class GovDeskDatabase: @unchecked Sendable {
    public let writer: any DatabaseWriter
    public let path: String

    /// Opens (creating if needed) the database file at `path`, in WAL mode with a busy timeout.
    ///
    /// One connection (a `DatabaseQueue` in WAL mode), not a `DatabasePool`: every command is one short-lived process
    /// that reads or writes in turn, so a pool's second connection only doubled the cost of opening (connection setup
    /// and schema parsing) that every operator pays on every command. Other processes still read while one writes,
    /// because the file is in WAL mode.
    public convenience init(path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.cannotOpen(path: path, reason: "the folder \(directory) does not exist")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: Self.configuration())
            // WAL is a property of the file: setting it again is a no-op read. (GRDB's own WAL set-up, which
            // `journalMode = .wal` selects, also writes a throw-away table whenever the -wal file is absent, which it
            // is after every command, since the last connection to close removes it.)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: Self.describe(error))
        }
        try self.init(writer: queue, path: path)
    }

    /// An in-memory database, for tests.
    public static func inMemory() throws -> GovDeskDatabase {
        try GovDeskDatabase(writer: DatabaseQueue(configuration: configuration()), path: ":memory:")
    }

    init(writer: any DatabaseWriter, path: String) throws {
        self.writer = writer
        self.path = path
        let migrator = Schema.migrator
        do {
            let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(migrator.migrations)
            if !unknown.isEmpty {
                throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted())
            }
            // The migrator's own check takes a write lock and several statements; an up-to-date database (every
            // command but the first) needs neither.
            if !applied.isSuperset(of: migrator.migrations) {
                try migrator.migrate(writer)
            }
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: Self.describe(error))
        }
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    static func describe(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_NOTADB: return "the file is not a SQLite database"
        case .SQLITE_CANTOPEN: return "the file cannot be opened (check the path and permissions)"
        case .SQLITE_READONLY: return "the database is read-only (check the file's permissions)"
        case .SQLITE_FULL: return "the disk is full"
        case .SQLITE_IOERR: return "a disk read or write failed (the disk may be full, or the file too large)"
        case .SQLITE_CORRUPT: return "the database file is corrupt"
        default: return error.message ?? "\(error.resultCode)"
        }
    }

    /// Runs a write transaction, turning SQLite failures into storage errors with a readable message.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch let error as DatabaseError {
            throw StoreError.storage("\(path): \(Self.describe(error))")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as DatabaseError {
            throw StoreError.storage("\(path): \(Self.describe(error))")
        }
    }
}

// MARK: - Reference data

extension GovDeskDatabase {
    /// Whether reference data has been loaded.
    public func isInitialized() throws -> Bool {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM staff")! > 0 }
    }

    /// Loads departments and staff in one transaction; refuses duplicates and dangling references.
    public func load(_ reference: ReferenceData) throws {
        try write { db in
            for department in reference.departments { try insert(department, db) }
            for member in reference.staff { try insert(member, db) }
            try loadHall(reference, db)
        }
    }

    public func addDepartment(_ department: Department) throws {
        try write { db in try insert(department, db) }
    }

    public func addStaff(_ member: StaffMember) throws {
        try write { db in try insert(member, db) }
    }

    private func insert(_ department: Department, _ db: Database) throws {
        if try String.fetchOne(db, sql: "SELECT code FROM department WHERE code = ?", arguments: [department.code])
            != nil
        {
            throw StoreError.duplicate(what: "department", code: department.code)
        }
        try db.execute(
            sql: "INSERT INTO department (code, name, kind, active) VALUES (?, ?, ?, ?)",
            arguments: [department.code, department.name, department.kind.rawValue, department.active])
    }

    private func insert(_ member: StaffMember, _ db: Database) throws {
        if try String.fetchOne(db, sql: "SELECT code FROM staff WHERE code = ?", arguments: [member.code]) != nil {
            throw StoreError.duplicate(what: "staff member", code: member.code)
        }
        _ = try department(member.department, db)
        try db.execute(
            sql: "INSERT INTO staff (code, name, department, roles, active) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                member.code, member.name, member.department,
                member.sortedRoles.map(\.rawValue).joined(separator: ","), member.active,
            ])
    }

    public func departments() throws -> [Department] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM department ORDER BY code").map(Self.department(from:))
        }
    }

    public func staff(department: String? = nil) throws -> [StaffMember] {
        try read { db in
            var sql = "SELECT * FROM staff"
            var arguments: StatementArguments = []
            if let department {
                sql += " WHERE department = ?"
                arguments = [department]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY department, code", arguments: arguments)
                .map(Self.staffMember(from:))
        }
    }

    public func staffMember(_ code: String) throws -> StaffMember {
        try read { db in try staffMember(code, db) }
    }

    func staffMember(_ code: String, _ db: Database) throws -> StaffMember {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE code = ?", arguments: [code]) else {
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM staff")! == 0 {
                throw StoreError.notInitialized(path: path)
            }
            throw StoreError.unknownStaff(code)
        }
        return Self.staffMember(from: row)
    }

    /// The acting staff member: known and active.
    func actor(_ code: String, _ db: Database) throws -> StaffMember {
        let member = try staffMember(code, db)
        guard member.active else { throw StoreError.inactiveStaff(code) }
        return member
    }

    func department(_ code: String, _ db: Database) throws -> Department {
        Self.department(from: try row(code: code, in: "department", db, else: StoreError.unknownDepartment))
    }

    /// The events of one record's append-only trail (`ticketEvent`, `caseEvent`, `findingEvent`), oldest first.
    func trail<Event>(
        _ table: String, _ parentColumn: String, _ id: Int64, _ db: Database, _ event: (Row) throws -> Event
    ) throws -> [Event] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM \(table) WHERE \(parentColumn) = ? ORDER BY sequence", arguments: [id]
        ).map(event)
    }

    /// The row of reference table `table` whose code is `code`; `unknown(code)` is thrown when there is none.
    func row(code: String, in table: String, _ db: Database, else unknown: (String) -> any Error) throws -> Row {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE code = ?", arguments: [code]) else {
            throw unknown(code)
        }
        return row
    }

    static func department(from row: Row) -> Department {
        Department(
            code: row["code"], name: row["name"], kind: Department.Kind(rawValue: row["kind"]) ?? .bureau,
            active: row["active"])
    }

    static func staffMember(from row: Row) -> StaffMember {
        let roles: String = row["roles"]
        return StaffMember(
            code: row["code"], name: row["name"], department: row["department"],
            roles: Set(roles.split(separator: ",").compactMap { Role(rawValue: String($0)) }), active: row["active"])
    }
}

// MARK: - Audit log

extension GovDeskDatabase {
    /// Appends an entry to the general audit log: exports and views that include personal data, imports, init.
    public func recordAudit(actor: String, action: String, details: [String: String], at: Date) throws {
        try write { db in try recordAudit(actor: actor, action: action, details: details, at: at, db) }
    }

    func recordAudit(actor: String, action: String, details: [String: String], at: Date, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO auditLog (at, actor, action, details) VALUES (?, ?, ?, ?)",
            arguments: [at.epochSeconds, actor, action, TicketEvent.encodeDetails(details)])
    }

    /// One entry of the general audit log.
    public struct AuditEntry: Equatable, Sendable {
        public var at: Date
        public var actor: String
        public var action: String
        public var details: [String: String]
    }

    public func auditEntries() throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM auditLog ORDER BY id").map { row in
                AuditEntry(
                    at: row.date("at")!, actor: row["actor"], action: row["action"],
                    details: TicketEvent.decodeDetails(row["details"]) ?? [:])
            }
        }
    }
}

extension GovDeskDatabase {
    /// A department by code; unknown codes are bad input.
    public func department(_ code: String) throws -> Department {
        try read { db in try department(code, db) }
    }
}
