import Foundation
import GovDeskCore
import GovDeskStore
import HTTPTypes
import Hummingbird
import Mustache

/// What every route shares: the store, the configuration and the page templates. Store calls are synchronous SQLite
/// work, so they run on NIO's thread pool (`store`), never on an event loop.
struct Desk: Sendable {
    let database: GovDeskDatabase
    let configuration: ServiceConfiguration
    let pages: MustacheLibrary

    static let sessionCookie = "govdesk_session"
    static let languageCookie = "govdesk_lang"
    /// The log-in form's token before there is a session (double submit: cookie and field must match).
    static let loginCookie = "govdesk_login"

    init(database: GovDeskDatabase, configuration: ServiceConfiguration) throws {
        self.database = database
        self.configuration = configuration
        self.pages = try Templates.library()
    }

    /// Runs slow synchronous work (bcrypt) off the event loop, on the configuration's thread pool.
    func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await configuration.threadPool.runIfActive(body)
    }

    /// Runs a store call off the event loop.
    func store<T: Sendable>(_ body: @escaping @Sendable (GovDeskDatabase) throws -> T) async throws -> T {
        let database = database
        return try await offload { try body(database) }
    }

    /// A message of the store or the core as a page shows it: the command line's option names become the form's
    /// words (`--days：0 不允许` → `延期天数：0 不允许`), and a hint to run a command (`；`govdesk letters list` 列出…`)
    /// is left out, since a person at a browser has no shell.
    static func forAPage(_ message: String, _ language: Language) -> String {
        let clauses = message.components(separatedBy: language == .zh ? "；" : "; ")
        let kept = clauses.count > 1 ? clauses.filter { !$0.contains("`govdesk ") } : clauses
        var text = kept.joined(separator: language == .zh ? "；" : "; ")
        for (option, words) in optionWords {
            text = text.replacingOccurrences(
                of: option + "(?![a-z-])", with: language == .zh ? words.zh : words.en, options: .regularExpression)
        }
        return text
    }

    /// Options of the command line that the core's messages name, as the forms call them.
    static let optionWords: [(String, (zh: String, en: String))] = [
        ("--days", ("天数", "Days")), ("--co", ("协办单位", "Co departments")),
        ("--reason", ("理由", "Reason")), ("--text", ("内容", "Text")), ("--staff", ("工作人员", "Staff member")),
        ("--score", ("评分", "Rating")), ("--points", ("分值", "Points")), ("--item", ("考核项目", "Item")),
    ]

    /// The client a request comes from, as the throttles count it: the connection's address, or — when that is a
    /// trusted proxy — the last address in `X-Forwarded-For` that is not one (each proxy appends the address it was
    /// reached from, so the addresses before the trusted ones are the client's to write and are not believed).
    func client(_ request: Request, _ context: DeskContext) -> String {
        let remote = context.remoteAddress ?? "unknown"
        guard configuration.trustedProxies.contains(remote) else { return remote }
        let forwarded = request.headers[values: .init("X-Forwarded-For")!]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return forwarded.last { !configuration.trustedProxies.contains($0) && !$0.isEmpty } ?? remote
    }

    /// A page from template `name` with `values`, wrapped in the layout's header for `context`'s user and language.
    func page(
        _ name: String, title: String, values: [String: Any], context: DeskContext, status: HTTPResponse.Status = .ok,
        error: String? = nil, notice: String? = nil
    ) -> Response {
        let words = Words(context.language)
        var all = values
        all["t"] = words.table
        all["lang"] = context.language == .zh ? "zh-CN" : "en"
        all["title"] = title
        all["otherLang"] = context.language == .zh ? "en" : "zh"
        let kept = context.queryBesidesLanguage
        all["otherLangHref"] =
            "?" + (kept.isEmpty ? "" : kept + "&") + "lang=" + (context.language == .zh ? "en" : "zh")
        all["otherLangLabel"] = context.language == .zh ? "English" : "中文"
        if database.kind == .training { all["training"] = true }
        if let error { all["error"] = Printable.escaped(Self.forAPage(error, context.language)) }
        if let notice { all["notice"] = notice }
        if let signed = context.identity {
            var links: [[String: String]] = [["href": "/search", "label": words.t("查询", "Search")]]
            if TicketActions.mayCreate(signed.staff) {
                links.append(["href": "/intake", "label": words.t("受理", "Intake")])
            }
            links += HallLinks.links(for: signed.staff, words: words)
            if Permission.setPassword.isHeld(by: signed.staff) {
                links.append(["href": "/admin/staff", "label": words.t("人员", "Staff")])
            }
            if Permission.manageAPIClients.isHeld(by: signed.staff) {
                links.append(["href": "/admin/api-clients", "label": words.t("接口客户端", "API clients")])
            }
            all["user"] = [
                "code": signed.staff.code, "name": Printable.escaped(signed.staff.name),
                "department": signed.staff.department, "csrf": signed.csrfToken, "links": links,
            ]
        }
        let html = pages.render(all, withTemplate: name) ?? "template \(name) is missing"
        return Self.html(html, status: status)
    }

    /// An HTML response with the headers every page carries: no caching of pages with personal data, no framing, no
    /// script at all (the pages need none), forms posting only here.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static let securityHeaders: HTTPFields = [
        .cacheControl: "no-store",
        .contentSecurityPolicy:
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'",
        .xContentTypeOptions: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
    ]

    /// A 303 to `location` (after a form, the browser then GETs it).
    static func redirect(to location: String, cookies: [Cookie] = []) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// A cookie of the service: HttpOnly, SameSite=Lax, whole site, Secure under TLS; `maxAge` 0 removes it.
    func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies, httpOnly: true,
            sameSite: .lax)
    }

    /// A time as the pages show it: local, to the minute.
    func time(_ date: Date?) -> String {
        guard let date else { return "—" }
        return configuration.localTime.format(date)
    }
}
