import Foundation
import GRDB
import Testing

/// `db check` and `db backup` on real files.
@Suite(.serialized)
struct DatabaseCLITests {
    func makeTicketLife(_ cli: CLIHarness) throws -> String {
        try cli.ok(["init", "--training"])
        let n = try cli.ok([
            "--now", "2025-03-03T09:00", "--actor", "op01", "ticket", "new", "--type", "help", "--topic", "公用事业/供水/停水",
            "--channel",
            "web", "--caller", "周敏", "--phone", "13900001111", "--text", "小区停水三天",
        ])
        try cli.ok(["--now", "2025-03-03T09:30", "--actor", "pd01", "ticket", "dispatch", n, "--to", "GSGS"])
        try cli.ok(["--now", "2025-03-03T10:00", "--actor", "admin", "ticket", "sign", n])
        return n
    }

    @Test func checkPassesOnAnHonestDatabaseAndNamesTheTamperedTicket() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let n = try makeTicketLife(cli)
        let clean = try cli.run(["db", "check"])
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("已检查工单 1 件、事件 3 个：无问题"))

        // Someone with the sqlite3 shell drops the trigger and rewrites where the ticket was sent.
        let queue = try DatabaseQueue(path: cli.database)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER ticketEvent_no_update")
            try db.execute(
                sql: "UPDATE ticketEvent SET details = json_set(details, '$.lead', 'CGJ') WHERE action = 'dispatch'")
        }
        try queue.close()
        let tampered = try cli.run(["--lang", "en", "db", "check"])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("ticket \(n)"))
        #expect(tampered.stdout.contains("leadDepartment"))
    }

    @Test func backupIsACheckedCopyAndOverwritesOnlyWithForce() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        let n = try makeTicketLife(cli)
        let copy = cli.folder.appendingPathComponent("copy.sqlite").path
        try cli.ok(["--actor", "db01", "db", "backup", copy])
        let other = try CLIHarness()
        defer { other.cleanUp() }
        let checked = try other.run(["--db", copy, "db", "check"])
        #expect(checked.status == 0)
        let shown = try other.run(["--db", copy, "--json", "ticket", "show", n])
        #expect(shown.stdout.contains("\"state\" : \"handling\""))
        let again = try cli.run(["--actor", "db01", "db", "backup", copy])
        #expect(again.status == 1)
        #expect(again.stderr.contains("exists; add --force to replace it"))
    }

    @Test func theEventTableRefusesUpdatesAndDeletes() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        _ = try makeTicketLife(cli)
        let queue = try DatabaseQueue(path: cli.database)
        defer { try? queue.close() }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE ticketEvent SET actor = 'admin'") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "DELETE FROM ticketEvent") }
        }
    }
}
