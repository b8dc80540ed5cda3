import Foundation
import GRDB
import GovDeskCore

/// `govdesk export letters`: one row per supervision letter issued in the range (DESIGN §4, §7), with the numbers
/// of the tickets, cases and findings it names and its Markdown text as the last column. Letters name numbers,
/// topics, items and windows, never callers or applicants, so nothing is masked.
public struct LetterExport: ExportKind {
    public init() {}
    public var name: String { "letters" }
    public var recordName: String { "letter" }
    public var hasPersonalData: Bool { false }

    public var headers: [String] {
        [
            "number", "kind", "year", "department", "departmentName", "issuedAt", "issuedBy", "subjectCount",
            "subjectKinds", "subjects", "text",
        ]
    }

    /// Subjects in the letter's own order (its items' ids); kinds in `LetterSubjectKind` order.
    public var types: [ExportColumnType] { columnTypes(["year": .integer, "subjectCount": .integer]) }

    public var sql: String {
        """
        SELECT l.number, l.kind, l.year, l.department, d.name AS departmentName, l.issuedAt, l.issuedBy,
            l.itemCount, l.text,
            (SELECT group_concat(reference, ';') FROM
                (SELECT i.reference FROM letterItem i WHERE i.letterId = l.id ORDER BY i.id)) AS subjects,
            (SELECT group_concat(subjectKind, ';') FROM
                (SELECT DISTINCT i.subjectKind FROM letterItem i WHERE i.letterId = l.id
                 ORDER BY CASE i.subjectKind WHEN 'ticket' THEN 0 WHEN 'case' THEN 1 ELSE 2 END)) AS subjectKinds
        FROM letter l JOIN department d ON d.code = l.department
        WHERE l.issuedAt >= ? AND l.issuedAt < ? ORDER BY l.issuedAt, l.id
        """
    }

    public func values(_ row: Row, _ c: ExportContext) -> [String?] {
        let year: Int64 = row["year"]
        let count: Int64 = row["itemCount"]
        return [
            row["number"], row["kind"], String(year), row["department"], row["departmentName"],
            c.time(row, "issuedAt"), row["issuedBy"], String(count), row["subjectKinds"], row["subjects"], row["text"],
        ]
    }
}
