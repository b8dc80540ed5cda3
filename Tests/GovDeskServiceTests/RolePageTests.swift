import Foundation
import GovDeskCore
import GovDeskService
import GovDeskStore
import GovDeskTestSupport
import Hummingbird
import Testing

/// The pages of each role (DESIGN §12) in-process: a call logged at intake goes through dispatch, signing, a reply, a
/// rejection, a second reply and the approval by forms only, and the citizen then finds it on `/track`.
struct RolePageTests {
    @Test func aCallGoesFromIntakeToApprovalThroughThePagesAndTheCitizenFindsIt() async throws {
        let fixture = try ServiceFixture()
        let before = try fixture.database.count(matching: TicketFilter())
        let numberBox = Box()
        try await fixture.withBrowser { browser in
            // The operator logs the call.
            try await browser.logIn("op1")
            let form = try await browser.get("/intake")
            #expect(form.status == .ok)
            #expect(form.body.contains("城市管理/市容环境/占道经营（通常 潞州区城市管理局）"), "\(form.body)")
            let created = try await browser.post(
                "/intake",
                [
                    ("_csrf", form.csrf(action: "/intake") ?? ""), ("type", "complaint"), ("channel", "phone"),
                    ("topic", "城市管理/市容环境/占道经营"), ("caller", "王五"), ("phone", "139 0000 5678"),
                    ("street", "城关街道"), ("address", "英雄南路 8 号"), ("text", "早市摊贩占用人行道"),
                ])
            #expect(created.status == .seeOther, "\(created.body)")
            let location = try #require(created.location)
            #expect(location.hasSuffix("?done=create"))
            let number = String(location.dropFirst("/tickets/".count).prefix { $0 != "?" })
            numberBox.value = number
            let page = try await browser.get(location)
            #expect(page.body.contains("已完成：受理。") && page.body.contains("已受理"))
            // An operator may answer at intake, not dispatch.
            #expect(page.body.contains("action=\"/tickets/\(number)/resolve\""))
            #expect(!page.body.contains("action=\"/tickets/\(number)/dispatch\""))

            // The dispatcher sees it waiting, with the hint chosen in the form.
            try await browser.logIn("pd1")
            let queue = try await browser.get("/queue")
            #expect(queue.body.contains("待派单（1）") && queue.body.contains("/tickets/\(number)"), "\(queue.body)")
            let ticketPage = try await browser.get("/tickets/\(number)")
            #expect(ticketPage.body.contains("<option value=\"CGJ\" selected>"), "\(ticketPage.body)")
            #expect(ticketPage.body.contains("派单提示：此类诉求通常由 潞州区城市管理局（CGJ） 主办"))
            let dispatched = try await browser.post(
                "/tickets/\(number)/dispatch",
                [("_csrf", ticketPage.csrf() ?? ""), ("lead", "CGJ"), ("co", "ZJJ"), ("co", "CGJ")])
            #expect(dispatched.status == .seeOther, "\(dispatched.body)")

            // The liaison signs and replies.
            try await browser.logIn("cgj1")
            var csrf = try await browser.get("/tickets/\(number)").csrf() ?? ""
            #expect(try await browser.post("/tickets/\(number)/sign", [("_csrf", csrf)]).status == .seeOther)
            let handling = try await browser.get("/tickets/\(number)")
            #expect(handling.body.contains("action=\"/tickets/\(number)/extend\""))
            #expect(handling.body.contains("action=\"/tickets/\(number)/return\""))
            csrf = handling.csrf() ?? ""
            let replied = try await browser.post(
                "/tickets/\(number)/reply", [("_csrf", csrf), ("text", "已清理占道摊点"), ("outcome", "resolved")])
            #expect(replied.status == .seeOther)

            // The reviewer rejects, the liaison replies again, the reviewer approves.
            try await browser.logIn("sh1")
            let review = try await browser.get("/queue")
            #expect(review.body.contains("待审核（1）") && review.body.contains("/tickets/\(number)"))
            let toReview = try await browser.get("/tickets/\(number)")
            #expect(toReview.body.contains("action=\"/tickets/\(number)/approve\""))
            #expect(!toReview.body.contains("action=\"/tickets/\(number)/sign\""))
            let rejected = try await browser.post(
                "/tickets/\(number)/reject", [("_csrf", toReview.csrf() ?? ""), ("reason", "未附整改照片")])
            #expect(rejected.status == .seeOther)
            try await browser.logIn("cgj1")
            csrf = try await browser.get("/tickets/\(number)").csrf() ?? ""
            _ = try await browser.post(
                "/tickets/\(number)/reply",
                [("_csrf", csrf), ("text", "已清理占道摊点并设置隔离栏，已电话告知王五（13900005678）"), ("outcome", "resolved")])
            try await browser.logIn("sh1")
            csrf = try await browser.get("/tickets/\(number)").csrf() ?? ""
            #expect(try await browser.post("/tickets/\(number)/approve", [("_csrf", csrf)]).status == .seeOther)

            // The citizen looks it up with the last four digits of the phone, without logging in.
            _ = try await browser.post("/logout", [("_csrf", try await browser.get("/queue").csrf() ?? "")])
            let tracked = try await browser.post("/track", [("number", number), ("phone", "5678")])
            #expect(tracked.status == .ok)
            #expect(tracked.body.contains("已办结") && tracked.body.contains("潞州区城市管理局"))
            #expect(tracked.body.contains("已清理占道摊点并设置隔离栏，已电话告知王*（139****5678）"), "\(tracked.body)")
            for personal in ["王五", "13900005678", "139 0000 5678", "英雄南路", "早市摊贩占用人行道"] {
                #expect(!tracked.body.contains(personal), "\(personal) on /track")
            }
        }
        let number = try #require(numberBox.value)
        let ticket = try fixture.database.ticket(number)
        #expect(ticket.state == .closed && ticket.coDepartments == ["ZJJ"])
        #expect(try fixture.database.count(matching: TicketFilter()) == before + 1)
        let actors = try fixture.database.events(of: number).map { "\($0.action.rawValue):\($0.actor)" }
        #expect(
            actors == [
                "create:op1", "dispatch:pd1", "sign:cgj1", "reply:cgj1", "reject:sh1", "reply:cgj1", "approve:sh1",
            ])
    }

    @Test func anIntakeOutsideTheTopicTreeIsRefusedAndNothingIsWritten() async throws {
        let fixture = try ServiceFixture()
        let before = try fixture.database.count(matching: TicketFilter())
        try await fixture.withBrowser { browser in
            try await browser.logIn("op1")
            let csrf = try await browser.get("/intake").csrf(action: "/intake") ?? ""
            let refused = try await browser.post(
                "/intake",
                [
                    ("_csrf", csrf), ("type", "complaint"), ("channel", "phone"), ("topic", "随便写/一个/分类"),
                    ("caller", "王五"), ("phone", "13900005678"), ("text", "<script>alert(1)</script>"),
                ])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("不在分类目录中"))
            // What was typed comes back in the form, escaped.
            #expect(
                refused.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !refused.body.contains("<script>"))
            let noType = try await browser.post("/intake", [("_csrf", csrf), ("channel", "phone")])
            #expect(noType.status == .badRequest && noType.body.contains("请选择诉求类型"))
            // A liaison may not log calls: the page says so, and a post is refused by the store.
            try await browser.logIn("cgj1")
            #expect(try await browser.get("/intake").status == .forbidden)
            let liaisonCSRF = try await browser.get("/queue").csrf() ?? ""
            let posted = try await browser.post(
                "/intake",
                [
                    ("_csrf", liaisonCSRF), ("type", "complaint"), ("channel", "phone"),
                    ("topic", "城市管理/市容环境/占道经营"), ("caller", "王五"), ("phone", "13900005678"), ("text", "占道"),
                ])
            #expect(posted.status == .forbidden)
        }
        #expect(try fixture.database.count(matching: TicketFilter()) == before)
    }

    @Test func theSupervisorSeesTheOverdueBoardAndDecidesAnExtension() async throws {
        let fixture = try ServiceFixture()
        let rules = makeRules()
        // cgj's complaint: signed, then an extension asked (due in 10 working days); a consultation for zjj, signed the
        // same morning, is due in 3 and is overdue a week later.
        try fixture.database.apply(.sign, to: fixture.cgjTicket, actor: "cgj1", at: ServiceFixture.now, rules: rules)
        try fixture.database.apply(
            .extend(days: 5, reason: "需协调供电部门迁移线杆"), to: fixture.cgjTicket, actor: "cgj1", at: ServiceFixture.now,
            rules: rules)
        let consult = try fixture.database.createTicket(
            Ticket.Intake(
                channel: .phone, type: .consult, topic: "住房城建/物业管理/物业服务", callerName: "李四",
                callerPhone: "13900001111", description: "物业费标准咨询"),
            actor: "op1", at: ServiceFixture.now, localTime: makeLocalTime()
        ).number
        try fixture.database.apply(
            .dispatch(lead: "ZJJ", co: []), to: consult, actor: "pd1", at: ServiceFixture.now, rules: rules)
        try fixture.database.apply(.sign, to: consult, actor: "zjj1", at: ServiceFixture.now, rules: rules)
        let late = makeInstant("2025-06-24T10:00+08:00")
        var configuration = fixture.configuration
        configuration.clock = { late }
        let router = try buildRouter(database: fixture.database, configuration: configuration)
        try await Application(router: router).test(.router) { client in
            let browser = Browser(client: client)
            try await browser.logIn("db1")
            let queue = try await browser.get("/queue")
            #expect(queue.body.contains("超期工单（1）"), "\(queue.body)")
            #expect(queue.body.contains("潞州区住房和城乡建设局（ZJJ） <strong>1</strong>"))
            #expect(queue.body.contains("延期申请（待审批）（1）") && queue.body.contains("需协调供电部门迁移线杆"))
            #expect(queue.body.contains("href=\"/reports/2025-05\""))
            let page = try await browser.get("/tickets/\(fixture.cgjTicket)")
            #expect(page.body.contains("action=\"/tickets/\(fixture.cgjTicket)/approve-extension\""))
            let approved = try await browser.post(
                "/tickets/\(fixture.cgjTicket)/approve-extension", [("_csrf", page.csrf() ?? "")])
            #expect(approved.status == .seeOther, "\(approved.body)")
        }
        #expect(try fixture.database.ticket(fixture.cgjTicket).pendingExtension == nil)
        #expect(try fixture.database.events(of: fixture.cgjTicket).last?.actor == "db1")
    }

    @Test func aDoneNoticeIsShownOnlyToWhoeverJustDidIt() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            // Nobody signed: a crafted link announces nothing.
            let crafted = try await browser.get("/tickets/\(fixture.cgjTicket)?done=sign")
            #expect(!crafted.body.contains("已完成"))
            let csrf = crafted.csrf() ?? ""
            _ = try await browser.post("/tickets/\(fixture.cgjTicket)/sign", [("_csrf", csrf)])
            #expect(try await browser.get("/tickets/\(fixture.cgjTicket)?done=sign").body.contains("已完成：签收。"))
            try await browser.logIn("db1")
            #expect(!(try await browser.get("/tickets/\(fixture.cgjTicket)?done=sign").body.contains("已完成")))
        }
    }

    @Test func trackingIsThrottledAndSaysTheSameForAWrongNumberAndWrongDigits() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            let unknown = try await browser.post("/track", [("number", "20990101-000001"), ("phone", "1234")])
            let wrongDigits = try await browser.post("/track", [("number", fixture.cgjTicket), ("phone", "0000")])
            #expect(unknown.status == .notFound && wrongDigits.status == .notFound)
            let message = "未找到：请核对工单编号和来电号码后四位，或查询码。"
            #expect(unknown.body.contains(message) && wrongDigits.body.contains(message))
            let right = try await browser.post("/track", [("number", fixture.cgjTicket), ("phone", "1234")])
            #expect(right.status == .ok && right.body.contains("待签收"))
            #expect(!right.body.contains("张三") && !right.body.contains("13812341234") && !right.body.contains("人民路"))
            // Ten failures for one ticket: then even the right digits wait.
            for _ in 0..<9 { _ = try await browser.post("/track", [("number", fixture.cgjTicket), ("phone", "0001")]) }
            let throttled = try await browser.post("/track", [("number", fixture.cgjTicket), ("phone", "1234")])
            #expect(throttled.status == .tooManyRequests && throttled.body.contains("一小时后再试"))
        }
    }
}

/// A value carried out of a `@Sendable` closure.
final class Box: @unchecked Sendable {
    var value: String?
}

/// `/metrics` in the Prometheus text format: requests by route pattern, latencies, open and overdue tickets.
struct MetricsRouteTests {
    @Test func metricsCountRequestsByRouteAndTheTicketsOpenAndOverdue() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            _ = try await browser.get("/tickets/\(fixture.cgjTicket)")
            _ = try await browser.get("/no/such/page")
            let metrics = try await browser.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = metrics.body
            #expect(
                text.contains(#"govdesk_http_requests_total{route="/tickets/{number}",method="GET",status="200"} 1"#),
                "\(text)")
            #expect(text.contains(#"govdesk_http_requests_total{route="/login",method="POST",status="303"} 1"#))
            #expect(!text.contains(fixture.cgjTicket), "a ticket number is not a label")
            #expect(text.contains("govdesk_http_request_duration_seconds_bucket{"))
            #expect(text.contains("govdesk_open_tickets 2"))
            #expect(text.contains("govdesk_overdue_tickets 0"))
        }
    }
}

/// The administrator's staff page: a password set through the form is the store's `setPassword` (audited, sessions
/// ended); mismatched or too short passwords and other roles are refused with nothing changed.
struct AdminPageTests {
    @Test func anAdministratorSetsAPasswordAndThePersonsSessionsEnd() async throws {
        let fixture = try ServiceFixture()
        let newPassword = "新的密码-2025-城管"
        try await fixture.withBrowser { browser in
            // The liaison in a browser of their own.
            let liaison = Browser(client: browser.client)
            try await liaison.logIn("cgj1")
            #expect(try await liaison.get("/queue").status == .ok)
            try await browser.logIn("admin")
            let page = try await browser.get("/admin/staff")
            #expect(page.status == .ok && page.body.contains("城管承办人") && page.body.contains("已设置"))
            let csrf = page.csrf(action: "/admin/staff/cgj1/password") ?? ""
            let differ = try await browser.post(
                "/admin/staff/cgj1/password", [("_csrf", csrf), ("password", newPassword), ("again", "别的")])
            #expect(differ.status == .badRequest && differ.body.contains("两次输入的密码不一致"))
            let short = try await browser.post(
                "/admin/staff/cgj1/password", [("_csrf", csrf), ("password", "短"), ("again", "短")])
            #expect(short.status == .badRequest, "\(short.status)")
            let set = try await browser.post(
                "/admin/staff/cgj1/password", [("_csrf", csrf), ("password", newPassword), ("again", newPassword)])
            #expect(set.status == .ok && set.body.contains("已设置 cgj1 的密码"), "\(set.body)")
            // The liaison's browser is logged out, and the new password works.
            let after = try await liaison.get("/queue")
            #expect(after.status == .seeOther && after.location?.hasPrefix("/login") == true)
            #expect(try await liaison.logIn("cgj1", password: newPassword).status == .seeOther)
            #expect(try await liaison.get("/admin/staff").status == .forbidden)
        }
        let audit = try fixture.database.auditEntries().filter { $0.action == "password-set" }.last
        #expect(audit?.actor == "admin" && audit?.details["staff"] == "cgj1")
    }
}

/// The caller's name and phone on the ticket page (DESIGN §11.1): only through a posted button, only for those the
/// permission table allows (the ticket's liaisons, dispatchers, supervisors, the operator who took the call), and each
/// look is in the audit log.
struct CallerDataPageTests {
    @Test func theLiaisonSeesTheCallerAfterAskingAndTheLookIsAudited() async throws {
        let fixture = try ServiceFixture()
        let number = fixture.cgjTicket
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let page = try await browser.get("/tickets/\(number)")
            #expect(!page.body.contains("张三") && !page.body.contains("13812341234"))
            #expect(page.body.contains("action=\"/tickets/\(number)/caller\""))
            let shown = try await browser.post("/tickets/\(number)/caller", [("_csrf", page.csrf() ?? "")])
            #expect(shown.status == .ok && shown.body.contains("张三") && shown.body.contains("13812341234"))
            // Without the session's token nothing is shown and nothing audited.
            let forged = try await browser.post("/tickets/\(number)/caller", [("_csrf", "x")])
            #expect(forged.status == .forbidden && !forged.body.contains("13812341234"))
            // A reviewer has no button, and a post is refused by the store's check.
            try await browser.logIn("sh1")
            let reviewer = try await browser.get("/tickets/\(number)")
            #expect(!reviewer.body.contains("action=\"/tickets/\(number)/caller\""))
            let refused = try await browser.post("/tickets/\(number)/caller", [("_csrf", reviewer.csrf() ?? "")])
            #expect(refused.status == .forbidden && !refused.body.contains("13812341234"))
        }
        let looks = try fixture.database.auditEntries().filter { $0.action == "view-pii" }
        #expect(looks.map(\.actor) == ["cgj1"] && looks.first?.details["ticket"] == number)
    }
}

/// `/search`: by a node of the topic tree and what is under it, by department and state; by phone only for those who
/// may see callers' data, posted and audited with the number masked.
struct SearchPageTests {
    @Test func ticketsAreFoundByTopicNodeDepartmentAndByPhoneForADispatcher() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let byTopic = try await browser.get("/search?topic=%E5%9F%8E%E5%B8%82%E7%AE%A1%E7%90%86")  // 城市管理
            #expect(byTopic.status == .ok && byTopic.body.contains("查询结果（2）"), "\(byTopic.body)")
            let none = try await browser.get("/search?topic=%E4%BD%8F%E6%88%BF%E5%9F%8E%E5%BB%BA")  // 住房城建
            #expect(none.body.contains("查询结果（0）") && none.body.contains("没有符合条件的工单"))
            let byDepartment = try await browser.get("/search?department=ZJJ&state=dispatched")
            #expect(byDepartment.body.contains("查询结果（1）") && byDepartment.body.contains(fixture.zjjTicket))
            #expect(!byDepartment.body.contains(fixture.cgjTicket))
            // A liaison has no phone search, and a post of one is refused by the store.
            #expect(!byTopic.body.contains("action=\"/search/phone\""))
            let refused = try await browser.post(
                "/search/phone", [("_csrf", byTopic.csrf() ?? ""), ("phone", "13812341234")])
            #expect(refused.status == .forbidden)
            try await browser.logIn("pd1")
            let page = try await browser.get("/search")
            #expect(page.body.contains("action=\"/search/phone\""))
            let found = try await browser.post(
                "/search/phone", [("_csrf", page.csrf(action: "/search/phone") ?? ""), ("phone", "138-1234-1234")])
            #expect(found.status == .ok && found.body.contains("来电号码 138****1234 的工单（2）"), "\(found.body)")
            #expect(!found.body.contains("13812341234"))
        }
        let searches = try fixture.database.auditEntries().filter { $0.action == "search-pii" }
        #expect(searches.map(\.actor) == ["pd1"] && searches.first?.details["phone"] == "138****1234")
    }
}

/// `/track` with the tracking code an Open311 client was given, instead of a number and four digits.
struct TrackingCodeTests {
    @Test func theCodeAnOpen311ClientWasGivenFindsTheTicketOnTrack() async throws {
        let fixture = try Open311Fixture()
        let created = try await Open311RouteTests.post(fixture, format: "json", fixture.report())
        let notice = try #require(try jsonList(created.body).first?["service_notice"] as? String)
        let code = String(try #require(notice.firstMatch(of: #/查询码 ([2-9A-HJKMNP-Z]{6})/#)?.1))
        let box = PageBox()
        try await fixture.withClient { client in
            box.page = try await client.post("/track", [("code", code.lowercased())])
        }
        let page = try #require(box.page)
        #expect(page.status == .ok && page.body.contains("已受理"), "\(page.body)")
        for personal in ["张建国", "13912345678", "人民路 100 号", "人民路路灯不亮"] {
            #expect(!page.body.contains(personal), "\(personal) on /track")
        }
        try await fixture.withClient { client in
            box.page = try await client.post("/track", [("code", "ZZZZZZ")])
        }
        #expect(box.page?.status == .notFound)
    }
}

/// A refused form comes back as it was filled in (hostile review: a 4,800-character reply lost to a missing outcome).
struct RefusedFormTests {
    @Test func aRefusedReplyKeepsItsTextAndAnUnknownActionIsNamed() async throws {
        let fixture = try ServiceFixture()
        try fixture.database.apply(
            .sign, to: fixture.cgjTicket, actor: "cgj1", at: ServiceFixture.now, rules: makeRules())
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let page = try await browser.get("/tickets/\(fixture.cgjTicket)")
            let text = "已联系摊主并劝离，次日复查<仍有>两处占道。"
            let refused = try await browser.post(
                "/tickets/\(fixture.cgjTicket)/reply", [("_csrf", page.csrf() ?? ""), ("text", text)])
            #expect(refused.status == .badRequest && refused.body.contains("请选择办理结果"))
            #expect(refused.body.contains("已联系摊主并劝离，次日复查&lt;仍有&gt;两处占道。</textarea>"), "\(refused.body)")
            let unknown = try await browser.post(
                "/tickets/\(fixture.cgjTicket)/nosuchaction", [("_csrf", page.csrf() ?? "")])
            #expect(unknown.status == .notFound && unknown.body.contains("工单没有 nosuchaction 这一操作"))
        }
    }

    /// A refusal names the form's field, not the command line's option (hostile review: `--days：0 不允许`).
    @Test func aRefusalNamesTheFieldNotTheOption() async throws {
        let fixture = try ServiceFixture()
        try fixture.database.apply(
            .sign, to: fixture.cgjTicket, actor: "cgj1", at: ServiceFixture.now, rules: makeRules())
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let page = try await browser.get("/tickets/\(fixture.cgjTicket)")
            let refused = try await browser.post(
                "/tickets/\(fixture.cgjTicket)/extend",
                [("_csrf", page.csrf() ?? ""), ("days", "0"), ("reason", "待查")])
            #expect(refused.status == .badRequest, "\(refused.status)")
            #expect(refused.body.contains("天数：") && !refused.body.contains("--days"), "\(refused.body)")
            let english = try await browser.post(
                "/tickets/\(fixture.cgjTicket)/extend?lang=en",
                [("_csrf", page.csrf() ?? ""), ("days", "0"), ("reason", "待查")])
            #expect(english.body.contains("Days: ") && !english.body.contains("--days"), "\(english.body)")
        }
    }
}

/// An address that is no page gets a page that says so, with the security headers.
struct NotFoundPageTests {
    @Test func anUnknownAddressIsAPageWithTheHeaders() async throws {
        try await ServiceFixture().withBrowser { browser in
            let page = try await browser.get("/no/such/page")
            #expect(page.status == .notFound && page.body.contains("没有这个页面"), "\(page.status) \(page.body)")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        }
    }
}

/// English pages use words, not stored codes (hostile review: "handling", "reply", "complaint" on English pages).
struct EnglishPageTests {
    @Test func anEnglishTicketPageSpeaksEnglishWords() async throws {
        let fixture = try ServiceFixture()
        try fixture.database.apply(
            .sign, to: fixture.cgjTicket, actor: "cgj1", at: ServiceFixture.now, rules: makeRules())
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let page = try await browser.get("/tickets/\(fixture.cgjTicket)?lang=en")
            #expect(page.body.contains(">In hand<") && page.body.contains(">Complaint<"), "\(page.body)")
            #expect(page.body.contains("<h3>Reply</h3>") && page.body.contains("<h3>Ask for an extension</h3>"))
            #expect(page.body.contains("Lead: 潞州区城市管理局（CGJ）"))
            #expect(!page.body.contains(">handling<") && !page.body.contains("<h3>reply</h3>"))
        }
    }
}
