import Foundation
import GRDB
import Testing

extension CLIHarness {
    /// Starts `govdesk --db <test db> ARGS` without waiting; its output is discarded.
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--db", database] + arguments
        process.currentDirectoryURL = folder
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A count from the test database, read directly.
    func count(_ sql: String) throws -> Int {
        let queue = try DatabaseQueue(path: database)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }
}

/// `kill -9` in the middle of the big writes: the database stays whole (issue 5).
@Suite(.serialized)
struct CrashSafetyTests {
    static let trials = longTests ? 20 : 3
    static let rows = longTests ? 200_000 : 20_000

    /// An NYC 311 export of `rows` requests over May 2022, in the portal's layout.
    static func makeNYCExport(rows: Int) -> String {
        var text =
            "Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,Location Type,"
            + "Incident Zip,Incident Address,Status,Due Date,Resolution Description,Borough,Open Data Channel Type\r\n"
        text.reserveCapacity(rows * 190)
        for i in 0..<rows {
            let day = String(format: "%02d", i % 28 + 1)
            let hour = String(format: "%02d", i % 12 + 1)
            let minute = String(format: "%02d", i % 60)
            if i % 2 == 0 {
                text +=
                    "\(70_000_000 + i),05/\(day)/2022 \(hour):\(minute):00 AM,05/\(day)/2022 \(hour):\(minute):30 PM,"
                    + "DSNY,Department of Sanitation,Missed Collection,Recycling,Street,11201,\(i) COURT STREET,"
                    + "Closed,,Collected.,BROOKLYN,PHONE\r\n"
            } else {
                text +=
                    "\(70_000_000 + i),05/\(day)/2022 \(hour):\(minute):00 PM,,HPD,Housing Preservation,"
                    + "HEAT/HOT WATER,ENTIRE BUILDING,RESIDENTIAL,10468,\"\(i) MAIN ST, APT 3\",Open,,,BRONX,ONLINE\r\n"
            }
        }
        return text
    }

    static let mapping = CLIHarness.repositoryRoot.appendingPathComponent("Config/mappings/nyc311.yaml").path

    /// Runs `process`, kills it with SIGKILL after `delay` seconds if still running; whether it was killed.
    static func kill(_ process: Process, after delay: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        let killed = process.isRunning
        if killed { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return killed
    }

    @Test func aKilledImportIsWhollyAbsentOrWhollyPresent() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        let csv = cli.folder.appendingPathComponent("nyc.csv")
        try Data(Self.makeNYCExport(rows: Self.rows).utf8).write(to: csv)
        let arguments = ["--now", "2022-06-15T09:00", "import", "tickets", csv.path, "--mapping", Self.mapping]

        // How long a whole import takes here, on a copy, so that the kills land anywhere in it.
        let started = Date()
        let scratch = try CLIHarness()
        defer { scratch.cleanUp() }
        try scratch.ok(["init"])
        let whole = try scratch.run(arguments)
        #expect(whole.status == 0, "\(whole.stderr)")
        let duration = Date().timeIntervalSince(started)
        #expect(try scratch.count("SELECT count(*) FROM ticket WHERE sourceSystem = 'nyc311'") == Self.rows)

        var generator = SystemRandomNumberGenerator()
        var killedCount = 0
        for trial in 0..<Self.trials {
            let process = try cli.start(arguments)
            let delay = Double.random(in: 0.05...max(0.1, duration * 1.1), using: &generator)
            if Self.kill(process, after: delay) { killedCount += 1 }
            let check = try cli.run(["db", "check"])
            #expect(check.status == 0, "trial \(trial), killed after \(delay) s: \(check.stdout)\(check.stderr)")
            let imported = try cli.count("SELECT count(*) FROM ticket WHERE sourceSystem = 'nyc311'")
            #expect(imported == 0 || imported == Self.rows, "trial \(trial): \(imported) of \(Self.rows) rows")
            if imported == Self.rows {  // a later run would only skip the rows: start again from an empty database
                for suffix in ["", "-wal", "-shm"] {
                    try? FileManager.default.removeItem(atPath: cli.database + suffix)
                }
                try cli.ok(["init"])
            }
        }
        #expect(killedCount > 0, "no run was killed; the trials proved nothing")
    }

    @Test func aKilledDemoLeavesACheckableDatabase() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let tickets = longTests ? 20_000 : 3000
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<Self.trials {
            let process = try cli.start(["demo", "--tickets", "\(tickets)", "--months", "2"])
            let delay = Double.random(in: 0.05...2.5, using: &generator)
            _ = Self.kill(process, after: delay)
            let check = try cli.run(["db", "check"])
            #expect(check.status == 0, "trial \(trial), killed after \(delay) s: \(check.stdout)\(check.stderr)")
        }
    }
}
