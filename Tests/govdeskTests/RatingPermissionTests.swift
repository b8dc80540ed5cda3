import Foundation
import Testing

/// DESIGN §5.3 and §11.1: a rating (好差评) is the applicant's; it is recorded by the staff of the case's window, where
/// the applicant rates, or by a supervisor (a rating that came by phone or online), or an administrator — not by any
/// member of staff, who could otherwise rate a colleague's or a rival window's cases, and never by the staff member who
/// received or finished the case, who could otherwise rate their own work.
@Suite(.serialized)
struct RatingPermissionTests {
    /// A finished case at window B01, whose staff are w06 and w07.
    static func finishedCase(_ cli: CLIHarness, at time: String) throws -> String {
        let created = try cli.ok([
            "--actor", "w06", "--now", "\(time)T09:00", "case", "new", "--item", "BDC002", "--window", "B01",
            "--applicant", "张建国",
        ])
        let number = try #require(created.split(separator: "\n").first.map(String.init))
        try cli.ok(["--actor", "w06", "--now", "\(time)T10:00", "case", "complete", number])
        return number
    }

    @Test func onlyTheWindowsStaffASupervisorOrAnAdministratorRecordARating() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let number = try Self.finishedCase(cli, at: "2025-06-16")
        let before = try cli.dump()
        // Window staff of another window, and every role that has no business with ratings.
        for actor in ["w01", "op01", "pd01", "cgj1", "sh01", "ty01"] {
            let result = try cli.run([
                "--actor", actor, "--now", "2025-06-16T11:00", "rate", number, "--score", "5",
            ])
            #expect(result.status == 1, "\(actor): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("\(actor) ("), "\(result.stderr)")
            #expect(result.stderr.contains("may not record a rating"), "\(result.stderr)")
            #expect(result.stderr.contains("supervisor"), "\(result.stderr)")
            #expect(result.stderr.contains("window B01"), "\(result.stderr)")
        }
        #expect(try cli.dump() == before, "a refused rating writes nothing")
        // The staff member who received and finished it, though they work at the window; an administrator who
        // finished a case is refused the same way.
        let own = try cli.run(["--actor", "w06", "--now", "2025-06-16T11:00", "rate", number, "--score", "5"])
        #expect(own.status == 1, "\(own.status) \(own.stderr)")
        #expect(own.stderr.contains("w06 may not rate case \(number)"), "\(own.stderr)")
        #expect(own.stderr.contains("w06 received it, and no one rates a case they handled"), "\(own.stderr)")
        #expect(own.stderr.contains("supervisor or window"), "\(own.stderr)")
        #expect(try cli.dump() == before, "a refused rating writes nothing")
        // The window's own staff (a colleague of the first-responsible one too), a supervisor, an administrator.
        try cli.ok(["--actor", "w07", "--now", "2025-06-16T11:00", "rate", number, "--score", "5"])
        let second = try Self.finishedCase(cli, at: "2025-06-17")
        try cli.ok(["--actor", "db01", "--now", "2025-06-17T11:00", "rate", second, "--score", "2"])
        let third = try Self.finishedCase(cli, at: "2025-06-18")
        try cli.ok(["--actor", "admin", "--now", "2025-06-18T11:00", "rate", third, "--score", "3"])
    }
}
