import Foundation
import GRDB
import GRDBSQLite
import GovDeskCore

extension GovDeskDatabase {
    /// Writes whole ticket histories (each ticket's final row and all its events) and letters in one transaction,
    /// through reused prepared statements: the demo generator's and large imports' path. Tickets must come in an
    /// order where a merged ticket follows the ticket it was merged into (number order does). The per-day ticket
    /// counter ends at the highest number used, so later `ticket new` continues after them.
    public func bulkInsert<S: Sequence>(_ tickets: S, letters: [SupervisionLetter] = []) throws
    where S.Element == (Ticket, [TicketEvent]) {
        try write { db in
            // A bigger page cache for the duration: the indexes of a million rows stay in memory.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -1048576")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            let ticketStatement = try db.makeStatement(sql: TicketRow.insertSQL)
            let eventStatement = try db.makeStatement(sql: TicketEventRow.insertSQL)
            let ticketRow = RawRow(ticketStatement.sqliteStatement)
            let eventRow = RawRow(eventStatement.sqliteStatement)
            var lastByDay: [Substring: Int] = [:]
            for (ticket, events) in tickets {
                ticketRow.bindTicket(ticket)
                try ticketRow.step(db)
                let id = db.lastInsertedRowID
                for e in events {
                    eventRow.bind(1, id)
                    eventRow.bind(2, Int64(e.sequence))
                    eventRow.bind(3, e.action.rawValue)
                    eventRow.bind(4, e.from?.rawValue)
                    eventRow.bind(5, e.to.rawValue)
                    eventRow.bind(6, e.actor)
                    eventRow.bind(7, e.at.epochSeconds)
                    eventRow.bind(8, DetailsJSON.encode(e.details))
                    try eventRow.step(db)
                }
                let parts = ticket.number.split(separator: "-")
                if parts.count == 2, parts[0].count == 8, let sequence = Int(parts[1]) {
                    lastByDay[parts[0]] = max(lastByDay[parts[0]] ?? 0, sequence)
                }
            }
            for letter in letters { try insertLetter(letter, db) }
            let counter = try db.makeStatement(
                sql: """
                    INSERT INTO ticketCounter (day, last) VALUES (?, ?)
                    ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)
                    """)
            for (day, last) in lastByDay.sorted(by: { $0.key < $1.key }) {
                try counter.execute(arguments: [String(day), last])
            }
        }
    }

    /// Ticket counts by state.
    public func ticketCountsByState() throws -> [TicketState: Int] {
        try read { db in
            var counts: [TicketState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM ticket GROUP BY state") {
                if let state = TicketState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// Event counts by action.
    public func eventCountsByAction() throws -> [TicketAction: Int] {
        try read { db in
            var counts: [TicketAction: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT action, count(*) AS n FROM ticketEvent GROUP BY action") {
                if let action = TicketAction(rawValue: row["action"]) { counts[action] = row["n"] }
            }
            return counts
        }
    }

    /// The first and last ticket numbers, in number order.
    public func ticketNumberRange() throws -> (first: String, last: String)? {
        try read { db in
            guard let first = try String.fetchOne(db, sql: "SELECT min(number) FROM ticket"),
                let last = try String.fetchOne(db, sql: "SELECT max(number) FROM ticket")
            else { return nil }
            return (first, last)
        }
    }
}

/// Event details as compact JSON with sorted keys, written by hand for bulk paths: the same text
/// `TicketEvent.encodeDetails` gives, without a `JSONEncoder` per row.
enum DetailsJSON {
    static func encode(_ details: [String: String]) -> String {
        var out = "{"
        var first = true
        for key in details.keys.sorted() {
            if !first { out += "," }
            first = false
            append(key, to: &out)
            out += ":"
            append(details[key] ?? "", to: &out)
        }
        out += "}"
        return out
    }

    private static func append(_ text: String, to out: inout String) {
        out += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

/// Binds and steps a prepared statement through the SQLite C interface: the bulk path's rows skip building
/// `StatementArguments` of boxed values, which costs more than SQLite's own insert.
struct RawRow {
    let statement: SQLiteStatement
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: SQLiteStatement) { self.statement = statement }

    func bind(_ index: Int32, _ value: String?) {
        guard let value else {
            sqlite3_bind_null(statement, index)
            return
        }
        var text = value
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else {
                _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                _ = sqlite3_bind_text(statement, index, $0, Int32(buffer.count), Self.transient)
            }
        }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else {
            sqlite3_bind_null(statement, index)
            return
        }
        sqlite3_bind_int64(statement, index, value)
    }

    func bind(_ index: Int32, _ value: Bool?) { bind(index, value.map { $0 ? Int64(1) : 0 }) }

    /// Runs the insert and resets the statement for the next row.
    func step(_ db: Database) throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw StoreError.storage(String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    /// The `ticket` row in `TicketRow.columns` order.
    func bindTicket(_ t: Ticket) {
        bind(1, t.number)
        bind(2, t.channel.rawValue)
        bind(3, t.type.rawValue)
        bind(4, t.topic)
        bind(5, t.urgency.rawValue)
        bind(6, t.callerName)
        bind(7, t.callerPhone)
        bind(8, t.address)
        bind(9, t.street)
        bind(10, t.description)
        bind(11, t.sourceSystem)
        bind(12, t.sourceId)
        bind(13, t.state.rawValue)
        bind(14, t.leadDepartment)
        bind(15, t.coDepartments.joined(separator: ","))
        bind(16, t.createdAt.epochSeconds)
        bind(17, t.dispatchedAt?.epochSeconds)
        bind(18, t.signDeadline?.epochSeconds)
        bind(19, t.signedAt?.epochSeconds)
        bind(20, t.deadline?.epochSeconds)
        bind(21, t.pendingExtension.map { Int64($0.days) })
        bind(22, t.pendingExtension?.reason)
        bind(23, t.pendingExtension?.requestedAt.epochSeconds)
        bind(24, t.repliedAt?.epochSeconds)
        bind(25, t.replyText)
        bind(26, t.replyOutcome?.rawValue)
        bind(27, t.closedAt?.epochSeconds)
        bind(28, t.answerText)
        bind(29, t.answeredAt?.epochSeconds)
        bind(30, t.onTime)
        bind(31, t.revisitedAt?.epochSeconds)
        bind(32, t.mergedInto)
        bind(33, Int64(t.eventCount))
    }
}
