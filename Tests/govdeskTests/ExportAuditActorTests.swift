import Foundation
import Testing

/// DESIGN §7 and §11.1: an export asked for with --include-pii is recorded in the audit trail with who asked, for
/// every kind — never as "(unnamed)"; without a named reader it is a usage error that writes nothing.
@Suite(.serialized)
struct ExportAuditActorTests {
    static func exports(_ cli: CLIHarness) throws -> [[String: Any]] {
        let text = try cli.ok(["--actor", "db01", "--json", "audit", "list", "--limit", "100"])
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let entries = (object as? [[String: Any]]) ?? ((object as? [String: Any])?["entries"] as? [[String: Any]]) ?? []
        return entries.filter { $0["action"] as? String == "export" }
    }

    @Test(arguments: ["tickets", "events", "cases", "ratings", "findings", "evaluations", "letters"])
    func anIncludePIIExportNamesItsReader(_ kind: String) throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let out = cli.folder.appendingPathComponent("\(kind).csv").path
        let before = try cli.dump()
        let anonymous = try cli.run(["export", kind, "--month", "2025-06", "--include-pii", "--out", out])
        #expect(anonymous.status == 64, "\(kind): \(anonymous.status) \(anonymous.stderr)")
        #expect(anonymous.stderr.contains("--actor"), "\(anonymous.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try cli.dump() == before, "nothing audited, nothing written")

        try cli.ok(["--actor", "db01", "export", kind, "--month", "2025-06", "--include-pii", "--out", out])
        let entries = try Self.exports(cli)
        #expect(entries.count == 1, "\(entries)")
        #expect(entries.first?["actor"] as? String == "db01", "\(kind): \(entries)")
        #expect(!entries.contains { $0["actor"] as? String == "(unnamed)" })
    }
}
