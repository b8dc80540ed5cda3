import Foundation
import GovDeskCore
import NIOPosix

/// What `govdesk serve` needs besides the database (DESIGN §12): where it listens, the rules deadlines are counted
/// by, the local time zone, and the clock. The command line fills it from the database as every command does.
public struct ServiceConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Cookies are marked Secure: set when the service is reached over TLS.
    public var secureCookies: Bool
    /// The certificate chain and private key (PEM files) when the service speaks TLS itself.
    public var tls: TLSFiles?
    /// The working-day calendar and limits deadlines are counted by (the database's, DESIGN §9).
    public var rules: DeadlineRules
    /// The database's time zone, for every time a page shows.
    public var localTime: LocalTime
    /// `letters.reminderShare`: the share of the handling time at which the queue marks a ticket (the 80 % mark).
    public var reminderShare: Double
    /// Addresses of reverse proxies in front of the service (`serve --trusted-proxy`): a request from one of them is
    /// the client its `X-Forwarded-For` names, for the throttles of log-in and `/track`. Empty: every request is the
    /// address it came from, and a header saying otherwise is ignored.
    public var trustedProxies: Set<String> = []
    /// The letters' prefixes and reminder share (the database's rules), for issuing letters from the supervisor's page.
    public var letters = GovDeskConfiguration.Letters()
    /// The evaluation's weights and award rules (the database's), for the ranking and for month close.
    public var evaluation = GovDeskConfiguration.Evaluation()
    /// The threads that run the store's synchronous SQLite calls and bcrypt, off the event loops: NIO's shared pool
    /// (one thread per core). A test that must not wait behind other tests' work passes a pool of its own.
    public var threadPool: NIOThreadPool = .singleton
    /// How long a connection may send nothing before the server closes it (a slow or half-open client holds no
    /// connection for long). A test whose client may wait behind the whole suite for a thread gives it longer.
    public var idleTimeout: Duration = .seconds(30)
    /// The server's clock (DESIGN §12: on a training database too); tests pass their own.
    public var clock: @Sendable () -> Date

    public init(
        host: String = "127.0.0.1", port: Int = 8312, secureCookies: Bool = false, rules: DeadlineRules,
        localTime: LocalTime, reminderShare: Double = 0.8, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.rules = rules
        self.localTime = localTime
        self.reminderShare = reminderShare
        self.clock = clock
    }

    /// PEM files of a certificate chain and its private key (`serve --tls-cert FILE --tls-key FILE`).
    public struct TLSFiles: Sendable {
        public var certificateChain: String
        public var privateKey: String

        public init(certificateChain: String, privateKey: String) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
        }
    }

    /// The clock to the second, as every stored instant is.
    var now: Date { Date(timeIntervalSince1970: clock().timeIntervalSince1970.rounded(.down)) }
}
