import Foundation
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
        fields["time"] = ISO8601DateFormatter().string(from: Date())
        fields["level"] = level.rawValue
        fields["label"] = label
        fields["message"] = message.description
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }
}

/// The process's log format, chosen once before the service starts.
public enum ServiceLogging {
    /// Every logger made from now on writes JSON lines (`serve --log-format json`).
    public static func useJSON() {
        LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
    }
}
