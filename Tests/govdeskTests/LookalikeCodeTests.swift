import Foundation
import Testing

/// Codes that differ only by characters people confuse — letter case, l / 1 / I, O / 0 — would pass for each other
/// in every list, letter and audit entry (`cgjl` acting as `cgj1`): the second is refused, naming the code it looks
/// like, and nothing is written.
@Suite(.serialized)
struct LookalikeCodeTests {
    struct Attempt: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var existing: String
        var testDescription: String {
            arguments.prefix(2).joined(separator: " ") + " " + (arguments.dropFirst(3).first ?? "")
        }
    }

    static func staff(_ code: String, _ dept: String, _ role: String) -> [String] {
        ["staff", "add", "--code", code, "--name", "某人", "--dept", dept, "--role", role]
    }

    static let attempts: [Attempt] = [
        Attempt(arguments: staff("cgjl", "CGJ", "liaison"), existing: "cgj1"),
        Attempt(arguments: staff("cgjI", "CGJ", "liaison"), existing: "cgj1"),
        Attempt(arguments: staff("dbO1", "RX12345", "supervisor"), existing: "db01"),
        Attempt(arguments: staff("ADMIN", "RX12345", "admin"), existing: "admin"),
        Attempt(arguments: staff("adm1n", "RX12345", "admin"), existing: "admin"),
        Attempt(arguments: ["dept", "add", "--code", "FI", "--name", "某局"], existing: "FL"),
        Attempt(arguments: ["dept", "add", "--code", "CGJ", "--name", "某局"], existing: "CGJ"),
        Attempt(arguments: ["window", "add", "--code", "AO1", "--name", "某窗口", "--dept", "XZSP"], existing: "A01"),
        Attempt(
            arguments: [
                "item", "add", "--code", "QYOO1", "--name", "某事项", "--dept", "XZSP", "--days", "1", "--window", "A01",
            ],
            existing: "QY001"),
        Attempt(
            arguments: ["officer", "add", "--code", "TYYO1", "--name", "某人", "--background", "企业代表"], existing: "TYY01"),
    ]

    @Test(arguments: attempts)
    func aLookalikeOfAnExistingCodeIsRefusedByName(_ attempt: Attempt) throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let before = try cli.dump()
        let result = try cli.run(["--actor", "admin"] + attempt.arguments)
        #expect(result.status == 65, "\(attempt.arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains(attempt.existing), "it names the existing code: \(result.stderr)")
        #expect(try cli.dump() == before, "nothing written")
    }

    @Test func distinctCodesAreStillTaken() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        try cli.ok(["--actor", "admin"] + Self.staff("cgj3", "CGJ", "liaison"))
        try cli.ok(["--actor", "admin"] + Self.staff("w31", "XZSP", "window"))
        try cli.ok(["--actor", "admin", "dept", "add", "--code", "ZX1", "--name", "某局"])
    }
}
