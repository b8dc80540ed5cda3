import Crypto
import Foundation
import GRDB

/// The database-wide ledger (DESIGN §11.4): one entry per committed write transaction, in commit order, chained by
/// SHA-256 over the previous entry's hash and the hashes of every row the transaction inserted, changed or deleted,
/// in every table but SQLite's, GRDB's and the ledger's own.
///
/// An entry's content is text, one line per row or run of rows, so it can be read with the sqlite3 shell:
///
///     + TABLE ROWID HASH [NUMBER] [^WAS]   the row as the transaction left it (NUMBER: a ticket's, case's, finding's)
///     - TABLE ROWID [^WAS]                 the row was deleted
///     = TABLE FIRST LAST DIGEST     rows FIRST…LAST of an append-only table, written by this transaction
///
/// A row's hash is SHA-256 over its table's name and its non-NULL columns by name (a column added later with NULLs
/// changes nothing); an event's is its chain hash (`EventChain`), which covers every column but its ids. A run's
/// digest is SHA-256 over each row's id and hash, in id order: one line for the million events of a bulk load.
/// `^WAS` is the hash of the row as the transaction found it, when it existed before (`Ledger+Preimage.swift`): a row
/// changed outside GovDesk and then written by GovDesk is named by `db check` for good.
///
/// The head (`db seal`) is the last entry's hash. A head printed earlier and still on the chain proves that nothing
/// before it was changed, deleted or added — unless everything after it was rewritten too, which that printed head
/// shows. Without a secret key this is evidence, not prevention: someone who can rewrite the file and every printed
/// seal can forge.
enum Ledger {
    /// Tables whose rows never change once written (their triggers refuse updates and deletes): recorded as runs.
    static let appendOnly: Set<String> = [
        "ticketEvent", "caseEvent", "findingEvent", "auditLog", "rating", "letter", "letterItem",
    ]

    /// Tables whose rows, once written, never change or go (their triggers refuse it): the append-only ones and
    /// the database's kind, its rule sets and its closed months. A ledger line changing or deleting one of their
    /// rows was not written by GovDesk.
    static let unchanging: Set<String> = appendOnly.union(["databaseInfo", "ruleSet", "monthClose", "ticketTracking"])

    /// Reference data and what stands beside it: every change GovDesk makes to one of their rows is audited in the
    /// same transaction, so a ledger entry changing one without an audit row was written outside GovDesk.
    static let audited: Set<String> = [
        "department", "staff", "staffBinding", "window", "windowStaff", "serviceItem", "itemWindow", "topic", "officer",
        "calendarYear", "apiClient",
    ]

    /// Event tables, whose rows carry their chain hash.
    static let chained: Set<String> = ["ticketEvent", "caseEvent", "findingEvent"]

    /// Tables with a record number, kept in the ledger's lines so a deleted record can be named.
    static let numbered: [String: String] = ["ticket": "ticket", "windowCase": "case", "finding": "finding"]

    /// Operational tables of the service (DESIGN §11.4: "every table except sessions and caches"): its sessions and
    /// the failed log-ins that lock an account. They change on nearly every request, hold nothing a report, a replay
    /// or a closed month relies on, and what happens to them is in the audit log (log-in, failed log-in, log-out),
    /// which the ledger covers. Ledgering them would add an entry per page view and name every expired session as a
    /// deleted row. Passwords (`staffPassword`) are ledgered: a hash changed behind GovDesk's back is named.
    static let operational: Set<String> = ["webSession", "loginThrottle"]

    /// Whether a table's rows are in the ledger: every table but SQLite's, GRDB's, the ledger itself and the
    /// service's operational ones.
    static func isLedgered(_ table: String) -> Bool {
        !(table == "ledger" || table == "grdb_migrations" || table.hasPrefix("sqlite_") || isPreimageTable(table)
            || operational.contains(table))
    }

    /// What the first entry chains to.
    static let genesis = Data(SHA256.hash(data: Data("govdesk:ledger".utf8)))

    /// An entry's hash: SHA-256(previous hash ‖ content).
    static func entryHash(previous: Data, content: String) -> Data {
        var hasher = SHA256()
        hasher.update(data: previous)
        // A bulk load's entry is tens of megabytes: hashed where it lies, not copied.
        var text = content
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return Data(hasher.finalize())
    }

    /// The digest of a run of rows: SHA-256 over each row's id (8 bytes, big-endian) and hash.
    struct RunDigest {
        private var hasher = SHA256()
        private var buffer: [UInt8] = []
        private(set) var count = 0

        init() { buffer.reserveCapacity(1 << 16) }

        mutating func add(id: Int64, hash: Data) {
            withUnsafeBytes(of: UInt64(bitPattern: id).bigEndian) { buffer.append(contentsOf: $0) }
            buffer.append(contentsOf: hash)
            count += 1
            if buffer.count >= 1 << 16 {
                hasher.update(data: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }

        mutating func finish() -> Data {
            hasher.update(data: buffer)
            buffer.removeAll()
            return Data(hasher.finalize())
        }
    }

    /// The content of the entry for `changes`, or nil when the transaction wrote no ledgered row.
    static func content(
        for changes: [String: [ClosedRange<Int64>]], preimages: [String: [Int64: Data]] = [:], _ db: Database
    ) throws -> String? {
        var lines = Lines()
        for table in changes.keys.sorted() {
            guard let runs = changes[table], !runs.isEmpty else { continue }
            if appendOnly.contains(table) {
                for run in runs {
                    var digest = RunDigest()
                    var first: Int64?
                    var last: Int64 = 0
                    try scan(table, run, db) { id, hash, _ in
                        // A run's ids are consecutive in an append-only table; a gap (never seen) starts another.
                        if let start = first, id != last + 1 {
                            lines.append(line(table, start, last, digest.finish()))
                            digest = RunDigest()
                            first = nil
                        }
                        if first == nil { first = id }
                        last = id
                        digest.add(id: id, hash: hash)
                    }
                    if let first { lines.append(line(table, first, last, digest.finish())) }
                }
            } else {
                let found = preimages[table] ?? [:]
                func was(_ id: Int64) -> String { found[id].map { " ^" + hex($0) } ?? "" }
                for run in runs {
                    var expected = run.lowerBound
                    try scan(table, run, db) { id, hash, number in
                        while expected < id {
                            lines.append("- \(table) \(expected)" + was(expected))
                            expected += 1
                        }
                        var text = "+ \(table) \(id) \(hex(hash))"
                        if let number { text += " \(number)" }
                        lines.append(text + was(id))
                        expected = id + 1
                    }
                    while expected <= run.upperBound {
                        lines.append("- \(table) \(expected)" + was(expected))
                        expected += 1
                    }
                }
            }
        }
        return lines.text.isEmpty ? nil : lines.text
    }

    /// An entry's lines, appended to one string as they are made (a million lines as an array of strings, joined
    /// at the end, held them twice).
    struct Lines {
        var text = ""

        mutating func append(_ line: String) {
            if !text.isEmpty { text.append("\n") }
            text.append(line)
        }
    }

    private static func line(_ table: String, _ first: Int64, _ last: Int64, _ digest: Data) -> String {
        "= \(table) \(first) \(last) \(hex(digest))"
    }

    /// Appends the entry for the rows `observer` saw the transaction write after the current head, with the states
    /// its changed rows had before it; returns its hash, or nil if nothing was ledgered.
    @discardableResult
    static func append(_ observer: LedgerObserver, _ db: Database) throws -> Data? {
        let (changes, inserted) = observer.take()
        let preimages: [String: [Int64: Data]]
        switch observer.preimages {
        case .hook: preimages = try hashed(observer.takeBefore(), inserted: inserted, db)
        case .triggers: preimages = try takePreimages(changes.keys, inserted: inserted, db)
        case nil: preimages = [:]
        }
        guard let content = try content(for: changes, preimages: preimages, db) else { return nil }
        let previous =
            try Data.fetchOne(db.cachedStatement(sql: "SELECT hash FROM ledger ORDER BY id DESC LIMIT 1")) ?? genesis
        let hash = entryHash(previous: previous, content: content)
        try db.cachedStatement(sql: "INSERT INTO ledger (content, hash) VALUES (?, ?)").execute(arguments: [
            content, hash,
        ])
        return hash
    }

    /// Lower-case hexadecimal.
    static func hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count * 2)
        for byte in data {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes of a hexadecimal string, or nil.
    static func bytes(hex text: String) -> Data? {
        let utf8 = Array(text.lowercased().utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var data = Data(capacity: utf8.count / 2)
        var index = 0
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    /// The ledger's table, its append-only triggers, and one entry per existing row, in table and id order (an
    /// existing database joins the ledger at its upgrade).
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE ledger (
                    id INTEGER PRIMARY KEY,
                    content TEXT NOT NULL,
                    hash BLOB NOT NULL CHECK (length(hash) = 32)
                ) STRICT;
                CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                """)
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
        ).filter(isLedgered)
        var previous = genesis
        let insert = try db.makeStatement(sql: "INSERT INTO ledger (content, hash) VALUES (?, ?)")
        for table in tables {
            try scan(table, nil, db) { id, hash, number in
                let content: String
                if appendOnly.contains(table) {
                    var digest = RunDigest()
                    digest.add(id: id, hash: hash)
                    content = line(table, id, id, digest.finish())
                } else {
                    content = "+ \(table) \(id) \(hex(hash))" + (number.map { " \($0)" } ?? "")
                }
                previous = entryHash(previous: previous, content: content)
                try insert.execute(arguments: [content, previous])
            }
        }
    }
}

/// Collects the rows each write transaction changes, for its ledger entry (SQLite's update hook, through GRDB).
/// Runs of consecutive row ids are kept as ranges, so a bulk load of millions of rows costs a few ranges.
final class LedgerObserver: TransactionObserver, @unchecked Sendable {
    private var changes: [String: [ClosedRange<Int64>]] = [:]
    /// The rows the transaction inserted: they have no state before it.
    private var inserted: [String: [ClosedRange<Int64>]] = [:]
    /// How this connection keeps the rows as a transaction found them (`Ledger+Preimage.swift`): nil until set up.
    var preimages: PreimageSource?
    /// Through the pre-update hook: the first old values of each row changed or deleted, by table and row id.
    private var before: [String: [Int64: [PreupdateHook.StoredValue]]] = [:]

    enum PreimageSource { case hook, triggers }

    /// Called by the pre-update hook before a row of the main database is updated or deleted: keeps its values
    /// the first time in the transaction. Runs inside SQLite's statement: it may not use the connection.
    func willChange(table: String, rowID: Int64, connection: OpaquePointer?) {
        guard Ledger.isLedgered(table), !Ledger.appendOnly.contains(table), before[table]?[rowID] == nil else { return }
        before[table, default: [:]][rowID] = PreupdateHook.oldValues(connection)
    }

    /// The rows kept by the hook since the transaction began, and forgets them.
    func takeBefore() -> [String: [Int64: [PreupdateHook.StoredValue]]] {
        defer { before = [:] }
        return before
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        Ledger.isLedgered(eventKind.tableName)
    }

    func databaseDidChange(with event: DatabaseEvent) {
        Self.add(event.rowID, to: &changes[event.tableName, default: []])
        if event.kind == .insert { Self.add(event.rowID, to: &inserted[event.tableName, default: []]) }
    }

    /// A row inserted by a statement stepped through SQLite's C interface, which the update hook's events, as GRDB
    /// forwards them, do not include.
    func note(_ table: String, _ rowID: Int64) {
        Self.add(rowID, to: &changes[table, default: []])
        Self.add(rowID, to: &inserted[table, default: []])
    }

    /// Extends the last run when `id` follows it (a bulk load's ids do), in place.
    private static func add(_ id: Int64, to runs: inout [ClosedRange<Int64>]) {
        if let last = runs.last {
            if last.upperBound &+ 1 == id {
                runs[runs.count - 1] = last.lowerBound...id
                return
            }
            if last.contains(id) { return }
        }
        runs.append(id...id)
    }

    /// The rows changed since the transaction began and those of them it inserted, by table: sorted, merged runs of
    /// row ids.
    func take() -> (changed: [String: [ClosedRange<Int64>]], inserted: [String: [ClosedRange<Int64>]]) {
        defer { (changes, inserted) = ([:], [:]) }
        return (changes.mapValues(Self.merged), inserted.mapValues(Self.merged))
    }

    private static func merged(_ runs: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
        var merged: [ClosedRange<Int64>] = []
        for run in runs.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, run.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, run.upperBound)
            } else {
                merged.append(run)
            }
        }
        return merged
    }

    func databaseDidCommit(_ db: Database) { (changes, inserted, before) = ([:], [:], [:]) }
    func databaseDidRollback(_ db: Database) { (changes, inserted, before) = ([:], [:], [:]) }
}
