import Foundation
import GRDB
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
}
