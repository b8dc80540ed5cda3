import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird
import Prometheus

/// What `/metrics` reports in the Prometheus text format (DESIGN §12): requests by route, method and status, their
/// latencies, and — counted when scraped — the open and the overdue tickets. One registry per router, so that tests
/// and a second server in one process do not add to each other's counts.
final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// Seconds: from a millisecond to ten.
    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
        .seconds(5), .seconds(10),
    ]

    func record(route: String, method: String, status: Int, duration: Duration) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "govdesk", metricName: "http_requests", unitName: "total",
                helpText: "HTTP requests answered, by route, method and status."),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "govdesk", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time to answer an HTTP request, by route, method and status."),
            labels: labels, buckets: Self.buckets
        ).record(duration)
    }

    /// The open tickets and those past a deadline now, counted by the store at `now`.
    func countTickets(_ database: GovDeskDatabase, at now: Date) throws {
        var open = TicketFilter()
        open.states = TicketState.allCases.filter(\.isOpen)
        var overdue = TicketFilter()
        overdue.overdueAt = now
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "govdesk", metricName: "open_tickets", unitName: "",
                helpText: "Tickets neither closed nor merged.")
        ).set(Double(try database.count(matching: open)))
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "govdesk", metricName: "overdue_tickets", unitName: "",
                helpText: "Open tickets past their sign-for or handling deadline.")
        ).set(Double(try database.count(matching: overdue)))
    }
}

/// Counts every answer and its latency under the route's pattern (`/tickets/{number}`, never the number itself, so
/// the number of series stays small); unmatched paths count as `unmatched`.
struct MetricsRecordingMiddleware: RouterMiddleware {
    typealias Context = DeskContext
    let metrics: ServiceMetrics
    static let methods: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .delete, .options, .patch]

    func handle(
        _ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        // Any token is a method to HTTP: only the usual ones get series of their own.
        let method = Self.methods.contains(request.method) ? request.method.rawValue : "other"
        do {
            let response = try await next(request, context)
            metrics.record(
                route: context.endpointPath ?? "unmatched", method: method, status: response.status.code,
                duration: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.record(
                route: context.endpointPath ?? "unmatched", method: method, status: status,
                duration: ContinuousClock.now - start)
            throw error
        }
    }
}
