import Foundation
import GRDB
import Testing

/// DESIGN §11.1: `init` makes the first administrator (`--admin CODE`, or the seeds' own), `--group` shares the
/// database with an operating-system group, and nobody may take the system's code.
@Suite(.serialized)
struct FirstAdministratorTests {
    /// Seeds with a hotline centre and a bureau, and no administrator.
    static func seedsWithoutAdministrator(in cli: CLIHarness) throws -> String {
        let folder = cli.folder.appendingPathComponent("seeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "departments:\n  - {code: RX, name: 热线中心, kind: centre}\n  - {code: CG, name: 城管局, kind: bureau}\n"
            .write(to: folder.appendingPathComponent("departments.yaml"), atomically: true, encoding: .utf8)
        try "staff:\n  - {code: op1, name: 王丽, department: RX, roles: [operator]}\n"
            .write(to: folder.appendingPathComponent("staff.yaml"), atomically: true, encoding: .utf8)
        return folder.path
    }

    /// A topic tree for those seeds' departments, as `Config/topics.yaml` of the folder the commands run in.
    static func writeTopics(in cli: CLIHarness) throws {
        let config = cli.folder.appendingPathComponent("Config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "topics:\n  - {path: 城市管理/市容环境/占道经营, department: CG}\n"
            .write(to: config.appendingPathComponent("topics.yaml"), atomically: true, encoding: .utf8)
    }

    @Test func seedsWithoutAnAdministratorNeedAdmin() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        let seeds = try Self.seedsWithoutAdministrator(in: cli)
        // The built-in topic tree names departments these seeds do not have: refused before anything is made.
        let mismatched = try cli.run(["init", "--seeds", seeds, "--admin", "chief"])
        #expect(mismatched.status == 64, "\(mismatched.stderr)")
        #expect(mismatched.stderr.contains("give a topics.yaml"), "\(mismatched.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.database), "nothing is created")
        try Self.writeTopics(in: cli)
        let refused = try cli.run(["init", "--seeds", seeds])
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("init --admin CODE"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.database), "nothing is created")

        // A new code becomes an administrator of the centre; it may then act, the operator may not add staff.
        try cli.ok(["init", "--seeds", seeds, "--admin", "chief", "--admin-name", "张主任"])
        let staff = try cli.ok(["staff", "list"])
        #expect(staff.contains("chief") && staff.contains("张主任") && staff.contains("RX"), "\(staff)")
        try cli.ok([
            "--actor", "chief", "staff", "add", "--code", "db1", "--name", "崔亮", "--dept", "RX", "--role", "supervisor",
        ])
        #expect(
            try cli.run([
                "--actor", "op1", "staff", "add", "--code", "x", "--name", "某", "--dept", "RX", "--role", "operator",
            ]).status == 1)
        let audit = try cli.ok(["--actor", "chief", "audit", "list", "--action", "init"])
        #expect(audit.contains("system") && audit.contains("administrators=chief"), "\(audit)")
    }

    @Test func aSeededStaffMemberCanBeMadeTheAdministrator() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let seeds = try Self.seedsWithoutAdministrator(in: cli)
        try Self.writeTopics(in: cli)
        try cli.ok(["init", "--training", "--seeds", seeds, "--admin", "op1"])
        try cli.ok(["--actor", "op1", "dept", "add", "--code", "NEW", "--name", "新局"])
        #expect(try cli.run(["init", "--admin", "system"]).status == 64)
    }

    @Test func nobodyTakesTheSystemsCode() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        for code in ["system", "SYSTEM", "System"] {
            let staff = try cli.run([
                "--actor", "admin", "staff", "add", "--code", code, "--name", "某", "--dept", "RX12345", "--role",
                "admin",
            ])
            #expect(staff.status == 64, "\(code): \(staff.stderr)")
            #expect(staff.stderr.contains("other than `system`"), "\(staff.stderr)")
            let officer = try cli.run(["--actor", "admin", "officer", "add", "--code", code, "--name", "某"])
            #expect(officer.status == 64, "\(code): \(officer.stderr)")
        }
        let write = try cli.run(["--actor", "system", "dept", "add", "--code", "X1", "--name", "某局"])
        #expect(write.status != 0, "the system's code is nobody's to act with: \(write.stderr)")
    }

    @Test func aGroupSharesTheDatabaseAndWhatHoldsPersonalData() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        // The process's own group: a member may always give a file to it.
        let group = String(cString: getgrgid(getegid())!.pointee.gr_name)
        try cli.ok(["init", "--training", "--group", group])
        func mode(_ path: String) throws -> (Int, gid_t) {
            var status = stat()
            try #require(stat(path, &status) == 0, "\(path)")
            return (Int(status.st_mode & 0o777), status.st_gid)
        }
        #expect(try mode(cli.database) == (0o660, getegid()))
        try cli.ok(["--actor", "admin", "db", "backup", cli.folder.appendingPathComponent("copy.sqlite").path])
        #expect(try mode(cli.folder.appendingPathComponent("copy.sqlite").path) == (0o660, getegid()))
        let export = cli.folder.appendingPathComponent("pii.csv").path
        try cli.ok(["--actor", "admin", "export", "tickets", "--month", "2025-09", "--include-pii", "--out", export])
        #expect(try mode(export) == (0o660, getegid()))

        let unknown = try CLIHarness()
        defer { unknown.cleanUp() }
        let refused = try unknown.run(["init", "--group", "no-such-group-\(getpid())"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("本机没有这个用户组"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: unknown.database))
        // Without --group: 0600.
        try unknown.ok(["init", "--training"])
        #expect(try mode(unknown.database).0 == 0o600)
        let existing = try unknown.run(["init", "--group", group])
        #expect(existing.status == 64, "an existing database keeps its mode: \(existing.stderr)")
    }
}
