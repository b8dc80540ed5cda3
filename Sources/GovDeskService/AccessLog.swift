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
        fields["time"] = Self.utcTime(Date())
        fields["level"] = level.rawValue
        fields["label"] = label
        fields["message"] = message.description
        FileHandle.standardError.write(Data(Self.line(fields).utf8))
    }

    /// One JSON object on one line, its keys sorted, every value a string. Written by hand: this runs once for every
    /// answered request, and a formatter and a serializer made for each line cost the service a fifth of its time.
    static func line(_ fields: [String: String]) -> String {
        var line = "{"
        for key in fields.keys.sorted() {
            if line.utf8.count > 1 { line += "," }
            appendQuoted(key, to: &line)
            line += ":"
            appendQuoted(fields[key] ?? "", to: &line)
        }
        line += "}\n"
        return line
    }

    /// A JSON string: the quote, the backslash and control characters escaped (RFC 8259 §7); the rest as it is.
    static func appendQuoted(_ text: String, to line: inout String) {
        line += "\""
        var plain = true
        for scalar in text.unicodeScalars where scalar == "\"" || scalar == "\\" || scalar.value < 0x20 {
            plain = false
            break
        }
        if plain {
            line += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": line += "\\\""
                case "\\": line += "\\\\"
                case "\n": line += "\\n"
                case "\r": line += "\\r"
                case "\t": line += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: line.unicodeScalars.append(scalar)
                }
            }
        }
        line += "\""
    }

    /// The instant in UTC to the second, as ISO 8601 writes it: `2026-12-06T07:11:14Z`.
    static func utcTime(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        // Days since 1970-01-01 to the proleptic Gregorian date (H. Hinnant's civil_from_days).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(second / 3_600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }
}

/// The process's log format, chosen once before the service starts.
public enum ServiceLogging {
    /// Every logger made from now on writes JSON lines (`serve --log-format json`).
    public static func useJSON() {
        LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
    }
}
