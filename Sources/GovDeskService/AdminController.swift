import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/admin/staff`: the administrator's list of staff with their roles, whether they can log in, and a form to set a
/// person's password (DESIGN §12) — the store's `setPassword`, as `govdesk staff password CODE` calls it: audited,
/// the person's sessions end. The password is hashed (bcrypt, cost 12) off the event loop, never stored or logged as
/// typed. The same page lists who is locked out by failed log-ins, with a button to let them in again (audited).
///
/// `/admin/api-clients`: the Open311 clients (DESIGN §12), as `govdesk apikey add|list|revoke` — a new client's key is
/// shown once, on the answer to the form that made it, and never again.
struct AdminController {
    let desk: Desk

    func addRoutes(to group: RouterGroup<DeskContext>) {
        group.get("/admin/staff", use: show)
        group.post("/admin/staff/{code}/password", use: setPassword)
        group.post("/admin/staff/{code}/unlock", use: unlock)
        group.get("/admin/api-clients", use: showClients)
        group.post("/admin/api-clients", use: addClient)
        group.post("/admin/api-clients/revoke", use: revokeClient)
    }

    @Sendable func unlock(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let code = try context.parameters.require("code")
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let words = Words(context.language)
        let now = desk.configuration.now
        let actor = signed.staff.code
        let unlocked: Bool
        do {
            unlocked = try await desk.store { try $0.unlockLogIn(of: code, actor: actor, at: now) }
        } catch let error as GovDeskError {
            return try await page(
                context: context, status: TicketController.status(of: error), error: error.message(context.language))
        }
        let who = Printable.quoted(code, limit: 40)
        return try await page(
            context: context,
            notice: unlocked
                ? words.t("已解除 \(who) 的登录锁定。", "\(who) may log in again.")
                : words.t("\(who) 没有被锁定，未作更改。", "\(who) was not locked out; nothing was changed."))
    }

    @Sendable func showClients(_ request: Request, context: DeskContext) async throws -> Response {
        try await clientsPage(context: context)
    }

    @Sendable func addClient(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let words = Words(context.language)
        let name = form.text("name") ?? ""
        let channel = form["channel"].flatMap(Channel.init(rawValue:))
        guard let channel, channel == .web || channel == .app else {
            return try await clientsPage(
                context: context, status: .badRequest, typed: name,
                error: words.t("渠道只能是网站或 App。", "The channel is the website or the app."))
        }
        let now = desk.configuration.now
        let actor = signed.staff.code
        do {
            let added = try await desk.store {
                try $0.addAPIClient(name: name, channel: channel, actor: actor, at: now)
            }
            return try await clientsPage(context: context, added: added)
        } catch let error as GovDeskError {
            return try await clientsPage(
                context: context, status: TicketController.status(of: error), typed: name,
                error: error.message(context.language))
        }
    }

    @Sendable func revokeClient(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let words = Words(context.language)
        let name = form["name"] ?? ""
        let now = desk.configuration.now
        let actor = signed.staff.code
        do {
            try await desk.store { _ = try $0.revokeAPIClient(name: name, actor: actor, at: now) }
        } catch let error as GovDeskError {
            return try await clientsPage(
                context: context, status: TicketController.status(of: error), error: error.message(context.language))
        }
        return try await clientsPage(
            context: context,
            notice: words.t(
                "已吊销 \(Printable.quoted(name, limit: 40)) 的密钥：它的请求从此被拒绝，它提交的工单保留。",
                "The key of \(Printable.quoted(name, limit: 40)) is revoked: its requests are refused from now on; its "
                    + "tickets stay."))
    }

    func clientsPage(
        context: DeskContext, status: HTTPResponse.Status = .ok, typed: String = "", added: NewAPIKey? = nil,
        error: String? = nil, notice: String? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let words = Words(context.language)
        let title = words.t("接口客户端（Open311）", "API clients (Open311)")
        let actor = signed.staff.code
        let clients: [APIClient]
        do {
            clients = try await desk.store { try $0.apiClients(actor: actor) }
        } catch let error as GovDeskError {
            return desk.page(
                "message", title: title, values: [:], context: context, status: TicketController.status(of: error),
                error: error.message(context.language))
        }
        let rows: [[String: Any]] = clients.map { client in
            [
                "clientName": Printable.escaped(client.name), "formName": client.name,
                "channelLabel": words.label(client.channel), "addedAt": desk.time(client.createdAt),
                "addedBy": client.createdBy,
                "stateLabel": client.revokedAt.map {
                    words.t(
                        "已吊销（\(desk.time($0))，\(client.revokedBy ?? "")）",
                        "revoked (\(desk.time($0)), \(client.revokedBy ?? ""))")
                } ?? words.t("在用", "active"),
                "revocable": !client.isRevoked,
            ]
        }
        var values: [String: Any] = [
            "rows": rows, "csrf": signed.csrfToken, "typedName": Printable.escaped(typed), "hasRows": !rows.isEmpty,
        ]
        if let added {
            values["added"] = ["clientName": Printable.escaped(added.client.name), "key": added.key]
        }
        var response = desk.page(
            "apiClients", title: title, values: values, context: context, status: status, error: error, notice: notice)
        // A page with a key on it is kept by no cache.
        if added != nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    @Sendable func show(_ request: Request, context: DeskContext) async throws -> Response {
        try await page(context: context)
    }

    @Sendable func setPassword(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let code = try context.parameters.require("code")
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let words = Words(context.language)
        // The administrator's form sets others' passwords. One's own is changed knowing the current one, which this
        // form does not ask for: a session left open must not become the account for good (hostile review).
        guard Permission.setPassword.isHeld(by: signed.staff) else {
            return try await page(context: context)
        }
        let password = form["password"] ?? ""
        guard password == form["again"] ?? "" else {
            return try await page(
                context: context, status: .badRequest,
                error: words.t("两次输入的密码不一致，未作更改。", "The two passwords differ; nothing was changed."))
        }
        let now = desk.configuration.now
        let actor = signed.staff.code
        do {
            // Refused before the slow hash when the person or the role does not allow it.
            try await desk.store { try $0.checkPasswordChange(of: code, actor: actor) }
            let hash = try await desk.offload { try Passwords.hash(password) }
            try await desk.store { try $0.setPassword(of: code, hash: hash, actor: actor, at: now) }
        } catch let error as GovDeskError {
            return try await page(
                context: context, status: TicketController.status(of: error), error: error.message(context.language))
        }
        return try await page(
            context: context,
            notice: words.t(
                "已设置 \(Printable.quoted(code, limit: 40)) 的密码，其网页会话已结束。",
                "The password of \(Printable.quoted(code, limit: 40)) is set; their web sessions have ended."))
    }

    func page(
        context: DeskContext, status: HTTPResponse.Status = .ok, error: String? = nil, notice: String? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let words = Words(context.language)
        let language = context.language
        guard Permission.setPassword.isHeld(by: signed.staff) else {
            return desk.page(
                "message", title: words.t("人员与密码", "Staff and passwords"), values: [:], context: context,
                status: .forbidden,
                error: words.t("只有系统管理员可以管理人员密码。", "Only an administrator manages staff passwords."))
        }
        let now = desk.configuration.now
        let (staff, holders, names, locks) = try await desk.store { database in
            let staff = try database.staff()
            let holders = Set(try staff.map(\.code).filter { try database.hasPassword($0) })
            let names = try database.departmentNames()
            return (staff, holders, names, try database.loginLocks(at: now))
        }
        let locked: [[String: Any]] = locks.map { lock in
            ["code": lock.staff, "name": Printable.escaped(lock.name), "until": desk.time(lock.until)]
        }
        let rows: [[String: Any]] = staff.sorted { ($0.department, $0.code) < ($1.department, $1.code) }.map { member in
            [
                "code": member.code, "name": Printable.escaped(member.name),
                "department": names[member.department].map { Printable.escaped($0) } ?? member.department,
                "roles": member.sortedRoles.map { words.label($0) }.joined(separator: language == .zh ? "、" : ", "),
                "active": member.active ? words.t("在用", "active") : words.t("已停用", "deactivated"),
                "canLogIn": holders.contains(member.code) ? words.t("已设置", "set") : words.t("未设置", "not set"),
                "settable": member.active,
            ]
        }
        return desk.page(
            "staff", title: words.t("人员与密码", "Staff and passwords"),
            values: [
                "rows": rows, "csrf": signed.csrfToken, "count": rows.count, "locked": locked,
                "hasLocks": !locked.isEmpty,
            ],
            context: context,
            status: status,
            error: error, notice: notice)
    }
}
