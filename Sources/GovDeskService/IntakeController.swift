import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/intake`: the operator's form for a call (受理, DESIGN §12), with the topic tree and the department that usually
/// leads each topic. It posts to the store's `createTicket`, as `govdesk ticket new` does, as the session's operator at
/// the server's clock, and goes on to the new ticket's page.
struct IntakeController {
    let desk: Desk

    func addRoutes(to group: RouterGroup<DeskContext>) {
        group.get("/intake", use: show)
        group.post("/intake", use: create)
    }

    @Sendable func show(_ request: Request, context: DeskContext) async throws -> Response {
        try await page(context: context, form: Form(parsing: ""))
    }

    @Sendable func create(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let now = desk.configuration.now
        let localTime = desk.configuration.localTime
        do {
            let intake = try Self.intake(from: form)
            let ticket = try await desk.store { database in
                try Self.checkTopic(intake.topic, database)
                return try database.createTicket(intake, actor: signed.staff.code, at: now, localTime: localTime)
            }
            return Desk.redirect(to: "/tickets/\(ticket.number)?done=create")
        } catch let error as GovDeskError {
            return try await page(
                context: context, form: form, status: TicketController.status(of: error),
                error: error.message(context.language))
        }
    }

    /// The intake record a posted form describes; a missing or unknown choice is refused with the field named.
    static func intake(from form: Form) throws -> Ticket.Intake {
        func choice<T: RawRepresentable<String>>(_ name: String, _ type: T.Type, _ label: Phrase) throws -> T {
            guard let value = form[name].flatMap(T.init(rawValue:)) else {
                throw TicketError.invalidField(name: name, message: label)
            }
            return value
        }
        let type = try choice("type", TicketType.self, Phrase(chinese: "请选择诉求类型", english: "choose the type"))
        let channel = try choice("channel", Channel.self, Phrase(chinese: "请选择来源渠道", english: "choose the channel"))
        let intake = Ticket.Intake(
            channel: channel, type: type, topic: form.text("topic") ?? "",
            urgency: form["urgent"] == "on" ? .urgent : .normal, callerName: form.text("caller") ?? "",
            callerPhone: form.text("phone") ?? "", address: form.text("address"), street: form.text("street"),
            description: form.text("text") ?? "")
        try TicketMachine.validate(intake)
        return intake
    }

    /// A topic must be an active node of the database's tree, as at the command line (`TopicTree.check`).
    static func checkTopic(_ path: String, _ database: GovDeskDatabase) throws {
        let topics = try database.topics()
        guard !topics.isEmpty else { return }
        let known = topics.contains { $0.active && ($0.path == path || $0.path.hasPrefix(path + "/")) }
        guard known else {
            throw TicketError.invalidField(
                name: "topic",
                message: Phrase(
                    chinese: "诉求分类 \(Printable.quoted(path)) 不在分类目录中，请从列表中选择",
                    english: "the topic \(Printable.quoted(path)) is not in the topic tree; choose one from the list"))
        }
    }

    func page(
        context: DeskContext, form: Form, status: HTTPResponse.Status = .ok, error: String? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let words = Words(context.language)
        let language = context.language
        guard TicketActions.mayCreate(signed.staff) else {
            return desk.page(
                "message", title: words.t("受理来电", "Log a call"), values: [:], context: context, status: .forbidden,
                error: words.t(
                    "只有受理员可以受理来电（您的角色：\(signed.staff.sortedRoles.map { $0.label(.zh) }.joined(separator: "、"))）。",
                    "Only an operator logs calls (your roles: \(signed.staff.sortedRoles.map(\.rawValue).joined(separator: ", ")))."
                ))
        }
        let (topics, names) = try await desk.store { database in
            (
                try database.topics().filter(\.active),
                try database.departmentNames()
            )
        }
        func options<T: Labelled & RawRepresentable<String> & CaseIterable>(_ type: T.Type, _ chosen: String?)
            -> [[String: Any]]
        {
            T.allCases.map { ["value": $0.rawValue, "label": words.label($0), "selected": $0.rawValue == chosen] }
        }
        // Grouped by 大类, each leaf with the department that usually leads it.
        var groups: [(String, [[String: Any]])] = []
        for topic in topics.sorted(by: { $0.path < $1.path }) {
            let top = String(topic.path.split(separator: "/").first ?? "")
            let lead = names[topic.department].map { Printable.escaped($0) } ?? topic.department
            let option: [String: Any] = [
                "value": topic.path, "label": "\(Printable.escaped(topic.path))（\(words.t("通常", "usually")) \(lead)）",
                "selected": topic.path == form["topic"],
            ]
            if let last = groups.indices.last, groups[last].0 == top {
                groups[last].1.append(option)
            } else {
                groups.append((top, [option]))
            }
        }
        let values: [String: Any] = [
            "csrf": signed.csrfToken,
            "types": options(TicketType.self, form["type"] ?? TicketType.consult.rawValue),
            "channels": options(Channel.self, form["channel"] ?? Channel.phone.rawValue),
            "topicGroups": groups.map { ["group": Printable.escaped($0.0), "options": $0.1] },
            "urgent": form["urgent"] == "on",
            "caller": form["caller"] ?? "", "phone": form["phone"] ?? "", "street": form["street"] ?? "",
            "address": form["address"] ?? "", "text": form["text"] ?? "",
        ]
        return desk.page(
            "intake", title: words.t("受理来电", "Log a call"), values: values, context: context, status: status,
            error: error)
    }
}

extension TicketActions {
    /// Whether `staff` may log a call (the state machine's `create` rule).
    static func mayCreate(_ staff: StaffMember) -> Bool {
        (try? TicketMachine.authorize(.create, by: staff)) != nil
    }
}
