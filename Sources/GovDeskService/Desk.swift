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

    /// Runs a store call off the event loop.
    func store<T: Sendable>(_ body: @escaping @Sendable (GovDeskDatabase) throws -> T) async throws -> T {
        let database = database
        return try await Passwords.offload { try body(database) }
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
        all["otherLangLabel"] = context.language == .zh ? "English" : "中文"
        if database.kind == .training { all["training"] = true }
        if let error { all["error"] = Printable.escaped(error) }
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
