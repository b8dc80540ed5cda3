import Foundation
import GRDB
import GovDeskCore

/// What `case list` asks for; every field narrows the list.
public struct CaseFilter: Equatable, Sendable {
    public var window: String?
    /// Only these windows (none: no case); nil for every window.
    public var windows: [String]?
    public var staff: String?
    public var states: [CaseState] = []
    /// Only open cases past their due time at this instant (限时办结).
    public var overdueAt: Date?
    public var receivedIn: Range<Date>?
    public var limit = 200
    /// How many of the matching cases, in the list's order, to pass over first (a list's later pages).
    public var offset = 0
    /// The soonest committed deadline first (the service's lists of open cases), instead of the newest first.
    public var soonestDueFirst = false

    public init() {}
}

/// A rating as stored, for reports and exports.
public struct RatingRecord: Equatable, Sendable {
    public var caseNumber: String
    public var window: String
    public var item: String
    public var staff: String
    public var score: Int
    public var comment: String?
    public var ratedAt: Date
    public var recordedBy: String
    /// The finding a 差评 opened.
    public var finding: String?
}

// MARK: - Window cases (DESIGN §5.2) and ratings (§5.3)

extension GovDeskDatabase {
    /// Logs a new case at `window` for `item`; the actor is its first-responsible staff (首问负责).
    public func createCase(
        item itemCode: String, window windowCode: String, applicantName: String, applicantPhone: String,
        actor actorCode: String, at now: Date, rules: DeadlineRules
    ) throws -> WindowCase {
        try write { db in
            try createCase(
                item: itemCode, window: windowCode, applicantName: applicantName, applicantPhone: applicantPhone,
                actor: actorCode, at: now, rules: rules, db)
        }
    }

    func createCase(
        item itemCode: String, window windowCode: String, applicantName: String, applicantPhone: String,
        actor actorCode: String, at now: Date, rules: DeadlineRules, _ db: Database
    ) throws -> WindowCase {
        let actor = try actor(actorCode, db)
        let window = try window(windowCode, db)
        let item = try item(itemCode, db)
        guard window.active else { throw HallError.inactive(what: StoreText.window.phrase, code: window.code) }
        guard item.active else { throw HallError.inactive(what: StoreText.serviceItem.phrase, code: item.code) }
        let number = try nextHallNumber(
            series: "case", prefix: "BJ", day: rules.calendar.localDate(of: now), db)
        let (c, received) = try CaseMachine.receive(
            number: number, item: item, window: window.code, applicantName: applicantName,
            applicantPhone: applicantPhone, by: actor, actorWindows: try windows(of: actor.code, db), at: now,
            rules: rules)
        var event = received
        event.recordedAt = try stamp(
            at: now, actor: actor, subject: "case \(number)", deadlines: [], details: &event.details, db)
        try db.cachedStatement(sql: CaseRow.insertSQL).execute(arguments: StatementArguments(CaseRow.values(c)))
        try CaseRow.insertEvent(event, caseId: db.lastInsertedRowID, db)
        return c
    }

    /// Applies one action to a case in one transaction. A rating of 1 or 2 also opens a rectification finding
    /// (source rating) assigned to the window's department, due in 15 working days, linked to the rating.
    @discardableResult
    public func apply(
        _ command: CaseCommand, toCase number: String, actor actorCode: String, at now: Date, rules: DeadlineRules,
        badRatingKind: FindingKind = .other
    ) throws -> (case: WindowCase, event: CaseEvent, finding: Finding?) {
        try write { db in
            try apply(
                command, toCase: number, actor: actorCode, at: now, rules: rules, badRatingKind: badRatingKind, db)
        }
    }

    func apply(
        _ command: CaseCommand, toCase number: String, actor actorCode: String, at now: Date, rules: DeadlineRules,
        badRatingKind: FindingKind, _ db: Database
    ) throws -> (case: WindowCase, event: CaseEvent, finding: Finding?) {
        let (id, current) = try caseRow(number, db)
        let actor = try actor(actorCode, db)
        let pastActors = try latestActors(
            of: CaseMachine.rule(for: command.action)?.notBy ?? [], in: "caseEvent", "caseId", id: id, db)
        var lastMaterials: String?
        if case .requestMaterials = command {
            let details = try String.fetchOne(
                db,
                sql: """
                    SELECT details FROM caseEvent WHERE caseId = ? AND action = ? ORDER BY sequence DESC LIMIT 1
                    """, arguments: [id, CaseAction.requestMaterials.rawValue])
            lastMaterials = details.flatMap(TicketEvent.decodeDetails)?["materials"]
        }
        let (next, decided) = try CaseMachine.decide(
            command, on: current, by: actor, actorWindows: try windows(of: actor.code, db), at: now,
            pastActors: pastActors, lastMaterials: lastMaterials)
        var event = decided
        event.recordedAt = try stamp(
            at: now, actor: actor, subject: "case \(number)", deadlines: [current.due], details: &event.details, db)
        // The event first: one dated before the case's latest is refused by name (`StoreError.outOfOrder`), before
        // the row's own constraints would refuse it as a storage failure.
        try CaseRow.insertEvent(event, caseId: id, db)
        try db.cachedStatement(sql: CaseRow.updateSQL).execute(arguments: CaseRow.updateArguments(next))
        guard case .rate(let score, let comment) = command else { return (next, event, nil) }
        try db.execute(
            sql: "INSERT INTO rating (caseId, score, comment, ratedAt, recordedBy) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, score, event.details["comment"] ?? comment.flatMap(nonBlank), now.epochSeconds, actor.code])
        let ratingId = db.lastInsertedRowID
        guard let level = RatingLevel(rawValue: score), level.isBad else { return (next, event, nil) }
        let window = try window(next.window, db)
        let description =
            "差评（\(score) 分，\(level.chineseLabel)）：办件 \(next.number)"
            + (event.details["comment"].map { "，评价内容：\($0)" } ?? "")
        let draft = Finding(
            number: "", source: .rating, reporter: nil, reportedAt: now, window: next.window, item: next.item,
            department: window.department, staff: next.firstResponsible, kind: badRatingKind,
            description: description, caseNumber: next.number)
        var finding = try createFinding(
            draft, actor: actor, system: true, ratingId: ratingId, caseId: id,
            day: rules.calendar.localDate(of: now), db)
        finding = try apply(
            .assign(days: FindingMachine.defaultRectificationDays, note: "差评自动交办"), toFinding: finding.number,
            actor: actor.code, at: now, rules: rules, system: true, db)
        return (next, event, finding)
    }

    func caseRow(_ number: String, _ db: Database) throws -> (Int64, WindowCase) {
        try CaseRow.fetch(number, db)
    }

    public func windowCase(_ number: String) throws -> WindowCase {
        try read { db in try caseRow(number, db).1 }
    }

    /// A case's whole audit trail, oldest first.
    public func caseEvents(of number: String) throws -> [CaseEvent] {
        try read { db in
            try trail("caseEvent", "caseId", try caseRow(number, db).0, db, CaseRow.event(from:))
        }
    }

    /// Cases matching `filter`, newest first (or the soonest due first, `soonestDueFirst`).
    public func cases(matching filter: CaseFilter) throws -> [WindowCase] {
        let conditions = Self.conditions(filter)
        var arguments = conditions.arguments
        arguments += [filter.limit, max(0, filter.offset)]
        let order = filter.soonestDueFirst ? "due, id" : "receivedAt DESC, id DESC"
        return try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM windowCase\(conditions.clause) ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments: arguments
            ).map(CaseRow.windowCase(from:))
        }
    }

    /// How many cases match `filter`, whatever its limit.
    public func count(matching filter: CaseFilter) throws -> Int {
        let conditions = Self.conditions(filter)
        return try read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM windowCase\(conditions.clause)", arguments: conditions.arguments)!
        }
    }

    static func conditions(_ filter: CaseFilter) -> SQLConditions {
        var conditions = SQLConditions()
        if let window = filter.window { conditions.add("window = ?", window) }
        if let windows = filter.windows { conditions.add("window", anyOf: windows) }
        if let staff = filter.staff { conditions.add("firstResponsible = ?", staff) }
        conditions.add("state", in: filter.states)
        if let at = filter.overdueAt { conditions.add("state = 'open' AND due < ?", at.epochSeconds) }
        if let range = filter.receivedIn {
            conditions.add(
                "receivedAt >= ? AND receivedAt < ?", range.lowerBound.epochSeconds, range.upperBound.epochSeconds)
        }
        return conditions
    }

    /// Open cases past their due time at `instant`, most overdue first: for supervision letters (限时办结).
    public func overdueCases(at instant: Date) throws -> [WindowCase] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM windowCase WHERE state = 'open' AND due < ? ORDER BY due, number",
                arguments: [instant.epochSeconds]
            ).map(CaseRow.windowCase(from:))
        }
    }

    /// Cases received in `range`, oldest first: for exports.
    public func casesReceived(in range: Range<Date>) throws -> [WindowCase] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM windowCase WHERE receivedAt >= ? AND receivedAt < ? ORDER BY receivedAt, id",
                arguments: [range.lowerBound.epochSeconds, range.upperBound.epochSeconds]
            ).map(CaseRow.windowCase(from:))
        }
    }

    /// Ratings given in `range`, oldest first: for exports and reports.
    public func ratings(in range: Range<Date>) throws -> [RatingRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.number, c.window, c.item, c.firstResponsible, r.score, r.comment, r.ratedAt, r.recordedBy,
                           f.number AS finding
                    FROM rating r JOIN windowCase c ON c.id = r.caseId LEFT JOIN finding f ON f.ratingId = r.id
                    WHERE r.ratedAt >= ? AND r.ratedAt < ? ORDER BY r.ratedAt, r.id
                    """, arguments: [range.lowerBound.epochSeconds, range.upperBound.epochSeconds]
            ).map { row in
                RatingRecord(
                    caseNumber: row["number"], window: row["window"], item: row["item"], staff: row["firstResponsible"],
                    score: row["score"], comment: row["comment"],
                    ratedAt: try row.requiredDate("ratedAt", of: "the rating of case \(row["number"] as String)"),
                    recordedBy: row["recordedBy"], finding: row["finding"])
            }
        }
    }

    /// The finding a case's 差评 opened, if any.
    public func ratingFinding(ofCase number: String) throws -> String? {
        try read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT f.number FROM finding f JOIN rating r ON r.id = f.ratingId JOIN windowCase c ON c.id = r.caseId
                    WHERE c.number = ?
                    """, arguments: [number])
        }
    }
}

private func nonBlank(_ text: String) -> String? {
    let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return t.isEmpty ? nil : t
}

/// The `windowCase` and `caseEvent` tables.
enum CaseRow {
    static let columns = [
        "number", "item", "window", "firstResponsible", "applicantName", "applicantPhone", "receivedAt", "due", "state",
        "finishedAt", "refusalReason", "visits", "materialRequests", "breaches", "rating", "eventCount",
    ]

    static func values(_ c: WindowCase) -> [(any DatabaseValueConvertible)?] {
        [
            c.number, c.item, c.window, c.firstResponsible, c.applicantName, c.applicantPhone,
            c.receivedAt.epochSeconds,
            c.due.epochSeconds, c.state.rawValue, c.finishedAt?.epochSeconds, c.refusalReason, c.visits,
            c.materialRequests, c.breaches, c.rating, c.eventCount,
        ]
    }

    static let insertSQL =
        "INSERT INTO windowCase (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"

    /// Only the columns an action may change: the first-responsible staff, item, window and times stay.
    static let updateSQL = """
        UPDATE windowCase SET state = ?, finishedAt = ?, refusalReason = ?, visits = ?, materialRequests = ?,
            breaches = ?, rating = ?, eventCount = ? WHERE number = ?
        """

    static func updateArguments(_ c: WindowCase) -> StatementArguments {
        [
            c.state.rawValue, c.finishedAt?.epochSeconds, c.refusalReason, c.visits, c.materialRequests, c.breaches,
            c.rating, c.eventCount, c.number,
        ]
    }

    /// The case `number` with its row id.
    static func fetch(_ number: String, _ db: Database) throws -> (Int64, WindowCase) {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM windowCase WHERE number = ?", arguments: [number])
        else {
            throw HallError.unknownCase(number)
        }
        return (row["id"], try windowCase(from: row))
    }

    static func windowCase(from row: Row) throws -> WindowCase {
        let stateText: String = row["state"]
        guard let state = CaseState(rawValue: stateText) else {
            throw StoreError.storage("case \(row["number"] as String? ?? "?"): bad state '\(stateText)'")
        }
        let number: String = row["number"]
        let record = "case \(number)"
        var c = WindowCase(
            number: number, item: row["item"], window: row["window"], firstResponsible: row["firstResponsible"],
            applicantName: row["applicantName"], applicantPhone: row["applicantPhone"],
            receivedAt: try row.requiredDate("receivedAt", of: record), due: try row.requiredDate("due", of: record))
        c.state = state
        c.finishedAt = try row.date("finishedAt", of: record)
        c.refusalReason = row["refusalReason"]
        c.visits = try row.count("visits", "visit count", of: record)
        c.materialRequests = try row.count("materialRequests", "materials request count", of: record)
        c.breaches = try row.count("breaches", "breach count", of: record)
        c.rating = row["rating"]
        c.eventCount = try row.eventCount(of: record)
        return c
    }

    static let insertEventSQL = """
        INSERT INTO caseEvent
            (caseId, sequence, action, fromState, toState, actor, at, breach, visits, details, hash, recordedAt)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Writes one event, chained to the case's previous event (`EventChain`).
    static func insertEvent(_ e: CaseEvent, caseId: Int64, _ db: Database) throws {
        let details = TicketEvent.encodeDetails(e.details)
        let previous = try EventChain.previousHash(.windowCase, parentId: caseId, sequence: e.sequence, at: e.at, db)
        try db.cachedStatement(sql: insertEventSQL).execute(arguments: [
            caseId, e.sequence, e.action.rawValue, e.from?.rawValue, e.to.rawValue, e.actor, e.at.epochSeconds,
            e.breach, e.visits, details, EventChain.hash(after: previous, EventChain.fields(e, details: details)),
            e.recordedAt?.epochSeconds,
        ])
    }

    static func event(from row: Row) throws -> CaseEvent {
        let actionText: String = row["action"]
        let toText: String = row["toState"]
        guard let action = CaseAction(rawValue: actionText), let to = CaseState(rawValue: toText),
            let details = TicketEvent.decodeDetails(row["details"])
        else { throw StoreError.storage("case event \(row["id"] as Int64? ?? 0) cannot be read") }
        let record = "case event \(row["id"] as Int64? ?? 0)"
        var event = CaseEvent(
            sequence: row["sequence"], action: action, from: (row["fromState"] as String?).flatMap(CaseState.init),
            to: to, actor: row["actor"], at: try row.requiredDate("at", of: record), breach: row["breach"],
            visits: row["visits"], details: details)
        event.recordedAt = try row.date("recordedAt", of: record)
        return event
    }
}
