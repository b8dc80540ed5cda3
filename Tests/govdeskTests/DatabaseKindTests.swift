import Foundation
import Testing

/// DESIGN §11.2: a database never changes kind. `init` of the other kind on an existing database is refused (exit 1)
/// naming the kind it is, and leaves it as it was; `init` of the same kind stays a harmless no-op.
@Suite(.serialized)
struct DatabaseKindTests {
    @Test(arguments: [
        (["init"], ["init", "--training"], "production"), (["init"], ["init", "--demo"], "production"),
        (["init", "--training"], ["init"], "training"),
    ])
    func initOfTheOtherKindIsRefusedNamingTheKind(_ made: [String], _ again: [String], _ kind: String) throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(made)
        let before = try cli.dump()
        let result = try cli.run(again)
        #expect(result.status == 1, "\(again): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains("is a \(kind) database"), "\(result.stderr)")
        #expect(result.stderr.contains("never changes kind"), "\(result.stderr)")
        #expect(try cli.dump() == before, "nothing changed")
        let json = try cli.run(["--json"] + again)
        #expect(json.status == 1)
        #expect(json.stdout.isEmpty, "no answer that says it went well: \(json.stdout)")
    }

    @Test func initOfTheSameKindChangesNothingAndSaysSo() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init"])
        let again = try cli.run(["init"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("already initialised; nothing changed"))
    }
}
