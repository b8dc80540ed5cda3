import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/findings`: findings of experience officers, walkthroughs and bad ratings (整改事项, DESIGN §5.4, §12 "officers:
/// findings"). The list shows unverified findings first by rectification deadline (整改期限), overdue ones marked, a
/// liaison only their department's (the ones they rectify); the form that reports a finding calls the store's
/// `createFinding` as `govdesk finding new` does, and the finding page's forms call `apply(_:toFinding:)` as
/// `govdesk finding assign|rectify|verify|reopen` do, as the session's staff member at the server's clock.
struct FindingController {
    let desk: Desk

    /// Rows a list shows at most; the heading says how many there are.
    static let rowLimit = 50

    var pages: HallRecordPages { .findings(desk) }

    func addRoutes(to group: RouterGroup<DeskContext>) {
        HallRecordPages.addRoutes(
            to: group, path: pages.path, list: list, showNew: showNew, create: create, show: show, act: act)
    }

    // MARK: - The list

    /// The list page's unverified findings and verified ones, of the department in `scope` (nil for every one).
    typealias Listing = HallListing<Finding, String>

    /// The department whose findings `staff` is shown: a liaison's own (they rectify its findings), every one (nil)
    /// for the roles that file, assign and verify findings and for the rest.
    static func scope(of staff: StaffMember) -> String? {
        let privileged = [Role.admin, .supervisor, .officerAdmin].contains { staff.roles.contains($0) }
        return staff.roles.contains(.liaison) && !privileged ? staff.department : nil
    }

    /// The two lists of `/findings`, each at its page: the open ones by deadline, the verified newest first.
    static func listing(
        for staff: StaffMember, at now: Date, open openPage: Paging, verified verifiedPage: Paging,
        _ database: GovDeskDatabase
    ) throws -> Listing {
        var listing = Listing()
        listing.names = try HallNames(database)
        listing.scope = scope(of: staff)
        var open = FindingFilter()
        open.department = listing.scope
        open.states = [.open, .assigned, .rectified]
        open.limit = openPage.size
        open.offset = openPage.offset
        open.soonestDeadlineFirst = true
        listing.open = try database.findings(matching: open)
        listing.openTotal = try database.count(matching: open)
        var overdue = open
        overdue.overdueAt = now
        listing.overdueTotal = try database.count(matching: overdue)
        var verified = FindingFilter()
        verified.department = listing.scope
        verified.states = [.verified]
        verified.limit = verifiedPage.size
        verified.offset = verifiedPage.offset
        listing.closed = try database.findings(matching: verified)
        listing.closedTotal = try database.count(matching: verified)
        return listing
    }

    @Sendable func list(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let staff = signed.staff
        let language = context.language
        let words = Words(language)
        let now = desk.configuration.now
        let openPage = Paging(request, size: Self.rowLimit, name: "open")
        let verifiedPage = Paging(request, size: Self.rowLimit)
        let listing = try await desk.store {
            try Self.listing(for: staff, at: now, open: openPage, verified: verifiedPage, $0)
        }
        let clock = HallClock(desk: desk, language: language, now: now)
        func rows(_ findings: [Finding]) -> [[String: Any]] {
            findings.map { f in
                var row: [String: Any] = [
                    "findingNumber": f.number, "source": words.label(f.source), "kind": words.label(f.kind),
                    "departmentName": listing.names.department(f.department),
                    "windowName": f.window.map(listing.names.window) ?? "—", "findingState": words.label(f.state),
                    "reportedAt": desk.time(f.reportedAt), "deadline": clock.deadline(f.deadline),
                    "clock": clock.text(f), "summary": Printable.quoted(f.description, limit: 40),
                    "rowClass": f.isOverdue(at: now) ? "red" : "",
                ]
                if f.isOverdue(at: now) { row["overdueTag"] = words.t("已逾期", "overdue") }
                return row
            }
        }
        let kept = [
            ("open", openPage.page > 1 ? "\(openPage.page)" : ""),
            ("page", verifiedPage.page > 1 ? "\(verifiedPage.page)" : ""),
        ]
        var heading = words.t("未核验", "Not yet verified")
        if listing.overdueTotal > 0 {
            heading += words.t("，其中逾期 \(listing.overdueTotal)", ", \(listing.overdueTotal) overdue")
        }
        let lists = [
            pages.list(
                heading: heading, page: openPage, rows: rows(listing.open), total: listing.openTotal, kept: kept,
                name: "open", words),
            pages.list(
                heading: words.t("已核验", "Verified"), page: verifiedPage, rows: rows(listing.closed),
                total: listing.closedTotal, kept: kept, name: "page", words),
        ]
        var values: [String: Any] = ["lists": lists, "mayReport": Self.mayReport(staff)]
        if let department = listing.scope {
            values["subtitle"] = words.t(
                "本单位的整改事项：\(listing.names.department(department))",
                "Findings of your department: \(listing.names.department(department))")
        }
        return desk.page("findings", title: words.t("整改事项", "Findings"), values: values, context: context)
    }

    /// Whether the finding rules let `staff` report a finding (the form's link; the store decides again).
    static func mayReport(_ staff: StaffMember) -> Bool {
        (try? FindingMachine.authorize(.create, by: staff, department: nil)) != nil
    }

    // MARK: - Reporting a finding

    @Sendable func showNew(_ request: Request, context: DeskContext) async throws -> Response {
        try await newPage(context: context, form: Form(parsing: ""))
    }

    @Sendable func create(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let now = desk.configuration.now
        let rules = desk.configuration.rules
        let actor = signed.staff.code
        do {
            let draft = try Self.draft(from: form, actor: actor, at: now)
            let finding = try await desk.store { database in
                var draft = draft
                // The responsible department defaults to the window's, then the item's, as at the command line.
                if draft.department.isEmpty, let window = draft.window {
                    draft.department = try database.window(window).department
                }
                if draft.department.isEmpty, let item = draft.item {
                    draft.department = try database.item(item).department
                }
                guard !draft.department.isEmpty else {
                    throw HallError.invalidField(
                        name: "department",
                        message: Phrase(
                            chinese: "请选择责任单位，或选择其所属的窗口或事项",
                            english: "choose the responsible department, or a window or item whose department it is"))
                }
                return try database.createFinding(draft, actor: actor, rules: rules)
            }
            return Desk.redirect(to: "/findings/\(finding.number)?done=\(FindingAction.create.rawValue)")
        } catch let error as GovDeskError {
            return try await newPage(
                context: context, form: form, status: HallActions.status(of: error),
                error: error.message(context.language))
        }
    }

    /// The finding a posted form describes, its department still empty when none was chosen. A walkthrough's reporter
    /// is the person filing it (`govdesk finding new --source walkthrough` without `--reporter`).
    static func draft(from form: Form, actor: String, at now: Date) throws -> Finding {
        guard let source = form.text("source").flatMap(FindingSource.init(rawValue:)), source != .rating else {
            throw HallError.invalidField(
                name: "source",
                message: Phrase(chinese: "请选择来源：体验员或我陪群众走流程", english: "choose the source: officer or walkthrough"))
        }
        guard let kind = form.text("kind").flatMap(FindingKind.init(rawValue:)) else {
            throw HallError.invalidField(name: "kind", message: Phrase(chinese: "请选择问题类别", english: "choose the kind"))
        }
        let reporter: String
        switch source {
        case .officer:
            guard let officer = form.text("officer") else {
                throw HallError.invalidField(
                    name: "officer", message: Phrase(chinese: "请选择发现问题的体验员", english: "choose the officer who found it")
                )
            }
            reporter = officer
        default: reporter = actor
        }
        return Finding(
            number: "", source: source, reporter: reporter, reportedAt: now, window: form.text("window"),
            item: form.text("item"), department: form.text("department") ?? "", staff: form.text("staff"), kind: kind,
            description: form.text("text") ?? "")
    }

    /// The form that reports a finding; a person the finding rules do not let report one gets the core's refusal.
    func newPage(
        context: DeskContext, form: Form, status: HTTPResponse.Status = .ok, error: String? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let language = context.language
        let words = Words(language)
        do {
            try FindingMachine.authorize(.create, by: signed.staff, department: nil)
        } catch {
            return desk.page(
                "message", title: words.t("登记问题", "Report a finding"), values: [:], context: context,
                status: .forbidden, error: error.message(language))
        }
        let (officers, windows, items, departments) = try await desk.store { database in
            (
                try database.officers().filter(\.active), try database.windows().filter(\.active),
                try database.items().filter(\.active), try database.departments().filter(\.active)
            )
        }
        func choice(_ name: String, _ label: String, _ options: [(String, String)], required: Bool) -> [String: Any] {
            [
                "name": name, "label": label, "required": required,
                "options": options.map {
                    ["optionValue": $0.0, "label": $0.1, "chosen": $0.0 == form[name]] as [String: Any]
                },
            ]
        }
        func named(_ code: String, _ name: String) -> String { "\(Printable.escaped(name))（\(code)）" }
        let none = [("", words.t("（无）", "(none)"))]
        let selects: [[String: Any]] = [
            choice(
                "source", words.t("来源", "Source"),
                [FindingSource.officer, .walkthrough].map { ($0.rawValue, words.label($0)) }, required: true),
            choice(
                "officer", words.t("体验员（来源为体验员时必选）", "Officer (when the source is an officer)"),
                none + officers.map { ($0.code, named($0.code, $0.name)) }, required: false),
            choice(
                "kind", words.t("类别", "Kind"),
                [("", words.t("请选择", "Choose"))] + FindingKind.allCases.map { ($0.rawValue, words.label($0)) },
                required: true),
            choice(
                "window", words.t("窗口", "Window"), none + windows.map { ($0.code, named($0.code, $0.name)) },
                required: false),
            choice(
                "item", words.t("事项", "Service item"), none + items.map { ($0.code, named($0.code, $0.name)) },
                required: false),
            choice(
                "department", words.t("责任单位", "Responsible department"),
                none + departments.map { ($0.code, named($0.code, $0.name)) }, required: false),
        ]
        let values: [String: Any] = [
            "formToken": signed.csrfToken, "selects": selects, "typedStaff": form["staff"] ?? "",
            "typedText": form["text"] ?? "",
        ]
        return desk.page(
            "findingNew", title: words.t("登记问题", "Report a finding"), values: values, context: context, status: status,
            error: error)
    }

    // MARK: - The finding page

    @Sendable func show(_ request: Request, context: DeskContext) async throws -> Response {
        let number = try context.parameters.require("number")
        let done = request.uri.queryParameters.get("done").flatMap { FindingAction(rawValue: String($0)) }
        return try await findingPage(number, context: context, done: done)
    }

    /// A form of the finding page (`/findings/{number}/{action}`): the session's token, then one store call as the
    /// session's staff member at the server's clock; a refusal shows the store's message, the form filled in.
    @Sendable func act(_ request: Request, context: DeskContext) async throws -> Response {
        let number = try context.parameters.require("number")
        let now = desk.configuration.now
        let rules = desk.configuration.rules
        return try await pages.act(
            request, context: context, action: HallActions.findingAction(slug:),
            perform: { database, action, form, actor in
                let command = try HallActions.command(action, from: form)
                _ = try database.apply(command, toFinding: number, actor: actor, at: now, rules: rules)
            },
            isMissing: { if case HallError.unknownFinding(let missing) = $0 { missing == number } else { false } },
            page: { status, error, refused in
                try await findingPage(number, context: context, status: status, error: error, refused: refused)
            })
    }

    func findingPage(
        _ number: String, context: DeskContext, status: HTTPResponse.Status = .ok, error: String? = nil,
        done: FindingAction? = nil, refused: (action: FindingAction, form: Form)? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let staff = signed.staff
        let now = desk.configuration.now
        let loaded: (Finding, [FindingEvent], HallNames)
        do {
            loaded = try await desk.store { database in
                (try database.finding(number), try database.findingEvents(of: number), try HallNames(database))
            }
        } catch HallError.unknownFinding {
            return pages.notFound(number, context: context)
        }
        let (f, events, names) = loaded
        let language = context.language
        let words = Words(language)
        let clock = HallClock(desk: desk, language: language, now: now)
        let reporter: String
        switch f.source {
        case .walkthrough: reporter = f.reporter.map(names.person) ?? "—"
        default: reporter = f.reporter.map { Printable.escaped($0) } ?? "—"
        }
        var view: [String: Any] = [
            "findingNumber": f.number, "findingState": words.label(f.state), "deadline": clock.deadline(f.deadline),
            "clock": clock.text(f), "departmentName": names.department(f.department),
            "source": words.label(f.source), "reporter": reporter, "kind": words.label(f.kind),
            "windowName": f.window.map(names.window) ?? "—", "itemName": f.item.map(names.item) ?? "—",
            "staffName": f.staff.map(names.person) ?? "—", "reportedAt": desk.time(f.reportedAt),
            "summary": Printable.escaped(f.description, keepsLines: true),
            "forms": HallActions(language: language, token: signed.csrfToken).forms(
                for: f, staff: staff,
                pastActors: RuleTable<FindingState, FindingAction>.latestActors(events.map { ($0.action, $0.actor) }),
                refused: refused),
            "events": events.map { event($0, language: language, names: names) },
        ]
        view["relatedCase"] = f.caseNumber
        view["rectifyNote"] = f.rectifyNote.map { Printable.escaped($0, keepsLines: true) }
        let notice = HallRecordPages.notice(
            done: done, error: error, last: events.last.map { ($0.action, $0.actor) }, staff: staff.code, words)
        var subtitle = words.label(f.kind)
        if f.isOverdue(at: now) { subtitle += words.t("（已逾期）", " (overdue)") }
        return desk.page(
            "findingShow", title: words.t("整改事项 \(f.number)", "Finding \(f.number)"),
            values: ["findingView": view, "subtitle": subtitle], context: context, status: status, error: error,
            notice: notice)
    }

    /// The details a finding's timeline shows, in this order: what people wrote and decided.
    static let shownDetails: [(String, String, String)] =
        [("days", "期限（工作日）", "Working days"), ("note", "说明", "Note"), ("reason", "理由", "Reason")]
        + HallRecordPages.commonDetails

    func event(_ event: FindingEvent, language: Language, names: HallNames) -> [String: Any] {
        let deadline = event.deadline.map {
            (language == .zh ? "整改期限：" : "Rectify by: ") + desk.configuration.localTime.formatDeadline($0)
        }
        return pages.timelineRow(
            sequence: event.sequence, at: event.at, recordedAt: event.recordedAt, action: event.action,
            from: event.from, to: event.to, actor: event.actor, details: event.details, shown: Self.shownDetails,
            first: deadline.map { [$0] } ?? [], language: language, names: names)
    }
}
