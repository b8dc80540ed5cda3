import Foundation
import GovDeskCore
import GovDeskService
import GovDeskStore
import GovDeskTestSupport
import Hummingbird
import Testing

/// The service hall's pages (DESIGN §12 "window staff: cases; officers: findings") in-process: a window staff member
/// receives and moves a case by forms only and a supervisor records its rating, an officer-admin reports a finding that the
/// department's liaison rectifies and the officer-admin verifies, and the refusals are the store's own.
struct HallPageTests {
    @Test func windowStaffListReceiveAndMoveACaseAndRecordItsRating() async throws {
        let fixture = try ServiceFixture()
        let hall = try fixture.addHall()
        let numberBox = Box()
        try await fixture.withBrowser { browser in
            try await browser.logIn("ck1")
            // The queue shows the window's section; the layout links to the cases.
            let queue = try await browser.get("/queue")
            #expect(queue.body.contains("窗口办件") && queue.body.contains("href=\"/cases\""), "\(queue.body)")
            #expect(!queue.body.contains("本角色的工作台将在后续版本提供"))
            // The list: the overdue 即办 case first and marked, the applicant masked.
            let list = try await browser.get("/cases")
            #expect(list.status == .ok)
            let overdue = try #require(list.body.range(of: "/cases/\(hall.overdueCase)\""))
            let open = try #require(list.body.range(of: "/cases/\(hall.openCase)\""))
            #expect(overdue.lowerBound < open.lowerBound)
            #expect(list.body.contains("<tr class=\"red\"><td><a href=\"/cases/\(hall.overdueCase)\">"), "\(list.body)")
            #expect(list.body.contains("已超期"))
            #expect(list.body.contains("王*") && !list.body.contains("王小明"))
            // The open list's second page: empty, its count, the way back; the other list stays at its first page.
            let second = try await browser.get("/cases?open=2")
            #expect(!second.body.contains("/cases/\(hall.overdueCase)\""), "\(second.body)")
            #expect(second.body.contains("办理中（共 2）"), "\(second.body)")
            #expect(second.body.contains("<a href=\"/cases\">‹ 上一页</a>"), "\(second.body)")
            // ck1 works at A01 only: the form offers A01, not B01.
            let form = try await browser.get("/cases/new")
            #expect(form.status == .ok)
            #expect(form.body.contains("<option value=\"A01\"") && !form.body.contains("<option value=\"B01\""))
            let created = try await browser.post(
                "/cases",
                [
                    ("_csrf", form.csrf(action: "/cases") ?? ""), ("window", "A01"), ("item", "QY001"),
                    ("applicant", "李华"), ("phone", "13900002222"),
                ])
            #expect(created.status == .seeOther, "\(created.body)")
            let location = try #require(created.location)
            #expect(location.hasSuffix("?done=receive"))
            let number = String(location.dropFirst("/cases/".count).prefix { $0 != "?" })
            numberBox.value = number
            let page = try await browser.get(location)
            #expect(page.body.contains("已完成：受理。"), "\(page.body)")
            #expect(page.body.contains("2025-06-19 24:00") && page.body.contains("还剩"))
            // The rule table's forms for an open case and this person; no rating before it is finished.
            for action in ["request-materials", "complete", "refuse"] {
                #expect(page.body.contains("action=\"/cases/\(number)/\(action)\""), "\(action)")
            }
            #expect(!page.body.contains("action=\"/cases/\(number)/rate\""))
            let csrf = page.csrf() ?? ""
            for materials in ["营业执照副本", "公司章程"] {
                let asked = try await browser.post(
                    "/cases/\(number)/request-materials", [("_csrf", csrf), ("materials", materials)])
                #expect(asked.status == .seeOther, "\(asked.body)")
            }
            let asked = try await browser.get("/cases/\(number)")
            #expect(asked.body.contains("【违反一次性告知】"))
            #expect(try await browser.post("/cases/\(number)/complete", [("_csrf", csrf)]).status == .seeOther)
            let completed = try await browser.get("/cases/\(number)")
            #expect(!completed.body.contains("action=\"/cases/\(number)/complete\""))
            // ck1 received and finished it: the rating is not theirs to record, and a posted one is refused.
            #expect(!completed.body.contains("action=\"/cases/\(number)/rate\""))
            let own = try await browser.post("/cases/\(number)/rate", [("_csrf", csrf), ("score", "5")])
            #expect(own.status == .forbidden)
            #expect(own.body.contains("不能评价自己经办的办件"), "\(own.body)")
            // A supervisor records the applicant's rating.
            try await browser.logIn("db1")
            let supervised = try await browser.get("/cases/\(number)")
            #expect(supervised.body.contains("action=\"/cases/\(number)/rate\""))
            let supervisorToken = supervised.csrf() ?? ""
            // A rating out of range is refused by the core, the comment typed comes back.
            let refused = try await browser.post(
                "/cases/\(number)/rate", [("_csrf", supervisorToken), ("score", "9"), ("comment", "来回跑了三趟")])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains(">来回跑了三趟</textarea>"), "\(refused.body)")
            // A 差评 opens a rectification.
            let rated = try await browser.post(
                "/cases/\(number)/rate",
                [("_csrf", supervisorToken), ("score", "2"), ("comment", "来回跑了三趟"), ("kind", "cumbersome")])
            #expect(rated.status == .seeOther)
            let ratedPage = try await browser.get(try #require(rated.location))
            #expect(ratedPage.body.contains("差评已自动交办整改 ZG"), "\(ratedPage.body)")
            #expect(ratedPage.body.contains("2 · 不满意"))
            // English on request.
            let english = try await browser.get("/cases?open=2&lang=en")
            #expect(english.body.contains("Window cases"))
            // The language link keeps the page asked for.
            #expect(english.body.contains("<a href=\"?open=2&amp;lang=zh\" hreflang=\"zh\">中文</a>"), "\(english.body)")
        }
        let number = try #require(numberBox.value)
        let c = try fixture.database.windowCase(number)
        #expect(c.state == .completed && c.rating == 2 && c.breaches == 1 && c.firstResponsible == "ck1")
        #expect(
            try fixture.database.caseEvents(of: number).map { "\($0.action.rawValue):\($0.actor)" } == [
                "receive:ck1", "request-materials:ck1", "request-materials:ck1", "complete:ck1", "rate:db1",
            ])
        let finding = try fixture.database.finding(try #require(try fixture.database.ratingFinding(ofCase: number)))
        #expect(finding.kind == .cumbersome && finding.state == .assigned && finding.department == "CGJ")
    }

    @Test func anOfficerAdminReportsAFindingThatTheLiaisonRectifiesAndTheOfficerAdminVerifies() async throws {
        let fixture = try ServiceFixture()
        _ = try fixture.addHall()
        let numberBox = Box()
        try await fixture.withBrowser { browser in
            try await browser.logIn("gl1")
            #expect(try await browser.get("/queue").body.contains("href=\"/findings\""))
            let form = try await browser.get("/findings/new")
            #expect(form.status == .ok && form.body.contains("冯婷婷（TY001）"), "\(form.body)")
            // Without the officer, the form comes back as it was filled in.
            let refused = try await browser.post(
                "/findings",
                [
                    ("_csrf", form.csrf(action: "/findings") ?? ""), ("source", "officer"), ("kind", "slow"),
                    ("window", "A01"), ("text", "取号后等候超过一小时"),
                ])
            #expect(refused.status == .badRequest && refused.body.contains("请选择发现问题的体验员"))
            #expect(refused.body.contains(">取号后等候超过一小时</textarea>"))
            #expect(refused.body.contains("<option value=\"A01\" selected>"), "\(refused.body)")
            let created = try await browser.post(
                "/findings",
                [
                    ("_csrf", form.csrf(action: "/findings") ?? ""), ("source", "officer"), ("officer", "TY001"),
                    ("kind", "slow"), ("window", "A01"), ("item", ""), ("department", ""), ("text", "取号后等候超过一小时"),
                ])
            #expect(created.status == .seeOther, "\(created.body)")
            let location = try #require(created.location)
            let number = String(location.dropFirst("/findings/".count).prefix { $0 != "?" })
            numberBox.value = number
            let page = try await browser.get(location)
            #expect(page.body.contains("已完成：登记。") && page.body.contains("潞州区城市管理局（CGJ）"), "\(page.body)")
            #expect(page.body.contains("action=\"/findings/\(number)/assign\""))
            #expect(!page.body.contains("action=\"/findings/\(number)/verify\""))
            let assigned = try await browser.post(
                "/findings/\(number)/assign", [("_csrf", page.csrf() ?? ""), ("days", "5"), ("note", "请一周内整改")])
            #expect(assigned.status == .seeOther, "\(assigned.body)")
            let list = try await browser.get("/findings")
            #expect(list.body.contains("/findings/\(number)") && list.body.contains("2025-06-23 24:00"), "\(list.body)")

            // The liaison of the responsible department sees it and rectifies it; nothing else.
            try await browser.logIn("cgj1")
            let theirs = try await browser.get("/findings")
            #expect(theirs.body.contains("/findings/\(number)") && theirs.body.contains("本单位的整改事项"))
            let toRectify = try await browser.get("/findings/\(number)")
            #expect(toRectify.body.contains("action=\"/findings/\(number)/rectify\""))
            #expect(!toRectify.body.contains("action=\"/findings/\(number)/reopen\""))
            let rectified = try await browser.post(
                "/findings/\(number)/rectify", [("_csrf", toRectify.csrf() ?? ""), ("note", "增开两个取号窗口")])
            #expect(rectified.status == .seeOther)

            // The officer-admin verifies.
            try await browser.logIn("gl1")
            let toVerify = try await browser.get("/findings/\(number)")
            #expect(toVerify.body.contains("增开两个取号窗口"))
            #expect(toVerify.body.contains("action=\"/findings/\(number)/reopen\""))
            let verified = try await browser.post("/findings/\(number)/verify", [("_csrf", toVerify.csrf() ?? "")])
            #expect(verified.status == .seeOther)
            #expect(try await browser.get("/findings").body.contains("已核验（1）"))
        }
        let number = try #require(numberBox.value)
        let finding = try fixture.database.finding(number)
        #expect(finding.state == .verified && finding.reporter == "TY001" && finding.department == "CGJ")
        #expect(
            try fixture.database.findingEvents(of: number).map { "\($0.action.rawValue):\($0.actor)" } == [
                "create:gl1", "assign:gl1", "rectify:cgj1", "verify:gl1",
            ])
    }

    @Test func anotherRoleIsRefusedWithTheStoresMessageAndNothingIsWritten() async throws {
        let fixture = try ServiceFixture()
        let hall = try fixture.addHall()
        let rules = makeRules()
        // What the store says to each refused person, in Chinese.
        func refusal(_ body: () throws -> Void) -> String {
            do {
                try body()
                return "(not refused)"
            } catch let error as GovDeskError {
                return error.message(.zh)
            } catch {
                return "\(error)"
            }
        }
        // The finding assigned, so that rectifying it is allowed by its state and refused by department only.
        try fixture.database.apply(
            .assign(days: 15, note: nil), toFinding: hall.finding, actor: "gl1", at: ServiceFixture.now, rules: rules)
        let operatorCompletes = refusal {
            _ = try fixture.database.apply(
                .complete(note: nil), toCase: hall.openCase, actor: "op1", at: ServiceFixture.now, rules: rules)
        }
        let otherLiaisonRectifies = refusal {
            _ = try fixture.database.apply(
                .rectify(note: "已整改"), toFinding: hall.finding, actor: "zjj1", at: ServiceFixture.now, rules: rules)
        }
        let caseEvents = try fixture.database.caseEvents(of: hall.openCase).count
        let findingEvents = try fixture.database.findingEvents(of: hall.finding).count
        let cases = try fixture.database.count(matching: CaseFilter())
        let findings = try fixture.database.count(matching: FindingFilter())
        try await fixture.withBrowser { browser in
            try await browser.logIn("op1")
            // No nav links and no form for an operator; the page says why in the core's words.
            let queue = try await browser.get("/queue")
            #expect(!queue.body.contains("href=\"/cases\"") && !queue.body.contains("href=\"/findings\""))
            #expect(try await browser.get("/cases/new").status == .forbidden)
            #expect(try await browser.get("/findings/new").status == .forbidden)
            let csrf = queue.csrf() ?? ""
            let page = try await browser.get("/cases/\(hall.openCase)")
            #expect(page.status == .ok && !page.body.contains("action=\"/cases/\(hall.openCase)/complete\""))
            let completed = try await browser.post("/cases/\(hall.openCase)/complete", [("_csrf", csrf)])
            #expect(completed.status == .forbidden)
            #expect(completed.body.contains(htmlEscaped(operatorCompletes)), "\(operatorCompletes)\n\(completed.body)")
            let received = try await browser.post(
                "/cases", [("_csrf", csrf), ("window", "A01"), ("item", "QY001"), ("applicant", "李华")])
            #expect(received.status == .forbidden)
            let reported = try await browser.post(
                "/findings",
                [("_csrf", csrf), ("source", "walkthrough"), ("kind", "slow"), ("window", "A01"), ("text", "慢")])
            #expect(reported.status == .forbidden, "\(reported.body)")

            // A liaison of another department may not rectify CGJ's finding: no form, and a post is refused.
            try await browser.logIn("zjj1")
            let notTheirs = try await browser.get("/findings/\(hall.finding)")
            #expect(notTheirs.status == .ok && notTheirs.body.contains("整改中"))
            #expect(!notTheirs.body.contains("action=\"/findings/\(hall.finding)/"), "\(notTheirs.body)")
            let other = try await browser.post(
                "/findings/\(hall.finding)/rectify",
                [("_csrf", try await browser.get("/queue").csrf() ?? ""), ("note", "已整改")])
            #expect(other.status == .forbidden)
            #expect(other.body.contains(htmlEscaped(otherLiaisonRectifies)), "\(otherLiaisonRectifies)\n\(other.body)")

            // A case that does not exist is 404.
            let missing = try await browser.get("/cases/BJ20990101-000001")
            #expect(missing.status == .notFound)
        }
        #expect(try fixture.database.caseEvents(of: hall.openCase).count == caseEvents)
        #expect(try fixture.database.findingEvents(of: hall.finding).count == findingEvents)
        #expect(try fixture.database.count(matching: CaseFilter()) == cases)
        #expect(try fixture.database.count(matching: FindingFilter()) == findings)
    }

    @Test func whatPeopleTypedIsShownEscaped() async throws {
        let fixture = try ServiceFixture()
        let hall = try fixture.addHall()
        let script = "<script>alert(1)</script>"
        let attribute = "\"><img onerror=x>"
        try await fixture.withBrowser { browser in
            try await browser.logIn("ck1")
            let csrf = try await browser.get("/queue").csrf() ?? ""
            // A refused form comes back with what was typed, escaped in its attribute.
            let refused = try await browser.post(
                "/cases",
                [("_csrf", csrf), ("window", "A01"), ("item", "QY001"), ("applicant", attribute), ("phone", "abc")])
            #expect(refused.status == .badRequest, "\(refused.body)")
            #expect(refused.body.contains("value=\"\(htmlEscaped(attribute))\"") && !refused.body.contains("<img"))
            _ = try await browser.post(
                "/cases/\(hall.openCase)/request-materials", [("_csrf", csrf), ("materials", attribute)])
            let page = try await browser.get("/cases/\(hall.openCase)")
            #expect(page.body.contains(htmlEscaped(attribute)) && !page.body.contains("<img"), "\(page.body)")

            try await browser.logIn("gl1")
            let token = try await browser.get("/queue").csrf() ?? ""
            let created = try await browser.post(
                "/findings",
                [
                    ("_csrf", token), ("source", "walkthrough"), ("kind", "attitude"), ("window", "A01"),
                    ("text", script),
                ])
            let finding = try await browser.get(try #require(created.location))
            #expect(finding.body.contains(htmlEscaped(script)) && !finding.body.contains("<script"))
            let list = try await browser.get("/findings")
            #expect(list.body.contains(htmlEscaped(script)) && !list.body.contains("<script"))
        }
    }

    @Test func aFormWithoutTheSessionsTokenIsRefusedAndNothingIsWritten() async throws {
        let fixture = try ServiceFixture()
        let hall = try fixture.addHall()
        let cases = try fixture.database.count(matching: CaseFilter())
        let findings = try fixture.database.count(matching: FindingFilter())
        let caseEvents = try fixture.database.caseEvents(of: hall.openCase).count
        try await fixture.withBrowser { browser in
            try await browser.logIn("ck1")
            let fields = [("window", "A01"), ("item", "QY001"), ("applicant", "李华")]
            for token in [[], [("_csrf", "0123456789abcdef")]] {
                let posted = try await browser.post("/cases", token + fields)
                #expect(posted.status == .forbidden && posted.body.contains("表单已过期"))
                let completed = try await browser.post("/cases/\(hall.openCase)/complete", token)
                #expect(completed.status == .forbidden)
            }
            try await browser.logIn("gl1")
            let reported = try await browser.post(
                "/findings", [("source", "walkthrough"), ("kind", "slow"), ("window", "A01"), ("text", "慢")])
            #expect(reported.status == .forbidden)
            let assigned = try await browser.post("/findings/\(hall.finding)/assign", [("days", "5")])
            #expect(assigned.status == .forbidden)
        }
        #expect(try fixture.database.count(matching: CaseFilter()) == cases)
        #expect(try fixture.database.count(matching: FindingFilter()) == findings)
        #expect(try fixture.database.caseEvents(of: hall.openCase).count == caseEvents)
        #expect(try fixture.database.finding(hall.finding).state == .open)
    }

    @Test func theSupervisorReadsBothListsAndTheAuditedApplicantLook() async throws {
        let fixture = try ServiceFixture()
        let hall = try fixture.addHall()
        try await fixture.withBrowser { browser in
            try await browser.logIn("db1")
            let cases = try await browser.get("/cases")
            #expect(
                cases.status == .ok && cases.body.contains(hall.openCase) && cases.body.contains(hall.otherWindowCase))
            #expect(try await browser.get("/findings").body.contains(hall.finding))
            let page = try await browser.get("/cases/\(hall.openCase)")
            #expect(!page.body.contains("王小明") && page.body.contains("138****5678"))
            let shown = try await browser.post(
                "/cases/\(hall.openCase)/applicant",
                [("_csrf", page.csrf(action: "/cases/\(hall.openCase)/applicant") ?? "")])
            #expect(shown.status == .ok && shown.body.contains("王小明") && shown.body.contains("13812345678"))
            // Window staff of another window may not.
            try await browser.logIn("ck1")
            let other = try await browser.get("/cases/\(hall.otherWindowCase)")
            #expect(!other.body.contains("/cases/\(hall.otherWindowCase)/applicant"))
            let refused = try await browser.post(
                "/cases/\(hall.otherWindowCase)/applicant", [("_csrf", other.csrf() ?? "")])
            #expect(refused.status == .forbidden && !refused.body.contains("赵六"))
        }
    }
}

extension ServiceFixture {
    /// The hall of the pages' tests: window A01 of CGJ where ck1 works, B01 of ZJJ where nobody of the fixture works;
    /// items QY001 (3 working days) and QY000 (即办) at both; officer TY001. A case of ck1's at A01 received now, an
    /// 即办 case received on Friday (overdue now), a case at B01, and an open finding of gl1's about A01.
    func addHall() throws -> (openCase: String, overdueCase: String, otherWindowCase: String, finding: String) {
        let now = ServiceFixture.now
        let rules = makeRules()
        try database.addWindow(
            ServiceWindow(code: "A01", name: "城管综合窗口", department: "CGJ", staff: ["ck1"]), actor: "admin", at: now)
        try database.addWindow(ServiceWindow(code: "B01", name: "住建综合窗口", department: "ZJJ"), actor: "admin", at: now)
        try database.addItem(
            ServiceItem(code: "QY001", name: "占道经营许可", department: "CGJ", committedDays: 3, windows: ["A01", "B01"]),
            actor: "admin", at: now)
        try database.addItem(
            ServiceItem(code: "QY000", name: "证明开具", department: "CGJ", committedDays: 0, windows: ["A01", "B01"]),
            actor: "admin", at: now)
        try database.addOfficer(
            Officer(code: "TY001", name: "冯婷婷", background: .partyDeputy, phone: "13835501234"), actor: "admin", at: now
        )
        let openCase = try database.createCase(
            item: "QY001", window: "A01", applicantName: "王小明", applicantPhone: "13812345678", actor: "ck1",
            at: makeInstant("2025-06-16T09:15+08:00"), rules: rules)
        let overdueCase = try database.createCase(
            item: "QY000", window: "A01", applicantName: "钱七", applicantPhone: "", actor: "ck1",
            at: makeInstant("2025-06-13T10:00+08:00"), rules: rules)
        let otherWindowCase = try database.createCase(
            item: "QY001", window: "B01", applicantName: "赵六", applicantPhone: "13800001111", actor: "admin",
            at: makeInstant("2025-06-16T09:20+08:00"), rules: rules)
        let finding = try database.createFinding(
            Finding(
                number: "", source: .officer, reporter: "TY001", reportedAt: makeInstant("2025-06-16T09:30+08:00"),
                window: "A01", item: nil, department: "CGJ", kind: .attitude, description: "窗口人员态度生硬"),
            actor: "gl1", rules: rules)
        return (openCase.number, overdueCase.number, otherWindowCase.number, finding.number)
    }
}

/// Every hall form against every role and against nobody: who may is the rule tables' and the permission table's
/// word (DESIGN §5, §11.1), written out here once more; everyone else is refused with 403 and nothing written.
struct HallRouteRoleTableTests {
    /// The roles that may take each step on A01's case or CGJ's finding, besides the administrator (ck1 is window
    /// staff at A01, cgj1 CGJ's liaison).
    static let allowed: [String: Set<Role>] = [
        "receive": [.window], "request-materials": [.window], "complete": [.window], "refuse": [.window],
        "rate": [.window, .supervisor], "report": [.officerAdmin, .supervisor], "assign": [.officerAdmin, .supervisor],
        "rectify": [.officerAdmin, .supervisor, .liaison], "verify": [.officerAdmin, .supervisor],
        "reopen": [.officerAdmin, .supervisor],
    ]

    @Test func everyHallFormAgainstEveryRoleAndNobody() async throws {
        let fixture = try ServiceFixture()
        _ = try fixture.addHall()
        let database = fixture.database
        let rules = makeRules()
        let now = ServiceFixture.now
        /// A case at A01, completed when the step is a rating.
        @Sendable func caseFor(_ step: String) throws -> String {
            let c = try database.createCase(
                item: "QY001", window: "A01", applicantName: "李华", applicantPhone: "", actor: "ck1", at: now,
                rules: rules)
            if step == "rate" {
                try database.apply(.complete(note: nil), toCase: c.number, actor: "ck1", at: now, rules: rules)
            }
            return c.number
        }
        /// A finding of CGJ's in the state the step needs.
        @Sendable func findingFor(_ step: String) throws -> String {
            let f = try database.createFinding(
                Finding(
                    number: "", source: .walkthrough, reporter: "gl1", reportedAt: now, window: "A01", item: nil,
                    department: "CGJ", kind: .slow, description: "排队时间长"), actor: "gl1", rules: rules)
            if step != "assign" {
                try database.apply(
                    .assign(days: 5, note: nil), toFinding: f.number, actor: "gl1", at: now, rules: rules)
            }
            if step == "verify" || step == "reopen" {
                try database.apply(.rectify(note: "已整改"), toFinding: f.number, actor: "gl1", at: now, rules: rules)
            }
            return f.number
        }
        var wrong: [String] = []
        var pairs = 0
        for walker in RouteRoleTableTests.walkers {
            let lines = try await fixture.withBrowserResult { browser -> [String] in
                var csrf = ""
                if let code = walker.code {
                    try await browser.logIn(code)
                    csrf = try await browser.get("/queue").csrf() ?? ""
                }
                var lines: [String] = []
                func walk(_ step: String, _ path: String, _ fields: [(String, String)], written: () throws -> Int)
                    async throws
                {
                    let before = try written()
                    let page = try await browser.post(path, [("_csrf", csrf)] + fields)
                    // ck1 received and finished the case it would rate, gl1 reported the rectification it would
                    // verify: no one checks their own work (the tables' `notBy`), whatever their role allows.
                    let ownWork = ["rate ck1", "verify gl1"].contains("\(step) \(walker.code ?? "")")
                    let expected: RouteRoleTableTests.Expected =
                        walker.role.map {
                            !ownWork && ($0 == .admin || Self.allowed[step]!.contains($0)) ? .redirect : .forbidden
                        }
                        ?? .toLogin
                    let label = "POST \(step) as \(walker.code ?? "nobody")"
                    lines.append(RouteRoleTableTests.check(page, expected, label))
                    let after = try written()
                    if (expected == .redirect) != (after == before + 1) {
                        lines.append("\(label): \(after - before) rows written")
                    }
                }
                for step in ["request-materials", "complete", "refuse", "rate"] {
                    let number = try caseFor(step)
                    let fields: [(String, String)] =
                        switch step {
                        case "request-materials": [("materials", "公司章程")]
                        case "refuse": [("reason", "不符合条件")]
                        case "rate": [("score", "5")]
                        default: []
                        }
                    try await walk(step, "/cases/\(number)/\(step)", fields) {
                        try database.caseEvents(of: number).count
                    }
                }
                for step in ["assign", "rectify", "verify", "reopen"] {
                    let number = try findingFor(step)
                    let fields: [(String, String)] =
                        switch step {
                        case "assign": [("days", "5")]
                        case "rectify": [("note", "已整改")]
                        case "reopen": [("reason", "未整改到位"), ("days", "5")]
                        default: []
                        }
                    try await walk(step, "/findings/\(number)/\(step)", fields) {
                        try database.findingEvents(of: number).count
                    }
                }
                try await walk(
                    "receive", "/cases", [("window", "A01"), ("item", "QY001"), ("applicant", "李华")]
                ) { try database.count(matching: CaseFilter()) }
                try await walk(
                    "report", "/findings",
                    [("source", "walkthrough"), ("kind", "slow"), ("window", "A01"), ("text", "排队时间长")]
                ) { try database.count(matching: FindingFilter()) }
                return lines
            }
            wrong += lines.filter { !$0.isEmpty }
            pairs += 10
        }
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        #expect(pairs == 90)
    }
}
