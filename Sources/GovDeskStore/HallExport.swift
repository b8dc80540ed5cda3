import Foundation
import GRDB
import GovDeskCore

// The service hall's export kinds (DESIGN §7): the same CSV/JSONL rules, masking and audit as tickets.

/// `govdesk export cases`: one row per window case (办件) received in the range.
public struct CaseExport: ExportKind {
    public init() {}
    public var name: String { "cases" }
    public var recordName: String { "case" }
    public var hasPersonalData: Bool { true }

    public var headers: [String] {
        [
            "number", "item", "window", "department", "firstResponsible", "applicantName", "applicantPhone", "state",
            "receivedAt", "due", "finishedAt", "onTime", "refusalReason", "visits", "materialRequests", "breaches",
            "rating",
        ]
    }

    public var types: [ExportColumnType] {
        columnTypes([
            "onTime": .boolean, "visits": .integer, "materialRequests": .integer, "breaches": .integer,
            "rating": .integer,
        ])
    }

    public var sql: String {
        """
        SELECT c.*, w.department FROM windowCase c JOIN window w ON w.code = c.window
        WHERE c.receivedAt >= ? AND c.receivedAt < ? ORDER BY c.receivedAt, c.id
        """
    }

    public func values(_ row: Row, _ c: ExportContext) -> [String?] {
        let finished: Int64? = row["finishedAt"]
        let due: Int64 = row["due"]
        return [
            row["number"], row["item"], row["window"], row["department"], row["firstResponsible"],
            c.name(row["applicantName"]), c.phone(nonEmpty(row["applicantPhone"])), row["state"],
            c.time(row, "receivedAt"), c.time(row, "due"), c.time(row, "finishedAt"),
            finished.map { String($0 <= due) }, row["refusalReason"], integer(row, "visits"),
            integer(row, "materialRequests"), integer(row, "breaches"), integer(row, "rating"),
        ]
    }
}

/// `govdesk export ratings`: one row per rating (评价) given in the range, with its case and any 差评 finding.
public struct RatingExport: ExportKind {
    public init() {}
    public var name: String { "ratings" }
    public var recordName: String { "the rating of case" }
    public var hasPersonalData: Bool { true }

    public var headers: [String] {
        [
            "case", "window", "staff", "applicantName", "applicantPhone", "score", "comment", "ratedAt", "recordedBy",
            "finding",
        ]
    }

    public var types: [ExportColumnType] { columnTypes(["score": .integer]) }

    public var sql: String {
        """
        SELECT c.number, c.window, c.firstResponsible, c.applicantName, c.applicantPhone, r.score, r.comment,
            r.ratedAt, r.recordedBy, f.number AS finding
        FROM rating r JOIN windowCase c ON c.id = r.caseId LEFT JOIN finding f ON f.ratingId = r.id
        WHERE r.ratedAt >= ? AND r.ratedAt < ? ORDER BY r.ratedAt, r.id
        """
    }

    public func values(_ row: Row, _ c: ExportContext) -> [String?] {
        [
            row["number"], row["window"], row["firstResponsible"], c.name(row["applicantName"]),
            c.phone(nonEmpty(row["applicantPhone"])), integer(row, "score"), row["comment"], c.time(row, "ratedAt"),
            row["recordedBy"], row["finding"],
        ]
    }
}

/// `govdesk export findings`: one row per finding (问题) reported in the range, as it stands now. Reporters are
/// officer or staff codes, so nothing is masked.
public struct FindingExport: ExportKind {
    public init() {}
    public var name: String { "findings" }
    public var recordName: String { "finding" }
    public var hasPersonalData: Bool { false }

    public var headers: [String] {
        [
            "number", "source", "kind", "state", "reporter", "reportedAt", "department", "window", "item", "staff",
            "case", "description", "deadline", "assignedAt", "rectifiedAt", "rectifyNote", "verifiedAt",
            "reopenCount",
        ]
    }

    public var types: [ExportColumnType] { columnTypes(["reopenCount": .integer]) }

    public var sql: String {
        """
        SELECT f.*, c.number AS caseNumber FROM finding f LEFT JOIN windowCase c ON c.id = f.caseId
        WHERE f.reportedAt >= ? AND f.reportedAt < ? ORDER BY f.reportedAt, f.id
        """
    }

    public func values(_ row: Row, _ c: ExportContext) -> [String?] {
        [
            row["number"], row["source"], row["kind"], row["state"], row["reporter"], c.time(row, "reportedAt"),
            row["department"], row["window"], row["item"], row["staff"], row["caseNumber"], row["description"],
            c.time(row, "deadline"), c.time(row, "assignedAt"), c.time(row, "rectifiedAt"), row["rectifyNote"],
            c.time(row, "verifiedAt"), integer(row, "reopenCount"),
        ]
    }
}

/// `govdesk export evaluations`: one row per evaluated staff member or window of every evaluated month that
/// overlaps the range, with the awards it won (`best-window#1;service-star#2`).
public struct EvaluationExport: ExportKind {
    public init() {}
    public var name: String { "evaluations" }
    public var recordName: String { "the evaluation of" }
    public var hasPersonalData: Bool { false }

    public var headers: [String] {
        [
            "month", "state", "subject", "code", "name", "rank", "score", "cases", "onTimeCases", "oneVisitCases",
            "ratings", "averageRating", "badRatings", "breaches", "verifiedFindings", "manualPoints", "awards",
            "computedAt", "finalizedAt",
        ]
    }

    public var types: [ExportColumnType] {
        columnTypes([
            "rank": .integer, "score": .number, "cases": .integer, "onTimeCases": .integer, "oneVisitCases": .integer,
            "ratings": .integer, "averageRating": .number, "badRatings": .integer, "breaches": .integer,
            "verifiedFindings": .integer, "manualPoints": .number,
        ])
    }

    public var sql: String {
        """
        SELECT r.*, m.state, m.computedAt, m.finalizedAt,
            (SELECT group_concat(a.award || '#' || a.position, ';') FROM evaluationAward a
             WHERE a.month = r.month AND a.subject = r.subject AND a.code = r.code) AS awards
        FROM evaluationResult r JOIN evaluationMonth m ON m.month = r.month
        WHERE r.month >= ? AND r.month <= ? ORDER BY r.month, r.subject DESC, r.rank, r.id
        """
    }

    /// The first and last local months of the range, `YYYY-MM`: evaluations are kept by month.
    public func arguments(from start: Date, to end: Date, _ context: ExportContext) -> StatementArguments {
        let first = Month(context.clock.local(start.epochSeconds).date)
        let last = Month(context.clock.local(end.epochSeconds - 1).date)
        return [first.description, last.description]
    }

    public func values(_ row: Row, _ c: ExportContext) -> [String?] {
        let ratings: Int64 = row["ratings"]
        let ratingSum: Int64 = row["ratingSum"]
        return [
            row["month"], row["state"], row["subject"], row["code"], row["name"], integer(row, "rank"),
            decimal(row["score"]), integer(row, "cases"), integer(row, "onTimeCases"), integer(row, "oneVisitCases"),
            String(ratings), ratings == 0 ? nil : decimal(Double(ratingSum) / Double(ratings)),
            integer(row, "badRatings"), integer(row, "breaches"), integer(row, "verifiedFindings"),
            decimal(row["manualPoints"]), row["awards"], c.time(row, "computedAt"), c.time(row, "finalizedAt"),
        ]
    }
}

/// An integer column as text; nil when empty.
private func integer(_ row: Row, _ column: String) -> String? {
    (row[column] as Int64?).map { String($0) }
}

/// A real number to two places: `87.50`; nil when empty.
private func decimal(_ value: Double?) -> String? {
    value.map { String(format: "%.2f", $0) }
}

/// nil for an empty text (a case recorded without a phone).
private func nonEmpty(_ text: String?) -> String? {
    text.flatMap { $0.isEmpty ? nil : $0 }
}
