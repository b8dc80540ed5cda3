import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/login` and `/logout` (DESIGN §12). The log-in form has a token before any session exists (a cookie and a field
/// that must match), so that another site cannot log a browser in as someone else; a success ends the session the
/// browser came with and begins a new one, so a session id planted before log-in is worth nothing after it.
///
/// Five failures in a row lock a code for 15 minutes (the store's rule). So that one client cannot lock every code in
/// turn — the administrator's among them — a client address with `perClient` failed log-ins in 15 minutes is refused
/// before any code is looked at, and its attempts lock nothing more.
struct LoginController {
    let desk: Desk
    var perClient = 20
    let failures = RecentFailures(window: 15 * 60)

    func addRoutes(to router: Router<DeskContext>) {
        router.get("/login", use: show)
        router.post("/login", use: logIn)
        router.post("/logout", use: logOut)
    }

    @Sendable func show(_ request: Request, context: DeskContext) async throws -> Response {
        // Shown to someone logged in too (to log in as someone else): the session the browser has then ends at the
        // next log-in.
        return loginPage(next: request.uri.queryParameters.get("next") ?? "", context: context)
    }

    @Sendable func logIn(_ request: Request, context: DeskContext) async throws -> Response {
        let form = try await Form.read(request)
        let words = Words(context.language)
        let next = form["next"] ?? ""
        guard let cookie = request.cookies[Desk.loginCookie]?.value, form.carries(csrf: cookie) else {
            return loginPage(
                next: next, context: context, status: .forbidden,
                error: words.t("登录表单已过期，请重新登录。", "The log-in form has expired; please log in again."))
        }
        let code = form["code"] ?? ""
        let password = form["password"] ?? ""
        let previous = request.cookies[Desk.sessionCookie]?.value
        let now = desk.configuration.now
        let client = "client " + desk.client(request, context)
        guard await failures.count(client, at: now) < perClient else {
            return loginPage(
                next: next, code: code, context: context, status: .tooManyRequests,
                error: words.t(
                    "从本机登录失败次数过多，请 15 分钟后再试；忘记密码请找系统管理员。",
                    "Too many failed log-ins from this address; try again in 15 minutes, or ask the administrator to "
                        + "set your password."))
        }
        do {
            let session = try await desk.store { database in
                try database.logIn(staff: code, at: now, replacing: previous) { hash in
                    Passwords.verify(password, against: hash)
                }
            }
            return Desk.redirect(
                to: Self.safeNext(next),
                cookies: [
                    desk.cookie(Desk.sessionCookie, session.token),
                    desk.cookie(Desk.loginCookie, "", maxAge: 0),
                ])
        } catch let error as LoginError {
            await failures.record([client], at: now)
            let message: String
            let status: HTTPResponse.Status
            switch error {
            case .locked(let until):
                message = words.t(
                    "连续登录失败次数过多，该工号已锁定至 \(desk.time(until))。",
                    "Too many failed log-ins: this code is locked until \(desk.time(until)).")
                status = .tooManyRequests
            default:
                message = words.t("工号或密码不正确。", "Wrong staff code or password.")
                status = .unauthorized
            }
            return loginPage(next: next, code: code, context: context, status: status, error: message)
        }
    }

    @Sendable func logOut(_ request: Request, context: DeskContext) async throws -> Response {
        guard let signed = context.identity else { return Desk.redirect(to: "/login") }
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let now = desk.configuration.now
        try await desk.store { try $0.logOut(token: signed.sessionToken, at: now) }
        return Desk.redirect(to: "/login", cookies: [desk.cookie(Desk.sessionCookie, "", maxAge: 0)])
    }

    /// The log-in page with a fresh form token in its cookie.
    func loginPage(
        next: String, code: String = "", context: DeskContext, status: HTTPResponse.Status = .ok, error: String? = nil
    ) -> Response {
        let token = GovDeskDatabase.newToken()
        let words = Words(context.language)
        var response = desk.page(
            "login", title: words.t("登录", "Log in"),
            values: ["loginToken": token, "next": next, "code": Printable.escaped(code)], context: context,
            status: status, error: error)
        response.setCookie(desk.cookie(Desk.loginCookie, token))
        return response
    }

    /// The characters a path and its query keep as they are; `%` too, so an encoded path is not encoded twice.
    static let pathCharacters: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.formUnion(.urlQueryAllowed)
        allowed.insert("%")
        return allowed
    }()

    /// Where to go after logging in: a path of this site only, never another site (`//host`, `/\host`).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.unicodeScalars.contains(where: { $0.value < 0x21 })
        else { return "/queue" }
        // A Location header is ASCII: anything else goes percent-encoded.
        return next.addingPercentEncoding(withAllowedCharacters: Self.pathCharacters) ?? "/queue"
    }
}

extension Desk {
    /// The answer to a form without this session's token: refused, nothing done.
    func refusedForm(context: DeskContext) -> Response {
        let words = Words(context.language)
        return page(
            "message", title: words.t("表单无效", "Form refused"), values: [:], context: context, status: .forbidden,
            error: words.t(
                "表单已过期或不属于本次登录，未执行任何操作。请返回页面重试。",
                "The form has expired or belongs to another session; nothing was done. Go back and try again."))
    }
}
