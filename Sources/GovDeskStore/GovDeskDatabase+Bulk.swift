import Foundation
import GRDB
import GRDBSQLite
import GovDeskCore

extension GovDeskDatabase {
    /// Writes whole ticket histories (each ticket's final row and all its events) and letters in one transaction,
    /// through reused prepared statements: the demo generator's and large imports' path. Tickets must come in an
    /// order where a merged ticket follows the ticket it was merged into (number order does). The per-day ticket
    /// counter ends at the highest number used, so later `ticket new` continues after them.
    ///
    /// From `rebuildingIndexesFrom` tickets on, the plain indexes of `ticket` and `ticketEvent` are dropped and built
    /// again at the end of the transaction.
    public func bulkInsert<S: Sequence>(
        _ tickets: S, letters: [SupervisionLetter] = [], rebuildingIndexesFrom threshold: Int = 20_000
    ) throws
    where S.Element == (Ticket, [TicketEvent]) {
        var iterator = tickets.makeIterator()
        var index = 0
        var firstEvent = 0
        try bulkInsert(
            count: tickets.underestimatedCount,
            next: {
                guard let (ticket, events) = iterator.next() else { return nil }
                defer {
                    index += 1
                    firstEvent += events.count
                }
                return BulkTicket(index: index, firstEvent: firstEvent, ticket: ticket, events: events)
            }, letters: { letters }, rebuildingIndexesFrom: threshold)
    }

    /// The same for tickets that come out of number order (`DemoStream`): each says where it stands in number order,
    /// and its row ids are the ones it would have had if written in that order. `count` is how many tickets to
    /// expect; `letters` is asked for after the last ticket.
    ///
    /// Three threads share the work: `next` runs on a thread of its own, another encodes each ticket's rows (the
    /// events' JSON details and chain hashes), and this one writes the rows. A demo's generation and encoding cost
    /// more than SQLite's inserts, so on two cores the load takes about half as long. `next` is always called on
    /// that one thread, in turn, so the tickets and their ids are the same as on one thread.
    ///
    /// With `skippingCheckConstraints`, SQLite does not evaluate the schema's CHECK constraints on each row as it is
    /// written (it still enforces NOT NULL, UNIQUE and foreign keys): SQLite 3.40 evaluates each `CHECK (x IN (…))`
    /// of a new row by building the list's temporary index again for every row (the constraint refers to the row, so
    /// the index is not built once per statement), which cost about as much as the rest of the insert. The rows
    /// written are checked against every CHECK in one pass before the transaction commits (`WrittenRowsCheck`).
    public func bulkInsert(
        count: Int, next: () throws -> BulkTicket?, letters: () throws -> [SupervisionLetter],
        rebuildingIndexesFrom threshold: Int = 20_000, skippingCheckConstraints: Bool = false
    ) throws {
        try write { db in
            if skippingCheckConstraints {
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            }
            defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
            // A bigger page cache (256 MiB) for the duration. Not the whole load: with the plain indexes dropped the
            // rows go to the ends of their tables, so pages spilled to the WAL mid-transaction are rarely needed
            // again, and a cache as large as a million tickets (2 GB) made the demo's peak memory that large.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            // Many rows per statement (`BatchInsert`): one statement execution per row cost more than its row.
            // For a large load, the plain indexes are dropped and built again at the end, in this transaction:
            // SQLite builds an index from sorted keys far faster than it inserts a million keys at random places.
            let rebuilt = count >= threshold ? try Self.dropTicketIndexes(db) : []
            let ticketBase = try Self.lastRowID(of: "ticket", db)
            let eventBase = try Self.lastRowID(of: "ticketEvent", db)
            let letterBase = try Self.lastRowID(of: "letter", db)
            var ticketBatch = BatchInsert.tickets(db, ledger: ledger)
            var eventBatch = BatchInsert.events(db, ledger: ledger)
            // Written by the producing thread only, read here once it has returned.
            var lastByDay: [Substring: Int] = [:]
            // Three stages, each on its own thread, each waiting for the one before through a bounded queue:
            // generation, encoding, writing.
            try handOff(
                capacity: 8,
                produce: { put in
                    var chunk: [BulkTicket] = []
                    while let item = try next() {
                        if let (day, sequence) = RecordNumber.parts(ofTicketNumber: item.ticket.number) {
                            lastByDay[day] = max(lastByDay[day] ?? 0, sequence)
                        }
                        chunk.append(item)
                        if chunk.count == EncodedTickets.size {
                            guard put(chunk) else { return }
                            chunk.removeAll(keepingCapacity: true)
                        }
                    }
                    if !chunk.isEmpty { _ = put(chunk) }
                },
                consume: { takeTickets in
                    try handOff(
                        capacity: 8,
                        produce: { put in
                            while let tickets = try takeTickets() {
                                var chunk = EncodedTickets()
                                for item in tickets {
                                    chunk.append(
                                        item, ticketId: ticketBase + Int64(item.index) + 1, eventBase: eventBase)
                                }
                                guard put(chunk) else { return }
                            }
                        },
                        consume: { take in
                            while let chunk = try take() {
                                // Events refer to their tickets, which must be written first. A chunk's tickets fill
                                // whole statements (but the last); its events that do not fill one wait for the next
                                // chunk's.
                                try ticketBatch.append(rows: chunk.tickets)
                                try ticketBatch.flush()
                                try eventBatch.append(rows: chunk.events)
                            }
                            try eventBatch.flush()
                        })
                })
            // SQLite's sorter, which builds each index from its sorted keys, sorts with helper threads when allowed.
            let threads = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
            try db.execute(sql: "PRAGMA threads = 4")
            defer { try? db.execute(sql: "PRAGMA threads = \(threads)") }
            for sql in rebuilt { try db.execute(sql: sql) }
            for letter in try letters() { try insertLetter(letter, db) }
            let counter = try db.makeStatement(
                sql: """
                    INSERT INTO ticketCounter (day, last) VALUES (?, ?)
                    ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)
                    """)
            for (day, last) in lastByDay.sorted(by: { $0.key < $1.key }) {
                try counter.execute(arguments: [String(day), last])
            }
            // SQLite checked the foreign keys as the rows were written; the CHECKs are checked here.
            if skippingCheckConstraints {
                try verifyWrittenRows("ticket", after: ticketBase, foreignKeys: false, db)
                try verifyWrittenRows("ticketEvent", after: eventBase, foreignKeys: false, db)
                try verifyWrittenRows("letter", after: letterBase, foreignKeys: false, db)
                try verifyWrittenRows("ticketCounter", after: 0, foreignKeys: false, db)
            }
        }
    }

    /// Drops the plain indexes of `ticket` and `ticketEvent` (not those behind UNIQUE constraints) and returns the
    /// SQL that creates them again, for a large load to run at its end in the same transaction.
    static func dropTicketIndexes(_ db: Database) throws -> [String] {
        var rebuilt: [String] = []
        let indexes = try Row.fetchAll(
            db,
            sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND tbl_name IN ('ticket', 'ticketEvent') AND sql IS NOT NULL
                ORDER BY name
                """)
        for index in indexes {
            let name: String = index["name"]
            try db.execute(sql: "DROP INDEX \"\(name)\"")
            rebuilt.append(index["sql"])
        }
        return rebuilt
    }

    /// Ticket counts by state.
    public func ticketCountsByState() throws -> [TicketState: Int] {
        try read { db in
            var counts: [TicketState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM ticket GROUP BY state") {
                if let state = TicketState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// Event counts by action.
    public func eventCountsByAction() throws -> [TicketAction: Int] {
        try read { db in
            var counts: [TicketAction: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT action, count(*) AS n FROM ticketEvent GROUP BY action") {
                if let action = TicketAction(rawValue: row["action"]) { counts[action] = row["n"] }
            }
            return counts
        }
    }

    /// The first and last ticket numbers, in number order.
    public func ticketNumberRange() throws -> (first: String, last: String)? {
        try read { db in
            guard let first = try String.fetchOne(db, sql: "SELECT min(number) FROM ticket"),
                let last = try String.fetchOne(db, sql: "SELECT max(number) FROM ticket")
            else { return nil }
            return (first, last)
        }
    }
}

/// A ticket for `bulkInsert`, with its place in number order.
public struct BulkTicket {
    /// The ticket's place in number order (0-based): its row id follows from it.
    public var index: Int
    /// The place of its first event among the events of all tickets in number order (0-based).
    public var firstEvent: Int
    public var ticket: Ticket
    public var events: [TicketEvent]

    public init(index: Int, firstEvent: Int, ticket: Ticket, events: [TicketEvent]) {
        self.index = index
        self.firstEvent = firstEvent
        self.ticket = ticket
        self.events = events
    }
}

/// A value waiting to be bound.
enum BulkValue {
    case int(Int64)
    case text(String)
    case blob(Data)
    case null

    init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    init(_ n: Int64?) { self = n.map { .int($0) } ?? .null }
}

/// Whole tickets encoded as the values of their rows (`BatchInsert.tickets` and `.events` order), made by the
/// generating side of a bulk load for the writing side.
struct EncodedTickets {
    /// Tickets per chunk: a whole number of `BatchInsert.tickets` statements.
    static let size = 256
    var count = 0
    var tickets: [BulkValue] = []
    var events: [BulkValue] = []

    init() {
        tickets.reserveCapacity(Self.size * BatchInsert.ticketColumns.count)
        events.reserveCapacity(Self.size * 8 * BatchInsert.eventColumns.count)
    }

    /// Adds a ticket's row and its events' rows (ids from `eventBase` on, by the ticket's place among all events).
    mutating func append(_ item: BulkTicket, ticketId: Int64, eventBase: Int64) {
        BatchInsert.appendTicket(item.ticket, id: ticketId, to: &tickets)
        var chain = EventChain.start(.ticket, number: item.ticket.number)
        for (k, e) in item.events.enumerated() {
            BatchInsert.appendEvent(
                e, id: eventBase + Int64(item.firstEvent + k) + 1, ticketId: ticketId, chain: &chain, to: &events)
        }
        count += 1
    }
}

/// Inserts rows many at a time (`INSERT … VALUES (…), (…), …`), binding through the SQLite C interface: the bulk
/// path skips building `StatementArguments` of boxed values per row.
struct BatchInsert {
    let db: Database
    let table: String
    let columns: [String]
    let rowsPerStatement: Int
    /// The values of the rows not yet written, row after row.
    var values: [BulkValue] = []
    /// Told the id (the first column) of every row written: these statements are stepped through the C interface,
    /// which GRDB's transaction observers do not see (DESIGN §11.4).
    let ledger: LedgerObserver
    private var fullStatement: Statement?

    init(_ db: Database, table: String, columns: [String], rowsPerStatement: Int, ledger: LedgerObserver) {
        precondition(columns.first == "id", "the ledger is told each row's id, the first column")
        self.ledger = ledger
        self.db = db
        self.table = table
        self.columns = columns
        self.rowsPerStatement = rowsPerStatement
        values.reserveCapacity(columns.count * rowsPerStatement)
    }

    var isFull: Bool { values.count >= columns.count * rowsPerStatement }

    /// Call after appending one row's values; writes a full batch.
    mutating func endRow() throws {
        if isFull { try flush() }
    }

    /// Appends whole rows' values, writing each batch as it fills; the rows that do not fill one wait.
    mutating func append(rows: [BulkValue]) throws {
        let size = columns.count * rowsPerStatement
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(rows.endIndex, start + size - values.count)
            values.append(contentsOf: rows[start..<end])
            start = end
            try endRow()
        }
    }

    /// Writes the rows waiting.
    mutating func flush() throws {
        let rows = values.count / columns.count
        guard rows > 0 else { return }
        let statement: Statement
        if rows == rowsPerStatement {
            if fullStatement == nil { fullStatement = try db.makeStatement(sql: sql(rows: rows)) }
            statement = fullStatement!
        } else {
            statement = try db.cachedStatement(sql: sql(rows: rows))
        }
        let handle = statement.sqliteStatement
        for (offset, value) in values.enumerated() {
            GovDeskDatabase.bind(value, to: handle, at: Int32(offset + 1))
        }
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer { values.removeAll(keepingCapacity: true) }
        guard code == SQLITE_DONE else {
            throw StoreError.storage("\(table): " + String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        var first = 0
        while first < values.count {
            if case .int(let id) = values[first] { ledger.note(table, id) }
            first += columns.count
        }
    }

    private func sql(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ",")
    }

    /// A batch of `ticket` rows (`id` and `TicketRow.columns`), filled by `appendTicket`.
    static func tickets(_ db: Database, ledger: LedgerObserver) -> BatchInsert {
        BatchInsert(db, table: "ticket", columns: ticketColumns, rowsPerStatement: 64, ledger: ledger)
    }

    static let ticketColumns = ["id"] + TicketRow.columns

    /// A batch of `ticketEvent` rows, filled by `appendEvent`.
    static func events(_ db: Database, ledger: LedgerObserver) -> BatchInsert {
        BatchInsert(db, table: "ticketEvent", columns: eventColumns, rowsPerStatement: 256, ledger: ledger)
    }

    static let eventColumns = [
        "id", "ticketId", "sequence", "action", "fromState", "toState", "actor", "at", "details", "hash", "recordedAt",
    ]

    /// One `ticketEvent` row's values in `eventColumns` order, appended to `values`: the one place where the bulk
    /// paths (demo, import) assemble an event row. `chain` is the hash of the ticket's previous event
    /// (`EventChain.start` for its first) and becomes this event's hash.
    static func appendEvent(
        _ e: TicketEvent, id: Int64, ticketId: Int64, chain: inout Data, to values: inout [BulkValue]
    ) {
        let details = JSONText.object(e.details)
        chain = EventChain.hash(after: chain, EventChain.fields(e, details: details))
        values.append(.int(id))
        values.append(.int(ticketId))
        values.append(.int(Int64(e.sequence)))
        values.append(.text(e.action.rawValue))
        values.append(BulkValue(e.from?.rawValue))
        values.append(.text(e.to.rawValue))
        values.append(.text(e.actor))
        values.append(.int(e.at.epochSeconds))
        values.append(.text(details))
        values.append(.blob(chain))
        values.append(BulkValue(e.recordedAt?.epochSeconds))
    }

    /// A whole `ticket` row's values, in `ticketColumns` order: its id, then `TicketRow.columns`.
    static func appendTicket(_ t: Ticket, id: Int64, to values: inout [BulkValue]) {
        values.append(.int(id))
        func append(_ text: String?) { values.append(BulkValue(text)) }
        func append(_ n: Int64?) { values.append(BulkValue(n)) }
        append(t.number)
        append(t.channel.rawValue)
        append(t.type.rawValue)
        append(t.topic)
        append(t.urgency.rawValue)
        append(t.callerName)
        append(t.callerPhone)
        append(t.address)
        append(t.street)
        append(t.description)
        append(t.sourceSystem)
        append(t.sourceId)
        append(t.state.rawValue)
        append(t.leadDepartment)
        append(t.coDepartments.joined(separator: ","))
        append(t.createdAt.epochSeconds)
        append(t.dispatchedAt?.epochSeconds)
        append(t.signDeadline?.epochSeconds)
        append(t.signedAt?.epochSeconds)
        append(t.deadline?.epochSeconds)
        append(t.pendingExtension.map { Int64($0.days) })
        append(t.pendingExtension?.reason)
        append(t.pendingExtension?.requestedAt.epochSeconds)
        append(t.repliedAt?.epochSeconds)
        append(t.replyText)
        append(t.replyOutcome?.rawValue)
        append(t.closedAt?.epochSeconds)
        append(t.answerText)
        append(t.answeredAt?.epochSeconds)
        append(t.onTime.map { $0 ? Int64(1) : 0 })
        append(t.revisitedAt?.epochSeconds)
        append(t.mergedInto)
        append(Int64(t.eventCount))
    }
}
