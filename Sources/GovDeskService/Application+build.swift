import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// The routes of `govdesk serve` (DESIGN §12), built the same way for the command line and for the tests
/// (`app.test(.router)`).
///
///     GET  /healthz                 200 "ok" when the database answers
///     GET  /metrics                 requests, latencies, open and overdue tickets (Prometheus text format)
///     GET  /assets/govdesk.css      the house style
///     GET  /track, POST /track      the citizens' progress lookup (number + last four digits of the phone)
///     GET  /login, POST /login      log in (a form token before any session); POST /logout
///     GET  /, /queue                the queues of the signed-in staff member's roles
///     GET  /intake, POST /intake    the operator's intake form (受理)
///     GET  /tickets?number=N        the search box → /tickets/N
///     GET  /tickets/{number}        the ticket page: state, clocks, timeline, the forms the roles allow
///     POST /tickets/{number}/{action}  one action (dispatch, sign, return, extend, reply, approve, reject, …)
///     GET  /search, POST /search/phone   tickets by topic, department, state, type; by phone (audited)
///     GET  /reports/{YYYY-MM}       the monthly report (supervisors), with its seal and marks
///     GET  /admin/staff, POST /admin/staff/{code}/password   staff and their passwords (administrators)
///     GET  /letters, /letters/{number}, POST /letters/issue   supervision letters: list, one letter, issue those due
///     GET  /months, POST /months/close   closed months with their seals; close one (a confirmation step first)
///     GET  /evaluations/{YYYY-MM}, POST /evaluations/{YYYY-MM}/{run|score|finalize}   the ranking and its forms
///     GET  /cases, /cases/new, /cases/{number}; POST /cases, /cases/{number}/{action}   window cases (CaseController)
///     GET  /findings, /findings/new, /findings/{number}; POST /findings, /findings/{number}/{action}   findings
///     /open311/v2/…                 Open311 GeoReport v2 (Open311Controller): before the session's middleware, so it
///                                   never reads a cookie (an API key instead)
public func buildRouter(database: GovDeskDatabase, configuration: ServiceConfiguration) throws -> ServiceRouter {
    ServiceRouter(router: try buildRoutes(database: database, configuration: configuration))
}

/// The routes above, answering HEAD as they answer GET, without the body (RFC 9110 §9.3.2): uptime monitors and link
/// checkers ask with HEAD, and a route table of GETs alone would tell them every page is missing.
public struct ServiceRouter: HTTPResponderBuilder {
    let router: Router<DeskContext>

    public func buildResponder() -> Responder { Responder(inner: router.buildResponder()) }

    public struct Responder: HTTPResponder {
        public typealias Context = DeskContext
        let inner: RouterResponder<DeskContext>

        public func respond(to request: Request, context: DeskContext) async throws -> Response {
            guard request.method == .head else { return try await inner.respond(to: request, context: context) }
            var head = request.head
            head.method = .get
            var response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
            // The GET's headers, its length among them (RFC 9110 §9.3.2), without its body.
            let length = response.headers[.contentLength]
            response.body = .init()
            response.headers[.contentLength] = length
            return response
        }
    }
}

func buildRoutes(database: GovDeskDatabase, configuration: ServiceConfiguration) throws -> Router<DeskContext> {
    let desk = try Desk(database: database, configuration: configuration)
    let router = Router(context: DeskContext.self)
    let metrics = ServiceMetrics()
    router.add(middleware: MetricsRecordingMiddleware(metrics: metrics))
    // Middleware applies to the routes added after it: Open311's are counted and logged, but see no cookie.
    Open311Controller(desk: desk).addRoutes(to: router.group().add(middleware: AccessLogMiddleware()))
    router.add(middleware: LanguageMiddleware(desk: desk))
    router.add(middleware: StaffSessionAuthenticator(desk: desk))
    // After the session is read, so that each line says who was signed in.
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: NotFoundPageMiddleware(desk: desk))
    router.get("/healthz") { _, _ -> Response in
        let answers = (try? await desk.store { try $0.isInitialized() }) != nil
        var headers = Desk.securityHeaders
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(
            status: answers ? .ok : .serviceUnavailable, headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: answers ? "ok\n" : "database unavailable\n")))
    }
    router.get("/metrics") { _, _ -> Response in
        let now = desk.configuration.now
        try await desk.store { try metrics.countTickets($0, at: now) }
        var headers = Desk.securityHeaders
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.registry.emitToString())))
    }
    router.get("/assets/govdesk.css") { _, _ -> Response in
        Response(
            status: .ok,
            headers: [
                .contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600", .xContentTypeOptions: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(string: Templates.stylesheet)))
    }
    LoginController(desk: desk).addRoutes(to: router)
    TrackController(desk: desk, throttle: LookupThrottle()).addRoutes(to: router)
    let signedIn = router.group().add(middleware: RequireSignInMiddleware())
    QueueController(desk: desk, cache: PageCache()).addRoutes(to: signedIn)
    IntakeController(desk: desk).addRoutes(to: signedIn)
    TicketController(desk: desk).addRoutes(to: signedIn)
    ReportController(desk: desk).addRoutes(to: signedIn)
    AdminController(desk: desk).addRoutes(to: signedIn)
    SearchController(desk: desk).addRoutes(to: signedIn)
    LetterController(desk: desk).addRoutes(to: signedIn)
    MonthController(desk: desk).addRoutes(to: signedIn)
    EvaluationController(desk: desk).addRoutes(to: signedIn)
    CaseController(desk: desk).addRoutes(to: signedIn)
    FindingController(desk: desk).addRoutes(to: signedIn)
    return router
}

/// The service as an application: the router above, listening where the configuration says.
public func buildApplication(
    database: GovDeskDatabase, configuration: ServiceConfiguration, logger: Logger? = nil,
    onRunning: @escaping @Sendable (_ port: Int) -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let logger = logger ?? Logger(label: "govdesk.serve")
    // A connection that sends nothing for 30 s is closed: half-sent requests do not hold sockets for ever.
    let http: HTTPServerBuilder = .http1(configuration: .init(idleTimeout: .init(configuration.idleTimeout)))
    let server = try configuration.tls.map {
        try HTTPServerBuilder.tls(http, tlsConfiguration: try tlsConfiguration($0))
    }
    return Application(
        router: try buildRouter(database: database, configuration: configuration),
        server: server ?? http,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "GovDesk"),
        onServerRunning: { channel in onRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// The server's TLS configuration from PEM files: TLS 1.2 or later, the files named in the refusal when unreadable.
func tlsConfiguration(_ files: ServiceConfiguration.TLSFiles) throws -> TLSConfiguration {
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    do {
        chain = try NIOSSLCertificate.fromPEMFile(files.certificateChain)
    } catch {
        throw ServiceStartError(
            chinese: "--tls-cert \(files.certificateChain)：不是可读的 PEM 证书链",
            english: "--tls-cert \(files.certificateChain): not a readable PEM certificate chain")
    }
    guard !chain.isEmpty else {
        throw ServiceStartError(
            chinese: "--tls-cert \(files.certificateChain)：其中没有证书",
            english: "--tls-cert \(files.certificateChain): holds no certificate")
    }
    do {
        key = try NIOSSLPrivateKey(file: files.privateKey, format: .pem)
    } catch {
        throw ServiceStartError(
            chinese: "--tls-key \(files.privateKey)：不是可读的 PEM 私钥",
            english: "--tls-key \(files.privateKey): not a readable PEM private key")
    }
    var configuration = TLSConfiguration.makeServerConfiguration(
        certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    configuration.minimumTLSVersion = .tlsv12
    return configuration
}

/// Runs the service until SIGTERM or SIGINT, finishing the requests in flight (graceful shutdown). Blocks: the
/// command line's commands are synchronous.
/// `onRunning` is called with the bound port once the address is bound (not before: a port in use is an error, not a
/// banner).
public func runService(
    database: GovDeskDatabase, configuration: ServiceConfiguration,
    onRunning: @escaping @Sendable (_ port: Int) -> Void = { _ in }
) throws {
    let app = try buildApplication(database: database, configuration: configuration, onRunning: onRunning)
    let outcome = ServiceOutcome()
    let done = DispatchSemaphore(value: 0)
    Task {
        do {
            try await app.runService()
        } catch {
            outcome.error = error
        }
        done.signal()
    }
    done.wait()
    // A system call that failed (a port in use, an address not ours): its own words, not NIO's call syntax.
    if let error = outcome.error as? IOError {
        let reason = String(cString: strerror(error.errnoCode))
        throw ServiceStartError(
            chinese: "无法在 \(configuration.host):\(configuration.port) 提供网页服务：\(reason)",
            english: "cannot serve on \(configuration.host):\(configuration.port): \(reason)")
    }
    if let error = outcome.error { throw error }
}

/// The service could not start: the system's reason (`Address already in use`), or a TLS file it could not read.
public struct ServiceStartError: GovDeskError {
    public var chineseMessage: String
    public var englishMessage: String
    public var kind: FailureKind { .storage }

    init(chinese: String, english: String) {
        self.chineseMessage = chinese
        self.englishMessage = english
    }
}

/// How the service ended, passed from its task to the blocked command.
private final class ServiceOutcome: @unchecked Sendable {
    var error: (any Error)?
}
