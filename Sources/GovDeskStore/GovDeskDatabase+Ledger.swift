import Foundation
import GRDB
import GovDeskCore

/// The ledger's head as `db seal` prints it (DESIGN §11.4).
public struct LedgerSeal: Equatable, Sendable {
    /// SHA-256 of the last entry, 64 hexadecimal digits.
    public var hash: String
    /// Its number: how many write transactions the ledger holds.
    public var entry: Int64
}

extension GovDeskDatabase {
    /// The ledger's head, or nil for a database without entries.
    public func seal() throws -> LedgerSeal? {
        try read { db in try Self.seal(db) }
    }

    /// The head's hash in hexadecimal (reports show it; month close stores it).
    public func ledgerHead() throws -> String? { try seal()?.hash }

    static func seal(_ db: Database) throws -> LedgerSeal? {
        try Row.fetchOne(db, sql: "SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1").map {
            LedgerSeal(hash: Ledger.hex($0["hash"]), entry: $0["id"])
        }
    }

    /// A seal as typed: 64 hexadecimal digits, or nil.
    public static func sealBytes(_ text: String) -> Data? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count == 64, let bytes = Ledger.bytes(hex: trimmed) else { return nil }
        return bytes
    }

    /// Verifies the ledger (DESIGN §11.4): every entry's hash follows from its content and the entry before; the
    /// seal, if given, is one of them; and every row of every ledgered table is the one its last entry recorded —
    /// nothing changed, added or deleted outside GovDesk. Problems name the record.
    func verifyLedger(seal: Data?, into report: inout IntegrityReport, _ db: Database) throws {
        var expectedRows: [String: [Int64: ExpectedRow]] = [:]
        var runs: [String: [ExpectedRun]] = [:]
        /// Up to three numbers of the tickets, cases and findings each entry wrote: they name a missing event.
        var written: [Int64: [String: [String]]] = [:]
        var previous = Ledger.genesis
        var sealFound = false
        var namer = RowNamer()
        let entries = try Row.fetchCursor(db, sql: "SELECT id, content, hash FROM ledger ORDER BY id")
        while let entry = try entries.next() {
            let id: Int64 = entry["id"]
            let content: String = entry["content"]
            let stored: Data = entry["hash"]
            report.ledgerEntries += 1
            if Ledger.entryHash(previous: previous, content: content) != stored {
                report.problems.append(IntegrityProblem(subject: .ledgerEntry(id), .entryHashBroken))
            }
            previous = stored
            if stored == seal { sealFound = true }
            for line in content.split(separator: "\n") {
                var parts = line.split(separator: " ").map(String.init)
                // `^WAS`: the row as the transaction found it, which must be the state the ledger last recorded.
                var was: Data?
                if parts.count > 3, let last = parts.last, last.hasPrefix("^") {
                    guard let hash = Ledger.bytes(hex: String(last.dropFirst())), hash.count == 32 else {
                        report.problems.append(
                            IntegrityProblem(subject: .ledgerEntry(id), .unreadableLine(String(line))))
                        continue
                    }
                    was = hash
                    parts.removeLast()
                }
                // A row of a table whose rows never change (their triggers refuse it) changed or deleted by an entry:
                // GovDesk never writes such an entry; someone appended it by hand (a kind turned to training, a
                // rating or a stored month rewritten) and chained it on.
                // A plain `+` for a row recorded before is a change too (written as if it were new).
                if parts.count >= 3, Ledger.unchanging.contains(parts[1]), let rowid = Int64(parts[2]),
                    was != nil || parts[0] == "-"
                        || (parts[0] == "+"
                            && (Ledger.appendOnly.contains(parts[1]) || expectedRows[parts[1]]?[rowid] != nil))
                {
                    report.problems.append(
                        IntegrityProblem(
                            subject: .ledgerEntry(id),
                            .unchangingRowWritten(deletes: parts[0] == "-", table: parts[1], rowid: rowid)))
                }
                // Reference data changes only with its audit entry, in the same transaction (DESIGN §11.1): an
                // entry changing or deleting such a row without one was not written by GovDesk.
                if parts.count >= 3, Ledger.audited.contains(parts[1]), was != nil || parts[0] == "-",
                    !(content.hasPrefix("= auditLog ") || content.contains("\n= auditLog "))
                {
                    report.problems.append(
                        IntegrityProblem(
                            subject: .ledgerEntry(id),
                            .unauditedChange(deletes: parts[0] == "-", table: parts[1], row: parts[2])))
                }
                if let was, parts.count >= 3, let rowid = Int64(parts[2]) {
                    let table = parts[1]
                    let recorded = expectedRows[table]?[rowid]
                    if recorded?.hash != was {
                        let name = try namer.name(table, rowid: rowid, db)
                        report.problems.append(
                            IntegrityProblem(
                                subject: name,
                                recorded.map { .changedBetween(recorded: $0.entry, rewritten: id) }
                                    ?? .addedBefore(entry: id)))
                    }
                }
                switch (parts.first, parts.count) {
                case ("+", 4...5):
                    if let rowid = Int64(parts[2]), let hash = Ledger.bytes(hex: parts[3]), hash.count == 32 {
                        expectedRows[parts[1], default: [:]][rowid] = ExpectedRow(
                            hash: hash, entry: id, number: parts.count == 5 ? parts[4] : nil)
                        if parts.count == 5, (written[id]?[parts[1]]?.count ?? 0) < 3 {
                            written[id, default: [:]][parts[1], default: []].append(parts[4])
                        }
                        continue
                    }
                case ("-", 3):
                    if let rowid = Int64(parts[2]) {
                        expectedRows[parts[1], default: [:]][rowid] = nil
                        continue
                    }
                case ("=", 5):
                    if let first = Int64(parts[2]), let last = Int64(parts[3]), first <= last,
                        let digest = Ledger.bytes(hex: parts[4]), digest.count == 32
                    {
                        runs[parts[1], default: []].append(
                            ExpectedRun(first: first, last: last, digest: digest, entry: id))
                        continue
                    }
                default: break
                }
                report.problems.append(IntegrityProblem(subject: .ledgerEntry(id), .unreadableLine(String(line))))
            }
        }
        if let seal {
            report.sealVerified = sealFound
            if !sealFound {
                report.problems.append(
                    IntegrityProblem(subject: .seal(String(Ledger.hex(seal).prefix(16))), .sealNotOnLedger))
            }
        }
        // GovDesk's tables only: one added outside it is named by the schema check (`SchemaShape`), and may not
        // even have the rowid this check reads rows by.
        let known = try SchemaShape.expected.get()
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
        ).filter { Ledger.isLedgered($0) && known[$0]?.type == "table" }
        for gone in Set(expectedRows.keys).union(runs.keys).subtracting(tables).sorted() {
            report.problems.append(IntegrityProblem(subject: .table(gone), .tableGone))
        }
        for table in tables {
            var problems = TableProblems(table: table)
            if Ledger.appendOnly.contains(table) {
                try verifyRuns(table, runs[table] ?? [], written, &problems, &namer, db)
            } else {
                try verifyRows(table, expectedRows[table] ?? [:], &problems, &namer, db)
            }
            report.problems += problems.finish()
        }
    }

    /// A row as the ledger last recorded it.
    struct ExpectedRow {
        var hash: Data
        var entry: Int64
        var number: String?
    }

    /// A run of an append-only table's rows, as written by one transaction.
    struct ExpectedRun {
        var first: Int64
        var last: Int64
        var digest: Data
        var entry: Int64
    }

    /// At most 20 problems a table, then how many more: a rewritten table should not bury the rest.
    struct TableProblems {
        var table: String
        var problems: [IntegrityProblem] = []
        var more = 0

        mutating func add(_ subject: CheckSubject, _ problem: CheckText) {
            if problems.count < 20 {
                problems.append(IntegrityProblem(subject: subject, problem))
            } else {
                more += 1
            }
        }

        func finish() -> [IntegrityProblem] {
            more == 0
                ? problems
                : problems + [IntegrityProblem(subject: .table(table), .moreRows(more))]
        }
    }

    /// Compares an append-only table with the runs the ledger recorded, in one pass over both in id order.
    private func verifyRuns(
        _ table: String, _ recorded: [ExpectedRun], _ written: [Int64: [String: [String]]],
        _ problems: inout TableProblems, _ namer: inout RowNamer, _ db: Database
    ) throws {
        let kind = EventChain.Kind.allCases.first { $0.eventTable == table }
        let runs = recorded.sorted { $0.first < $1.first }
        var index = 0
        var digest = Ledger.RunDigest()
        var next: Int64 = runs.first?.first ?? 0
        var missing: [Int64] = []
        var seen: (first: Int64, last: Int64)?
        var unledgered: [Int64] = []

        func finishRun() throws {
            let run = runs[index]
            while next <= run.last {
                missing.append(next)
                next += 1
            }
            if !missing.isEmpty {
                // An event is written with its record's row: the entry's numbers say whose it was.
                let owners = kind.flatMap { written[run.entry]?[$0.subjectTable] } ?? []
                problems.add(
                    .rows(
                        table: table, rowids: Array(missing.prefix(5)), more: max(0, missing.count - 5), owner: kind,
                        numbers: owners),
                    .deletedRows(entry: run.entry))
            } else if digest.finish() != run.digest {
                var who = CheckSubject.run(table: table, from: run.first, to: run.last)
                if let seen {
                    let first = try namer.name(table, rowid: seen.first, db)
                    let last = try namer.name(table, rowid: seen.last, db)
                    who =
                        first == last
                        ? first : .span(first: first, last: last, table: table, from: run.first, to: run.last)
                }
                problems.add(who, .differsFromEntry(run.entry))
            }
            index += 1
            digest = Ledger.RunDigest()
            missing = []
            seen = nil
            if index < runs.count { next = runs[index].first }
        }

        try Ledger.scan(table, nil, db) { id, hash, _ in
            while index < runs.count, runs[index].last < id { try finishRun() }
            guard index < runs.count, runs[index].first <= id else {
                unledgered.append(id)
                return
            }
            while next < id {
                missing.append(next)
                next += 1
            }
            next = id + 1
            seen = (seen?.first ?? id, id)
            digest.add(id: id, hash: hash)
        }
        while index < runs.count { try finishRun() }
        for id in unledgered {
            problems.add(try namer.name(table, rowid: id, db), .notInLedger)
        }
    }

    /// Compares a table whose rows may change with the rows the ledger last recorded. Rows are matched by row id,
    /// then by hash (a VACUUM may renumber the row ids of a table without an integer key).
    private func verifyRows(
        _ table: String, _ recorded: [Int64: ExpectedRow], _ problems: inout TableProblems,
        _ namer: inout RowNamer, _ db: Database
    ) throws {
        var expected = recorded
        var unmatched: [(rowid: Int64, hash: Data)] = []
        try Ledger.scan(table, nil, db) { rowid, hash, _ in
            if expected[rowid]?.hash == hash {
                expected[rowid] = nil
            } else {
                unmatched.append((rowid, hash))
            }
        }
        guard !unmatched.isEmpty || !expected.isEmpty else { return }
        var byHash: [Data: [Int64]] = [:]
        for (rowid, row) in expected { byHash[row.hash, default: []].append(rowid) }
        for row in unmatched {
            if var rowids = byHash[row.hash], let moved = rowids.popLast() {
                byHash[row.hash] = rowids
                expected[moved] = nil
                continue
            }
            let name = try namer.name(table, rowid: row.rowid, db)
            if let before = expected[row.rowid] {
                expected[row.rowid] = nil
                problems.add(name, .differsFromEntry(before.entry))
            } else {
                problems.add(name, .notInLedger)
            }
        }
        for (rowid, row) in expected.sorted(by: { $0.key < $1.key }) {
            let kind = EventChain.Kind.allCases.first { $0.subjectTable == table }
            let name =
                row.number.map { number in
                    kind.map { CheckSubject.record($0, number: number) } ?? .keyed(table: table, key: number)
                } ?? .row(table: table, rowid: rowid)
            problems.add(name, .deletedRows(entry: row.entry))
        }
    }
}

/// Names a row for a person: a ticket, case or finding by its number, an event by its record's number and sequence,
/// anything else by its table and key.
struct RowNamer {
    private var keys: [String: [String]] = [:]
    private var numbers: [String: [Int64: String]] = [:]

    /// The row of `table` whose row id is `rowid`, named; read only when a problem is to be reported.
    mutating func name(_ table: String, rowid: Int64, _ db: Database) throws -> CheckSubject {
        guard let row = try Row.fetchOne(db, sql: "SELECT rowid, * FROM \(table) WHERE rowid = ?", arguments: [rowid])
        else { return .row(table: table, rowid: rowid) }
        return try name(table, row, db)
    }

    mutating func name(_ table: String, _ row: Row, _ db: Database) throws -> CheckSubject {
        if let kind = EventChain.Kind.allCases.first(where: { $0.subjectTable == table }),
            let number: String = row["number"]
        {
            return .record(kind, number: number)
        }
        if table == "letter", let number: String = row["number"] { return .letter(number) }
        if let kind = EventChain.Kind.allCases.first(where: { $0.eventTable == table }),
            let parent: Int64 = row[kind.parentColumn]
        {
            let number = try number(of: parent, in: kind.subjectTable, db)
            guard let sequence: Int64 = row["sequence"] else { return .record(kind, number: number) }
            return .event(kind, number: number, sequence: sequence)
        }
        if keys[table] == nil {
            keys[table] = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))")
                .filter { ($0["pk"] as Int? ?? 0) > 0 }
                .sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }
                .map { $0["name"] as String }
        }
        let key = keys[table]!.isEmpty ? ["rowid"] : keys[table]!
        let values = key.map { column -> String in
            let value: DatabaseValue = column == "rowid" ? row[0] : row[column]
            switch value.storage {
            case .null: return "NULL"
            case .int64(let n): return String(n)
            case .double(let x): return String(x)
            case .string(let s): return s
            case .blob: return "(blob)"
            }
        }
        return .keyed(table: table, key: values.joined(separator: "/"))
    }

    private mutating func number(of id: Int64, in table: String, _ db: Database) throws -> String {
        if let known = numbers[table]?[id] { return known }
        let number =
            try String.fetchOne(db, sql: "SELECT number FROM \(table) WHERE id = ?", arguments: [id]) ?? "id \(id)"
        numbers[table, default: [:]][id] = number
        return number
    }
}
