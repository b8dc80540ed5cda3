import Foundation
import GovDeskCore
import GovDeskService
import GovDeskStore
import GovDeskTestSupport
import Hummingbird
import Testing

/// Every route of the service against every role and against nobody logged in (issue 14: a table of (route, role) →
/// allowed or 403/redirect, walked completely). What a role may do comes from the state machine's table and the
/// permission table, the ones the command line obeys; the walk checks that the service's answers agree with them.
struct RouteRoleTableTests {
    /// Who walks: nobody, then one staff member of each role (their code in the fixture).
    static let walkers: [(role: Role?, code: String?)] = [
        (nil, nil), (.operator, "op1"), (.dispatcher, "pd1"), (.liaison, "cgj1"), (.reviewer, "sh1"),
        (.supervisor, "db1"), (.window, "ck1"), (.officerAdmin, "gl1"), (.admin, "admin"),
    ]

    enum Expected: Equatable, CustomStringConvertible {
        case ok, toLogin, forbidden, redirect

        var description: String {
            switch self {
            case .ok: return "200"
            case .toLogin: return "303 to /login"
            case .forbidden: return "403"
            case .redirect: return "303"
            }
        }
    }

    @Test func everyPageAgainstEveryRoleAndNobody() async throws {
        let fixture = try ServiceFixture()
        let number = fixture.cgjTicket
        // A letter to CGJ, which its liaison reads too.
        _ = try ServiceFixture.makeUnsignedTicket(fixture.database, to: "CGJ")
        let letter = try #require(try ServiceFixture.issueLetters(fixture.database).first)
        let hall = try fixture.addHall()
        var pairs = 0
        let pages: [(String, @Sendable (Role) -> Expected)] = [
            ("/healthz", { _ in .ok }), ("/assets/govdesk.css", { _ in .ok }), ("/login", { _ in .ok }),
            ("/track", { _ in .ok }), ("/queue", { _ in .ok }), ("/", { _ in .redirect }),
            ("/tickets/\(number)", { _ in .ok }), ("/search?state=dispatched", { _ in .ok }),
            ("/admin/staff", { $0 == .admin ? .ok : .forbidden }),
            ("/admin/api-clients", { $0 == .admin ? .ok : .forbidden }),
            ("/intake", { $0 == .operator || $0 == .admin ? .ok : .forbidden }),
            ("/reports/2025-05", { $0 == .supervisor || $0 == .admin ? .ok : .forbidden }),
            ("/letters", { $0 == .supervisor || $0 == .admin || $0 == .liaison ? .ok : .forbidden }),
            (
                ServiceFixture.letterPath(letter.number),
                { $0 == .supervisor || $0 == .admin || $0 == .liaison ? .ok : .forbidden }
            ),
            ("/months", { $0 == .supervisor || $0 == .admin ? .ok : .forbidden }),
            ("/evaluations/2025-05", { $0 == .supervisor || $0 == .admin ? .ok : .forbidden }),
            ("/cases", { _ in .ok }), ("/cases/\(hall.openCase)", { _ in .ok }),
            ("/cases/new", { $0 == .window || $0 == .admin ? .ok : .forbidden }),
            ("/findings", { _ in .ok }), ("/findings/\(hall.finding)", { _ in .ok }),
            ("/findings/new", { [.officerAdmin, .supervisor, .admin].contains($0) ? .ok : .forbidden }),
        ]
        let publicPaths: Set<String> = ["/healthz", "/assets/govdesk.css", "/login", "/track"]
        var seen: [String] = []
        for walker in Self.walkers {
            let lines = try await fixture.withBrowserResult { browser -> [String] in
                if let code = walker.code { try await browser.logIn(code) }
                var lines: [String] = []
                for (path, rule) in pages {
                    let expected: Expected =
                        walker.role.map(rule) ?? (publicPaths.contains(path) ? .ok : .toLogin)
                    let page = try await browser.get(path)
                    lines.append(Self.check(page, expected, "GET \(path) as \(walker.code ?? "nobody")"))
                }
                return lines
            }
            seen += lines
            pairs += pages.count
        }
        let wrong = seen.filter { !$0.isEmpty }
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        #expect(pairs == 198)
    }

    /// Each action form as each role, on a ticket in a state that allows the action: the roles of the state
    /// machine's rule (and the administrator) go through, everyone else is refused with 403 and nothing written.
    @Test func everyActionAgainstEveryRoleAndNobody() async throws {
        let fixture = try ServiceFixture()
        let actions: [TicketAction] = [
            .resolve, .dispatch, .sign, .returnTicket, .extend, .approveExtension, .denyExtension, .reply, .approve,
            .reject, .revisit, .reopen, .merge, .urge,
        ]
        var wrong: [String] = []
        var pairs = 0
        for walker in Self.walkers {
            let lines = try await fixture.withBrowserResult { browser -> [String] in
                var csrf = ""
                if let code = walker.code {
                    try await browser.logIn(code)
                    csrf = try await browser.get("/queue").csrf() ?? ""
                }
                var lines: [String] = []
                for action in actions {
                    let (number, fields) = try Self.prepare(action, fixture.database)
                    let before = try fixture.database.events(of: number).count
                    let page = try await browser.post(
                        "/tickets/\(number)/\(action.rawValue)", [("_csrf", csrf)] + fields)
                    let expected: Expected
                    if let role = walker.role {
                        let rule = try #require(TicketMachine.rule(for: action))
                        expected = role == .admin || rule.neededRoles.contains(role) ? .redirect : .forbidden
                    } else {
                        expected = .toLogin
                    }
                    let label = "POST \(action.rawValue) as \(walker.code ?? "nobody")"
                    lines.append(Self.check(page, expected, label))
                    let after = try fixture.database.events(of: number).count
                    if (expected == .redirect) != (after == before + 1) {
                        lines.append("\(label): \(after - before) events written")
                    }
                }
                // The intake form, posted.
                let intake = try await browser.post(
                    "/intake",
                    [
                        ("_csrf", csrf), ("type", "consult"), ("channel", "phone"),
                        ("topic", "城市管理/市容环境/占道经营"), ("caller", "王五"), ("phone", "13900005678"),
                        ("text", "咨询早市营业时间"),
                    ])
                let expected: Expected =
                    walker.role.map { $0 == .operator || $0 == .admin ? .redirect : .forbidden } ?? .toLogin
                lines.append(Self.check(intake, expected, "POST /intake as \(walker.code ?? "nobody")"))
                return lines
            }
            wrong += lines.filter { !$0.isEmpty }
            pairs += actions.count + 1
        }
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        #expect(pairs == 135)
    }

    /// "" when `page` is what `expected` says, else what went wrong.
    static func check(_ page: Browser.Page, _ expected: Expected, _ label: String) -> String {
        let ok: Bool
        switch expected {
        case .ok: ok = page.status == .ok
        case .forbidden: ok = page.status == .forbidden
        case .redirect: ok = page.status == .seeOther && page.location?.hasPrefix("/login") == false
        case .toLogin: ok = page.status == .seeOther && page.location?.hasPrefix("/login") == true
        }
        return ok ? "" : "\(label): expected \(expected), got \(page.status.code) \(page.location ?? "")"
    }

    /// A new ticket in a state where `action` is allowed (made through the store by the people whose work it is),
    /// and the form fields the action needs.
    static func prepare(_ action: TicketAction, _ database: GovDeskDatabase) throws -> (String, [(String, String)]) {
        let now = ServiceFixture.now
        let rules = makeRules()
        let intake = Ticket.Intake(
            channel: .phone, type: .complaint, topic: "城市管理/市容环境/占道经营", callerName: "张三",
            callerPhone: "13812341234", description: "占道经营")
        let number = try database.createTicket(intake, actor: "op1", at: now, localTime: makeLocalTime()).number
        func step(_ command: TicketCommand, _ actor: String) throws {
            try database.apply(command, to: number, actor: actor, at: now, rules: rules)
        }
        let states: [TicketAction: Int] = [
            .resolve: 0, .merge: 0, .dispatch: 0, .sign: 1, .urge: 1, .returnTicket: 2, .extend: 2, .reply: 2,
            .approveExtension: 3, .denyExtension: 3, .approve: 4, .reject: 4, .revisit: 5, .reopen: 5,
        ]
        let depth = states[action] ?? 0
        if depth >= 1 { try step(.dispatch(lead: "CGJ", co: []), "pd1") }
        if depth >= 2 { try step(.sign, "cgj1") }
        if depth == 3 { try step(.extend(days: 3, reason: "需协调"), "cgj1") }
        if depth >= 4 { try step(.reply(text: "已处理", outcome: .resolved), "cgj1") }
        if depth >= 5 { try step(.approve, "sh1") }
        let fields: [(String, String)]
        switch action {
        case .resolve: fields = [("text", "已当场解答")]
        case .dispatch: fields = [("lead", "CGJ")]
        case .returnTicket, .reject, .reopen: fields = [("reason", "理由")]
        case .extend: fields = [("days", "3"), ("reason", "需协调")]
        case .reply: fields = [("text", "已处理"), ("outcome", "resolved")]
        case .revisit: fields = [("satisfaction", "5"), ("resolved", "yes")]
        case .merge:
            let target = try database.createTicket(intake, actor: "op1", at: now, localTime: makeLocalTime()).number
            fields = [("into", target)]
        case .urge: fields = [("note", "请加快办理")]
        default: fields = []
        }
        return (number, fields)
    }
}

extension ServiceFixture {
    /// Runs `body` with a browser of its own (its own cookies) and returns what it returns.
    func withBrowserResult<T: Sendable>(_ body: @escaping @Sendable (Browser) async throws -> T) async throws -> T {
        let box = ResultBox<T>()
        try await withBrowser { browser in box.value = try await body(browser) }
        return box.value!
    }
}

final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
