import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/queue`: the work of the signed-in staff member's roles (DESIGN §12), one section per role they hold —
/// operator: the intake form's entry and the calls still to dispatch; dispatcher: 待派单 with the dispatch hint;
/// liaison: 待签收 with the sign-for countdown and 办理中 with deadlines and the 80 % mark; reviewer: 待审核;
/// supervisor: the overdue board by department (past the handling deadline, DESIGN §6.1), tickets not signed in time,
/// extension requests, and the monthly report. Every list says how many
/// it shows of how many there are.
///
/// People keep the queue open and reload it. A page is rendered again only when something was written to the database
/// since (by anyone: `dataVersion`) or the minute has turned (its countdowns are to the minute); otherwise the same
/// person gets the page rendered for them a moment ago (`PageCache`).
struct QueueController {
    let desk: Desk
    var cache: PageCache? = nil

    /// Rows a section shows at most; the heading says how many more there are.
    static let rowLimit = 50

    func addRoutes(to group: RouterGroup<DeskContext>) {
        group.get("/", use: { _, _ in Desk.redirect(to: "/queue") })
        group.get("/queue", use: queue)
    }

    @Sendable func queue(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        guard let cache else { return try await render(context: context) }
        let now = desk.configuration.now
        let version = try await desk.store { try $0.dataVersion() }
        let key = PageCache.Key(
            session: signed.sessionToken, address: request.uri.description, language: context.language)
        let stamp = PageCache.Stamp(version: version, minute: Int64(now.timeIntervalSince1970) / 60)
        if let page = await cache.page(key, stamp) { return page }
        let page = try await render(context: context)
        await cache.keep(page, for: key, stamp)
        return page
    }

    func render(context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let staff = signed.staff
        let words = Words(context.language)
        let now = desk.configuration.now
        let limit = Self.rowLimit
        let loaded = try await desk.store { database in
            try Self.load(for: staff, at: now, limit: limit, database)
        }
        var sections: [[String: Any]] = []
        let clocks = Clocks(desk: desk, words: words, now: now)
        if staff.roles.contains(.operator) || staff.roles.contains(.admin) {
            sections.append(
                section(
                    words.t("待派单（已受理）", "Received, not yet dispatched"), loaded.received, clocks: clocks,
                    columns: [.type, .topic, .createdAt, .hint],
                    note: words.t("受理新来电请用“受理”页面。", "Log a new call on the intake page."),
                    link: ("/intake", words.t("受理来电", "Log a call")), names: loaded.names, hints: loaded.hints))
        } else if staff.roles.contains(.dispatcher) {
            sections.append(
                section(
                    words.t("待派单", "To dispatch"), loaded.received, clocks: clocks,
                    columns: [.type, .topic, .createdAt, .hint], names: loaded.names, hints: loaded.hints))
        }
        if staff.roles.contains(.liaison) {
            sections.append(
                section(
                    words.t("待签收", "To sign"), loaded.toSign, clocks: clocks,
                    columns: [.type, .topic, .dispatchedAt, .signDeadline, .remaining]))
            sections.append(
                section(
                    words.t("办理中", "In hand"), loaded.handling, clocks: clocks,
                    columns: [.type, .topic, .signedAt, .mark, .deadline, .remaining]))
        }
        if staff.roles.contains(.reviewer) || staff.roles.contains(.admin) {
            sections.append(
                section(
                    words.t("待审核", "To review"), loaded.replied, clocks: clocks,
                    columns: [.type, .topic, .lead, .repliedAt, .deadline, .replyInTime], names: loaded.names))
        }
        if staff.roles.contains(.supervisor) || staff.roles.contains(.admin) {
            sections.append(
                section(
                    words.t("超期工单", "Overdue"), loaded.overdue, clocks: clocks,
                    columns: [.state, .topic, .lead, .deadline, .remaining], names: loaded.names,
                    board: loaded.overdueByDepartment.map { code, count in
                        [
                            "department": loaded.names[code].map { "\(Printable.escaped($0))（\(code)）" } ?? code,
                            "count": count,
                        ]
                    }))
            sections.append(
                section(
                    words.t("超时未签收", "Not signed in time"), loaded.unsigned, clocks: clocks,
                    columns: [.topic, .lead, .dispatchedAt, .signDeadline, .remaining], names: loaded.names))
            sections.append(
                section(
                    words.t("延期申请（待审批）", "Extension requests"), loaded.extensions, clocks: clocks,
                    columns: [.topic, .lead, .deadline, .extension], names: loaded.names))
        }
        let hall = try await hallSections(for: staff, words: words)
        var values: [String: Any] = [
            "sections": sections, "hallSections": hall, "hasSections": !(sections + hall).isEmpty,
        ]
        if staff.roles.contains(.supervisor) || staff.roles.contains(.admin) {
            let month = Month(containing: now, in: desk.configuration.localTime.timeZone)
            values["reports"] = [
                [
                    "href": "/reports/\(month.previous)",
                    "label": words.t("\(month.previous) 月度报告", "Report of \(month.previous)"),
                ],
                ["href": "/reports/\(month)", "label": words.t("\(month) 月度报告（本月至今）", "Report of \(month) (so far)")],
            ]
            values["supervision"] = Array(
                LetterController.links(words, now: now, zone: desk.configuration.localTime.timeZone).dropLast())
        } else if staff.roles.contains(.liaison) {
            values["supervision"] = [["href": "/letters", "label": words.t("本部门的督办函", "Letters to your department")]]
        }
        let department = loaded.names[staff.department]
        values["subtitle"] = department.map { Printable.escaped($0) } ?? staff.department
        return desk.page("queue", title: words.t("工作台", "Queue"), values: values, context: context)
    }

    /// What the queue shows, read in one go off the event loop.
    struct Loaded: Sendable {
        var received = Listed()
        var toSign = Listed()
        var handling = Listed()
        var replied = Listed()
        var overdue = Listed()
        var unsigned = Listed()
        var extensions = Listed()
        var overdueByDepartment: [(String, Int)] = []
        var names: [String: String] = [:]
        var hints: [String: String] = [:]
    }

    /// Some tickets of a list, and how many the list has in all.
    struct Listed: Sendable {
        var tickets: [Ticket] = []
        var total = 0
    }

    static func load(for staff: StaffMember, at now: Date, limit: Int, _ database: GovDeskDatabase) throws -> Loaded {
        var loaded = Loaded()
        loaded.names = try database.departmentNames()
        func listed(_ filter: TicketFilter, order: (Ticket, Ticket) -> Bool) throws -> Listed {
            // The longest waiting first: with more than a page, the ones shown are the most urgent.
            var filter = filter
            filter.limit = limit
            filter.oldestFirst = true
            return Listed(
                tickets: try database.tickets(matching: filter).sorted(by: order),
                total: try database.count(matching: filter))
        }
        let roles = staff.roles
        let isAdmin = roles.contains(.admin)
        if roles.contains(.operator) || roles.contains(.dispatcher) || isAdmin {
            var filter = TicketFilter()
            filter.states = [.received]
            loaded.received = try listed(filter) { $0.createdAt < $1.createdAt }
            let topics = try database.topics()
            loaded.hints = Dictionary(
                topics.filter(\.active).map { ($0.path, $0.department) }, uniquingKeysWith: { a, _ in a })
        }
        if roles.contains(.liaison) {
            // The lead department's own tickets: a co-department works on them too but does not sign or reply.
            var filter = TicketFilter()
            filter.lead = staff.department
            filter.states = [.dispatched]
            loaded.toSign = try listed(filter) {
                ($0.signDeadline ?? .distantFuture) < ($1.signDeadline ?? .distantFuture)
            }
            filter.states = [.handling]
            loaded.handling = try listed(filter) { ($0.deadline ?? .distantFuture) < ($1.deadline ?? .distantFuture) }
        }
        if roles.contains(.reviewer) || isAdmin {
            var filter = TicketFilter()
            filter.states = [.replied]
            loaded.replied = try listed(filter) { ($0.repliedAt ?? $0.createdAt) < ($1.repliedAt ?? $1.createdAt) }
        }
        if roles.contains(.supervisor) || isAdmin {
            var filter = TicketFilter()
            filter.overdueAt = now
            loaded.overdue = try listed(filter) {
                ($0.deadline ?? $0.signDeadline ?? .distantFuture) < ($1.deadline ?? $1.signDeadline ?? .distantFuture)
            }
            var byDepartment: [(String, Int)] = []
            for department in try database.departments() {
                var one = filter
                one.department = department.code
                let count = try database.count(matching: one)
                if count > 0 { byDepartment.append((department.code, count)) }
            }
            loaded.overdueByDepartment = byDepartment.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            var unsigned = TicketFilter()
            unsigned.signOverdueAt = now
            loaded.unsigned = try listed(unsigned) {
                ($0.signDeadline ?? .distantFuture) < ($1.signDeadline ?? .distantFuture)
            }
            var asked = TicketFilter()
            asked.extensionPending = true
            loaded.extensions = try listed(asked) { ($0.deadline ?? .distantFuture) < ($1.deadline ?? .distantFuture) }
        }
        return loaded
    }

    /// The columns a queue table may have after the ticket's number.
    enum Column {
        case type, topic, state, lead, createdAt, dispatchedAt, signDeadline, signedAt, mark, deadline, remaining,
            repliedAt, replyInTime, hint, `extension`
    }

    func section(
        _ title: String, _ listed: Listed, clocks: Clocks, columns: [Column], note: String? = nil,
        link: (String, String)? = nil, names: [String: String] = [:], hints: [String: String] = [:],
        board: [[String: Any]]? = nil
    ) -> [String: Any] {
        let words = clocks.words
        let rows: [[String: Any]] = listed.tickets.map { ticket in
            var tag: String?
            if let pending = ticket.pendingExtension {
                tag = words.t("申请延期 \(pending.days) 个工作日", "extension of \(pending.days) days asked")
            }
            var row: [String: Any] = [
                "number": ticket.number, "rowClass": clocks.rowClass(ticket),
                "cells": columns.map { cell($0, ticket, clocks: clocks, names: names, hints: hints) },
            ]
            row["tag"] = tag
            return row
        }
        var values: [String: Any] = [
            "title": title, "rows": rows, "hasRows": !rows.isEmpty,
            "count": listed.total == rows.count
                ? "\(rows.count)" : words.t("显示 \(rows.count) / 共 \(listed.total)", "\(rows.count) of \(listed.total)"),
            "headers": [words.table["number"] ?? ""] + columns.map { header($0, words) },
        ]
        values["note"] = note
        if let link { values["link"] = ["href": link.0, "label": link.1] }
        if let board, !board.isEmpty { values["board"] = board }
        return values
    }

    func header(_ column: Column, _ words: Words) -> String {
        switch column {
        case .type: return words.t("类型", "Type")
        case .topic: return words.t("诉求分类", "Topic")
        case .state: return words.t("状态", "State")
        case .lead: return words.t("主办单位", "Lead")
        case .createdAt: return words.t("受理时间", "Received")
        case .dispatchedAt: return words.t("派单时间", "Dispatched")
        case .signDeadline: return words.t("签收时限", "Sign by")
        case .signedAt: return words.t("签收时间", "Signed")
        case .mark: return words.t("80% 提醒点", "80 % mark")
        case .deadline: return words.t("办理时限", "Due")
        case .remaining: return words.t("剩余", "Left")
        case .repliedAt: return words.t("回复时间", "Replied")
        case .replyInTime: return words.t("按时回复", "Replied in time")
        case .hint: return words.t("通常主办", "Usually led by")
        case .extension: return words.t("申请延期", "Extension asked")
        }
    }

    func cell(
        _ column: Column, _ ticket: Ticket, clocks: Clocks, names: [String: String], hints: [String: String]
    ) -> [String: Any] {
        let words = clocks.words
        let language = words.language
        switch column {
        case .type: return ["text": words.label(ticket.type)]
        case .topic: return ["text": Printable.escaped(ticket.topic)]
        case .state: return ["text": words.label(ticket.state)]
        case .lead:
            let code = ticket.leadDepartment ?? "—"
            return ["text": names[code].map { Printable.escaped($0) } ?? code]
        case .createdAt: return ["text": desk.time(ticket.createdAt), "num": true]
        case .dispatchedAt: return ["text": desk.time(ticket.dispatchedAt), "num": true]
        case .signDeadline: return ["text": clocks.deadline(ticket.signDeadline), "num": true]
        case .signedAt: return ["text": desk.time(ticket.signedAt), "num": true]
        case .mark: return ["text": desk.time(clocks.markTime(ticket)), "num": true]
        case .deadline: return ["text": clocks.deadline(ticket.deadline ?? ticket.signDeadline), "num": true]
        case .remaining: return ["text": clocks.remaining(of: ticket), "num": true]
        case .repliedAt: return ["text": desk.time(ticket.repliedAt), "num": true]
        case .replyInTime:
            guard let replied = ticket.repliedAt, let deadline = ticket.deadline else { return ["text": "—"] }
            return ["text": replied <= deadline ? words.t("是", "yes") : words.t("否（超期）", "no (late)")]
        case .hint:
            guard let code = hints[ticket.topic] else { return ["text": "—"] }
            return ["text": names[code].map { Printable.escaped($0) } ?? code]
        case .extension:
            guard let pending = ticket.pendingExtension else { return ["text": "—"] }
            return [
                "text": words.t(
                    "\(pending.days) 个工作日：\(Printable.escaped(pending.reason))",
                    "\(pending.days) working days: \(Printable.escaped(pending.reason))")
            ]
        }
    }
}

/// A ticket's clocks as pages show them: deadlines, the 80 % mark, and the time left on the clock that runs now.
struct Clocks {
    let desk: Desk
    let words: Words
    let now: Date

    /// The clock that runs in the ticket's state: signing while it waits to be signed, else handling; none once it
    /// has been replied to, closed or merged.
    func running(_ ticket: Ticket) -> Date? {
        switch ticket.state {
        case .dispatched: return ticket.signDeadline
        case .handling: return ticket.deadline
        default: return nil
        }
    }

    /// The 80 % mark of the handling time (DESIGN §12; `letters.reminderShare`): from signing to the deadline in force.
    func markTime(_ ticket: Ticket) -> Date? {
        guard let start = ticket.signedAt, let deadline = ticket.deadline, deadline > start else { return nil }
        return start.addingTimeInterval(deadline.timeIntervalSince(start) * desk.configuration.reminderShare)
    }

    /// `red` past the running clock, `warn` past the 80 % mark.
    func rowClass(_ ticket: Ticket) -> String {
        if let running = running(ticket), running <= now { return "red" }
        if ticket.state == .handling, let mark = markTime(ticket), mark <= now { return "warn" }
        return ""
    }

    func deadline(_ date: Date?) -> String {
        date.map(desk.configuration.localTime.formatDeadline) ?? "—"
    }

    func remaining(of ticket: Ticket) -> String {
        guard let deadline = running(ticket) else { return "—" }
        let left = deadline.timeIntervalSince(now)
        let span = LocalTime.duration(left, words.language)
        return left >= 0 ? words.t("还剩 \(span)", "\(span) left") : words.t("已超期 \(span)", "overdue by \(span)")
    }
}

/// The last page rendered for each session, address and language, with the database's version and the minute it was
/// rendered in (`Stamp`), given again only for exactly those; a newer page replaces it. At most `capacity` pages; past
/// that it starts afresh (a page is cheap to render again). A page holds what its person may see, so the key is their
/// session: nobody is given another's page.
actor PageCache {
    struct Key: Hashable, Sendable {
        var session: String
        var address: String
        var language: Language
    }

    struct Stamp: Equatable, Sendable {
        var version: GovDeskDatabase.DataVersion
        var minute: Int64
    }

    let capacity: Int
    private var pages: [Key: (stamp: Stamp, page: Response)] = [:]

    init(capacity: Int = 2048) { self.capacity = capacity }

    func page(_ key: Key, _ stamp: Stamp) -> Response? {
        guard let kept = pages[key], kept.stamp == stamp else { return nil }
        return kept.page
    }

    func keep(_ page: Response, for key: Key, _ stamp: Stamp) {
        guard page.status == .ok else { return }
        if pages.count >= capacity, pages[key] == nil { pages = [:] }
        pages[key] = (stamp, page)
    }
}
