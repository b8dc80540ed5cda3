import Foundation
import Testing

/// DESIGN §11.2 for imports: on a production database no imported event takes effect later than the real clock plus
/// five minutes; a training database has no clock of its own and takes the source's times as they are.
@Suite(.serialized)
struct ImportClockTests {
    /// A NYC 311 wall time (America/New_York, the mapping's zone) `seconds` from the real clock.
    static func newYorkTime(fromNow seconds: TimeInterval) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "America/New_York")
        formatter.dateFormat = "MM/dd/yyyy hh:mm:ss a"
        return formatter.string(from: Date(timeIntervalSinceNow: seconds))
    }

    static func row(_ id: Int, created: String, closed: String = "", status: String = "Open") -> String {
        "\(id),\(created),\(closed),DSNY,Department of Sanitation,Missed Collection,Recycling,Street,11201,"
            + "100 COURT STREET,\(status),,,BROOKLYN,PHONE"
    }

    func importFile(_ cli: CLIHarness, _ name: String, _ rows: [String], dryRun: Bool = false) throws
        -> CLIHarness.Result
    {
        let path = cli.folder.appendingPathComponent(name).path
        try nycCSV(rows).write(to: URL(fileURLWithPath: path))
        return try cli.run(
            ["--actor", "op01", "import", "tickets", path, "--mapping", mappingPath] + (dryRun ? ["--dry-run"] : []))
    }

    @Test func aProductionImportRefusesARowCreatedAfterTheRealClockAndWritesNothing() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        let before = try cli.dump()
        let rows = [
            Self.row(61_000_001, created: "05/01/2025 09:15:30 AM"),
            Self.row(61_000_002, created: "05/01/2099 09:15:30 AM"),
        ]
        for dryRun in [true, false] {
            let result = try importFile(cli, "future-created.csv", rows, dryRun: dryRun)
            #expect(result.status == 65, "\(result.stderr)")
            #expect(result.stderr.contains("row 2 (line 3)"), "\(result.stderr)")
            #expect(result.stderr.contains("column 'Created Date'"), "\(result.stderr)")
            #expect(result.stderr.contains("2099-05-01T09:15:30-04:00"), "\(result.stderr)")
            #expect(result.stderr.contains("five minutes"), "\(result.stderr)")
            #expect(result.stderr.contains("nothing was imported"), "\(result.stderr)")
        }
        #expect(try cli.dump() == before, "a refused import writes nothing")
    }

    @Test func aProductionImportRefusesAClosingTimeAfterTheRealClock() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        let before = try cli.dump()
        let result = try importFile(
            cli, "future-closed.csv",
            [
                Self.row(
                    61_000_003, created: "05/01/2025 09:15:30 AM", closed: "01/02/2098 10:00:00 AM", status: "Closed")
            ])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("row 1 (line 2), column 'Closed Date'"), "\(result.stderr)")
        #expect(try cli.dump() == before)
    }

    @Test func aProductionImportTakesTimesUpToFiveMinutesAhead() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        let result = try importFile(
            cli, "near.csv",
            [
                Self.row(61_000_004, created: Self.newYorkTime(fromNow: -3600)),
                Self.row(61_000_005, created: Self.newYorkTime(fromNow: 120)),
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 new"), "\(result.stdout)")
    }

    @Test func aTrainingDatabaseHasNoClockOfItsOwnAndTakesTheSourceTimes() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let result = try importFile(cli, "training.csv", [Self.row(61_000_006, created: "05/01/2099 09:15:30 AM")])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
