import Foundation
import GovDeskCore
import Hummingbird
import Logging

/// One log line per answered request (DESIGN §12: structured logs): method, the route's pattern, the path, the
/// status, the time it took, and who was signed in — never a form's content, a query's phone number or a cookie.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = DeskContext

    func handle(
        _ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: response.status.code, since: start)
            return response
        } catch {
            log(request, context, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    func log(_ request: Request, _ context: DeskContext, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.log(
            level: status >= 500 ? .error : .info, "answered",
            metadata: [
                "method": .string(request.method.rawValue), "route": .string(context.endpointPath ?? "unmatched"),
                "path": .string(request.uri.path), "status": .stringConvertible(status),
                "ms": .string(String(format: "%.1f", milliseconds)),
                "staff": .string(context.identity?.staff.code ?? "-"),
            ])
    }
}

/// Log lines as JSON objects, one a line (`serve --log-format json`), for a log collector: `time`, `level`, `label`,
/// `message` and the metadata's keys.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        var fields: [String: String] = [:]
        for (key, value) in metadata.merging(explicit ?? [:], uniquingKeysWith: { _, new in new }) {
            fields[key] = "\(value)"
        }
        fields["time"] = Self.utcTime(Date())
        fields["level"] = level.rawValue
        fields["label"] = label
        fields["message"] = message.description
        FileHandle.standardError.write(Data(Self.line(fields).utf8))
    }

    /// One JSON object on one line, its keys sorted, every value a string (`JSONText`, written by hand: this runs
    /// once for every answered request, and a formatter and a serializer made for each line cost the service a fifth
    /// of its time).
    static func line(_ fields: [String: String]) -> String { JSONText.object(fields) + "\n" }

    /// The instant in UTC to the second, as ISO 8601 writes it: `2026-12-06T07:11:14Z`.
    static func utcTime(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        let day = LocalDate(dayNumber: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(repeating: "0", count: max(0, 4 - String(day.year).count)) + String(day.year)
        return "\(year)-\(two(day.month))-\(two(day.day))T\(two(second / 3_600)):\(two(second / 60 % 60)):"
            + "\(two(second % 60))Z"
    }
}

/// The process's log format, chosen once before the service starts.
public enum ServiceLogging {
    /// Every logger made from now on writes JSON lines (`serve --log-format json`).
    public static func useJSON() {
        LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
    }

    /// A line for the operator (where the service listens, a warning about its setup) as a log record, so that a
    /// log of JSON lines holds nothing else.
    public static func notice(_ text: String) {
        Logger(label: "govdesk.serve").notice("\(text)")
    }

    /// Why the service could not start or went on no longer, as a log record.
    public static func error(_ text: String) {
        Logger(label: "govdesk.serve").error("\(text)")
    }
}
