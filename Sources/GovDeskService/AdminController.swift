import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/admin/staff`: the administrator's list of staff with their roles, whether they can log in, and a form to set a
/// person's password (DESIGN §12) — the store's `setPassword`, as `govdesk staff password CODE` calls it: audited,
/// the person's sessions end. The password is hashed (bcrypt, cost 12) off the event loop, never stored or logged as
/// typed.
struct AdminController {
    let desk: Desk

    func addRoutes(to group: RouterGroup<DeskContext>) {
        group.get("/admin/staff", use: show)
        group.post("/admin/staff/{code}/password", use: setPassword)
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
            let hash = try await Passwords.offload { try Passwords.hash(password) }
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
        let (staff, holders, names) = try await desk.store { database in
            let staff = try database.staff()
            let holders = Set(try staff.map(\.code).filter { try database.hasPassword($0) })
            let names = Dictionary(
                try database.departments().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
            return (staff, holders, names)
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
            values: ["rows": rows, "csrf": signed.csrfToken, "count": rows.count], context: context, status: status,
            error: error, notice: notice)
    }
}
