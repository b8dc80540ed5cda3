import Foundation
import GovDeskCore
import GovDeskDemo
import GovDeskStore
import Testing

@testable import govdesk

/// A path for a database in a fresh temporary folder.
func makeDatabasePath() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("govdesk-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("demo.sqlite").path
}

/// Parses and runs a command line in-process.
func runCommand(_ arguments: [String]) throws {
    var command = try GovDesk.parseAsRoot(arguments)
    try command.run()
}

struct DemoCommandTests {
    @Test func sameSeedBuildsTheSameDatabase() throws {
        let first = try makeDatabasePath()
        let second = try makeDatabasePath()
        try runCommand(["demo", "--db", first, "--tickets", "500", "--seed", "3", "--json"])
        try runCommand(["demo", "--db", second, "--tickets", "500", "--seed", "3", "--json"])

        let a = try GovDeskDatabase(path: first)
        let b = try GovDeskDatabase(path: second)
        #expect(try a.ticketCountsByState().values.reduce(0, +) == 500)
        #expect(try a.ticketCountsByState() == b.ticketCountsByState())
        #expect(try a.eventCountsByAction() == b.eventCountsByAction())
        #expect(try a.letterCounts() == b.letterCounts())
        let range = try #require(try a.ticketNumberRange())
        #expect(range.first == "20260801-000001")
        #expect(range.first == (try b.ticketNumberRange()?.first))
        #expect(range.last == (try b.ticketNumberRange()?.last))
    }

    @Test func storedHistoriesReplayAndTheCounterContinues() throws {
        let path = try makeDatabasePath()
        try runCommand(["demo", "--db", path, "--tickets", "500", "--json"])
        let database = try GovDeskDatabase(path: path)
        var filter = TicketFilter()
        filter.limit = 1000
        let tickets = try database.tickets(matching: filter)

        #expect(tickets.count == 500)
        for ticket in tickets {
            #expect(try Ticket.replay(database.events(of: ticket.number)) == ticket)
        }
        // A new ticket on the last generated day continues that day's numbers.
        let last = try #require(try database.ticketNumberRange()?.last)
        #expect(last.hasPrefix("20261031-"))
        try runCommand([
            "ticket", "new", "--db", path, "--now", "2026-10-31T23:59", "--actor", "op01", "--type", "consult",
            "--topic", "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张三", "--phone", "13812341234",
            "--text", "咨询。",
        ])
        let sequence = try #require(Int(last.split(separator: "-")[1]))
        #expect(try database.ticketNumberRange()?.last == "20261031-" + String(format: "%06d", sequence + 1))
    }

    @Test func lettersIssuedAtNowAreAlreadyInTheDemo() throws {
        let path = try makeDatabasePath()
        try runCommand(["demo", "--db", path, "--tickets", "500", "--json"])
        let database = try GovDeskDatabase(path: path)
        let before = try database.letters(matching: LetterFilter()).count

        try runCommand(["letters", "issue", "--db", path, "--now", "2026-11-02T09:00", "--actor", "db01", "--json"])
        let after = try database.letters(matching: LetterFilter())
        try runCommand(["letters", "issue", "--db", path, "--now", "2026-11-02T09:00", "--actor", "db01", "--json"])

        // The demo already holds every ticket letter due at its now; the hall's late cases and rectifications,
        // which the demo leaves to `letters issue`, get theirs on the first run and nothing on the second.
        #expect(before > 0)
        let new = after.dropFirst(before)
        #expect(!new.isEmpty)
        #expect(new.allSatisfy { !$0.subjectKinds.contains(.ticket) })
        #expect(try database.letters(matching: LetterFilter()).count == after.count)
    }

    @Test func demoRefusesToReplaceARealDatabase() throws {
        let path = try makeDatabasePath()
        try runCommand(["init", "--training", "--db", path])
        try runCommand([
            "ticket", "new", "--db", path, "--actor", "op01", "--type", "consult", "--topic", "城市管理/市容环境/占道经营",
            "--channel", "phone", "--caller", "张三", "--phone", "13812341234", "--text", "咨询。",
        ])

        #expect(throws: DemoError.wouldOverwrite(path)) { try runCommand(["demo", "--db", path, "--tickets", "10"]) }
        #expect(try GovDeskDatabase(path: path).ticketCountsByState().values.reduce(0, +) == 1)
    }

    @Test func demoRefusesANowWhoseDeadlinesLeaveTheCalendar() throws {
        let path = try makeDatabasePath()
        #expect(throws: DemoGenerationError.self) {
            try runCommand(["demo", "--db", path, "--tickets", "10", "--now", "2026-12-20"])
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// The demo's rows are written without SQLite evaluating the schema's CHECK constraints row by row; the
    /// database's own check (`PRAGMA integrity_check` evaluates every one of them) finds nothing.
    @Test func theDemoDatabasePassesTheDatabaseCheck() throws {
        let path = try makeDatabasePath()
        try runCommand(["demo", "--db", path, "--tickets", "1500", "--months", "2", "--json"])
        let report = try GovDeskDatabase(path: path).check()
        #expect(report.isClean, "\(report.problems.prefix(3))")
        #expect(!FileManager.default.fileExists(atPath: GovDeskDatabase.buildingPath(for: path)))
    }

    @Test func initDemoFillsTheNewDatabase() throws {
        let path = try makeDatabasePath()
        try runCommand(["init", "--db", path, "--demo", "--tickets", "200", "--json"])

        let database = try GovDeskDatabase(path: path)
        #expect(try database.ticketCountsByState().values.reduce(0, +) == 200)
        #expect(try database.staff().count == 87)
    }
}

extension DemoError: Equatable {
    public static func == (a: DemoError, b: DemoError) -> Bool { a.description == b.description }
}

/// The demo as a new user meets it: one command, a full report.
@Suite(.serialized)
struct DemoReportTests {
    @Test func demoPrintsTheLatestCompleteMonthsReportWithTheHall() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let output = try cli.ok(["demo", "--tickets", "600", "--months", "2"])
        #expect(output.contains("12345热线 2026年10月 工单办结通报"))
        #expect(output.contains("承办单位排名"))
        #expect(output.contains("红榜"))
        #expect(output.contains("政务服务大厅"))
        #expect(output.contains("月度考评表彰"))
        // Personal data never reaches the demo's printed report.
        #expect(output.range(of: #"1[3-9]\d{9}"#, options: .regularExpression) == nil)
        let check = try cli.run(["db", "check"])
        #expect(check.status == 0, "\(check.stdout)")
    }
}
