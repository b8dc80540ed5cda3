import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// The ticket page (`/tickets/{number}`) with its action forms (`TicketActions`), which call the same store method as
/// `govdesk ticket …` with the session's staff member and the server's clock. A refusal shows the store's own message
/// on the ticket page.
struct TicketController {
    let desk: Desk

    func addRoutes(to group: RouterGroup<DeskContext>) {
        group.get("/tickets", use: find)
        group.get("/tickets/{number}", use: show)
        group.post("/tickets/{number}/{action}", use: act)
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
        let done = request.uri.queryParameters.get("done").flatMap { TicketAction(rawValue: String($0)) }
        return try await ticketPage(number, context: context, done: done)
    }

    /// A form of the ticket page (`/tickets/{number}/{action}`): the session's token, then one store call as the
    /// session's staff member at the server's clock; a refusal shows the store's message on the page.
    @Sendable func act(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let number = try context.parameters.require("number")
        let slug = try context.parameters.require("action")
        if slug == "caller" { return try await showCaller(request, context: context, number: number) }
        guard let action = TicketActions.action(slug: slug) else {
            let words = Words(context.language)
            return desk.page(
                "message", title: words.t("无此操作", "No such action"), values: [:], context: context,
                status: .notFound,
                error: words.t(
                    "工单没有 \(Printable.quoted(slug, limit: 40)) 这一操作。",
                    "A ticket has no action \(Printable.quoted(slug, limit: 40))."))
        }
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let now = desk.configuration.now
        let rules = desk.configuration.rules
        do {
            let command = try TicketCommandForm.command(action, from: form)
            try await desk.store { database in
                _ = try database.apply(command, to: number, actor: signed.staff.code, at: now, rules: rules)
            }
            return Desk.redirect(to: "/tickets/\(number)?done=\(action.rawValue)")
        } catch let error as GovDeskError {
            if case TicketError.unknownTicket(let missing) = error, missing == number {
                return notFound(number, context: context)
            }
            // The form comes back as it was filled in: a refusal costs no retyping.
            return try await ticketPage(
                number, context: context, status: Self.status(of: error), error: error.message(context.language),
                refused: (action, form))
        }
    }

    /// `/tickets/{number}/caller`: the ticket page with the caller's name and phone, for those allowed to call the
    /// citizen back (`Permission.authorizeCallerData`); posted with the session's token, since each look is written to
    /// the audit log (DESIGN §11.1).
    func showCaller(_ request: Request, context: DeskContext, number: String) async throws -> Response {
        let signed = try context.requireIdentity()
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        do {
            return try await ticketPage(number, context: context, showCaller: true)
        } catch let error as GovDeskError {
            return try await ticketPage(
                number, context: context, status: Self.status(of: error), error: error.message(context.language))
        }
    }

    /// The HTTP status of a refusal: a role or department is 403, a state that does not allow it 409, bad input 400.
    static func status(of error: any GovDeskError) -> HTTPResponse.Status {
        switch error {
        case is PermissionError: return .forbidden
        case TicketError.roleDenied, TicketError.departmentDenied, TicketError.ownWork: return .forbidden
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
        done: TicketAction? = nil, showCaller: Bool = false, refused: (action: TicketAction, form: Form)? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let loaded: (Ticket, [TicketEvent], [Department], String?, [String: String])
        let now = desk.configuration.now
        do {
            loaded = try await desk.store { database in
                // The caller's name and phone only through the audited read, which checks who may see them.
                let (ticket, events) =
                    showCaller
                    ? try database.ticketWithCallerData(number, actor: signed.staff.code, at: now)
                    : (try database.ticket(number), try database.events(of: number))
                let hint = try database.topics().first { $0.path == ticket.topic && $0.active }?.department
                let people = Dictionary(
                    try database.staff().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
                return (ticket, events, try database.departments(), hint, people)
            }
        } catch TicketError.unknownTicket {
            return notFound(number, context: context)
        }
        let (ticket, events, directory, hint, people) = loaded
        let departments = Dictionary(directory.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let words = Words(context.language)
        let language = context.language
        let clocks = Clocks(desk: desk, words: words, now: now)
        func department(_ code: String?) -> String {
            guard let code else { return "—" }
            return departments[code].map { "\(Printable.escaped($0))（\(code)）" } ?? code
        }
        var values: [String: Any] = [
            "number": ticket.number, "csrf": signed.csrfToken, "stateCode": ticket.state.rawValue,
            "state": words.label(ticket.state), "type": words.label(ticket.type),
            "channel": words.label(ticket.channel), "topic": Printable.escaped(ticket.topic),
            "lead": department(ticket.leadDepartment),
            "co": ticket.coDepartments.isEmpty ? "—" : ticket.coDepartments.map(department).joined(separator: "、"),
            "address": Printable.escaped(
                [ticket.street, ticket.address].compactMap { $0 }.joined(separator: " ").ifEmpty("—")),
            "description": Printable.escaped(ticket.description, keepsLines: true),
            "createdAt": desk.time(ticket.createdAt), "dispatchedAt": desk.time(ticket.dispatchedAt),
            "signDeadline": clocks.deadline(ticket.signDeadline), "signedAt": desk.time(ticket.signedAt),
            "mark": desk.time(clocks.markTime(ticket)), "deadline": clocks.deadline(ticket.deadline),
            "clockLabel": ticket.state == .dispatched ? words.t("签收时限", "Sign by") : words.t("办理时限", "Due"),
            "clock": clocks.deadline(ticket.state == .dispatched ? ticket.signDeadline : ticket.deadline),
            "remaining": clocks.remaining(of: ticket) == "—" ? "" : clocks.remaining(of: ticket),
            "repliedAt": desk.time(ticket.repliedAt), "closedAt": desk.time(ticket.closedAt),
            "onTime": ticket.onTime.map { $0 ? words.t("是", "yes") : words.t("否", "no") } ?? "—",
            "forms": TicketActions(language: language).forms(
                for: ticket, staff: signed.staff,
                pastActors: RuleTable<TicketState, TicketAction>.latestActors(events.map { ($0.action, $0.actor) }),
                departments: directory.filter(\.active).map { (code: $0.code, name: $0.name) }, hint: hint,
                now: now, refused: refused),
            "events": events.map { event(of: $0, language: language, departments: departments, people: people) },
            "mayShowCaller": !showCaller
                && (try? Permission.authorizeCallerData(of: ticket, takenBy: events.first?.actor, by: signed.staff))
                    != nil
                ,
        ]
        if showCaller {
            values["callerShown"] = true
            values["callerName"] = Printable.escaped(ticket.callerName.ifEmpty("—"))
            values["callerPhone"] = Printable.escaped(ticket.callerPhone.ifEmpty("—"))
        }
        if let pending = ticket.pendingExtension {
            values["pendingExtension"] = words.t(
                "\(pending.days) 个工作日：\(Printable.escaped(pending.reason))",
                "\(pending.days) working days: \(Printable.escaped(pending.reason))")
        }
        // A notice only for what this person just did, as the timeline's last entry shows: a link with `?done=` made
        // by someone else announces nothing.
        var notice: String?
        if let done, error == nil, let last = events.last, last.action == done, last.actor == signed.staff.code {
            notice = words.t("已完成：\(words.label(done))。", "Done: \(words.label(done)).")
        }
        return desk.page(
            "ticket", title: words.t("工单 \(ticket.number)", "Ticket \(ticket.number)"),
            values: ["ticket": values, "subtitle": Printable.escaped(ticket.topic)], context: context, status: status,
            error: error, notice: notice)
    }

    /// One line of the timeline: what was done, by whom, when it took effect and, when later, when it was recorded.
    func event(
        of event: TicketEvent, language: Language, departments: [String: String], people: [String: String]
    ) -> [String: Any] {
        func shown(_ key: String, _ value: String) -> String {
            switch key {
            case DetailKey.lead, DetailKey.co:
                // Departments by name, as people know them.
                return value.split(separator: ",").map { code in
                    departments[String(code)].map { "\($0)（\(code)）" } ?? String(code)
                }.joined(separator: language == .zh ? "、" : ", ")
            default: return Self.shown(key, value, language)
            }
        }
        let colon = language == .zh ? "：" : ": "
        var values: [String: Any] = [
            "sequence": event.sequence, "at": desk.time(event.at), "action": Words(language).label(event.action),
            "states": (event.from.map { Words(language).label($0) + " → " } ?? "") + Words(language).label(event.to),
            "actor": people[event.actor].map { "\(Printable.escaped($0))（\(event.actor)）" } ?? event.actor,
            "details": Self.shownDetails.compactMap { key, label in
                event.details[key].flatMap {
                    $0.isEmpty ? nil : "\(label(language))\(colon)\(Printable.escaped(shown(key, $0)))"
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
        (DetailKey.lead, { $0 == .zh ? "主办" : "Lead" }), (DetailKey.co, { $0 == .zh ? "协办" : "Co" }),
        (DetailKey.text, { $0 == .zh ? "内容" : "Text" }), (DetailKey.outcome, { $0 == .zh ? "办理结果" : "Outcome" }),
        (DetailKey.reason, { $0 == .zh ? "理由" : "Reason" }), (DetailKey.days, { $0 == .zh ? "天数" : "Days" }),
        (DetailKey.satisfaction, { $0 == .zh ? "满意度" : "Satisfaction" }),
        (DetailKey.resolved, { $0 == .zh ? "是否解决" : "Resolved" }), (DetailKey.note, { $0 == .zh ? "备注" : "Note" }),
        (GovDeskDatabase.backdateReasonKey, { $0 == .zh ? "补录理由" : "Back-dating reason" }),
    ]

    /// A detail's value as a reader reads it: an outcome or a yes/no by its label, not its stored code.
    static func shown(_ key: String, _ value: String, _ language: Language) -> String {
        switch key {
        case DetailKey.outcome: return ReplyOutcome(rawValue: value).map { Words(language).label($0) } ?? value
        case DetailKey.resolved:
            switch value {
            case "true": return language == .zh ? "是" : "yes"
            case "false": return language == .zh ? "否" : "no"
            default: return RevisitResolution(rawValue: value).map { Words(language).label($0) } ?? value
            }
        default: return value
        }
    }

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
