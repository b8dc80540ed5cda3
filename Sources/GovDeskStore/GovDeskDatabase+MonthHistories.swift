import Foundation
import GRDB
import GRDBSQLite
import GovDeskCore

extension GovDeskDatabase {
    /// The tickets and events the report of `month` reads (see `MonthActivity`).
    func monthActivity(_ month: Month, timeZone: TimeZone) throws -> MonthActivity {
        try read { db in try Self.monthActivity(month, timeZone: timeZone, db) }
    }

    static func monthActivity(
        _ month: Month, timeZone: TimeZone, ordered: Bool = false, _ db: Database
    ) throws -> MonthActivity {
        var histories: [MonthActivity.TicketHistory] = []
        do {
            try forEachHistory(month, timeZone: timeZone, ordered: ordered, db) {
                histories.append(MonthActivity.TicketHistory(ticket: $0, events: $1))
            }
        } catch is RowsOutOfOrder {
            return try monthActivity(month, timeZone: timeZone, ordered: true, db)
        }
        return MonthActivity(month: month, timeZone: timeZone, histories: histories)
    }

    /// One set-based query over the month: tickets created in it, tickets with an event in it, and tickets
    /// possibly open at its end — open now, or closed or merged after the end — each with its events before
    /// the end (but urges, extension requests and denials, which change nothing the report reads). Every branch
    /// is bounded by an index on a time or a state, so the cost follows the month (and the open tickets), not
    /// the length of the history: closings after the end are read only up to the end plus the life of the
    /// 1,000th longest-lived closed ticket, the tickets that lived longer by their lifetime (`ticket_lifetime`);
    /// without a bound, the same month a year earlier read every closing since. (`INDEXED BY ticket_state`:
    /// statistics that see six states evenly would otherwise let SQLite scan every ticket for the open ones.)
    /// Only the events the fold reads come back (no creations; revisits and letters only from the month), and an
    /// event's JSON is parsed once, for the actions that carry details the fold reads: eight `json_extract`s on
    /// every event, the large `create` details included, were some 40 % of the query's time (1,000,000 tickets).
    ///
    /// `body` gets each ticket with its events, oldest first, as the rows come: nothing of the month is held but
    /// the ticket at hand. There is no ORDER BY (sorting the month's events went through a temporary file): SQLite
    /// gives the rows by ticket and sequence anyway (the union's b-tree, then the (ticketId, sequence) index).
    /// Should it ever not, `RowsOutOfOrder` is thrown and the caller reads again with `ordered`.
    ///
    /// The rows are read through SQLite's C interface: one `String` per ticket (its topic) and per department
    /// code rather than one per column of every row, the actions and states matched on their bytes. Without
    /// `countsRepeats` no ticket is marked a repeat (see `monthlyReport`).
    static func forEachHistory(
        _ month: Month, timeZone: TimeZone, ordered: Bool = false, countsRepeats: Bool = true, _ db: Database,
        _ body: (MonthActivity.TicketInfo, [MonthActivity.Event]) throws -> Void
    ) throws {
        let start = month.start(in: timeZone).epochSeconds
        let end = month.end(in: timeZone).epochSeconds
        let sql = """
            SELECT t.id, t.type, t.channel, t.topic, t.createdAt,
                   e.sequence, e.action, e.toState, e.at,
                   CASE WHEN e.action IN ('dispatch', 'revisit', 'letter', 'sign', 'approve-extension', 'reopen',
                                          'approve', 'import-close') THEN e.details END
            FROM json_each(:relevant) r
            CROSS JOIN ticket t ON t.id = r.value
            LEFT JOIN ticketEvent e ON e.ticketId = t.id AND e.at < :end
                AND e.action NOT IN ('create', 'urge', 'extend', 'deny-extension')
                AND (e.at >= :start OR e.action NOT IN ('revisit', 'letter'))
            WHERE t.createdAt < :end
            """ + (ordered ? "\nORDER BY t.id, e.sequence" : "")
        // A ticket open at the end and closed since lived at least from its creation to that closing. Closings after
        // the end are read up to the end plus `longLife`, the life of the `longLivedCount`-th longest-lived closed
        // ticket; the few tickets that lived longer are read by their lifetime (`ticket_lifetime`), so a single
        // ticket that lived months does not make every month read months of closings (a year back, with a 92-day
        // longest life, the 同比 month read three months of closings for one month of tickets).
        let longLife =
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT closedAt - createdAt FROM ticket WHERE closedAt - createdAt IS NOT NULL
                    ORDER BY closedAt - createdAt DESC LIMIT 1 OFFSET ?
                    """, arguments: [try longLivedCount(db) - 1]) ?? 0
        var arguments: StatementArguments = [
            "start": start, "end": end, "longLife": max(longLife, 0), "closedBy": end + max(longLife, 0),
        ]
        // 重复诉求: the month's tickets with an earlier one of the same caller and topic in the 30 days before. They
        // are looked up in the order of the (callerPhone, topic, createdAt) index, so its pages are read once each,
        // in turn: in creation order, each lookup went to a page of its own anywhere in the index, which grows with
        // the history (0.33 s a month at 1,000,000 tickets, 0.40 s at 4,000,000; now 0.24 s and 0.27 s).
        var repeats = Set<Int64>()
        if countsRepeats {
            repeats = try Set(
                Int64.fetchAll(
                    db,
                    sql: """
                        WITH t AS MATERIALIZED (
                            SELECT id, callerPhone, topic, createdAt FROM ticket
                            WHERE createdAt >= :start AND createdAt < :end AND callerPhone <> ''
                            ORDER BY callerPhone, topic, createdAt)
                        SELECT t.id FROM t
                        WHERE EXISTS (
                            SELECT 1 FROM ticket p
                            WHERE p.callerPhone = t.callerPhone AND p.topic = t.topic
                              AND p.createdAt >= t.createdAt - \(repeatWindowSeconds) AND p.createdAt <= t.createdAt
                              AND p.id <> t.id AND (p.createdAt < t.createdAt OR p.id < t.id))
                        """, arguments: arguments))
        }
        let relevant = try relevantTickets(arguments, db)
        arguments += ["relevant": relevant]
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var ticket: MonthActivity.TicketInfo?
        var events: [MonthActivity.Event] = []
        var order = RowOrder()
        let details = DetailReader(db: db)
        let actions = RawValues<TicketAction>()
        let states = RawValues<TicketState>()
        let types = RawValues<TicketType>()
        let channels = RawValues<Channel>()
        while try Self.step(handle, db) {
            let id = sqlite3_column_int64(handle, 0)
            let sequence = sqlite3_column_type(handle, 5) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, 5))
            try order.check(id, sequence)
            if ticket?.id != id {
                if let ticket { try body(ticket, events) }
                events.removeAll(keepingCapacity: true)
                guard let type = types.value(textBytes(handle, 1)), let channel = channels.value(textBytes(handle, 2))
                else {
                    throw StoreError.storage(
                        "ticket \(id): bad type '\(text(handle, 1))' or channel '\(text(handle, 2))'")
                }
                ticket = MonthActivity.TicketInfo(
                    id: id, type: type, channel: channel, topic: text(handle, 3),
                    createdAt: Date(epochSeconds: sqlite3_column_int64(handle, 4)), isRepeat: repeats.contains(id))
            }
            // A ticket whose events before the end change nothing the report reads comes as one row without one.
            guard let sequence else { continue }
            guard let action = actions.value(textBytes(handle, 6)), let to = states.value(textBytes(handle, 7)) else {
                throw StoreError.storage(
                    "ticket \(id): event \(sequence) has action '\(text(handle, 6))', state '\(text(handle, 7))'")
            }
            var event = MonthActivity.Event(
                sequence: sequence, action: action, to: to, at: Date(epochSeconds: sqlite3_column_int64(handle, 8)))
            switch action {
            case .dispatch:
                let values = try details.values(textBytes(handle, 9), "lead", "signDeadline", "deadline")
                event.lead = values.0
                event.signDeadline = values.1.flatMap(Int64.init).map(Date.init(epochSeconds:))
                event.deadline = values.2.flatMap(Int64.init).map(Date.init(epochSeconds:))
            case .revisit:
                let values = try details.values(textBytes(handle, 9), "satisfaction", "resolved")
                event.satisfaction = values.0.flatMap { Int($0) }
                event.resolved = values.1.flatMap(RevisitResolution.init)
            case .letter:
                let values = try details.values(textBytes(handle, 9), "kind", "department")
                event.letterKind = values.0.flatMap(MonthlyReport.LetterKind.init)
                event.letterDepartment = values.1
            case .sign, .approveExtension, .reopen, .recompute:
                switch try details.value(textBytes(handle, 9), "deadline").storage {
                case .string(let text): event.deadline = Int64(text).map(Date.init(epochSeconds:))
                case .int64(let seconds): event.deadline = Date(epochSeconds: seconds)
                default: break
                }
            case .approve, .importClose:
                if case .string(let text) = try details.value(textBytes(handle, 9), "onTime").storage {
                    event.onTime = Bool(text)
                }
            case .create, .returnTicket, .extend, .denyExtension, .reply, .reject, .resolve, .merge, .urge:
                break
            }
            events.append(event)
        }
        if let ticket { try body(ticket, events) }
    }

    /// The ids of the tickets `forEachHistory` reads, in increasing order without repeats, as a JSON array for
    /// the main query's `json_each`: tickets created in the month, tickets with an event in it, and tickets
    /// possibly open at its end — open now, or merged after the end, or closed after it: by a closing before
    /// `:closedBy` (the end plus `:longLife`) or, for a ticket that lived `:longLife` or longer, at any time. (A
    /// ticket created before the end and closed after it, its last closing less than `:longLife` after its creation,
    /// was closed before `:closedBy`, and created less than `:longLife` before the end.)
    ///
    /// Most tickets with a closing between the end and `:closedBy` were created after the end: at 4,000,000
    /// tickets, 357,671 such closings after October 2025 against 39,528 of tickets created by then. The main query
    /// would drop them (`t.createdAt < :end`), but only after their ids went through the JSON array and each one's
    /// ticket row was looked up (about 0.1 s for a month a year back). So that branch only keeps the tickets also
    /// created in the `:longLife` before the end (an intersection of two bit sets), which by the bracket above are
    /// all of the ones that matter. The tickets open now are all taken, whenever they were created: their ids come
    /// from the state index alone, where checking their creation time read each one's row (30 ms a month), and the
    /// main query drops those created after the end.
    ///
    /// The branches are read with UNION ALL and deduplicated here. A UNION made SQLite insert every ticket id of
    /// the month's events (≈ 890,000 of them for 210,000 tickets, 1,000,000-ticket database) into an ephemeral
    /// b-tree, a quarter of the month's query time; reading the ids from the covering indexes and sorting them
    /// in Swift costs a small part of that. `json_each` then yields them in array order, so the rows still come by
    /// ticket (CROSS JOIN keeps it the outer loop).
    static func relevantTickets(_ arguments: StatementArguments, _ db: Database) throws -> String {
        let statement = try db.makeStatement(
            sql: """
                SELECT id FROM ticket WHERE createdAt >= :start AND createdAt < :end
                UNION ALL
                SELECT ticketId FROM ticketEvent WHERE at >= :start AND at < :end
                UNION ALL
                SELECT id FROM ticket INDEXED BY ticket_state
                    WHERE state IN ('received', 'dispatched', 'handling', 'replied')
                UNION ALL
                SELECT id FROM ticket
                    WHERE closedAt - createdAt >= :longLife AND createdAt < :end AND closedAt >= :end
                UNION ALL
                SELECT ticketId FROM ticketEvent WHERE action = 'merge' AND at >= :end
                """)
        let bounds = try Row.fetchOne(db, sql: ticketIDBoundsSQL)
        let (low, high): (Int64, Int64) = (bounds?[0] ?? 0, bounds?[1] ?? -1)
        /// Adds the ids `statement` gives to `set`.
        func collect(_ statement: Statement, into set: inout TicketIDs) throws {
            try statement.setArguments(arguments)
            let handle = statement.sqliteStatement
            defer { sqlite3_reset(handle) }
            while try Self.step(handle, db) {
                set.insert(sqlite3_column_int64(handle, 0))
            }
        }
        var ids = TicketIDs(low: low, high: high)
        try collect(statement, into: &ids)
        var closedAfter = TicketIDs(low: low, high: high)
        try collect(
            try db.makeStatement(
                sql: """
                    SELECT ticketId FROM ticketEvent
                        WHERE action IN ('approve', 'resolve', 'import-close', 'merge') AND at >= :end
                          AND at < :closedBy
                    """), into: &closedAfter)
        var createdLately = TicketIDs(low: low, high: high)
        try collect(
            try db.makeStatement(
                sql: "SELECT id FROM ticket WHERE createdAt >= :end - :longLife AND createdAt < :end"),
            into: &createdLately)
        ids.formUnion(closedAfter, keepingOnly: createdLately)
        let unique = ids.sorted()
        var json: [UInt8] = [UInt8(ascii: "[")]
        json.reserveCapacity(unique.count * 8 + 2)
        for id in unique {
            if json.count > 1 { json.append(UInt8(ascii: ",")) }
            json.append(contentsOf: String(id).utf8)
        }
        json.append(UInt8(ascii: "]"))
        return String(decoding: json, as: UTF8.self)
    }

    /// The lowest and the highest ticket id, each from one end of the table's b-tree. (`SELECT min(id), max(id)`
    /// reads every ticket: SQLite looks up a lone `min` or `max` only. That scan was 60 ms of each month's read at
    /// 1,000,000 tickets and 240 ms at 4,000,000, the larger part of what grew with the history.)
    static let ticketIDBoundsSQL = "SELECT (SELECT min(id) FROM ticket), (SELECT max(id) FROM ticket)"

    /// Thrown when the month's rows do not come by ticket and then by sequence.
    struct RowsOutOfOrder: Error {}

    /// Checks that rows come grouped by ticket, tickets in increasing id, each ticket's events in increasing
    /// sequence (a ticket without an event to read comes as one row without a sequence).
    struct RowOrder {
        private var last: (id: Int64, sequence: Int?)?

        mutating func check(_ id: Int64, _ sequence: Int?) throws {
            if let last {
                if id < last.id { throw RowsOutOfOrder() }
                if id == last.id {
                    guard let previous = last.sequence, let sequence, sequence > previous else {
                        throw RowsOutOfOrder()
                    }
                }
            }
            last = (id, sequence)
        }
    }

    /// How many of the longest-lived closed tickets a month's read finds by their lifetime rather than by their
    /// closings after the month (see `forEachHistory`): one in a thousand of the tickets (by the span of their ids),
    /// and at least 1,000. A fixed count would be an ever rarer extreme as the history grows, and the closings read
    /// after each month an ever longer span: the 1,000th longest life was 46 days at 1,000,000 demo tickets and 62
    /// days at 4,000,000.
    static func longLivedCount(_ db: Database) throws -> Int {
        let bounds = try Row.fetchOne(db, sql: ticketIDBoundsSQL)
        return longLivedCount(low: bounds?[0], high: bounds?[1])
    }

    /// `longLivedCount(_:)` for tickets whose ids run from `low` to `high` (nil when there is none).
    static func longLivedCount(low: Int64?, high: Int64?) -> Int {
        guard let low, let high else { return 1000 }
        return Int(min(max((Double(high) - Double(low) + 1) / 1000, 1000), 1e9))
    }

    /// 重复诉求 look back 30 natural days.
    static let repeatWindowSeconds: Int64 = 30 * 86400
}
