import Foundation
import GRDB
import GovDeskCore

/// What `finding list` asks for; every field narrows the list.
public struct FindingFilter: Equatable, Sendable {
    public var states: [FindingState] = []
    public var source: FindingSource?
    public var kind: FindingKind?
    public var department: String?
    public var window: String?
    /// Only assigned findings past their rectification deadline at this instant.
    public var overdueAt: Date?
    public var reportedIn: Range<Date>?
    public var limit = 200
    /// How many of the matching findings, in the list's order, to pass over first (a list's later pages).
    public var offset = 0
    /// The soonest rectification deadline first, findings without one (not yet assigned) before those with one (the
    /// service's lists of open findings), instead of the newest first.
    public var soonestDeadlineFirst = false

    public init() {}
}

// MARK: - Findings of experience officers, walkthroughs and bad ratings (DESIGN §5.4)

extension GovDeskDatabase {
    /// Files a finding (source officer or walkthrough): checks the reporter, window, item and department.
    public func createFinding(_ draft: Finding, actor actorCode: String, rules: DeadlineRules) throws -> Finding {
        try write { db in try createFinding(draft, actor: actorCode, rules: rules, db) }
    }

    func createFinding(_ draft: Finding, actor actorCode: String, rules: DeadlineRules, _ db: Database) throws
        -> Finding
    {
        let actor = try actor(actorCode, db)
        switch draft.source {
        case .officer:
            guard let reporter = draft.reporter else {
                throw HallError.invalidField(
                    name: "--officer", message: StoreText.officerFindingNamesOfficer.phrase)
            }
            _ = try officer(reporter, db)
        case .walkthrough:
            if let reporter = draft.reporter { _ = try staffMember(reporter, db) }
        case .rating:
            throw HallError.invalidField(
                name: "--source",
                message: StoreText.ratingFindingsByRate.phrase)
        }
        return try createFinding(
            draft, actor: actor, system: false, ratingId: nil, caseId: nil,
            day: rules.calendar.localDate(of: draft.reportedAt), db)
    }

    func createFinding(
        _ draft: Finding, actor: StaffMember, system: Bool, ratingId: Int64?, caseId: Int64?, day: LocalDate,
        _ db: Database
    ) throws -> Finding {
        if let window = draft.window { _ = try self.window(window, db) }
        if let item = draft.item { _ = try self.item(item, db) }
        if let staff = draft.staff { _ = try staffMember(staff, db) }
        _ = try department(draft.department, db)
        var numbered = draft
        numbered.number = try nextHallNumber(series: "finding", prefix: "ZG", day: day, db)
        let (finding, created) = try FindingMachine.create(numbered, by: actor, system: system)
        var event = created
        event.recordedAt = try stamp(
            at: event.at, actor: actor, subject: "finding \(finding.number)", deadlines: [], details: &event.details, db
        )
        try db.execute(
            sql: """
                INSERT INTO finding (number, source, reporter, reportedAt, window, item, department, staff, kind,
                    description, caseId, ratingId, state, eventCount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                finding.number, finding.source.rawValue, finding.reporter, finding.reportedAt.epochSeconds,
                finding.window, finding.item, finding.department, finding.staff, finding.kind.rawValue,
                finding.description, caseId, ratingId, finding.state.rawValue, finding.eventCount,
            ])
        try FindingRow.insertEvent(event, findingId: db.lastInsertedRowID, db)
        return finding
    }

    /// Applies one action to a finding in one transaction; a refusal writes nothing.
    @discardableResult
    public func apply(
        _ command: FindingCommand, toFinding number: String, actor actorCode: String, at now: Date, rules: DeadlineRules
    ) throws -> Finding {
        try write { db in
            try apply(command, toFinding: number, actor: actorCode, at: now, rules: rules, system: false, db)
        }
    }

    func apply(
        _ command: FindingCommand, toFinding number: String, actor actorCode: String, at now: Date,
        rules: DeadlineRules,
        system: Bool, _ db: Database
    ) throws -> Finding {
        let (id, current) = try findingRow(number, db)
        let actor = try actor(actorCode, db)
        let pastActors = try latestActors(
            of: FindingMachine.rule(for: command.action)?.notBy ?? [], in: "findingEvent", "findingId", id: id, db)
        let (next, decided) = try FindingMachine.decide(
            command, on: current, by: actor, at: now, rules: rules, system: system, pastActors: pastActors)
        var event = decided
        event.recordedAt = try stamp(
            at: now, actor: actor, subject: "finding \(number)", deadlines: [current.deadline], details: &event.details,
            db)
        // The event first: one dated before the finding's latest is refused by name (`StoreError.outOfOrder`).
        try FindingRow.insertEvent(event, findingId: id, db)
        try db.execute(
            sql: """
                UPDATE finding SET state = ?, deadline = ?, assignedAt = ?, rectifiedAt = ?, rectifyNote = ?,
                    verifiedAt = ?, reopenCount = ?, eventCount = ? WHERE id = ?
                """,
            arguments: [
                next.state.rawValue, next.deadline?.epochSeconds, next.assignedAt?.epochSeconds,
                next.rectifiedAt?.epochSeconds, next.rectifyNote, next.verifiedAt?.epochSeconds, next.reopenCount,
                next.eventCount, id,
            ])
        return next
    }

    func findingRow(_ number: String, _ db: Database) throws -> (Int64, Finding) {
        try FindingRow.fetch(number, db)
    }

    public func finding(_ number: String) throws -> Finding {
        try read { db in try findingRow(number, db).1 }
    }

    /// A finding's whole audit trail, oldest first.
    public func findingEvents(of number: String) throws -> [FindingEvent] {
        try read { db in
            try trail("findingEvent", "findingId", try findingRow(number, db).0, db, FindingRow.event(from:))
        }
    }

    /// Findings matching `filter`, newest first (or the soonest deadline first, `soonestDeadlineFirst`).
    public func findings(matching filter: FindingFilter) throws -> [Finding] {
        let conditions = Self.conditions(filter)
        var arguments = conditions.arguments
        arguments += [filter.limit, max(0, filter.offset)]
        let order =
            filter.soonestDeadlineFirst
            ? "f.deadline IS NOT NULL, f.deadline, f.reportedAt, f.id" : "f.reportedAt DESC, f.id DESC"
        return try read { db in
            try Row.fetchAll(
                db, sql: FindingRow.selectSQL + conditions.clause + " ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments: arguments
            ).map(FindingRow.finding(from:))
        }
    }

    /// How many findings match `filter`, whatever its limit.
    public func count(matching filter: FindingFilter) throws -> Int {
        let conditions = Self.conditions(filter)
        return try read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM finding f\(conditions.clause)", arguments: conditions.arguments)!
        }
    }

    static func conditions(_ filter: FindingFilter) -> SQLConditions {
        var conditions = SQLConditions()
        conditions.add("f.state", in: filter.states)
        if let source = filter.source { conditions.add("f.source = ?", source.rawValue) }
        if let kind = filter.kind { conditions.add("f.kind = ?", kind.rawValue) }
        if let department = filter.department { conditions.add("f.department = ?", department) }
        if let window = filter.window { conditions.add("f.window = ?", window) }
        if let at = filter.overdueAt { conditions.add("f.state = 'assigned' AND f.deadline < ?", at.epochSeconds) }
        if let range = filter.reportedIn {
            conditions.add(
                "f.reportedAt >= ? AND f.reportedAt < ?", range.lowerBound.epochSeconds, range.upperBound.epochSeconds)
        }
        return conditions
    }

    /// Assigned findings past their rectification deadline at `instant`, most overdue first: for supervision
    /// letters (DESIGN §4).
    public func overdueFindings(at instant: Date) throws -> [Finding] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: FindingRow.selectSQL
                    + " WHERE f.state = 'assigned' AND f.deadline < ? ORDER BY f.deadline, f.number",
                arguments: [instant.epochSeconds]
            ).map(FindingRow.finding(from:))
        }
    }

    /// Findings reported in `range`, oldest first: for exports.
    public func findingsReported(in range: Range<Date>) throws -> [Finding] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: FindingRow.selectSQL + " WHERE f.reportedAt >= ? AND f.reportedAt < ? ORDER BY f.reportedAt, f.id",
                arguments: [range.lowerBound.epochSeconds, range.upperBound.epochSeconds]
            ).map(FindingRow.finding(from:))
        }
    }
}

/// The `finding` and `findingEvent` tables.
enum FindingRow {
    static let selectSQL =
        "SELECT f.*, c.number AS caseNumber FROM finding f LEFT JOIN windowCase c ON c.id = f.caseId"

    /// The finding `number` with its row id.
    static func fetch(_ number: String, _ db: Database) throws -> (Int64, Finding) {
        guard let row = try Row.fetchOne(db, sql: selectSQL + " WHERE f.number = ?", arguments: [number])
        else { throw HallError.unknownFinding(number) }
        return (row["id"], try finding(from: row))
    }

    static func finding(from row: Row) throws -> Finding {
        guard let source = FindingSource(rawValue: row["source"]), let kind = FindingKind(rawValue: row["kind"]),
            let state = FindingState(rawValue: row["state"])
        else { throw StoreError.storage("finding \(row["number"] as String? ?? "?") cannot be read") }
        let number: String = row["number"]
        let record = "finding \(number)"
        var f = Finding(
            number: number, source: source, reporter: row["reporter"],
            reportedAt: try row.requiredDate("reportedAt", of: record),
            window: row["window"], item: row["item"], department: row["department"], staff: row["staff"], kind: kind,
            description: row["description"], caseNumber: row["caseNumber"])
        f.state = state
        f.deadline = try row.date("deadline", of: record)
        f.assignedAt = try row.date("assignedAt", of: record)
        f.rectifiedAt = try row.date("rectifiedAt", of: record)
        f.rectifyNote = row["rectifyNote"]
        f.verifiedAt = try row.date("verifiedAt", of: record)
        f.reopenCount = try row.count("reopenCount", "reopen count", of: record)
        f.eventCount = try row.eventCount(of: record)
        return f
    }

    /// Writes one event, chained to the finding's previous event (`EventChain`).
    static func insertEvent(_ e: FindingEvent, findingId: Int64, _ db: Database) throws {
        let details = TicketEvent.encodeDetails(e.details)
        let previous = try EventChain.previousHash(.finding, parentId: findingId, sequence: e.sequence, at: e.at, db)
        try db.cachedStatement(
            sql: """
                INSERT INTO findingEvent
                    (findingId, sequence, action, fromState, toState, actor, at, deadline, details, hash, recordedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            findingId, e.sequence, e.action.rawValue, e.from?.rawValue, e.to.rawValue, e.actor, e.at.epochSeconds,
            e.deadline?.epochSeconds, details, EventChain.hash(after: previous, EventChain.fields(e, details: details)),
            e.recordedAt?.epochSeconds,
        ])
    }

    static func event(from row: Row) throws -> FindingEvent {
        guard let action = FindingAction(rawValue: row["action"]), let to = FindingState(rawValue: row["toState"]),
            let details = TicketEvent.decodeDetails(row["details"])
        else { throw StoreError.storage("finding event \(row["id"] as Int64? ?? 0) cannot be read") }
        let record = "finding event \(row["id"] as Int64? ?? 0)"
        var event = FindingEvent(
            sequence: row["sequence"], action: action, from: (row["fromState"] as String?).flatMap(FindingState.init),
            to: to, actor: row["actor"], at: try row.requiredDate("at", of: record),
            deadline: try row.date("deadline", of: record), details: details)
        event.recordedAt = try row.date("recordedAt", of: record)
        return event
    }
}
