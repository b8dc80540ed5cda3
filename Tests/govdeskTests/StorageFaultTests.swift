import Foundation
import GRDB
import Testing

/// Storage that fails under GovDesk: each gives one clear line and exit 74, and the data stays whole (issue 5).
@Suite(.serialized)
struct StorageFaultTests {
    static let newTicket = [
        "--now", "2025-03-03T09:00", "--actor", "op01", "ticket", "new", "--type", "help", "--topic", "公用事业/供水/停水",
        "--channel", "web",
        "--caller", "周敏", "--phone", "13900001111", "--text",
    ]

    /// One line on standard error, from govdesk, with no trap or backtrace.
    static func expectOneClearLine(
        _ result: CLIHarness.Result, containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == 74, "\(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("govdesk: "), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(fragment), "\(result.stderr)", sourceLocation: sourceLocation)
        for trap in ["Fatal error", "Stack dump", "Backtrace", "Illegal instruction"] {
            #expect(!result.stderr.contains(trap), sourceLocation: sourceLocation)
        }
    }

    @Test func aMissingFolderIsNamed() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let missing = cli.folder.appendingPathComponent("no-such-folder/govdesk.sqlite").path
        for arguments in [["init", "--training"], ["ticket", "list"], Self.newTicket + ["停水"], ["db", "check"]] {
            let result = try cli.run(["--db", missing] + arguments)
            Self.expectOneClearLine(result, containing: "does not exist")
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func aFileThatIsNotADatabaseIsNamedAndLeftAlone() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let notes = String(repeating: "这不是数据库 — just notes.\n", count: 300)
        try Data(notes.utf8).write(to: URL(fileURLWithPath: cli.database))
        for arguments in [["init", "--training"], ["ticket", "list"], Self.newTicket + ["停水"], ["db", "check"]] {
            Self.expectOneClearLine(try cli.run(arguments), containing: "not a SQLite database")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.database)) == Data(notes.utf8))
    }

    /// Root ignores file modes, so as root the file is made immutable with `chattr +i` (ext4 and friends); as
    /// another user a 0444 file and folder do the same.
    @Test func aReadOnlyDatabaseRefusesWritesClearlyAndStaysWhole() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let number = try cli.ok(Self.newTicket + ["停水"])
        let before = try cli.dump()
        let folder = cli.folder.path
        if getuid() == 0 {
            guard shell("chattr +i '\(cli.database)' '\(folder)'") == 0 else {
                Issue.record("chattr +i is not available here; the read-only case is untested")
                return
            }
        } else {
            #expect(chmod(cli.database, 0o444) == 0 && chmod(folder, 0o555) == 0)
        }
        func unlock() {
            if getuid() == 0 {
                _ = shell("chattr -i '\(cli.database)' '\(folder)'")
            } else {
                chmod(folder, 0o755)
                chmod(cli.database, 0o644)
            }
        }
        defer { unlock() }
        let write = try cli.run(Self.newTicket + ["又停水"])
        Self.expectOneClearLine(write, containing: cli.database)
        #expect(write.stderr.contains("read-only") || write.stderr.contains("cannot be opened"), "\(write.stderr)")
        let dispatch = try cli.run(["--now", "2025-03-03T09:30", "ticket", "dispatch", number, "--to", "GSGS"])
        #expect(dispatch.status == 74, "\(dispatch.stderr)")
        #expect(dispatch.stderr.split(separator: "\n").count == 1)
        unlock()
        #expect(try cli.dump() == before)
        let check = try cli.run(["db", "check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// The file system fills up: the test runs govdesk under a file-size limit just above the database's size
    /// (`ulimit -f`, with SIGXFSZ ignored so that the write fails instead of killing the process).
    @Test func aFullDiskRefusesTheTicketClearlyAndKeepsTheOthers() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        _ = try cli.ok(Self.newTicket + ["停水"])
        let size = (try FileManager.default.attributesOfItem(atPath: cli.database)[.size] as? Int) ?? 0
        let limitKB = size / 1024 + 48
        let text = String(repeating: "水管破裂，", count: 700)
        var failure: CLIHarness.Result?
        var made = 1
        for _ in 0..<200 {
            let arguments = (["--db", cli.database] + Self.newTicket + [text]).map { "'\($0)'" }.joined(separator: " ")
            let result = try runShell(
                "trap '' XFSZ; ulimit -f \(limitKB); exec '\(CLIHarness.binary.path)' \(arguments)", in: cli)
            if result.status != 0 {
                failure = result
                break
            }
            made += 1
        }
        let full = try #require(failure, "the file-size limit of \(limitKB) KB was never reached")
        Self.expectOneClearLine(full, containing: cli.database)
        #expect(full.stderr.contains("full") || full.stderr.contains("could not be written"), "\(full.stderr)")
        let check = try cli.run(["db", "check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("已检查工单 \(made) 件、事件 \(made) 个：无问题"), "\(check.stdout)")
    }

    func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func runShell(_ command: String, in cli: CLIHarness) throws -> CLIHarness.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = cli.folder
        process.environment = cli.environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIHarness.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
