import Foundation
import GovDeskCore
import GovDeskService
import GovDeskStore
import Hummingbird
import Testing

/// `/healthz`, `/login`, `/logout` and the session (DESIGN §12), in-process.
struct LoginRouteTests {
    @Test func healthzAnswersOk() async throws {
        try await ServiceFixture().withBrowser { browser in
            let page = try await browser.get("/healthz")
            #expect(page.status == .ok)
            #expect(page.body == "ok\n")
        }
    }

    @Test(arguments: ["/queue", "/", "/tickets/20250616-000001"])
    func anAnonymousVisitorIsSentToLogIn(_ path: String) async throws {
        try await ServiceFixture().withBrowser { browser in
            let page = try await browser.get(path)
            #expect(page.status == .seeOther)
            #expect(page.location?.hasPrefix("/login?next=") == true, "\(page.location ?? "")")
        }
    }

    @Test func anAnonymousPostIsSentToLogInAndDoesNothing() async throws {
        let fixture = try ServiceFixture()
        let number = fixture.cgjTicket
        try await fixture.withBrowser { browser in
            let page = try await browser.post("/tickets/\(number)/sign", [("_csrf", "x")])
            #expect(page.status == .seeOther)
        }
        #expect(try fixture.database.ticket(number).state == .dispatched)
    }

    @Test func theLogInPageIsChineseUnlessEnglishIsAskedAndRemembered() async throws {
        try await ServiceFixture().withBrowser { browser in
            let zh = try await browser.get("/login")
            #expect(zh.status == .ok)
            #expect(zh.body.contains("<html lang=\"zh-CN\">") && zh.body.contains("工号"))
            let en = try await browser.get("/login?lang=en")
            #expect(en.body.contains("<html lang=\"en\">") && en.body.contains("Staff code"))
            #expect(browser.cookies["govdesk_lang"] == "en")
            let again = try await browser.get("/login")
            #expect(again.body.contains("Staff code"))
        }
    }

    @Test func theRightPasswordBeginsASessionWithSafeCookies() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            let answer = try await browser.logIn("cgj1")
            #expect(answer.status == .seeOther)
            #expect(answer.location == "/queue")
            let cookie = try #require(browser.setCookies.last { $0.hasPrefix("govdesk_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"))
            let queue = try await browser.get("/queue")
            #expect(queue.status == .ok)
            #expect(queue.body.contains("城管承办人"))
        }
        #expect(try fixture.database.auditEntries().last.map { ($0.actor, $0.action) }! == ("cgj1", "login"))
    }

    @Test func underTLSTheSessionCookieIsSecure() async throws {
        var fixture = try ServiceFixture()
        fixture.secureCookies = true
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let cookie = try #require(browser.setCookies.last { $0.hasPrefix("govdesk_session=") })
            #expect(cookie.contains("Secure"))
        }
    }

    /// HEAD is answered as GET without the body (uptime monitors ask with HEAD), a missing page as missing.
    @Test func headIsAnsweredAsGetWithoutTheBody() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            let health = try await browser.send("/healthz", method: .head, body: nil)
            #expect(health.status == .ok && health.body.isEmpty)
            #expect(health.headers[.contentLength] == "3", "the length of GET's \"ok\\n\"")
            let login = try await browser.send("/login", method: .head, body: nil)
            #expect(login.status == .ok && login.body.isEmpty && login.headers[.setCookie] != nil)
            let queue = try await browser.send("/queue", method: .head, body: nil)
            #expect(queue.status == .seeOther && queue.location?.hasPrefix("/login") == true)
            let missing = try await browser.send("/no-such-page", method: .head, body: nil)
            #expect(missing.status == .notFound && missing.body.isEmpty)
        }
    }

    @Test func aWrongPasswordIsRefusedAndAudited() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            let answer = try await browser.logIn("cgj1", password: "not the password")
            #expect(answer.status == .unauthorized)
            #expect(answer.body.contains("工号或密码不正确"))
            #expect(browser.cookies["govdesk_session"] == nil)
        }
        let entry = try #require(try fixture.database.auditEntries().last)
        #expect(entry.action == "login-failed" && entry.actor == "cgj1" && entry.details["reason"] == "wrong password")
    }

    @Test func fiveFailuresLockTheCode() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            for _ in 1...4 {
                #expect(try await browser.logIn("cgj1", password: "guess guess").status == .unauthorized)
            }
            let fifth = try await browser.logIn("cgj1", password: "guess guess")
            #expect(fifth.status == .tooManyRequests)
            #expect(fifth.body.contains("已锁定至 2025-06-16 10:15"))
            // The right password does not open it now.
            let right = try await browser.logIn("cgj1")
            #expect(right.status == .tooManyRequests)
            #expect(browser.cookies["govdesk_session"] == nil)
        }
        // The five failures; the attempt against the lock writes nothing (a flood of them fills no log).
        #expect(try fixture.database.auditEntries().filter { $0.action == "login-failed" }.count == 5)
    }

    @Test func aLogInFormWithoutItsTokenIsRefused() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            _ = try await browser.get("/login")
            let missing = try await browser.post(
                "/login", [("code", "cgj1"), ("password", ServiceFixture.password)])
            #expect(missing.status == .forbidden)
            let other = try await browser.post(
                "/login",
                [
                    ("_csrf", String(repeating: "a", count: 64)), ("code", "cgj1"),
                    ("password", ServiceFixture.password),
                ])
            #expect(other.status == .forbidden)
            #expect(browser.cookies["govdesk_session"] == nil)
        }
        #expect(try fixture.database.sessionCount(of: "cgj1") == 0)
    }

    @Test func theSessionIdChangesAtLogIn() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let first = try #require(browser.cookies["govdesk_session"])
            try await browser.logIn("cgj1")
            let second = try #require(browser.cookies["govdesk_session"])
            #expect(first != second)
            // The session the browser came with has ended: its cookie no longer opens anything.
            browser.cookies["govdesk_session"] = first
            #expect(try await browser.get("/queue").status == .seeOther)
            browser.cookies["govdesk_session"] = second
            #expect(try await browser.get("/queue").status == .ok)
        }
        #expect(try fixture.database.sessionCount(of: "cgj1") == 1)
    }

    @Test func logOutNeedsTheSessionsTokenEndsTheSessionAndIsAudited() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let queue = try await browser.get("/queue")
            let refused = try await browser.post("/logout", [])
            #expect(refused.status == .forbidden)
            #expect(try await browser.get("/queue").status == .ok)
            let token = try #require(queue.csrf(action: "/logout"))
            let out = try await browser.post("/logout", [("_csrf", token)])
            #expect(out.status == .seeOther && out.location == "/login")
            #expect(browser.cookies["govdesk_session"] == nil)
        }
        #expect(try fixture.database.sessionCount(of: "cgj1") == 0)
        #expect(try fixture.database.auditEntries().last.map { ($0.actor, $0.action) }! == ("cgj1", "logout"))
    }

    @Test(arguments: ["//evil.example/", "https://evil.example/", "/\\evil.example"])
    func logInNeverSendsTheBrowserToAnotherSite(_ next: String) async throws {
        try await ServiceFixture().withBrowser { browser in
            let form = try await browser.get("/login")
            let answer = try await browser.post(
                "/login",
                [("_csrf", form.csrf() ?? ""), ("code", "cgj1"), ("password", ServiceFixture.password), ("next", next)])
            #expect(answer.location == "/queue")
        }
    }
}
