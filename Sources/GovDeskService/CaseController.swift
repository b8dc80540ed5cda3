import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/cases`: window cases (办件, DESIGN §5.2, §12 "window staff: cases"). The list shows a window staff member their
/// windows' cases and everyone else every window's, open ones first by committed deadline (承诺时限) with the time
/// left; the form that receives a case calls the store's `createCase` as `govdesk case new` does, and the case page's
/// forms call `apply(_:toCase:)` as `govdesk case …` and `govdesk rate` do, as the session's staff member at the
/// server's clock. Applicants' names and phones are masked as in `govdesk case list|show`; unmasked only through the
/// audited look of `case show --include-pii`, which checks who may.
struct CaseController {
    /// "1 working day", "3 working days".
    static func workingDays(_ count: Int) -> String { count == 1 ? "1 working day" : "\(count) working days" }

    let desk: Desk

    /// Rows a list shows at most; the heading says how many there are.
    static let rowLimit = 50

    var pages: HallRecordPages { .cases(desk) }

    func addRoutes(to group: RouterGroup<DeskContext>) {
        HallRecordPages.addRoutes(
            to: group, path: pages.path, list: list, showNew: showNew, create: create, show: show, act: act)
    }

    // MARK: - The list

    /// The list page's open cases and finished ones (completed or refused), of the windows in `scope`.
    typealias Listing = HallListing<WindowCase, [String]>

    /// The windows whose cases `staff` is shown: a window staff member's own (DESIGN §12), every window (nil) for
    /// supervisors, the administrator and the roles without a window.
    static func scope(of staff: StaffMember, in windows: [ServiceWindow]) -> [String]? {
        let privileged = staff.roles.contains(.admin) || staff.roles.contains(.supervisor)
        guard staff.roles.contains(.window), !privileged else { return nil }
        return windows.filter { $0.staff.contains(staff.code) }.map(\.code)
    }

    /// The two lists of `/cases`, each at its page: the open cases by committed deadline, the finished newest first.
    static func listing(
        for staff: StaffMember, at now: Date, open openPage: Paging, finished finishedPage: Paging,
        _ database: GovDeskDatabase
    ) throws -> Listing {
        var listing = Listing()
        listing.names = try HallNames(database)
        listing.scope = scope(of: staff, in: try database.windows())
        var open = CaseFilter()
        open.windows = listing.scope
        open.states = [.open]
        open.soonestDueFirst = true
        listing.openTotal = try database.count(matching: open)
        var overdue = open
        overdue.overdueAt = now
        listing.overdueTotal = try database.count(matching: overdue)
        open.limit = openPage.size
        open.offset = openPage.offset
        listing.open = try database.cases(matching: open)
        var finished = CaseFilter()
        finished.windows = listing.scope
        finished.states = [.completed, .refused]
        listing.closedTotal = try database.count(matching: finished)
        finished.limit = finishedPage.size
        finished.offset = finishedPage.offset
        listing.closed = try database.cases(matching: finished)
        return listing
    }

    @Sendable func list(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let staff = signed.staff
        let words = Words(context.language)
        let now = desk.configuration.now
        let openPage = Paging(request, size: Self.rowLimit, name: "open")
        let finishedPage = Paging(request, size: Self.rowLimit)
        let listing = try await desk.store {
            try Self.listing(for: staff, at: now, open: openPage, finished: finishedPage, $0)
        }
        let clock = HallClock(desk: desk, language: context.language, now: now)
        func rows(_ cases: [WindowCase]) -> [[String: Any]] {
            cases.map { c in
                var row: [String: Any] = [
                    "caseNumber": c.number, "itemName": listing.names.item(c.item),
                    "windowName": listing.names.window(c.window),
                    "firstResponsible": listing.names.person(c.firstResponsible),
                    "applicant": Printable.escaped(PersonalData.maskName(c.applicantName)),
                    "caseState": words.label(c.state), "receivedAt": desk.time(c.receivedAt),
                    "due": clock.deadline(c.due), "clock": clock.text(c),
                    "rating": HallClock.rating(c.rating, context.language),
                    "rowClass": c.isOverdue(at: now) ? "red" : "",
                ]
                if c.isOverdue(at: now) { row["overdueTag"] = words.t("已超期", "overdue") }
                return row
            }
        }
        let kept = [
            ("open", openPage.page > 1 ? "\(openPage.page)" : ""),
            ("page", finishedPage.page > 1 ? "\(finishedPage.page)" : ""),
        ]
        var scopeText: String
        switch listing.scope {
        case nil: scopeText = words.t("全部窗口的办件。", "Cases of every window.")
        case let windows? where windows.isEmpty:
            scopeText = words.t(
                "您尚未被安排到任何窗口；请联系系统管理员。", "You work at no window yet; ask an administrator.")
        case let windows?:
            scopeText = words.t(
                "本人所在窗口的办件：\(windows.map(listing.names.window).joined(separator: "、"))",
                "Cases of your windows: \(windows.map(listing.names.window).joined(separator: ", "))")
        }
        if listing.overdueTotal > 0 {
            scopeText += words.t(
                " 其中 \(listing.overdueTotal) 件已超过承诺时限。", " \(listing.overdueTotal) open past the committed deadline.")
        }
        let lists = [
            pages.list(
                heading: words.t("办理中", "Open"), page: openPage, rows: rows(listing.open), total: listing.openTotal,
                kept: kept, name: "open", words),
            pages.list(
                heading: words.t("已办结或不予办理", "Completed or refused"), page: finishedPage,
                rows: rows(listing.closed), total: listing.closedTotal, kept: kept, name: "page", words),
        ]
        return desk.page(
            "cases", title: words.t("窗口办件", "Window cases"),
            values: ["lists": lists, "scope": scopeText, "mayReceive": Self.mayReceive(staff)], context: context)
    }

    /// Whether the case rules let `staff` receive a case at some window (the form's link; the store decides again).
    static func mayReceive(_ staff: StaffMember) -> Bool {
        guard let rule = CaseMachine.rule(for: .receive) else { return false }
        return staff.roles.contains(.admin) || !staff.roles.isDisjoint(with: rule.neededRoles)
    }

    // MARK: - Receiving a case

    @Sendable func showNew(_ request: Request, context: DeskContext) async throws -> Response {
        try await newPage(context: context, form: Form(parsing: ""))
    }

    @Sendable func create(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let now = desk.configuration.now
        let rules = desk.configuration.rules
        do {
            guard let window = form.text("window") else {
                throw HallError.invalidField(
                    name: "window", message: Phrase(chinese: "请选择窗口", english: "choose the window"))
            }
            guard let item = form.text("item") else {
                throw HallError.invalidField(
                    name: "item", message: Phrase(chinese: "请选择事项", english: "choose the item"))
            }
            let applicant = form.text("applicant") ?? ""
            let phone = form.text("phone") ?? ""
            let c = try await desk.store { database in
                try database.createCase(
                    item: item, window: window, applicantName: applicant, applicantPhone: phone,
                    actor: signed.staff.code, at: now, rules: rules)
            }
            return Desk.redirect(to: "/cases/\(c.number)?done=\(CaseAction.receive.rawValue)")
        } catch let error as GovDeskError {
            return try await newPage(
                context: context, form: form, status: HallActions.status(of: error),
                error: error.message(context.language))
        }
    }

    /// The form that receives a case, with the windows the case rules let this person receive at and their items;
    /// a person who may receive at none gets the core's refusal.
    func newPage(
        context: DeskContext, form: Form, status: HTTPResponse.Status = .ok, error: String? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let staff = signed.staff
        let words = Words(context.language)
        let (windows, items) = try await desk.store { database in
            (try database.windows().filter(\.active), try database.items().filter(\.active))
        }
        let mine = Set(windows.filter { $0.staff.contains(staff.code) }.map(\.code))
        let open = windows.filter {
            (try? CaseMachine.authorize(.receive, by: staff, window: $0.code, actorWindows: mine)) != nil
        }
        guard !open.isEmpty else {
            var refusal = words.t("没有可受理办件的窗口。", "There is no window to receive cases at.")
            do {
                try CaseMachine.authorize(.receive, by: staff, window: windows.first?.code ?? "—", actorWindows: mine)
            } catch let error as GovDeskError {
                refusal = error.message(context.language)
            }
            return desk.page(
                "message", title: words.t("受理办件", "Receive a case"), values: [:], context: context,
                status: .forbidden, error: refusal)
        }
        let codes = Set(open.map(\.code))
        let chosenWindow = form["window"] ?? open[0].code
        let values: [String: Any] = [
            "formToken": signed.csrfToken,
            "windowOptions": open.map { w -> [String: Any] in
                [
                    "optionValue": w.code, "label": "\(Printable.escaped(w.name))（\(w.code)）",
                    "chosen": w.code == chosenWindow,
                ]
            },
            "itemOptions": items.filter { !codes.isDisjoint(with: $0.windows) }.map { i -> [String: Any] in
                let days =
                    i.committedDays == 0
                    ? words.t("即办", "same day")
                    : words.t("\(i.committedDays) 个工作日", Self.workingDays(i.committedDays))
                let at = i.windows.filter(codes.contains).joined(separator: words.t("、", ", "))
                return [
                    "optionValue": i.code,
                    "label": "\(Printable.escaped(i.name))（\(i.code)，\(days)，\(words.t("窗口", "window")) \(at)）",
                    "chosen": i.code == form["item"],
                ]
            },
            "typedApplicant": form["applicant"] ?? "", "typedPhone": form["phone"] ?? "",
        ]
        return desk.page(
            "caseNew", title: words.t("受理办件", "Receive a case"), values: values, context: context, status: status,
            error: error)
    }

    // MARK: - The case page

    @Sendable func show(_ request: Request, context: DeskContext) async throws -> Response {
        let number = try context.parameters.require("number")
        let done = request.uri.queryParameters.get("done").flatMap { CaseAction(rawValue: String($0)) }
        return try await casePage(number, context: context, done: done)
    }

    /// A form of the case page (`/cases/{number}/{action}`): the session's token, then one store call as the session's
    /// staff member at the server's clock; a refusal shows the store's message on the page, the form filled in.
    @Sendable func act(_ request: Request, context: DeskContext) async throws -> Response {
        let number = try context.parameters.require("number")
        if try context.parameters.require("action") == "applicant" {
            return try await showApplicant(request, context: context, number: number)
        }
        let now = desk.configuration.now
        let rules = desk.configuration.rules
        return try await pages.act(
            request, context: context, action: HallActions.caseAction(slug:),
            perform: { database, action, form, actor in
                let (command, kind) = try HallActions.command(action, from: form)
                _ = try database.apply(
                    command, toCase: number, actor: actor, at: now, rules: rules, badRatingKind: kind)
            },
            isMissing: { if case HallError.unknownCase(let missing) = $0 { missing == number } else { false } },
            page: { status, error, refused in
                try await casePage(number, context: context, status: status, error: error, refused: refused)
            })
    }

    /// `/cases/{number}/applicant`: the case page with the applicant's name and phone, for those the permission table
    /// lets see them (`Permission.authorizeApplicantData`); posted with the session's token, since the store writes
    /// each look to the audit log, as `govdesk case show --include-pii` does.
    func showApplicant(_ request: Request, context: DeskContext, number: String) async throws -> Response {
        let signed = try context.requireIdentity()
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let now = desk.configuration.now
        do {
            try await desk.store { try $0.authorizeApplicantData(ofCase: number, actor: signed.staff.code, at: now) }
            return try await casePage(number, context: context, showApplicant: true)
        } catch let error as GovDeskError {
            if case HallError.unknownCase = error { return pages.notFound(number, context: context) }
            return try await casePage(
                number, context: context, status: HallActions.status(of: error), error: error.message(context.language))
        }
    }

    /// What the case page shows, read in one go.
    struct Loaded: Sendable {
        var c: WindowCase
        var events: [CaseEvent]
        var item: ServiceItem?
        var windowStaff: Set<String>
        var actorWindows: Set<String>
        var finding: String?
        var names: HallNames
    }

    func casePage(
        _ number: String, context: DeskContext, status: HTTPResponse.Status = .ok, error: String? = nil,
        done: CaseAction? = nil, showApplicant: Bool = false, refused: (action: CaseAction, form: Form)? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let staff = signed.staff
        let now = desk.configuration.now
        let loaded: Loaded
        do {
            loaded = try await desk.store { database in
                let c = try database.windowCase(number)
                let windows = try database.windows()
                return Loaded(
                    c: c, events: try database.caseEvents(of: number), item: try? database.item(c.item),
                    windowStaff: Set(windows.first { $0.code == c.window }?.staff ?? []),
                    actorWindows: Set(windows.filter { $0.staff.contains(staff.code) }.map(\.code)),
                    finding: try database.ratingFinding(ofCase: number), names: try HallNames(database))
            }
        } catch HallError.unknownCase {
            return pages.notFound(number, context: context)
        }
        let c = loaded.c
        let language = context.language
        let words = Words(language)
        let clock = HallClock(desk: desk, language: language, now: now)
        let names = loaded.names
        var itemName = names.item(c.item)
        if let item = loaded.item {
            itemName += words.t(
                "，承诺时限 \(item.committedDays == 0 ? "即办" : "\(item.committedDays) 个工作日")",
                ", committed \(item.committedDays == 0 ? "same day" : Self.workingDays(item.committedDays))")
        }
        var view: [String: Any] = [
            "caseNumber": c.number, "caseState": words.label(c.state), "due": clock.deadline(c.due),
            "clock": clock.text(c), "visits": c.visits, "rating": HallClock.rating(c.rating, language),
            "itemName": itemName, "windowName": names.window(c.window),
            "firstResponsible": names.person(c.firstResponsible),
            "applicant": Printable.escaped(showApplicant ? c.applicantName : PersonalData.maskName(c.applicantName)),
            "applicantPhone": Printable.escaped(
                (showApplicant ? c.applicantPhone : PersonalData.maskPhone(c.applicantPhone)).ifEmpty("—")),
            "receivedAt": desk.time(c.receivedAt), "finishedAt": desk.time(c.finishedAt),
            "materialRequests": c.materialRequests, "breaches": c.breaches, "formToken": signed.csrfToken,
            "mayShowApplicant": !showApplicant
                && (try? Permission.authorizeApplicantData(of: c, windowStaff: loaded.windowStaff, by: staff)) != nil,
            "forms": HallActions(language: language, token: signed.csrfToken).forms(
                for: c, staff: staff, actorWindows: loaded.actorWindows,
                pastActors: RuleTable<CaseState, CaseAction>.latestActors(loaded.events.map { ($0.action, $0.actor) }),
                refused: refused),
            "events": loaded.events.map { event($0, language: language, names: names) },
        ]
        view["refusalReason"] = c.refusalReason.map { Printable.escaped($0, keepsLines: true) }
        view["ratingFinding"] = loaded.finding
        var notice = HallRecordPages.notice(
            done: done, error: error, last: loaded.events.last.map { ($0.action, $0.actor) }, staff: staff.code, words)
        if notice != nil, done == .rate, let finding = loaded.finding {
            notice! += words.t(
                " 差评已自动交办整改 \(finding)，期限 15 个工作日。",
                " The bad rating opened rectification \(finding), due in 15 working days.")
        }
        return desk.page(
            "caseShow", title: words.t("办件 \(c.number)", "Case \(c.number)"),
            values: ["caseView": view, "subtitle": names.item(c.item)], context: context, status: status, error: error,
            notice: notice)
    }

    /// The details a case's timeline shows, in this order: what people wrote and decided (never the applicant's data,
    /// which the case row holds, not its events).
    static let shownDetails: [(String, String, String)] =
        [
            ("materials", "补正材料", "Materials"), ("note", "说明", "Note"), ("reason", "理由", "Reason"),
            ("score", "评价", "Rating"), ("comment", "评价内容", "Comment"),
            ("breach", "一次性告知", "One-time notification"),
        ] + HallRecordPages.commonDetails

    func event(_ event: CaseEvent, language: Language, names: HallNames) -> [String: Any] {
        pages.timelineRow(
            sequence: event.sequence, at: event.at, recordedAt: event.recordedAt, action: event.action,
            from: event.from, to: event.to, actor: event.actor, details: event.details, shown: Self.shownDetails,
            first: event.breach ? [language == .zh ? "【违反一次性告知】" : "[breach of one-time notification]"] : [],
            language: language, names: names)
    }
}

/// The names the hall's pages show beside codes: items, windows, departments and people, as `名称（代码）`.
struct HallNames: Sendable {
    var items: [String: String] = [:]
    var windows: [String: String] = [:]
    var departments: [String: String] = [:]
    var people: [String: String] = [:]

    init() {}

    init(_ database: GovDeskDatabase) throws {
        func names(_ pairs: [(String, String)]) -> [String: String] {
            Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        }
        items = names(try database.items().map { ($0.code, $0.name) })
        windows = names(try database.windows().map { ($0.code, $0.name) })
        departments = try database.departmentNames()
        people = names(try database.staff().map { ($0.code, $0.name) })
    }

    private static func named(_ code: String, _ names: [String: String]) -> String {
        names[code].map { "\(Printable.escaped($0))（\(code)）" } ?? Printable.escaped(code)
    }

    func item(_ code: String) -> String { Self.named(code, items) }
    func window(_ code: String) -> String { Self.named(code, windows) }
    func department(_ code: String) -> String { Self.named(code, departments) }
    func person(_ code: String) -> String { Self.named(code, people) }
}

/// The hall's clocks as pages show them: committed and rectification deadlines and the time left, as
/// `govdesk case list` and `govdesk finding list` print them.
struct HallClock {
    let desk: Desk
    let language: Language
    let now: Date

    private func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    func deadline(_ date: Date?) -> String {
        date.map(desk.configuration.localTime.formatDeadline) ?? "—"
    }

    private func left(_ deadline: Date) -> String {
        let left = deadline.timeIntervalSince(now)
        let span = LocalTime.duration(left, language)
        return left >= 0 ? t("还剩 \(span)", "\(span) left") : t("已超期 \(span)", "overdue by \(span)")
    }

    /// `还剩 …` or `已超期 …` while open; `按时` or `超期 …` once finished.
    func text(_ c: WindowCase) -> String {
        guard let finished = c.finishedAt else { return left(c.due) }
        let late = finished.timeIntervalSince(c.due)
        return late <= 0
            ? t("按时", "on time")
            : t("超期 \(LocalTime.duration(late, language))", "late by \(LocalTime.duration(late, language))")
    }

    /// `还剩 …` or `已超期 …` while assigned; `按期整改` or `逾期整改` once rectified.
    func text(_ f: Finding) -> String {
        guard let deadline = f.deadline else { return "—" }
        if f.state == .assigned { return left(deadline) }
        guard let rectified = f.rectifiedAt else { return "—" }
        return rectified <= deadline ? t("按期整改", "rectified on time") : t("逾期整改", "rectified late")
    }

    /// `4 · 满意`, or `—` before the applicant rated.
    static func rating(_ score: Int?, _ language: Language) -> String {
        guard let score, let level = RatingLevel(rawValue: score) else { return "—" }
        return "\(score) · \(level.label(language))"
    }
}
