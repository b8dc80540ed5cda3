import GovDeskCore

/// What `db check` names a problem's object by: a record by its number, a row by its table and key, an entry of the
/// ledger, an object of the schema. Identifiers (numbers, table names, hashes) stay as they are in every language;
/// the words around them are in `Messages+zh.swift` and `Messages+en.swift`.
indirect enum CheckSubject: Sendable, Equatable {
    /// `ticket 20250929-000001`, `case BJ…`, `finding ZG…`.
    case record(EventChain.Kind, number: String)
    /// Every record of a kind: `tickets`.
    case records(EventChain.Kind)
    /// One event of a record, as the ledger names its row: `ticket 20250929-000001, event 3`.
    case event(EventChain.Kind, number: String, sequence: Int64)
    /// `letter 潞热线提〔2025〕1号`.
    case letter(String)
    /// A row named by its table and row id: `ticketEvent row 7`.
    case row(table: String, rowid: Int64)
    /// Rows missing from a run the ledger recorded, at most five named, with the records whose events they were.
    case rows(table: String, rowids: [Int64], more: Int, owner: EventChain.Kind?, numbers: [String])
    /// A run of rows the ledger recorded in one entry: `ticketEvent rows 4–7`.
    case run(table: String, from: Int64, to: Int64)
    /// The first and last rows of a run that differs from what the ledger recorded, and the run.
    case span(first: CheckSubject, last: CheckSubject, table: String, from: Int64, to: Int64)
    /// A row named by its table and key: `staff sh1`.
    case keyed(table: String, key: String)
    case ledgerEntry(Int64)
    /// A seal given to the check: its first 16 digits.
    case seal(String)
    case table(String)
    /// An object of the schema (`table`, `index`, `trigger`, `view`), with its table when it is added on one.
    case schemaObject(type: String, name: String, on: String?)
    case closedMonth(String)
}

/// What `db check` found wrong with its subject (DESIGN §11.4), in both languages: `IntegrityProblem.text(_:)`.
enum CheckText: Sendable, Equatable {
    // Event chains.
    /// The chain's first events are gone: the first left is `firstLeft`.
    case firstEventsMissing(firstLeft: Int)
    case outOfOrder(sequence: Int, after: Int)
    case eventsMissing(from: Int, to: Int)
    case noChainHash
    case hashMismatch
    case moreBreaks(Int)
    case eventCountOutOfRange(stored: String, range: ClosedRange<Int>)
    /// The row counts `count` events; none is left (`lastLeft` nil) or the last left is `lastLeft`.
    case tailMissing(EventChain.Kind, count: Int, lastLeft: Int?)
    case notCounted(EventChain.Kind, count: Int)
    // SQLite and the schema.
    case sqliteIntegrity(String)
    case foreignKey(table: String, rowid: Int64)
    case dropped
    case added
    case changed
    case typeChanged(have: String, want: String)
    case migrationsEdited(missing: String)
    case restNotChecked(String)
    // Records replayed from their events.
    case moreRecords(Int)
    case unreadableEvent
    /// The columns in which the row differs from its replay, at most five; empty when none could be named.
    case rowDiffers(columns: [String])
    /// A finding's rating link names a rating of another case than its events (nil: no rating, no case).
    case ratingLink(ratingId: Int64, ratingCase: String?, eventsCase: String?)
    /// A replay's or a stored value's own message (`ReplayError`, `StoredValueError`), in both languages.
    case recordProblem(Phrase)
    case orphanEvent(EventChain.Kind, parent: Int64)
    // The ledger.
    case entryHashBroken
    case unreadableLine(String)
    case unchangingRowWritten(deletes: Bool, table: String, rowid: Int64)
    case unauditedChange(deletes: Bool, table: String, row: String)
    case changedBetween(recorded: Int64, rewritten: Int64)
    case addedBefore(entry: Int64)
    case sealNotOnLedger
    case tableGone
    case moreRows(Int)
    case deletedRows(entry: Int64)
    case differsFromEntry(Int64)
    case notInLedger
    // Closed months.
    case figuresEdited
    case figuresUnreadable
    case figureDiffers(CoreText)
}

extension EventChain.Kind {
    /// The kind as the English messages name it: `ticket`, `case`, `finding`.
    var englishName: String { rawValue }

    var chineseName: String {
        switch self {
        case .ticket: "工单"
        case .windowCase: "办件"
        case .finding: "整改事项"
        }
    }
}
