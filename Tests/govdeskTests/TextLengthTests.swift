import Foundation
import Testing

/// A text option's limit counts what the database counts: Unicode code points. "a" under 10,000 combining accents is
/// one Character in Swift but 10,001 characters stored, so it is refused by the option's own check — the documented
/// usage status, a message naming the option and the allowed length, nothing written — and never reaches the
/// database's constraint (exit 74, "storage failure").
@Suite(.serialized)
struct TextLengthTests {
    static func zalgo(_ marks: Int) -> String { "a" + String(repeating: "\u{301}", count: marks) }

    static let ticket = "20250616-000001"
    static let windowCase = "BJ20250616-000001"

    struct Attempt: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var option: String
        var limit: String
        var testDescription: String { name }
    }

    static func newTicket(_ option: String, _ value: String) -> [String] {
        var fields = [
            "--type": "help", "--topic": "公用事业/供水/停水", "--channel": "phone", "--caller": "周敏", "--phone": "13900001111",
            "--text": "小区停水",
        ]
        fields[option] = value
        return ["--actor", "op01", "ticket", "new"] + fields.keys.sorted().flatMap { [$0, fields[$0] ?? ""] }
    }

    static let attempts: [Attempt] = [
        Attempt(
            name: "ticket new --text", arguments: newTicket("--text", zalgo(10_000)), option: "--text", limit: "4000"),
        Attempt(
            name: "ticket new --caller", arguments: newTicket("--caller", zalgo(200)), option: "--caller", limit: "100"),
        Attempt(
            name: "ticket new --address", arguments: newTicket("--address", zalgo(5000)), option: "--address",
            limit: "4000"),
        Attempt(
            name: "ticket reply --text",
            arguments: ["--actor", "cgj1", "ticket", "reply", ticket, "--text", zalgo(10_000)], option: "--text",
            limit: "4000"),
        Attempt(
            name: "ticket return --reason",
            arguments: ["--actor", "cgj1", "ticket", "return", ticket, "--reason", zalgo(10_000)], option: "--reason",
            limit: "4000"),
        Attempt(
            name: "case new --applicant",
            arguments: [
                "--actor", "w01", "case", "new", "--item", "QY001", "--window", "A01", "--applicant", zalgo(200),
            ], option: "--applicant", limit: "100"),
        Attempt(
            name: "eval score --item",
            arguments: [
                "--actor", "db01", "eval", "score", "--month", "2025-06", "--staff", "w01", "--item", zalgo(200),
                "--points", "5",
            ], option: "--item", limit: "100"),
        Attempt(
            name: "dept add --name",
            arguments: ["--actor", "admin", "dept", "add", "--code", "ZX1", "--name", zalgo(300)], option: "--name",
            limit: "100"),
    ]

    @Test(arguments: attempts)
    func aTextUnderCombiningMarksIsCountedAsStoredAndRefusedByItsOption(_ attempt: Attempt) throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let n = try cli.ok(["--now", "2025-06-16T09:00"] + Self.newTicket("--text", "小区停水"))
        #expect(n == Self.ticket)
        try cli.ok(["--now", "2025-06-16T09:10", "--actor", "pd01", "ticket", "dispatch", n, "--to", "CGJ"])
        try cli.ok(["--now", "2025-06-16T10:00", "--actor", "cgj1", "ticket", "sign", n])
        let before = try cli.dump()
        let result = try cli.run(["--now", "2025-07-02T10:00"] + attempt.arguments)
        #expect(result.status == 64, "\(attempt.name): \(result.status) \(result.stderr.prefix(300))")
        #expect(!result.stderr.contains("storage failure"), "\(result.stderr.prefix(300))")
        #expect(result.stderr.contains(attempt.option), "\(attempt.name): \(result.stderr.prefix(300))")
        #expect(result.stderr.contains(attempt.limit), "\(attempt.name): \(result.stderr.prefix(300))")
        #expect(result.stderr.utf8.count < 600, "the value is not echoed whole")
        #expect(try cli.dump() == before, "nothing written")
    }

    /// At the limit exactly, counted the same way, the text is taken.
    @Test func aTextOfExactlyTheLimitInCodePointsIsTaken() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        try cli.ok(["--now", "2025-06-16T09:00"] + Self.newTicket("--caller", Self.zalgo(99)))
        let over = try cli.run(["--now", "2025-06-16T09:00"] + Self.newTicket("--caller", Self.zalgo(100)))
        #expect(over.status == 64, "\(over.stderr.prefix(200))")
    }
}
