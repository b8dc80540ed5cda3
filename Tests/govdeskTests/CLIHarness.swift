import Foundation
import GRDB
import Testing

/// Runs the built `govdesk` binary in a scratch folder, as a person or a script would.
struct CLIHarness {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let folder: URL
    let database: String
    var environment: [String: String]
    /// `--lang` for every run, when a test is about the messages of one language; nil runs in the configured
    /// language (Chinese).
    var language: String?

    /// The `govdesk` executable next to the test bundle, or the one `GOVDESK_TEST_BINARY` names (e.g. a release build
    /// for the long crash trials).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["GOVDESK_TEST_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // On Linux the runner is `<bin>/GovDeskPackageTests.xctest`; on macOS it is inside a bundle.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("govdesk")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/govdesk")
    }()

    /// The repository root, for its `Config/` and `seeds/`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    init(language: String? = nil) throws {
        self.language = language
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("govdesk-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = folder.appendingPathComponent("test.sqlite").path
        var env = ProcessInfo.processInfo.environment
        for key in ["GOVDESK_DB", "GOVDESK_ACTOR", "GOVDESK_NOW", "GOVDESK_CONFIG"] { env[key] = nil }
        // The December warning of a missing next year (DESIGN §3) follows the real clock; tests that compare standard
        // error must not change with the month they run in. `CalendarCommandTests` turns it back on.
        env["GOVDESK_CALENDAR_WARNING"] = "off"
        environment = env
    }

    /// Runs `govdesk --db <test db> ARGS` in the scratch folder (which has no Config/ or seeds/: built-in data).
    /// With `standardOutput`, the command writes there (e.g. `/dev/full`) and `stdout` of the result is empty.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, standardOutput: FileHandle? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--db", database] + (language.map { ["--lang", $0] } ?? []) + arguments
        process.currentDirectoryURL = folder
        process.environment = environment
        let out = standardOutput == nil ? Pipe() : nil
        let err = Pipe()
        process.standardOutput = standardOutput ?? out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs and expects success, returning trimmed standard output.
    @discardableResult
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments)
        #expect(
            result.status == 0, "govdesk \(arguments.joined(separator: " ")): \(result.stderr)",
            sourceLocation: sourceLocation)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every row of every table, as text: equal dumps mean nothing was written.
    func dump() throws -> String {
        let queue = try DatabaseQueue(path: database)
        return try queue.read { db in
            var text = ""
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            for table in tables {
                text += "## \(table)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") { text += "\(row)\n" }
            }
            return text
        }
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: folder)
    }
}
