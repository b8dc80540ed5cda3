import Foundation
import GRDB
import GovDeskCore

/// Where supervision letters find their subjects: open items with a running clock.
///
/// Tickets, window cases (限时办结, DESIGN §5.2) and findings under rectification (§5.4) are the sources; each is
/// listed in `GovDeskDatabase.letterSources`, and `issueLetters` scans, numbers and records them alike.
protocol LetterSubjectSource: Sendable {
    /// The `subjectKind` of the candidates it returns.
    var subjectKind: LetterSubjectKind { get }
    /// Open items whose clock is running at `now`.
    func candidates(at now: Date, _ db: Database) throws -> [LetterCandidate]
    /// Records on the item's own trail that `letter` named it, in the issuing transaction.
    func record(_ letter: SupervisionLetter, item: LetterCandidate, recordedAt: Date, _ db: Database) throws
}

/// Tickets as letter subjects: dispatched ones against the sign-for clock, handling ones against the deadline.
struct TicketLetterSource: LetterSubjectSource {
    var subjectKind: LetterSubjectKind { .ticket }

    func candidates(at now: Date, _ db: Database) throws -> [LetterCandidate] {
        // The handling clock restarts at a reopen, so its start is the latest sign or reopen.
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT t.number, t.state, t.topic, t.leadDepartment, t.dispatchedAt, t.signDeadline, t.signedAt,
                    t.deadline,
                    (SELECT max(e.at) FROM ticketEvent e
                     WHERE e.ticketId = t.id AND e.action IN ('sign', 'reopen')) AS clockStart
                FROM ticket t
                WHERE t.state IN ('dispatched', 'handling') AND t.leadDepartment IS NOT NULL
                ORDER BY t.number
                """)
        return try rows.compactMap { row -> LetterCandidate? in
            let state: String = row["state"]
            let number: String = row["number"]
            let record = "ticket \(number)"
            let department: String = row["leadDepartment"]
            let topic: String = row["topic"]
            if state == TicketState.dispatched.rawValue {
                guard let start = try row.date("dispatchedAt", of: record),
                    let deadline = try row.date("signDeadline", of: record)
                else { return nil }
                return LetterCandidate(
                    subjectKind: subjectKind, reference: number, department: department, title: topic, clock: .sign,
                    clockStart: start, deadline: deadline)
            }
            guard let deadline = try row.date("deadline", of: record),
                let start = try row.date("clockStart", of: record) ?? row.date("signedAt", of: record)
            else { return nil }
            return LetterCandidate(
                subjectKind: subjectKind, reference: number, department: department, title: topic, clock: .handling,
                clockStart: start, deadline: deadline)
        }
    }

    func record(_ letter: SupervisionLetter, item: LetterCandidate, recordedAt: Date, _ db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE number = ?", arguments: [item.reference])
        else { throw TicketError.unknownTicket(item.reference) }
        var ticket = try TicketRow.ticket(from: row)
        var event = try letter.event(for: ticket, item: item)
        event.recordedAt = recordedAt
        try ticket.apply(event)
        var values = TicketRow.values(ticket)
        values.removeFirst()
        values.append(ticket.number)
        try db.cachedStatement(sql: TicketRow.updateSQL).execute(arguments: StatementArguments(values))
        try TicketEventRow.insert(event, ticketId: row["id"], db)
    }
}

/// What `letters list` asks for.
public struct LetterFilter: Equatable, Sendable {
    /// At most this many, the latest; nil for all.
    public var limit: Int?
    /// With `limit`: how many of the newest matching letters to pass over first (a list's later pages).
    public var offset = 0
    public var issuedFrom: Date?
    /// Exclusive.
    public var issuedBefore: Date?
    public var kind: LetterKind?
    public var department: String?

    public init() {}
}

extension GovDeskDatabase {
    /// The sources `issueLetters` scans.
    static let letterSources: [any LetterSubjectSource] = [
        TicketLetterSource(), CaseLetterSource(), FindingLetterSource(),
    ]

    /// Scans open items at `now` and issues the letters due (DESIGN §4), in one transaction: one letter per
    /// department and kind, each item named once per (kind, deadline in force).
    public func issueLetters(
        actor actorCode: String, at now: Date, settings: GovDeskConfiguration.Letters, localTime: LocalTime,
        calendarYears: Set<Int>? = nil
    ) throws -> [SupervisionLetter] {
        try write { db in
            let member = try actor(actorCode, db)
            try LetterRules.authorize(member)
            var due: [(LetterCandidate, LetterKind)] = []
            for source in Self.letterSources {
                for candidate in try source.candidates(at: now, db) {
                    guard let kind = LetterRules.due(candidate, at: now, reminderShare: settings.reminderShare),
                        try !letterIssued(candidate.key(kind), db)
                    else { continue }
                    due.append((candidate, kind))
                }
            }
            if due.isEmpty { return [] }
            try requireOpen(at: now, subject: "letters", db)
            let names = Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT code, name FROM department").map {
                    ($0["code"] as String, $0["name"] as String)
                })
            var renderer = LetterRenderer(
                issuer: try letterIssuer(db), reminderShare: settings.reminderShare, localTime: localTime,
                calendarYears: calendarYears)
            if kind == .training { renderer.trainingNote = LetterRenderer.trainingNoteText }
            let year = localTime.localDate(of: now).year
            var letters: [SupervisionLetter] = []
            for group in LetterRules.group(due) {
                let last =
                    try Int.fetchOne(
                        db, sql: "SELECT max(sequence) FROM letter WHERE kind = ? AND year = ?",
                        arguments: [group.kind.rawValue, year]) ?? 0
                // A letter number changed outside GovDesk to Int64.max would otherwise trap here.
                let sequence = try StoredCount.incremented(
                    last, "last letter number", of: "the \(group.kind.rawValue) letters of \(year)")
                let prefix = group.kind == .reminder ? settings.reminderPrefix : settings.warningPrefix
                let number = LetterRules.number(prefix: prefix, year: year, sequence: sequence)
                let departmentName = names[group.department] ?? group.department
                let letter = SupervisionLetter(
                    number: number, kind: group.kind, year: year, sequence: sequence,
                    department: group.department, departmentName: departmentName, issuedAt: now,
                    issuedBy: member.code, items: group.items,
                    text: renderer.markdown(
                        kind: group.kind, number: number, departmentName: departmentName, issuedAt: now,
                        items: group.items))
                try insertLetter(letter, db)
                for item in group.items {
                    guard let source = Self.letterSources.first(where: { $0.subjectKind == item.subjectKind }) else {
                        continue
                    }
                    try source.record(letter, item: item, recordedAt: recordingTime(for: now), db)
                }
                letters.append(letter)
            }
            return letters
        }
    }

    func letterIssued(_ key: LetterKey, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: "SELECT 1 FROM letterItem WHERE subjectKind = ? AND reference = ? AND kind = ? AND deadline = ?",
            arguments: [key.subjectKind.rawValue, key.reference, key.kind.rawValue, Int64(key.deadline) ?? 0]) ?? false
    }

    /// The sender named under a letter: the hotline centre.
    func letterIssuer(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT name FROM department WHERE kind = 'centre' ORDER BY code LIMIT 1")
            ?? "12345政务服务便民热线"
    }

    /// Writes a letter and its items through cached statements (also the demo generator's bulk path).
    func insertLetter(_ letter: SupervisionLetter, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO letter (number, kind, year, sequence, department, issuedAt, issuedBy, itemCount, text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            letter.number, letter.kind.rawValue, letter.year, letter.sequence, letter.department,
            letter.issuedAt.epochSeconds, letter.issuedBy, letter.items.count, letter.text,
        ])
        let letterId = db.lastInsertedRowID
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO letterItem (letterId, subjectKind, reference, kind, clock, title, detail, clockStart,
                    deadline)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for item in letter.items {
            try statement.execute(arguments: [
                letterId, item.subjectKind.rawValue, item.reference, letter.kind.rawValue, item.clock.rawValue,
                item.title, item.detail, item.clockStart.epochSeconds, item.deadline.epochSeconds,
            ])
        }
    }

    /// Letters matching `filter`, in order of issue; with a limit, the latest that many.
    public func letters(matching filter: LetterFilter) throws -> [SupervisionLetter] {
        let conditions = Self.conditions(filter)
        var arguments = conditions.arguments
        var sql = "SELECT * FROM letter\(conditions.clause) ORDER BY issuedAt, id"
        if let limit = filter.limit {
            sql =
                "SELECT * FROM (SELECT * FROM letter\(conditions.clause) ORDER BY issuedAt DESC, id DESC "
                + "LIMIT ? OFFSET ?) ORDER BY issuedAt, id"
            arguments += [limit, max(0, filter.offset)]
        }
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { try letter(from: $0, db) }
        }
    }

    /// How many letters match `filter`, whatever its limit.
    public func count(matching filter: LetterFilter) throws -> Int {
        let conditions = Self.conditions(filter)
        return try read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM letter\(conditions.clause)", arguments: conditions.arguments)!
        }
    }

    static func conditions(_ filter: LetterFilter) -> SQLConditions {
        var conditions = SQLConditions()
        if let from = filter.issuedFrom { conditions.add("issuedAt >= ?", from.epochSeconds) }
        if let before = filter.issuedBefore { conditions.add("issuedAt < ?", before.epochSeconds) }
        if let kind = filter.kind { conditions.add("kind = ?", kind.rawValue) }
        if let department = filter.department { conditions.add("department = ?", department) }
        return conditions
    }

    /// One letter by its number.
    public func letter(_ number: String) throws -> SupervisionLetter {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM letter WHERE number = ?", arguments: [number])
            else { throw LetterError.unknownLetter(number) }
            return try letter(from: row, db)
        }
    }

    /// How many letters there are, by kind.
    public func letterCounts() throws -> [LetterKind: Int] {
        try read { db in
            var counts: [LetterKind: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, count(*) AS n FROM letter GROUP BY kind") {
                if let kind = LetterKind(rawValue: row["kind"]) { counts[kind] = row["n"] }
            }
            return counts
        }
    }

    private func letter(from row: Row, _ db: Database) throws -> SupervisionLetter {
        let id: Int64 = row["id"]
        let department: String = row["department"]
        let record = "letter \(row["number"] as String)"
        let items = try Row.fetchAll(
            db, sql: "SELECT * FROM letterItem WHERE letterId = ? ORDER BY id", arguments: [id]
        ).map { item in
            try LetterCandidate(
                subjectKind: LetterSubjectKind(rawValue: item["subjectKind"]) ?? .ticket, reference: item["reference"],
                department: department, title: item["title"], detail: item["detail"],
                clock: LetterClock(rawValue: item["clock"]) ?? .handling,
                clockStart: try item.requiredDate("clockStart", of: record),
                deadline: try item.requiredDate("deadline", of: record))
        }
        let name = try String.fetchOne(db, sql: "SELECT name FROM department WHERE code = ?", arguments: [department])
        return SupervisionLetter(
            number: row["number"], kind: LetterKind(rawValue: row["kind"]) ?? .reminder, year: row["year"],
            sequence: row["sequence"], department: department, departmentName: name ?? department,
            issuedAt: try row.requiredDate("issuedAt", of: record), issuedBy: row["issuedBy"], items: items,
            text: row["text"])
    }
}
