import Foundation
import GRDB
import GovDeskCore

extension Date {
    /// Whole seconds since 1970, the form every instant is stored in; saturating, never trapping.
    var epochSeconds: Int64 { StoredInstant.seconds(self) }
    init(epochSeconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(epochSeconds)) }
}

extension Row {
    /// A stored instant of `record` (`ticket 20250929-000001`), nil when NULL; refused unless it is a whole number of
    /// seconds within `StoredInstant.range`: a row changed outside GovDesk would otherwise trap or print nonsense
    /// wherever the time is converted, compared or shown.
    func date(_ column: String, of record: @autoclosure () -> String) throws -> Date? {
        let value: DatabaseValue = self[column]
        if value.isNull { return nil }
        guard let seconds = Int64.fromDatabaseValue(value), let date = StoredInstant.date(seconds) else {
            throw StoredValueError.instantOutOfRange(record: record(), field: column, stored: value.description)
        }
        return date
    }

    /// A stored instant of a NOT NULL column: as `date(_:of:)`, and refused the same way when it is missing.
    func requiredDate(_ column: String, of record: @autoclosure () -> String) throws -> Date {
        guard let date = try date(column, of: record()) else {
            throw StoredValueError.instantOutOfRange(record: record(), field: column, stored: "NULL")
        }
        return date
    }

    /// A counter of `record` (`ticket 20250929-000001`), refused unless it is a whole number in `allowed`: a row
    /// changed outside GovDesk would otherwise trap where the counter grows.
    func count(
        _ column: String, _ field: String, of record: String, allowed: ClosedRange<Int> = 0...StoredCount.maximumEvents
    ) throws -> Int {
        let value: DatabaseValue = self[column]
        guard let count = Int.fromDatabaseValue(value), allowed.contains(count) else {
            throw StoredValueError.outOfRange(record: record, field: field, stored: value.description, allowed: allowed)
        }
        return count
    }

    /// The event count of `record`, refused outside 1 … `StoredCount.maximumEvents`.
    func eventCount(of record: String) throws -> Int {
        try count("eventCount", "event count", of: record, allowed: StoredCount.eventCounts)
    }
}

/// The `ticket` table's row of a ticket.
struct TicketRow {
    static let columns = [
        "number", "channel", "type", "topic", "urgency", "callerName", "callerPhone", "address", "street",
        "description", "sourceSystem", "sourceId", "state", "leadDepartment", "coDepartments", "createdAt",
        "dispatchedAt", "signDeadline", "signedAt", "deadline", "pendingExtensionDays", "pendingExtensionReason",
        "pendingExtensionAt", "repliedAt", "replyText", "replyOutcome", "closedAt", "answerText", "answeredAt",
        "onTime", "revisitedAt", "mergedInto", "eventCount",
    ]

    static func values(_ t: Ticket) -> [(any DatabaseValueConvertible)?] {
        [
            t.number, t.channel.rawValue, t.type.rawValue, t.topic, t.urgency.rawValue, t.callerName, t.callerPhone,
            t.address, t.street, t.description, t.sourceSystem, t.sourceId, t.state.rawValue, t.leadDepartment,
            t.coDepartments.joined(separator: ","), t.createdAt.epochSeconds, t.dispatchedAt?.epochSeconds,
            t.signDeadline?.epochSeconds, t.signedAt?.epochSeconds, t.deadline?.epochSeconds,
            t.pendingExtension?.days, t.pendingExtension?.reason, t.pendingExtension?.requestedAt.epochSeconds,
            t.repliedAt?.epochSeconds, t.replyText, t.replyOutcome?.rawValue, t.closedAt?.epochSeconds, t.answerText,
            t.answeredAt?.epochSeconds, t.onTime, t.revisitedAt?.epochSeconds, t.mergedInto, t.eventCount,
        ]
    }

    static let insertSQL =
        "INSERT INTO ticket (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    static let updateSQL =
        "UPDATE ticket SET \(columns.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")) WHERE number = ?"

    /// Decodes a `SELECT * FROM ticket` row; the CHECK constraints guarantee the enumerated values.
    static func ticket(from row: Row) throws -> Ticket {
        func value<T: RawRepresentable>(_ column: String) throws -> T where T.RawValue == String {
            let raw: String = row[column]
            guard let value = T(rawValue: raw) else {
                throw StoreError.storage("ticket \(row["number"] as String? ?? "?"): bad \(column) '\(raw)'")
            }
            return value
        }
        let intake = Ticket.Intake(
            channel: try value("channel"), type: try value("type"), topic: row["topic"], urgency: try value("urgency"),
            callerName: row["callerName"], callerPhone: row["callerPhone"], address: row["address"],
            street: row["street"], description: row["description"], sourceSystem: row["sourceSystem"],
            sourceId: row["sourceId"])
        let number: String = row["number"]
        let record = "ticket \(number)"
        var t = Ticket(number: number, intake: intake, createdAt: try row.requiredDate("createdAt", of: record))
        t.state = try value("state")
        t.leadDepartment = row["leadDepartment"]
        let co: String = row["coDepartments"]
        t.coDepartments = co.split(separator: ",").map(String.init)
        t.dispatchedAt = try row.date("dispatchedAt", of: record)
        t.signDeadline = try row.date("signDeadline", of: record)
        t.signedAt = try row.date("signedAt", of: record)
        t.deadline = try row.date("deadline", of: record)
        if let days: Int = row["pendingExtensionDays"] {
            t.pendingExtension = Ticket.ExtensionRequest(
                days: days, reason: row["pendingExtensionReason"] ?? "",
                requestedAt: try row.date("pendingExtensionAt", of: record) ?? t.createdAt)
        }
        t.repliedAt = try row.date("repliedAt", of: record)
        t.replyText = row["replyText"]
        t.replyOutcome = (row["replyOutcome"] as String?).flatMap(ReplyOutcome.init)
        t.closedAt = try row.date("closedAt", of: record)
        t.answerText = row["answerText"]
        t.answeredAt = try row.date("answeredAt", of: record)
        t.onTime = row["onTime"]
        t.revisitedAt = try row.date("revisitedAt", of: record)
        t.mergedInto = row["mergedInto"]
        t.eventCount = try row.eventCount(of: record)
        return t
    }
}

/// The `ticketEvent` table.
enum TicketEventRow {
    static let insertSQL = """
        INSERT INTO ticketEvent (ticketId, sequence, action, fromState, toState, actor, at, details, hash, recordedAt)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Writes one event, chained to the ticket's previous event (`EventChain`).
    static func insert(_ event: TicketEvent, ticketId: Int64, _ db: Database) throws {
        let previous = try EventChain.previousHash(
            .ticket, parentId: ticketId, sequence: event.sequence, at: event.at, db)
        try insert(event, ticketId: ticketId, after: previous, db)
    }

    /// Writes one event chained to `previous`, the hash of the ticket's event before it; returns the event's hash.
    @discardableResult
    static func insert(_ event: TicketEvent, ticketId: Int64, after previous: Data, _ db: Database) throws -> Data {
        let details = event.detailsJSON
        let hash = EventChain.hash(after: previous, EventChain.fields(event, details: details))
        try db.cachedStatement(sql: insertSQL).execute(arguments: [
            ticketId, event.sequence, event.action.rawValue, event.from?.rawValue, event.to.rawValue, event.actor,
            event.at.epochSeconds, details, hash, event.recordedAt?.epochSeconds,
        ])
        return hash
    }

    static func event(from row: Row) throws -> TicketEvent {
        let action: String = row["action"]
        let to: String = row["toState"]
        let detailsText: String = row["details"]
        guard let a = TicketAction(rawValue: action), let t = TicketState(rawValue: to),
            let details = TicketEvent.decodeDetails(detailsText)
        else { throw StoreError.storage("event \(row["id"] as Int64? ?? 0) cannot be read") }
        let record = "ticket event \(row["id"] as Int64? ?? 0)"
        return TicketEvent(
            sequence: row["sequence"], action: a, from: (row["fromState"] as String?).flatMap(TicketState.init), to: t,
            actor: row["actor"], at: try row.requiredDate("at", of: record), details: details,
            recordedAt: try row.date("recordedAt", of: record))
    }
}
