import Foundation
import GRDB
import GovDeskCore

extension GovDeskDatabase {
    /// The calendar years an administrator added (`calendar add`); each replaces a built-in year of the same number.
    public func calendarYears() throws -> [CalendarYear] {
        try read { db in try storedCalendarYears(db) }
    }

    /// The numbers of the years an administrator added.
    public func calendarYearNumbers() throws -> [Int] {
        try read { db in try Int.fetchAll(db, sql: "SELECT year FROM calendarYear ORDER BY year") }
    }

    func storedCalendarYears(_ db: Database) throws -> [CalendarYear] {
        // A database made before v8 has no such table; it is migrated on opening, but a read-only look must not fail.
        try Row.fetchAll(db, sql: "SELECT year, days FROM calendarYear ORDER BY year").map { row in
            let json: String = row["days"]
            do {
                return try JSONDecoder().decode(CalendarYear.self, from: Data(json.utf8))
            } catch {
                throw StoreError.storage("the stored calendar of \(row["year"] as Int64) cannot be read")
            }
        }
    }

    /// Stores `data` as its year's calendar, in place of one stored before.
    func insertCalendarYear(_ data: CalendarYear, source: String, actor: String, at now: Date, _ db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(data), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO calendarYear (year, notice, days, source, addedAt, addedBy) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (year) DO UPDATE SET notice = excluded.notice, days = excluded.days,
                    source = excluded.source, addedAt = excluded.addedAt, addedBy = excluded.addedBy
                """,
            arguments: [data.year, data.notice, json, source, now.epochSeconds, actor])
    }

    /// What `calendar add` did.
    public struct CalendarAddition: Sendable {
        public var year: Int
        /// An existing year was replaced (`--replace`).
        public var replaced: Bool
        /// Every deadline that moved, tickets first, then cases and findings, each by number.
        public var changes: [DeadlineRecomputation.Change]
    }

    /// Adds (or, with `replace`, replaces) a year of the working-day calendar and, in the same transaction,
    /// recomputes the provisional deadlines of open tickets, window cases and rectifications with it (DESIGN §3).
    ///
    /// `rules` count with the calendar the caller has loaded (the built-in years); the years stored in the database
    /// are laid over it here, inside the transaction, so that two administrators adding years at once both count.
    public func addCalendarYear(
        _ data: CalendarYear, replace: Bool, source: String, rules: DeadlineRules, actor actorCode: String,
        at now: Date
    ) throws -> CalendarAddition {
        try data.validate(newNotice: true)
        let now = Date(epochSeconds: now.epochSeconds)
        return try write { db in
            let actor = try actor(actorCode, db)
            try Permission.addCalendar.authorize(actor)
            // The recomputed deadlines take effect now: never in a closed month (DESIGN §11.2).
            try requireOpen(at: now, subject: "calendar year \(data.year) and its recomputation of deadlines", db)
            var calendar = rules.calendar
            for year in try storedCalendarYears(db) { calendar = try calendar.adding(year) }
            let existing = calendar.years[data.year]
            if let existing, !replace { throw CalendarError.yearExists(year: data.year, notice: existing.notice) }
            calendar = try calendar.adding(data)
            try insertCalendarYear(data, source: source, actor: actor.code, at: now, db)
            let counted = DeadlineRules(calendar: calendar, limits: rules.limits)
            let changes = try recomputeDeadlines(year: data.year, rules: counted, requestedBy: actor.code, at: now, db)
            var details = [
                "year": String(data.year), "notice": data.notice, "source": source,
                "holidays": String(data.holidays.count), "makeUpWorkdays": String(data.makeUpWorkdays.count),
                "recomputed": String(changes.count),
            ]
            if let existing { details["previousNotice"] = existing.notice }
            try recordAudit(
                actor: actor.code, action: existing == nil ? "calendar-add" : "calendar-replace", details: details,
                at: now, db)
            return CalendarAddition(year: data.year, replaced: existing != nil, changes: changes)
        }
    }

    /// Recomputes every open deadline that ends after the start of `year` (those counted across it) with `rules`.
    /// The events are the system's (DESIGN §11.1); each names the administrator whose calendar brought it.
    private func recomputeDeadlines(
        year: Int, rules: DeadlineRules, requestedBy: String, at now: Date, _ db: Database
    ) throws -> [DeadlineRecomputation.Change] {
        let actor = Codes.systemActor
        let since = rules.calendar.startOfDay(LocalDate(year: year, month: 1, day: 1)).epochSeconds
        var changes: [DeadlineRecomputation.Change] = []
        let tickets = try String.fetchAll(
            db,
            sql: """
                SELECT number FROM ticket
                WHERE state IN ('dispatched', 'handling', 'replied') AND urgency = 'normal' AND deadline > ?
                ORDER BY number
                """, arguments: [since])
        for number in tickets {
            let (id, ticket) = try ticketRow(number, db)
            let events = try trail("ticketEvent", "ticketId", id, db, TicketEventRow.event(from:))
            guard
                let (next, recomputed) = try DeadlineRecomputation.recompute(
                    ticket, events: events, rules: rules, year: year, actor: actor, at: now)
            else { continue }
            var event = recomputed
            event.recordedAt = recordingTime(for: now)
            event.details["requestedBy"] = requestedBy
            try update(next, db)
            try TicketEventRow.insert(event, ticketId: id, db)
            changes.append(
                .init(subject: .ticket, number: number, previous: ticket.deadline!, deadline: next.deadline!))
        }
        let cases = try String.fetchAll(
            db, sql: "SELECT number FROM windowCase WHERE state = 'open' AND due > ? ORDER BY number",
            arguments: [since])
        for number in cases {
            let (id, c) = try caseRow(number, db)
            let events = try trail("caseEvent", "caseId", id, db, CaseRow.event(from:))
            guard
                let (next, recomputed) = try DeadlineRecomputation.recompute(
                    c, events: events, rules: rules, year: year, actor: actor, at: now)
            else { continue }
            var event = recomputed
            event.recordedAt = recordingTime(for: now)
            event.details["requestedBy"] = requestedBy
            try db.execute(
                sql: "UPDATE windowCase SET due = ?, eventCount = ? WHERE id = ?",
                arguments: [next.due.epochSeconds, next.eventCount, id])
            try CaseRow.insertEvent(event, caseId: id, db)
            changes.append(.init(subject: .windowCase, number: number, previous: c.due, deadline: next.due))
        }
        let findings = try String.fetchAll(
            db, sql: "SELECT number FROM finding WHERE state = 'assigned' AND deadline > ? ORDER BY number",
            arguments: [since])
        for number in findings {
            let (id, f) = try findingRow(number, db)
            let events = try trail("findingEvent", "findingId", id, db, FindingRow.event(from:))
            guard
                let (next, recomputed) = try DeadlineRecomputation.recompute(
                    f, events: events, rules: rules, year: year, actor: actor, at: now)
            else { continue }
            var event = recomputed
            event.recordedAt = recordingTime(for: now)
            event.details["requestedBy"] = requestedBy
            try db.execute(
                sql: "UPDATE finding SET deadline = ?, eventCount = ? WHERE id = ?",
                arguments: [next.deadline?.epochSeconds, next.eventCount, id])
            try FindingRow.insertEvent(event, findingId: id, db)
            changes.append(.init(subject: .finding, number: number, previous: f.deadline!, deadline: next.deadline!))
        }
        return changes
    }
}
