import Foundation
import GRDB
import Testing

@testable import GovDeskStore

/// DESIGN §11.4's tamper suite: a database made through the command line is sealed (`db seal`); each kind of change
/// someone with the sqlite3 shell could make — triggers dropped first — is made on a copy, and `db check --seal`
/// finds it, exits 1 and names the record. A copy left alone, and one that was only vacuumed, pass.
@Suite(.serialized)
struct LedgerTamperTests {
    /// The records the base database holds, by what they are.
    struct Base {
        var cli: CLIHarness
        var seal: String
        var answered: String
        var open: String
        var windowCase: String
        var finding: String
        var ratingFinding: String
    }

    /// Tickets, a case, its rating, a finding, a letter, a manual score, an evaluation, a closed month (月结),
    /// reference-data changes and a binding, each written by its command.
    static func makeBase() throws -> Base {
        let cli = try CLIHarness()
        try cli.ok(["init", "--training"])
        let answered = try cli.ok([
            "--now", "2025-09-01T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "公用事业/供水/停水", "--channel", "phone", "--caller", "周敏", "--phone", "13900001111", "--text", "停水",
        ])
        try cli.ok(["--now", "2025-09-01T09:10", "--actor", "pd01", "ticket", "dispatch", answered, "--to", "CGJ"])
        try cli.ok(["--now", "2025-09-01T10:00", "--actor", "cgj1", "ticket", "sign", answered])
        try cli.ok(["--now", "2025-09-03T10:00", "--actor", "cgj1", "ticket", "reply", answered, "--text", "已恢复供水"])
        try cli.ok(["--now", "2025-09-04T10:00", "--actor", "sh01", "ticket", "approve", answered])
        let open = try cli.ok([
            "--now", "2025-09-02T09:00", "--actor", "op01", "ticket", "new", "--type", "help", "--topic", "公用事业/供水/停水",
            "--channel", "web", "--caller", "李雷", "--phone", "13900002222", "--text", "水压低",
        ])
        try cli.ok(["--now", "2025-09-02T09:10", "--actor", "pd01", "ticket", "dispatch", open, "--to", "CGJ"])
        try cli.ok(["--now", "2025-09-20T09:00", "--actor", "db01", "letters", "issue"])
        let created = try cli.ok([
            "--actor", "w01", "--now", "2025-10-09T09:00", "case", "new", "--item", "QY001", "--window", "A01",
            "--applicant", "张建国",
        ])
        let windowCase = try #require(created.split(separator: "\n").first.map(String.init))
        try cli.ok(["--actor", "w01", "--now", "2025-10-09T15:00", "case", "complete", windowCase])
        let rated = try cli.ok(["--actor", "w02", "--now", "2025-10-09T15:10", "rate", windowCase, "--score", "2"])
        let ratingFinding = try #require(
            rated.firstMatch(of: try Regex("ZG[0-9]{8}-[0-9]{6}")).map { String(rated[$0.range]) })
        let finding = try cli.ok([
            "--now", "2025-10-10T10:00", "--actor", "ty01", "finding", "new", "--source", "walkthrough", "--kind",
            "slow",
            "--window", "A01", "--text", "叫号系统故障",
        ])
        try cli.ok(["--now", "2025-10-10T10:05", "--actor", "ty01", "finding", "assign", finding, "--days", "10"])
        try cli.ok([
            "--actor", "db01", "--now", "2025-10-12T09:00", "eval", "score", "--month", "2025-09", "--staff", "w01",
            "--item", "业务考试", "--points", "5",
        ])
        try cli.ok(["--actor", "db01", "--now", "2025-10-12T09:00", "eval", "run", "--month", "2025-09"])
        try cli.ok(["--actor", "db01", "--now", "2025-10-12T09:30", "month", "close", "2025-09"])
        try cli.ok(["--actor", "admin", "dept", "add", "--code", "TEST", "--name", "测试局"])
        let me = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        try cli.ok(["--actor", "admin", "staff", "bind", "admin", "--os-user", me])
        let seal = try cli.ok(["db", "seal"]).trimmingCharacters(in: .whitespacesAndNewlines)
        return Base(
            cli: cli, seal: seal, answered: answered, open: open, windowCase: windowCase, finding: finding,
            ratingFinding: ratingFinding)
    }

    /// One kind of change, and what `db check --seal` must say about it.
    struct Kind {
        var name: String
        var sql: (Base) -> String
        var finds: (Base) -> [String]
        /// Runs after the SQL, with the triggers gone (to recompute hashes as a careful forger would).
        var after: ((Database, Base) throws -> Void)?
    }

    static let kinds: [Kind] = [
        Kind(
            name: "cut the tail off a ticket's history, its row rolled back to match",
            sql: { _ in
                """
                DELETE FROM ticketEvent WHERE id = (SELECT max(id) FROM ticketEvent WHERE ticketId = 1);
                UPDATE ticket SET state = 'replied', eventCount = eventCount - 1, closedAt = NULL, onTime = NULL
                    WHERE id = 1;
                """
            },
            finds: { ["ticket \($0.answered): differs from what ledger entry", "(an event of ticket \($0.answered))"] }
        ),
        Kind(
            name: "delete a whole ticket",
            sql: { _ in "DELETE FROM ticketEvent WHERE ticketId = 2; DELETE FROM ticket WHERE id = 2;" },
            finds: { ["ticket \($0.open): recorded by ledger entry", "missing: deleted outside GovDesk"] }),
        Kind(
            name: "backdate a reply and recompute the ticket's chain",
            sql: { _ in
                "UPDATE ticketEvent SET at = at - 86400 WHERE ticketId = 1 AND action = 'reply';"
            },
            finds: { ["ticket \($0.answered), event 4: differs from what ledger entry"] },
            after: { db, _ in try rechain(db, ticketId: 1) }),
        Kind(
            name: "add a forged approval event with a valid chain",
            sql: { _ in
                """
                INSERT INTO ticketEvent (ticketId, sequence, action, fromState, toState, actor, at, details, hash)
                SELECT 2, sequence + 1, 'urge', toState, toState, 'db01', at + 60, '{}', hash FROM ticketEvent
                    WHERE ticketId = 2 ORDER BY sequence DESC LIMIT 1;
                UPDATE ticket SET eventCount = eventCount + 1 WHERE id = 2;
                """
            },
            finds: { ["ticket \($0.open), event ", "is not in the ledger: added outside GovDesk"] },
            after: { db, _ in try rechain(db, ticketId: 2) }),
        Kind(
            name: "change a ticket's deadline",
            sql: { _ in "UPDATE ticket SET signDeadline = signDeadline + 864000 WHERE id = 2;" },
            finds: { ["ticket \($0.open): differs from what ledger entry"] }),
        Kind(
            name: "change a caller's phone",
            sql: { _ in "UPDATE ticket SET callerPhone = '13000000000' WHERE id = 2;" },
            finds: { ["ticket \($0.open): differs from what ledger entry"] }),
        Kind(
            name: "raise a rating",
            sql: { _ in "UPDATE rating SET score = 5;" },
            finds: { _ in ["rating 1: differs from what ledger entry"] }),
        Kind(
            name: "delete a rating",
            sql: { _ in "DELETE FROM rating;" },
            finds: { _ in ["rating row 1: recorded by ledger entry", "missing: deleted outside GovDesk"] }),
        Kind(
            name: "edit a letter's number",
            sql: { _ in "UPDATE letter SET number = replace(number, '1', '9');" },
            finds: { _ in ["differs from what ledger entry", "letter "] }),
        Kind(
            name: "drop a ticket from a letter",
            sql: { _ in "DELETE FROM letterItem;" },
            finds: { _ in ["letterItem row 1: recorded by ledger entry", "missing: deleted outside GovDesk"] }),
        Kind(
            name: "change who an audit entry names",
            sql: { _ in "UPDATE auditLog SET actor = 'op02' WHERE action = 'staff-bind';" },
            finds: { _ in ["auditLog ", "differs from what ledger entry"] }),
        Kind(
            name: "delete an audit entry",
            sql: { _ in "DELETE FROM auditLog WHERE action = 'department-add';" },
            finds: { _ in ["auditLog row ", "missing: deleted outside GovDesk"] }),
        Kind(
            name: "make a liaison a reviewer",
            sql: { _ in "UPDATE staff SET roles = 'liaison,reviewer' WHERE code = 'cgj1';" },
            finds: { _ in ["staff cgj1: differs from what ledger entry"] }),
        Kind(
            name: "add an administrator",
            sql: { _ in
                "INSERT INTO staff (code, name, department, roles, active) VALUES ('evil', '某', 'CGJ', 'admin', 1);"
            },
            finds: { _ in ["staff evil: is not in the ledger: added outside GovDesk"] }),
        Kind(
            name: "rename a department",
            sql: { _ in "UPDATE department SET name = '城管' WHERE code = 'CGJ';" },
            finds: { _ in ["department CGJ: differs from what ledger entry"] }),
        Kind(
            name: "deactivate a window",
            sql: { _ in "UPDATE window SET active = 0 WHERE code = 'A01';" },
            finds: { _ in ["window A01: differs from what ledger entry"] }),
        Kind(
            name: "lengthen a service item's time limit",
            sql: { _ in "UPDATE serviceItem SET name = name || '（改）' WHERE code = 'QY001';" },
            finds: { _ in ["serviceItem QY001: differs from what ledger entry"] }),
        Kind(
            name: "deactivate an officer",
            sql: { _ in "UPDATE officer SET active = 0 WHERE code = 'TYY01';" },
            finds: { _ in ["officer TYY01: differs from what ledger entry"] }),
        Kind(
            name: "move a case's deadline",
            sql: { _ in "UPDATE windowCase SET due = due + 86400;" },
            finds: { ["case \($0.windowCase): differs from what ledger entry"] }),
        Kind(
            name: "close a finding",
            sql: { _ in "UPDATE finding SET state = 'verified' WHERE id = 2;" },
            finds: { ["finding \($0.finding): differs from what ledger entry"] }),
        Kind(
            name: "delete a finding's events and the finding",
            sql: { _ in "DELETE FROM findingEvent WHERE findingId = 1; DELETE FROM finding WHERE id = 1;" },
            finds: { ["finding \($0.ratingFinding): recorded by ledger entry"] }),
        Kind(
            name: "raise a manual score",
            sql: { _ in "UPDATE evaluationScore SET points = 10;" },
            finds: { _ in ["evaluationScore ", "differs from what ledger entry"] }),
        Kind(
            name: "change an evaluation result",
            sql: { _ in "UPDATE evaluationResult SET score = score + 50 WHERE id = 1;" },
            finds: { _ in ["evaluationResult 1: differs from what ledger entry"] }),
        Kind(
            name: "edit a closed month's stored figures",
            sql: { _ in
                """
                UPDATE monthClose SET figures = replace(figures, '"received":2,', '"received":3,')
                    WHERE month = '2025-09';
                """
            },
            finds: { _ in
                [
                    "monthClose 2025-09: differs from what ledger entry",
                    "closed month 2025-09: its stored figures do not match their SHA-256",
                ]
            }),
        Kind(
            name: "rewrite a closed month's stored figures and their SHA-256 to match",
            sql: { _ in
                """
                UPDATE monthClose SET figures = replace(figures, '"received":2,', '"received":3,')
                    WHERE month = '2025-09';
                """
            },
            finds: { _ in
                [
                    "monthClose 2025-09: differs from what ledger entry",
                    "closed month 2025-09: a figure differs from what the events give now: "
                        + "report.headline.received: stored 3, now 2",
                ]
            },
            after: { db, _ in
                let figures = try String.fetchOne(db, sql: "SELECT figures FROM monthClose WHERE month = '2025-09'")!
                try db.execute(
                    sql: "UPDATE monthClose SET sha256 = ? WHERE month = '2025-09'",
                    arguments: [ClosedMonth.digest(of: Data(figures.utf8))])
            }),
        Kind(
            name: "delete a month close",
            sql: { _ in "DELETE FROM monthClose;" },
            finds: { _ in ["monthClose row 1: recorded by ledger entry", "missing: deleted outside GovDesk"] }),
        Kind(
            name: "delete a binding",
            sql: { _ in "DELETE FROM staffBinding;" },
            finds: { _ in ["staffBinding row 1: recorded by ledger entry", "missing: deleted outside GovDesk"] }),
        Kind(
            name: "turn a day's ticket counter back",
            sql: { _ in "UPDATE ticketCounter SET last = last + 5;" },
            finds: { _ in ["ticketCounter ", "differs from what ledger entry"] }),
        Kind(
            name: "pass the training database off as a production one, header and kind row",
            sql: { _ in
                "PRAGMA application_id = \(0x4744_4B50); UPDATE databaseInfo SET value = 'production';"
            },
            finds: { _ in ["databaseInfo kind: differs from what ledger entry"] }),
        Kind(
            name: "edit a ledger entry",
            sql: { _ in "UPDATE ledger SET content = content || char(10) WHERE id = 3;" },
            finds: { _ in ["ledger entry 3: its hash does not follow from its content"] }),
        Kind(
            name: "raise a rating and rewrite the whole ledger to match",
            sql: { _ in "UPDATE rating SET score = 5;" },
            finds: { _ in ["is not on this database's ledger"] },
            after: { db, _ in try rewriteLedger(db) }),
        Kind(
            name: "cut the ledger's tail with the rows it recorded",
            sql: { _ in
                """
                DELETE FROM staffBinding;
                DELETE FROM auditLog WHERE action = 'staff-bind';
                DELETE FROM ledger WHERE id = (SELECT max(id) FROM ledger);
                """
            },
            finds: { _ in ["is not on this database's ledger"] }),
    ]

    @Test func everyKindOfChangeIsFoundAndNamed() throws {
        var base = try Self.makeBase()
        base.cli.language = "en"
        defer { base.cli.cleanUp() }
        #expect(base.seal.count == 64, "\(base.seal)")
        let clean = try base.cli.run(["db", "check", "--seal", base.seal])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("; the seal is on it"))
        #expect(Self.kinds.count >= 20)

        for kind in Self.kinds {
            let copy = try Self.copy(base, named: kind.name)
            defer { copy.cleanUp() }
            let queue = try DatabaseQueue(path: copy.database)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")
                for trigger in triggers {
                    try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)")
                }
                try db.inTransaction {
                    try db.execute(sql: kind.sql(base))
                    try kind.after?(db, base)
                    return .commit
                }
                // The triggers back as they were, so the schema is GovDesk's again and only the rows tell.
                for trigger in triggers { try db.execute(sql: trigger["sql"] as String) }
            }
            try queue.close()
            if kind.name.contains("rewrite the whole ledger") {
                // The forgery is complete: without a seal kept elsewhere nothing shows it.
                let unsealed = try copy.run(["db", "check"])
                #expect(unsealed.status == 0, "\(kind.name) without the seal: \(unsealed.stdout)")
            }
            let check = try copy.run(["db", "check", "--seal", base.seal])
            #expect(check.status == 1, "\(kind.name): \(check.stdout)\(check.stderr)")
            for fragment in kind.finds(base) {
                #expect(check.stdout.contains(fragment), "\(kind.name): no \(fragment) in\n\(check.stdout)")
            }
        }
    }

    /// A row changed with the sqlite3 shell and then written by GovDesk itself is not laundered by GovDesk's write:
    /// the ledger line of that write carries the state GovDesk found, and `db check` names the difference for good.
    /// A row GovDesk writes twice, untouched in between, passes.
    @Test func aChangeOutsideGovDeskIsNotLaunderedByGovDesksNextWrite() throws {
        var base = try Self.makeBase()
        base.cli.language = "en"
        defer { base.cli.cleanUp() }
        let copy = try Self.copy(base, named: "launder")
        defer { copy.cleanUp() }
        // Untouched rows written twice by GovDesk: nothing to say.
        try copy.ok(["--actor", "admin", "staff", "edit", "cgj2", "--name", "霍晓"])
        try copy.ok(["--actor", "admin", "staff", "edit", "cgj2", "--name", "霍小霞"])
        let clean = try copy.run(["db", "check", "--seal", base.seal])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")

        let queue = try DatabaseQueue(path: copy.database)
        try queue.write { db in
            try db.execute(sql: "UPDATE staff SET roles = 'liaison,reviewer' WHERE code = 'cgj1'")
            try db.execute(sql: "UPDATE department SET name = '城管局（优）' WHERE code = 'CGJ'")
            try db.execute(sql: "UPDATE ticket SET description = '水压正常' WHERE number = ?", arguments: [base.open])
        }
        try queue.close()
        // GovDesk's own writes to the same rows afterwards.
        try copy.ok(["--actor", "admin", "staff", "edit", "cgj1", "--name", "高文"])
        try copy.ok(["--actor", "admin", "dept", "edit", "CGJ", "--name", "城市管理局"])
        try copy.ok(["--now", "2025-10-20T09:00", "--actor", "admin", "ticket", "sign", base.open])
        let check = try copy.run(["db", "check", "--seal", base.seal])
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        for name in ["staff cgj1", "department CGJ", "ticket \(base.open)"] {
            #expect(
                check.stdout.contains("\(name): was changed outside GovDesk after ledger entry"),
                "\(name) in\n\(check.stdout)")
        }
    }

    /// A forger who appends a ledger entry of his own, chained on, for a row whose table never changes (the kind,
    /// a rule set, a closed month, a rating): GovDesk never writes such an entry, so `db check` names it even though
    /// the chain and the seal hold (hostile review: a production database turned training this way passed).
    @Test func aForgedEntryChangingARowThatNeverChangesIsNamed() throws {
        var base = try Self.makeBase()
        base.cli.language = "en"
        defer { base.cli.cleanUp() }
        let copy = try Self.copy(base, named: "forged kind")
        defer { copy.cleanUp() }
        let queue = try DatabaseQueue(path: copy.database)
        try queue.writeWithoutTransaction { db in
            let trigger = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'databaseInfo_no_update'")!
            try db.execute(sql: "DROP TRIGGER databaseInfo_no_update")
            var was = Data()
            try Ledger.scan("databaseInfo", nil, db) { _, hash, _ in was = hash }
            try db.execute(sql: "UPDATE databaseInfo SET value = 'production'")
            try db.execute(sql: "PRAGMA application_id = 1195658064")
            var now = Data()
            try Ledger.scan("databaseInfo", nil, db) { _, hash, _ in now = hash }
            let content = "+ databaseInfo 1 \(Ledger.hex(now)) ^\(Ledger.hex(was))"
            let previous = try Data.fetchOne(db, sql: "SELECT hash FROM ledger ORDER BY id DESC LIMIT 1")!
            try db.execute(
                sql: "INSERT INTO ledger (content, hash) VALUES (?, ?)",
                arguments: [content, Ledger.entryHash(previous: previous, content: content)])
            try db.execute(sql: trigger)
        }
        try queue.close()
        let check = try copy.run(["db", "check", "--seal", base.seal])
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("changes databaseInfo row 1, whose rows never change"), "\(check.stdout)")

        // The same written as if the row were new (a plain `+`, no `^WAS`), and a liaison made an administrator by
        // an entry with the row's found state but no audit row: both named (third review).
        for (name, table, sql, finds) in [
            (
                "plain", "databaseInfo",
                "UPDATE databaseInfo SET value = 'production'; PRAGMA application_id = 1195658064",
                "changes databaseInfo row 1, whose rows never change"
            ),
            (
                "unaudited", "staff", "UPDATE staff SET roles = 'admin,liaison' WHERE code = 'cgj1'",
                "changes staff row"
            ),
        ] {
            let forged = try Self.copy(base, named: name)
            defer { forged.cleanUp() }
            let queue = try DatabaseQueue(path: forged.database)
            try queue.writeWithoutTransaction { db in
                let triggers = try Row.fetchAll(
                    db, sql: "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?",
                    arguments: [table])
                for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
                let rowid = try Int64.fetchOne(
                    db, sql: table == "staff" ? "SELECT rowid FROM staff WHERE code = 'cgj1'" : "SELECT 1")!
                var was = Data()
                try Ledger.scan(table, rowid...rowid, db) { _, hash, _ in was = hash }
                try db.execute(sql: sql)
                var now = Data()
                try Ledger.scan(table, rowid...rowid, db) { _, hash, _ in now = hash }
                let content =
                    "+ \(table) \(rowid) \(Ledger.hex(now))" + (name == "plain" ? "" : " ^\(Ledger.hex(was))")
                let previous = try Data.fetchOne(db, sql: "SELECT hash FROM ledger ORDER BY id DESC LIMIT 1")!
                try db.execute(
                    sql: "INSERT INTO ledger (content, hash) VALUES (?, ?)",
                    arguments: [content, Ledger.entryHash(previous: previous, content: content)])
                for trigger in triggers { try db.execute(sql: trigger["sql"] as String) }
            }
            try queue.close()
            let found = try forged.run(["db", "check", "--seal", base.seal])
            #expect(found.status == 1, "\(name): \(found.stdout)\(found.stderr)")
            #expect(found.stdout.contains(finds), "\(name): \(found.stdout)")
        }
    }

    /// One change to the schema, made with the sqlite3 shell, and what `db check` must say about it.
    struct SchemaChange {
        var name: String
        var sql: String
        var finds: String
    }

    static let schemaChanges: [SchemaChange] = [
        SchemaChange(
            name: "a trigger that makes a liaison an administrator at the next ticket event",
            sql: """
                CREATE TRIGGER promote AFTER INSERT ON ticketEvent
                BEGIN UPDATE staff SET roles = 'admin' WHERE code = 'cgj1'; END;
                """,
            finds: "trigger promote on ticketEvent: is not GovDesk's: it was added"),
        SchemaChange(
            name: "a trigger that passes the database off as a production one",
            sql: """
                CREATE TRIGGER flip AFTER INSERT ON auditLog
                BEGIN UPDATE databaseInfo SET value = 'production'; END;
                """,
            finds: "trigger flip on auditLog: is not GovDesk's"),
        SchemaChange(
            name: "drop the append-only trigger of the events",
            sql: "DROP TRIGGER ticketEvent_no_update;",
            finds: "trigger ticketEvent_no_update: is missing"),
        SchemaChange(
            name: "drop the trigger that keeps the kind",
            sql: "DROP TRIGGER databaseInfo_no_update;",
            finds: "trigger databaseInfo_no_update: is missing"),
        SchemaChange(
            name: "add a view", sql: "CREATE VIEW everyone AS SELECT * FROM staff;",
            finds: "view everyone: is not GovDesk's"),
        SchemaChange(
            name: "drop an index", sql: "DROP INDEX ticketEvent_backdated;",
            finds: "index ticketEvent_backdated: is missing"),
        SchemaChange(
            name: "add a column", sql: "ALTER TABLE staff ADD COLUMN note TEXT;",
            finds: "table staff: differs from GovDesk's definition"),
        SchemaChange(
            name: "add a table without rowid",
            sql: "CREATE TABLE stash (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;",
            finds: "table stash: is not GovDesk's"),
    ]

    /// A trigger, view, index or column added, dropped or changed outside GovDesk would run inside GovDesk's own
    /// writes, and what it did would be ledgered as GovDesk's: every write refuses such a schema (exit 74, nothing
    /// written) and `db check` names the change; reads still work, so the data can be looked at and copied out.
    @Test func aSchemaChangedOutsideGovDeskIsRefusedForWritesAndNamedByTheCheck() throws {
        var base = try Self.makeBase()
        base.cli.language = "en"
        defer { base.cli.cleanUp() }
        for change in Self.schemaChanges {
            let copy = try Self.copy(base, named: change.name)
            defer { copy.cleanUp() }
            let queue = try DatabaseQueue(path: copy.database)
            try queue.writeWithoutTransaction { db in try db.execute(sql: change.sql) }
            try queue.close()
            let before = try copy.dump()
            let write = try copy.run([
                // The base binds this account to admin.
                "--now", "2025-10-20T09:00", "--actor", "admin", "ticket", "new", "--type", "help", "--topic",
                "公用事业/供水/停水", "--channel", "web", "--caller", "李雷", "--phone", "13900002222", "--text", "水压低",
            ])
            #expect(write.status == 74, "\(change.name): \(write.stdout)\(write.stderr)")
            #expect(write.stderr.contains("schema was changed outside GovDesk"), "\(change.name): \(write.stderr)")
            #expect(try copy.dump() == before, "\(change.name): the refused write wrote nothing")
            #expect(try copy.run(["ticket", "list"]).status == 0, "\(change.name): reads still work")
            let check = try copy.run(["db", "check", "--seal", base.seal])
            #expect(check.status == 1, "\(change.name): \(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains(change.finds), "\(change.name): no \(change.finds) in\n\(check.stdout)")
        }
        // A migration struck from GRDB's table would make the next command run it again and fail on a table that
        // exists: it is named instead.
        let struck = try Self.copy(base, named: "strike a migration")
        defer { struck.cleanUp() }
        let migrations = try DatabaseQueue(path: struck.database)
        try migrations.write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v11-ledger'")
        }
        try migrations.close()
        let opened = try struck.run(["ticket", "list"])
        #expect(opened.status == 74, "\(opened.stderr)")
        #expect(opened.stderr.contains("the migrations table lacks v11-ledger"), "\(opened.stderr)")
        // Without a trigger of its own, the kind row refuses to change.
        let queue = try DatabaseQueue(path: base.cli.database)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE databaseInfo SET value = 'production'") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "DELETE FROM databaseInfo") }
        }
        try queue.close()
    }

    @Test func aVacuumedCopyAndANewerSealPass() throws {
        var base = try Self.makeBase()
        base.cli.language = "en"
        defer { base.cli.cleanUp() }
        let queue = try DatabaseQueue(path: base.cli.database)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        try queue.close()
        let check = try base.cli.run(["db", "check", "--seal", base.seal])
        #expect(check.status == 0, "\(check.stdout)")
        // A later write moves the head on; the old seal is still on the chain.
        try base.cli.ok(["--actor", "admin", "dept", "add", "--code", "TEST2", "--name", "测试二局"])
        let later = try base.cli.ok(["db", "seal"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(later != base.seal)
        #expect(try base.cli.run(["db", "check", "--seal", base.seal]).status == 0)
        #expect(try base.cli.run(["db", "check", "--seal", later]).status == 0)
        // A seal of another database is not on this one.
        let other = String(base.seal.reversed())
        let foreign = try base.cli.run(["db", "check", "--seal", other])
        #expect(foreign.status == 1)
        #expect(foreign.stdout.contains("is not on this database's ledger"))
        // A header changed alone is refused when the file is opened.
        let queue2 = try DatabaseQueue(path: base.cli.database)
        try queue2.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = \(0x4744_4B50)") }
        try queue2.close()
        let flipped = try base.cli.run(["db", "check"])
        #expect(flipped.status == 74)
        #expect(flipped.stderr.contains("its header says production but it was made as training"), "\(flipped.stderr)")
        let queue3 = try DatabaseQueue(path: base.cli.database)
        try queue3.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = \(0x4744_4B54)") }
        try queue3.close()
        // And a seal that is not one is bad input.
        let bad = try base.cli.run(["db", "check", "--seal", "xyz"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("64 hexadecimal digits"), "\(bad.stderr)")
    }

    @Test func everyMonthlyReportCarriesTheHeadAndItIsASeal() throws {
        let base = try Self.makeBase()
        defer { base.cli.cleanUp() }
        let month = ["report", "monthly", "--month", "2025-09"]
        let json = try base.cli.ok(month + ["--format", "json"])
        #expect(json.contains("\"ledgerHead\": \"\(base.seal)\""), "\(json.prefix(300))")
        for format in ["table", "md", "html"] {
            let text = try base.cli.ok(month + ["--format", format])
            #expect(text.contains("账本封记 \(base.seal)"), "\(format)")
        }
        let csv = try base.cli.run(month + ["--format", "csv", "--table", "headline"])
        #expect(!csv.stdout.contains(base.seal), "a CSV stays data")
        #expect(csv.stderr.contains(base.seal))
        // The head a report printed is a seal: a rating raised behind GovDesk's back afterwards is found.
        let queue = try DatabaseQueue(path: base.cli.database)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER rating_no_update; UPDATE rating SET score = 5")
        }
        try queue.close()
        let check = try base.cli.run(["--lang", "en", "db", "check", "--seal", base.seal])
        #expect(check.status == 1)
        #expect(check.stdout.contains("rating 1: differs from what ledger entry"), "\(check.stdout)")
    }

    /// A harness over a copy of the base database.
    static func copy(_ base: Base, named name: String) throws -> CLIHarness {
        let copy = try CLIHarness(language: base.cli.language)
        try FileManager.default.copyItem(atPath: base.cli.database, toPath: copy.database)
        // A command that ended on an error leaves its write-ahead log for the next one: it is part of the database.
        if FileManager.default.fileExists(atPath: base.cli.database + "-wal") {
            try FileManager.default.copyItem(atPath: base.cli.database + "-wal", toPath: copy.database + "-wal")
        }
        return copy
    }

    /// Recomputes a ticket's event chain, as a careful forger would.
    static func rechain(_ db: Database, ticketId: Int64) throws {
        let number = try String.fetchOne(db, sql: "SELECT number FROM ticket WHERE id = ?", arguments: [ticketId])!
        var previous = EventChain.start(.ticket, number: number)
        for row in try Row.fetchAll(
            db, sql: "SELECT * FROM ticketEvent WHERE ticketId = ? ORDER BY sequence", arguments: [ticketId])
        {
            previous = EventChain.hash(after: previous, EventChain.fields(.ticket, of: row))
            try db.execute(sql: "UPDATE ticketEvent SET hash = ? WHERE id = ?", arguments: [previous, row["id"]])
        }
    }

    /// Rewrites every ledger entry from the rows as they are now and chains them again: the rows then match, and
    /// only a seal printed before finds it.
    static func rewriteLedger(_ db: Database) throws {
        var previous = Ledger.genesis
        for entry in try Row.fetchAll(db, sql: "SELECT id, content FROM ledger ORDER BY id") {
            let content: String = entry["content"]
            let lines = try content.split(separator: "\n").map { line -> String in
                // The states the rows had before each write (`^WAS`) go too: they would name the rewrite.
                let parts = line.split(separator: " ").map(String.init).filter { !$0.hasPrefix("^") }
                let table = parts[1]
                switch parts[0] {
                case "+":
                    var hash: Data?
                    try Ledger.scan(table, Int64(parts[2])!...Int64(parts[2])!, db) { _, rowHash, _ in hash = rowHash }
                    guard let hash else { return String(line) }
                    return (["+", table, parts[2], Ledger.hex(hash)] + parts.dropFirst(4)).joined(separator: " ")
                case "=":
                    var digest = Ledger.RunDigest()
                    try Ledger.scan(table, Int64(parts[2])!...Int64(parts[3])!, db) { id, hash, _ in
                        digest.add(id: id, hash: hash)
                    }
                    return ["=", table, parts[2], parts[3], Ledger.hex(digest.finish())].joined(separator: " ")
                default: return parts.joined(separator: " ")
                }
            }
            let rewritten = lines.joined(separator: "\n")
            previous = Ledger.entryHash(previous: previous, content: rewritten)
            try db.execute(
                sql: "UPDATE ledger SET content = ?, hash = ? WHERE id = ?",
                arguments: [rewritten, previous, entry["id"]])
        }
    }
}

/// The demo's bulk build drops and makes again the ticket indexes: its schema must still be GovDesk's to the letter,
/// or each write would compare it the slow way.
@Suite struct DemoSchemaTests {
    @Test func aDemoDatabaseHasTheExpectedSchema() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["demo", "--tickets", "300"])
        let digest = try DatabaseQueue(path: cli.database).read { db in SchemaShape.digest(try SchemaShape.objects(db))
        }
        #expect(digest == SchemaShape.expectedDigest)
    }
}
