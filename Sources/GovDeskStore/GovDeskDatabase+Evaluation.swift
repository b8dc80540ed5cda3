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

    func isEvaluated(_ month: Month, _ db: Database) throws -> Bool {
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

        for subject in [EvaluationSubject.staff, .window] {
            for (code, counts) in try Self.hallCounts(by: subject, range: range, db) {
                guard var f = byKey[key(subject, code)] else { continue }
                f.cases = counts.finished
                f.onTimeCases = counts.onTime
                f.oneVisitCases = counts.oneVisit
                f.ratings = counts.ratings
                f.ratingSum = counts.ratingSum
                f.badRatings = counts.badRatings
                f.breaches = counts.breaches
                byKey[key(subject, code)] = f
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
