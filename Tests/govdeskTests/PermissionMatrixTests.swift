import Foundation
import GovDeskCore
import GovDeskStore
import Testing

@testable import govdesk

/// DESIGN §2.3 through the command line: every (role, ticket action) pair, allowed exactly when the table says.
@Suite(.serialized)
struct PermissionMatrixTests {
    /// The role column of DESIGN §2.3 (admin may do everything besides).
    static let design: [String: Role] = [
        "new": .operator, "resolve": .operator, "dispatch": .dispatcher, "sign": .liaison, "return": .liaison,
        "extend": .liaison, "approve-extension": .supervisor, "deny-extension": .supervisor, "reply": .liaison,
        "approve": .reviewer, "reject": .reviewer, "revisit": .operator, "reopen": .supervisor, "merge": .dispatcher,
        "urge": .supervisor,
    ]

    /// A seeded staff member holding only that role; the liaison is CGJ's, where the tickets are sent.
    static let actors: [(Role, String)] = [
        (.operator, "op01"), (.dispatcher, "pd01"), (.liaison, "cgj1"), (.reviewer, "sh01"), (.supervisor, "db01"),
        (.window, "w01"), (.officerAdmin, "ty01"), (.admin, "admin"),
    ]

    /// Logs tickets and walks them to the state an action needs, as the administrator.
    final class Desk {
        let workspace: Workspace
        var count = 0

        init() throws { workspace = try Workspace() }

        func run(_ arguments: [String], actor: String = "admin") throws {
            try workspace.run(arguments, actor: actor, now: "2025-06-16T09:00")
        }

        /// The exit status and message `govdesk` would give.
        func status(_ arguments: [String], actor: String) -> (status: Int32, message: String) {
            do {
                try run(arguments, actor: actor)
                return (0, "")
            } catch let error as GovDeskError {
                return (error.kind.exitStatus, error.description)
            } catch {
                return (-1, "\(error)")
            }
        }

        func new() throws -> String {
            try run([
                "ticket", "new", "--type", "complaint", "--topic", "城市管理/市容环境/占道经营", "--channel", "phone",
                "--caller", "李明", "--phone", "13800138000", "--text", "占道经营",
            ])
            count += 1
            return String(format: "20250616-%06d", count)
        }

        /// A ticket ready for `action`.
        func ticket(for action: String) throws -> String {
            let n = try new()
            let path: [[String]]
            switch action {
            case "resolve", "dispatch", "merge": path = []
            case "sign", "urge": path = [["dispatch", n, "--to", "CGJ"]]
            case "return", "extend", "reply":
                path = [["dispatch", n, "--to", "CGJ"], ["sign", n]]
            case "approve-extension", "deny-extension":
                path = [["dispatch", n, "--to", "CGJ"], ["sign", n], ["extend", n, "--days", "3", "--reason", "待查"]]
            case "approve", "reject":
                path = [["dispatch", n, "--to", "CGJ"], ["sign", n], ["reply", n, "--text", "已处理"]]
            case "revisit", "reopen":
                path = [["dispatch", n, "--to", "CGJ"], ["sign", n], ["reply", n, "--text", "已处理"], ["approve", n]]
            default: path = []
            }
            // The administrator takes each step but the reply and the extension request, which the lead department's
            // liaison makes: no one approves their own reply or extension (TicketMachine.table).
            for step in path {
                try run(["ticket"] + step, actor: ["reply", "extend"].contains(step.first ?? "") ? "cgj1" : "admin")
            }
            return n
        }

        func arguments(_ action: String, _ n: String) throws -> [String] {
            switch action {
            case "new":
                return [
                    "ticket", "new", "--type", "help", "--topic", "公用事业/供水/停水", "--channel", "web", "--caller", "周敏",
                    "--phone", "13900001111", "--text", "停水",
                ]
            case "resolve": return ["ticket", "resolve", n, "--text", "已答复"]
            case "dispatch": return ["ticket", "dispatch", n, "--to", "CGJ"]
            case "return": return ["ticket", "return", n, "--reason", "非本单位职责"]
            case "extend": return ["ticket", "extend", n, "--days", "3", "--reason", "待查"]
            case "deny-extension": return ["ticket", "deny-extension", n, "--reason", "不予延期"]
            case "reply": return ["ticket", "reply", n, "--text", "已处理"]
            case "reject": return ["ticket", "reject", n, "--reason", "答复不完整"]
            case "revisit": return ["ticket", "revisit", n, "--satisfaction", "4", "--resolved", "yes"]
            case "reopen": return ["ticket", "reopen", n, "--reason", "来电人反映未解决"]
            case "merge": return ["ticket", "merge", n, "--into", try new()]
            case "urge": return ["ticket", "urge", n, "--note", "请尽快办理"]
            default: return ["ticket", action, n]
            }
        }
    }

    @Test func everyRoleMayTakeExactlyTheActionsTheDesignGivesIt() throws {
        let desk = try Desk()
        defer { try? FileManager.default.removeItem(at: desk.workspace.folder) }
        var allowedPairs = 0
        var refusedPairs = 0
        for action in Self.design.keys.sorted() {
            // The refused roles all try the same ticket first: a refusal writes nothing, so it stays ready.
            let shared = try desk.ticket(for: action)
            func mayAct(_ role: Role) -> Bool { role == .admin || role == Self.design[action] }
            for (role, actor) in Self.actors.filter({ !mayAct($0.0) }) + Self.actors.filter({ mayAct($0.0) }) {
                let allowed = mayAct(role)
                let n = allowed ? try desk.ticket(for: action) : shared
                let arguments = try desk.arguments(action, n)
                let events = try desk.workspace.database().events(of: n).count
                let (status, message) = desk.status(arguments, actor: actor)
                if allowed {
                    #expect(status == 0, "\(actor) (\(role)) \(action): \(message)")
                    allowedPairs += 1
                } else {
                    #expect(status == 1, "\(actor) (\(role)) \(action) was not refused: \(status) \(message)")
                    #expect(message.contains("may not"), "\(actor) \(action): \(message)")
                    #expect(try desk.workspace.database().events(of: n).count == events)
                    refusedPairs += 1
                }
                if action == "new" && allowed { desk.count += 1 }
            }
        }
        #expect(allowedPairs == 15 * 2)
        #expect(refusedPairs == 15 * 6)
    }

    @Test func aLiaisonOfAnotherDepartmentMayReadButNeverChangeTheTicket() throws {
        let desk = try Desk()
        defer { try? FileManager.default.removeItem(at: desk.workspace.folder) }
        let dispatched = try desk.ticket(for: "sign")
        let handling = try desk.ticket(for: "reply")
        #expect(desk.status(["ticket", "show", dispatched], actor: "zjj1").status == 0)
        #expect(desk.status(["ticket", "list"], actor: "zjj1").status == 0)
        #expect(desk.status(["--json", "ticket", "list", "--state", "handling"], actor: "zjj1").status == 0)
        let before =
            try desk.workspace.database().events(of: dispatched) + desk.workspace.database().events(of: handling)
        let attempts: [[String]] = [
            ["ticket", "sign", dispatched], ["ticket", "return", dispatched, "--reason", "不是我们的"],
            ["ticket", "return", handling, "--reason", "不是我们的"],
            ["ticket", "extend", handling, "--days", "2", "--reason", "待查"],
            ["ticket", "reply", handling, "--text", "已处理"],
        ]
        for arguments in attempts {
            let (status, message) = desk.status(arguments, actor: "zjj1")
            #expect(status == 1, "\(arguments): \(message)")
            #expect(message.contains("CGJ"), "\(arguments): \(message)")
        }
        let after =
            try desk.workspace.database().events(of: dispatched) + desk.workspace.database().events(of: handling)
        #expect(after == before)
    }
}

/// DESIGN §11.1 through the command line: every (role, permission) pair of the permission table, allowed exactly
/// when the table says, a refusal writing nothing.
@Suite(.serialized)
struct PermissionTableTests {
    /// One command that needs each permission; `n` makes codes and files unique per attempt.
    /// Runs `body` with a password on `staff password`'s input, bound to this task only (a test beside it binds its own).
    static func passwordInput<T>(_ body: () throws -> T) rethrows -> T {
        #if canImport(GovDeskService)
            try Staff.Password.$readPassword.withValue({ _ in "correct horse battery" }, operation: body)
        #else
            try body()
        #endif
    }

    static func command(_ permission: Permission, _ n: Int, in w: Workspace) throws -> [String]? {
        switch permission {
        case .addCalendar:
            let file = try w.write(
                "cal\(n).json",
                #"{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#)
            return ["calendar", "add", file, "--replace", "--notice", "测试（虚构）"]
        case .backup: return ["db", "backup", w.folder.appendingPathComponent("b\(n).sqlite").path]
        case .referenceData: return ["dept", "add", "--code", "T\(n)", "--name", "测试单位\(n)"]
        case .officers:
            return ["officer", "add", "--code", "TO\(n)", "--name", "体验员\(n)", "--background", "企业代表"]
        case .issueLetters: return ["letters", "issue"]
        case .evaluation: return ["eval", "run", "--month", "2022-05"]
        case .importTickets:
            let file = try w.write("i\(n).csv", makeNYCFile())
            return ["import", "tickets", file, "--mapping", Workspace.mapping("nyc311"), "--dry-run"]
        case .exportData:
            return [
                "export", "tickets", "--month", "2025-05", "--out", w.folder.appendingPathComponent("e\(n).csv").path,
            ]
        case .exportPersonalData:
            return [
                "export", "tickets", "--month", "2025-05", "--include-pii", "--out",
                w.folder.appendingPathComponent("p\(n).csv").path,
            ]
        case .readAudit: return ["audit", "list"]
        case .closeMonth:
            // Months close in order: the next one after those closed by the roles allowed before.
            let closed = try w.database().closedMonths().count
            return ["month", "close", Month(year: 2021, month: 1)!.adding(months: closed).description]
        case .setRules:
            // The workspace's configuration folder, its rules now different from those in force (a grace of its
            // own each attempt; the time zone stays, as it must once there are records).
            try "timeZone: America/New_York\nbackdating:\n  graceMinutes: \(100 + n)\n".write(
                to: w.config.appendingPathComponent("govdesk.yaml"), atomically: true, encoding: .utf8)
            return ["config", "apply"]
        case .setPassword:
            #if canImport(GovDeskService)
                // Someone else's: everyone may set their own (StaffPasswordCommandTests). The password: `passwordInput`.
                return ["staff", "password", "op02"]
            #else
                return nil  // a build without the web service has no `staff password` (Package.swift)
            #endif
        case .manageAPIClients: return ["apikey", "add", "client\(n)"]
        case .recordRating:
            // A fresh finished case at B01, where none of the walk's actors works: only the role counts here (the
            // window's own staff: RatingPermissionTests).
            // Received and finished by w06, who may not rate it (RatingPermissionTests).
            try w.run(["case", "new", "--item", "BDC002", "--window", "B01", "--applicant", "张建国"], actor: "w06")
            let number = String(format: "BJ20220615-%06d", try w.database().cases(matching: CaseFilter()).count)
            try w.run(["case", "complete", number], actor: "w06")
            return ["rate", number, "--score", "4"]
        case .readCallerData, .readApplicantData: return nil  // relational: PersonalDataPermissionTests
        case .backdate: return nil  // production databases only: BackdatingTests
        }
    }

    @Test func everyRoleHoldsExactlyThePermissionsTheTableGivesIt() throws {
        let w = try Workspace()
        defer { try? FileManager.default.removeItem(at: w.folder) }
        var n = 0
        var pairs = (allowed: 0, refused: 0)
        for permission in Permission.allCases {
            for (role, actor) in PermissionMatrixTests.actors {
                n += 1
                guard let arguments = try Self.command(permission, n, in: w) else { continue }
                let member = try w.database().staffMember(actor)
                let allowed = permission.isHeld(by: member)
                let before = try w.database().auditEntries().count
                let head = try w.database().seal()
                let (status, message) = Self.passwordInput { w.status(arguments, actor: actor) }
                if allowed {
                    #expect(status == 0, "\(actor) (\(role)) \(permission): \(message)")
                    pairs.allowed += 1
                } else {
                    #expect(status == 1, "\(actor) (\(role)) \(permission) was not refused: \(status) \(message)")
                    #expect(message.contains("may not \(permission.rawValue)"), "\(message)")
                    #expect(try w.database().auditEntries().count == before, "a refusal wrote nothing")
                    #expect(try w.database().seal() == head, "a refusal committed no transaction (DESIGN §11.4)")
                    pairs.refused += 1
                }
            }
        }
        // 15 permissions walked over 8 roles (14 in a build without the web service, which has no `staff password`;
        // `apikey` needs no service).
        #if canImport(GovDeskService)
            #expect(pairs.allowed + pairs.refused == 120)
        #else
            #expect(pairs.allowed + pairs.refused == 112)
        #endif
        #expect(pairs.allowed > 8 && pairs.refused > 8)
    }

    @Test func writesNameTheirActorAndReferenceDataChangesAreAudited() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        // No implicit actor: a write without one says how to name one.
        let anonymous = try cli.run([
            "staff", "add", "--code", "evil", "--name", "x", "--dept", "RX12345", "--role", "admin",
        ])
        #expect(anonymous.status == 64)
        #expect(anonymous.stderr.contains("--actor"))
        // An unknown actor, and a liaison, may not add an administrator.
        let unknown = try cli.run([
            "--actor", "nobody", "staff", "add", "--code", "evil", "--name", "x", "--dept", "RX12345", "--role",
            "admin",
        ])
        #expect(unknown.status == 65)
        let liaison = try cli.run([
            "--actor", "cgj1", "staff", "add", "--code", "evil", "--name", "x", "--dept", "RX12345", "--role", "admin",
        ])
        #expect(liaison.status == 1)
        // Nor make himself a reviewer.
        let promote = try cli.run(["--actor", "cgj1", "staff", "edit", "cgj1", "--role", "reviewer"])
        #expect(promote.status == 1)
        #expect(!(try cli.ok(["--json", "staff", "list"]).contains("evil")))

        // The administrator changes a role, deactivates and reactivates: each is audited with from → to.
        try cli.ok(["--actor", "admin", "staff", "edit", "cgj2", "--role", "liaison", "--role", "reviewer"])
        try cli.ok(["--actor", "admin", "staff", "deactivate", "cgj2"])
        let inactive = try cli.run([
            "--actor", "cgj2", "ticket", "new", "--type", "consult", "--topic", "政务服务/窗口服务/办事流程繁琐", "--channel",
            "web", "--caller", "孙丽", "--phone", "13700001111", "--text", "咨询",
        ])
        #expect(inactive.status == 1)
        #expect(inactive.stderr.contains("inactive"))
        try cli.ok(["--actor", "admin", "staff", "reactivate", "cgj2"])
        try cli.ok(["--actor", "admin", "dept", "edit", "CGJ", "--name", "潞州区城市管理综合执法局"])
        try cli.ok(["--actor", "admin", "window", "deactivate", "A04"])
        try cli.ok(["--actor", "admin", "item", "edit", "QY001", "--days", "2"])
        try cli.ok(["--actor", "ty01", "officer", "deactivate", "TYY01"])
        let audit = try cli.ok(["--actor", "db01", "--json", "audit", "list", "--limit", "50"])
        for expected in [
            "staff-edit", "liaison,reviewer", "staff-deactivate", "staff-reactivate", "department-edit",
            "window-deactivate",
            "item-edit", "1 → 2", "officer-deactivate",
        ] {
            #expect(audit.contains(expected), "\(expected) in \(audit)")
        }
        // The audit log is a supervisor's: a liaison may not read it.
        #expect(try cli.run(["--actor", "cgj1", "audit", "list"]).status == 1)
        // The last administrator cannot lock everyone out.
        let last = try cli.run(["--actor", "admin", "staff", "deactivate", "admin"])
        #expect(last.status == 1)
        #expect(try cli.run(["--actor", "admin", "staff", "edit", "admin", "--role", "supervisor"]).status == 1)
    }
}
