import Foundation
import GRDB
import GovDeskCore

extension GovDeskDatabase {
    /// What the hall's month figures count per window or per staff member (its first responsible) over [range): the
    /// cases finished in it, on time and in one visit; the ratings given in it, their sum and the bad ones (1 or 2);
    /// the 一次性告知 breaches recorded in it (by window, or by the staff member who recorded the request). The one
    /// place these are counted: the windows report and the evaluation both read them.
    struct HallCounts {
        var finished = 0, onTime = 0, oneVisit = 0
        var ratings = 0, ratingSum = 0, badRatings = 0
        var breaches = 0
    }

    /// The `HallCounts` of every window or staff member with something in [range), by code.
    static func hallCounts(by subject: EvaluationSubject, range: Range<Date>, _ db: Database) throws
        -> [String: HallCounts]
    {
        let arguments: StatementArguments = [range.lowerBound.epochSeconds, range.upperBound.epochSeconds]
        let column = subject == .staff ? "firstResponsible" : "window"
        let breachColumn = subject == .staff ? "e.actor" : "c.window"
        var counts: [String: HallCounts] = [:]
        /// Adds what `sql` counts, a row per code, to that code's counts.
        func add(_ sql: String, _ body: (inout HallCounts, Row) -> Void) throws {
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                body(&counts[row["code"], default: HallCounts()], row)
            }
        }
        try add(
            """
            SELECT \(column) AS code, count(*) AS cases, sum(finishedAt <= due) AS onTime, sum(visits = 1) AS oneVisit
            FROM windowCase WHERE finishedAt >= ? AND finishedAt < ? GROUP BY \(column)
            """
        ) {
            $0.finished = $1["cases"]
            $0.onTime = $1["onTime"]
            $0.oneVisit = $1["oneVisit"]
        }
        try add(
            """
            SELECT c.\(column) AS code, count(*) AS n, sum(r.score) AS total, sum(r.score <= 2) AS bad
            FROM rating r JOIN windowCase c ON c.id = r.caseId
            WHERE r.ratedAt >= ? AND r.ratedAt < ? GROUP BY c.\(column)
            """
        ) {
            $0.ratings = $1["n"]
            $0.ratingSum = $1["total"]
            $0.badRatings = $1["bad"]
        }
        try add(
            """
            SELECT \(breachColumn) AS code, count(*) AS n FROM caseEvent e JOIN windowCase c ON c.id = e.caseId
            WHERE e.breach = 1 AND e.at >= ? AND e.at < ? GROUP BY \(breachColumn)
            """
        ) { $0.breaches = $1["n"] }
        return counts
    }

    /// Every window's figures for the month [range), as of the month's end.
    public func windowsReport(range: Range<Date>) throws -> [WindowMonthFigures] {
        try read { db in try windowsReport(range: range, db) }
    }

    func windowsReport(range: Range<Date>, _ db: Database) throws -> [WindowMonthFigures] {
        let lo = range.lowerBound.epochSeconds
        let hi = range.upperBound.epochSeconds
        var rows: [String: WindowMonthFigures] = [:]
        var order: [String] = []
        for row in try Row.fetchAll(db, sql: "SELECT code, name, department FROM window ORDER BY code") {
            let code: String = row["code"]
            order.append(code)
            rows[code] = WindowMonthFigures(window: code, name: row["name"], department: row["department"])
        }
        for row in try Row.fetchAll(
            db,
            sql:
                "SELECT window AS code, count(*) AS n FROM windowCase WHERE receivedAt >= ? AND receivedAt < ? GROUP BY window",
            arguments: [lo, hi])
        {
            let code: String = row["code"]
            rows[code]?.received = row["n"]
        }
        for (code, counts) in try Self.hallCounts(by: .window, range: range, db) {
            guard var f = rows[code] else { continue }
            f.finished = counts.finished
            f.onTime = counts.onTime
            f.oneVisit = counts.oneVisit
            f.ratings = counts.ratings
            f.ratingSum = counts.ratingSum
            f.badRatings = counts.badRatings
            f.breaches = counts.breaches
            rows[code] = f
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT window AS code, count(*) AS n FROM windowCase
                WHERE receivedAt < ?1 AND due < ?1 AND (finishedAt IS NULL OR finishedAt >= ?1)
                GROUP BY window
                """, arguments: [hi])
        {
            let code: String = row["code"]
            rows[code]?.overdueAtEnd = row["n"]
        }
        return order.compactMap { rows[$0] }
    }

    /// Findings by kind, source and department for the month, each as it stood at the month's end.
    public func findingsReport(month: Month, range: Range<Date>) throws -> FindingsMonthReport {
        try read { db in try findingsReport(month: month, range: range, db) }
    }

    func findingsReport(month: Month, range: Range<Date>, _ db: Database) throws -> FindingsMonthReport {
        let lo = range.lowerBound.epochSeconds
        let hi = range.upperBound.epochSeconds
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT f.id, f.number, f.kind, f.source, f.department, f.reportedAt,
                    (SELECT e.toState FROM findingEvent e WHERE e.findingId = f.id AND e.at < ?2
                     ORDER BY e.sequence DESC LIMIT 1) AS stateAtEnd,
                    (SELECT e.deadline FROM findingEvent e WHERE e.findingId = f.id AND e.at < ?2 AND e.deadline IS NOT NULL
                     ORDER BY e.sequence DESC LIMIT 1) AS deadlineAtEnd,
                    EXISTS (SELECT 1 FROM findingEvent e WHERE e.findingId = f.id AND e.action = 'rectify'
                            AND e.at >= ?1 AND e.at < ?2) AS rectifiedInMonth,
                    EXISTS (SELECT 1 FROM findingEvent e WHERE e.findingId = f.id AND e.action = 'verify'
                            AND e.at >= ?1 AND e.at < ?2) AS verifiedInMonth
                FROM finding f WHERE f.reportedAt < ?2 ORDER BY f.id
                """, arguments: [lo, hi])
        let snapshots = try rows.compactMap { row -> FindingSnapshot? in
            guard let kind = FindingKind(rawValue: row["kind"]), let source = FindingSource(rawValue: row["source"]),
                let state = (row["stateAtEnd"] as String?).flatMap(FindingState.init)
            else { return nil }
            let record = "finding \(row["number"] as String)"
            return FindingSnapshot(
                number: row["number"], kind: kind, source: source, department: row["department"],
                reportedAt: try row.requiredDate("reportedAt", of: record), stateAtEnd: state,
                deadlineAtEnd: try row.date("deadlineAtEnd", of: record),
                rectifiedInMonth: row["rectifiedInMonth"], verifiedInMonth: row["verifiedInMonth"])
        }
        // Only findings still of interest: reported in the month, open at its end, or acted on in it.
        let relevant = snapshots.filter {
            range.contains($0.reportedAt) || $0.stateAtEnd == .open || $0.stateAtEnd == .assigned
                || $0.rectifiedInMonth || $0.verifiedInMonth
        }
        return FindingsMonthReport.make(month: month, range: range, snapshots: relevant)
    }

    /// The hall's headline figures for a month, for the monthly closure report.
    public func hallSummary(month: Month, range: Range<Date>) throws -> HallMonthSummary {
        try read { db in try hallSummary(month: month, range: range, db) }
    }

    func hallSummary(month: Month, range: Range<Date>, _ db: Database) throws -> HallMonthSummary {
        HallMonthSummary(
            month: month, windows: try windowsReport(range: range, db),
            findings: try findingsReport(month: month, range: range, db),
            awards: try isEvaluated(month, db) ? try awards(month: month, db) : nil)
    }
}
