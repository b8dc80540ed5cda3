import Foundation
import GovDeskCore
import GovDeskStore
import Testing

@testable import govdesk

/// `govdesk report …` run in-process against a fresh database file.
struct ReportCommandTests {
    /// A temporary folder with an initialised database and one ticket resolved at intake on 2025-03-04.
    func makeDatabase() throws -> (folder: URL, db: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "govdesk-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("g.sqlite").path
        try run(["init", "--training", "--db", db])
        try run([
            "ticket", "new", "--db", db, "--now", "2025-03-04T10:00", "--actor", "op01", "--type", "consult", "--topic",
            "住房保障/住房公积金/公积金提取", "--channel", "web", "--caller", "李四", "--phone", "13800000002", "--text", "如何申请公租房",
        ])
        try run([
            "ticket", "resolve", "20250304-000001", "--db", db, "--now", "2025-03-04T10:30", "--actor", "op01",
            "--text",
            "已告知",
        ])
        return (folder, db)
    }

    func run(_ arguments: [String]) throws {
        var command = try GovDesk.parseAsRoot(arguments)
        try command.run()
    }

    @Test func jsonGoesToTheFileWithTheDesignKeys() throws {
        let (folder, db) = try makeDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("march.json").path
        try run([
            "report", "monthly", "--db", db, "--now", "2025-04-02", "--month", "2025-03", "--format", "json", "--out",
            out,
        ])
        let object =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect(object?["month"] as? String == "2025-03")
        #expect(object?["received"] as? Int == 1)
        #expect(object?["resolvedAtIntake"] as? Int == 1)
        #expect(object?["onTimeRate"] as? Double == 1)
        #expect(object?["returnRate"] is NSNull)
        // The 22 keys of DESIGN §6.2, `letterEntries` and `backdated` (§6.1), the hall section, `training` (a
        // training database, DESIGN §11.5) and `ledgerHead` (§11.4); a database without a hall shows zeros and no
        // awards.
        #expect(object?.keys.count == 27)
        #expect(object?["training"] as? Bool == true)
        #expect((object?["ledgerHead"] as? String)?.count == 64)
        let hall = object?["hall"] as? [String: Any]
        #expect(hall?["casesReceived"] as? Int == 0)
        #expect(hall?["onTimeRate"] is NSNull)
        #expect(hall?["awards"] is NSNull)
    }

    @Test func everyFormatRendersAndEnglishKeepsTheJSON() throws {
        let (folder, db) = try makeDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zh = try CommandContext(GlobalOptions.parse(["--db", db, "--now", "2025-04-02"]))
        let en = try CommandContext(GlobalOptions.parse(["--db", db, "--now", "2025-04-02", "--lang", "en"]))
        let month = Month("2025-03")!
        func render(_ format: ReportFormat, _ context: CommandContext, part: ReportDocument.Part = .full) throws
            -> String
        {
            try ReportGroup.render(
                month: month, format: format, language: context.language, database: try context.database(),
                context: context, part: part)
        }
        #expect(try render(.json, zh) == (try render(.json, en)))
        #expect(try render(.table, zh).contains("受理量"))
        #expect(try render(.table, en).contains("Received"))
        #expect(
            try render(.md, en).hasPrefix(
                "> [TRAINING] This comes from a training database, not from real work.\n\n"
                    + "# 12345 hotline closure report, March 2025"))
        #expect(try render(.csv, zh).hasPrefix("\u{FEFF}"))
        #expect(try render(.html, zh).contains("<svg"))
        #expect(try render(.table, zh, part: .departments).contains("承办单位排名"))
    }

    @Test func csvWrittenToAFileEndsWithItsLastRecord() throws {
        let (folder, db) = try makeDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("march.csv").path
        try run([
            "report", "monthly", "--db", db, "--now", "2025-04-02", "--month", "2025-03", "--table", "headline",
            "--out",
            out,
        ])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(bytes.suffix(3)) != [0x0D, 0x0A, 0x0A])
        #expect(Array(bytes.suffix(2)) == [0x0D, 0x0A])
    }

    @Test func theDefaultMonthIsTheLastCompleteOne() throws {
        let (folder, db) = try makeDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("r.json").path
        try run(["report", "monthly", "--db", db, "--now", "2025-04-15", "--json", "--out", out])
        let object =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect(object?["month"] as? String == "2025-03")
    }

    @Test(arguments: ["2025-13", "March", "2025-3"])
    func malformedMonthsAreUsageErrors(_ month: String) {
        #expect(throws: (any Error).self) {
            _ = try GovDesk.parseAsRoot(["report", "monthly", "--month", month])
        }
    }

    @Test func aMonthThatHasNotBegunOrAMissingFolderIsRefused() throws {
        let (folder, db) = try makeDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            try run(["report", "monthly", "--db", db, "--now", "2025-04-02", "--month", "2025-05"])
        } throws: { error in
            (error as? UsageError)?.description
                == "--month 2025-05 has not begun (it is 2025-04 now); choose 2025-04 or earlier"
        }
        let missing = folder.appendingPathComponent("no/such/r.md").path
        #expect {
            try run([
                "report", "departments", "--db", db, "--now", "2025-04-02", "--month", "2025-03", "--out", missing,
            ])
        } throws: { error in
            (error as? GovDeskError)?.kind == .storage && "\(error)".contains("does not exist")
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
