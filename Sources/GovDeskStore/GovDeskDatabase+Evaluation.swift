import Foundation
import GRDB
import GovDeskCore

/// A manual evaluation item (业务考试 and the like) for a staff member and month.
public struct ManualScore: Equatable, Sendable {
    public var month: String
    public var staff: String
    public var item: String
    public var points: Double
    public var note: String?
    public var recordedBy: String
    public var recordedAt: Date
}

/// A stored month's evaluation: its state, results and awards.
public struct EvaluationRecord: Equatable, Sendable {
    public var month: String
    public var finalized: Bool
    public var computedAt: Date
    public var computedBy: String
    public var finalizedAt: Date?
    public var finalizedBy: String?
    public var outcome: EvaluationOutcome
    public var manualScores: [ManualScore]
}

// MARK: - Monthly evaluation (DESIGN §5.5)

extension GovDeskDatabase {
    private func isFinalized(_ month: Month, _ db: Database) throws -> Bool {
        try String.fetchOne(
            db, sql: "SELECT state FROM evaluationMonth WHERE month = ?", arguments: [month.description])
            == "finalized"
    }

    /// Refuses a month that has not ended at `now`: its figures are still moving (DESIGN §5.5).
    private func requireEnded(_ month: Month, range: Range<Date>, at now: Date, action: Phrase) throws {
        guard now >= range.upperBound else {
            throw HallError.monthNotOver(
                month: month.description, endsOn: month.next.firstDay.description, action: action)
        }
    }

    private func isEvaluated(_ month: Month, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM evaluationMonth WHERE month = ?)", arguments: [month.description])
            ?? false
    }

    /// Records a manual score (e.g. 业务考试) for a window staff member; refused for a finalised month.
    public func addManualScore(
        month: Month, staff: String, item: String, points: Double, note: String?, actor actorCode: String,
        at now: Date
    ) throws {
        try write { db in
            try addManualScore(
                month: month, staff: staff, item: item, points: points, note: note, actor: actorCode, at: now, db)
        }
    }

    func addManualScore(
        month: Month, staff: String, item: String, points: Double, note: String?, actor actorCode: String,
        at now: Date, _ db: Database
    ) throws {
        let actor = try actor(actorCode, db)
        try Permission.evaluation.authorize(actor)
        try requireOpen(month: month, subject: "a manual score for \(month)", db)
        if try isFinalized(month, db) { throw HallError.monthFinalized(month: month.description) }
        let member = try staffMember(staff, db)
        // No one scores themselves, whatever roles they hold (`RuleTable`'s `notBy`, for a record of its own).
        if member.code == actor.code { throw HallError.ownScore(actor: actor.code) }
        guard member.roles.contains(.window) else {
            throw HallError.invalidField(
                name: "--staff", message: StoreText.onlyWindowStaffEvaluated(staff).phrase)
        }
        let name = try TicketMachine.requiredText(item, "--item")
        guard !TextLength.exceeds(name, 100) else {
            throw HallError.invalidField(name: "--item", message: TextLength.message(name, limit: 100))
        }
        guard points.isFinite, (-100...100).contains(points) else {
            throw HallError.invalidField(name: "--points", message: StoreText.points(points).phrase)
        }
        try db.execute(
            sql: """
                INSERT INTO evaluationScore (month, staff, item, points, note, recordedBy, recordedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                month.description, staff, name, points, try TicketMachine.optionalText(note, "--note"),
                actor.code, now.epochSeconds,
            ])
    }

    /// Scores every window staff member and window from the month's data and stores the results and awards,
    /// replacing an earlier run; refused when the month is finalised.
    @discardableResult
    public func runEvaluation(
        month: Month, range: Range<Date>, configuration: GovDeskConfiguration.Evaluation, actor actorCode: String,
        at now: Date
    ) throws -> EvaluationOutcome {
        try write { db in
            try runEvaluation(month: month, range: range, configuration: configuration, actor: actorCode, at: now, db)
        }
    }

    func runEvaluation(
        month: Month, range: Range<Date>, configuration: GovDeskConfiguration.Evaluation, actor actorCode: String,
        at now: Date, _ db: Database
    ) throws -> EvaluationOutcome {
        let actor = try actor(actorCode, db)
        try Permission.evaluation.authorize(actor)
        try requireOpen(month: month, subject: "the evaluation of \(month)", db)
        if try isFinalized(month, db) { throw HallError.monthFinalized(month: month.description) }
        try requireEnded(month, range: range, at: now, action: StoreText.evaluationRun.phrase)
        let figures = try evaluationFigures(month: month, range: range, db)
        let outcome = EvaluationEngine.evaluate(figures, configuration: configuration)
        let key = month.description
        try db.execute(sql: "DELETE FROM evaluationAward WHERE month = ?", arguments: [key])
        try db.execute(sql: "DELETE FROM evaluationResult WHERE month = ?", arguments: [key])
        try db.execute(
            sql: """
                INSERT INTO evaluationMonth (month, state, computedAt, computedBy) VALUES (?, 'computed', ?, ?)
                ON CONFLICT (month) DO UPDATE SET computedAt = excluded.computedAt, computedBy = excluded.computedBy
                """, arguments: [key, now.epochSeconds, actor.code])
        let insertResult = try db.cachedStatement(
            sql: """
                INSERT INTO evaluationResult (month, subject, code, name, score, rank, cases, onTimeCases, oneVisitCases,
                    ratings, ratingSum, badRatings, breaches, verifiedFindings, manualPoints, breakdown)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for r in outcome.results {
            let f = r.figures
            try insertResult.execute(arguments: [
                key, f.subject.rawValue, f.code, f.name, r.score, r.rank, f.cases, f.onTimeCases, f.oneVisitCases,
                f.ratings, f.ratingSum, f.badRatings, f.breaches, f.verifiedFindings, f.manualPoints,
                Self.encodeBreakdown(r.breakdown),
            ])
        }
        for a in outcome.awards {
            try db.execute(
                sql: """
                    INSERT INTO evaluationAward (month, award, position, subject, code, name, reasonZh, reasonEn)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    key, a.award.rawValue, a.position, a.subject.rawValue, a.code, a.name, a.reasonZh, a.reasonEn,
                ])
        }
        return outcome
    }

    /// Locks a computed month that has ended (`range` is its [start, end)): it is never recomputed or changed
    /// afterwards.
    public func finalizeEvaluation(month: Month, range: Range<Date>, actor actorCode: String, at now: Date) throws {
        try write { db in try finalizeEvaluation(month: month, range: range, actor: actorCode, at: now, db) }
    }

    func finalizeEvaluation(
        month: Month, range: Range<Date>, actor actorCode: String, at now: Date, _ db: Database
    ) throws {
        let actor = try actor(actorCode, db)
        try Permission.evaluation.authorize(actor)
        try requireEnded(month, range: range, at: now, action: StoreText.evaluationFinalised.phrase)
        guard
            let state = try String.fetchOne(
                db, sql: "SELECT state FROM evaluationMonth WHERE month = ?", arguments: [month.description])
        else { throw HallError.noEvaluation(month: month.description) }
        if state == "finalized" { throw HallError.monthFinalized(month: month.description) }
        try db.execute(
            sql: "UPDATE evaluationMonth SET state = 'finalized', finalizedAt = ?, finalizedBy = ? WHERE month = ?",
            arguments: [now.epochSeconds, actor.code, month.description])
    }

    /// The stored evaluation of a month.
    public func evaluation(month: Month) throws -> EvaluationRecord {
        try read { db in
            let key = month.description
            guard let m = try Row.fetchOne(db, sql: "SELECT * FROM evaluationMonth WHERE month = ?", arguments: [key])
            else { throw HallError.noEvaluation(month: key) }
            let results = try Row.fetchAll(
                db, sql: "SELECT * FROM evaluationResult WHERE month = ? ORDER BY subject DESC, rank", arguments: [key]
            ).map { row -> EvaluationResult in
                var f = EvaluationFigures(
                    subject: EvaluationSubject(rawValue: row["subject"]) ?? .staff, code: row["code"], name: row["name"]
                )
                f.cases = row["cases"]
                f.onTimeCases = row["onTimeCases"]
                f.oneVisitCases = row["oneVisitCases"]
                f.ratings = row["ratings"]
                f.ratingSum = row["ratingSum"]
                f.badRatings = row["badRatings"]
                f.breaches = row["breaches"]
                f.verifiedFindings = row["verifiedFindings"]
                f.manualPoints = row["manualPoints"]
                return EvaluationResult(
                    figures: f, score: row["score"], rank: row["rank"],
                    breakdown: Self.decodeBreakdown(row["breakdown"]))
            }
            let awards = try awards(month: month, db)
            return EvaluationRecord(
                month: key, finalized: (m["state"] as String) == "finalized",
                computedAt: try m.requiredDate("computedAt", of: "the evaluation of \(key)"),
                computedBy: m["computedBy"], finalizedAt: try m.date("finalizedAt", of: "the evaluation of \(key)"),
                finalizedBy: m["finalizedBy"],
                outcome: EvaluationOutcome(results: results, awards: awards),
                manualScores: try manualScores(month: month, db))
        }
    }

    /// The stored awards of a month, in the order they were given.
    func awards(month: Month, _ db: Database) throws -> [EvaluationAward] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM evaluationAward WHERE month = ? ORDER BY id", arguments: [month.description]
        ).map { row in
            EvaluationAward(
                award: AwardKind(rawValue: row["award"]) ?? .bestWindow, position: row["position"],
                subject: EvaluationSubject(rawValue: row["subject"]) ?? .staff, code: row["code"],
                name: row["name"],
                reasonZh: row["reasonZh"], reasonEn: row["reasonEn"])
        }
    }

    func manualScores(month: Month, _ db: Database) throws -> [ManualScore] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM evaluationScore WHERE month = ? ORDER BY staff, id", arguments: [month.description]
        ).map { row in
            ManualScore(
                month: row["month"], staff: row["staff"], item: row["item"], points: row["points"], note: row["note"],
                recordedBy: row["recordedBy"],
                recordedAt: try row.requiredDate(
                    "recordedAt", of: "the manual score of \(row["staff"] as String) in \(row["month"] as String)"))
        }
    }

    /// Every month that has an evaluation, with whether it is finalised: for exports.
    public func evaluationMonths() throws -> [(month: String, finalized: Bool)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT month, state FROM evaluationMonth ORDER BY month").map {
                (month: $0["month"], finalized: ($0["state"] as String) == "finalized")
            }
        }
    }

    /// The figures of every window staff member and every window for the month [range).
    func evaluationFigures(month: Month, range: Range<Date>, _ db: Database) throws -> [EvaluationFigures] {
        let lo = range.lowerBound.epochSeconds
        let hi = range.upperBound.epochSeconds
        let staff = try Row.fetchAll(db, sql: "SELECT code, name, roles FROM staff WHERE active = 1 ORDER BY code")
            .filter { ($0["roles"] as String).split(separator: ",").contains("window") }
        let windows = try Row.fetchAll(db, sql: "SELECT code, name FROM window ORDER BY code")
        var byKey: [String: EvaluationFigures] = [:]
        func key(_ s: EvaluationSubject, _ c: String) -> String { s.rawValue + ":" + c }
        for row in staff {
            byKey[key(.staff, row["code"])] = EvaluationFigures(subject: .staff, code: row["code"], name: row["name"])
        }
        for row in windows {
            byKey[key(.window, row["code"])] = EvaluationFigures(subject: .window, code: row["code"], name: row["name"])
        }

        for (subject, column) in [(EvaluationSubject.staff, "firstResponsible"), (.window, "window")] {
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT \(column) AS code, count(*) AS cases, sum(finishedAt <= due) AS onTime, sum(visits = 1) AS oneVisit
                    FROM windowCase WHERE finishedAt >= ? AND finishedAt < ? GROUP BY \(column)
                    """, arguments: [lo, hi])
            {
                guard var f = byKey[key(subject, row["code"])] else { continue }
                f.cases = row["cases"]
                f.onTimeCases = row["onTime"]
                f.oneVisitCases = row["oneVisit"]
                byKey[key(subject, row["code"])] = f
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.\(column) AS code, count(*) AS n, sum(r.score) AS total, sum(r.score <= 2) AS bad
                    FROM rating r JOIN windowCase c ON c.id = r.caseId
                    WHERE r.ratedAt >= ? AND r.ratedAt < ? GROUP BY c.\(column)
                    """, arguments: [lo, hi])
            {
                guard var f = byKey[key(subject, row["code"])] else { continue }
                f.ratings = row["n"]
                f.ratingSum = row["total"]
                f.badRatings = row["bad"]
                byKey[key(subject, row["code"])] = f
            }
            let breachColumn = subject == .staff ? "e.actor" : "c.window"
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT \(breachColumn) AS code, count(*) AS n FROM caseEvent e JOIN windowCase c ON c.id = e.caseId
                    WHERE e.breach = 1 AND e.at >= ? AND e.at < ? GROUP BY \(breachColumn)
                    """, arguments: [lo, hi])
            {
                guard var f = byKey[key(subject, row["code"])] else { continue }
                f.breaches = row["n"]
                byKey[key(subject, row["code"])] = f
            }
            let findingColumn = subject == .staff ? "staff" : "window"
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT \(findingColumn) AS code, count(*) AS n FROM finding
                    WHERE state = 'verified' AND verifiedAt >= ? AND verifiedAt < ? AND \(findingColumn) IS NOT NULL
                    GROUP BY \(findingColumn)
                    """, arguments: [lo, hi])
            {
                guard var f = byKey[key(subject, row["code"])] else { continue }
                f.verifiedFindings = row["n"]
                byKey[key(subject, row["code"])] = f
            }
        }
        for row in try Row.fetchAll(
            db, sql: "SELECT staff, sum(points) AS points FROM evaluationScore WHERE month = ? GROUP BY staff",
            arguments: [month.description])
        {
            guard var f = byKey[key(.staff, row["staff"])] else { continue }
            f.manualPoints = row["points"]
            byKey[key(.staff, row["staff"])] = f
        }
        return byKey.keys.sorted().compactMap { byKey[$0] }
    }

    static func encodeBreakdown(_ breakdown: [String: Double]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(breakdown) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeBreakdown(_ json: String) -> [String: Double] {
        (try? JSONDecoder().decode([String: Double].self, from: Data(json.utf8))) ?? [:]
    }
}

// MARK: - Hall reports (`report windows`, `report findings`) and the monthly summary

extension GovDeskDatabase {
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
        func update(_ sql: String, _ body: (inout WindowMonthFigures, Row) -> Void) throws {
            for row in try Row.fetchAll(db, sql: sql, arguments: [lo, hi]) {
                let code: String = row["code"]
                guard var f = rows[code] else { continue }
                body(&f, row)
                rows[code] = f
            }
        }
        try update(
            "SELECT window AS code, count(*) AS n FROM windowCase WHERE receivedAt >= ? AND receivedAt < ? GROUP BY window"
        ) { f, r in f.received = r["n"] }
        try update(
            """
            SELECT window AS code, count(*) AS n, sum(finishedAt <= due) AS onTime, sum(visits = 1) AS oneVisit
            FROM windowCase WHERE finishedAt >= ? AND finishedAt < ? GROUP BY window
            """
        ) { f, r in
            f.finished = r["n"]
            f.onTime = r["onTime"]
            f.oneVisit = r["oneVisit"]
        }
        try update(
            """
            SELECT c.window AS code, count(*) AS n, sum(r.score) AS total, sum(r.score <= 2) AS bad
            FROM rating r JOIN windowCase c ON c.id = r.caseId WHERE r.ratedAt >= ? AND r.ratedAt < ? GROUP BY c.window
            """
        ) { f, r in
            f.ratings = r["n"]
            f.ratingSum = r["total"]
            f.badRatings = r["bad"]
        }
        try update(
            """
            SELECT c.window AS code, count(*) AS n FROM caseEvent e JOIN windowCase c ON c.id = e.caseId
            WHERE e.breach = 1 AND e.at >= ? AND e.at < ? GROUP BY c.window
            """
        ) { f, r in f.breaches = r["n"] }
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
