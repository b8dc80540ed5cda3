import Foundation
import GRDB
import Testing

/// DESIGN §11.1–11.2 through the built binary: nobody acts as someone else by default, and no entry is slipped in
/// behind a record's history (issue 12, cases 6–8).
@Suite(.serialized)
struct IdentityAndTimeTests {
    @Test func aWriteWithoutAnActorIsAUsageErrorAndWritesNothing() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
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
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
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

/// DESIGN §11.2 on a production database: the real clock records every entry; an entry dated earlier than the grace,
/// or behind a deadline that passed in between, needs a reason and a supervisor; nothing takes effect in the future.
@Suite(.serialized)
struct BackdatingTests {
    /// An instant relative to the real clock, as `--now` takes it.
    static func ago(_ seconds: TimeInterval) -> String {
        Date(timeIntervalSinceNow: -seconds).formatted(Date.ISO8601FormatStyle())
    }

    static let newConsult = [
        "ticket", "new", "--type", "consult", "--topic", "政务服务/窗口服务/办事流程繁琐", "--channel", "web", "--caller", "孙丽",
        "--phone", "13700001111", "--text", "咨询",
    ]

    @Test func anEntryBeyondTheGraceNeedsAReasonAndAHolderOfThePermissionAndShowsBothTimes() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        let before = try cli.dump()
        let bare = try cli.run(["--actor", "op01", "--now", Self.ago(5 * 3600)] + Self.newConsult)
        #expect(bare.status == 64, "\(bare.stderr)")
        #expect(bare.stderr.contains("补录须加 --backdate-reason"), "\(bare.stderr)")
        let operatorWithReason = try cli.run(
            ["--actor", "op01", "--now", Self.ago(5 * 3600), "--backdate-reason", "电话记录补录"] + Self.newConsult)
        #expect(operatorWithReason.status == 1, "\(operatorWithReason.stderr)")
        #expect(operatorWithReason.stderr.contains("无权补录"))
        let future = try cli.run(["--actor", "op01", "--now", Self.ago(-86400)] + Self.newConsult)
        #expect(future.status == 1)
        #expect(future.stderr.contains("不能在将来生效"))
        #expect(try cli.dump() == before, "no refusal wrote anything")

        // Within the grace nothing is asked; beyond it an administrator records it with the reason.
        try cli.ok(["--actor", "op01", "--now", Self.ago(30 * 60)] + Self.newConsult)
        let n = try cli.ok(
            ["--actor", "admin", "--now", Self.ago(5 * 3600), "--backdate-reason", "电话记录补录"] + Self.newConsult)
        let json = try cli.ok(["--json", "ticket", "show", n])
        #expect(json.contains("\"backdateReason\" : \"电话记录补录\""), "\(json)")
        #expect(json.contains("\"recordedAt\""))
        let shown = try cli.ok(["ticket", "show", n])
        #expect(shown.contains("【补录，"), "\(shown)")
        #expect(try cli.run(["db", "check"]).status == 0)
    }

    @Test func anEntryBehindADeadlineThatPassedMeanwhileNeedsAReasonEvenWithinTheGrace() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        let reason = ["--backdate-reason", "系统故障期间纸质登记"]
        let n = try cli.ok(
            ["--actor", "admin", "--now", Self.ago(26 * 3600)] + reason + [
                "ticket", "new", "--type", "complaint", "--urgent", "--topic", "城市管理/市容环境/占道经营", "--channel",
                "phone", "--caller", "张三", "--phone", "13800001111", "--text", "占道",
            ])
        try cli.ok(
            ["--actor", "admin", "--now", Self.ago(25 * 3600 + 50 * 60)] + reason + [
                "ticket", "dispatch", n, "--to", "CGJ",
            ])
        // Signed 24 h 10 min ago: the urgent handling deadline (24 h) passed ten minutes ago.
        try cli.ok(["--actor", "admin", "--now", Self.ago(24 * 3600 + 10 * 60)] + reason + ["ticket", "sign", n])
        let late = try cli.run(["--actor", "cgj1", "--now", Self.ago(30 * 60), "ticket", "reply", n, "--text", "已处理"])
        #expect(late.status == 64, "\(late.stderr)")
        #expect(late.stderr.contains("after a deadline passed in between"), "\(late.stderr)")
        let liaison = try cli.run(
            ["--actor", "cgj1", "--now", Self.ago(30 * 60)] + reason + ["ticket", "reply", n, "--text", "已处理"])
        #expect(liaison.status == 1, "a liaison may not date a reply back into time")
        // Replied now, it is late, as it is.
        try cli.ok(["--actor", "cgj1", "ticket", "reply", n, "--text", "已处理"])
        try cli.ok(["--actor", "sh01", "ticket", "approve", n])
        #expect(try cli.ok(["--json", "ticket", "show", n]).contains("\"onTime\" : false"))
    }
}

/// DESIGN §11.5: what comes from a training database says so; a production database's output does not.
@Suite(.serialized)
struct TrainingMarkTests {
    @Test func reportsLettersAndExportsOfATrainingDatabaseSaySoAndProductionOnesDoNot() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let training = cli.folder.appendingPathComponent("training.sqlite").path
        try cli.ok(["--db", training, "init", "--training"])
        try cli.ok(["init"])
        for (db, marked) in [(training, true), (cli.database, false)] {
            let table = try cli.ok(["--db", db, "--now", "2025-10-02", "report", "monthly", "--month", "2025-09"])
            #expect(table.hasPrefix("【培训环境】") == marked, "\(db): \(table.prefix(40))")
            let html = try cli.ok([
                "--db", db, "--now", "2025-10-02", "report", "monthly", "--month", "2025-09", "--format", "html",
            ])
            #expect(html.contains("class=\"training\"") == marked)
            let json = try cli.ok([
                "--db", db, "--now", "2025-10-02", "report", "monthly", "--month", "2025-09", "--format", "json",
            ])
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            #expect((object?["training"] as? Bool) == (marked ? true : nil))
            let export = try cli.run(["--db", db, "export", "tickets", "--month", "2025-09"])
            #expect(export.stdout.hasPrefix("\u{FEFF}number,"), "the data stays pure")
            #expect(export.stderr.contains("【培训环境】") == marked)
        }
    }
}

/// DESIGN §11.1: once staff are bound to operating-system accounts, the command line acts only as the staff member
/// bound to the user who runs it.
@Suite(.serialized)
struct BindingTests {
    @Test func aBoundAccountActsAsItsStaffMemberAndNoOneElse() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let me = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        // The first binding must be one's own: an administrator cannot lock themselves out.
        let other = try cli.run(["--actor", "admin", "staff", "bind", "cgj1", "--os-user", "somebody-else"])
        #expect(other.status == 1)
        #expect(other.stderr.contains("第一个绑定必须是你自己的账户"))
        let liaison = try cli.run(["--actor", "cgj1", "staff", "bind", "cgj1", "--os-user", me])
        #expect(liaison.status == 1, "a liaison may not bind accounts")
        try cli.ok(["--actor", "admin", "staff", "bind", "admin", "--os-user", me])
        try cli.ok(["staff", "bind", "cgj1", "--os-user", "zhangwei"])  // as the bound admin, no --actor needed

        // Now a claim of another actor is refused, and the bound one acts without --actor.
        let claim = try cli.run([
            "--actor", "op01", "ticket", "new", "--type", "consult", "--topic", "政务服务/窗口服务/办事流程繁琐", "--channel",
            "web", "--caller", "孙丽", "--phone", "13700001111", "--text", "咨询",
        ])
        #expect(claim.status == 1)
        #expect(claim.stderr.contains("在本数据库中的身份是 admin；--actor op01 被拒绝"), "\(claim.stderr)")
        let bound = try cli.ok(["--json", "staff", "bindings"])
        #expect(bound.contains("zhangwei") && bound.contains(me))
        // Own binding goes last; then the file is back to claims.
        #expect(try cli.run(["staff", "unbind", "--os-user", me]).status == 1)
        try cli.ok(["staff", "unbind", "--os-user", "zhangwei"])
        try cli.ok(["staff", "unbind", "--os-user", me])
        #expect(try cli.ok(["staff", "bindings"]).contains("--actor 只是声明"))
        let audit = try cli.ok(["--actor", "db01", "audit", "list", "--action", "staff-"])
        #expect(audit.contains("staff-bind") && audit.contains("staff-unbind"))
    }
}
