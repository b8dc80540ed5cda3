import Foundation
import GovDeskCore
import GovDeskStore
import Testing

/// `govdesk apikey add|list|revoke` (DESIGN §12, issue 14): an administrator's, in both languages, the key shown once,
/// clear refusals with their exit statuses (docs/testing.md: 1 refused, 64 usage, 65 bad data). No web service is
/// needed: these run in a build without it too.
@Suite(.serialized)
struct APIKeyCommandTests {
    static let keyShape = #/gd_[A-Za-z0-9_-]{43}/#

    @Test(arguments: ["zh", "en"])
    func anAdministratorAddsAClientAndSeesItsKeyOnceThenRevokesIt(language: String) throws {
        let cli = try CLIHarness(language: language)
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let added = try cli.run(["--actor", "admin", "apikey", "add", "fixmystreet", "--channel", "app"])
        #expect(added.status == 0, "\(added.stderr)")
        let lines = added.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(added.stdout)")
        let key = try #require(lines.last)
        #expect(key.wholeMatch(of: Self.keyShape) != nil, "\(key)")
        #expect(lines[0].contains(language == "zh" ? "只显示这一次" : "will not be shown again"), "\(lines[0])")
        // The key authenticates as the client; the database keeps its hash only.
        let database = try GovDeskDatabase(path: cli.database)
        let client = try database.authenticateAPIKey(key)
        #expect(client.name == "fixmystreet" && client.channel == .app && client.actor == "api:fixmystreet")
        #expect(!(try cli.dump()).contains(key))
        let entry = try #require(try database.auditEntries().last { $0.action == "apikey-add" })
        #expect(entry.actor == "admin" && entry.details["client"] == "fixmystreet")
        #expect(!entry.details.values.contains { $0.contains("gd_") })

        // The list shows the client, never its key; the API client is not a member of staff.
        let list = try cli.ok(["--actor", "admin", "apikey", "list"])
        #expect(list.contains("fixmystreet") && !list.contains("gd_"))
        #expect(list.contains(language == "zh" ? "有效" : "valid"))
        #expect(!(try cli.ok(["staff", "list", "--limit", "1000"])).contains("api:"))

        let revoked = try cli.ok(["--actor", "admin", "apikey", "revoke", "fixmystreet"])
        #expect(revoked.contains(language == "zh" ? "已吊销" : "revoked"))
        #expect(throws: APIClientError.revokedKey) { try database.authenticateAPIKey(key) }
        let after = try cli.ok(["--actor", "admin", "--json", "apikey", "list"])
        #expect(after.contains("\"revoked\":true") || after.contains("\"revoked\" : true"), "\(after)")
        // Every write is still on the ledger and vouched for: db check finds nothing.
        #expect(try cli.run(["db", "check"]).status == 0)
    }

    @Test(arguments: ["zh", "en"])
    func refusalsSayWhatIsAllowedWithTheirExitStatus(language: String) throws {
        let cli = try CLIHarness(language: language)
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        try cli.ok(["--actor", "admin", "apikey", "add", "fms"])
        let zh = language == "zh"
        let cases: [([String], Int32, String)] = [
            (["--actor", "admin", "apikey", "add", "fms"], 1, zh ? "已存在" : "exists already"),
            (["--actor", "admin", "apikey", "add", "Bad Name!"], 64, zh ? "小写英文字母" : "lower-case ASCII letters"),
            (["--actor", "admin", "apikey", "add", "fms2", "--channel", "phone"], 64, zh ? "app 或 web" : "app or web"),
            (["--actor", "admin", "apikey", "revoke", "nobody"], 65, zh ? "没有名为" : "no API client"),
            (["--actor", "cgj1", "apikey", "add", "fms3"], 1, zh ? "无权管理接口客户端" : "may not manage API clients"),
            (["--actor", "cgj1", "apikey", "list"], 1, zh ? "无权管理接口客户端" : "may not manage API clients"),
            (["apikey", "add", "fms4"], 64, "--actor"),
            // The client's actor is no one's to name.
            (
                [
                    "--actor", "api:fms", "ticket", "new", "--type", "help", "--topic", "城市管理/市容环境/占道经营", "--channel",
                    "web", "--caller", "李四", "--phone", "13900001111", "--text", "测试",
                ], 1, zh ? "接口客户端的操作者" : "an API client's actor"
            ),
        ]
        for (arguments, status, words) in cases {
            let before = try cli.dump()
            let result = try cli.run(arguments)
            #expect(result.status == status, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(try cli.dump() == before, "a refusal writes nothing: \(arguments)")
        }
        try cli.ok(["--actor", "admin", "apikey", "revoke", "fms"])
        let again = try cli.run(["--actor", "admin", "apikey", "revoke", "fms"])
        #expect(again.status == 1 && again.stderr.contains(zh ? "已于" : "revoked already"), "\(again.stderr)")
        // Nor can an administrator reactivate the client's staff row or give it a password.
        let reactivate = try cli.run(["--actor", "admin", "staff", "reactivate", "api:fms"])
        #expect(reactivate.status != 0, "\(reactivate.stderr)")
        #expect(!(try GovDeskDatabase(path: cli.database).staffMember("api:fms").active))
    }
}
