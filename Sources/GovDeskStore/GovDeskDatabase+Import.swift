import Foundation
import GRDB
import GovDeskCore

/// What an import did (or, in a dry run, would do).
public struct ImportSummary: Equatable, Sendable {
    /// Data rows read.
    public var rows: Int
    /// Tickets created.
    public var new: Int
    /// Rows whose (source system, source id) was imported before: skipped.
    public var existing: Int
    public var dryRun: Bool
}

extension GovDeskDatabase {
    /// Department codes and names, lower-cased, to their codes: how import mappings name departments.
    public func departmentDirectory() throws -> [String: String] {
        var directory: [String: String] = [:]
        for department in try departments() {
            directory[department.name.lowercased()] = department.code
            directory[department.code.lowercased()] = department.code
        }
        return directory
    }

    /// Refuses an actor who may not import: an operator, dispatcher, supervisor or admin may.
    public func authorizeImport(actor code: String) throws {
        let member = try read { db in try actor(code, db) }
        guard !member.roles.isDisjoint(with: [.operator, .dispatcher, .supervisor, .admin]) else {
            throw ImportError.actorDenied(actor: code)
        }
    }

    /// Writes imported tickets in one transaction: each gets a number by its local creation day, its events and its
    /// row; rows imported before are skipped. Any error (a bad row from `next`, a duplicate source id), or `dryRun`,
    /// rolls everything back, so rows are checked as they are written, in one pass over the file.
    ///
    /// - Parameters:
    ///   - next: yields checked rows, or throws for the first bad one; called inside the transaction, so the file is
    ///     streamed, never held.
    ///   - expectedRows: about how many rows `next` will yield (an estimate is enough). An import of at least 20,000
    ///     rows that is larger than the tickets already there drops the plain ticket and event indexes and builds
    ///     them again at the end, as `bulkInsert` does.
    public func importTickets(
        _ next: () throws -> ImportedTicket?, expectedRows: Int = 0, file: String, sourceIdColumn: String,
        actor code: String, at now: Date, numberingZone: TimeZone, dryRun: Bool, audit: [String: String]
    ) throws -> ImportSummary {
        var summary = ImportSummary(rows: 0, new: 0, existing: 0, dryRun: dryRun)
        let clock = ZoneClock(timeZone: numberingZone)
        do {
            try writer.writeWithoutTransaction { db in
                // A bulk transaction touches many index pages: a larger page cache (64 MiB) for its duration.
                let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                try db.execute(sql: "PRAGMA cache_size = -65536")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
                try db.inTransaction(.immediate) {
                    let member = try actor(code, db)
                    guard !member.roles.isDisjoint(with: [.operator, .dispatcher, .supervisor, .admin]) else {
                        throw ImportError.actorDenied(actor: code)
                    }
                    let lastIdBefore = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM ticket") ?? 0
                    var eventId = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM ticketEvent") ?? 0
                    let rebuilt =
                        expectedRows >= max(20_000, lastIdBefore) ? try Self.dropTicketIndexes(db) : []
                    let existing = try db.cachedStatement(
                        sql: "SELECT id FROM ticket WHERE sourceSystem = ? AND sourceId = ?")
                    /// Whether each source system met so far had tickets before this import: only then can a row
                    /// have been imported before, and only then is each row looked up.
                    var importedBefore: [String: Bool] = [:]
                    // Rows are written many at a time (see `BatchInsert`): one INSERT per row spent most of an
                    // import's time in SQLite's per-statement work. Row ids are counted here, as SQLite would give
                    // them, because the events need their ticket's id before it is written.
                    var ticketId = lastIdBefore
                    var ticketBatch = BatchInsert(
                        db, table: "ticket", columns: ["id"] + TicketRow.columns, rowsPerStatement: 64)
                    var eventBatch = BatchInsert.events(db)
                    var waiting = WaitingTickets()
                    /// Writes the tickets waiting. A source id used twice in the file is refused by the UNIQUE
                    /// (sourceSystem, sourceId) index as the batch is written; the error then names the row.
                    func flushTickets() throws {
                        do {
                            try ticketBatch.flush()
                        } catch {
                            if let duplicate = try waiting.firstDuplicate(existing) {
                                throw ImportError.duplicateSourceId(
                                    file: file, row: duplicate.row, line: duplicate.line, column: sourceIdColumn,
                                    sourceId: duplicate.sourceId)
                            }
                            throw error
                        }
                        waiting.removeAll()
                    }
                    var counters: [String: Int] = [:]

                    while true {
                        let row: ImportedTicket?
                        do {
                            row = try next()
                        } catch {
                            // A duplicate on an earlier row, still waiting in the batch, is the first error.
                            try flushTickets()
                            throw error
                        }
                        guard let imported = row else { break }
                        summary.rows += 1
                        let sourceSystem = imported.intake.sourceSystem ?? ""
                        let sourceId = imported.intake.sourceId ?? ""
                        let lookUp: Bool
                        if let known = importedBefore[sourceSystem] {
                            lookUp = known
                        } else {
                            lookUp =
                                try Bool.fetchOne(
                                    db, sql: "SELECT EXISTS (SELECT 1 FROM ticket WHERE sourceSystem = ?)",
                                    arguments: [sourceSystem]) ?? false
                            importedBefore[sourceSystem] = lookUp
                        }
                        if lookUp, let id = try Int64.fetchOne(existing, arguments: [sourceSystem, sourceId]) {
                            guard id > lastIdBefore else {
                                summary.existing += 1
                                continue
                            }
                            try flushTickets()  // a duplicate on an earlier row, still waiting, comes first
                            throw ImportError.duplicateSourceId(
                                file: file, row: imported.row, line: imported.line, column: sourceIdColumn,
                                sourceId: sourceId)
                        }
                        let day = clock.local(imported.createdAt).date.compact
                        let last: Int
                        if let known = counters[day] {
                            last = known
                        } else {
                            last =
                                try Int.fetchOne(
                                    db, sql: "SELECT last FROM ticketCounter WHERE day = ?", arguments: [day]) ?? 0
                        }
                        counters[day] = last + 1
                        let number = day + "-" + Self.sequenceText(last + 1)
                        let events = imported.events(number: number, actor: code)
                        let ticket = try Ticket.replay(events)
                        ticketId += 1
                        ticketBatch.values.append(.int(ticketId))
                        ticketBatch.appendTicket(ticket)
                        waiting.append(sourceSystem, sourceId, row: imported.row, line: imported.line)
                        if ticketBatch.isFull { try flushTickets() }
                        var chain = EventChain.start(.ticket, number: number)
                        for event in events {
                            eventId += 1
                            eventBatch.appendEvent(event, id: eventId, ticketId: ticketId, chain: &chain)
                            if eventBatch.isFull {
                                // Events refer to their tickets, which must be written first.
                                try flushTickets()
                                try eventBatch.flush()
                            }
                        }
                        summary.new += 1
                    }
                    try flushTickets()
                    try eventBatch.flush()
                    for sql in rebuilt { try db.execute(sql: sql) }
                    let upsert = try db.cachedStatement(
                        sql: """
                            INSERT INTO ticketCounter (day, last) VALUES (?, ?)
                            ON CONFLICT (day) DO UPDATE SET last = excluded.last
                            """)
                    for (day, last) in counters { try upsert.execute(arguments: [day, last]) }
                    var details = audit
                    details["rows"] = String(summary.rows)
                    details["new"] = String(summary.new)
                    details["existing"] = String(summary.existing)
                    try recordAudit(actor: code, action: "import-tickets", details: details, at: now, db)
                    return dryRun ? .rollback : .commit
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.storage("\(path): \(Self.describe(error))")
        }
        return summary
    }

    /// `0007`: four digits at least, as `nextNumber` writes them.
    static func sequenceText(_ value: Int) -> String {
        let digits = String(value)
        return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// The new tickets of a batch not yet written, in file order: where each came from, to name a duplicate source id.
private struct WaitingTickets {
    private var rows: [(sourceSystem: String, sourceId: String, row: Int, line: Int)] = []

    mutating func append(_ sourceSystem: String, _ sourceId: String, row: Int, line: Int) {
        rows.append((sourceSystem, sourceId, row, line))
    }

    mutating func removeAll() { rows.removeAll(keepingCapacity: true) }

    /// The first waiting row whose source id is already written (`existing` finds it) or is used by an earlier
    /// waiting row: the first row that repeats a source id.
    func firstDuplicate(_ existing: Statement) throws -> (sourceId: String, row: Int, line: Int)? {
        var seen: Set<[String]> = []
        for waiting in rows {
            let repeated = !seen.insert([waiting.sourceSystem, waiting.sourceId]).inserted
            if try repeated || Int64.fetchOne(existing, arguments: [waiting.sourceSystem, waiting.sourceId]) != nil {
                return (waiting.sourceId, waiting.row, waiting.line)
            }
        }
        return nil
    }
}
