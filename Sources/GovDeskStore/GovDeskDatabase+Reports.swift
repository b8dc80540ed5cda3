import Foundation
import GRDB
import GRDBSQLite
import GovDeskCore

extension GovDeskDatabase {
    /// The monthly closure report of `month` (DESIGN §6): the month, the month before and the same month a year
    /// earlier, each as of its own end, plus the trend of up to `trendMonths` months ending with `month`.
    public func monthlyReport(
        for month: Month, timeZone: TimeZone, trendMonths: Int = 12, now: Date? = nil, countsRepeats: Bool = true
    ) throws -> MonthlyReport {
        try monthlyReport(
            for: month, timeZone: timeZone, trendMonths: trendMonths, now: now, countsRepeats: countsRepeats,
            hallRange: nil
        ).report
    }

    /// The monthly closure report of `month`, and with a `hallRange` the service hall's summary of the month over
    /// that range (`hallSummary(month:range:)`), from the same snapshot.
    ///
    /// Without `countsRepeats` the 重复诉求 are not looked for — a fifth of each month's read — and the report's
    /// repeat counts are all zero (`MonthlyReport.countsRepeats` is false): for a caller that shows none of them,
    /// such as the JSON of DESIGN §6.2, which has no key for them.
    ///
    /// The figures are from one consistent snapshot. On a database file the month before and the same month a year
    /// earlier are folded each on a connection of its own while this one folds the month, and the hall is read on
    /// another (the folds are most of the report's time; see `readSideBySide` for how the connections see the same
    /// snapshot); in memory, or when the file cannot be locked for that instant, everything is read in turn in one
    /// read transaction.
    public func monthlyReport(
        for month: Month, timeZone: TimeZone, trendMonths: Int = 12, now: Date? = nil, countsRepeats: Bool = true,
        hallRange: Range<Date>?
    ) throws -> (report: MonthlyReport, hall: HallMonthSummary?) {
        try monthlyReport(
            for: month, timeZone: timeZone, trendMonths: trendMonths, now: now, countsRepeats: countsRepeats,
            hallRange: hallRange, within: nil)
    }

    /// The same, read in turn on `db` when given (inside a write transaction: month close, which sees what it
    /// wrote itself).
    func monthlyReport(
        for month: Month, timeZone: TimeZone, trendMonths: Int = 12, now: Date? = nil, countsRepeats: Bool = true,
        hallRange: Range<Date>?, within db: Database?, graceMinutes: Int? = nil
    ) throws -> (report: MonthlyReport, hall: HallMonthSummary?) {
        // What the other connections read: the months compared with (only the month before needs its topics),
        // summed up where they were folded; then the hall.
        var sides: [(Database) throws -> ReportSide] = [month.previous, month.sameMonthLastYear].enumerated().map {
            i, other in
            { db in
                .comparison(
                    MonthlyReport.Comparison(
                        try Self.monthFacts(other, timeZone: timeZone, countsRepeats: countsRepeats, db),
                        withTopics: i == 0))
            }
        }
        if let hallRange {
            sides.append { db in .hall(try self.hallSummary(month: month, range: hallRange, db)) }
        }
        let grace = graceMinutes ?? recording.graceMinutes
        let report = { (db: Database, side: (Int) throws -> ReportSide) throws -> MonthlyReport in
            let facts = try Self.monthFacts(month, timeZone: timeZone, countsRepeats: countsRepeats, db)
            let names = Dictionary(
                try Row.fetchAll(db, sql: "SELECT code, name FROM department").map {
                    ($0["code"] as String, $0["name"] as String)
                },
                uniquingKeysWith: { a, _ in a })
            var trend: [Month: MonthlyReport.TrendPoint] = [:]
            let trendRange = stride(from: -(max(trendMonths, 1) - 1), through: 0, by: 1).map {
                month.adding(months: $0)
            }
            for m in trendRange where ![month, month.previous, month.sameMonthLastYear].contains(m) {
                trend[m] = try Self.trendPoint(m, timeZone: timeZone, db)
            }
            // The month's own figures first: the months compared may still be being folded.
            let own = MonthlyReport.OwnFigures(facts) { DispatchQueue.concurrentPerform(iterations: $0, execute: $1) }
            var report = MonthlyReport(
                facts: facts, own: own, previous: try side(0).comparison, lastYear: try side(1).comparison,
                timeZone: timeZone, departmentNames: names, now: now)
            report.countsRepeats = countsRepeats
            // A month compared with has data when some ticket was created before its end (去年同月 无数据 otherwise).
            let existed = "SELECT EXISTS (SELECT 1 FROM ticket WHERE createdAt < ?)"
            report.previousMonthHasData =
                try Bool.fetchOne(db, sql: existed, arguments: [month.previous.end(in: timeZone).epochSeconds]) ?? true
            report.sameMonthLastYearHasData =
                try Bool.fetchOne(
                    db, sql: existed, arguments: [month.sameMonthLastYear.end(in: timeZone).epochSeconds]) ?? true
            report.add(
                records: try Self.monthRecords(month, timeZone: timeZone, graceMinutes: grace, db),
                previous: try Self.monthRecords(month.previous, timeZone: timeZone, graceMinutes: grace, db),
                lastYear: try Self.monthRecords(month.sameMonthLastYear, timeZone: timeZone, graceMinutes: grace, db),
                graceMinutes: grace)
            // The three folded months' points are the report's own figures.
            trend[month] = MonthlyReport.TrendPoint(month: month, figures: report.headline)
            trend[month.previous] = MonthlyReport.TrendPoint(month: month.previous, figures: report.previousMonth)
            trend[month.sameMonthLastYear] = MonthlyReport.TrendPoint(
                month: month.sameMonthLastYear, figures: report.sameMonthLastYear)
            report.trend = trendRange.compactMap { trend[$0] }
            // Months before the first ticket carry nothing worth a bar.
            while let first = report.trend.first, report.trend.count > 1, first.received == 0, first.closed == 0 {
                report.trend.removeFirst()
            }
            return report
        }
        func inTurn(_ db: Database) throws -> (report: MonthlyReport, hall: HallMonthSummary?) {
            let made = try report(db) { try sides[$0](db) }
            return (made, hallRange == nil ? nil : try sides[2](db).hall)
        }
        if let db { return try inTurn(db) }
        if let (made, read) = try readSideBySide({ db, side in try report(db, side) }, sides) {
            return (made, hallRange == nil ? nil : read[2].hall)
        }
        return try read { db in try inTurn(db) }
    }

    /// The letters issued in `month`, as documents by the department they are addressed to, and the back-dated
    /// entries (补录) recorded in it (DESIGN §6.1): events recorded more than `graceMinutes` after they take effect
    /// with a backdating reason (which the rules demanded of every such entry when it was recorded; imports carry
    /// none), against the ticket's lead department, the case's window's department or the finding's department. They
    /// are found through the partial indexes of `Schema.createBackdatedIndexes`, whose condition each query repeats.
    static func monthRecords(_ month: Month, timeZone: TimeZone, graceMinutes: Int, _ db: Database) throws
        -> MonthRecords
    {
        let arguments: StatementArguments = [
            "start": month.start(in: timeZone).epochSeconds, "end": month.end(in: timeZone).epochSeconds,
            "grace": Int64(graceMinutes) * 60,
        ]
        var records = MonthRecords()
        let letters = try Row.fetchCursor(
            db,
            sql: """
                SELECT department, kind, count(*) AS n FROM letter
                WHERE issuedAt >= :start AND issuedAt < :end GROUP BY department, kind
                """, arguments: arguments)
        while let row = try letters.next() {
            records.addLetters(row["n"], kind: row["kind"], department: row["department"])
        }
        // The indexes' condition as written (SQLite uses a partial index only for a query that repeats it).
        let late = Schema.backdatedCondition
        let window = "e.recordedAt >= :start AND e.recordedAt < :end AND e.recordedAt - e.at > :grace"
        for sql in [
            """
            SELECT t.leadDepartment, count(*) FROM ticketEvent e JOIN ticket t ON t.id = e.ticketId
            WHERE \(late) AND \(window) GROUP BY 1
            """,
            """
            SELECT w.department, count(*) FROM caseEvent e JOIN windowCase c ON c.id = e.caseId
            JOIN window w ON w.code = c.window
            WHERE \(late) AND \(window) GROUP BY 1
            """,
            """
            SELECT f.department, count(*) FROM findingEvent e JOIN finding f ON f.id = e.findingId
            WHERE \(late) AND \(window) GROUP BY 1
            """,
        ] {
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() { records.addBackdated(row[1], department: row[0]) }
        }
        return records
    }

    /// What a side connection of the report reads.
    private enum ReportSide {
        case comparison(MonthlyReport.Comparison)
        case hall(HallMonthSummary)

        var comparison: MonthlyReport.Comparison {
            guard case .comparison(let made) = self else { preconditionFailure("a report side out of place") }
            return made
        }

        var hall: HallMonthSummary {
            guard case .hall(let made) = self else { preconditionFailure("a report side out of place") }
            return made
        }
    }

    /// Runs `main` on this connection and each of `sides` on a connection of its own, all at the same time, each
    /// in a read transaction on the same snapshot of the file; `main` gets a function that waits for side `i`'s
    /// result. Nil when that cannot be arranged (an in-memory database, a file another process is writing, a
    /// read-only file): the caller then reads everything in one transaction.
    ///
    /// The system SQLite has no `sqlite3_snapshot_open`. In WAL mode a read transaction sees the database as of
    /// its first read, and a commit needs the file's write lock; so one more connection takes the write lock
    /// (`BEGIN IMMEDIATE`, without waiting), every reader makes its first read, and only then is the lock let go
    /// (`ROLLBACK`, nothing having been written): no commit can fall between the snapshots. Writers wait for the
    /// lock as they do for any other (a few milliseconds: opening the connections and a read on each).
    func readSideBySide<Main, Side>(
        _ main: (Database, _ side: (Int) throws -> Side) throws -> Main,
        _ sides: [(Database) throws -> Side]
    ) throws -> (Main, [Side])? {
        guard writer is DatabaseQueue, path != ":memory:", FileManager.default.fileExists(atPath: path) else {
            return nil
        }
        let lock: DatabaseQueue
        let readers: [DatabaseQueue]
        do {
            var lockConfiguration = Self.configuration()
            lockConfiguration.busyMode = .immediateError
            // The lock spans two accesses: taken in one, let go in another.
            lockConfiguration.allowsUnsafeTransactions = true
            lock = try DatabaseQueue(path: path, configuration: lockConfiguration)
            var readConfiguration = Self.configuration()
            readConfiguration.readonly = true
            readers = try sides.map { _ in try DatabaseQueue(path: path, configuration: readConfiguration) }
            try lock.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        } catch {
            return nil
        }
        let unlock = Once { try? lock.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        defer { unlock.run() }

        let outcomes = sides.map { _ in SideOutcome<Side>() }
        for (i, side) in sides.enumerated() {
            let outcome = outcomes[i]
            let reader = readers[i]
            // A thread of its own, not a dispatch queue's: this thread blocks until every side read has its
            // snapshot, which must never wait for a worker a busy pool has yet to give.
            let thread = Thread {
                let started = Once { outcome.started.signal() }
                outcome.result = Result {
                    try reader.read { db in
                        try Self.beginSnapshot(db)
                        started.run()
                        return try side(db)
                    }
                }
                started.run()
                outcome.done.signal()
            }
            thread.name = "govdesk-report-side-\(i)"
            thread.start()
        }
        // Whatever happens, the lock goes before the wait for the side reads.
        defer {
            unlock.run()
            for outcome in outcomes { outcome.wait() }
        }
        let made = try read { db in
            try Self.beginSnapshot(db)
            for outcome in outcomes { outcome.started.wait() }
            unlock.run()
            return try main(db) { i in try outcomes[i].get() }
        }
        do {
            return (made, try outcomes.map { try $0.get() })
        } catch let error as DatabaseError {
            throw StoreError.storage("\(path): \(Self.describe(error))")
        }
    }

    /// Makes `db`'s read transaction take its snapshot now (a deferred transaction takes it at its first read).
    private static func beginSnapshot(_ db: Database) throws {
        _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
    }

    /// Runs its closure the first time `run` is called, never again.
    private final class Once: @unchecked Sendable {
        private var body: (() -> Void)?
        private let mutex = NSLock()

        init(_ body: @escaping () -> Void) { self.body = body }

        func run() {
            mutex.lock()
            let todo = body
            body = nil
            mutex.unlock()
            todo?()
        }
    }

    /// A side read's result, written by its thread before it signals `done`, read after the wait.
    private final class SideOutcome<Side>: @unchecked Sendable {
        var result: Result<Side, any Error>?
        /// Signalled once the read has its snapshot (or has failed before).
        let started = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        private var finished = false

        /// Waits for the read to end (once; later calls return at once). Called from the main thread only.
        func wait() {
            if !finished {
                done.wait()
                finished = true
            }
        }

        func get() throws -> Side {
            wait()
            return try result!.get()
        }
    }

    /// The facts of `month`, its tickets streamed from the database into the fold.
    static func monthFacts(
        _ month: Month, timeZone: TimeZone, countsRepeats: Bool = true, _ db: Database
    ) throws -> MonthFacts {
        do {
            var facts = MonthFacts(month: month, timeZone: timeZone)
            try forEachHistory(month, timeZone: timeZone, countsRepeats: countsRepeats, db) {
                facts.add($0, events: $1)
            }
            return facts
        } catch is RowsOutOfOrder {
            var facts = MonthFacts(month: month, timeZone: timeZone)
            try forEachHistory(month, timeZone: timeZone, ordered: true, countsRepeats: countsRepeats, db) {
                facts.add($0, events: $1)
            }
            return facts
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

    /// A set of ticket ids, given back in increasing order. Ids are kept as one bit each over the range of the
    /// ticket table's ids, set as they come and read back in order: no sort and no array of the ≈ 890,000 ids
    /// (with repeats) of a month's events (the sort was a tenth of the month's Swift time, the arrays 35 MB of
    /// the report's peak memory). An id outside that range has no ticket (the report's join would drop it) and is
    /// ignored. When the range is too wide for bits (over 2^26 ids: ids far apart) the ids are kept and sorted.
    struct TicketIDs {
        private let low: Int64, high: Int64
        private var bits: [UInt64]
        private var list: [Int64] = []
        private let usesBits: Bool

        init(low: Int64, high: Int64, maxBits: Int64 = 1 << 26) {
            self.low = low
            self.high = high
            let (span, overflow) = high.subtractingReportingOverflow(low)
            usesBits = !overflow && span < maxBits
            bits = usesBits && span >= 0 ? [UInt64](repeating: 0, count: Int(span / 64) + 1) : []
        }

        mutating func insert(_ id: Int64) {
            guard id >= low, id <= high else { return }
            if usesBits {
                let offset = id - low
                bits[Int(offset / 64)] |= 1 << UInt64(offset % 64)
            } else {
                list.append(id)
            }
        }

        /// Adds the ids of `other` that are also in `filter` (all three over the same range). As a list, without bits,
        /// every id of `other` is added: a superset, which the month's query narrows anyway (`t.createdAt < :end`).
        mutating func formUnion(_ other: TicketIDs, keepingOnly filter: TicketIDs) {
            precondition(low == other.low && high == other.high && low == filter.low && high == filter.high)
            guard usesBits else {
                list += other.list
                return
            }
            for i in bits.indices { bits[i] |= other.bits[i] & filter.bits[i] }
        }

        /// The ids, in increasing order, each once.
        func sorted() -> [Int64] {
            guard usesBits else {
                var sorted = list.sorted()
                var kept = 0
                for i in sorted.indices where kept == 0 || sorted[i] != sorted[kept - 1] {
                    sorted[kept] = sorted[i]
                    kept += 1
                }
                return Array(sorted[..<kept])
            }
            var ids: [Int64] = []
            for (word, var set) in bits.enumerated() {
                while set != 0 {
                    ids.append(low + Int64(word * 64 + set.trailingZeroBitCount))
                    set &= set - 1
                }
            }
            return ids
        }
    }

    /// The cases of an enum looked up by the bytes of their raw value, where `init(rawValue:)` needed a `String`
    /// made of the column and a string switch: two per event, some 3 % of a report's time.
    struct RawValues<Value: RawRepresentable & CaseIterable> where Value.RawValue == String {
        private let cases = Value.allCases.map { (bytes: Array($0.rawValue.utf8), value: $0) }

        func value(_ bytes: UnsafeBufferPointer<UInt8>?) -> Value? {
            guard let bytes else { return nil }
            for (caseBytes, value) in cases where caseBytes.withUnsafeBufferPointer({ sameBytes($0, bytes) }) {
                return value
            }
            return nil
        }
    }

    /// Steps a statement read through the C interface: true at a row, false at the end; an error as GRDB reports it.
    private static func step(_ handle: SQLiteStatement, _ db: Database) throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }

    /// Column `column` of the current row as text ("" for NULL).
    private static func text(_ handle: SQLiteStatement, _ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        return String(
            decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self
        )
    }

    /// Reads the keys the fold needs from an event's details (a JSON object), with the results SQLite's
    /// `json_extract` gives. The query returns the details whole: `json_extract` parsing each event's JSON was a
    /// fifth of the query's time, while our details are flat objects of strings without escapes (they are written
    /// by `TicketEvent.encodeDetails`), which are read here byte by byte. Anything else (an escape, a number, a
    /// space, a nested value) is handed to `json_extract` itself, as before.
    struct DetailReader {
        let db: Database

        /// The values of two or three keys, as `jsonScalars` reads `json_extract(details, '$.k0', '$.k1', …)`.
        func values(
            _ details: UnsafeBufferPointer<UInt8>?, _ k0: String, _ k1: String, _ k2: String? = nil
        ) throws -> (String?, String?, String?) {
            guard let text = details else { return (nil, nil, nil) }
            if let values = GovDeskDatabase.flatStringValues(text, k0, k1, k2 ?? k1) {
                return k2 == nil ? (values.0, values.1, nil) : values
            }
            let paths = [k0, k1] + (k2.map { [$0] } ?? [])
            let value = try DatabaseValue.fetchOne(
                db, sql: "SELECT json_extract(?, \(paths.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments([String(decoding: text, as: UTF8.self)] + paths.map { "$." + $0 }))
            let scalars = GovDeskDatabase.jsonScalars(value ?? .null)
            return (scalars[0], scalars[1], scalars[2])
        }

        /// The value of one key, as `json_extract(details, '$.key')` gives it.
        func value(_ details: UnsafeBufferPointer<UInt8>?, _ key: String) throws -> DatabaseValue {
            guard let text = details else { return .null }
            if let values = GovDeskDatabase.flatStringValues(text, key, key, key) {
                return values.0?.databaseValue ?? .null
            }
            return try DatabaseValue.fetchOne(
                db, sql: "SELECT json_extract(?, ?)", arguments: [String(decoding: text, as: UTF8.self), "$." + key])
                ?? .null
        }
    }

    /// The bytes of a text column of the current row, in place; nil when it is not text.
    static func textBytes(_ handle: SQLiteStatement, _ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard sqlite3_column_type(handle, column) == SQLITE_TEXT, let bytes = sqlite3_column_text(handle, column) else {
            return nil
        }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// Whether `key` holds the bytes of `name`: a length check and a `memcmp`, where the generic `elementsEqual`
    /// of a `String.UTF8View` went byte by byte through its iterator (some 3 % of a report's time).
    private static func same(_ name: String, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var name = name
        return name.withUTF8 { sameBytes($0, key) }
    }

    /// Whether two byte runs are equal: a length check and a `memcmp` (the generic `elementsEqual` went byte by byte
    /// through iterators).
    static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    /// The values of three keys in `json` when it is a flat object of strings without escapes or spaces,
    /// `{"key":"value",…}` (nil for a key it lacks; the first of a repeated key, as `json_extract` takes);
    /// nil when it is anything else.
    static func flatStringValues(
        _ json: UnsafeBufferPointer<UInt8>, _ k0: String, _ k1: String, _ k2: String
    ) -> (String?, String?, String?)? {
        let quote = UInt8(ascii: "\""), n = json.count
        guard n >= 2, json[0] == UInt8(ascii: "{"), json[n - 1] == UInt8(ascii: "}"),
            !json.contains(UInt8(ascii: "\\"))
        else { return nil }
        var values: (String?, String?, String?) = (nil, nil, nil)
        if n == 2 { return values }
        /// The position of the quote closing the string that starts after position `open`.
        func closing(_ open: Int) -> Int? {
            var i = open + 1
            while i < n, json[i] != quote { i += 1 }
            return i < n ? i : nil
        }
        var i = 1
        while true {
            guard i < n, json[i] == quote, let keyEnd = closing(i), keyEnd + 2 < n,
                json[keyEnd + 1] == UInt8(ascii: ":"),
                json[keyEnd + 2] == quote, let valueEnd = closing(keyEnd + 2)
            else { return nil }
            let key = UnsafeBufferPointer(rebasing: json[(i + 1)..<keyEnd])
            let value = UnsafeBufferPointer(rebasing: json[(keyEnd + 3)..<valueEnd])
            if values.0 == nil, same(k0, key) { values.0 = String(decoding: value, as: UTF8.self) }
            if values.1 == nil, same(k1, key) { values.1 = String(decoding: value, as: UTF8.self) }
            if values.2 == nil, same(k2, key) { values.2 = String(decoding: value, as: UTF8.self) }
            i = valueEnd + 1
            if i == n - 1 { return values }  // the closing brace
            guard json[i] == UInt8(ascii: ",") else { return nil }
            i += 1
        }
    }

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

    /// The values of the JSON array that `json_extract` with several paths returns, in path order: strings as
    /// they are, numbers and booleans as their text, null or missing as nil. One parse of the event's details for
    /// all the keys it carries, where one `json_extract` per key parsed them once per key.
    static func jsonScalars(_ value: DatabaseValue) -> [String?] {
        guard case .string(var text) = value.storage else { return [nil, nil, nil] }
        let values = text.withUTF8 { jsonScalars(utf8: $0) }
        return [values.0, values.1, values.2]
    }

    /// The first three values of a JSON array of scalars (see `jsonScalars(_:)`).
    static func jsonScalars(utf8 text: UnsafeBufferPointer<UInt8>) -> (String?, String?, String?) {
        var values: [String?] = []
        values.reserveCapacity(3)
        if !text.contains(UInt8(ascii: "\\")) {
            // Our details hold codes, numbers and enum words: without escapes, a value ends at the next quote.
            var rest = text.dropFirst()  // [
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
        } else if let array = try? JSONSerialization.jsonObject(with: Data(text)) as? [Any] {
            values = array.map { $0 is NSNull ? nil : ($0 as? String ?? "\($0)") }
        }
        return (
            values.count > 0 ? values[0] : nil, values.count > 1 ? values[1] : nil, values.count > 2 ? values[2] : nil
        )
    }
}
