import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/search`: tickets by topic (a node of the tree and everything under it), department (lead or co), state and type
/// (DESIGN §12); and, for those who may see callers' data by role, by the caller's phone — posted, so the number stays
/// out of addresses and logs, and audited by the store.
struct SearchController {
    let desk: Desk

    static let limit = 50

    func addRoutes(to group: RouterGroup<DeskContext>) {
        group.get("/search", use: search)
        group.post("/search/phone", use: searchPhone)
    }

    @Sendable func search(_ request: Request, context: DeskContext) async throws -> Response {
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? {
            // Decoded already, but for the `+` a form writes for a space.
            let text = String(query.get(name) ?? "").replacingOccurrences(of: "+", with: " ")
                .trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
        var filter = TicketFilter()
        filter.topic = value("topic")
        filter.department = value("department")
        filter.states = value("state").flatMap(TicketState.init(rawValue:)).map { [$0] } ?? []
        filter.type = value("type").flatMap(TicketType.init(rawValue:))
        filter.limit = Self.limit
        let asked = filter != TicketFilter(limit: Self.limit)
        let chosen = filter
        let found: QueueController.Listed? =
            asked
            ? try await desk.store { database in
                QueueController.Listed(
                    tickets: try database.tickets(matching: chosen), total: try database.count(matching: chosen))
            } : nil
        return try await page(context: context, filter: filter, found: found)
    }

    @Sendable func searchPhone(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let phone = form.text("phone") ?? ""
        let words = Words(context.language)
        guard phone.filter(\.isNumber).count >= 7 else {
            return try await page(
                context: context, status: .badRequest,
                error: words.t("请输入完整的电话号码（至少 7 位数字）。", "Enter the whole phone number (7 digits or more)."))
        }
        let now = desk.configuration.now
        do {
            let (tickets, total) = try await desk.store { database in
                try database.tickets(callerPhone: phone, actor: signed.staff.code, at: now, limit: Self.limit)
            }
            return try await page(
                context: context, found: QueueController.Listed(tickets: tickets, total: total),
                phone: PersonalData.maskPhone(phone.filter { $0.isASCII && $0.isNumber }))
        } catch let error as GovDeskError {
            return try await page(
                context: context, status: TicketController.status(of: error), error: error.message(context.language))
        }
    }

    func page(
        context: DeskContext, filter: TicketFilter = TicketFilter(), found: QueueController.Listed? = nil,
        phone: String? = nil, status: HTTPResponse.Status = .ok, error: String? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let words = Words(context.language)
        let language = context.language
        let (departments, topics) = try await desk.store { database in
            (try database.departments(), try database.topics().filter(\.active))
        }
        let names = Dictionary(departments.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        // Every node of the tree: 大类, 大类/小类 and the leaves.
        var nodes = Set<String>()
        for topic in topics {
            let parts = topic.path.split(separator: "/")
            for depth in 1...parts.count { nodes.insert(parts.prefix(depth).joined(separator: "/")) }
        }
        var values: [String: Any] = [
            "topic": filter.topic.map { Printable.escaped($0) } ?? "",
            "topics": nodes.sorted().map { Printable.escaped($0) },
            "departments": departments.map {
                [
                    "value": $0.code, "label": "\(Printable.escaped($0.name))（\($0.code)）",
                    "selected": $0.code == filter.department,
                ]
            },
            "states": TicketState.allCases.map {
                ["value": $0.rawValue, "label": words.label($0), "selected": filter.states == [$0]]
            },
            "types": TicketType.allCases.map {
                ["value": $0.rawValue, "label": words.label($0), "selected": $0 == filter.type]
            },
            "csrf": signed.csrfToken,
            "mayPhone": Permission.readCallerData.isHeld(by: signed.staff),
        ]
        if let found {
            let clocks = Clocks(desk: desk, words: words, now: desk.configuration.now)
            var section = QueueController(desk: desk).section(
                phone.map { words.t("来电号码 \($0) 的工单", "Tickets of the caller \($0)") }
                    ?? words.t("查询结果", "Results"),
                found, clocks: clocks, columns: [.state, .type, .topic, .lead, .createdAt, .deadline], names: names)
            section["none"] = words.t("没有符合条件的工单。", "No ticket matches.")
            values["found"] = section
        }
        return desk.page(
            "search", title: words.t("工单查询", "Search tickets"), values: values, context: context, status: status,
            error: error)
    }
}

extension TicketFilter {
    init(limit: Int) {
        self.init()
        self.limit = limit
    }
}
