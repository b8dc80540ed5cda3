import Foundation
import Testing

/// Databases written by released schema versions open, upgrade and keep every record (DESIGN §8).
@Suite(.serialized)
struct SchemaFixtureTests {
    static let fixtures = CLIHarness.repositoryRoot.appendingPathComponent("Tests/SchemaFixtures")

    @Test(arguments: ["v4-letters.sqlite"])
    func aReleasedDatabaseOpensUpgradesAndKeepsItsRecords(fixture: String) throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        // Work on a copy: opening switches the file to WAL and applies any newer migrations.
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent(fixture), to: URL(fileURLWithPath: cli.database))

        let check = try cli.run(["db", "check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let ticket = try cli.ok(["--json", "ticket", "show", "20250929-0001"])
        #expect(ticket.contains("\"state\" : \"closed\""))
        #expect(ticket.contains("\"deadline\" : \"2025-10-25T00:00:00+08:00\""))
        let theCase = try cli.ok(["case", "show", "BJ20251009-0001"])
        #expect(theCase.contains("ZG20251010-001"))
        let letters = try cli.ok(["--json", "letters", "list"])
        #expect(letters.contains("〔2025〕"))

        // The upgraded database takes new work.
        let number = try cli.ok([
            "--now", "2026-03-02T09:00", "--actor", "op01", "ticket", "new", "--type", "consult", "--topic",
            "政务服务/窗口服务/办事流程繁琐", "--channel", "web", "--caller", "孙丽", "--phone", "13700001111", "--text",
            "咨询营业执照变更所需材料",
        ])
        #expect(number == "20260302-0001")
        #expect(try cli.run(["db", "check"]).status == 0)
    }
}
