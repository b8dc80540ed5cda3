import Foundation
import Testing

/// DESIGN §9: the rules that decide deadlines, months, letters, ranks and 补录 are the database's, stored when it is
/// made. A configuration folder given to one command does not change them (a liaison with a folder of his own must
/// not sign with a longer limit); an administrator applies new ones, audited; the time zone stays once there are
/// records.
@Suite struct RulesTests {
    static func folder(_ cli: CLIHarness, _ name: String, _ yaml: String) throws -> String {
        let folder = cli.folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try yaml.write(to: folder.appendingPathComponent("govdesk.yaml"), atomically: true, encoding: .utf8)
        return folder.path
    }

    /// Logs a complaint, dispatches it to CGJ and has cgj1 sign it with `extra` arguments; its deadline as shown.
    static func signed(_ cli: CLIHarness, _ extra: [String]) throws -> (deadline: String, stderr: String) {
        let number = try cli.ok([
            "--now", "2025-09-01T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "公用事业/供水/停水", "--channel", "phone", "--caller", "周敏", "--phone", "13900001111", "--text", "停水",
        ])
        try cli.ok(["--now", "2025-09-01T09:10", "--actor", "pd01", "ticket", "dispatch", number, "--to", "CGJ"])
        let sign = try cli.run(extra + ["--now", "2025-09-01T10:00", "--actor", "cgj1", "ticket", "sign", number])
        #expect(sign.status == 0, "\(sign.stderr)")
        let shown = try cli.ok(["--json", "ticket", "show", number])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        return (try #require(object["deadline"] as? String), sign.stderr)
    }

    @Test func aFolderGivenToOneCommandDoesNotChangeTheDatabasesRules() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let lenient = try Self.folder(cli, "lenient", "limits:\n  handlingDays:\n    complaint: 60\n")
        let plain = try Self.signed(cli, [])
        let claimed = try Self.signed(cli, ["--config", lenient])
        #expect(claimed.deadline == plain.deadline, "the database's limit applied, not the folder's")
        #expect(claimed.stderr.contains("limits.handlingDays.complaint: 10 → 60"), "\(claimed.stderr)")
        #expect(claimed.stderr.contains("config apply"), "\(claimed.stderr)")

        // Only an administrator applies new rules; the refusal writes nothing.
        let liaison = try cli.run(["--config", lenient, "--actor", "cgj1", "config", "apply"])
        #expect(liaison.status == 1, "\(liaison.stderr)")
        #expect(liaison.stderr.contains("may not change the rules"), "\(liaison.stderr)")
        let applied = try cli.ok(["--config", lenient, "--actor", "admin", "config", "apply"])
        #expect(applied.contains("limits.handlingDays.complaint: 10 → 60"), "\(applied)")
        let audit = try cli.ok(["--actor", "admin", "audit", "list", "--action", "apply-rules"])
        #expect(audit.contains("admin"), "\(audit)")
        let after = try Self.signed(cli, [])
        #expect(after.deadline > plain.deadline, "the applied limit is in force for every command")
        let again = try cli.run(["--config", lenient, "--actor", "admin", "config", "apply"])
        #expect(again.status == 64, "nothing to apply: \(again.stderr)")

        // The time zone stays once there are records: months and days would move under them.
        let london = try Self.folder(cli, "london", "timeZone: Europe/London\n")
        let moved = try cli.run(["--config", london, "--actor", "admin", "config", "apply"])
        #expect(moved.status == 1, "\(moved.stderr)")
        #expect(moved.stderr.contains("the time zone stays Asia/Shanghai"), "\(moved.stderr)")
        let shown = try cli.ok(["--config", london, "config", "show"])
        #expect(shown.contains("timeZone: Asia/Shanghai"), "\(shown)")
        #expect(shown.contains("timeZone: Asia/Shanghai → Europe/London"), "\(shown)")
    }

    /// The calendar is the database's too (DESIGN §9): `init` stores the years it was made with, and a folder's
    /// `calendar/` given to a later command changes no deadline (hostile review: a folder that made December's
    /// working days holidays moved a liaison's deadline by four weeks).
    @Test func aFolderGivenToOneCommandDoesNotChangeTheCalendar() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let stored = try cli.ok(["--json", "calendar", "show"])
        #expect(stored.contains("\"stored\" : true"), "init stores the years it was made with: \(stored)")
        let evil = try Self.folder(cli, "evil", "version: 1\n")
        try FileManager.default.createDirectory(
            atPath: evil + "/calendar", withIntermediateDirectories: true)
        let days = (2...30).map { String(format: "  - {date: 2025-09-%02d, name: 假期}", $0) }.joined(separator: "\n")
        try "year: 2025\nnotice: 假通知\nholidays:\n\(days)\nmakeUpWorkdays: []\n".write(
            toFile: evil + "/calendar/2025.yaml", atomically: true, encoding: .utf8)
        let plain = try Self.signed(cli, [])
        let claimed = try Self.signed(cli, ["--config", evil])
        #expect(claimed.deadline == plain.deadline, "the database's calendar applied, not the folder's")
        let shown = try cli.ok(["--config", evil, "calendar", "show", "2025"])
        #expect(!shown.contains("假通知"), "\(shown)")
    }

    /// A month closes in the database's time zone whatever folder the supervisor gives.
    @Test func aMonthClosesInTheDatabasesTimeZone() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        _ = try Self.signed(cli, [])
        let far = try Self.folder(cli, "far", "timeZone: Pacific/Kiritimati\n")
        try cli.ok(["--config", far, "--now", "2025-11-02T09:00", "--actor", "db01", "month", "close", "2025-09"])
        let listed = try cli.ok(["--json", "month", "list"])
        // --now read, and the close shown, in Shanghai (UTC+8), not on Kiritimati (UTC+14).
        #expect(listed.contains("2025-11-02T09:00:00+08:00"), "\(listed)")
    }
}
