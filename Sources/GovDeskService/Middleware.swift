import Foundation
import GovDeskCore
import Hummingbird
import HummingbirdAuth

/// The page language: `?lang=en|zh` chooses it and is remembered in a cookie; otherwise the cookie; otherwise Chinese.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = DeskContext
    let desk: Desk

    func handle(
        _ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let asked = request.uri.queryParameters.get("lang").flatMap { Language(rawValue: String($0)) }
        let remembered = request.cookies[Desk.languageCookie].flatMap { Language(rawValue: $0.value) }
        context.language = asked ?? remembered ?? .zh
        context.queryBesidesLanguage = (request.uri.query ?? "").split(separator: "&")
            .filter { !$0.hasPrefix("lang=") && $0 != "lang" }.joined(separator: "&")
        var response = try await next(request, context)
        if let asked, asked != remembered {
            response.setCookie(desk.cookie(Desk.languageCookie, asked.rawValue, maxAge: 365 * 86400))
        }
        return response
    }
}

/// Turns the session cookie into the acting staff member (DESIGN §12), through the store: a session idle for 8
/// hours, or of someone deactivated since, has ended. A route handler never reads a staff code from the request.
struct StaffSessionAuthenticator: AuthenticatorMiddleware {
    typealias Context = DeskContext
    typealias Identity = SignedIn
    let desk: Desk

    func authenticate(request: Request, context: DeskContext) async throws -> SignedIn? {
        guard let token = request.cookies[Desk.sessionCookie]?.value, Self.isToken(token) else { return nil }
        let now = desk.configuration.now
        guard let live = try await desk.store({ try $0.session(token: token, at: now) }) else { return nil }
        return SignedIn(staff: live.staff, csrfToken: live.csrfToken, sessionToken: token)
    }

    /// 64 lower-case hexadecimal digits, the shape the store issues: anything else is not looked up.
    static func isToken(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// Pages for people who have logged in: anyone else is sent to the log-in page, which brings them back.
struct RequireSignInMiddleware: RouterMiddleware {
    typealias Context = DeskContext

    func handle(
        _ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response
    ) async throws -> Response {
        guard context.identity != nil else {
            let back = request.method == .get ? request.uri.path : "/queue"
            return Desk.redirect(
                to: "/login?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        return try await next(request, context)
    }
}

/// A page for an address that is no page of the service (or a method it does not take there): the house style and the
/// security headers, not an empty body.
struct NotFoundPageMiddleware: RouterMiddleware {
    typealias Context = DeskContext
    let desk: Desk

    func handle(
        _ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            let words = Words(context.language)
            return desk.page(
                "message", title: words.t("页面不存在", "No such page"), values: [:], context: context,
                status: error.status,
                error: words.t("没有这个页面。", "There is no such page."))
        }
    }
}
