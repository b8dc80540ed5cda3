import Foundation
import GovDeskCore
import GovDeskService
import GovDeskStore
import GovDeskTestSupport
import Hummingbird
import Testing

/// The liaison's queue and the ticket page with its forms (DESIGN §12), in-process.
struct TicketRouteTests {
    @Test func theQueueShowsTheLiaisonsDepartmentsTicketsToSignWithDeadlines() async throws {
        let fixture = try ServiceFixture()
        let (mine, theirs) = (fixture.cgjTicket, fixture.zjjTicket)
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let queue = try await browser.get("/queue")
            #expect(queue.status == .ok)
            #expect(queue.body.contains("待签收（1）") && queue.body.contains("办理中（0）"))
            #expect(queue.body.contains("/tickets/\(mine)"))
            #expect(!queue.body.contains(theirs))
            let signBy = try fixture.database.ticket(mine).signDeadline!
            #expect(queue.body.contains(makeLocalTime().formatDeadline(signBy)))
            // Time left in the page's language (hostile review: `36d 6h` in a Chinese page).
            #expect(queue.body.contains("还剩 ") && queue.body.contains("小时"), "\(queue.body)")
            #expect(queue.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        }
    }

    @Test func aLiaisonSignsHisDepartmentsTicketThroughTheForm() async throws {
        let fixture = try ServiceFixture()
        let number = fixture.cgjTicket
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let page = try await browser.get("/tickets/\(number)")
            #expect(page.status == .ok && page.body.contains("待签收"))
            let token = try #require(page.csrf(action: "/tickets/\(number)/sign"))
            let signed = try await browser.post("/tickets/\(number)/sign", [("_csrf", token)])
            #expect(signed.status == .seeOther)
            #expect(signed.location == "/tickets/\(number)?done=sign")
            let after = try await browser.get(signed.location!)
            #expect(after.body.contains("已完成：签收。") && after.body.contains("办理中"))
            let queue = try await browser.get("/queue")
            #expect(queue.body.contains("办理中（1）"))
        }
        let ticket = try fixture.database.ticket(number)
        #expect(ticket.state == .handling)
        let event = try #require(try fixture.database.events(of: number).last)
        #expect(event.action == .sign && event.actor == "cgj1" && event.at == ServiceFixture.now)
    }

    @Test func anotherDepartmentsTicketIsRefusedWithTheStoresMessage() async throws {
        let fixture = try ServiceFixture()
        let number = fixture.zjjTicket
        // The store's own refusal, as the command line gets it (a refusal writes nothing).
        let expected: String
        do {
            try fixture.database.apply(.sign, to: number, actor: "cgj1", at: ServiceFixture.now, rules: makeRules())
            expected = ""
        } catch let error as GovDeskError {
            expected = error.message(.zh)  // the page speaks the session's language, Chinese by default
        }
        #expect(!expected.isEmpty)
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let page = try await browser.get("/tickets/\(number)")
            let token = try #require(page.csrf(action: "/tickets/\(number)/sign"))
            let refused = try await browser.post("/tickets/\(number)/sign", [("_csrf", token)])
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains(htmlEscaped(expected)), "\(refused.body)")
        }
        #expect(try fixture.database.ticket(number).state == .dispatched)
    }

    @Test func anActionTheStateDoesNotAllowShowsTheStoresMessage() async throws {
        let fixture = try ServiceFixture()
        let number = fixture.cgjTicket
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let page = try await browser.get("/tickets/\(number)")
            let token = try #require(page.csrf(action: "/tickets/\(number)/sign"))
            _ = try await browser.post("/tickets/\(number)/sign", [("_csrf", token)])
            let again = try await browser.post("/tickets/\(number)/sign", [("_csrf", token)])
            #expect(again.status == .conflict)
            #expect(again.body.contains("办理中") && again.body.contains("不能签收"), "\(again.body)")
        }
    }

    @Test func aLiaisonRepliesThroughTheForm() async throws {
        let fixture = try ServiceFixture()
        let number = fixture.cgjTicket
        try fixture.database.apply(
            .sign, to: number, actor: "cgj1", at: makeInstant("2025-06-16T09:45+08:00"), rules: makeRules())
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let page = try await browser.get("/tickets/\(number)")
            let token = try #require(page.csrf(action: "/tickets/\(number)/reply"))
            let replied = try await browser.post(
                "/tickets/\(number)/reply", [("_csrf", token), ("text", "已安排巡查，占道已清理。"), ("outcome", "resolved")])
            #expect(replied.status == .seeOther)
        }
        let ticket = try fixture.database.ticket(number)
        #expect(ticket.state == .replied && ticket.replyText == "已安排巡查，占道已清理。" && ticket.replyOutcome == .resolved)
    }

    /// Hostile review: a reply form without an outcome, or with one that is not an outcome, was stored as 已解决
    /// (resolved), which the report counts. Now it is refused (400) with the choices, and nothing is written.
    @Test func aReplyWithoutAValidOutcomeIsRefusedAndWritesNothing() async throws {
        let fixture = try ServiceFixture()
        let number = fixture.cgjTicket
        try fixture.database.apply(
            .sign, to: number, actor: "cgj1", at: makeInstant("2025-06-16T09:45+08:00"), rules: makeRules())
        let before = try fixture.database.events(of: number).count
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let page = try await browser.get("/tickets/\(number)")
            let token = try #require(page.csrf(action: "/tickets/\(number)/reply"))
            for outcome in [nil, "", "approved", "RESOLVED"] {
                var fields = [("_csrf", token), ("text", "已处理")]
                if let outcome { fields.append(("outcome", outcome)) }
                let refused = try await browser.post("/tickets/\(number)/reply", fields)
                #expect(refused.status == .badRequest, "\(outcome ?? "no outcome")")
                #expect(refused.body.contains("请选择办理结果"), "\(refused.body)")
            }
        }
        #expect(try fixture.database.ticket(number).state == .handling)
        #expect(try fixture.database.events(of: number).count == before)
    }

    @Test func aFormWithoutTheSessionsTokenOrWithAnothersIsRefused() async throws {
        let fixture = try ServiceFixture()
        let number = fixture.cgjTicket
        // Another session's token: zjj1's, logged in elsewhere.
        let other = try fixture.database.logIn(staff: "zjj1", at: ServiceFixture.now) { $0 == ServiceFixture.hash }
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let missing = try await browser.post("/tickets/\(number)/sign", [])
            #expect(missing.status == .forbidden)
            let foreign = try await browser.post("/tickets/\(number)/sign", [("_csrf", other.csrfToken)])
            #expect(foreign.status == .forbidden)
            #expect(foreign.body.contains("未执行任何操作"))
        }
        #expect(try fixture.database.ticket(number).state == .dispatched)
        #expect(try fixture.database.events(of: number).count == 2)
    }

    @Test func typedTextIsEscapedOnTheTicketPage() async throws {
        let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"
        let fixture = try ServiceFixture(description: hostile)
        let number = fixture.cgjTicket
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let page = try await browser.get("/tickets/\(number)")
            #expect(page.status == .ok)
            #expect(!page.body.contains("<script"))
            #expect(!page.body.contains("<img"))
            // The creation event carries the caller's name and phone: the timeline does not show them.
            #expect(!page.body.contains("13812341234") && !page.body.contains("张三"))
            #expect(
                page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        }
    }

    @Test func anUnknownTicketIsNotFound() async throws {
        try await ServiceFixture().withBrowser { browser in
            try await browser.logIn("cgj1")
            #expect(try await browser.get("/tickets/20990101-000001").status == .notFound)
            let found = try await browser.get("/tickets?number=20250616-000001")
            #expect(found.status == .seeOther && found.location == "/tickets/20250616-000001")
            // A browser's form writes the spaces around a pasted number as `+`.
            let spaced = try await browser.get("/tickets?number=+20250616-000001+")
            #expect(spaced.status == .seeOther && spaced.location == "/tickets/20250616-000001")
        }
    }

    /// Window staff have no ticket queue: theirs is the cases of their windows.
    @Test func windowStaffAreSentToTheirCases() async throws {
        try await ServiceFixture().withBrowser { browser in
            try await browser.logIn("ck1")
            let queue = try await browser.get("/queue")
            #expect(queue.status == .ok && queue.body.contains("href=\"/cases\"") && !queue.body.contains("后续版本"))
        }
    }

    @Test func theStylesheetIsServed() async throws {
        try await ServiceFixture().withBrowser { browser in
            let css = try await browser.get("/assets/govdesk.css")
            #expect(css.status == .ok && css.body.contains("--red: #c8102e"))
        }
    }
}
