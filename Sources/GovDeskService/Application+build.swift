import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird
import Logging
import NIOCore

/// The routes of `govdesk serve` (DESIGN §12), built the same way for the command line and for the tests
/// (`app.test(.router)`).
///
///     GET  /healthz                 200 "ok" when the database answers
///     GET  /assets/govdesk.css      the house style
///     GET  /login, POST /login      log in (a form token before any session); POST /logout
///     GET  /, /queue                the queue of the signed-in staff member's role
///     GET  /tickets?number=N        the search box → /tickets/N
///     GET  /tickets/{number}        the ticket page: state, clocks, timeline, forms
///     POST /tickets/{number}/sign   签收, POST /tickets/{number}/reply   回复
///     /open311/v2/…                 Open311 GeoReport v2 (Open311Controller): before the session's middleware, so it
///                                   never reads a cookie (an API key instead)
public func buildRouter(database: GovDeskDatabase, configuration: ServiceConfiguration) throws -> Router<DeskContext> {
    let desk = try Desk(database: database, configuration: configuration)
    let router = Router(context: DeskContext.self)
    router.add(middleware: LogRequestsMiddleware(.info))
    Open311Controller(desk: desk).addRoutes(to: router)
    router.add(middleware: LanguageMiddleware(desk: desk))
    router.add(middleware: StaffSessionAuthenticator(desk: desk))
    router.get("/healthz") { _, _ -> Response in
        let answers = (try? await desk.store { try $0.isInitialized() }) != nil
        var headers = Desk.securityHeaders
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(
            status: answers ? .ok : .serviceUnavailable, headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: answers ? "ok\n" : "database unavailable\n")))
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
    TicketController(desk: desk).addRoutes(to: router.group().add(middleware: RequireSignInMiddleware()))
    return router
}

/// The service as an application: the router above, listening where the configuration says.
public func buildApplication(
    database: GovDeskDatabase, configuration: ServiceConfiguration, logger: Logger? = nil,
    onRunning: @escaping @Sendable () -> Void = {}
) throws -> some ApplicationProtocol {
    let logger = logger ?? Logger(label: "govdesk.serve")
    return Application(
        router: try buildRouter(database: database, configuration: configuration),
        // A connection that sends nothing for 30 s is closed: half-sent requests do not hold sockets for ever.
        server: .http1(configuration: .init(idleTimeout: .seconds(30))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "GovDesk"),
        onServerRunning: { _ in onRunning() },
        logger: logger)
}

/// Runs the service until SIGTERM or SIGINT, finishing the requests in flight (graceful shutdown). Blocks: the
/// command line's commands are synchronous.
/// `onRunning` is called once the address is bound (not before: a port in use is an error, not a banner).
public func runService(
    database: GovDeskDatabase, configuration: ServiceConfiguration, onRunning: @escaping @Sendable () -> Void = {}
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
        throw ServiceStartError(reason: String(cString: strerror(error.errnoCode)))
    }
    if let error = outcome.error { throw error }
}

/// The service could not start: the system's reason (`Address already in use`).
public struct ServiceStartError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// How the service ended, passed from its task to the blocked command.
private final class ServiceOutcome: @unchecked Sendable {
    var error: (any Error)?
}
