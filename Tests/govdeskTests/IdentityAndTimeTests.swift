import Foundation
import GRDB
import Testing

/// DESIGN §11.1–11.2 through the built binary: nobody acts as someone else by default, and no entry is slipped in
/// behind a record's history (issue 12, cases 6–8).
@Suite(.serialized)
struct IdentityAndTimeTests {
    @Test func aWriteWithoutAnActorIsAUsageErrorAndWritesNothing() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        let before = try cli.dump()
        for arguments in [
            [
                "ticket", "new", "--type", "consult", "--topic", "政务服务/窗口服务/办事流程繁琐", "--channel", "web", "--caller",
                "孙丽", "--phone", "13700001111", "--text", "咨询",
            ],
            ["letters", "issue"], ["dept", "add", "--code", "X1", "--name", "某局"], ["db", "backup", "b.sqlite"],
            ["eval", "run", "--month", "2025-05"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("--actor CODE or the environment variable GOVDESK_ACTOR"))
        }
        #expect(try cli.dump() == before)
        // The configuration key that made an implicit administrator is refused by name.
        let config = cli.folder.appendingPathComponent("Config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "defaultActor: admin\n".write(
            to: config.appendingPathComponent("govdesk.yaml"), atomically: true, encoding: .utf8)
        let old = try cli.run(["ticket", "list"])
        #expect(old.status == 65)
        #expect(old.stderr.contains("defaultActor"))
    }

    @Test func aLiaisonCannotBackdateAReplyBehindAWarningLetter() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        let n = try cli.ok([
            "--now", "2025-06-10T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张三", "--phone", "13800001111", "--text", "占道",
        ])
        try cli.ok(["--now", "2025-06-10T09:30", "--actor", "pd01", "ticket", "dispatch", n, "--to", "CGJ"])
        try cli.ok(["--now", "2025-06-10T10:00", "--actor", "cgj1", "ticket", "sign", n])
        try cli.ok(["--now", "2025-07-02T09:00", "--actor", "db01", "letters", "issue"])
        let before = try cli.dump()
        let backdated = try cli.run([
            "--now", "2025-06-20T09:00", "--actor", "cgj1", "ticket", "reply", n, "--text", "已处理",
        ])
        #expect(backdated.status == 1)
        #expect(backdated.stderr.contains("would come before its latest event"), "\(backdated.stderr)")
        #expect(try cli.dump() == before)
        // Nor a dispatch before the ticket's creation.
        let early = try cli.ok([
            "--now", "2025-06-11T09:00", "--actor", "op01", "ticket", "new", "--type", "consult", "--topic",
            "政务服务/窗口服务/办事流程繁琐", "--channel", "web", "--caller", "孙丽", "--phone", "13700001111", "--text", "咨询",
        ])
        let dispatch = try cli.run([
            "--now", "2025-06-11T08:00", "--actor", "pd01", "ticket", "dispatch", early, "--to", "CGJ",
        ])
        #expect(dispatch.status == 1, "\(dispatch.stderr)")
    }
}
