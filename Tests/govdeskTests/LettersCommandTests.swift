import Foundation
import GovDeskCore
import GovDeskStore
import Testing

@testable import govdesk

struct LettersCommandTests {
    /// A database with one complaint to CGJ signed Monday 2025-03-03 10:00 (deadline 2025-03-17 24:00).
    func makeSignedTicket() throws -> String {
        let path = try makeDatabasePath()
        try runCommand(["init", "--training", "--db", path])
        try runCommand([
            "ticket", "new", "--db", path, "--now", "2025-03-03T09:00", "--actor", "op01", "--type", "complaint",
            "--topic", "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张三", "--phone", "13812341234",
            "--text", "占道经营。",
        ])
        try runCommand([
            "ticket", "dispatch", "20250303-000001", "--to", "CGJ", "--db", path, "--now", "2025-03-03T09:30",
            "--actor",
            "pd01",
        ])
        try runCommand([
            "ticket", "sign", "20250303-000001", "--db", path, "--now", "2025-03-03T10:00", "--actor", "cgj1",
        ])
        return path
    }

    @Test func issueWritesMarkdownFilesAndListShowsThem() throws {
        let path = try makeSignedTicket()
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("letters").path

        try runCommand(["letters", "issue", "--db", path, "--now", "2025-03-19T09:00", "--actor", "db01", "--out", out])

        let file = out + "/潞热线警〔2025〕第1号.md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("# 12345热线督办预警函"))
        #expect(text.contains("潞州区城市管理局："))
        #expect(text.contains("| 1 | 20250303-000001 |"))
        let database = try GovDeskDatabase(path: path)
        #expect(try database.letter("潞热线警〔2025〕第1号").text == text)
        try runCommand(["letters", "list", "--db", path, "--month", "2025-03", "--kind", "warning", "--dept", "CGJ"])
        try runCommand(["letters", "show", "潞热线警〔2025〕第1号", "--db", path])
    }

    @Test func aLiaisonIsRefusedWithExitStatusOne() throws {
        let path = try makeSignedTicket()

        do {
            try runCommand(["letters", "issue", "--db", path, "--now", "2025-03-19T09:00", "--actor", "cgj1"])
            Issue.record("a liaison issued letters")
        } catch let error as PermissionError {
            #expect(error.kind.exitStatus == 1)
            #expect(error.description.contains("cgj1"))
        }
        #expect(try GovDeskDatabase(path: path).letters(matching: LetterFilter()).isEmpty)
    }

    @Test func badMonthIsAUsageError() throws {
        let path = try makeSignedTicket()
        #expect(throws: UsageError.self) { try runCommand(["letters", "list", "--db", path, "--month", "2025-13"]) }
    }
}
