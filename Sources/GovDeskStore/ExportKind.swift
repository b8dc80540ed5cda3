import Foundation
import GRDB
import GovDeskCore

/// What an export row mapping needs besides the row: whether personal data is shown, and local time.
public final class ExportContext {
    public let includePersonalData: Bool
    public let clock: ZoneClock
    /// The first stored instant of the current row that is not a time GovDesk writes (`StoredInstant.range`): the
    /// export stops at that row and names it rather than writing a made-up time.
    private(set) var damaged: (field: String, stored: String)?

    public init(includePersonalData: Bool, timeZone: TimeZone) {
        self.includePersonalData = includePersonalData
        self.clock = ZoneClock(timeZone: timeZone)
    }

    /// A stored instant column as local ISO 8601 with its offset; nil when empty.
    public func time(_ row: Row, _ column: String) -> String? {
        instant(row[column] as DatabaseValue, field: column)
    }

    /// The same by column index, for row loops over many rows (a name costs a search of the row's columns).
    public func time(_ row: Row, _ index: Int) -> String? {
        instant(row[index] as DatabaseValue, field: { Array(row.columnNames)[index] }())
    }

    private func instant(_ value: DatabaseValue, field: @autoclosure () -> String) -> String? {
        if value.isNull { return nil }
        guard let seconds = Int64.fromDatabaseValue(value), StoredInstant.range.contains(seconds) else {
            if damaged == nil { damaged = (field(), value.description) }
            return nil
        }
        return clock.iso(seconds)
    }

    /// The damage found in the row just mapped, if any; cleared.
    func takeDamage() -> (field: String, stored: String)? {
        defer { damaged = nil }
        return damaged
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
    /// What a row's first cell names, for a message about a damaged row: `ticket` (`ticket 20250616-000001`).
    var recordName: String { get }
    /// The cells of one row, in header order.
    func values(_ row: Row, _ context: ExportContext) -> [String?]
    /// The two arguments of `sql` for `[start, end)`; epoch seconds unless the kind says otherwise.
    func arguments(from start: Date, to end: Date, _ context: ExportContext) -> StatementArguments
}

extension ExportKind {
    public var types: [ExportColumnType] { [] }
    public var recordName: String { "\(name) row" }

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
                let values = kind.values(row, context)
                if let damage = context.takeDamage() {
                    throw StoredValueError.instantOutOfRange(
                        record: "\(kind.recordName) \(Self.recordKey(row))", field: damage.field,
                        stored: damage.stored)
                }
                try encoder.row(values)
                count += 1
                progress?(count)
            }
            try encoder.finish()
            return count
        }
    }

    /// What names an export row's record: its number, else its month and code (an evaluation), else its first cell.
    static func recordKey(_ row: Row) -> String {
        func text(_ value: DatabaseValue) -> String { String.fromDatabaseValue(value) ?? value.description }
        if row.hasColumn("number") { return text(row["number"]) }
        if row.hasColumn("month"), row.hasColumn("code") { return text(row["month"]) + " " + text(row["code"]) }
        return text(row[0])
    }
}

/// `govdesk export tickets`: one row per ticket created in the range.
public struct TicketExport: ExportKind {
    public init() {}
    public var name: String { "tickets" }
    public var recordName: String { "ticket" }
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
    public var recordName: String { "an event of ticket" }
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
