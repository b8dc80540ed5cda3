import Foundation
import Testing

/// `govdesk import` and `govdesk export` through the built binary: exit statuses, standard output, nothing written.
struct ImportExportCLITests {
    @Test func aBadRowExits65NamingRowAndColumnAndWritesNothing() throws {
        let cli = try CLIHarness(language: "en")
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

/// DESIGN §11.2: an import keeps its source's times as effective times and, on a production database, records the
/// import's own time as every event's recording time; such events are marked imported and are not 补录.
@Suite struct ImportRecordingTimeTests {
    @Test func importedEventsRecordTheImportsTimeAndAreNotBackdated() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        let header =
            "Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,Location Type,"
            + "Incident Zip,Incident Address,Status,Due Date,Resolution Description,Borough,Open Data Channel Type\r\n"
        // Created and closed three days ago, in the source system.
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "America/New_York")
        format.dateFormat = "MM/dd/yyyy hh:mm:ss a"
        let created = format.string(from: Date(timeIntervalSinceNow: -3 * 86400))
        let closed = format.string(from: Date(timeIntervalSinceNow: -3 * 86400 + 3600))
        let csv = cli.folder.appendingPathComponent("n.csv").path
        try
            (header
            + "7,\(created),\(closed),NYPD,Police,Noise,Loud,Street,10468,7 MAIN ST,Closed,,Done,BRONX,ONLINE\r\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let before = Date()
        try cli.ok(["--actor", "op01", "import", "tickets", csv, "--mapping", "nyc311"])
        let list = try cli.ok(["ticket", "list", "--limit", "1"])
        let number = try #require(list.firstMatch(of: try Regex("[0-9]{8}-[0-9]{6}")).map { String(list[$0.range]) })
        let json = try cli.ok(["--json", "ticket", "show", number])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.count >= 2)
        let iso = ISO8601DateFormatter()
        for event in events {
            let at = try #require((event["at"] as? String).flatMap(iso.date(from:)))
            let recorded = try #require((event["recordedAt"] as? String).flatMap(iso.date(from:)), "\(event)")
            #expect(at < before.addingTimeInterval(-86400), "the source's time stays the effective time")
            #expect(abs(recorded.timeIntervalSince(before)) < 120, "recorded at the import: \(recorded)")
        }
        let shown = try cli.ok(["ticket", "show", number])
        #expect(shown.contains("【导入，"), "\(shown)")
        #expect(!shown.contains("补录"), "\(shown)")
        #expect(try cli.run(["db", "check"]).status == 0)
        let month = BackdatedReportTests.month()
        let report = try cli.ok(["report", "monthly", "--month", month, "--format", "json"])
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        #expect(figures["backdated"] as? Int == 0, "imports are not 补录")
    }
}
