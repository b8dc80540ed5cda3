import Foundation
import Testing

/// DESIGN §2.3 and §3: an extension (延期) moves a deadline that has not passed yet. It is asked for and approved
/// before the deadline in force; once the deadline has passed the ticket is late, and no approval makes it on time.
@Suite(.serialized)
struct ExtensionDeadlineTests {
    /// A complaint signed on Monday 16 June 2025: due 2025-06-30 24:00 (ten working days from the day after).
    static func signedComplaint(_ cli: CLIHarness) throws -> String {
        let n = try cli.ok([
            "--now", "2025-06-16T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "李明", "--phone", "13800138000", "--text", "占道经营",
        ])
        try cli.ok(["--now", "2025-06-16T09:10", "--actor", "pd01", "ticket", "dispatch", n, "--to", "CGJ"])
        let signed = try cli.ok(["--now", "2025-06-16T10:00", "--actor", "cgj1", "ticket", "sign", n])
        #expect(signed.contains("2025-06-30 24:00"), "\(signed)")
        return n
    }

    @Test func anApprovalAfterTheDeadlineIsRefusedAndTheTicketStaysLate() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let n = try Self.signedComplaint(cli)
        try cli.ok([
            "--now", "2025-06-25T09:00", "--actor", "cgj1", "ticket", "extend", n, "--days", "5", "--reason", "待查",
        ])
        let before = try cli.dump()
        let late = try cli.run(["--now", "2025-07-02T09:00", "--actor", "db01", "ticket", "approve-extension", n])
        #expect(late.status == 1, "\(late.stderr)")
        #expect(late.stderr.contains("ticket \(n)"), "\(late.stderr)")
        #expect(late.stderr.contains("2025-06-30 24:00"), "the message names the deadline: \(late.stderr)")
        #expect(late.stderr.contains("deny-extension"), "it says what is allowed: \(late.stderr)")
        #expect(try cli.dump() == before, "a refusal writes nothing")
        // The request can be denied; the reply that follows is late, as it is.
        try cli.ok(["--now", "2025-07-02T09:05", "--actor", "db01", "ticket", "deny-extension", n])
        try cli.ok(["--now", "2025-07-03T09:00", "--actor", "cgj1", "ticket", "reply", n, "--text", "已处理"])
        try cli.ok(["--now", "2025-07-03T10:00", "--actor", "sh01", "ticket", "approve", n])
        let shown = try cli.ok(["--json", "ticket", "show", n])
        #expect(shown.contains("\"onTime\" : false"), "\(shown)")
        #expect(shown.contains("\"deadline\" : \"2025-07-01T00:00:00+08:00\""), "\(shown)")
    }

    @Test func anExtensionAskedForAfterTheDeadlineIsRefused() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let n = try Self.signedComplaint(cli)
        let before = try cli.dump()
        let late = try cli.run([
            "--now", "2025-07-01T00:00:01", "--actor", "cgj1", "ticket", "extend", n, "--days", "5", "--reason", "待查",
        ])
        #expect(late.status == 1, "\(late.stderr)")
        #expect(late.stderr.contains("2025-06-30 24:00"), "\(late.stderr)")
        #expect(late.stderr.contains("before the deadline"), "\(late.stderr)")
        #expect(try cli.dump() == before)
    }

    @Test func anExtensionAskedForAndApprovedInTimeMovesTheDeadline() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let n = try Self.signedComplaint(cli)
        try cli.ok([
            "--now", "2025-06-25T09:00", "--actor", "cgj1", "ticket", "extend", n, "--days", "5", "--reason", "待查",
        ])
        // Approved at the last second of the deadline: still in time.
        let approved = try cli.ok([
            "--now", "2025-06-30T23:59:59", "--actor", "db01", "ticket", "approve-extension", n,
        ])
        #expect(approved.contains("2025-07-07 24:00"), "\(approved)")
        try cli.ok(["--now", "2025-07-03T09:00", "--actor", "cgj1", "ticket", "reply", n, "--text", "已处理"])
        try cli.ok(["--now", "2025-07-03T10:00", "--actor", "sh01", "ticket", "approve", n])
        #expect(try cli.ok(["--json", "ticket", "show", n]).contains("\"onTime\" : true"))
    }
}
