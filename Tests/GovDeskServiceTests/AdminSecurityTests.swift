import Foundation
import GovDeskCore
import GovDeskService
import GovDeskStore
import GovDeskTestSupport
import Hummingbird
import Testing

/// What a hostile review of log-in found (issue 14): five wrong passwords lock any code, the administrator's too, so
/// one client could lock everyone in turn; nobody could see a lock or end it; API clients had no page.
struct AdminSecurityTests {
    /// One address may fail 20 log-ins in 15 minutes: four codes locked, and then its attempts lock nothing more —
    /// not even the administrator's code — and are refused before any code is looked at.
    @Test func oneAddressCannotLockEveryCodeInTurn() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            for code in ["cgj1", "zjj1", "op1", "pd1"] {
                for _ in 1...5 { _ = try await browser.logIn(code, password: "a wrong guess") }
            }
            let next = try await browser.logIn("admin", password: "a wrong guess")
            #expect(next.status == .tooManyRequests)
            #expect(next.body.contains("从本机登录失败次数过多"))
            // The right password from the same address waits too (it may be the same attacker who guessed it).
            #expect(try await browser.logIn("sh1").status == .tooManyRequests)
            #expect(browser.cookies["govdesk_session"] == nil)
        }
        let now = fixture.configuration.clock()
        #expect(try fixture.database.loginLocks(at: now).map(\.staff).sorted() == ["cgj1", "op1", "pd1", "zjj1"])
        #expect(try fixture.database.auditEntries().filter { $0.action == "login-failed" }.count == 20)
    }

    /// The administrator's password form is not a way to change one's own password without the current one: a
    /// session left open must not become the account for good (hostile review: it said 403 and changed it).
    @Test func onlyAnAdministratorSetsAPasswordThroughTheStaffPage() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let queue = try await browser.get("/queue")
            let refused = try await browser.post(
                "/admin/staff/cgj1/password",
                [
                    ("_csrf", queue.csrf(action: "/logout") ?? ""), ("password", "taken over 12345"),
                    ("again", "taken over 12345"),
                ])
            #expect(refused.status == .forbidden)
            #expect(try await browser.logIn("cgj1").status == .seeOther, "the old password still opens")
        }
        #expect(
            try fixture.database.auditEntries().filter { $0.action == "password-set" && $0.actor == "cgj1" }.isEmpty)
    }

    @Test func theAdministratorSeesWhoIsLockedOutAndLetsThemIn() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            for _ in 1...5 { _ = try await browser.logIn("cgj1", password: "a wrong guess") }
            // A supervisor may not end a lock.
            try await browser.logIn("db1")
            let queue = try await browser.get("/queue")
            let refused = try await browser.post(
                "/admin/staff/cgj1/unlock", [("_csrf", queue.csrf(action: "/logout") ?? "")])
            #expect(refused.status == .forbidden)
            #expect(try fixture.database.loginLocks(at: fixture.configuration.clock()).count == 1)

            try await browser.logIn("admin")
            let page = try await browser.get("/admin/staff")
            #expect(page.body.contains("登录已锁定") && page.body.contains("2025-06-16 10:15"))
            let token = try #require(page.csrf(action: "/admin/staff/cgj1/unlock"))
            // Without the session's token nothing happens.
            #expect(try await browser.post("/admin/staff/cgj1/unlock", []).status == .forbidden)
            #expect(try fixture.database.loginLocks(at: fixture.configuration.clock()).count == 1)
            let done = try await browser.post("/admin/staff/cgj1/unlock", [("_csrf", token)])
            #expect(done.status == .ok && done.body.contains("已解除"))
            #expect(!done.body.contains("登录已锁定"))
            #expect(try await browser.logIn("cgj1").status == .seeOther)
        }
        let entry = try #require(try fixture.database.auditEntries().last { $0.action == "login-unlocked" })
        #expect(entry.actor == "admin" && entry.details["staff"] == "cgj1")
    }

    /// A client is added on the page, its key shown once (not cached) and never again; revoked, its key is refused.
    @Test func anAdministratorAddsAndRevokesAnAPIClient() async throws {
        let fixture = try ServiceFixture()
        let key = try await fixture.withBrowserResult { browser -> String in
            try await browser.logIn("admin")
            let page = try await browser.get("/admin/api-clients")
            #expect(page.status == .ok)
            let token = try #require(page.csrf(action: "/admin/api-clients"))
            let added = try await browser.post(
                "/admin/api-clients", [("_csrf", token), ("name", "fixmystreet"), ("channel", "app")])
            #expect(added.status == .ok)
            #expect(added.headers[.cacheControl] == "no-store")
            let shown = try #require(added.body.range(of: "<code class=\"key\">"))
            let key = String(added.body[shown.upperBound...].prefix { $0 != "<" })
            #expect(try fixture.database.authenticateAPIKey(key).name == "fixmystreet")
            // Never again.
            let later = try await browser.get("/admin/api-clients")
            #expect(later.body.contains("fixmystreet") && !later.body.contains(key))
            // A name the store refuses comes back with its message, typed as it was, escaped.
            let hostile = "<script>alert(1)</script>"
            let refused = try await browser.post(
                "/admin/api-clients", [("_csrf", token), ("name", hostile), ("channel", "app")])
            #expect(refused.status == .badRequest || refused.status == .ok)
            #expect(!refused.body.contains(hostile))
            let revoked = try await browser.post(
                "/admin/api-clients/revoke", [("_csrf", token), ("name", "fixmystreet")])
            #expect(revoked.status == .ok && revoked.body.contains("已吊销"))
            return key
        }
        #expect(throws: APIClientError.self) { try fixture.database.authenticateAPIKey(key) }
        let audit = try fixture.database.auditEntries().filter { $0.details["client"] == "fixmystreet" }
        #expect(audit.count == 2, "\(audit.map(\.action))")
    }

    @Test func onlyTheAdministratorManagesAPIClients() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            try await browser.logIn("db1")
            let queue = try await browser.get("/queue")
            #expect(!queue.body.contains("/admin/api-clients"), "no link for a supervisor")
            #expect(try await browser.get("/admin/api-clients").status == .forbidden)
            let token = queue.csrf(action: "/logout") ?? ""
            let added = try await browser.post(
                "/admin/api-clients", [("_csrf", token), ("name", "mine"), ("channel", "app")])
            #expect(added.status == .forbidden)
        }
        #expect(try fixture.database.apiClients(actor: "admin").isEmpty)
    }

    /// The queue is given again from memory only while nothing was written and the minute has not turned; a sign
    /// moves the ticket at once, and a new minute recounts the clocks.
    @Test func theQueueIsRenderedAgainAfterAWriteOrANewMinute() async throws {
        let fixture = try ServiceFixture()
        let clock = MovableClock(ServiceFixture.now)
        var configuration = fixture.configuration
        configuration.clock = { clock.now }
        let router = try buildRouter(database: fixture.database, configuration: configuration)
        try await Application(router: router).test(.router) { client in
            let browser = Browser(client: client)
            try await browser.logIn("cgj1")
            let before = try await browser.get("/queue")
            #expect(before.body.contains("待签收（1）"), "\(before.body)")
            #expect(try await browser.get("/queue").body == before.body)
            try fixture.database.apply(
                .sign, to: fixture.cgjTicket, actor: "cgj1", at: ServiceFixture.now, rules: makeRules())
            let signed = try await browser.get("/queue")
            #expect(signed.body.contains("待签收（0）") && signed.body.contains("办理中（1）"), "\(signed.body)")
            clock.now = ServiceFixture.now.addingTimeInterval(3 * 3600)
            let later = try await browser.get("/queue")
            #expect(later.body != signed.body, "the countdowns are three hours on")
            // Another person's page is their own.
            try await browser.logIn("zjj1")
            let other = try await browser.get("/queue")
            #expect(other.body.contains("住建承办人") && !other.body.contains("城管承办人"))
        }
    }
}

/// A clock the test moves.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    init(_ instant: Date) { self.instant = instant }

    var now: Date {
        get { lock.withLock { instant } }
        set { lock.withLock { instant = newValue } }
    }
}
