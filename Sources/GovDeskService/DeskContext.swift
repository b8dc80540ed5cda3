import GovDeskCore
import Hummingbird
import HummingbirdAuth

/// The staff member a request acts for, from the session middleware: a route handler never reads a staff code from
/// the request itself.
public struct SignedIn: Sendable {
    public var staff: StaffMember
    /// The token every form of this session carries (`_csrf`).
    public var csrfToken: String
    /// The session cookie's token, to end the session at log-out.
    var sessionToken: String
}

/// The request context of every route: the signed-in staff member, the session's token, and the page language.
public struct DeskContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: SignedIn?
    /// Chinese unless `?lang=en` or the language cookie says otherwise.
    public var language: Language = .zh
    /// The request's query without its `lang`, as sent: the language link keeps the rest (a list's filters and page).
    var queryBesidesLanguage = ""
    /// The connected client's address (the proxy's, behind one), for throttles.
    public var remoteAddress: String?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}
