import Foundation
import GRDB
import GovDeskCore

/// One problem `db check` found, in either language (`text(_:)`); its `description` is the English line that
/// `db check --json` prints.
public struct IntegrityProblem: Equatable, Sendable, CustomStringConvertible {
    /// The record, row or object concerned, if any.
    var subject: CheckSubject?
    /// The event's sequence number, when one event is at fault.
    public var event: Int?
    /// What is wrong with it.
    var finding: CheckText

    init(subject: CheckSubject? = nil, event: Int? = nil, _ finding: CheckText) {
        self.subject = subject
        self.event = event
        self.finding = finding
    }

    /// The problem's line in `language`: Chinese from `Messages+zh.swift`, English from `Messages+en.swift`.
    public func text(_ language: Language) -> String {
        switch language {
        case .zh: return chineseText
        case .en: return englishText
        }
    }

    public var description: String { englishText }
}

/// The stages of `db check`, for a progress line.
public enum CheckStage: Sendable {
    case integrity, tickets, cases, findings, ledger, closedMonths
}

/// What `db check` found.
public struct IntegrityReport: Equatable, Sendable {
    /// Records of one kind named at most, each with its problems; the rest are counted in one line, so that a
    /// rewritten table does not bury the other findings.
    public static let recordsListedPerKind = 100

    public var ticketsChecked = 0
    public var eventsChecked = 0
    /// Window cases and findings whose event chains were verified.
    public var casesChecked = 0
    public var findingsChecked = 0
    /// Entries of the ledger verified (DESIGN §11.4).
    public var ledgerEntries = 0
    /// Whether the seal given to the check is on the ledger; nil when none was given.
    public var sealVerified: Bool?
    public var problems: [IntegrityProblem] = []

    public var isClean: Bool { problems.isEmpty }
}

extension GovDeskDatabase {
    /// SQLite's integrity and foreign-key checks, then every ticket, window case and finding replayed from its events
    /// and compared with its row (DESIGN §2.4, §11.4), and every record's event hash chain verified (`EventChain`):
    /// the first event of a record that was changed or deleted is named, and the columns in which a row differs from
    /// what its events record. Streams rows, so memory does not grow with the history.
    ///
    /// Then the ledger (DESIGN §11.4): its chain, the `seal` if one is given (a head printed earlier by `db seal`),
    /// and every ledgered row against the entry that last recorded it.
    public func check(seal: Data? = nil, progress: ((CheckStage, _ done: Int, _ total: Int?) -> Void)? = nil) throws
        -> IntegrityReport
    {
        try read { db in
            var report = IntegrityReport()
            progress?(.integrity, 0, nil)
            for message in try String.fetchAll(db, sql: "PRAGMA integrity_check") where message != "ok" {
                report.problems.append(IntegrityProblem(.sqliteIntegrity(message)))
            }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                report.problems.append(
                    IntegrityProblem(.foreignKey(table: row[0] as String? ?? "?", rowid: row[1] as Int64? ?? 0)))
            }
            // The schema first: a trigger, view, table, index or column that is not GovDesk's is named (and every
            // write refuses to run with it, see `SchemaShape`).
            let altered = try SchemaShape.differences(db)
            report.problems += altered
            do {
                let tickets = try replayAll(.tickets, into: &report, db, stage: .tickets, progress)
                report.ticketsChecked = tickets.records
                report.eventsChecked = tickets.events
                report.casesChecked = try replayAll(.windowCases, into: &report, db, stage: .cases, progress).records
                report.findingsChecked = try replayAll(.findings, into: &report, db, stage: .findings, progress).records
                progress?(.ledger, 0, nil)
                try verifyLedger(seal: seal, into: &report, db)
                progress?(.closedMonths, 0, nil)
                try verifyClosedMonths(into: &report, db)
            } catch let error as DatabaseError where !altered.isEmpty {
                // A table dropped or changed leaves the rest of the check unable to read it: the schema's problems
                // above say why.
                report.problems.append(IntegrityProblem(.restNotChecked(Self.describe(error))))
            }
            return report
        }
    }

    /// Replays every record of one kind, merging two cursors (records by id, events by record and sequence): verifies
    /// each record's event chain, rebuilds the record from its events and compares it with its row. Returns the
    /// number of records and of readable events checked.
    private func replayAll<Record: Equatable, Event: SequencedEvent>(
        _ kind: ReplayedKind<Record, Event>, into all: inout IntegrityReport, _ db: Database, stage: CheckStage,
        _ progress: ((CheckStage, Int, Int?) -> Void)?
    ) throws -> (records: Int, events: Int) {
        let chainKind = kind.chain
        let total = try progress.map { _ in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(chainKind.subjectTable)")
        }
        progress?(stage, 0, total ?? nil)
        // This kind's problems, record by record: the first `recordsListedPerKind` records are named, the rest
        // counted.
        var found: [IntegrityProblem] = []
        var recordsListed = 0
        var recordsUnlisted = 0
        func close(record problems: [IntegrityProblem]) {
            guard !problems.isEmpty else { return }
            if recordsListed < IntegrityReport.recordsListedPerKind {
                all.problems += problems
                recordsListed += 1
            } else {
                recordsUnlisted += 1
            }
        }
        defer {
            if recordsUnlisted > 0 {
                all.problems.append(IntegrityProblem(subject: .records(chainKind), .moreRecords(recordsUnlisted)))
            }
        }
        let records = try Row.fetchCursor(db, sql: kind.recordsSQL)
        let events = try Row.fetchCursor(
            db, sql: "SELECT * FROM \(chainKind.eventTable) ORDER BY \(chainKind.parentColumn), sequence")
        var pending: Row? = try events.next()
        var counted = (records: 0, events: 0)
        while let row = try records.next() {
            let id: Int64 = row["id"]
            let number: String = row["number"]
            let subject = CheckSubject.record(chainKind, number: number)
            var history: [Event] = []
            var chain = ChainVerifier(chainKind, number: number)
            while let eventRow = pending, (eventRow[chainKind.parentColumn] as Int64) <= id {
                if (eventRow[chainKind.parentColumn] as Int64) == id {
                    chain.next(eventRow)
                    do {
                        history.append(try kind.event(eventRow))
                    } catch {
                        found.append(IntegrityProblem(subject: subject, event: eventRow["sequence"], .unreadableEvent))
                    }
                }
                pending = try events.next()
            }
            counted.records += 1
            counted.events += history.count
            progress?(stage, counted.records, total ?? nil)
            chain.finish(eventCount: row["eventCount"])
            let countReported = !chain.problems.isEmpty
            found += chain.problems
            defer {
                close(record: found)
                found = []
            }
            do {
                let stored = try kind.record(row)
                let replayed = try kind.replay(history, row)
                if replayed != stored {
                    found.append(
                        IntegrityProblem(
                            subject: subject, event: history.last?.sequence,
                            .rowDiffers(columns: Self.difference(stored, replayed, columns: kind.columnNames))))
                }
                if let problem = try kind.links(row, replayed) {
                    found.append(IntegrityProblem(subject: subject, problem))
                }
            } catch is StoredValueError where countReported {
                // The chain's problem above names the record already.
            } catch let error as ReplayError {
                if case .inconsistent(_, let sequence, let message) = error {
                    found.append(IntegrityProblem(subject: subject, event: sequence, .recordProblem(message)))
                }
            } catch {
                let phrase =
                    (error as? any GovDeskError).map { Phrase(chinese: $0.chineseMessage, english: $0.englishMessage) }
                    ?? Phrase(verbatim: "\(error)")
                found.append(IntegrityProblem(subject: subject, .recordProblem(phrase)))
            }
        }
        if let orphan = pending {
            let parent = orphan[chainKind.parentColumn] as Int64? ?? 0
            all.problems.append(IntegrityProblem(.orphanEvent(chainKind, parent: parent)))
        }
        return counted
    }

    /// Names the first five columns in which two records differ, for a message a person can follow (none when no
    /// column tells them apart). `columns` renames the properties whose column is called otherwise.
    static func difference<Record>(_ stored: Record, _ replayed: Record, columns: [String: String] = [:]) -> [String] {
        let a = Mirror(reflecting: stored).children
        let b = Array(Mirror(reflecting: replayed).children)
        var names: [String] = []
        for (index, child) in a.enumerated() where index < b.count {
            if "\(child.value)" != "\(b[index].value)" {
                let label = child.label ?? "?"
                names.append(columns[label] ?? label)
            }
        }
        return Array(names.prefix(5))
    }

    /// Removes the temporary copies (`.NAME.PID.partial`) of backups to `name` in `folder` whose process is gone (a
    /// copy killed halfway): only files that are GovDesk databases or empty.
    static func removeAbandonedCopies(of name: String, in folder: String) {
        let prefix = "." + name + "."
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".partial") {
            let middle = entry.dropFirst(prefix.count).dropLast(".partial".count)
            guard let pid = pid_t(middle), pid > 0, kill(pid, 0) == -1, errno == ESRCH else { continue }
            let path = folder + "/" + entry
            var status = stat()
            guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
                status.st_size == 0 || kind(ofFileAt: path) != nil
            else { continue }
            removeFiles(of: path)
        }
    }

    /// A consistent copy of the whole database at `destination`, taken while others may be writing (DESIGN §11.3):
    /// by a supervisor or an administrator (a backup holds every caller's personal data), audited, written under a
    /// temporary name beside `destination` with mode 0600, checked, and only then put into place. A copy killed
    /// halfway leaves no file at `destination`; an existing file there is replaced only when `replacing` (`--force`,
    /// DESIGN §11.3), by renaming the checked copy over it, so it is whole before and after.
    public func backup(
        to destination: String, actor actorCode: String, at now: Date, replacing: Bool = false,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws {
        let member = try read { db in try actor(actorCode, db) }
        try Permission.backup.authorize(member)
        let url = URL(fileURLWithPath: destination)
        let folder = url.deletingLastPathComponent().path
        var status = stat()
        let exists = lstat(destination, &status) == 0
        if exists, !replacing || (status.st_mode & S_IFMT) != S_IFREG {
            throw StoreError.backupExists(destination)
        }
        // A database in use beside its -wal would read that log into the copy put in its place.
        for suffix in ["-wal", "-shm", "-journal"] where exists && lstat(destination + suffix, &status) == 0 {
            throw StoreError.backupInUse(destination, companion: destination + suffix)
        }
        let temporary = folder + "/." + url.lastPathComponent + ".\(getpid()).partial"
        Self.removeFiles(of: temporary)
        Self.removeAbandonedCopies(of: url.lastPathComponent, in: folder)
        let descriptor: Int32
        do {
            descriptor = try Self.openPrivateFile(temporary, group: Self.sharedGroup(ofFileAt: path))
        } catch {
            throw StoreError.cannotOpen(
                path: destination, reason: "cannot create a file in \(folder) (\(Self.errnoText()))")
        }
        close(descriptor)
        do {
            let target = try DatabaseQueue(path: temporary)
            try writer.backup(
                to: target, pagesPerStep: 1024,
                progress: progress.map { report in { report($0.completedPageCount, $0.totalPageCount) } })
            let check = try target.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            try target.close()
            guard check == ["ok"] else {
                throw StoreError.storage(
                    "the copy failed its integrity check: \(check.prefix(3).joined(separator: "; "))")
            }
            try Self.syncToDisk(temporary)
            guard (replacing ? rename(temporary, destination) : link(temporary, destination)) == 0 else {
                throw errno == EEXIST
                    ? StoreError.backupExists(destination)
                    : StoreError.storage("\(destination): the copy cannot be put in place (\(Self.errnoText()))")
            }
            Self.removeFiles(of: temporary)
            try Self.syncToDisk(folder)
        } catch let error as DatabaseError {
            Self.removeFiles(of: temporary)
            throw StoreError.cannotOpen(path: destination, reason: Self.describe(error))
        } catch {
            Self.removeFiles(of: temporary)
            throw error
        }
        try recordAudit(actor: member.code, action: "backup", details: ["file": destination], at: now)
    }
}

/// One kind of record that `db check` replays: how its rows and events are read, and how its events rebuild it.
struct ReplayedKind<Record: Equatable, Event: SequencedEvent> {
    let chain: EventChain.Kind
    /// Every record with `id`, `number` and `eventCount` and whatever `record` reads, in id order.
    let recordsSQL: String
    /// The record as its row stores it.
    let record: (Row) throws -> Record
    let event: (Row) throws -> Event
    /// The record its events rebuild; the row gives only the identity columns that no event records.
    let replay: ([Event], Row) throws -> Record
    /// Property names that are not the column's name.
    var columnNames: [String: String] = [:]
    /// A problem with the row's links to other tables that the comparison cannot see, if any.
    var links: (Row, Record) throws -> CheckText? = { _, _ in nil }
}

extension ReplayedKind where Record == Ticket, Event == TicketEvent {
    /// Every column of a ticket's row is replayed from its events, its number included (the creation event's).
    static var tickets: Self {
        ReplayedKind(
            chain: .ticket, recordsSQL: "SELECT * FROM ticket ORDER BY id", record: TicketRow.ticket(from:),
            event: TicketEventRow.event(from:), replay: { events, _ in try Ticket.replay(events) })
    }
}

extension ReplayedKind where Record == WindowCase, Event == CaseEvent {
    /// A case's number and applicant are its identity (`WindowCase.Identity`): no event records them. The number is
    /// bound by the event chain, whose first hash is made from it; the applicant is covered by the ledger only.
    static var windowCases: Self {
        ReplayedKind(
            chain: .windowCase, recordsSQL: "SELECT * FROM windowCase ORDER BY id", record: CaseRow.windowCase(from:),
            event: CaseRow.event(from:),
            replay: { events, row in
                try WindowCase.replay(
                    events,
                    identity: WindowCase.Identity(
                        number: row["number"], applicantName: row["applicantName"],
                        applicantPhone: row["applicantPhone"]))
            })
    }
}

extension ReplayedKind where Record == Finding, Event == FindingEvent {
    /// A finding's number is its identity (bound by the event chain). Its case link (`caseId`) is compared as the
    /// number of the case the creation event names; its rating link (`ratingId`) is recorded by no event, so it is
    /// checked to name a rating of that same case.
    static var findings: Self {
        ReplayedKind(
            chain: .finding,
            recordsSQL: """
                SELECT f.*, c.number AS caseNumber, rc.number AS ratingCaseNumber
                FROM finding f LEFT JOIN windowCase c ON c.id = f.caseId
                    LEFT JOIN rating r ON r.id = f.ratingId LEFT JOIN windowCase rc ON rc.id = r.caseId
                ORDER BY f.id
                """,
            record: FindingRow.finding(from:), event: FindingRow.event(from:),
            replay: { events, row in try Finding.replay(events, number: row["number"]) },
            columnNames: ["caseNumber": "caseId"],
            links: { row, replayed in
                guard let ratingId = row["ratingId"] as Int64? else { return nil }
                let ratingCase = row["ratingCaseNumber"] as String?
                guard ratingCase != replayed.caseNumber else { return nil }
                return .ratingLink(ratingId: ratingId, ratingCase: ratingCase, eventsCase: replayed.caseNumber)
            })
    }
}

/// An event of a record's trail, numbered from 1.
protocol SequencedEvent {
    var sequence: Int { get }
}

extension TicketEvent: SequencedEvent {}
extension CaseEvent: SequencedEvent {}
extension FindingEvent: SequencedEvent {}
