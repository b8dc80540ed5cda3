import Crypto
import Foundation
import GRDB
import GovDeskCore

/// The hash chain over each record's events (`ticketEvent`, `caseEvent`, `findingEvent`): every event stores
/// SHA-256(previous event's hash ‖ canonical bytes of the event), and a record's first event chains to
/// SHA-256("govdesk:<kind>:" + the record's number), so a chain cannot be moved to another record.
///
/// Without a secret key this is tamper-evident, not tamper-proof: an edit made by someone who does not recompute the
/// chain is found by `db check`; someone who can rewrite the file can recompute every hash.
///
/// Every insert path, the v5 backfill and `db check` hash through this type, so the encoding lives here only.
enum EventChain {
    /// The three kinds of record that have an event trail.
    enum Kind: String, CaseIterable, Sendable {
        case ticket
        case windowCase = "case"
        case finding

        /// The table of the record itself.
        var subjectTable: String {
            switch self {
            case .ticket: "ticket"
            case .windowCase: "windowCase"
            case .finding: "finding"
            }
        }

        /// The table of its events.
        var eventTable: String {
            switch self {
            case .ticket: "ticketEvent"
            case .windowCase: "caseEvent"
            case .finding: "findingEvent"
            }
        }

        /// The event column naming the record's row id.
        var parentColumn: String {
            switch self {
            case .ticket: "ticketId"
            case .windowCase: "caseId"
            case .finding: "findingId"
            }
        }

        /// Every column of an event row except `id`, the parent id (bound by the chain's start) and `hash`, in the
        /// order they are hashed.
        var hashedColumns: [String] {
            switch self {
            case .ticket: ["sequence", "action", "fromState", "toState", "actor", "at", "details"]
            case .windowCase:
                ["sequence", "action", "fromState", "toState", "actor", "at", "breach", "visits", "details"]
            case .finding: ["sequence", "action", "fromState", "toState", "actor", "at", "deadline", "details"]
            }
        }
    }

    /// One hashed value, as stored.
    enum Field: Equatable {
        case null
        case int(Int64)
        case text(String)
        case real(Double)
        case blob(Data)
    }

    /// The hash a record's first event chains to.
    static func start(_ kind: Kind, number: String) -> Data {
        Data(SHA256.hash(data: Data("govdesk:\(kind.rawValue):\(number)".utf8)))
    }

    /// SHA-256(previous ‖ encoding of fields). Each field is a type tag byte followed, for integers, by 8 bytes
    /// big-endian and, for text and blobs, by an 8-byte big-endian length and the bytes: no two field lists share an
    /// encoding.
    static func hash(after previous: Data, _ fields: [Field]) -> Data {
        // One contiguous buffer hashed in one call: the bulk paths hash a million events, and many small updates
        // of the incremental hasher cost more than the hashing.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        bytes.append(contentsOf: previous)
        for field in fields {
            switch field {
            case .null:
                bytes.append(0)
            case .int(let n):
                bytes.append(1)
                append(UInt64(bitPattern: n), to: &bytes)
            case .text(let text):
                bytes.append(2)
                append(UInt64(text.utf8.count), to: &bytes)
                bytes.append(contentsOf: text.utf8)
            case .real(let x):
                bytes.append(3)
                append(x.bitPattern, to: &bytes)
            case .blob(let data):
                bytes.append(4)
                append(UInt64(data.count), to: &bytes)
                bytes.append(contentsOf: data)
            }
        }
        return Data(SHA256.hash(data: bytes))
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// A stored event row's hashed fields (`Kind.hashedColumns`), and its recording time when it has one (hash
    /// version 2, DESIGN §11.4).
    static func fields(_ kind: Kind, of row: Row) -> [Field] {
        let recorded: Int64? = row.hasColumn("recordedAt") ? row["recordedAt"] : nil
        return kind.hashedColumns.map { column in
            let value: DatabaseValue = row[column]
            switch value.storage {
            case .null: return .null
            case .int64(let n): return .int(n)
            case .string(let s): return .text(s)
            case .double(let x): return .real(x)
            case .blob(let d): return .blob(d)
            }
        } + version2(recorded)
    }

    /// The field a version-2 hash adds: the recording time.
    static func version2(_ recordedAt: Int64?) -> [Field] {
        recordedAt.map { [.int($0)] } ?? []
    }

    /// A ticket event's hashed fields, with its details as they are stored.
    static func fields(_ e: TicketEvent, details: String) -> [Field] {
        [
            .int(Int64(e.sequence)), .text(e.action.rawValue), e.from.map { .text($0.rawValue) } ?? .null,
            .text(e.to.rawValue), .text(e.actor), .int(e.at.epochSeconds), .text(details),
        ] + version2(e.recordedAt?.epochSeconds)
    }

    /// A case event's hashed fields, with its details as they are stored.
    static func fields(_ e: CaseEvent, details: String) -> [Field] {
        [
            .int(Int64(e.sequence)), .text(e.action.rawValue), e.from.map { .text($0.rawValue) } ?? .null,
            .text(e.to.rawValue), .text(e.actor), .int(e.at.epochSeconds), .int(e.breach ? 1 : 0),
            .int(Int64(e.visits)), .text(details),
        ] + version2(e.recordedAt?.epochSeconds)
    }

    /// A finding event's hashed fields, with its details as they are stored.
    static func fields(_ e: FindingEvent, details: String) -> [Field] {
        [
            .int(Int64(e.sequence)), .text(e.action.rawValue), e.from.map { .text($0.rawValue) } ?? .null,
            .text(e.to.rawValue), .text(e.actor), .int(e.at.epochSeconds),
            e.deadline.map { .int($0.epochSeconds) } ?? .null,
            .text(details),
        ] + version2(e.recordedAt?.epochSeconds)
    }

    /// The hash the event numbered `sequence` of record `parentId` chains to: the previous event's stored hash, or
    /// the record's start. One indexed lookup.
    /// The hash the next event of a record chains to. With `at`, also refuses an event dated before the record's
    /// previous event (DESIGN §11.2): a trail is in time order, and nothing is slipped in behind its history.
    static func previousHash(
        _ kind: Kind, parentId: Int64, sequence: Int, at: Date? = nil, _ db: Database
    ) throws -> Data {
        if sequence <= 1 {
            guard
                let number = try String.fetchOne(
                    db.cachedStatement(sql: "SELECT number FROM \(kind.subjectTable) WHERE id = ?"),
                    arguments: [parentId])
            else { throw StoreError.storage("\(kind.subjectTable) row \(parentId) does not exist") }
            return start(kind, number: number)
        }
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT hash, at FROM \(kind.eventTable) WHERE \(kind.parentColumn) = ? AND sequence = ?"),
                arguments: [parentId, sequence - 1]),
            let previous = row["hash"] as Data?
        else {
            throw StoreError.storage(
                "\(kind.rawValue) row \(parentId): event \(sequence - 1) or its hash is missing; run db check")
        }
        if let at, let before = try row.date("at", of: "\(kind.rawValue) row \(parentId), event \(sequence - 1)"),
            at < before
        {
            let number =
                try String.fetchOne(
                    db, sql: "SELECT number FROM \(kind.subjectTable) WHERE id = ?", arguments: [parentId]) ?? "?"
            throw StoreError.outOfOrder(subject: "\(kind.rawValue) \(number)", at: at, previous: before)
        }
        return previous
    }
}

/// Follows one record's chain, event by event, and names each event that breaks it (`db check`).
struct ChainVerifier {
    let kind: EventChain.Kind
    let number: String
    private var previous: Data
    private var lastSequence = 0
    /// Every break found, in sequence order, up to `listedPerRecord`: the chain is followed past a break, so that each
    /// changed, missing or added event is named, not only the first.
    private(set) var problems: [IntegrityProblem] = []
    /// Breaks found beyond those listed.
    private var unlisted = 0

    /// Breaks named per record; a record rewritten from end to end says how many more it has.
    static let listedPerRecord = 5

    init(_ kind: EventChain.Kind, number: String) {
        self.kind = kind
        self.number = number
        previous = EventChain.start(kind, number: number)
    }

    private var subject: CheckSubject { .record(kind, number: number) }

    private mutating func report(_ problem: IntegrityProblem) {
        if problems.count < Self.listedPerRecord { problems.append(problem) } else { unlisted += 1 }
    }

    /// Checks the next stored event row (rows come in sequence order). After a break the chain goes on from the stored
    /// hash of the event that broke it: an event changed in place does not hide the events after it, and the event
    /// after a gap (whose predecessor is gone) is taken as it is, since nothing is left to check its link against.
    mutating func next(_ row: Row) {
        let sequence: Int = row["sequence"]
        let stored = row["hash"] as Data?
        let gap = sequence != lastSequence + 1
        if gap {
            let problem: CheckText =
                lastSequence == 0
                ? .firstEventsMissing(firstLeft: sequence)
                : sequence <= lastSequence
                    ? .outOfOrder(sequence: sequence, after: lastSequence)
                    : .eventsMissing(from: lastSequence, to: sequence)
            report(IntegrityProblem(subject: subject, event: lastSequence + 1, problem))
        }
        lastSequence = max(lastSequence, sequence)
        let expected = EventChain.hash(after: previous, EventChain.fields(kind, of: row))
        guard let stored else {
            report(IntegrityProblem(subject: subject, event: sequence, .noChainHash))
            previous = expected
            return
        }
        if !gap, stored != expected {
            report(IntegrityProblem(subject: subject, event: sequence, .hashMismatch))
        }
        previous = stored
    }

    /// Ends the record: its row counts `eventCount` events, so any after the last one seen were deleted. A count
    /// that is not a whole number from 1 to `StoredCount.maximumEvents` is named as such.
    mutating func finish(eventCount stored: DatabaseValue) {
        defer {
            if unlisted > 0 {
                problems.append(IntegrityProblem(subject: subject, .moreBreaks(unlisted)))
            }
        }
        guard let eventCount = Int.fromDatabaseValue(stored), StoredCount.eventCounts.contains(eventCount) else {
            report(
                IntegrityProblem(
                    subject: subject, .eventCountOutOfRange(stored: "\(stored)", range: StoredCount.eventCounts)))
            return
        }
        if lastSequence < eventCount {
            report(
                IntegrityProblem(
                    subject: subject, event: lastSequence + 1,
                    .tailMissing(kind, count: eventCount, lastLeft: lastSequence == 0 ? nil : lastSequence)))
        } else if lastSequence > eventCount {
            report(IntegrityProblem(subject: subject, event: eventCount + 1, .notCounted(kind, count: eventCount)))
        }
    }
}
