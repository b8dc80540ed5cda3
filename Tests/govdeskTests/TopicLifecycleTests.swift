import Foundation
import Testing

/// The topic tree lives in the database from `init` on (DESIGN §9) and changes like other reference data (§11.1):
/// added, edited and deactivated — never deleted — by an administrator, each change audited.
@Suite(.serialized)
struct TopicLifecycleTests {
    static let ticket = [
        "--now", "2026-12-01T09:00", "--actor", "op01", "ticket", "new", "--type", "help", "--channel", "web",
        "--caller", "李四", "--phone", "13900002222", "--text", "单车堵住盲道", "--topic",
    ]

    @Test func anAdministratorAddsEditsAndRetiresTopics() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let path = "城市管理/市容环境/共享单车乱停"
        // Not in the tree yet.
        #expect(try cli.run(Self.ticket + [path]).status == 65)
        // Only an administrator adds one; the department must be in use; the path must be one.
        #expect(try cli.run(["--actor", "cgj1", "topic", "add", path, "--dept", "CGJ"]).status == 1)
        #expect(try cli.run(["--actor", "admin", "topic", "add", "a//b", "--dept", "CGJ"]).status == 65)
        #expect(try cli.run(["--actor", "admin", "topic", "add", "a/b/c/d", "--dept", "CGJ"]).status == 65)
        #expect(try cli.run(["--actor", "admin", "topic", "add", path, "--dept", "NOPE"]).status == 65)
        try cli.ok(["--actor", "admin", "topic", "add", path, "--dept", "CGJ"])
        #expect(try cli.run(["--actor", "admin", "topic", "add", path, "--dept", "CGJ"]).status != 0, "no duplicate")
        let number = try cli.ok(Self.ticket + [path])
        #expect(try cli.ok(["--json", "topic", "list"]).contains(path))
        // Its dispatch hint moves; then it is retired: old tickets keep it, new ones may not take it.
        try cli.ok(["--actor", "admin", "topic", "edit", path, "--dept", "JTJ"])
        #expect(try cli.ok(["topic", "list"]).contains("JTJ"))
        try cli.ok(["--actor", "admin", "topic", "deactivate", path])
        let refused = try cli.run(Self.ticket + [path])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("已停用；"), "\(refused.stderr)")
        #expect(try cli.ok(["ticket", "show", number]).contains(path))
        #expect(try cli.ok(["topic", "list"]).contains("已停用"))
        try cli.ok(["--actor", "admin", "topic", "reactivate", path])
        try cli.ok(Self.ticket + [path])
        // Every change is in the audit log.
        let audit = try cli.ok(["--actor", "admin", "audit", "list", "--limit", "50"])
        for action in ["topic-add", "topic-edit", "topic-deactivate", "topic-reactivate"] {
            #expect(audit.contains(action), "\(action) in \(audit)")
        }
        #expect(try cli.run(["db", "check"]).status == 0)
    }
}
