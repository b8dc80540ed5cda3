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

/// A mapping's gaps show in the import's summary (issue 13): rows whose topic the mapping does not list take
/// `topic.default`, and the summary counts them and names the most frequent.
@Suite struct UnmappedTopicSummaryTests {
    @Test func theSummaryCountsTopicsTheMappingDoesNotList() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let header =
            "Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,Location Type,"
            + "Incident Zip,Incident Address,Status,Due Date,Resolution Description,Borough,Open Data Channel Type\r\n"
        func row(_ key: Int, _ type: String) -> String {
            "\(key),05/01/2022 01:00:00 AM,,NYPD,Police,\(type),Loud,Street,10468,\(key) MAIN ST,Open,,,BRONX,ONLINE\r\n"
        }
        let csv = cli.folder.appendingPathComponent("n.csv").path
        try (header + row(1, "Noise") + row(2, "Weird Thing") + row(3, "Weird Thing") + row(4, "Odd"))
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let output = try cli.ok([
            "--now", "2022-06-01T09:00", "--actor", "op01", "import", "tickets", csv, "--mapping", "nyc311",
        ])
        #expect(output.contains("3 of them had a topic the mapping does not list"), "\(output)")
        #expect(output.contains("“Weird Thing” (2), “Odd” (1)"), "\(output)")
        let list = try cli.ok(["ticket", "list", "--limit", "10"])
        #expect(list.contains("其他/Weird Thing"), "\(list)")
    }
}
