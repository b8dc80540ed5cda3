import Foundation
import GRDB
import GovDeskCore

extension GovDeskDatabase {
    /// Writes whole ticket histories (each ticket's final row and all its events) and letters in one transaction,
    /// through reused prepared statements: the demo generator's and large imports' path. Tickets must come in an
    /// order where a merged ticket follows the ticket it was merged into (number order does). The per-day ticket
    /// counter ends at the highest number used, so later `ticket new` continues after them.
    public func bulkInsert<S: Sequence>(_ tickets: S, letters: [SupervisionLetter] = []) throws
    where S.Element == (Ticket, [TicketEvent]) {
        try write { db in
            let ticketStatement = try db.makeStatement(sql: TicketRow.insertSQL)
            let eventStatement = try db.makeStatement(sql: TicketEventRow.insertSQL)
            var lastByDay: [Substring: Int] = [:]
            for (ticket, events) in tickets {
                ticketStatement.setUncheckedArguments(StatementArguments(TicketRow.values(ticket)))
                try ticketStatement.execute()
                let id = db.lastInsertedRowID
                for e in events {
                    eventStatement.setUncheckedArguments([
                        id, e.sequence, e.action.rawValue, e.from?.rawValue, e.to.rawValue, e.actor,
                        e.at.epochSeconds, DetailsJSON.encode(e.details),
                    ])
                    try eventStatement.execute()
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
