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
    /// New tickets whose topic the mapping does not list: they took `topic.default`.
    public var unmappedTopics = 0
    /// The most frequent of those source topics, most frequent first (ties by text), at most five.
    public var commonUnmappedTopics: [TopicCount] = []

    /// A source topic and how many rows had it.
    public struct TopicCount: Equatable, Sendable {
        public var topic: String
        public var rows: Int
    }
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

    /// Refuses an actor who may not import (the permission table's `importTickets`).
    public func authorizeImport(actor code: String) throws {
        let member = try read { db in try actor(code, db) }
        try Permission.importTickets.authorize(member)
    }

    /// Writes imported tickets in one transaction: each gets a number by its local creation day, its events and its
    /// row; rows imported before are skipped. Any error (a bad row from `next`, a duplicate source id), or `dryRun`,
    /// rolls everything back, so rows are checked as they are written, in one pass over the file.
    ///
    /// Two threads share the work: a reading thread calls `next` and turns each row into the values of its ticket
    /// and event rows (number, events, hash chain), while this one writes them, a chunk at a time through a short
    /// queue. Each side keeps one of the machine's cores busy; what is written, and in which order, is what one thread
    /// would write.
    ///
    /// - Parameters:
    ///   - next: yields checked rows of `sourceSystem`, or throws for the first bad one; called on the reading
    ///     thread while the transaction is open, so the file is streamed, never held.
    ///   - expectedRows: about how many rows `next` will yield (an estimate is enough). An import of at least 20,000
    ///     rows that is larger than the tickets already there drops the plain ticket and event indexes and builds
    ///     them again at the end, as `bulkInsert` does.
    public func importTickets(
        _ next: @escaping () throws -> ImportedTicket?, sourceSystem: String, expectedRows: Int = 0, file: String,
        sourceIdColumn: String, timeColumns: ImportTimeColumns? = nil, actor code: String, at now: Date,
        numberingZone: TimeZone, dryRun: Bool, audit: [String: String]
    ) throws -> ImportSummary {
        var summary = ImportSummary(rows: 0, new: 0, existing: 0, dryRun: dryRun)
        do {
            try writer.writeWithoutTransaction { db in
                try preparePreimages(db)
                // A bulk transaction touches many index pages: a larger page cache (64 MiB) for its duration.
                let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                try db.execute(sql: "PRAGMA cache_size = -65536")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
                // SQLite is spared a foreign-key lookup per ticket and per event (some 15% of the writing thread's
                // work) and the CHECK constraints below; `WrittenRowsCheck` proves what they would have checked
                // before the transaction commits. The setting is this connection's only and can only change outside
                // a transaction.
                let foreignKeys = try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? true
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { if foreignKeys { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
                // Nor does SQLite evaluate the schema's CHECK constraints on each row as it is written: SQLite 3.40
                // builds each `CHECK (x IN (…))` list's temporary index again for every row, which cost about as much
                // as the rest of the insert. The rows are checked after they are written, in one pass (below).
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
                try db.inTransaction(.immediate) {
                    try SchemaShape.verify(path: path, db)
                    try requireRules(db)
                    let member = try actor(code, db)
                    try Permission.importTickets.authorize(member)
                    let lastIdBefore = try Self.lastRowID(of: "ticket", db)
                    let lastEventIdBefore = try Self.lastRowID(of: "ticketEvent", db)
                    let lastAuditIdBefore = try Self.lastRowID(of: "auditLog", db)
                    // DESIGN §11.2: source times stay the effective times; on a production database the import's own
                    // time is every event's recording time, and no event may take effect later than it plus the
                    // leeway of a clock a little fast (a training database has no clock of its own).
                    let recordedAt = kind == .production ? recordingTime(for: now) : nil
                    let reading = ImportReading(
                        next: next, clock: ZoneClock(timeZone: numberingZone), actor: code,
                        recordedAt: recordedAt,
                        latest: recordedAt.map {
                            ImportReading.Latest(
                                epoch: $0.epochSeconds + Int64(recording.futureLeeway), clock: $0,
                                leeway: recording.futureLeeway, file: file,
                                columns: timeColumns
                                    ?? ImportTimeColumns(created: "createdAt", closed: "closedAt", zone: numberingZone))
                        },
                        closedUntil: try closedUntil(db),
                        lastTicketId: lastIdBefore,
                        lastEventId: lastEventIdBefore,
                        // The source ids imported before, looked up in memory by the reading thread: none for a
                        // first import, and one query instead of one per row for a re-import.
                        imported: Set(
                            try String.fetchAll(
                                db, sql: "SELECT sourceId FROM ticket WHERE sourceSystem = ? AND sourceId IS NOT NULL",
                                arguments: [sourceSystem])),
                        counters: Dictionary(
                            try Row.fetchAll(db, sql: "SELECT day, last FROM ticketCounter").map {
                                (row: Row) -> (String, Int) in (row["day"], row["last"])
                            },
                            uniquingKeysWith: { first, _ in first }))
                    let rebuilt =
                        expectedRows >= max(20_000, lastIdBefore) ? try Self.dropTicketIndexes(db) : []
                    let existing = try db.cachedStatement(
                        sql: "SELECT id FROM ticket WHERE sourceSystem = ? AND sourceId = ?")
                    // Rows are written many at a time (see `BatchInsert`): one INSERT per row spent most of an
                    // import's time in SQLite's per-statement work.
                    var ticketBatch = BatchInsert.tickets(db, ledger: ledger)
                    var eventBatch = BatchInsert.events(db, ledger: ledger)
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

                    // The reading thread hands over chunks through a short queue (`handOff`): a bad row's error
                    // comes after the chunks of the rows before it, and an error here stops the reader.
                    try handOff(
                        capacity: 4, produce: { put in try reading.run(put) },
                        consume: { take in
                            while true {
                                let next: ImportReading.Chunk?
                                do {
                                    next = try take()
                                } catch {
                                    // A duplicate on an earlier row, still waiting in the batch, is the first error.
                                    try flushTickets()
                                    throw error
                                }
                                guard let chunk = next else { break }
                                summary.rows += chunk.rows
                                summary.existing += chunk.existing
                                var ticketValues = chunk.ticketValues[...]
                                var eventValues = chunk.eventValues[...]
                                for ticket in chunk.tickets {
                                    ticketBatch.values.append(
                                        contentsOf: ticketValues.prefix(ticketBatch.columns.count))
                                    ticketValues = ticketValues.dropFirst(ticketBatch.columns.count)
                                    waiting.append(sourceSystem, ticket.sourceId, row: ticket.row, line: ticket.line)
                                    if ticketBatch.isFull { try flushTickets() }
                                    for _ in 0..<ticket.events {
                                        eventBatch.values.append(
                                            contentsOf: eventValues.prefix(eventBatch.columns.count))
                                        eventValues = eventValues.dropFirst(eventBatch.columns.count)
                                        if eventBatch.isFull {
                                            // Events refer to their tickets, which must be written first.
                                            try flushTickets()
                                            try eventBatch.flush()
                                        }
                                    }
                                    summary.new += 1
                                }
                            }
                        })
                    // The reader has returned: what it counted is read here.
                    let counters = reading.touched
                    summary.unmappedTopics = reading.unmappedTopics
                    summary.commonUnmappedTopics = reading.commonUnmappedTopics
                    try flushTickets()
                    try eventBatch.flush()
                    if !rebuilt.isEmpty {
                        // The reading thread is done: SQLite's sorter may use a second core to build each index.
                        // Each sorting thread fills a buffer as large as the page cache, and these builds were the
                        // import's peak (206 MB at a million rows with 2 threads and 32 MiB), so the cache is 16 MiB
                        // meanwhile; the rows are written by now, and building an index appends to its own pages.
                        let threads = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
                        try db.execute(sql: "PRAGMA threads = 2")
                        try db.execute(sql: "PRAGMA cache_size = -16384")
                        defer { try? db.execute(sql: "PRAGMA threads = \(threads)") }
                        for sql in rebuilt { try db.execute(sql: sql) }
                    }
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
                    details["unmappedTopics"] = String(summary.unmappedTopics)
                    try recordAudit(actor: code, action: "import-tickets", details: details, at: now, db)
                    // What the constraints switched off would have refused, over every row this import wrote.
                    try verifyWrittenRows("ticket", after: lastIdBefore, db)
                    try verifyWrittenRows("ticketEvent", after: lastEventIdBefore, db)
                    try verifyWrittenRows("ticketCounter", after: 0, db)
                    try verifyWrittenRows("auditLog", after: lastAuditIdBefore, db)
                    if !dryRun { try Ledger.append(ledger, db) }
                    return dryRun ? .rollback : .commit
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.storage("\(path): \(Self.describe(error))")
        }
        return summary
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

/// The reading side of an import: rows from the file, checked, numbered and turned into row values, sent a chunk at a
/// time. It owns everything it touches (the row source, the clock, its counters) while it runs.
private final class ImportReading: @unchecked Sendable {
    /// Consecutive rows: the values of their new tickets and events, in `BatchInsert`'s column orders.
    struct Chunk {
        var rows = 0
        var existing = 0
        var ticketValues: [BulkValue] = []
        var eventValues: [BulkValue] = []
        var tickets: [(sourceId: String, row: Int, line: Int, events: Int)] = []
    }

    /// Rows per chunk: large enough that handing a chunk over costs nothing per row, small enough that the queue's
    /// chunks stay a few megabytes.
    static let chunkRows = 128

    private let next: () throws -> ImportedTicket?
    private let clock: ZoneClock
    private let actor: String
    private let recordedAt: Date?
    /// On a production database, the latest effective time an imported event may have (DESIGN §11.2).
    private let latest: Latest?
    /// The last closed month and its end: no imported event may take effect before it (DESIGN §11.2).
    private let closedUntil: (month: String, end: Date)?
    private var ticketId: Int64
    private var eventId: Int64
    private let imported: Set<String>
    private var counters: [String: Int]
    /// The last number used on each day a ticket was numbered on.
    private(set) var touched: [String: Int] = [:]
    /// New tickets that took `topic.default`, and how often each source topic did (the first 10,000 distinct).
    private(set) var unmappedTopics = 0
    private var unmappedCounts: [String: Int] = [:]

    var commonUnmappedTopics: [ImportSummary.TopicCount] {
        unmappedCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
            .map { ImportSummary.TopicCount(topic: $0.key, rows: $0.value) }
    }

    /// The real clock's limit on a production import's times, and what its refusal names.
    struct Latest {
        /// Whole seconds since 1970: the clock plus the leeway.
        var epoch: Int64
        var clock: Date
        var leeway: TimeInterval
        var file: String
        var columns: ImportTimeColumns

        /// Refuses `row` when it is created or closed after the limit, naming the first such column.
        func check(_ row: ImportedTicket) throws {
            let times: [(Int64?, String)] = [
                (row.createdAt, columns.created), (row.closedAt, columns.closed ?? "closedAt"),
            ]
            for case let (time?, column) in times where time > epoch {
                let source = ZoneClock(timeZone: columns.zone)
                let minutes = Int(leeway / 60)
                throw ImportError.cell(
                    file: file, row: row.row, line: row.line, column: column,
                    message: StoreText.futureImport(
                        time: source.iso(time), minutes: minutes, latest: source.iso(epoch), clock: source.iso(clock)
                    ).phrase)
            }
        }
    }

    init(
        next: @escaping () throws -> ImportedTicket?, clock: ZoneClock, actor: String, recordedAt: Date?,
        latest: Latest?, closedUntil: (month: String, end: Date)?, lastTicketId: Int64, lastEventId: Int64,
        imported: Set<String>, counters: [String: Int]
    ) {
        self.latest = latest
        self.closedUntil = closedUntil
        self.next = next
        self.clock = clock
        self.actor = actor
        self.recordedAt = recordedAt
        ticketId = lastTicketId
        eventId = lastEventId
        self.imported = imported
        self.counters = counters
    }

    /// Reads to the end or the first error, handing over chunks to `put`; stops early when `put` refuses one (the
    /// writing side has stopped). The rows before a bad one are handed over before its error is thrown.
    func run(_ put: (Chunk) -> Bool) throws {
        var chunk = Chunk()
        do {
            while let row = try next() {
                try add(row, to: &chunk)
                if chunk.rows == Self.chunkRows {
                    guard put(chunk) else { return }
                    chunk = Chunk()
                }
            }
        } catch {
            _ = put(chunk)
            throw error
        }
        _ = put(chunk)
    }

    /// One row: skipped when imported before, else numbered by its local creation day (row ids are counted here, as
    /// SQLite would give them, because the events need their ticket's id) and turned into row values.
    private func add(_ row: ImportedTicket, to chunk: inout Chunk) throws {
        chunk.rows += 1
        // Every row is held to the clock, one imported before too: a file with a future time is bad data.
        try latest?.check(row)
        let sourceId = row.intake.sourceId ?? ""
        if imported.contains(sourceId) {
            chunk.existing += 1
            return
        }
        let day = clock.local(row.createdAt).date.compact
        let last = (counters[day] ?? 0) + 1
        counters[day] = last
        touched[day] = last
        guard let number = RecordNumber.make(compactDay: day, sequence: last) else {
            throw StoreError.numbersUsedUp(what: "ticket", day: day, maximum: RecordNumber.maximumPerDay)
        }
        var events = row.events(number: number, actor: actor)
        if let closedUntil, let early = events.first(where: { $0.at < closedUntil.end }) {
            throw MonthCloseError.closed(
                subject: "row \(row.row) (line \(row.line))", at: early.at, month: closedUntil.month,
                openFrom: closedUntil.end)
        }
        if let recordedAt {
            for i in events.indices { events[i].recordedAt = recordedAt }
        }
        let ticket = try Ticket.replay(events)
        if let source = row.unmappedTopic {
            unmappedTopics += 1
            if unmappedCounts[source] != nil || unmappedCounts.count < 10_000 {
                unmappedCounts[source, default: 0] += 1
            }
        }
        ticketId += 1
        BatchInsert.appendTicket(ticket, id: ticketId, to: &chunk.ticketValues)
        var chain = EventChain.start(.ticket, number: number)
        for event in events {
            eventId += 1
            BatchInsert.appendEvent(event, id: eventId, ticketId: ticketId, chain: &chain, to: &chunk.eventValues)
        }
        chunk.tickets.append((sourceId, row.row, row.line, events.count))
    }
}
