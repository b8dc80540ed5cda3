import Foundation
import GRDB
import GovDeskCore

extension GovDeskDatabase {
    /// Logs a new ticket: numbers it by its local intake day, writes the row and its creation event.
    public func createTicket(
        _ intake: Ticket.Intake, actor actorCode: String, at now: Date, localTime: LocalTime
    ) throws -> Ticket {
        let now = Date(epochSeconds: now.epochSeconds)
        return try write { db in
            let actor = try actor(actorCode, db)
            try TicketMachine.authorize(.create, by: actor)
            try TicketMachine.validate(intake)
            let number = try nextNumber(for: localTime.localDate(of: now), db)
            let (ticket, created) = try TicketMachine.create(number: number, intake: intake, by: actor, at: now)
            var event = created
            event.recordedAt = try stamp(
                at: now, actor: actor, subject: "ticket \(number)", deadlines: [], details: &event.details, db)
            try db.cachedStatement(sql: TicketRow.insertSQL).execute(
                arguments: StatementArguments(TicketRow.values(ticket)))
            try TicketEventRow.insert(event, ticketId: db.lastInsertedRowID, db)
            return ticket
        }
    }

    /// `YYYYMMDD-NNNNNN`: the local intake day and a per-day sequence of six digits, so numbers sort by intake time
    /// at any daily volume (`RecordNumber`); the 1,000,000th ticket of a day is refused.
    func nextNumber(for day: LocalDate, _ db: Database) throws -> String {
        let next = try Int.fetchOne(
            db.cachedStatement(
                sql: """
                    INSERT INTO ticketCounter (day, last) VALUES (?, 1)
                    ON CONFLICT (day) DO UPDATE SET last = last + 1
                    RETURNING last
                    """), arguments: [day.compact])!
        guard let number = RecordNumber.make(day: day, sequence: next) else {
            throw StoreError.numbersUsedUp(what: "ticket", day: day.description, maximum: RecordNumber.maximumPerDay)
        }
        return number
    }

    /// Applies one action to a ticket in one transaction; a refusal writes nothing.
    @discardableResult
    public func apply(
        _ command: TicketCommand, to number: String, actor actorCode: String, at now: Date, rules: DeadlineRules
    ) throws -> (ticket: Ticket, event: TicketEvent) {
        // Stored instants are whole seconds; deciding on the same value keeps the result equal to what is stored.
        let now = Date(epochSeconds: now.epochSeconds)
        return try write { db in
            let (id, ticket) = try ticketRow(number, db)
            let actor = try actor(actorCode, db)
            switch command {
            case .dispatch(let lead, let co):
                for code in [lead] + co {
                    let department = try department(code, db)
                    guard department.active else { throw StoreError.inactiveDepartment(code) }
                }
            case .merge(let target, _):
                // The command carries the target's state as this transaction sees it.
                let (_, targetTicket) = try ticketRow(target, db)
                let resolved = TicketCommand.merge(into: target, targetState: targetTicket.state)
                return try commit(resolved, on: ticket, id: id, actor: actor, at: now, rules: rules, db)
            default:
                break
            }
            return try commit(command, on: ticket, id: id, actor: actor, at: now, rules: rules, db)
        }
    }

    private func commit(
        _ command: TicketCommand, on ticket: Ticket, id: Int64, actor: StaffMember, at now: Date, rules: DeadlineRules,
        _ db: Database
    ) throws -> (ticket: Ticket, event: TicketEvent) {
        let pastActors = try latestActors(
            of: TicketMachine.rule(for: command.action)?.notBy ?? [], in: "ticketEvent", "ticketId", id: id, db)
        let (next, decided) = try TicketMachine.decide(
            command, on: ticket, by: actor, at: now, rules: rules, pastActors: pastActors)
        var event = decided
        event.recordedAt = try stamp(
            at: now, actor: actor, subject: "ticket \(ticket.number)",
            deadlines: [ticket.deadline, ticket.signDeadline],
            details: &event.details, db)
        try update(next, db)
        try TicketEventRow.insert(event, ticketId: id, db)
        return (next, event)
    }

    func update(_ ticket: Ticket, _ db: Database) throws {
        var values = TicketRow.values(ticket)
        values.removeFirst()
        values.append(ticket.number)
        try db.cachedStatement(sql: TicketRow.updateSQL).execute(arguments: StatementArguments(values))
    }

    func ticketRow(_ number: String, _ db: Database) throws -> (Int64, Ticket) {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE number = ?", arguments: [number]) else {
            throw TicketError.unknownTicket(number)
        }
        return (row["id"], try TicketRow.ticket(from: row))
    }

    public func ticket(_ number: String) throws -> Ticket {
        try read { db in try ticketRow(number, db).1 }
    }

    /// A ticket's whole audit trail, oldest first.
    public func events(of number: String) throws -> [TicketEvent] {
        try read { db in
            try trail("ticketEvent", "ticketId", try ticketRow(number, db).0, db, TicketEventRow.event(from:))
        }
    }

    /// Tickets matching `filter`, newest first (or oldest, `oldestFirst`), at most `filter.limit`.
    public func tickets(matching filter: TicketFilter) throws -> [Ticket] {
        let conditions = Self.conditions(filter)
        let order = filter.oldestFirst ? "createdAt, id" : "createdAt DESC, id DESC"
        let sql = "SELECT * FROM ticket\(conditions.clause) ORDER BY \(order) LIMIT ?"
        var arguments = conditions.arguments
        arguments += [filter.limit]
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(TicketRow.ticket(from:))
        }
    }

    /// How many tickets match `filter`, whatever its limit: lists say how many they did not show.
    public func count(matching filter: TicketFilter) throws -> Int {
        let conditions = Self.conditions(filter)
        return try read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM ticket\(conditions.clause)", arguments: conditions.arguments)!
        }
    }

    static func conditions(_ filter: TicketFilter) -> SQLConditions {
        var conditions = SQLConditions()
        conditions.add("state", in: filter.states)
        if let department = filter.department {
            // instr, not LIKE: codes are case-sensitive and LIKE ignores ASCII case.
            conditions.add(
                "(leadDepartment = ? OR instr(',' || coDepartments || ',', ?) > 0)", department, ",\(department),")
        }
        if let lead = filter.lead { conditions.add("leadDepartment = ?", lead) }
        if let type = filter.type { conditions.add("type = ?", type.rawValue) }
        if let topic = filter.topic {
            let under = topic + "/"
            conditions.add("(topic = ? OR substr(topic, 1, ?) = ?)", topic, under.count, under)
        }
        let openStates = "state IN ('received', 'dispatched', 'handling', 'replied')"
        if let instant = filter.overdueAt {
            conditions.add(
                "\(openStates) AND deadline < ? AND (repliedAt IS NULL OR repliedAt > deadline)", instant.epochSeconds)
        }
        if let instant = filter.signOverdueAt {
            conditions.add("state = 'dispatched' AND signDeadline < ?", instant.epochSeconds)
        }
        if filter.extensionPending { conditions.add("state = 'handling' AND pendingExtensionDays IS NOT NULL") }
        if let range = filter.dueBetween {
            conditions.add(
                "\(openStates) AND repliedAt IS NULL AND deadline BETWEEN ? AND ?", range.lowerBound.epochSeconds,
                range.upperBound.epochSeconds)
        }
        if let from = filter.createdFrom { conditions.add("createdAt >= ?", from.epochSeconds) }
        if let before = filter.createdBefore { conditions.add("createdAt < ?", before.epochSeconds) }
        return conditions
    }
}
