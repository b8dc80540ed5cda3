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

    /// A count from the test database, read directly (waiting, like govdesk, while another process holds a lock:
    /// one that closes the database checkpoints it under an exclusive lock).
    func count(_ sql: String) throws -> Int {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        let queue = try DatabaseQueue(path: database, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }
}

/// `kill -9` in the middle of the big writes: the database stays whole (issue 5).
///
/// Default mode: 3 trials of each, 20,000 rows and 3,000 demo tickets. Long mode (`GOVDESK_LONG_TESTS=1`): 20 trials
/// of each, 200,000 rows and 200,000 demo tickets. The CSV, the empty database and one whole reference run are made
/// once per test, not per trial; each kill lands at a random moment within the reference run's duration.
@Suite(.serialized)
struct CrashSafetyTests {
    static let trials = longTests ? 20 : 3
    static let rows = longTests ? 200_000 : 20_000
    static let demoTickets = longTests ? 200_000 : 3000
    /// Runs that must have been killed (not finished first) for the trials to count.
    static let minimumKilled = longTests ? 10 : 1

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

    /// Replaces the test database (and its WAL and shared-memory files) with a copy of `template`.
    static func restore(_ cli: CLIHarness, from template: String) throws {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: cli.database + suffix)
            if FileManager.default.fileExists(atPath: template + suffix) {
                try FileManager.default.copyItem(atPath: template + suffix, toPath: cli.database + suffix)
            }
        }
    }

    @Test func aKilledImportIsWhollyAbsentOrWhollyPresent() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let template = cli.folder.appendingPathComponent("empty.sqlite").path
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: cli.database + suffix) {
            try FileManager.default.copyItem(atPath: cli.database + suffix, toPath: template + suffix)
        }
        let csv = cli.folder.appendingPathComponent("nyc.csv")
        try Data(Self.makeNYCExport(rows: Self.rows).utf8).write(to: csv)
        let arguments = [
            "--now", "2022-06-15T09:00", "--actor", "op01", "import", "tickets", csv.path, "--mapping", Self.mapping,
        ]

        // One whole import, the reference: how long it takes here, and what a finished import leaves.
        let started = Date()
        let whole = try cli.run(arguments)
        var duration = Date().timeIntervalSince(started)
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(try cli.count("SELECT count(*) FROM ticket WHERE sourceSystem = 'nyc311'") == Self.rows)
        let reference = try cli.run(["db", "check"])
        #expect(reference.status == 0, "\(reference.stdout)\(reference.stderr)")

        var generator = SystemRandomNumberGenerator()
        var killedCount = 0
        var outcomes: [String] = []
        for trial in 0..<Self.trials {
            try Self.restore(cli, from: template)
            let begun = Date()
            let process = try cli.start(arguments)
            let delay = Double.random(in: 0...duration, using: &generator)
            let killed = Self.kill(process, after: delay)
            if killed { killedCount += 1 }
            #expect(killed || process.terminationStatus == 0, "trial \(trial): exit \(process.terminationStatus)")
            // The machine's load changes: a whole run that was quicker sets the range of the next kills.
            if !killed { duration = min(duration, Date().timeIntervalSince(begun)) }
            // A killed run is checked in full (first, so that govdesk is what opens the file after the crash); a run
            // that was not killed ended normally and left what the reference run left, checked above.
            if killed {
                let check = try cli.run(["db", "check"])
                #expect(check.status == 0, "trial \(trial), killed after \(delay) s: \(check.stdout)\(check.stderr)")
            }
            let imported = try cli.count("SELECT count(*) FROM ticket WHERE sourceSystem = 'nyc311'")
            #expect(imported == 0 || imported == Self.rows, "trial \(trial): \(imported) of \(Self.rows) rows")
            outcomes.append("\(String(format: "%.2f", delay)) s: \(killed ? "killed" : "finished"), \(imported) rows")
        }
        print("import of \(Self.rows) rows took \(String(format: "%.1f", duration)) s; trials: \(outcomes)")
        #expect(killedCount >= Self.minimumKilled, "only \(killedCount) of \(Self.trials) runs were killed")
    }

    /// `demo` builds its database under a temporary name and renames it into place when complete: a killed run
    /// leaves either no database at the path (the earlier demo database is removed before the build) or a whole one;
    /// the next run removes the temporary file and succeeds.
    @Test func aKilledDemoLeavesNoDatabaseOrAWholeOne() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let arguments = ["demo", "--tickets", "\(Self.demoTickets)", "--months", "2"]
        let building = cli.database + ".building"
        // One whole run, the reference: how long it takes here.
        let started = Date()
        let whole = try cli.runWithoutPipes(arguments)
        var duration = Date().timeIntervalSince(started)
        #expect(whole.status == 0, "\(whole.stderr)")
        let tickets = try cli.count("SELECT count(*) FROM ticket")
        let reference = try cli.run(["db", "check"])
        #expect(reference.status == 0, "\(reference.stdout)\(reference.stderr)")

        var generator = SystemRandomNumberGenerator()
        var killedCount = 0
        var outcomes: [String] = []
        // Each trial runs over what the one before left: a whole demo database, none, or a temporary file.
        for trial in 0..<Self.trials {
            let begun = Date()
            let process = try cli.start(arguments)
            let delay = Double.random(in: 0...duration, using: &generator)
            let killed = Self.kill(process, after: delay)
            if killed { killedCount += 1 }
            if !killed { duration = min(duration, Date().timeIntervalSince(begun)) }
            let present = FileManager.default.fileExists(atPath: cli.database)
            if killed {
                // Opening a missing path would create an empty database: only a file that is there is checked.
                if present {
                    let check = try cli.run(["db", "check"])
                    #expect(
                        check.status == 0, "trial \(trial), killed after \(delay) s: \(check.stdout)\(check.stderr)")
                    #expect(try cli.count("SELECT count(*) FROM ticket") == tickets, "trial \(trial)")
                }
            } else {
                #expect(process.terminationStatus == 0, "trial \(trial): exit \(process.terminationStatus)")
                #expect(present, "trial \(trial)")
                if present { #expect(try cli.count("SELECT count(*) FROM ticket") == tickets, "trial \(trial)") }
                #expect(!FileManager.default.fileExists(atPath: building), "trial \(trial)")
            }
            let state = present ? "a whole database" : "no database"
            outcomes.append("\(String(format: "%.2f", delay)) s: \(killed ? "killed" : "finished"), \(state)")
        }
        print("demo of \(Self.demoTickets) tickets took \(String(format: "%.1f", duration)) s; trials: \(outcomes)")
        #expect(killedCount >= Self.minimumKilled, "only \(killedCount) of \(Self.trials) runs were killed")

        // A run after the last trial replaces whatever it left, and leaves no temporary file.
        let last = try cli.runWithoutPipes(arguments)
        #expect(last.status == 0, "\(last.stderr)")
        #expect(try cli.count("SELECT count(*) FROM ticket") == tickets)
        #expect(!FileManager.default.fileExists(atPath: building))
        let check = try cli.run(["db", "check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}
