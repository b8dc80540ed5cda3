import Foundation
import Testing

/// A command whose standard output cannot be written exits 74 with one line on standard error, and names what it did
/// all the same (DESIGN §11.5).
@Suite(.serialized)
struct StandardOutputTests {
    static let newTicket = [
        "--now", "2025-03-03T09:00", "--actor", "op01", "ticket", "new", "--type", "help", "--topic", "公用事业/供水/停水",
        "--channel", "web", "--caller", "周敏", "--phone", "13900001111", "--text", "停水",
    ]

    /// Runs with standard output on `/dev/full`, where every write fails with ENOSPC.
    static func runIntoFullDevice(_ cli: CLIHarness, _ arguments: [String]) throws -> CLIHarness.Result {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"), "/dev/full is needed for this test")
        defer { try? full.close() }
        return try cli.run(arguments, standardOutput: full)
    }

    static func expectOutputFailure(
        _ result: CLIHarness.Result, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == 74, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("govdesk: cannot write to standard output: "), sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func aTicketLoggedIntoAFullOutputIsNamedOnStandardError() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let result = try Self.runIntoFullDevice(cli, Self.newTicket)
        Self.expectOutputFailure(result)
        #expect(
            result.stderr.contains(
                "ticket 20250303-000001 was logged, but its number could not be written to standard output"),
            "\(result.stderr)")
        // The ticket exists: the failure was the output's, not the write's.
        #expect(try cli.ok(["ticket", "show", "20250303-000001"]).contains("20250303-000001"))
    }

    @Test(arguments: [
        ["ticket", "list"], ["ticket", "show", "20250303-000001"], ["--json", "ticket", "show", "20250303-000001"],
        ["report", "monthly", "--month", "2025-03"], ["report", "monthly", "--month", "2025-03", "--format", "html"],
        ["--actor", "admin", "export", "tickets", "--month", "2025-03"],
    ])
    func aReadIntoAFullOutputExits74(_ arguments: [String]) throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        try cli.ok(Self.newTicket)
        var result = try Self.runIntoFullDevice(cli, ["--now", "2025-04-02T09:00"] + arguments)
        // A training database's export says so on standard error (DESIGN §11.5): that line is not the failure's.
        result.stderr =
            result.stderr.split(separator: "\n").filter { !$0.contains("【培训环境】") }.joined(separator: "\n") + "\n"
        Self.expectOutputFailure(result)
    }

    @Test(arguments: [["--help"], ["ticket", "new", "--help"], ["help", "report"]])
    func helpIntoAFullOutputExits74(_ arguments: [String]) throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        Self.expectOutputFailure(try Self.runIntoFullDevice(cli, arguments))
        #expect(try cli.run(arguments).status == 0)
    }
}
