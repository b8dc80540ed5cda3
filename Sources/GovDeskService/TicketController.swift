import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// The liaison's queue (`/queue`) and the ticket page (`/tickets/{number}`) with its sign and reply forms, which call
/// the same store method as `govdesk ticket sign|reply` with the session's staff member and the server's clock. A
/// refusal shows the store's own message on the ticket page.
struct TicketController {
    let desk: Desk

    func addRoutes(to group: RouterGroup<DeskContext>) {
        group.get("/", use: { _, _ in Desk.redirect(to: "/queue") })
        group.get("/queue", use: queue)
        group.get("/tickets", use: find)
        group.get("/tickets/{number}", use: show)
        group.post("/tickets/{number}/sign", use: sign)
        group.post("/tickets/{number}/reply", use: reply)
    }

    // MARK: - Queue

    @Sendable func queue(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let words = Words(context.language)
        var values: [String: Any] = [:]
        let isLiaison = signed.staff.roles.contains(.liaison)
        if isLiaison {
            let department = signed.staff.department
            let (toSign, handling) = try await desk.store { database in
                var filter = TicketFilter()
                filter.department = department
                filter.limit = 500
                filter.states = [.dispatched]
                let toSign = try database.tickets(matching: filter).filter { $0.leadDepartment == department }
                filter.states = [.handling]
                let handling = try database.tickets(matching: filter).filter { $0.leadDepartment == department }
                return (toSign, handling)
            }
            let now = desk.configuration.now
            let toSignRows = toSign.sorted { ($0.signDeadline ?? .distantFuture) < ($1.signDeadline ?? .distantFuture) }
                .map { row(for: $0, now: now, words: words) }
            let handlingRows = handling.sorted { ($0.deadline ?? .distantFuture) < ($1.deadline ?? .distantFuture) }
                .map { row(for: $0, now: now, words: words) }
            values["liaison"] = true
            values["toSign"] = toSignRows
            values["hasToSign"] = !toSignRows.isEmpty
            values["toSignCount"] = toSignRows.count
            values["handling"] = handlingRows
            values["hasHandling"] = !handlingRows.isEmpty
            values["handlingCount"] = handlingRows.count
        }
        let department = try? await desk.store { try $0.department(signed.staff.department) }
        values["subtitle"] = department.map { Printable.escaped($0.name) } ?? signed.staff.department
        return desk.page("queue", title: words.t("工作台", "Queue"), values: values, context: context)
    }

    /// One row of a queue table: its clocks, and how much time is left before the clock that runs now.
    func row(for ticket: Ticket, now: Date, words: Words) -> [String: Any] {
        let running = ticket.state == .dispatched ? ticket.signDeadline : ticket.deadline
        let mark = markTime(ticket)
        var rowClass = ""
        if let running, running <= now {
            rowClass = "red"
        } else if let mark, mark <= now {
            rowClass = "warn"
        }
        var values: [String: Any] = [
            "number": ticket.number, "type": ticket.type.label(words.language),
            "topic": Printable.escaped(ticket.topic), "dispatchedAt": desk.time(ticket.dispatchedAt),
            "signDeadline": deadline(ticket.signDeadline), "signedAt": desk.time(ticket.signedAt),
            "deadline": deadline(ticket.deadline), "mark": desk.time(mark),
            "remaining": remaining(until: running, now: now, words: words), "rowClass": rowClass,
        ]
        if let pending = ticket.pendingExtension {
            values["pendingExtension"] = words.t("申请延期 \(pending.days) 个工作日", "extension of \(pending.days) days asked")
        }
        return values
    }

    /// The 80 % mark of the handling time (DESIGN §12; `letters.reminderShare`): from signing to the deadline in force.
    func markTime(_ ticket: Ticket) -> Date? {
        guard let start = ticket.signedAt, let deadline = ticket.deadline, deadline > start else { return nil }
        return start.addingTimeInterval(deadline.timeIntervalSince(start) * desk.configuration.reminderShare)
    }

    func deadline(_ date: Date?) -> String {
        date.map(desk.configuration.localTime.formatDeadline) ?? "—"
    }

    func remaining(until deadline: Date?, now: Date, words: Words) -> String {
        guard let deadline else { return "—" }
        let left = deadline.timeIntervalSince(now)
        let span = LocalTime.duration(left, words.language)
        return left >= 0 ? words.t("还剩 \(span)", "\(span) left") : words.t("已超期 \(span)", "overdue by \(span)")
    }

    // MARK: - Ticket page

    /// `/tickets?number=…`: the search box of the queue.
    @Sendable func find(_ request: Request, context: DeskContext) async throws -> Response {
        // A form's query writes a space as `+`, which Hummingbird's query parameters leave as it is.
        let number = String(request.uri.queryParameters.get("number") ?? "").replacingOccurrences(of: "+", with: " ")
            .trimmingCharacters(in: .whitespaces)
        guard RecordNumberShape.isPlausible(number) else { return notFound(number, context: context) }
        return Desk.redirect(to: "/tickets/\(number)")
    }

    @Sendable func show(_ request: Request, context: DeskContext) async throws -> Response {
        let number = try context.parameters.require("number")
        let notice: String? =
            switch request.uri.queryParameters.get("done") {
            case "sign": Words(context.language).t("已签收。", "Signed.")
            case "reply": Words(context.language).t("已回复，待审核。", "Replied; awaiting review.")
            default: nil
            }
        return try await ticketPage(number, context: context, notice: notice)
    }

    @Sendable func sign(_ request: Request, context: DeskContext) async throws -> Response {
        try await act(request, context: context) { _ in .sign }
    }

    @Sendable func reply(_ request: Request, context: DeskContext) async throws -> Response {
        try await act(request, context: context) { form in
            let text = (form["text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            // The outcome is the liaison's own statement and counts in the report: never a default (the command
            // line requires --outcome too).
            guard let outcome = form["outcome"].flatMap(ReplyOutcome.init(rawValue:)) else {
                throw TicketError.invalidField(name: "outcome", message: Self.outcomeChoices)
            }
            return .reply(text: text, outcome: outcome)
        }
    }

    /// A form of the ticket page: the session's token, then one store call as the session's staff member at the
    /// server's clock; a refusal shows the store's message on the page.
    func act(
        _ request: Request, context: DeskContext, command: @escaping @Sendable (Form) throws -> TicketCommand
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let number = try context.parameters.require("number")
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let now = desk.configuration.now
        let rules = desk.configuration.rules
        do {
            let action = try command(form)
            try await desk.store { database in
                _ = try database.apply(action, to: number, actor: signed.staff.code, at: now, rules: rules)
            }
            return Desk.redirect(to: "/tickets/\(number)?done=\(action.action.rawValue)")
        } catch let error as GovDeskError {
            if case TicketError.unknownTicket = error { return notFound(number, context: context) }
            return try await ticketPage(
                number, context: context, status: Self.status(of: error), error: error.message(context.language))
        }
    }

    /// The HTTP status of a refusal: a role or department is 403, a state that does not allow it 409, bad input 400.
    static func status(of error: any GovDeskError) -> HTTPResponse.Status {
        switch error {
        case is PermissionError: return .forbidden
        case TicketError.roleDenied, TicketError.departmentDenied: return .forbidden
        default: break
        }
        switch error.kind {
        case .refused: return .conflict
        case .usage, .badData: return .badRequest
        case .storage: return .internalServerError
        }
    }

    func ticketPage(
        _ number: String, context: DeskContext, status: HTTPResponse.Status = .ok, error: String? = nil,
        notice: String? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let loaded: (Ticket, [TicketEvent], [String: String])
        do {
            loaded = try await desk.store { database in
                let ticket = try database.ticket(number)
                let names = Dictionary(
                    try database.departments().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
                return (ticket, try database.events(of: number), names)
            }
        } catch TicketError.unknownTicket {
            return notFound(number, context: context)
        }
        let (ticket, events, departments) = loaded
        let words = Words(context.language)
        let language = context.language
        let now = desk.configuration.now
        let mayAct = signed.staff.roles.contains(.liaison) || signed.staff.roles.contains(.admin)
        func department(_ code: String?) -> String {
            guard let code else { return "—" }
            return departments[code].map { "\(Printable.escaped($0))（\(code)）" } ?? code
        }
        var values: [String: Any] = [
            "number": ticket.number, "csrf": signed.csrfToken, "stateCode": ticket.state.rawValue,
            "state": ticket.state.label(language), "type": ticket.type.label(language),
            "channel": ticket.channel.label(language), "topic": Printable.escaped(ticket.topic),
            "lead": department(ticket.leadDepartment),
            "co": ticket.coDepartments.isEmpty ? "—" : ticket.coDepartments.map(department).joined(separator: "、"),
            "address": Printable.escaped(
                [ticket.street, ticket.address].compactMap { $0 }.joined(separator: " ").ifEmpty("—")),
            "description": Printable.escaped(ticket.description, keepsLines: true),
            "createdAt": desk.time(ticket.createdAt), "dispatchedAt": desk.time(ticket.dispatchedAt),
            "signDeadline": deadline(ticket.signDeadline), "signedAt": desk.time(ticket.signedAt),
            "mark": desk.time(markTime(ticket)), "deadline": deadline(ticket.deadline),
            "clockLabel": ticket.state == .dispatched ? words.t("签收时限", "Sign by") : words.t("办理时限", "Due"),
            "clock": deadline(ticket.state == .dispatched ? ticket.signDeadline : ticket.deadline),
            "remaining": ticket.state.isOpen && ticket.repliedAt == nil
                ? remaining(
                    until: ticket.state == .dispatched ? ticket.signDeadline : ticket.deadline, now: now, words: words)
                : "",
            "repliedAt": desk.time(ticket.repliedAt), "closedAt": desk.time(ticket.closedAt),
            "onTime": ticket.onTime.map { $0 ? words.t("是", "yes") : words.t("否", "no") } ?? "—",
            "canSign": mayAct && ticket.state == .dispatched,
            "canReply": mayAct && ticket.state == .handling,
            "outcomes": ReplyOutcome.allCases.map { ["value": $0.rawValue, "label": $0.label(language)] },
            "events": events.map { event(of: $0, language: language) },
        ]
        if let pending = ticket.pendingExtension {
            values["pendingExtension"] = words.t(
                "\(pending.days) 个工作日：\(Printable.escaped(pending.reason))",
                "\(pending.days) working days: \(Printable.escaped(pending.reason))")
        }
        return desk.page(
            "ticket", title: words.t("工单 \(ticket.number)", "Ticket \(ticket.number)"),
            values: ["ticket": values, "subtitle": Printable.escaped(ticket.topic)], context: context, status: status,
            error: error, notice: notice)
    }

    /// One line of the timeline: what was done, by whom, when it took effect and, when later, when it was recorded.
    func event(of event: TicketEvent, language: Language) -> [String: Any] {
        var values: [String: Any] = [
            "sequence": event.sequence, "at": desk.time(event.at), "action": event.action.label(language),
            "states": (event.from.map { $0.label(language) + " → " } ?? "") + event.to.label(language),
            "actor": event.actor,
            "details": Self.shownDetails.compactMap { key, label in
                event.details[key].flatMap {
                    $0.isEmpty ? nil : "\(label(language))：\(Printable.escaped(Self.shown(key, $0, language)))"
                }
            }.joined(separator: "\n"),
        ]
        if let recorded = event.recordedAt, recorded.timeIntervalSince(event.at) > 60 {
            values["recordedAt"] =
                (language == .zh ? "录入 " : "recorded ") + desk.time(recorded)
        }
        return values
    }

    /// The details a timeline shows, in this order: what people wrote and decided. Never the caller's name or phone,
    /// which the creation event carries (DESIGN §11.1: shown only to those allowed, each look audited), nor raw
    /// instants.
    static let shownDetails: [(String, (Language) -> String)] = [
        (DetailKey.lead, { $0 == .zh ? "主办" : "lead" }), (DetailKey.co, { $0 == .zh ? "协办" : "co" }),
        (DetailKey.text, { $0 == .zh ? "内容" : "text" }), (DetailKey.outcome, { $0 == .zh ? "办理结果" : "outcome" }),
        (DetailKey.reason, { $0 == .zh ? "理由" : "reason" }), (DetailKey.days, { $0 == .zh ? "天数" : "days" }),
        (DetailKey.satisfaction, { $0 == .zh ? "满意度" : "satisfaction" }),
        (DetailKey.resolved, { $0 == .zh ? "是否解决" : "resolved" }), (DetailKey.note, { $0 == .zh ? "备注" : "note" }),
        (GovDeskDatabase.backdateReasonKey, { $0 == .zh ? "补录理由" : "back-dating reason" }),
    ]

    /// A detail's value as a reader reads it: an outcome or a yes/no by its label, not its stored code.
    static func shown(_ key: String, _ value: String, _ language: Language) -> String {
        switch key {
        case DetailKey.outcome: return ReplyOutcome(rawValue: value)?.label(language) ?? value
        case DetailKey.resolved:
            switch value {
            case "true": return language == .zh ? "是" : "yes"
            case "false": return language == .zh ? "否" : "no"
            default: return value
            }
        default: return value
        }
    }

    /// What a reply's outcome may be, for the refusal of a form without one.
    static let outcomeChoices = Phrase(
        chinese: "请选择办理结果：" + ReplyOutcome.allCases.map { $0.label(.zh) }.joined(separator: "、"),
        english: "choose the outcome: " + ReplyOutcome.allCases.map { $0.label(.en) }.joined(separator: ", "))

    func notFound(_ number: String, context: DeskContext) -> Response {
        let words = Words(context.language)
        return desk.page(
            "message", title: words.t("未找到工单", "No such ticket"), values: [:], context: context, status: .notFound,
            error: words.t(
                "没有编号为 \(Printable.quoted(number, limit: 40)) 的工单。",
                "There is no ticket \(Printable.quoted(number, limit: 40))."))
    }
}

/// What a ticket number typed into the search box may look like before it is looked up.
enum RecordNumberShape {
    static func isPlausible(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 40
            && text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" }
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
