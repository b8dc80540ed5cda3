import Foundation
import Testing

/// DESIGN §6.1: the report counts 补录 per department (events recorded in the month more than the grace after they
/// take effect) and letters as documents beside the tickets they name.
@Suite(.serialized)
struct BackdatedReportTests {
    static func ago(_ seconds: TimeInterval) -> String { BackdatingTests.ago(seconds) }

    static func month(_ date: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", c.year!, c.month!)
    }

    func report(_ cli: CLIHarness) throws -> [String: Any] {
        let text = try cli.ok(["report", "monthly", "--month", Self.month(), "--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func department(_ json: [String: Any], _ code: String) -> [String: Any]? {
        (json["departments"] as? [[String: Any]])?.first { $0["code"] as? String == code }
    }

    @Test func aDepartmentThatRecordsLateShowsItsBackdatedEntriesAndTheGraceComesFromConfiguration() throws {
        // Five hours ago may cross into the previous month on the first of a month; the figures would then be split.
        let fiveHoursAgo = Date(timeIntervalSinceNow: -5 * 3600)
        try #require(Self.month(fiveHoursAgo) == Self.month(), "run again after 05:00 on the first of a month")
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        let reason = ["--backdate-reason", "系统故障期间纸质登记"]
        // Three tickets taken on paper five hours ago and entered now by an administrator (create and dispatch: six
        // back-dated entries), two of them signed four hours ago (two more); the third signed by CGJ now.
        var numbers: [String] = []
        for _ in 0..<3 {
            let n = try cli.ok(["--actor", "admin", "--now", Self.ago(5 * 3600)] + reason + BackdatingTests.newConsult)
            try cli.ok(
                ["--actor", "admin", "--now", Self.ago(5 * 3600)] + reason + ["ticket", "dispatch", n, "--to", "CGJ"])
            numbers.append(n)
        }
        try cli.ok(["--actor", "admin", "--now", Self.ago(4 * 3600)] + reason + ["ticket", "sign", numbers[0]])
        try cli.ok(["--actor", "admin", "--now", Self.ago(4 * 3600)] + reason + ["ticket", "sign", numbers[1]])
        try cli.ok(["--actor", "cgj1", "ticket", "sign", numbers[2]])
        var json = try report(cli)
        #expect(json["backdated"] as? Int == 8, "\(json["backdated"] ?? "nil")")
        #expect(department(json, "CGJ")?["backdated"] as? Int == 8)
        #expect(json["letters"] != nil && json["letterEntries"] != nil)
        let text = try cli.ok(["report", "monthly", "--month", Self.month()])
        let row = text.split(separator: "\n").first { $0.hasPrefix("补录") }
        #expect(row.map { $0.split(separator: " ", omittingEmptySubsequences: true)[1] } == ["8"], "\(text)")
        #expect(text.contains("超过 60 分钟"), "the footnote gives the grace")

        // With a grace of six hours in the database's rules (applied by an administrator: a folder given to one
        // command does not change them, DESIGN §9) the same entries are no longer 补录.
        let config = cli.folder.appendingPathComponent("Config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "backdating:\n  graceMinutes: 360\n".write(
            to: config.appendingPathComponent("govdesk.yaml"), atomically: true, encoding: .utf8)
        var relaxed = cli
        relaxed.environment["GOVDESK_CONFIG"] = config.path
        #expect(try report(relaxed)["backdated"] as? Int == 8, "the folder alone changes nothing")
        try relaxed.ok(["--actor", "admin", "config", "apply"])
        json = try report(relaxed)
        #expect(json["backdated"] as? Int == 0)
        #expect(try relaxed.ok(["report", "monthly", "--month", Self.month()]).contains("超过 360 分钟"))
        try "backdating:\n  graceMinutes: 0\n".write(
            to: config.appendingPathComponent("govdesk.yaml"), atomically: true, encoding: .utf8)
        let zero = try relaxed.run(["report", "monthly", "--month", Self.month()])
        #expect(zero.status != 0)
        #expect(zero.stderr.contains("backdating.graceMinutes"), "\(zero.stderr)")
    }

    @Test func lettersAreCountedAsDocumentsBesideTheTicketsTheyName() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        // Three urgent complaints dispatched to CGJ and left unsigned: one warning letter names all three.
        for _ in 0..<3 {
            let n = try cli.ok(
                ["--actor", "op01", "--now", "2026-03-02T09:00"] + [
                    "ticket", "new", "--type", "complaint", "--urgent", "--topic", "城市管理/市容环境/占道经营", "--channel",
                    "phone", "--caller", "张三", "--phone", "13800001111", "--text", "占道",
                ])
            try cli.ok(["--actor", "pd01", "--now", "2026-03-02T09:10", "ticket", "dispatch", n, "--to", "CGJ"])
            try cli.ok(["--actor", "cgj1", "--now", "2026-03-02T09:20", "ticket", "sign", n])
        }
        try cli.ok(["--actor", "db01", "--now", "2026-03-05T09:00", "letters", "issue"])
        let text = try cli.ok(["report", "monthly", "--month", "2026-03", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let letters = try #require(json["letters"] as? [String: Int])
        let entries = try #require(json["letterEntries"] as? [String: Int])
        #expect(letters["total"] == 1, "one document: \(letters)")
        #expect(entries["total"] == 3, "naming three tickets: \(entries)")
        #expect((department(json, "CGJ")?["letters"] as? [String: Int])?["total"] == 1)
        let table = try cli.ok(["report", "monthly", "--month", "2026-03"])
        #expect(table.split(separator: "\n").contains { $0.hasPrefix("督办函（份）") && $0.contains(" 1 ") }, "\(table)")
    }
}
