import Foundation
import GRDB
import GovDeskCore

/// Window cases as letter subjects (限时办结, DESIGN §5.2): every open case, against its due time from receiving,
/// addressed to its window's department.
struct CaseLetterSource: LetterSubjectSource {
    var subjectKind: LetterSubjectKind { .windowCase }

    func candidates(at now: Date, _ db: Database) throws -> [LetterCandidate] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT c.*, w.department AS windowDepartment, w.name AS windowName, i.name AS itemName
                FROM windowCase c JOIN window w ON w.code = c.window JOIN serviceItem i ON i.code = c.item
                WHERE c.state = 'open' AND c.receivedAt <= ?
                ORDER BY c.number
                """, arguments: [now.epochSeconds]
        ).map { row in
            LetterCandidate(
                case: try CaseRow.windowCase(from: row), department: row["windowDepartment"],
                itemName: row["itemName"], windowName: row["windowName"])
        }
    }

    func record(_ letter: SupervisionLetter, item: LetterCandidate, recordedAt: Date, _ db: Database) throws {
        var (id, c) = try CaseRow.fetch(item.reference, db)
        var event = try letter.event(for: c, item: item)
        event.recordedAt = recordedAt
        c.eventCount = event.sequence
        try db.cachedStatement(sql: CaseRow.updateSQL).execute(arguments: CaseRow.updateArguments(c))
        try CaseRow.insertEvent(event, caseId: id, db)
    }
}

/// Findings as letter subjects (整改, DESIGN §5.4): every assigned finding, against its rectification deadline from
/// its latest assignment, addressed to the department it was assigned to. Open (not yet assigned), rectified and
/// verified findings have no running clock.
struct FindingLetterSource: LetterSubjectSource {
    var subjectKind: LetterSubjectKind { .finding }

    func candidates(at now: Date, _ db: Database) throws -> [LetterCandidate] {
        try Row.fetchAll(
            db,
            sql: FindingRow.selectSQL
                + " WHERE f.state = 'assigned' AND f.assignedAt <= ? ORDER BY f.number",
            arguments: [now.epochSeconds]
        ).compactMap { row in LetterCandidate(finding: try FindingRow.finding(from: row)) }
    }

    func record(_ letter: SupervisionLetter, item: LetterCandidate, recordedAt: Date, _ db: Database) throws {
        let (id, f) = try FindingRow.fetch(item.reference, db)
        var event = try letter.event(for: f, item: item)
        event.recordedAt = recordedAt
        try db.execute(
            sql: "UPDATE finding SET eventCount = ? WHERE id = ?", arguments: [event.sequence, id])
        try FindingRow.insertEvent(event, findingId: id, db)
    }
}
