import Foundation
import GRDB
import Testing

@testable import GovDeskStore

/// Databases written by released schema versions open, upgrade and keep every record (DESIGN §8).
@Suite(.serialized)
struct SchemaFixtureTests {
    static let fixtures = CLIHarness.repositoryRoot.appendingPathComponent("Tests/SchemaFixtures")

    @Test(arguments: [
        "v4-letters.sqlite", "v6-query-report-bounds.sqlite", "v7-drop-redundant-event-index.sqlite",
        "v8-calendar-years.sqlite", "v10-staff-bindings.sqlite", "v16-month-close.sqlite",
    ])
    func aReleasedDatabaseOpensUpgradesAndKeepsItsRecords(fixture: String) throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        // Work on a copy: opening switches the file to WAL and applies any newer migrations.
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent(fixture), to: URL(fileURLWithPath: cli.database))

        let check = try cli.run(["db", "check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // Upgraded, its schema is exactly the one a new database has: writes take the digest's fast path.
        let digest = try DatabaseQueue(path: cli.database).read { db in SchemaShape.digest(try SchemaShape.objects(db))
        }
        #expect(digest == SchemaShape.expectedDigest)
        let ticket = try cli.ok(["--json", "ticket", "show", "20250929-0001"])
        #expect(ticket.contains("\"state\" : \"closed\""))
        #expect(ticket.contains("\"deadline\" : \"2025-10-25T00:00:00+08:00\""))
        let theCase = try cli.ok(["case", "show", "BJ20251009-0001"])
        #expect(theCase.contains("ZG20251010-001"))
        let letters = try cli.ok(["--json", "letters", "list"])
        #expect(letters.contains("〔2025〕"))

        // The upgraded database is marked production (it was not a demo's) and takes new work at the real clock.
        let kind = try DatabaseQueue(path: cli.database).read { db in
            try Int32.fetchOne(db, sql: "PRAGMA application_id")
        }
        #expect(kind == 0x4744_4B50)
        // It keeps no rules yet (DESIGN §9): no write until an administrator stores them, so that nobody's own
        // configuration folder sets its limits meanwhile.
        let ruleless = try cli.run([
            "--actor", "op01", "ticket", "new", "--type", "consult", "--topic", "政务服务/窗口服务/办事流程繁琐", "--channel",
            "web", "--caller", "孙丽", "--phone", "13700001111", "--text", "咨询营业执照变更所需材料",
        ])
        #expect(ruleless.status == 1, "\(ruleless.stderr)")
        #expect(ruleless.stderr.contains("还没有保存规则"), "\(ruleless.stderr)")
        #expect(try cli.run(["--actor", "op01", "config", "apply"]).status == 1, "an administrator's")
        try cli.ok(["--actor", "admin", "config", "apply"])
        let number = try cli.ok([
            "--actor", "op01", "ticket", "new", "--type", "consult", "--topic", "政务服务/窗口服务/办事流程繁琐", "--channel",
            "web", "--caller", "孙丽", "--phone", "13700001111", "--text", "咨询营业执照变更所需材料",
        ])
        // New numbers have six digits; those the release gave keep their four (they are in the event chains).
        #expect(number.range(of: #"^\d{8}-\d{6}$"#, options: .regularExpression) != nil, "\(number)")
        #expect(try cli.run(["db", "check"]).status == 0)

        // It joined the ledger at the upgrade (DESIGN §11.4): one entry per row that was there, then one per write;
        // a seal taken now holds.
        let (entries, rows) = try DatabaseQueue(path: cli.database).read { db -> (Int, Int) in
            let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger")!
            let rows = try Int.fetchOne(
                db, sql: "SELECT (SELECT count(*) FROM ticket) + (SELECT count(*) FROM ticketEvent)")!
            return (entries, rows)
        }
        #expect(entries > rows, "\(entries) entries for \(rows) ticket and event rows")
        let seal = try cli.ok(["db", "seal"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try cli.run(["db", "check", "--seal", seal]).status == 0)

        // It keeps no topic tree yet: intake uses the file's until an administrator loads it (DESIGN §9).
        let list = try cli.run(["topic", "list"])
        #expect(list.stderr.contains("topic load"), "\(list.stderr)")
        #expect(try cli.ok(["--actor", "admin", "topic", "load"]).contains("已载入"))
        #expect(try cli.run(["topic", "list"]).stderr.isEmpty)
        #expect(try cli.run(["--actor", "admin", "topic", "load"]).status == 1)
        #expect(try cli.run(["db", "check", "--seal", seal]).status == 0)
    }

    /// The trust release's database: closed months keep their stored figures and stay closed; the back-dated entry
    /// it holds is counted, and its schema is the one this build expects (writes are not refused).
    @Test func theMonthCloseFixtureKeepsItsClosedMonthsAndItsBackdatedEntry() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("v16-month-close.sqlite"), to: URL(fileURLWithPath: cli.database))
        let months = try cli.ok(["--json", "month", "list"])
        #expect(months.contains("2025-09") && months.contains("2025-10"), "\(months)")
        let report = try cli.ok(["report", "monthly", "--month", "2025-09", "--format", "json"])
        #expect(report.contains("\"monthClose\""), "shown from the stored figures")
        try cli.ok(["--actor", "admin", "config", "apply"])
        let refused = try cli.run(["--actor", "db01", "month", "close", "2025-09"])
        #expect(refused.stderr.contains("closed already"), "\(refused.stderr)")
        let december = try cli.ok(["report", "monthly", "--month", "2026-12", "--format", "json"])
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(december.utf8)) as? [String: Any])
        #expect(figures["backdated"] as? Int == 1, "the fixture's 补录")
        try cli.ok(["--actor", "db01", "month", "close", "2025-11"])
        #expect(try cli.run(["db", "check"]).status == 0)
    }

    /// On a day whose tickets have four-digit numbers, the next ticket continues the day's count in six digits and the
    /// old numbers still name their tickets.
    @Test func aDayNumberedInFourDigitsContinuesInSix() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("v8-calendar-years.sqlite"), to: URL(fileURLWithPath: cli.database)
        )
        // A training copy, so that the day can be 2026-12-24 whatever the real date (a production database keeps the
        // real clock and takes nothing dated in the future).
        let marking = try DatabaseQueue(path: cli.database)
        try marking.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = 1195658068") }
        try marking.close()
        try cli.ok(["--actor", "admin", "config", "apply"])
        let number = try cli.ok([
            "--now", "2026-12-24T15:00", "--actor", "op01", "ticket", "new", "--type", "consult", "--topic",
            "政务服务/窗口服务/办事流程繁琐", "--channel", "web", "--caller", "孙丽", "--phone", "13700001111", "--text",
            "咨询营业执照变更所需材料",
        ])
        #expect(number == "20261224-000002")
        let old = try cli.ok(["--json", "ticket", "show", "20261224-0001"])
        #expect(old.contains("\"number\" : \"20261224-0001\""))
        let list = try cli.ok(["ticket", "list", "--from", "2026-12-24"])
        #expect(list.contains("20261224-0001") && list.contains("20261224-000002"), "\(list)")
        try cli.ok(["--now", "2026-12-24T15:10", "--actor", "pd01", "ticket", "dispatch", number, "--to", "CGJ"])
        try cli.ok(["--now", "2026-12-28T15:20", "--actor", "db01", "ticket", "urge", "20261224-0001"])
        let check = try cli.run(["db", "check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func theV4FixtureUpgradesWithEveryEventHashedAndChained() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("v4-letters.sqlite"), to: URL(fileURLWithPath: cli.database))
        let check = try cli.run(["db", "check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        // The v5 migration hashed every existing event: none is left without its 32-byte hash.
        let queue = try DatabaseQueue(path: cli.database)
        let counts = try queue.read { db in
            try ["ticketEvent", "caseEvent", "findingEvent"].map { table in
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")!,
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM \(table) WHERE hash IS NULL OR length(hash) != 32")!
                )
            }
        }
        #expect(counts.allSatisfy { $0.0 > 0 && $0.1 == 0 }, "\(counts)")
        // The upgraded file keeps its guards: events are still append-only.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE caseEvent SET actor = actor") }
        }
        // And the backfilled hashes are a real chain: changing an old event is found.
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER caseEvent_no_update")
            try db.execute(
                sql: """
                    UPDATE caseEvent SET at = at + 60
                    WHERE caseId = (SELECT id FROM windowCase WHERE number = 'BJ20251009-0001') AND sequence = 1
                    """)
        }
        try queue.close()
        let tampered = try cli.run(["--lang", "en", "db", "check"])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("case BJ20251009-0001, event 1: hash does not match its content"))
    }
}

/// v8-calendar-years on a database of the previous release: the trails take `recompute` events, and nothing else new.
@Suite(.serialized)
struct CalendarMigrationTests {
    @Test func theV7FixtureTakesRecomputeEventsAfterUpgrading() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try FileManager.default.copyItem(
            at: SchemaFixtureTests.fixtures.appendingPathComponent("v7-drop-redundant-event-index.sqlite"),
            to: URL(fileURLWithPath: cli.database))
        // Marked a training copy, so that the walk can take place in late December whatever the real date.
        let marking = try DatabaseQueue(path: cli.database)
        try marking.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = 1195658068") }
        try marking.close()
        // A release before the rules were stored: an administrator stores them before any write (DESIGN §9).
        try cli.ok(["--actor", "admin", "config", "apply"])
        let number = try cli.ok([
            "--now", "2026-12-24T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张建国", "--phone", "13835512345", "--text", "占道",
        ])
        try cli.ok(["--now", "2026-12-24T09:30", "--actor", "pd01", "ticket", "dispatch", number, "--to", "CGJ"])
        try cli.ok(["--now", "2026-12-24T10:00", "--actor", "cgj1", "ticket", "sign", number])
        let file = cli.folder.appendingPathComponent("2027.json").path
        try CalendarCommandTests.fictional2027.write(toFile: file, atomically: true, encoding: .utf8)
        let added = try cli.ok(["--now", "2026-12-28T11:00", "--actor", "admin", "calendar", "add", file])
        #expect(added.contains(number), "\(added)")
        #expect(try cli.run(["db", "check"]).status == 0)

        let queue = try DatabaseQueue(path: cli.database)
        defer { try? queue.close() }
        try queue.read { db in
            for table in ["ticketEvent", "caseEvent", "findingEvent"] {
                let sql = try String.fetchOne(
                    db, sql: "SELECT sql FROM sqlite_schema WHERE name = ?", arguments: [table])
                #expect(sql?.contains(",'recompute')") == true, "\(table): \(sql ?? "")")
            }
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
        }
        // The widened CHECK still refuses what is not an action.
        let error = #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO ticketEvent (ticketId, sequence, action, fromState, toState, actor, at, details)
                        VALUES (1, 99, 'bogus', 'handling', 'handling', 'admin', 0, '{}')
                        """)
            }
        }
        #expect(error?.resultCode == .SQLITE_CONSTRAINT, "\(String(describing: error))")
    }
}
