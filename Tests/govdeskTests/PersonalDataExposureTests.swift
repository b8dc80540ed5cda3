import Foundation
import GRDB
import Testing

/// Caller and applicant names and phones never appear in full unless asked for, and asking is audited (issue 5).
@Suite(.serialized)
struct PersonalDataExposureTests {
    static let secrets = ["欧阳建国", "13912345678", "司徒静怡", "13800138000", "诸葛明亮", "13698765432"]

    /// A May 2025 with two tickets (one closed and revisited) and one window case rated 差评.
    static func makeMay() throws -> (cli: CLIHarness, tickets: [String], case: String) {
        let cli = try CLIHarness()
        try cli.ok(["init", "--training"])
        func new(_ caller: String, _ phone: String, at time: String) throws -> String {
            try cli.ok([
                "--actor", "op01", "--now", time, "ticket", "new", "--type", "complaint", "--topic", "城市管理/市容环境/占道经营",
                "--channel", "phone", "--caller", caller, "--phone", phone, "--address", "幸福路1号", "--text", "门口占道经营",
            ])
        }
        let first = try new("欧阳建国", "13912345678", at: "2025-05-12T09:00")
        let second = try new("司徒静怡", "13800138000", at: "2025-05-12T10:00")
        try cli.ok(["--actor", "pd01", "--now", "2025-05-12T09:30", "ticket", "dispatch", first, "--to", "CGJ"])
        try cli.ok(["--actor", "cgj1", "--now", "2025-05-12T10:00", "ticket", "sign", first])
        try cli.ok(["--actor", "cgj1", "--now", "2025-05-13T10:00", "ticket", "reply", first, "--text", "已劝离"])
        try cli.ok(["--actor", "sh01", "--now", "2025-05-13T11:00", "ticket", "approve", first])
        try cli.ok([
            "--actor", "op01", "--now", "2025-05-14T11:00", "ticket", "revisit", first, "--satisfaction", "4",
            "--resolved", "yes",
        ])
        try cli.ok(["--actor", "pd01", "--now", "2025-05-12T10:30", "ticket", "dispatch", second, "--to", "CGJ"])
        let caseOutput = try cli.ok([
            "--actor", "w01", "--now", "2025-05-13T09:00", "case", "new", "--item", "QY001", "--window", "A01",
            "--applicant", "诸葛明亮", "--phone", "13698765432",
        ])
        let caseNumber = String(caseOutput.split(separator: "\n").first ?? "")
        try cli.ok(["--actor", "w01", "--now", "2025-05-13T15:00", "case", "complete", caseNumber])
        try cli.ok([
            "--actor", "w02", "--now", "2025-05-13T15:10", "rate", caseNumber, "--score", "2", "--comment", "等太久",
        ])
        return (cli, [first, second], caseNumber)
    }

    static func leaks(_ text: String) -> [String] { secrets.filter { text.contains($0) } }

    @Test func noDefaultOutputShowsAFullNameOrPhone() throws {
        let (cli, tickets, caseNumber) = try Self.makeMay()
        defer { cli.cleanUp() }
        var outputs: [[String]] = [
            ["ticket", "list"], ["--json", "ticket", "list"], ["case", "list"], ["--json", "case", "list"],
            ["case", "show", caseNumber], ["--json", "case", "show", caseNumber],
        ]
        for number in tickets { outputs += [["ticket", "show", number], ["--json", "ticket", "show", number]] }
        for format in ["table", "md", "json", "csv", "html"] {
            outputs.append(
                ["report", "monthly", "--month", "2025-05", "--format", format]
                    + (format == "csv" ? ["--table", "departments"] : []))
        }
        for kind in ["tickets", "events", "cases", "ratings"] {
            for format in ["csv", "jsonl"] {
                outputs.append(["export", kind, "--month", "2025-05", "--format", format])
            }
        }
        let audit = try cli.count("SELECT count(*) FROM auditLog WHERE details LIKE '%\"includePII\":\"true\"%'")
        for arguments in outputs {
            let result = try cli.run(["--now", "2025-06-05T09:00"] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.count > 40, "\(arguments) printed almost nothing: \(result.stdout)")
            #expect(Self.leaks(result.stdout).isEmpty, "\(arguments) shows \(Self.leaks(result.stdout))")
        }
        // The masked forms are there instead.
        let shown = try cli.ok(["--now", "2025-06-05T09:00", "ticket", "show", tickets[0]])
        #expect(shown.contains("139****5678"))
        #expect(try cli.count("SELECT count(*) FROM auditLog WHERE action = 'view-pii'") == 0)
        #expect(
            try cli.count("SELECT count(*) FROM auditLog WHERE details LIKE '%\"includePII\":\"true\"%'") == audit)
    }

    @Test func everyIncludePIIUseShowsTheDataAndIsAudited() throws {
        let (cli, tickets, caseNumber) = try Self.makeMay()
        defer { cli.cleanUp() }
        let uses: [(arguments: [String], action: String, shows: String)] = [
            (["ticket", "show", tickets[0], "--include-pii"], "view-pii", "13912345678"),
            (["--json", "ticket", "show", tickets[1], "--include-pii"], "view-pii", "司徒静怡"),
            (["case", "show", caseNumber, "--include-pii"], "view-pii", "诸葛明亮"),
            (["export", "tickets", "--month", "2025-05", "--include-pii"], "export", "欧阳建国"),
            (
                ["export", "events", "--month", "2025-05", "--include-pii", "--format", "jsonl"], "export",
                "13912345678"
            ),
            (["export", "cases", "--month", "2025-05", "--include-pii"], "export", "13698765432"),
            (["export", "ratings", "--month", "2025-05", "--include-pii"], "export", "诸葛明亮"),
        ]
        for use in uses {
            let before = try cli.count("SELECT count(*) FROM auditLog")
            let result = try cli.run(["--actor", "db01", "--now", "2025-06-05T09:00"] + use.arguments)
            #expect(result.status == 0, "\(use.arguments): \(result.stderr)")
            #expect(result.stdout.contains(use.shows), "\(use.arguments)")
            #expect(try cli.count("SELECT count(*) FROM auditLog") == before + 1, "\(use.arguments) was not audited")
            let queue = try DatabaseQueue(path: cli.database)
            let last = try queue.read { db in
                try Row.fetchOne(db, sql: "SELECT actor, action, details FROM auditLog ORDER BY id DESC LIMIT 1")
            }
            try queue.close()
            #expect(last?["actor"] == "db01")
            #expect(last?["action"] == use.action)
            if use.action == "export" {
                #expect((last?["details"] as String?)?.contains("\"includePII\":\"true\"") == true, "\(use.arguments)")
            }
        }
    }
}

/// DESIGN §11.1: personal data only for a named reader the permission table allows.
@Suite(.serialized)
struct PersonalDataPermissionTests {
    @Test func callerDataIsForTheCallTakerDispatchersSupervisorsAndTheTicketsLiaisonsOnly() throws {
        var (cli, tickets, caseNumber) = try PersonalDataExposureTests.makeMay()
        cli.language = "en"
        defer { cli.cleanUp() }
        let allowed = ["op01", "pd01", "db01", "admin", "cgj1"]
        let refused = ["op02", "sh01", "zjj1", "w01", "ty01"]
        for actor in allowed {
            let result = try cli.run(["--actor", actor, "ticket", "show", tickets[0], "--include-pii"])
            #expect(result.status == 0, "\(actor): \(result.stderr)")
            #expect(result.stdout.contains("13912345678"), "\(actor)")
        }
        let audited = try cli.count("SELECT count(*) FROM auditLog WHERE action = 'view-pii'")
        for actor in refused {
            let result = try cli.run(["--actor", actor, "ticket", "show", tickets[0], "--include-pii"])
            #expect(result.status == 1, "\(actor): \(result.stderr)")
            #expect(result.stderr.contains("may not see a caller's name and phone"), "\(result.stderr)")
            #expect(PersonalDataExposureTests.leaks(result.stdout + result.stderr).isEmpty)
        }
        #expect(try cli.count("SELECT count(*) FROM auditLog WHERE action = 'view-pii'") == audited)
        // Without an actor there is no personal data at all.
        let anonymous = try cli.run(["ticket", "show", tickets[0], "--include-pii"])
        #expect(anonymous.status == 64)
        #expect(PersonalDataExposureTests.leaks(anonymous.stdout).isEmpty)
        // A bulk export is for dispatchers and supervisors, not for the liaison of one ticket.
        let export = try cli.run(["--actor", "cgj1", "export", "tickets", "--month", "2025-05", "--include-pii"])
        #expect(export.status == 1)
        #expect(PersonalDataExposureTests.leaks(export.stdout).isEmpty)
        // The applicant of a window case: that window's staff and supervisors.
        #expect(try cli.run(["--actor", "w01", "case", "show", caseNumber, "--include-pii"]).status == 0)
        #expect(try cli.run(["--actor", "w03", "case", "show", caseNumber, "--include-pii"]).status == 1)
    }
}
