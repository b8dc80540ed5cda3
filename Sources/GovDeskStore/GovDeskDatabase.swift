import Foundation
import GRDB
import GRDBSQLite
import GovDeskCore

/// What a GovDesk database is for (DESIGN §11.2), fixed when it is made and marked in its header.
public enum DatabaseKind: String, Sendable, CaseIterable {
    /// Made by `init`: the real clock; backdated entries are marked.
    case production
    /// 培训环境, made by `init --training` and every `demo`: time is `--now` when given.
    case training

    /// SQLite's `application_id` for the kind: "GDKP" or "GDKT", so `file(1)` and GovDesk tell its files apart.
    var applicationID: Int32 {
        switch self {
        case .production: return 0x4744_4B50
        case .training: return 0x4744_4B54
        }
    }

    init?(applicationID: Int32) {
        guard let kind = Self.allCases.first(where: { $0.applicationID == applicationID }) else { return nil }
        self = kind
    }
}

/// The only owner of the database: opens it, migrates it, and offers intent-named reads and writes.
/// Every write method is one transaction: read, ask the core, write the row and its event.
public final class GovDeskDatabase: @unchecked Sendable {
    public let writer: any DatabaseWriter
    public let path: String
    /// Production or training, as its header says.
    public private(set) var kind: DatabaseKind = .production
    /// How time is recorded; set by the caller before writing (DESIGN §11.2).
    public var recording = Recording()
    /// The rows each write transaction changes, for its ledger entry (DESIGN §11.4).
    let ledger = LedgerObserver()
    /// Keep the rows as transactions found them through temporary triggers even where the pre-update hook is
    /// available (tests of the fallback).
    var preimagesThroughTriggers = false
    /// Set while `applyRules` writes: the one write a database without rules takes.
    var applyingRules = false
    /// The schema version (SQLite's count of schema changes, in the file's header) whose shape the last write found
    /// as GovDesk made it. Any change to the schema, from any connection, moves it, and the next write checks the
    /// shape again; a write on an unchanged schema skips reading and hashing it. Touched only inside write
    /// transactions, which the writer runs one at a time.
    var verifiedSchemaVersion: Int?

    /// Opens (creating if needed) the database file at `path`, in WAL mode with a busy timeout.
    ///
    /// One connection (a `DatabaseQueue` in WAL mode), not a `DatabasePool`: every command is one short-lived process
    /// that reads or writes in turn, so a pool's second connection only doubled the cost of opening (connection setup
    /// and schema parsing) that every operator pays on every command. Other processes still read while one writes,
    /// because the file is in WAL mode.
    /// Opens the GovDesk database at `path` (DESIGN §11.3). With `creating`, a missing or empty file becomes a new
    /// database of that kind; without, it is refused (`StoreError.missingDatabase`): only `init` and `demo` make
    /// databases. Any other SQLite file is refused before anything is written to it. The default makes a training
    /// database (no clock of its own), the safe kind for scripts and tests; `init` passes its kind explicitly.
    ///
    /// `group`: a new file is shared with that operating-system group (0660) rather than private (0600), for several
    /// users on one file (`init --group`, DESIGN §11.1); SQLite gives the -wal and -shm files the same mode.
    public convenience init(path: String, creating: DatabaseKind? = .training, group: gid_t? = nil) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.cannotOpen(path: path, reason: "the folder \(directory) does not exist")
        }
        var status = stat()
        let exists = stat(path, &status) == 0
        if exists, (status.st_mode & S_IFMT) != S_IFREG {
            throw StoreError.cannotOpen(path: path, reason: "it is not a regular file")
        }
        if !exists || status.st_size == 0, creating == nil {
            throw exists ? StoreError.notGovDesk(path: path, reason: "the file is empty") : .missingDatabase(path)
        }
        // A new database holds personal data from its first call: only its owner may read it (DESIGN §11.3). SQLite
        // gives its -wal and -shm files the same mode.
        if !exists { try Self.createPrivateFile(path, group: group) }
        // An empty file someone made beforehand (`touch`) becomes the database: it gets the database's mode too.
        if exists, status.st_size == 0, creating != nil {
            if let group, chown(path, uid_t.max, group) != 0 {
                throw StoreError.cannotOpen(path: path, reason: "the file cannot be given to group id \(group)")
            }
            guard chmod(path, group == nil ? 0o600 : 0o660) == 0 else {
                throw StoreError.cannotOpen(path: path, reason: "its mode cannot be set (\(Self.errnoText()))")
            }
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: Self.configuration())
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: Self.describe(error))
        }
        try self.init(writer: queue, path: path, creating: creating) { queue in
            // WAL is a property of the file: setting it again is a no-op read. (GRDB's own WAL set-up, which
            // `journalMode = .wal` selects, also writes a throw-away table whenever the -wal file is absent, which it
            // is after every command, since the last connection to close removes it.)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        }
    }

    /// Creates an empty file of mode 0600 — or 0660 owned by `group` — failing if one exists. The mode is set
    /// explicitly, whatever the umask.
    static func createPrivateFile(_ path: String, group: gid_t? = nil) throws {
        let descriptor = try openPrivateFile(path, group: group)
        close(descriptor)
    }

    /// Opens a new file for writing, mode 0600, or 0660 for `group`; the caller closes the descriptor.
    public static func openPrivateFile(_ path: String, group: gid_t?) throws -> Int32 {
        let mode: mode_t = group == nil ? 0o600 : 0o660
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw StoreError.cannotOpen(path: path, reason: "the file cannot be created (\(errnoText()))")
        }
        if let group {
            guard fchown(descriptor, uid_t.max, group) == 0, fchmod(descriptor, mode) == 0 else {
                let reason = errnoText()
                close(descriptor)
                unlink(path)
                throw StoreError.cannotOpen(
                    path: path,
                    reason: "the file cannot be given to group id \(group) (\(reason)); you must belong to it")
            }
        }
        return descriptor
    }

    /// The group a database is shared with (`init --group`): its file's group when group members may read and write
    /// it, else nil. Files holding personal data made from it (backups, exports, letters) follow it (DESIGN §11.3).
    public static func sharedGroup(ofFileAt path: String) -> gid_t? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o060 == 0o060 else { return nil }
        return status.st_gid
    }

    /// An in-memory database, for tests.
    public static func inMemory(kind: DatabaseKind = .training) throws -> GovDeskDatabase {
        try GovDeskDatabase(writer: DatabaseQueue(configuration: configuration()), path: ":memory:", creating: kind)
    }

    /// Checks the file is GovDesk's (or new, when `creating`), then `prepare`s it and applies migrations; a new
    /// database, or one made before the mark, gets its kind's mark.
    init(
        writer: any DatabaseWriter, path: String, creating: DatabaseKind?,
        prepare: (any DatabaseWriter) throws -> Void = { _ in }
    ) throws {
        self.writer = writer
        self.path = path
        writer.add(transactionObserver: ledger, extent: .observerLifetime)
        let migrator = Schema.migrator
        do {
            // One read for both: opening is paid by every command.
            let (identity, applied, recordedKind) = try writer.read { db -> (Identity, Set<String>, String?) in
                let identity = try Self.identity(db)
                if case .foreign = identity { return (identity, [], nil) }
                let applied = try migrator.appliedIdentifiers(db)
                // A table dropped behind GovDesk's back is `db check`'s to report (the ledger names it), not a reason
                // the file cannot be opened.
                let recorded =
                    applied.contains("v11-ledger")
                    ? (try? String.fetchOne(db, sql: "SELECT value FROM databaseInfo WHERE key = 'kind'")) ?? nil
                    : nil
                return (identity, applied, recorded)
            }
            if case .marked(let found) = identity, let recordedKind, recordedKind != found.rawValue {
                throw StoreError.notGovDesk(
                    path: path,
                    reason: "its header says \(found.rawValue) but it was made as \(recordedKind): the header or the "
                        + "kind row was changed outside GovDesk (a database never changes kind); restore the last good "
                        + "backup")
            }
            let mark: DatabaseKind?
            switch identity {
            case .marked(let found):
                kind = found
                mark = nil
            case .new:
                guard let creating else { throw StoreError.missingDatabase(path) }
                kind = creating
                mark = creating
            case .beforeMark(let found):
                kind = found
                mark = found
            case .foreign(let reason):
                throw StoreError.notGovDesk(path: path, reason: reason)
            }
            try prepare(writer)
            if let mark {
                try writer.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA application_id = \(mark.applicationID)")
                }
            }

            let unknown = applied.subtracting(migrator.migrations)
            if !unknown.isEmpty {
                throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted())
            }
            // Migrations run in order, so the applied ones are always the first few: a gap means the migrations
            // table was edited, and migrating again would fail on a table that exists ("table … already exists").
            let pending = migrator.migrations.drop { applied.contains($0) }
            if let missing = pending.first, pending.contains(where: applied.contains) {
                throw StoreError.schemaAltered(
                    path: path, differences: [IntegrityProblem(.migrationsEdited(missing: missing))])
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

    /// What a file holds, read before anything is written to it.
    enum Identity {
        case marked(DatabaseKind)
        /// No tables yet: a file just created.
        case new
        /// A GovDesk database made before the mark (its migrations table names ours): a demo's is training.
        case beforeMark(DatabaseKind)
        case foreign(reason: String)
    }

    static func identity(_ db: Database) throws -> Identity {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if let kind = DatabaseKind(applicationID: applicationID) { return .marked(kind) }
        if applicationID != 0 { return .foreign(reason: "it is a SQLite database of another program") }
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table'")
        if tables.isEmpty { return .new }
        guard tables.contains("grdb_migrations"),
            try Bool.fetchOne(
                db, sql: "SELECT count(*) > 0 FROM grdb_migrations WHERE identifier = 'v1-reference-and-tickets'")
                == true
        else { return .foreign(reason: "it is a SQLite database that GovDesk did not make") }
        var demo = false
        if tables.contains("auditLog") {
            demo = try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM auditLog WHERE action = 'demo'") ?? false
        }
        return .beforeMark(demo ? .training : .production)
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            // DESIGN §11.3: an acknowledged commit survives a power cut (NORMAL may lose the last ones in WAL mode).
            try db.execute(sql: "PRAGMA synchronous = FULL")
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

    /// Runs a write transaction, turning SQLite failures into storage errors with a readable message. The rows it
    /// wrote get their ledger entry (DESIGN §11.4) in the same transaction.
    /// Closes the connection: SQLite then copies the write-ahead log into the file and removes it, so that the file
    /// alone holds everything (a copy made with `cp` afterwards misses nothing). A command calls it when it ends; the
    /// database is not used afterwards.
    public func closeConnection() throws {
        if let queue = writer as? DatabaseQueue {
            try queue.close()
        } else if let pool = writer as? DatabasePool {
            try pool.close()
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            if ledger.preimages == nil {
                try writer.writeWithoutTransaction { db in try preparePreimages(db) }
            }
            return try writer.write { db in
                let version = try Int.fetchOne(db.cachedStatement(sql: "PRAGMA schema_version"))
                if version == nil || version != verifiedSchemaVersion {
                    verifiedSchemaVersion = nil
                    try SchemaShape.verify(path: path, db)
                    verifiedSchemaVersion = version
                }
                try requireRules(db)
                let result = try body(db)
                try Ledger.append(ledger, db)
                return result
            }
        } catch let error as DatabaseError {
            throw StoreError.storage("\(path): \(Self.describe(error))")
        }
    }

    /// Refuses a write to a database that holds reference data but no rules (`StoreError.noRules`): one made by an
    /// earlier release, until an administrator applies rules (`applyRules`, which may).
    func requireRules(_ db: Database) throws {
        guard !applyingRules,
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT NOT EXISTS (SELECT 1 FROM ruleSet) AND EXISTS (SELECT 1 FROM staff)"))
                == true
        else { return }
        throw StoreError.noRules(path: path)
    }

    /// Makes this connection copy each row before GovDesk's first change to it in a transaction (outside any
    /// transaction: `Ledger.installPreimages`), once.
    func preparePreimages(_ db: Database) throws {
        guard ledger.preimages == nil else { return }
        if !preimagesThroughTriggers, PreupdateHook.install(on: db, for: ledger) {
            ledger.preimages = .hook
        } else {
            try Ledger.installPreimages(db)
            ledger.preimages = .triggers
        }
    }

    /// For a process that lives long, reads much and answers many at once (`serve`):
    /// - a page cache of `megabytes` rather than SQLite's 2 MB, which suits a command that reads a little and exits;
    ///   queue pages and lookups then read the pages they touch from memory, not from the operating system each time;
    /// - when another process holds the write lock (a command writing to the same file), a retry every half
    ///   millisecond for the same 30 s, not SQLite's own waits, which grow to 100 ms each: a batch of requests
    ///   waiting behind a command's commit goes on as soon as the lock is free.
    public func prepareForServing(cacheMegabytes megabytes: Int) throws {
        let kibibytes = max(2, megabytes) * 1024
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -\(kibibytes)")
                // Copy the write-ahead log into the file every 8,192 pages (32 MB) rather than SQLite's 1,000: a
                // server committing many small transactions otherwise checkpoints several times a second, copying
                // the same hot pages (indexes, the ledger's tail, the day's counter) and waiting for the file's
                // flush each time. Any process's checkpoint still copies it all; readers see no difference.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
                _ = sqlite3_busy_handler(
                    db.sqliteConnection,
                    { _, tries in
                        guard tries < 60_000 else { return 0 }
                        usleep(500)
                        return 1
                    }, nil)
            }
        } catch let error as DatabaseError {
            throw StoreError.storage("\(path): \(Self.describe(error))")
        }
    }

    /// A value that changes whenever anything is committed to the database, by this process or another: SQLite's
    /// `data_version` (commits of other connections) with this connection's count of changed rows (its own). Equal
    /// values mean nothing was written in between, so something computed from the database then is still right.
    public struct DataVersion: Hashable, Sendable {
        var others: Int
        var own: Int
    }

    public func dataVersion() throws -> DataVersion {
        do {
            return try writer.unsafeReentrantRead { db in
                DataVersion(
                    others: try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0, own: db.totalChangesCount)
            }
        } catch let error as DatabaseError {
            throw StoreError.storage("\(path): \(Self.describe(error))")
        }
    }

    /// Runs reads in one deferred transaction: one consistent snapshot of the file, whatever other processes write.
    ///
    /// Not GRDB's `read`: it makes the connection read-only for the transaction with `PRAGMA query_only`, and SQLite
    /// expires every prepared statement when a flag pragma changes, so each read and the write after it compiled
    /// all their statements again (a third of the service's time on an Open311 GET). The store's reads are its own
    /// SELECTs; nothing here writes.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.unsafeRead { db in
                var result: T?
                try db.inTransaction(.deferred) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError.storage("\(path): a read returned nothing") }
                return result
            }
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

    /// Fills a new database (DESIGN §9): reference data, topics, the configuration's rules (`rules`, a
    /// `GovDeskConfiguration.rulesDocument`; the built-in defaults when not given) and the calendar years it was
    /// made with (`calendarYears`, built in or from the configuration folder), all set by `system` at `at`. From
    /// then on the database is their source of truth.
    public func load(
        _ reference: ReferenceData, rules: String? = nil, calendarYears: [(year: CalendarYear, source: String)] = [],
        at now: Date = Date()
    ) throws {
        let rules = try rules ?? GovDeskConfiguration().rulesDocument()
        try write { db in
            for department in reference.departments { try insert(department, db) }
            for member in reference.staff { try insert(member, db) }
            try Self.insertSystemActor(db)
            try loadHall(reference, db)
            for topic in reference.topics { try insert(topic, db) }
            try insertRules(rules, actor: Codes.systemActor, at: now, db)
            for (year, source) in calendarYears {
                try insertCalendarYear(year, source: source, actor: Codes.systemActor, at: now, db)
            }
        }
    }

    /// Refuses `code` when `table` holds it already, in any letter case, or a code a person would take for it
    /// (`Codes.skeleton`: l, 1 and I; O and 0), naming the code it collides with.
    func requireDistinctCode(_ code: String, in table: String, what: String, _ db: Database) throws {
        let skeleton = Codes.skeleton(code)
        for existing in try String.fetchAll(db, sql: "SELECT code FROM \(table) ORDER BY code")
        where Codes.skeleton(existing) == skeleton {
            if existing.lowercased() == code.lowercased() { throw StoreError.duplicate(what: what, code: existing) }
            throw StoreError.lookalike(what: what, code: code, existing: existing)
        }
    }

    func insert(_ department: Department, _ db: Database) throws {
        try requireDistinctCode(department.code, in: "department", what: "department", db)
        try db.execute(
            sql: "INSERT INTO department (code, name, kind, active) VALUES (?, ?, ?, ?)",
            arguments: [department.code, department.name, department.kind.rawValue, department.active])
    }

    func insert(_ member: StaffMember, _ db: Database) throws {
        // Codes that differ only in letter case (ADMIN beside admin) or in l, 1 and I, O and 0 (cgjl beside cgj1)
        // would pass for each other in every list.
        try requireDistinctCode(member.code, in: "staff", what: "staff member", db)
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

    /// Each department's name by its code, for pages and tables that show names where records keep codes.
    public func departmentNames() throws -> [String: String] {
        try read { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT code, name FROM department").map {
                    (row: Row) -> (String, String) in (row[0], row[1])
                })
        }
    }

    public func staff(department: String? = nil) throws -> [StaffMember] {
        try read { db in
            // GovDesk's own actor and the API clients' are rows of the table, not members of staff.
            var sql = "SELECT * FROM staff WHERE code != ? AND substr(code, 1, 4) != 'api:'"
            var arguments: StatementArguments = [Codes.systemActor]
            if let department {
                sql += " AND department = ?"
                arguments += [department]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY department, code", arguments: arguments)
                .map(Self.staffMember(from:))
        }
    }

    public func staffMember(_ code: String) throws -> StaffMember {
        try read { db in try staffMember(code, db) }
    }

    func staffMember(_ code: String, _ db: Database) throws -> StaffMember {
        guard
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM staff WHERE code = ?"), arguments: [code])
        else {
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM staff")! == 0 {
                throw StoreError.notInitialized(path: path)
            }
            throw StoreError.unknownStaff(code)
        }
        return Self.staffMember(from: row)
    }

    /// The row that GovDesk's own events name (DESIGN §11.1: recomputations, migrations): a staff row, since every
    /// event's actor is one, of the hotline centre, with no role and inactive, so that nobody can act as it. Added
    /// with the first reference data, or at the upgrade to the ledger.
    static func insertSystemActor(_ db: Database) throws {
        guard
            try !Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM staff WHERE code = ?)", arguments: [Codes.systemActor])!,
            let department = try String.fetchOne(
                db,
                sql: "SELECT code FROM department ORDER BY kind != 'centre', active = 0, code LIMIT 1")
        else { return }
        try db.execute(
            sql: "INSERT INTO staff (code, name, department, roles, active) VALUES (?, '系统', ?, '', 0)",
            arguments: [Codes.systemActor, department])
    }

    /// Refuses GovDesk's own actor and an API client's (`api:<name>`) where a person is meant.
    static func refuseReserved(_ code: String) throws {
        if code == Codes.systemActor { throw StoreError.systemActor }
        if code.hasPrefix(Codes.apiClientPrefix) { throw APIClientError.notAnActor(Printable.quoted(code, limit: 40)) }
    }

    /// The acting staff member: known and active.
    func actor(_ code: String, _ db: Database) throws -> StaffMember {
        try Self.refuseReserved(code)
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
                try AuditEntry(
                    at: row.requiredDate("at", of: "audit entry \(row["id"] as Int64? ?? 0)"), actor: row["actor"],
                    action: row["action"],
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
