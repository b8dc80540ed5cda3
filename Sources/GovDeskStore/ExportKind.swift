import Foundation
import GRDB
import GovDeskCore

/// What an export row mapping needs besides the row: whether personal data is shown, and local time.
public final class ExportContext {
    public let includePersonalData: Bool
    public let clock: ZoneClock

    public init(includePersonalData: Bool, timeZone: TimeZone) {
        self.includePersonalData = includePersonalData
        self.clock = ZoneClock(timeZone: timeZone)
    }

    /// A stored instant column as local ISO 8601 with its offset; nil when empty.
    public func time(_ row: Row, _ column: String) -> String? {
        (row[column] as Int64?).map(clock.iso)
    }

    /// The same by column index, for row loops over many rows (a name costs a search of the row's columns).
    public func time(_ row: Row, _ index: Int) -> String? {
        (row[index] as Int64?).map(clock.iso)
    }

    public func name(_ text: String?) -> String? {
        guard let text else { return nil }
        return includePersonalData ? text : PersonalData.maskName(text)
    }

    public func phone(_ text: String?) -> String? {
        guard let text else { return nil }
        return includePersonalData ? text : PersonalData.maskPhone(text)
    }
}

/// One kind of `govdesk export`: its fixed English headers, the SQL that selects a local date range, and the
/// mapping of one SQL row to cells. A new kind (letters, cases, ratings…) is one small type conforming to this.
public protocol ExportKind {
    /// The name on the command line and in the audit log: `tickets`.
    var name: String { get }
    /// Column headers, stable for scripts.
    var headers: [String] { get }
    /// What each column holds, for JSON lines; text where it says nothing.
    var types: [ExportColumnType] { get }
    /// Selects the rows of `[start, end)` (two `?` arguments, epoch seconds) in export order. Prefer an order an
    /// index serves, so that the rows stream without a sort.
    var sql: String { get }
    /// Whether the rows carry personal data (names, phones); such exports are masked unless asked otherwise.
    var hasPersonalData: Bool { get }
    /// The cells of one row, in header order.
    func values(_ row: Row, _ context: ExportContext) -> [String?]
    /// The two arguments of `sql` for `[start, end)`; epoch seconds unless the kind says otherwise.
    func arguments(from start: Date, to end: Date, _ context: ExportContext) -> StatementArguments
}

extension ExportKind {
    public var types: [ExportColumnType] { [] }

    /// The types of the named columns; every other column is text.
    func columnTypes(_ typed: [String: ExportColumnType]) -> [ExportColumnType] {
        headers.map { typed[$0] ?? .text }
    }

    public func arguments(from start: Date, to end: Date, _ context: ExportContext) -> StatementArguments {
        [start.epochSeconds, end.epochSeconds]
    }
}

extension GovDeskDatabase {
    /// Streams the rows of `kind` in `[start, end)` to `encoder`, one row at a time from a cursor; returns the count.
    /// `progress` hears the count after each row.
    public func export(
        _ kind: any ExportKind, from start: Date, to end: Date, context: ExportContext, to encoder: ExportEncoder,
        progress: ((Int) -> Void)? = nil
    ) throws -> Int {
        try read { db in
            try encoder.begin(headers: kind.headers, types: kind.types)
            var count = 0
            let rows = try Row.fetchCursor(db, sql: kind.sql, arguments: kind.arguments(from: start, to: end, context))
            while let row = try rows.next() {
                try encoder.row(kind.values(row, context))
                count += 1
                progress?(count)
            }
            try encoder.finish()
            return count
        }
    }
}

/// `govdesk export tickets`: one row per ticket created in the range.
public struct TicketExport: ExportKind {
    public init() {}
    public var name: String { "tickets" }
    public var hasPersonalData: Bool { true }

    public var headers: [String] {
        [
            "number", "state", "type", "channel", "urgency", "topic", "callerName", "callerPhone", "address",
            "street", "description", "leadDepartment", "coDepartments", "createdAt", "dispatchedAt", "signDeadline",
            "signedAt", "deadline", "repliedAt", "replyOutcome", "replyText", "closedAt", "answeredAt", "answerText",
            "onTime", "revisitedAt", "mergedInto", "sourceSystem", "sourceId",
        ]
    }

    public var types: [ExportColumnType] { columnTypes(["onTime": .boolean]) }

    /// The selected columns, in this order: `values` reads them by index, which a million rows notice.
    static let columns = [
        "number", "state", "type", "channel", "urgency", "topic", "callerName", "callerPhone", "address", "street",
        "description", "leadDepartment", "coDepartments", "createdAt", "dispatchedAt", "signDeadline", "signedAt",
        "deadline", "repliedAt", "replyOutcome", "replyText", "closedAt", "answeredAt", "answerText", "onTime",
        "revisitedAt", "mergedInto", "sourceSystem", "sourceId",
    ]

    public var sql: String {
        "SELECT \(Self.columns.joined(separator: ", ")) FROM ticket WHERE createdAt >= ? AND createdAt < ? "
            + "ORDER BY createdAt, id"
    }

    public func values(_ row: Row, _ c: ExportContext) -> [String?] {
        let onTime: Bool? = row[24]
        return [
            row[0], row[1], row[2], row[3], row[4], row[5], c.name(row[6]), c.phone(row[7]), row[8], row[9],
            row[10], row[11], row[12], c.time(row, 13), c.time(row, 14), c.time(row, 15), c.time(row, 16),
            c.time(row, 17), c.time(row, 18), row[19], row[20], c.time(row, 21), c.time(row, 22), row[23],
            onTime.map { String($0) }, c.time(row, 25), row[26], row[27], row[28],
        ]
    }
}

/// `govdesk export events`: one row per ticket event that happened in the range.
public struct TicketEventExport: ExportKind {
    public init() {}
    public var name: String { "events" }
    public var hasPersonalData: Bool { true }

    public var headers: [String] { ["number", "sequence", "action", "from", "to", "actor", "at", "details"] }
    public var types: [ExportColumnType] { columnTypes(["sequence": .integer, "details": .json]) }

    public var sql: String {
        """
        SELECT t.number, e.sequence, e.action, e.fromState, e.toState, e.actor, e.at, e.details
        FROM ticketEvent e JOIN ticket t ON t.id = e.ticketId
        WHERE e.at >= ? AND e.at < ? ORDER BY e.at, e.id
        """
    }

    public func values(_ row: Row, _ c: ExportContext) -> [String?] {
        // By index, in the order of `sql`.
        let action: String = row[2]
        let stored: String = row[7]
        // Typed as `ticket show --json` types them (instants local with their offset, flags, counts), in CSV and JSON
        // lines alike; details that cannot be read are an empty object.
        var pairs =
            JSONText.flatPairs(stored)
            ?? (TicketEvent.decodeDetails(stored) ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if action == TicketAction.create.rawValue, !c.includePersonalData {
            pairs = pairs.map { key, value in
                switch key {
                case DetailKey.callerName: return (key, PersonalData.maskName(value))
                case DetailKey.callerPhone: return (key, PersonalData.maskPhone(value))
                default: return (key, value)
                }
            }
        }
        let sequence: Int64 = row[1]
        return [
            row[0], String(sequence), action, row[3], row[4], row[5], c.time(row, 6),
            TypedDetails.json(pairs: pairs, iso: c.clock.iso),
        ]
    }
}
