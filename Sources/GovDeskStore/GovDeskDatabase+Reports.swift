import Foundation
import GRDB
import GovDeskCore

extension GovDeskDatabase {
    /// The monthly closure report of `month` (DESIGN §6): the month, the month before and the same month a year
    /// earlier, each as of its own end, plus the trend of up to `trendMonths` months ending with `month`.
    ///
    /// All reads happen in one read transaction, so the figures are from one consistent snapshot.
    public func monthlyReport(
        for month: Month, timeZone: TimeZone, trendMonths: Int = 12, now: Date? = nil
    ) throws -> MonthlyReport {
        try read { db in
            let facts = MonthFacts(try Self.monthActivity(month, timeZone: timeZone, db))
            let previous = MonthFacts(
                try Self.monthActivity(month.previous, timeZone: timeZone, db))
            let lastYear = MonthFacts(
                try Self.monthActivity(month.sameMonthLastYear, timeZone: timeZone, db))
            var trend: [MonthlyReport.TrendPoint] = []
            for offset in stride(from: -(max(trendMonths, 1) - 1), through: 0, by: 1) {
                let m = month.adding(months: offset)
                switch offset {
                case 0: trend.append(MonthlyReport.TrendPoint(month: m, figures: facts.figures()))
                case -1: trend.append(MonthlyReport.TrendPoint(month: m, figures: previous.figures()))
                case -12: trend.append(MonthlyReport.TrendPoint(month: m, figures: lastYear.figures()))
                default: trend.append(try Self.trendPoint(m, timeZone: timeZone, db))
                }
            }
            // Months before the first ticket carry nothing worth a bar.
            while let first = trend.first, trend.count > 1, first.received == 0, first.closed == 0 {
                trend.removeFirst()
            }
            let names = Dictionary(
                try Row.fetchAll(db, sql: "SELECT code, name FROM department").map {
                    ($0["code"] as String, $0["name"] as String)
                },
                uniquingKeysWith: { a, _ in a })
            return MonthlyReport(
                facts: facts, previous: previous, lastYear: lastYear, timeZone: timeZone, departmentNames: names,
                trend: trend, now: now)
        }
    }

    /// Received, closed and on-time of one month without folding its tickets: two aggregates over the month's
    /// creations and closings. A closing counts when it is the ticket's last one before the end and no reopen
    /// follows it before the end, which is what "closed at the end by a closing in the month" means.
    static func trendPoint(_ month: Month, timeZone: TimeZone, _ db: Database) throws -> MonthlyReport.TrendPoint {
        let arguments: StatementArguments = [
            "start": month.start(in: timeZone).epochSeconds, "end": month.end(in: timeZone).epochSeconds,
        ]
        let received =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM ticket WHERE createdAt >= :start AND createdAt < :end",
                arguments: arguments) ?? 0
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*) AS closed,
                       total(action = 'resolve' OR onTime = 'true') AS onTime,
                       total(action = 'resolve' OR onTime IN ('true', 'false')) AS withDeadline
                FROM (
                    SELECT e.action, json_extract(e.details, '$.onTime') AS onTime
                    FROM ticketEvent e
                    WHERE e.action IN ('approve', 'resolve', 'import-close', 'merge') AND e.action <> 'merge'
                      AND e.at >= :start AND e.at < :end
                      AND NOT EXISTS (
                        SELECT 1 FROM ticketEvent later
                        WHERE later.ticketId = e.ticketId AND later.sequence > e.sequence AND later.at < :end
                          AND later.action IN ('reopen', 'approve', 'resolve', 'import-close')))
                """, arguments: arguments)
        var figures = ReportFigures()
        figures.received = received
        figures.closed = row?["closed"] ?? 0
        figures.onTimeRate = Ratio(Int(row?["onTime"] ?? 0.0), Int(row?["withDeadline"] ?? 0.0))
        return MonthlyReport.TrendPoint(month: month, figures: figures)
    }

    /// The tickets and events the report of `month` reads (see `MonthActivity`).
    public func monthActivity(_ month: Month, timeZone: TimeZone) throws -> MonthActivity {
        try read { db in try Self.monthActivity(month, timeZone: timeZone, db) }
    }

    /// One set-based query over the month: tickets created in it, tickets with an event in it, and tickets
    /// possibly open at its end — open now, or closed or merged after the end — each with its events before
    /// the end (but urges, extension requests and denials, which change nothing the report reads). Every branch
    /// is bounded by an index on a time or a state, so the cost follows the month (and the open tickets), not
    /// the length of the history: closings after the end are read only up to the end plus the longest life of
    /// any closed ticket (`ticket_lifetime`), since a ticket created before the end closed within that; without
    /// the bound, the same month a year earlier read every closing since. (`INDEXED BY ticket_state`:
    /// statistics that see six states evenly would otherwise let SQLite scan every ticket for the open ones.)
    /// Only the events the fold reads come back (no creations; revisits and letters only from the month), and an
    /// event's JSON is parsed once, for the actions that carry details the fold reads: eight `json_extract`s on
    /// every event, the large `create` details included, were some 40 % of the query's time (1,000,000 tickets).
    static func monthActivity(
        _ month: Month, timeZone: TimeZone, _ db: Database
    ) throws -> MonthActivity {
        let start = month.start(in: timeZone).epochSeconds
        let end = month.end(in: timeZone).epochSeconds
        let sql = """
            WITH relevant(id) AS (
                SELECT id FROM ticket WHERE createdAt >= :start AND createdAt < :end
                UNION
                SELECT ticketId FROM ticketEvent WHERE at >= :start AND at < :end
                UNION
                SELECT id FROM ticket INDEXED BY ticket_state
                    WHERE state IN ('received', 'dispatched', 'handling', 'replied') AND createdAt < :end
                UNION
                SELECT ticketId FROM ticketEvent
                    WHERE action IN ('approve', 'resolve', 'import-close', 'merge') AND at >= :end
                      AND at < :closedBy
                UNION
                SELECT ticketId FROM ticketEvent WHERE action = 'merge' AND at >= :end
            )
            SELECT t.id, t.type, t.channel, t.topic, t.createdAt,
                   e.sequence, e.action, e.toState, e.at,
                   CASE e.action
                       WHEN 'dispatch' THEN json_extract(e.details, '$.lead', '$.signDeadline', '$.deadline')
                       WHEN 'revisit' THEN json_extract(e.details, '$.satisfaction', '$.resolved')
                       WHEN 'letter' THEN json_extract(e.details, '$.kind', '$.department') END,
                   CASE WHEN e.action IN ('sign', 'approve-extension', 'reopen') THEN json_extract(e.details, '$.deadline')
                        WHEN e.action IN ('approve', 'import-close') THEN json_extract(e.details, '$.onTime') END
            FROM relevant r
            JOIN ticket t ON t.id = r.id
            LEFT JOIN ticketEvent e ON e.ticketId = t.id AND e.at < :end
                AND e.action NOT IN ('create', 'urge', 'extend', 'deny-extension')
                AND (e.at >= :start OR e.action NOT IN ('revisit', 'letter'))
            WHERE t.createdAt < :end
            """
        // A ticket open at the end and closed since was closed before `closedBy`: no ticket lived longer.
        let longestLife = try Int64.fetchOne(db, sql: "SELECT max(closedAt - createdAt) FROM ticket") ?? 0
        let arguments: StatementArguments = ["start": start, "end": end, "closedBy": end + max(longestLife, 0) + 1]
        let repeats = try Set(
            Int64.fetchAll(
                db,
                sql: """
                    SELECT t.id FROM ticket t
                    WHERE t.createdAt >= :start AND t.createdAt < :end AND t.callerPhone <> ''
                      AND EXISTS (
                        SELECT 1 FROM ticket p
                        WHERE p.callerPhone = t.callerPhone AND p.topic = t.topic
                          AND p.createdAt >= t.createdAt - \(repeatWindowSeconds) AND p.createdAt <= t.createdAt
                          AND p.id <> t.id AND (p.createdAt < t.createdAt OR p.id < t.id))
                    """, arguments: arguments))
        // No ORDER BY: sorting the month's events went through a temporary file. SQLite gives the rows by ticket
        // and sequence anyway (the union's b-tree, then the (ticketId, sequence) index); the collector puts them in
        // order should they not be.
        var collector = HistoryCollector()
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            let current = try collector.history(id) {
                let typeText: String = row[1]
                let channelText: String = row[2]
                guard let type = TicketType(rawValue: typeText), let channel = Channel(rawValue: channelText) else {
                    throw StoreError.storage("ticket \(id): bad type '\(typeText)' or channel '\(channelText)'")
                }
                return MonthActivity.TicketInfo(
                    id: id, type: type, channel: channel, topic: row[3], createdAt: Date(epochSeconds: row[4]),
                    isRepeat: repeats.contains(id))
            }
            // A ticket whose events before the end change nothing the report reads comes as one row without one.
            guard let sequence = row[5] as Int? else { continue }
            let actionText: String = row[6]
            let toText: String = row[7]
            guard let action = TicketAction(rawValue: actionText), let to = TicketState(rawValue: toText) else {
                throw StoreError.storage(
                    "ticket \(id): event \(sequence) has action '\(actionText)', state '\(toText)'")
            }
            var event = MonthActivity.Event(sequence: sequence, action: action, to: to, at: Date(epochSeconds: row[8]))
            switch action {
            case .dispatch:
                let values = Self.jsonScalars(row[9])
                event.lead = values[0]
                event.signDeadline = values[1].flatMap(Int64.init).map(Date.init(epochSeconds:))
                event.deadline = values[2].flatMap(Int64.init).map(Date.init(epochSeconds:))
            case .revisit:
                let values = Self.jsonScalars(row[9])
                event.satisfaction = values[0].flatMap { Int($0) }
                event.resolved = values[1].flatMap(RevisitResolution.init)
            case .letter:
                let values = Self.jsonScalars(row[9])
                event.letterKind = values[0].flatMap(MonthlyReport.LetterKind.init)
                event.letterDepartment = values[1]
            case .sign, .approveExtension, .reopen:
                event.deadline = epoch(row[10])
            case .approve, .importClose:
                event.onTime = (row[10] as String?).flatMap { Bool($0) }
            case .create, .returnTicket, .extend, .denyExtension, .reply, .reject, .resolve, .merge, .urge:
                break
            }
            collector.append(event, to: current)
        }
        return MonthActivity(month: month, timeZone: timeZone, histories: collector.finish())
    }

    /// Collects a month's rows into ticket histories, ordered by ticket and sequence whatever order the rows came in.
    struct HistoryCollector {
        private var histories: [MonthActivity.TicketHistory] = []
        private var position: [Int64: Int] = [:]
        private var inOrder = true

        /// The index of ticket `id`'s history; `info` makes it when the ticket is new.
        mutating func history(_ id: Int64, info: () throws -> MonthActivity.TicketInfo) rethrows -> Int {
            if let last = histories.last?.ticket.id, last == id { return histories.count - 1 }
            if let seen = position[id] {
                inOrder = false
                return seen
            }
            if let last = histories.last?.ticket.id, id < last { inOrder = false }
            histories.append(MonthActivity.TicketHistory(ticket: try info(), events: []))
            position[id] = histories.count - 1
            return histories.count - 1
        }

        mutating func append(_ event: MonthActivity.Event, to index: Int) {
            if let previous = histories[index].events.last, previous.sequence > event.sequence { inOrder = false }
            histories[index].events.append(event)
        }

        /// The histories by ticket id, each with its events by sequence.
        func finish() -> [MonthActivity.TicketHistory] {
            guard !inOrder else { return histories }
            return histories.sorted { $0.ticket.id < $1.ticket.id }.map { history in
                var sorted = history
                sorted.events.sort { $0.sequence < $1.sequence }
                return sorted
            }
        }
    }

    /// 重复诉求 look back 30 natural days.
    static let repeatWindowSeconds: Int64 = 30 * 86400

    /// The values of the JSON array that `json_extract` with several paths returns, in path order: strings as
    /// they are, numbers and booleans as their text, null or missing as nil. One parse of the event's details for
    /// all the keys it carries, where one `json_extract` per key parsed them once per key.
    static func jsonScalars(_ value: DatabaseValue) -> [String?] {
        guard case .string(let text) = value.storage else { return [nil, nil, nil] }
        var values: [String?] = []
        if !text.utf8.contains(UInt8(ascii: "\\")) {
            // Our details hold codes, numbers and enum words: without escapes, a value ends at the next quote.
            var rest = text.utf8.dropFirst()  // [
            while let first = rest.first, first != UInt8(ascii: "]") {
                if first == UInt8(ascii: "\"") {
                    let body = rest.dropFirst()
                    let close = body.firstIndex(of: UInt8(ascii: "\"")) ?? body.endIndex
                    values.append(String(decoding: body[..<close], as: UTF8.self))
                    rest = body[close...].dropFirst()
                } else {
                    let close = rest.firstIndex { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "]") } ?? rest.endIndex
                    let token = String(decoding: rest[..<close], as: UTF8.self)
                    values.append(token == "null" ? nil : token)
                    rest = rest[close...]
                }
                if rest.first == UInt8(ascii: ",") { rest = rest.dropFirst() }
            }
        } else if let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] {
            values = array.map { $0 is NSNull ? nil : ($0 as? String ?? "\($0)") }
        }
        return values + Array(repeating: nil, count: max(0, 3 - values.count))
    }

    /// An instant stored as epoch text in event details.
    private static func epoch(_ value: DatabaseValue) -> Date? {
        switch value.storage {
        case .string(let text): return Int64(text).map(Date.init(epochSeconds:))
        case .int64(let seconds): return Date(epochSeconds: seconds)
        default: return nil
        }
    }
}
