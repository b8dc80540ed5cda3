import GRDB
import GovDeskCore

/// The schema as named, append-only migrations (DESIGN §8). A shipped step is never edited: add a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-reference-and-tickets") { db in try createReferenceAndTickets(db) }
        migrator.registerMigration("v2-hall") { db in try createHall(db) }
        migrator.registerMigration("v3-report-indexes") { db in try createReportIndexes(db) }
        migrator.registerMigration("v4-letters") { db in try createLetters(db) }
        migrator.registerMigration("v5-event-chain") { db in try createEventChain(db) }
        migrator.registerMigration("v6-query-report-bounds") { db in try createReportBoundIndexes(db) }
        migrator.registerMigration("v7-drop-redundant-event-index") { db in try dropRedundantEventIndex(db) }
        migrator.registerMigration("v8-calendar-years") { db in try createCalendarYears(db) }
        migrator.registerMigration("v9-recorded-at") { db in
            // DESIGN §11.2: each event keeps its effective time (`at`) and its recording time. Older events keep
            // NULL (recorded when they took effect) and their version-1 hashes; new ones hash both times.
            for table in ["ticketEvent", "caseEvent", "findingEvent"] {
                try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN recordedAt INTEGER")
            }
        }
        migrator.registerMigration("v10-staff-bindings") { db in
            // DESIGN §11.1: staff bound to operating-system accounts.
            try db.execute(
                sql: """
                    CREATE TABLE staffBinding (
                        osUser TEXT PRIMARY KEY NOT NULL CHECK (length(osUser) BETWEEN 1 AND 64),
                        staff TEXT NOT NULL REFERENCES staff(code),
                        boundAt INTEGER NOT NULL,
                        boundBy TEXT NOT NULL
                    ) STRICT
                    """)
        }
        migrator.registerMigration("v11-ledger") { db in
            // DESIGN §11.1: the row GovDesk's own events name; then DESIGN §11.4: the database-wide ledger, which the
            // rows already there join, one entry each.
            try GovDeskDatabase.insertSystemActor(db)
            // The kind the header says, kept as a row too: the ledger vouches for it, so a header changed outside
            // GovDesk (a production database passed off as a training one) is found when the file is opened.
            try db.execute(
                sql: """
                    CREATE TABLE databaseInfo (
                        key TEXT PRIMARY KEY NOT NULL CHECK (key IN ('kind')),
                        value TEXT NOT NULL
                    ) STRICT
                    """)
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let kind = DatabaseKind(applicationID: applicationID) ?? .production
            try db.execute(
                sql: "INSERT INTO databaseInfo (key, value) VALUES ('kind', ?)", arguments: [kind.rawValue])
            try Ledger.create(db)
        }
        migrator.registerMigration("v12-topics") { db in try createTopics(db) }
        migrator.registerMigration("v14-backdated-entries") { db in try createBackdatedIndexes(db) }
        migrator.registerMigration("v15-fixed-kind") { db in
            // DESIGN §11.2: a database never changes kind. The row beside the header's mark is never updated or
            // deleted (a production database passed off as a training one would take any back-dated entry).
            try db.execute(
                sql: """
                    CREATE TRIGGER databaseInfo_no_update BEFORE UPDATE ON databaseInfo
                    BEGIN SELECT RAISE(ABORT, 'a database never changes kind'); END;
                    CREATE TRIGGER databaseInfo_no_delete BEFORE DELETE ON databaseInfo
                    BEGIN SELECT RAISE(ABORT, 'a database never changes kind'); END;
                    """)
        }
        migrator.registerMigration("v16-month-close") { db in try createMonthClose(db) }
        migrator.registerMigration("v17-rules") { db in try createRules(db) }
        migrator.registerMigration("v18-passwords-and-sessions") { db in try createPasswordsAndSessions(db) }
        migrator.registerMigration("v19-api-clients") { db in try createAPIClients(db) }
        // A liaison's queue (DESIGN §12) lists a department's tickets in one state, longest waiting first, 50 at a
        // time: with the creation time in the index that is 50 index entries and 50 rows, not every ticket of the
        // department in that state read and sorted (3,246 rows for one department of a 1,000,000-ticket demo).
        migrator.registerMigration("v20-queue-order") { db in
            try db.execute(
                sql: """
                    DROP INDEX ticket_lead;
                    CREATE INDEX ticket_lead ON ticket(leadDepartment, state, createdAt);
                    """)
        }
        return migrator
    }

    /// The least lateness, in seconds, that the back-dated entries' indexes hold; `backdating.graceMinutes` may not
    /// be smaller. An event is written a second or so after the clock its command read; those are not in them.
    static let backdatedMinimumSeconds = 60

    /// The condition of a back-dated entry (补录) that the partial indexes hold and every query of them repeats: late
    /// by more than a minute, with the reason the backdating rules demanded when it was recorded beyond the grace
    /// (DESIGN §11.2). Imported events, recorded long after their source times, carry none and are not 补录.
    static let backdatedCondition =
        "recordedAt > at + \(backdatedMinimumSeconds) AND instr(details, '\"\(GovDeskDatabase.backdateReasonKey)\"') > 0"

    /// DESIGN §6.1: 补录 per department, read by recording time from small partial indexes of the back-dated events
    /// only (on a production database most events are recorded when they take effect; on a training one all are).
    static func createBackdatedIndexes(_ db: Database) throws {
        for table in ["ticketEvent", "caseEvent", "findingEvent"] {
            try db.execute(sql: "CREATE INDEX \(table)_backdated ON \(table)(recordedAt) WHERE \(backdatedCondition)")
        }
    }

    /// `'a','b','c'` for CHECK constraints over an enum's raw values.
    static func sqlList<T: RawRepresentable & CaseIterable>(_: T.Type) -> String where T.RawValue == String {
        T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",")
    }

    /// Triggers that make a table append-only in the database itself, not only in our code.
    static func appendOnly(_ table: String, _ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only: its rows are never updated'); END;
                CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only: its rows are never deleted'); END;
                """)
    }

    static func createReferenceAndTickets(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE department (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 16),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    kind TEXT NOT NULL CHECK (kind IN (\(sqlList(Department.Kind.self)))),
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
                ) STRICT;

                CREATE TABLE staff (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 32),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    department TEXT NOT NULL REFERENCES department(code),
                    roles TEXT NOT NULL,
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
                ) STRICT;

                CREATE TABLE ticket (
                    id INTEGER PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    channel TEXT NOT NULL CHECK (channel IN (\(sqlList(Channel.self)))),
                    type TEXT NOT NULL CHECK (type IN (\(sqlList(TicketType.self)))),
                    topic TEXT NOT NULL CHECK (length(topic) > 0),
                    urgency TEXT NOT NULL CHECK (urgency IN (\(sqlList(Urgency.self)))),
                    callerName TEXT NOT NULL,
                    callerPhone TEXT NOT NULL,
                    address TEXT,
                    street TEXT,
                    description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
                    sourceSystem TEXT,
                    sourceId TEXT,
                    state TEXT NOT NULL CHECK (state IN (\(sqlList(TicketState.self)))),
                    leadDepartment TEXT REFERENCES department(code),
                    coDepartments TEXT NOT NULL DEFAULT '',
                    createdAt INTEGER NOT NULL,
                    dispatchedAt INTEGER,
                    signDeadline INTEGER,
                    signedAt INTEGER,
                    deadline INTEGER,
                    pendingExtensionDays INTEGER CHECK (pendingExtensionDays BETWEEN 1 AND 30),
                    pendingExtensionReason TEXT,
                    pendingExtensionAt INTEGER,
                    repliedAt INTEGER,
                    replyText TEXT,
                    replyOutcome TEXT CHECK (replyOutcome IN (\(sqlList(ReplyOutcome.self)))),
                    closedAt INTEGER,
                    answerText TEXT,
                    answeredAt INTEGER,
                    onTime INTEGER CHECK (onTime IN (0, 1)),
                    revisitedAt INTEGER,
                    mergedInto TEXT REFERENCES ticket(number),
                    eventCount INTEGER NOT NULL CHECK (eventCount >= 1),
                    UNIQUE (sourceSystem, sourceId)
                ) STRICT;
                CREATE INDEX ticket_state ON ticket(state, deadline);
                CREATE INDEX ticket_lead ON ticket(leadDepartment, state);
                CREATE INDEX ticket_created ON ticket(createdAt);

                CREATE TABLE ticketEvent (
                    id INTEGER PRIMARY KEY,
                    ticketId INTEGER NOT NULL REFERENCES ticket(id),
                    sequence INTEGER NOT NULL CHECK (sequence >= 1),
                    action TEXT NOT NULL CHECK (action IN (\(sqlList(TicketAction.self)))),
                    fromState TEXT CHECK (fromState IN (\(sqlList(TicketState.self)))),
                    toState TEXT NOT NULL CHECK (toState IN (\(sqlList(TicketState.self)))),
                    actor TEXT NOT NULL REFERENCES staff(code),
                    at INTEGER NOT NULL,
                    details TEXT NOT NULL CHECK (json_valid(details)),
                    UNIQUE (ticketId, sequence)
                ) STRICT;
                CREATE INDEX ticketEvent_at ON ticketEvent(at);

                CREATE TABLE ticketCounter (
                    day TEXT PRIMARY KEY NOT NULL,
                    last INTEGER NOT NULL CHECK (last >= 1)
                ) STRICT;

                CREATE TABLE auditLog (
                    id INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    details TEXT NOT NULL CHECK (json_valid(details))
                ) STRICT;
                """)
        try appendOnly("ticketEvent", db)
        try appendOnly("auditLog", db)
    }
}
