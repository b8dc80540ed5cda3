import Foundation
import Testing

/// `govdesk import` and `govdesk export` through the built binary: exit statuses, standard output, nothing written.
struct ImportExportCLITests {
    @Test func aBadRowExits65NamingRowAndColumnAndWritesNothing() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let file = cli.folder.appendingPathComponent("bad.csv")
        try makeNYCFile(badCreatedOnRow3: true).write(to: file, atomically: true, encoding: .utf8)
        let before = try cli.dump()
        let mapping = CLIHarness.repositoryRoot.appendingPathComponent("Config/mappings/nyc311.yaml").path
        let result = try cli.run(["--actor", "op01", "import", "tickets", file.path, "--mapping", mapping])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("govdesk: \(file.path): row 3 (line 4), column 'Created Date': "))
        #expect(try cli.dump() == before)
    }

    @Test func exportToStandardOutputCarriesAByteOrderMarkUnlessAskedNot() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        try cli.ok([
            "--actor", "op01", "--now", "2025-10-21T16:05", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "王五", "--phone", "13712345678", "--text",
            "@SUM(A1)",
        ])
        let withMark = try cli.run(["export", "tickets", "--month", "2025-10"])
        #expect(withMark.status == 0)
        #expect(withMark.stdout.hasPrefix("\u{FEFF}number,state,"))
        #expect(withMark.stdout.contains(",王*,137****5678,"))
        #expect(withMark.stdout.contains(",'@SUM(A1),"))
        #expect(withMark.stdout.contains(",2025-10-21T16:05:00+08:00,"))
        let plain = try cli.run(["export", "tickets", "--month", "2025-10", "--no-bom"])
        #expect(plain.stdout.hasPrefix("number,state,"))
        let none = try cli.run(["export", "tickets", "--month", "2025-09", "--format", "jsonl"])
        #expect(none.status == 0)
        #expect(none.stdout.isEmpty)
    }
}
