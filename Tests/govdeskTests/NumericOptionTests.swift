import Foundation
import Testing

/// Numeric options take plain decimal numbers within their documented range, and nothing Swift's parsers would also
/// take — hexadecimal (`0x10`, `0x1p4`), exponents (`1e1`), a `+` sign, leading zeros, infinity: each is a usage error
/// (exit 64) naming the option and what is allowed, with nothing written.
@Suite(.serialized)
struct NumericOptionTests {
    static let ticket = "20250616-000001"

    static func score(_ points: String) -> [String] {
        [
            "--actor", "db01", "eval", "score", "--month", "2025-06", "--staff", "w01", "--item", "业务考试", "--points",
            points,
        ]
    }

    static let refused: [(arguments: [String], option: String, allowed: String)] =
        ["0x10", "0x1p4", "1e1", "+5", "inf", "nan", "5.555", "05", "101", " 5"].map {
            (score($0), "--points", "-100 to 100")
        } + ["0x10", "+5", "05", "1e3", "5.0"].map { (["ticket", "list", "--limit", $0], "--limit", "1 to 100000") }
        + ["+3", "03", "3.0", "0x3"].map {
            (["--actor", "cgj1", "ticket", "extend", ticket, "--days", $0, "--reason", "待查"], "--days", "1 to 30")
        }
        + [
            (["--actor", "w01", "rate", "BJ20250616-000001", "--score", "+5"], "--score", "1 to 5"),
            (["calendar", "check", "--from", "2025-06-16", "--working-days", "0x10"], "--working-days", "0 to 366"),
            (
                ["--actor", "op01", "ticket", "revisit", ticket, "--satisfaction", "0x5", "--resolved", "yes"],
                "--satisfaction", "1 to 5"
            ),
            (["demo", "--db", "d.sqlite", "--seed", "0x10"], "--seed", "0 to"),
            (["demo", "--db", "d.sqlite", "--tickets", "1e3"], "--tickets", "1 to 5000000"),
        ]

    @Test func oddNumberFormsAreRefusedWithWhatIsAllowed() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        try cli.ok([
            "--now", "2025-06-16T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "李明", "--phone", "13800138000", "--text", "占道",
        ])
        try cli.ok(["--now", "2025-06-16T09:10", "--actor", "pd01", "ticket", "dispatch", Self.ticket, "--to", "CGJ"])
        try cli.ok(["--now", "2025-06-16T10:00", "--actor", "cgj1", "ticket", "sign", Self.ticket])
        let before = try cli.dump()
        for (arguments, option, allowed) in Self.refused {
            let result = try cli.run(["--now", "2025-06-20T09:00"] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr.prefix(300))")
            #expect(result.stderr.contains(option), "\(arguments): \(result.stderr.prefix(300))")
            #expect(result.stderr.contains(allowed), "\(arguments): \(result.stderr.prefix(300))")
        }
        #expect(try cli.dump() == before, "nothing written")
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("d.sqlite").path))
        // Plain numbers are taken, a negative one and two decimals too.
        for points in ["5", "-2.5", "0", "100", "-100", "99.75"] {
            try cli.ok(["--now", "2025-07-02T09:00"] + Self.score(points))
        }
        try cli.ok(["ticket", "list", "--limit", "5"])
    }
}
