import Foundation
import GRDB
import GovDeskCore

extension GovDeskDatabase {
    /// Runs `body` in one write transaction: the bulk path for a generator that makes thousands of records (the demo's
    /// service hall). `Batch` offers the public hall writes, each the very code of the method of the same name with
    /// all its checks (actor, permission, state, month close, backdating), only not committed one by one. A refusal
    /// thrown out of `body` rolls the whole batch back.
    public func batch<T>(_ body: (Batch) throws -> T) throws -> T {
        try write { db in try body(Batch(database: self, db: db)) }
    }

    /// The public hall writes inside one transaction (`batch(_:)`); see each method of the same name on
    /// `GovDeskDatabase`.
    public struct Batch {
        let database: GovDeskDatabase
        let db: Database

        public func createCase(
            item: String, window: String, applicantName: String, applicantPhone: String, actor: String, at now: Date,
            rules: DeadlineRules
        ) throws -> WindowCase {
            try database.createCase(
                item: item, window: window, applicantName: applicantName, applicantPhone: applicantPhone,
                actor: actor, at: now, rules: rules, db)
        }

        @discardableResult
        public func apply(
            _ command: CaseCommand, toCase number: String, actor: String, at now: Date, rules: DeadlineRules,
            badRatingKind: FindingKind = .other
        ) throws -> (case: WindowCase, event: CaseEvent, finding: Finding?) {
            try database.apply(
                command, toCase: number, actor: actor, at: now, rules: rules, badRatingKind: badRatingKind, db)
        }

        public func createFinding(_ draft: Finding, actor: String, rules: DeadlineRules) throws -> Finding {
            try database.createFinding(draft, actor: actor, rules: rules, db)
        }

        @discardableResult
        public func apply(
            _ command: FindingCommand, toFinding number: String, actor: String, at now: Date, rules: DeadlineRules
        ) throws -> Finding {
            try database.apply(command, toFinding: number, actor: actor, at: now, rules: rules, system: false, db)
        }

        /// A finding as this transaction sees it.
        public func finding(_ number: String) throws -> Finding {
            try database.findingRow(number, db).1
        }

        public func addManualScore(
            month: Month, staff: String, item: String, points: Double, note: String?, actor: String, at now: Date
        ) throws {
            try database.addManualScore(
                month: month, staff: staff, item: item, points: points, note: note, actor: actor, at: now, db)
        }

        @discardableResult
        public func runEvaluation(
            month: Month, range: Range<Date>, configuration: GovDeskConfiguration.Evaluation, actor: String,
            at now: Date
        ) throws -> EvaluationOutcome {
            try database.runEvaluation(
                month: month, range: range, configuration: configuration, actor: actor, at: now, db)
        }

        public func finalizeEvaluation(month: Month, range: Range<Date>, actor: String, at now: Date) throws {
            try database.finalizeEvaluation(month: month, range: range, actor: actor, at: now, db)
        }
    }
}
