import Crypto
import Foundation
import GRDB
import GovDeskCore

/// Refusals of month close (月结, DESIGN §11.2).
public enum MonthCloseError: GovDeskError, Equatable {
    /// The month has not ended.
    case notEnded(month: String, endsAt: Date)
    case alreadyClosed(month: String)
    /// Months close in order: `next` is the one to close.
    case outOfOrder(month: String, next: String)
    /// A month before the last closed one: it was closed with it.
    case beforeLastClosed(month: String, last: String)
    /// Something would take effect at `at`, in or before the last closed month.
    case closed(subject: String, at: Date, month: String, openFrom: Date)
    /// Something would be recorded for `month` (a score, an evaluation), in or before `last`, the last closed month.
    case closedForMonth(subject: String, month: String, last: String)
    /// A stored figures document that this build cannot read.
    case unreadable(month: String)

    public var kind: FailureKind {
        switch self {
        case .unreadable: return .storage
        default: return .refused
        }
    }

}

/// A closed month as stored.
public struct ClosedMonth: Sendable {
    public var month: Month
    public var endsAt: Date
    public var closedAt: Date
    public var closedBy: String
    /// SHA-256 of `document`, hex.
    public var sha256: String
    /// The ledger's head when the month was closed.
    public var ledgerHead: String
    /// The stored figures document, as its bytes.
    public var document: Data

    /// The SHA-256 of a figures document, hex: what is stored beside it and what `db check` compares.
    static func digest(of document: Data) -> String { Ledger.hex(Data(SHA256.hash(data: document))) }

    /// The stored figures, read.
    public func figures() throws -> ClosedMonthFigures {
        guard let figures = ClosedMonthFigures.decode(document) else {
            throw MonthCloseError.unreadable(month: month.description)
        }
        return figures
    }
}

extension Schema {
    /// DESIGN §11.2: closed months, each with its figures document, the document's SHA-256 and the ledger's head;
    /// never updated or deleted.
    static func createMonthClose(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE monthClose (
                    month TEXT PRIMARY KEY NOT NULL CHECK (length(month) = 7),
                    endsAt INTEGER NOT NULL,
                    closedAt INTEGER NOT NULL,
                    closedBy TEXT NOT NULL REFERENCES staff(code),
                    figuresVersion INTEGER NOT NULL,
                    figures TEXT NOT NULL,
                    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                    ledgerHead TEXT NOT NULL
                ) STRICT
                """)
        try appendOnly("monthClose", db)
    }
}

extension GovDeskDatabase {
    /// The end of the last closed month, before which nothing may take effect; nil when no month is closed.
    func closedUntil(_ db: Database) throws -> (month: String, end: Date)? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT month, endsAt FROM monthClose ORDER BY endsAt DESC LIMIT 1"))
        else { return nil }
        return (row["month"], try row.requiredDate("endsAt", of: "the close of \(row["month"] as String)"))
    }

    /// Refuses an entry taking effect at `at` in or before the last closed month (DESIGN §11.2). Every write with an
    /// effective time passes here: `stamp(at:…)` (ticket, case, rating and finding events), letters, a calendar
    /// year's recomputations, and, per row, an import.
    func requireOpen(at: Date, subject: String, _ db: Database) throws {
        guard let closed = try closedUntil(db), at < closed.end else { return }
        throw MonthCloseError.closed(subject: subject, at: at, month: closed.month, openFrom: closed.end)
    }

    /// Refuses what is recorded for a whole month (an evaluation run, a manual score) when `month` is the last closed
    /// month or lies before it (DESIGN §11.2: no score may take effect before the end of the last closed month).
    func requireOpen(month: Month, subject: String, _ db: Database) throws {
        guard let closed = try closedUntil(db), let last = Month(closed.month), month <= last else { return }
        throw MonthCloseError.closedForMonth(subject: subject, month: month.description, last: closed.month)
    }

    /// Closes `month` (月结): in one transaction, finalises its evaluation if it is not final (running it first if it
    /// never ran), computes its monthly report as of its end and stores it as the month's figures with their SHA-256
    /// and the ledger's head; audited. Months close in order, only after they have ended: on a production database by
    /// the real clock (`recording.clock`), whatever `now` says; on a training one at `now` (DESIGN §11.2).
    public func closeMonth(
        _ month: Month, timeZone: TimeZone, hallRange: Range<Date>, evaluation: GovDeskConfiguration.Evaluation,
        actor actorCode: String, at now: Date
    ) throws -> ClosedMonth {
        let now = recordingTime(for: Date(epochSeconds: now.epochSeconds))
        return try write { db in
            let actor = try actor(actorCode, db)
            try Permission.closeMonth.authorize(actor)
            let key = month.description
            if let refusal = try Self.closeRefusal(month, timeZone: timeZone, hallRange: hallRange, now: now, db) {
                throw refusal
            }
            let end = month.end(in: timeZone)
            // The evaluation first: the report's hall part shows its awards.
            let state = try String.fetchOne(
                db, sql: "SELECT state FROM evaluationMonth WHERE month = ?", arguments: [key])
            if state != "finalized" {
                if state == nil {
                    try runEvaluation(
                        month: month, range: hallRange, configuration: evaluation, actor: actorCode, at: now, db)
                }
                try Permission.evaluation.authorize(actor)
                try db.execute(
                    sql:
                        "UPDATE evaluationMonth SET state = 'finalized', finalizedAt = ?, finalizedBy = ? WHERE month = ?",
                    arguments: [now.epochSeconds, actor.code, key])
            }
            let (report, hall) = try monthlyReport(
                for: month, timeZone: timeZone, trendMonths: 12, now: now, countsRepeats: true, hallRange: hallRange,
                within: db)
            let document = try ClosedMonthFigures(report: report, hall: hall, hallRange: hallRange).encoded()
            let sha = ClosedMonth.digest(of: document)
            let head = try Self.seal(db)?.hash ?? Ledger.hex(Ledger.genesis)
            let closed = ClosedMonth(
                month: month, endsAt: end, closedAt: now, closedBy: actor.code, sha256: sha, ledgerHead: head,
                document: document)
            try db.execute(
                sql: """
                    INSERT INTO monthClose (month, endsAt, closedAt, closedBy, figuresVersion, figures, sha256, ledgerHead)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    key, end.epochSeconds, now.epochSeconds, actor.code, ClosedMonthFigures.currentVersion,
                    String(decoding: document, as: UTF8.self), sha, head,
                ])
            try recordAudit(
                actor: actor.code, action: "month-close", details: ["month": key, "sha256": sha, "ledgerHead": head],
                at: now, db)
            return closed
        }
    }

    /// Why `closeMonth` would refuse `month` at `now`, or nil when it may be closed (the permission aside): for the
    /// page that asks for a confirmation, which should not ask for one the store will refuse.
    public func monthCloseRefusal(_ month: Month, timeZone: TimeZone, hallRange: Range<Date>, at now: Date) throws
        -> MonthCloseError?
    {
        let now = recordingTime(for: Date(epochSeconds: now.epochSeconds))
        return try read { db in try Self.closeRefusal(month, timeZone: timeZone, hallRange: hallRange, now: now, db) }
    }

    /// The order and time rules of a close: not closed before, the one after the last closed (any ended month when
    /// none is), and ended — its days and the hall's month both.
    static func closeRefusal(
        _ month: Month, timeZone: TimeZone, hallRange: Range<Date>, now: Date, _ db: Database
    ) throws -> MonthCloseError? {
        let key = month.description
        if try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM monthClose WHERE month = ?)", arguments: [key]) == true
        {
            return .alreadyClosed(month: key)
        }
        if let last = try String.fetchOne(db, sql: "SELECT max(month) FROM monthClose"), let closed = Month(last),
            closed.next != month
        {
            return month < closed
                ? .beforeLastClosed(month: key, last: last) : .outOfOrder(month: key, next: closed.next.description)
        }
        let end = month.end(in: timeZone)
        guard now >= end, now >= hallRange.upperBound else {
            return .notEnded(month: key, endsAt: max(end, hallRange.upperBound))
        }
        return nil
    }

    /// The closed month `month`, or nil when it is open.
    public func closedMonth(_ month: Month) throws -> ClosedMonth? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM monthClose WHERE month = ?", arguments: [month.description])
                .map(Self.closedMonth(from:))
        }
    }

    /// Every closed month, oldest first.
    public func closedMonths() throws -> [ClosedMonth] {
        try read { db in try Self.closedMonths(db) }
    }

    static func closedMonths(_ db: Database) throws -> [ClosedMonth] {
        try Row.fetchAll(db, sql: "SELECT * FROM monthClose ORDER BY month").map(closedMonth(from:))
    }

    static func closedMonth(from row: Row) throws -> ClosedMonth {
        let record = "the close of \(row["month"] as String)"
        return ClosedMonth(
            month: Month(row["month"] as String) ?? Month(year: 1970, month: 1)!,
            endsAt: try row.requiredDate("endsAt", of: record), closedAt: try row.requiredDate("closedAt", of: record),
            closedBy: row["closedBy"], sha256: row["sha256"], ledgerHead: row["ledgerHead"],
            document: Data((row["figures"] as String).utf8))
    }

    /// `db check` for closed months (DESIGN §11.2): each stored document must match its SHA-256, and the figures
    /// computed again from the events (with the stored time zone, hall range and grace) must equal the stored
    /// ones, figure by figure.
    func verifyClosedMonths(into report: inout IntegrityReport, _ db: Database) throws {
        for closed in try Self.closedMonths(db) {
            let subject = CheckSubject.closedMonth(closed.month.description)
            if ClosedMonth.digest(of: closed.document) != closed.sha256 {
                report.problems.append(IntegrityProblem(subject: subject, .figuresEdited))
            }
            guard let stored = ClosedMonthFigures.decode(closed.document) else {
                report.problems.append(IntegrityProblem(subject: subject, .figuresUnreadable))
                continue
            }
            let zone = TimeZone(identifier: stored.report.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
            let (again, hall) = try monthlyReport(
                for: closed.month, timeZone: zone, trendMonths: 12, now: closed.closedAt, countsRepeats: true,
                hallRange: stored.hallRange, within: db, graceMinutes: stored.report.backdatingGraceMinutes)
            let now = ClosedMonthFigures(report: again, hall: hall, hallRange: stored.hallRange)
            for difference in try stored.differences(from: now) {
                report.problems.append(IntegrityProblem(subject: subject, .figureDiffers(difference)))
            }
        }
    }
}
