import Foundation
import Testing

/// `--db` (or GOVDESK_DB) naming a PostgreSQL URL: this build keeps one SQLite file, so it says so — exit 74, the
/// documented status for a database it cannot open — and never echoes the URL's password, nor creates anything.
@Suite(.serialized)
struct DatabaseURLTests {
    @Test(arguments: [
        ["ticket", "list"], ["init"], ["init", "--training"], ["demo"],
        ["--actor", "admin", "db", "backup", "b.sqlite"],
        ["db", "check"], ["report", "monthly", "--month", "2025-05"],
    ])
    func aPostgreSQLURLIsRefusedWithItsPasswordMasked(_ arguments: [String]) throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        for url in [
            "postgres://user:secret@host/db", "postgresql://admin:s3cr%40t@db.example:5432/govdesk?sslmode=require",
            "postgres://host/db?user=u&password=secret",
        ] {
            let result = try cli.run(arguments + ["--db", url])
            #expect(result.status == 74, "\(arguments) \(url): \(result.status) \(result.stderr)")
            #expect(!result.stderr.contains("secret") && !result.stderr.contains("s3cr"), "\(result.stderr)")
            #expect(result.stderr.contains("***"), "\(result.stderr)")
            #expect(result.stderr.contains("PostgreSQL"), "\(result.stderr)")
            #expect(!result.stdout.contains("secret"))
            let created = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path)
            #expect(created.isEmpty, "nothing created: \(created)")
        }
        var env = cli
        env.environment["GOVDESK_DB"] = "postgres://user:secret@host/db"
        let process = Process()
        process.executableURL = CLIHarness.binary
        process.arguments = arguments
        process.currentDirectoryURL = cli.folder
        process.environment = env.environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 74, "\(stderr)")
        #expect(!stderr.contains("secret"), "\(stderr)")
    }
}
