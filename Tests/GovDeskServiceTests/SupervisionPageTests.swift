import Foundation
import GovDeskCore
import GovDeskService
import GovDeskStore
import GovDeskTestSupport
import Hummingbird
import Testing

/// The supervisor's pages (DESIGN §12): supervision letters, month close and the ranking, in-process. Each form calls
/// the store method its command calls; the store decides who may, and the page shows its refusal.
struct SupervisionPageTests {
    static let may = Month(year: 2025, month: 5)!

    @Test func theSupervisorIssuesTheLettersDueAndReadsOne() async throws {
        // Given a ticket dispatched to CGJ a week ago and never signed
        let fixture = try ServiceFixture()
        let late = try ServiceFixture.makeUnsignedTicket(fixture.database, to: "CGJ")
        try await fixture.withBrowser { browser in
            try await browser.logIn("db1")
            // The supervisor's queue links the supervisor's pages
            let queue = try await browser.get("/queue")
            for link in ["/letters", "/months", "/evaluations/2025-05"] {
                #expect(queue.body.contains("href=\"\(link)\""), "\(link)")
            }
            let list = try await browser.get("/letters")
            #expect(list.status == .ok)
            #expect(list.body.contains("action=\"/letters/issue\""), "\(list.body)")
            // When the supervisor issues the letters due
            let issued = try await browser.post(
                "/letters/issue", [("_csrf", list.csrf(action: "/letters/issue") ?? "")])
            // Then one warning letter to CGJ names the ticket, and the page shows it with a link that works
            #expect(issued.status == .ok, "\(issued.body)")
            #expect(issued.body.contains("已签发 1 份督办函。"), "\(issued.body)")
            let letters = try fixture.database.letters(matching: LetterFilter())
            let letter = try #require(letters.first)
            #expect(letters.count == 1)
            #expect(letter.kind == .warning && letter.department == "CGJ")
            #expect(letter.items.map(\.reference) == [late])
            let path = ServiceFixture.letterPath(letter.number)
            #expect(path.hasPrefix("/letters/%E6%BD%9E"), "\(path)")
            #expect(issued.body.contains("href=\"\(path)\""), "\(issued.body)")
            let shown = try await browser.get(path)
            #expect(shown.status == .ok, "\(shown.body)")
            #expect(shown.body.contains("<h1>\(letter.number)</h1>"), "\(shown.body)")
            #expect(shown.body.contains(htmlEscaped(letter.text)), "\(shown.body)")
            // The letter as a document, its Markdown source beside it to copy.
            #expect(shown.body.contains("<h2 class=\"letter-title\">12345热线督办预警函</h2>"))
            #expect(shown.body.contains("<td>\(late)</td>"), "\(shown.body)")
            // Typed as `letters show` takes it: [] for 〔〕, the 第 left out.
            let typed = letter.number.replacingOccurrences(of: "〔", with: "[").replacingOccurrences(of: "〕", with: "]")
                .replacingOccurrences(of: "第", with: "")
            let byTyped = try await browser.get(ServiceFixture.letterPath(typed))
            #expect(byTyped.status == .ok && byTyped.body.contains("<h1>\(letter.number)</h1>"), "\(typed)")
            #expect(shown.body.contains(late))
            // The filters of `letters list`; the count as the other lists say it
            #expect(try await browser.get("/letters?kind=warning").body.contains("已签发的督办函（1）"))
            #expect(try await browser.get("/letters?kind=reminder").body.contains("已签发的督办函（0）"))
            #expect(try await browser.get("/letters?year=2024").body.contains("已签发的督办函（0）"))
            #expect(try await browser.get("/letters?month=2025-06").body.contains("已签发的督办函（1）"))
            #expect(try await browser.get("/letters?month=2025-05").body.contains("已签发的督办函（0）"))
            #expect(try await browser.get("/letters?month=2025-6").status == .badRequest)
            #expect(try await browser.get("/letters?department=ZJJ").body.contains("已签发的督办函（0）"))
            // A page past the end: no rows, the total, and the way back with the filters kept.
            let beyond = try await browser.get("/letters?kind=warning&page=3")
            #expect(beyond.body.contains("已签发的督办函（共 1）"), "\(beyond.body)")
            #expect(beyond.body.contains("<a href=\"/letters?kind=warning\">‹ 上一页</a>"), "\(beyond.body)")
            #expect(!beyond.body.contains("href=\"\(path)\""))
            #expect(try await browser.get("/letters?kind=warning&page=1").body.contains("href=\"\(path)\""))
            #expect(
                try await browser.get("/letters?page=0").body.contains("href=\"\(path)\""),
                "a page that is not one is the first")
            #expect(try await browser.get("/letters?year=20x5").status == .badRequest)
            // Issuing again issues nothing new for the same deadline
            let again = try await browser.post(
                "/letters/issue", [("_csrf", list.csrf(action: "/letters/issue") ?? "")])
            #expect(again.body.contains("没有到期的督办函。"), "\(again.body)")
            #expect(try fixture.database.letters(matching: LetterFilter()).count == 1)
            // An unknown letter is a 404; the page speaks English on request
            #expect(try await browser.get(ServiceFixture.letterPath("潞热线警〔2025〕第99号")).status == .notFound)
            #expect(try await browser.get("/letters?lang=en").body.contains("Letters issued（1）"))
        }
    }

    @Test func aLiaisonReadsTheirDepartmentsLettersOnlyAndIssuesNone() async throws {
        // Given a warning letter to CGJ and one to ZJJ
        let fixture = try ServiceFixture()
        _ = try ServiceFixture.makeUnsignedTicket(fixture.database, to: "CGJ")
        _ = try ServiceFixture.makeUnsignedTicket(fixture.database, to: "ZJJ")
        let letters = try ServiceFixture.issueLetters(fixture.database)
        let cgj = try #require(letters.first { $0.department == "CGJ" })
        let zjj = try #require(letters.first { $0.department == "ZJJ" })
        _ = try ServiceFixture.makeUnsignedTicket(fixture.database, to: "CGJ")
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            #expect(try await browser.get("/queue").body.contains("<a href=\"/letters\">本部门的督办函</a>"))
            // The CGJ liaison's list holds CGJ's letter, whatever department the query asks for
            for path in ["/letters", "/letters?department=ZJJ"] {
                let list = try await browser.get(path)
                #expect(list.status == .ok)
                #expect(list.body.contains(cgj.number) && !list.body.contains(zjj.number), "\(list.body)")
                #expect(!list.body.contains("action=\"/letters/issue\""))
            }
            #expect(try await browser.get(ServiceFixture.letterPath(cgj.number)).status == .ok)
            #expect(try await browser.get(ServiceFixture.letterPath(zjj.number)).status == .forbidden)
            // When the liaison posts the issue form anyway, the store refuses and nothing is issued
            let csrf = try await browser.get("/queue").csrf() ?? ""
            let refused = try await browser.post("/letters/issue", [("_csrf", csrf)])
            #expect(refused.status == .forbidden)
            let message = PermissionError(actor: "cgj1", roles: [.liaison], permission: .issueLetters).message(.zh)
            #expect(refused.body.contains(htmlEscaped(message)), "\(refused.body)")
            #expect(try fixture.database.letters(matching: LetterFilter()).count == 2)
            // Nor do the other supervisor's pages open
            #expect(try await browser.get("/months").status == .forbidden)
            #expect(try await browser.get("/evaluations/2025-05").status == .forbidden)
        }
    }

    @Test func theSupervisorClosesAMonthThroughTheConfirmation() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withBrowser { browser in
            try await browser.logIn("db1")
            let page = try await browser.get("/months")
            #expect(page.status == .ok)
            // Last month is offered
            #expect(page.body.contains("name=\"month\" value=\"2025-05\""), "\(page.body)")
            let csrf = page.csrf(action: "/months/close") ?? ""
            // The first step asks again and writes nothing
            let asked = try await browser.post("/months/close", [("_csrf", csrf), ("month", "2025-05")])
            #expect(asked.status == .ok)
            #expect(asked.body.contains("月结不可撤销"), "\(asked.body)")
            #expect(asked.body.contains("name=\"confirm\" value=\"yes\""))
            #expect(asked.body.contains("这是第一次月结：2025-05 以前的各月不单独结账"), "\(asked.body)")
            #expect(try fixture.database.closedMonths().isEmpty)
            // The second closes it, with its seal shown
            let closed = try await browser.post(
                "/months/close",
                [
                    ("_csrf", asked.csrf(action: "/months/close") ?? ""), ("month", "2025-05"),
                    ("confirm", "yes"),
                ])
            #expect(closed.status == .ok, "\(closed.body)")
            let stored = try #require(try fixture.database.closedMonths().first)
            #expect(stored.month == Self.may && stored.closedBy == "db1")
            #expect(closed.body.contains("2025-05 已月结"), "\(closed.body)")
            #expect(try fixture.database.evaluation(month: Self.may).finalized)
            let list = try await browser.get("/months")
            #expect(list.body.contains(stored.sha256) && list.body.contains(stored.ledgerHead), "\(list.body)")
            #expect(list.body.contains("name=\"month\" value=\"2025-06\""))
            // The store's refusals, the month typed kept in the form
            let outOfOrder = try await browser.post(
                "/months/close", [("_csrf", csrf), ("month", "2025-07"), ("confirm", "yes")])
            #expect(outOfOrder.status == .conflict)
            let message = MonthCloseError.outOfOrder(month: "2025-07", next: "2025-06").message(.zh)
            #expect(outOfOrder.body.contains(htmlEscaped(message)), "\(outOfOrder.body)")
            #expect(outOfOrder.body.contains("name=\"month\" value=\"2025-07\""))
            let notEnded = try await browser.post(
                "/months/close", [("_csrf", csrf), ("month", "2025-06"), ("confirm", "yes")])
            #expect(notEnded.status == .conflict, "\(notEnded.body)")
            // No confirmation is asked for a month the store would refuse: its refusal at the first step.
            for month in ["2025-07", "2025-06", "2025-05", "2025-04"] {
                let first = try await browser.post("/months/close", [("_csrf", csrf), ("month", month)])
                #expect(first.status == .conflict, "\(month): \(first.body)")
                #expect(!first.body.contains("name=\"confirm\" value=\"yes\""), "\(month)")
            }
            #expect(
                try await browser.post("/months/close", [("_csrf", csrf), ("month", "2025-07")]).body.contains(
                    htmlEscaped(message)))
            #expect(
                try await browser.post("/months/close", [("_csrf", csrf), ("month", "2025-13")]).status == .badRequest)
            #expect(try fixture.database.closedMonths().count == 1)
        }
    }

    @Test func theSupervisorSeesTheRankingScoresAndFinalizesIt() async throws {
        // Given May's hall work at window A01
        let fixture = try ServiceFixture()
        try ServiceFixture.makeMayHall(fixture.database)
        try await fixture.withBrowser { browser in
            try await browser.logIn("db1")
            let empty = try await browser.get("/evaluations/2025-05")
            #expect(empty.status == .ok)
            #expect(empty.body.contains("本月尚未计算考核"), "\(empty.body)")
            let csrf = empty.csrf(action: "/evaluations/2025-05/run") ?? ""
            // When the supervisor runs it
            let run = try await browser.post("/evaluations/2025-05/run", [("_csrf", csrf)])
            #expect(run.status == .ok, "\(run.body)")
            // Then the awards show with their reasons, as a preview until it is final
            let record = try fixture.database.evaluation(month: Self.may)
            let best = try #require(record.outcome.awards.first { $0.award == .bestWindow })
            #expect(best.code == "A01")
            #expect(run.body.contains("优秀窗口") && run.body.contains(htmlEscaped(best.reasonZh)), "\(run.body)")
            #expect(run.body.contains("未定稿（预览，可重新计算）"))
            #expect(run.body.contains("窗口人员一"))
            // A manual score
            let scored = try await browser.post(
                "/evaluations/2025-05/score",
                [("_csrf", csrf), ("staff", "ck1"), ("item", "业务考试"), ("points", "2.5"), ("note", "笔试")])
            #expect(scored.status == .ok, "\(scored.body)")
            #expect(try fixture.database.manualScores(month: Self.may).map(\.points) == [2.5])
            #expect(scored.body.contains("2.50"))
            // Points are decimal digits: not hexadecimal nor an exponent, which a number parser would take
            for odd in ["0x10", "1e2", "+", "-", ".5", "5.", "1000", "５"] {
                let refused = try await browser.post(
                    "/evaluations/2025-05/score",
                    [("_csrf", csrf), ("staff", "ck1"), ("item", "业务考试"), ("points", odd)])
                #expect(refused.status == .badRequest, "\(odd): \(refused.status)")
            }
            #expect(try fixture.database.manualScores(month: Self.may).count == 1)
            // Finalised, it is final
            let final = try await browser.post("/evaluations/2025-05/finalize", [("_csrf", csrf)])
            #expect(final.status == .ok, "\(final.body)")
            #expect(try fixture.database.evaluation(month: Self.may).finalized)
            #expect(final.body.contains("已定稿") && !final.body.contains("action=\"/evaluations/2025-05/run\""))
            // and the store refuses to run it again
            let again = try await browser.post("/evaluations/2025-05/run", [("_csrf", csrf)])
            #expect(again.status == .conflict)
            #expect(again.body.contains(htmlEscaped(HallError.monthFinalized(month: "2025-05").message(.zh))))
            #expect(try await browser.get("/evaluations/2025-05?lang=en").body.contains("Best window"))
            #expect(try await browser.get("/evaluations/2025-5x").status == .notFound)
            // The month's report links its ranking
            #expect(try await browser.get("/reports/2025-05").body.contains("href=\"/evaluations/2025-05\""))
        }
    }

    @Test func aLiaisonCannotChangeARankingOrCloseAMonth() async throws {
        let fixture = try ServiceFixture()
        try ServiceFixture.makeMayHall(fixture.database)
        let range = Self.may.interval(in: makeRules().calendar)
        try fixture.database.runEvaluation(
            month: Self.may, range: range, configuration: .init(), actor: "db1", at: ServiceFixture.now)
        let before = try fixture.database.evaluation(month: Self.may)
        try await fixture.withBrowser { browser in
            try await browser.logIn("cgj1")
            let csrf = try await browser.get("/queue").csrf() ?? ""
            let evaluation = PermissionError(actor: "cgj1", roles: [.liaison], permission: .evaluation).message(.zh)
            let steps: [(String, [(String, String)])] = [
                ("run", []), ("score", [("staff", "ck1"), ("item", "业务考试"), ("points", "5")]), ("finalize", []),
            ]
            for (step, fields) in steps {
                let refused = try await browser.post("/evaluations/2025-05/\(step)", [("_csrf", csrf)] + fields)
                #expect(refused.status == .forbidden, "\(step)")
                #expect(refused.body.contains(htmlEscaped(evaluation)), "\(step): \(refused.body)")
            }
            let close = try await browser.post(
                "/months/close", [("_csrf", csrf), ("month", "2025-05"), ("confirm", "yes")])
            #expect(close.status == .forbidden)
            let closeMessage = PermissionError(actor: "cgj1", roles: [.liaison], permission: .closeMonth).message(.zh)
            #expect(close.body.contains(htmlEscaped(closeMessage)), "\(close.body)")
        }
        #expect(try fixture.database.evaluation(month: Self.may) == before)
        #expect(try fixture.database.manualScores(month: Self.may).isEmpty)
        #expect(try fixture.database.closedMonths().isEmpty)
    }

    @Test func formsWithoutTheSessionsTokenAreRefused() async throws {
        let fixture = try ServiceFixture()
        _ = try ServiceFixture.makeUnsignedTicket(fixture.database, to: "CGJ")
        try ServiceFixture.makeMayHall(fixture.database)
        try await fixture.withBrowser { browser in
            try await browser.logIn("db1")
            for token in [nil, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"] {
                let csrf = token.map { [("_csrf", $0)] } ?? []
                let posts: [(String, [(String, String)])] = [
                    ("/letters/issue", []), ("/months/close", [("month", "2025-05"), ("confirm", "yes")]),
                    ("/evaluations/2025-05/run", []),
                    ("/evaluations/2025-05/score", [("staff", "ck1"), ("item", "业务考试"), ("points", "5")]),
                ]
                for (path, fields) in posts {
                    let page = try await browser.post(path, csrf + fields)
                    #expect(page.status == .forbidden, "\(path)")
                    #expect(page.body.contains("表单已过期或不属于本次登录"), "\(path)")
                }
            }
        }
        #expect(try fixture.database.letters(matching: LetterFilter()).isEmpty)
        #expect(try fixture.database.closedMonths().isEmpty)
        #expect(throws: HallError.noEvaluation(month: "2025-05")) { try fixture.database.evaluation(month: Self.may) }
        #expect(try fixture.database.manualScores(month: Self.may).isEmpty)
    }

    @Test func storedAndRefusedTextIsEscaped() async throws {
        let fixture = try ServiceFixture()
        try ServiceFixture.makeMayHall(fixture.database)
        let script = "<script>alert(\"x\")</script>"
        let image = "<img src=x onerror=alert(1)>"
        try await fixture.withBrowser { browser in
            try await browser.logIn("db1")
            let csrf = try await browser.get("/evaluations/2025-05").csrf(action: "/evaluations/2025-05/score") ?? ""
            // A score whose item and note are markup: stored as typed, shown as text
            let scored = try await browser.post(
                "/evaluations/2025-05/score",
                [("_csrf", csrf), ("staff", "ck1"), ("item", script), ("points", "1"), ("note", image)])
            #expect(scored.status == .ok, "\(scored.body)")
            #expect(try fixture.database.manualScores(month: Self.may).first?.item == script)
            let page = try await browser.get("/evaluations/2025-05")
            #expect(page.body.contains(htmlEscaped(script)) && page.body.contains(htmlEscaped(image)))
            #expect(!page.body.contains(script) && !page.body.contains(image))
            // A refused form comes back filled in, escaped
            let refused = try await browser.post(
                "/evaluations/2025-05/score",
                [("_csrf", csrf), ("staff", "ck1"), ("item", "\"><b>x</b>"), ("points", "1.234")])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("value=\"\(htmlEscaped("\"><b>x</b>"))\""), "\(refused.body)")
            #expect(refused.body.contains("value=\"1.234\"") && !refused.body.contains("<b>x</b>"))
            #expect(refused.body.contains("<option value=\"ck1\" selected>"))
        }
    }
}

extension ServiceFixture {
    /// A complaint dispatched to `department` on Monday 9 June 2025 and never signed: its sign-for deadline passed
    /// before the fixture's clock, so a warning letter is due.
    static func makeUnsignedTicket(_ database: GovDeskDatabase, to department: String) throws -> String {
        let intake = Ticket.Intake(
            channel: .phone, type: .complaint, topic: "城市管理/市容环境/占道经营", callerName: "李四",
            callerPhone: "13800001111", description: "夜市摊点占用盲道")
        let ticket = try database.createTicket(
            intake, actor: "op1", at: makeInstant("2025-06-09T09:00+08:00"), localTime: makeLocalTime())
        try database.apply(
            .dispatch(lead: department, co: []), to: ticket.number, actor: "pd1",
            at: makeInstant("2025-06-09T09:30+08:00"), rules: makeRules())
        return ticket.number
    }

    /// The letters due at the fixture's clock, issued by the supervisor through the store.
    @discardableResult
    static func issueLetters(_ database: GovDeskDatabase) throws -> [SupervisionLetter] {
        try database.issueLetters(actor: "db1", at: now, settings: .init(), localTime: makeLocalTime())
    }

    /// Window A01 with ck1, item QY001, and two cases of May 2025 finished on time and rated 5.
    static func makeMayHall(_ database: GovDeskDatabase) throws {
        try database.addWindow(
            ServiceWindow(code: "A01", name: "综合窗口", department: "RX12345", staff: ["ck1"]), actor: "admin", at: now)
        try database.addItem(
            ServiceItem(
                code: "QY001", name: "有限责任公司设立登记", department: "RX12345", committedDays: 1, windows: ["A01"]),
            actor: "admin", at: now)
        let rules = makeRules()
        for day in ["2025-05-20", "2025-05-21"] {
            let c = try database.createCase(
                item: "QY001", window: "A01", applicantName: "张建国", applicantPhone: "", actor: "ck1",
                at: makeInstant("\(day)T10:00+08:00"), rules: rules)
            try database.apply(
                .complete(note: nil), toCase: c.number, actor: "ck1", at: makeInstant("\(day)T15:00+08:00"),
                rules: rules)
            try database.apply(
                .rate(score: 5, comment: nil), toCase: c.number, actor: "admin", at: makeInstant("\(day)T15:10+08:00"),
                rules: rules)
        }
    }

    /// A letter's page, its number percent-encoded as the pages write it.
    static func letterPath(_ number: String) -> String {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return "/letters/" + (number.addingPercentEncoding(withAllowedCharacters: unreserved) ?? number)
    }
}
