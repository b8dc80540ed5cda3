import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/letters`: supervision letters (提醒函 / 预警函, DESIGN §4) on the web — the list with the filters of
/// `govdesk letters list`, one letter as `letters show` prints it, and the form that issues the letters due now (the
/// store's `issueLetters`, as `letters issue` calls it, with the session's staff member and the server's clock).
///
/// Supervisors and administrators read every letter; a liaison reads the letters addressed to their own department
/// (they receive them), nobody else reads them here. Issuing is the store's to allow or refuse.
struct LetterController {
    let desk: Desk

    /// Letters the list shows at most; the heading says how many match.
    static let rowLimit = 100

    func addRoutes(to group: RouterGroup<DeskContext>) {
        group.get("/letters", use: list)
        group.post("/letters/issue", use: issue)
        group.get("/letters/{letter}", use: show)
    }

    /// Whose letters a staff member reads on these pages: all, one department's, or none (nil).
    enum Scope: Equatable {
        case all
        case department(String)
    }

    static func scope(of staff: StaffMember) -> Scope? {
        if ReportController.mayRead(staff) { return .all }
        if staff.roles.contains(.liaison) { return .department(staff.department) }
        return nil
    }

    /// The list's filters, as typed into its form.
    struct Query: Sendable {
        var kind = ""
        var department = ""
        var year = ""
        var month = ""
        var paging: Paging?

        init() {}

        init(_ request: Request) {
            func value(_ name: String) -> String {
                String(request.uri.queryParameters.get(name) ?? "").trimmingCharacters(in: .whitespaces)
            }
            kind = value("kind")
            department = value("department")
            year = value("year")
            month = value("month")
            paging = Paging(request, size: LetterController.rowLimit)
        }
    }

    @Sendable func list(_ request: Request, context: DeskContext) async throws -> Response {
        try await listPage(Query(request), context: context)
    }

    /// The form of the list page: the session's token, then the store's `issueLetters` at the server's clock; the page
    /// then shows what was issued, or the store's refusal.
    @Sendable func issue(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let words = Words(context.language)
        let now = desk.configuration.now
        let settings = desk.configuration.letters
        let localTime = desk.configuration.localTime
        let years = Set(desk.configuration.rules.calendar.loadedYears)
        let actor = signed.staff.code
        do {
            let letters = try await desk.store { database in
                try database.issueLetters(
                    actor: actor, at: now, settings: settings, localTime: localTime, calendarYears: years)
            }
            let notice =
                letters.isEmpty
                ? words.t("没有到期的督办函。", "No letters are due.")
                : words.t("已签发 \(letters.count) 份督办函。", "\(letters.count) letter(s) issued.")
            return try await listPage(Query(), context: context, notice: notice, issued: letters)
        } catch let error as GovDeskError {
            return try await listPage(
                Query(), context: context, status: TicketController.status(of: error),
                error: error.message(context.language))
        }
    }

    @Sendable func show(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let words = Words(context.language)
        guard let scope = Self.scope(of: signed.staff) else { return forbidden(context: context) }
        let given = try context.parameters.require("letter")
        // As `letters show` reads it: [2026] or (2026) for 〔2026〕, and 〔2026〕3号 without its 第.
        let number = LetterRules.normalizedNumber(given.removingPercentEncoding ?? given)
        let loaded: (letter: SupervisionLetter, training: Bool)
        do {
            loaded = try await desk.store { database in (try database.letter(number), database.kind == .training) }
        } catch LetterError.unknownLetter {
            return desk.page(
                "message", title: words.t("未找到督办函", "No such letter"), values: [:], context: context,
                status: .notFound,
                error: words.t(
                    "没有文号为 \(Printable.quoted(number, limit: 60)) 的督办函。",
                    "There is no letter \(Printable.quoted(number, limit: 60))."))
        }
        let (letter, training) = loaded
        if case .department(let own) = scope, letter.department != own {
            return desk.page(
                "message", title: words.t("督办函", "Supervision letter"), values: [:], context: context,
                status: .forbidden,
                error: words.t(
                    "该督办函不是发给本部门的：承办人只能查看发给本部门的督办函。",
                    "This letter is addressed to another department: a liaison reads their own department's letters."
                ))
        }
        var text = letter.text
        // As `letters show` prints it: a training database's letter begins with its note, which letters issued before
        // the note existed lack in their stored text (DESIGN §11.5).
        let note = "> " + LetterRenderer.trainingNoteText
        if training, !text.hasPrefix(note) { text = note + "\n\n" + text }
        let shown: [String: Any] = [
            "kind": words.label(letter.kind),
            "department": "\(Printable.escaped(letter.departmentName))（\(letter.department)）",
            "issuedAt": desk.time(letter.issuedAt), "issuedBy": letter.issuedBy, "items": letter.items.count,
            "letterText": Printable.escaped(text, keepsLines: true), "letterHTML": LetterHTML.render(text),
        ]
        return desk.page(
            "letter", title: letter.number, values: ["shown": shown, "subtitle": words.label(letter.kind)],
            context: context)
    }

    /// The list page: filters, the issue form for those who may issue, what was just issued, and the letters
    /// matching the filters, newest first. A refusal for someone who may not read letters is shown on its own.
    func listPage(
        _ query: Query, context: DeskContext, status: HTTPResponse.Status = .ok, error: String? = nil,
        notice: String? = nil, issued: [SupervisionLetter]? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let words = Words(context.language)
        guard let scope = Self.scope(of: signed.staff) else {
            guard let error else { return forbidden(context: context) }
            return desk.page(
                "message", title: words.t("督办函", "Supervision letters"), values: [:], context: context,
                status: status, error: error)
        }
        var filter = LetterFilter()
        let paging = query.paging ?? Paging(page: 1, size: Self.rowLimit)
        filter.limit = paging.size
        filter.offset = paging.offset
        var problems: [String] = []
        if !query.kind.isEmpty {
            if let kind = LetterKind(rawValue: query.kind) {
                filter.kind = kind
            } else {
                problems.append(words.t("类别须为提醒函或预警函。", "The kind is a reminder or a warning."))
            }
        }
        if case .department(let own) = scope {
            filter.department = own
        } else if !query.department.isEmpty {
            filter.department = query.department
        }
        if !query.year.isEmpty {
            let zone = desk.configuration.localTime.timeZone
            if let year = Int(query.year), (2000...2100).contains(year), let first = Month(year: year, month: 1),
                let next = Month(year: year + 1, month: 1)
            {
                filter.issuedFrom = first.start(in: zone)
                filter.issuedBefore = next.start(in: zone)
            } else {
                problems.append(words.t("年度写作四位数字，如 2025。", "The year is four digits, such as 2025."))
            }
        }
        if !query.month.isEmpty {
            // As `letters list --month`: issued in that local month (and, with a year too, in both).
            let zone = desk.configuration.localTime.timeZone
            if let month = Month(query.month), (2000...2100).contains(month.year) {
                filter.issuedFrom = max(filter.issuedFrom ?? .distantPast, month.start(in: zone))
                filter.issuedBefore = min(filter.issuedBefore ?? .distantFuture, month.end(in: zone))
            } else {
                problems.append(words.t("月份写作 YYYY-MM，如 2025-06。", "The month is YYYY-MM, such as 2025-06."))
            }
        }
        let chosen = filter
        let (letters, total, departments) = try await desk.store { database in
            (try database.letters(matching: chosen), try database.count(matching: chosen), try database.departments())
        }
        // Newest first: the store gives the latest `limit` in order of issue.
        let rows = problems.isEmpty ? letters.reversed().map { row($0, words: words) } : []
        var values: [String: Any] = [
            "csrf": signed.csrfToken, "year": query.year, "monthText": query.month,
            "mayIssue": Permission.issueLetters.isHeld(by: signed.staff),
            "kinds": LetterKind.allCases.map { kind -> [String: Any] in
                ["value": kind.rawValue, "label": words.label(kind), "selected": kind.rawValue == query.kind]
            },
            "listed": [
                "rows": rows, "hasRows": !rows.isEmpty,
                "count": !problems.isEmpty ? "\(rows.count)" : paging.tally(shown: rows.count, total: total, words),
            ],
        ]
        if problems.isEmpty,
            let pager = paging.links(
                total: total, path: "/letters",
                keeping: [
                    ("kind", query.kind), ("department", query.department), ("year", query.year),
                    ("month", query.month),
                ], words)
        {
            values["pager"] = pager
        }
        if scope == .all {
            values["links"] = Self.links(
                words, now: desk.configuration.now, zone: desk.configuration.localTime.timeZone)
        }
        if scope == .all {
            values["departmentChoice"] = [
                "departments": departments.map { department -> [String: Any] in
                    [
                        "value": department.code, "label": "\(Printable.escaped(department.name))（\(department.code)）",
                        "selected": department.code == query.department,
                    ]
                }
            ]
        }
        if let issued {
            let issuedRows = issued.map { row($0, words: words) }
            values["issued"] = ["rows": issuedRows, "hasRows": !issuedRows.isEmpty, "issuedCount": issuedRows.count]
        }
        var subtitle: String?
        if case .department(let own) = scope {
            let name = departments.first { $0.code == own }?.name
            subtitle = words.t("发给本部门的督办函：", "Letters to your department: ") + (name ?? own)
        }
        values["subtitle"] = subtitle.map { Printable.escaped($0) }
        let shownError = error ?? (problems.isEmpty ? nil : problems.joined(separator: " "))
        return desk.page(
            "letters", title: words.t("督办函", "Supervision letters"), values: values, context: context,
            status: error == nil && !problems.isEmpty ? .badRequest : status, error: shownError, notice: notice)
    }

    func row(_ letter: SupervisionLetter, words: Words) -> [String: Any] {
        [
            "href": Self.path(of: letter.number), "letterNumber": letter.number, "kind": words.label(letter.kind),
            "subjects": letter.subjectKinds.map { words.label($0) }.joined(
                separator: words.language == .zh ? "、" : ", "),
            "department": "\(Printable.escaped(letter.departmentName))（\(letter.department)）",
            "items": letter.items.count, "issuedAt": desk.time(letter.issuedAt), "issuedBy": letter.issuedBy,
            "rowClass": letter.kind == .warning ? "red" : "",
        ]
    }

    /// The letter's page: its number percent-encoded, since it holds 〔〕 and Chinese.
    static func path(of number: String) -> String {
        "/letters/" + (number.addingPercentEncoding(withAllowedCharacters: unreserved) ?? number)
    }

    /// The characters a path segment keeps as they are (RFC 3986 unreserved).
    static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The supervisor's pages, linked from each of them: letters, month close, the last month's ranking and report.
    static func links(_ words: Words, now: Date, zone: TimeZone) -> [[String: String]] {
        let month = Month(containing: now, in: zone).previous
        return [
            ["href": "/letters", "label": words.t("督办函", "Supervision letters")],
            ["href": "/months", "label": words.t("月结", "Month close")],
            ["href": "/evaluations/\(month)", "label": words.t("\(month) 绩效考核排名", "Ranking of \(month)")],
            ["href": "/reports/\(month)", "label": words.t("\(month) 月度报告", "Report of \(month)")],
        ]
    }

    func forbidden(context: DeskContext) -> Response {
        let words = Words(context.language)
        return desk.page(
            "message", title: words.t("督办函", "Supervision letters"), values: [:], context: context,
            status: .forbidden,
            error: words.t(
                "督办函仅供督办人员查看；承办人可查看发给本部门的督办函。",
                "Supervision letters are for supervisors; a liaison reads the letters to their own department."))
    }
}
