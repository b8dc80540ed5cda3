import Foundation
import Testing

/// What the hostile review of the trust work found in everyday commands, each refused by name now.
@Suite(.serialized)
struct EverydayRefusalTests {
    @Test func aCaseActionDatedBeforeItsLatestEventIsRefusedByName() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let created = try cli.ok([
            "--actor", "w01", "--now", "2025-10-09T09:00", "case", "new", "--item", "QY001", "--window", "A01",
            "--applicant", "张建国",
        ])
        let number = try #require(created.split(separator: "\n").first.map(String.init))
        let before = try cli.dump()
        let early = try cli.run(["--actor", "w01", "--now", "2025-10-08T09:00", "case", "complete", number])
        #expect(early.status == 1, "\(early.stderr)")
        #expect(early.stderr.contains("case \(number)") && early.stderr.contains("would come before its latest event"))
        #expect(try cli.dump() == before)
    }

    @Test func aCalendarYearWithoutHolidaysIsRefused() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let file = cli.folder.appendingPathComponent("2027.json").path
        try #"{"year": 2027, "papers": [], "days": []}"#.write(toFile: file, atomically: true, encoding: .utf8)
        let empty = try cli.run(["--now", "2026-12-30T10:00", "--actor", "admin", "calendar", "add", file])
        #expect(empty.status == 65, "\(empty.stderr)")
        #expect(empty.stderr.contains("it lists no holidays"), "\(empty.stderr)")
        #expect(try cli.ok(["calendar", "show"]).contains("2027") == false)
    }

    @Test func nobodyJoinsAnInactiveDepartment() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        try cli.ok(["--actor", "admin", "dept", "add", "--code", "OLD", "--name", "旧局"])
        try cli.ok(["--actor", "admin", "dept", "deactivate", "OLD"])
        let joined = try cli.run([
            "--actor", "admin", "staff", "add", "--code", "zq9", "--name", "某", "--dept", "OLD", "--role", "liaison",
        ])
        #expect(joined.status == 1, "\(joined.stderr)")
        #expect(joined.stderr.contains("department OLD is inactive"), "\(joined.stderr)")
        #expect(!(try cli.ok(["staff", "list"]).contains("zq9")))
    }

    /// A code that differs only in letter case from another (ADMIN beside admin), or that dresses up GovDesk's own
    /// actor (`system.`), would pass for the other in every list and audit entry.
    @Test func lookalikeCodesAreRefused() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let before = try cli.dump()
        for code in ["ADMIN", "Cgj1", "system.", "_System"] {
            let added = try cli.run([
                "--actor", "admin", "staff", "add", "--code", code, "--name", "某", "--dept", "CGJ", "--role", "liaison",
            ])
            #expect(added.status != 0, "\(code): \(added.stderr)")
        }
        let upper = try cli.run(["--actor", "admin", "dept", "add", "--code", "cgj", "--name", "城管局二"])
        #expect(upper.status != 0)
        #expect(upper.stderr.contains("CGJ already exists"), "\(upper.stderr)")
        #expect(try cli.dump() == before)
    }

    /// A read needs no actor, but one that is named must exist: `--actor nobody` or `--actor system` is refused.
    @Test func aReadNamingAnActorThatDoesNotExistIsRefused() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let nobody = try cli.run(["--actor", "nobody", "ticket", "list"])
        #expect(nobody.status == 65, "\(nobody.stderr)")
        #expect(nobody.stderr.contains("no staff member nobody"), "\(nobody.stderr)")
        var environment = cli
        environment.environment["GOVDESK_ACTOR"] = "system"
        let system = try environment.run(["report", "monthly", "--month", "2025-09"])
        #expect(system.status == 1, "\(system.stderr)")
        #expect(try cli.run(["--actor", "op01", "ticket", "list"]).status == 0)
        #expect(try cli.run(["ticket", "list"]).status == 0)
    }

    @Test func anEmptyFileMadeBeforehandBecomesAPrivateDatabase() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        #expect(
            FileManager.default.createFile(atPath: cli.database, contents: nil, attributes: [.posixPermissions: 0o644]))
        try cli.ok(["init"])
        let mode = try FileManager.default.attributesOfItem(atPath: cli.database)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
