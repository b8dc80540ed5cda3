import Foundation
import GRDB
import GovDeskCore

/// One problem `db check` found.
public struct IntegrityProblem: Equatable, Sendable, CustomStringConvertible {
    /// The record concerned, with its kind: `ticket 20250929-000001`, `case …`, `finding …`.
    public var subject: String?
    /// The event's sequence number, when one event is at fault.
    public var event: Int?
    public var message: String

    public var description: String {
        var prefix = subject ?? ""
        if let event { prefix += prefix.isEmpty ? "event \(event)" : ", event \(event)" }
        return prefix.isEmpty ? message : "\(prefix): \(message)"
    }
}

/// What `db check` found.
public struct IntegrityReport: Equatable, Sendable {
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
    /// SQLite's integrity and foreign-key checks, then every ticket replayed from its events and compared with its
    /// row (DESIGN §2.4, §8), and every ticket's, case's and finding's event hash chain verified (`EventChain`): the
    /// first event of a record that was changed or deleted is named. Streams rows, so memory does not grow with the
    /// history.
    ///
    /// Then the ledger (DESIGN §11.4): its chain, the `seal` if one is given (a head printed earlier by `db seal`),
    /// and every ledgered row against the entry that last recorded it.
    public func check(seal: Data? = nil) throws -> IntegrityReport {
        try read { db in
            var report = IntegrityReport()
            for message in try String.fetchAll(db, sql: "PRAGMA integrity_check") where message != "ok" {
                report.problems.append(IntegrityProblem(message: "SQLite integrity check: \(message)"))
            }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                report.problems.append(
                    IntegrityProblem(
                        message: "foreign key: table \(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0)"))
            }
            let tickets = try Row.fetchCursor(db, sql: "SELECT * FROM ticket ORDER BY id")
            let events = try Row.fetchCursor(db, sql: "SELECT * FROM ticketEvent ORDER BY ticketId, sequence")
            var pending: Row? = try events.next()
            while let row = try tickets.next() {
                let id: Int64 = row["id"]
                let number: String = row["number"]
                var history: [TicketEvent] = []
                var chain = ChainVerifier(.ticket, number: number)
                while let eventRow = pending, (eventRow["ticketId"] as Int64) <= id {
                    if (eventRow["ticketId"] as Int64) == id {
                        chain.next(eventRow)
                        do {
                            history.append(try TicketEventRow.event(from: eventRow))
                        } catch {
                            report.problems.append(
                                IntegrityProblem(
                                    subject: "ticket \(number)", event: eventRow["sequence"],
                                    message: "unreadable event"))
                        }
                    }
                    pending = try events.next()
                }
                report.ticketsChecked += 1
                report.eventsChecked += history.count
                chain.finish(eventCount: row["eventCount"])
                let countReported = chain.problem != nil
                if let problem = chain.problem { report.problems.append(problem) }
                do {
                    let stored = try TicketRow.ticket(from: row)
                    let replayed = try Ticket.replay(history)
                    if replayed != stored {
                        report.problems.append(
                            IntegrityProblem(
                                subject: "ticket \(number)", event: history.last?.sequence,
                                message:
                                    "its row differs from what its events record (\(Self.difference(stored, replayed)))"
                            ))
                    }
                } catch is StoredValueError where countReported {
                    // The chain's problem above names the record already.
                } catch let error as ReplayError {
                    if case .inconsistent(_, let sequence, let message) = error {
                        report.problems.append(
                            IntegrityProblem(subject: "ticket \(number)", event: sequence, message: message))
                    }
                } catch {
                    report.problems.append(IntegrityProblem(subject: "ticket \(number)", message: "\(error)"))
                }
            }
            if let orphan = pending {
                report.problems.append(
                    IntegrityProblem(message: "event of unknown ticket id \(orphan["ticketId"] as Int64? ?? 0)"))
            }
            report.casesChecked = try verifyChains(.windowCase, into: &report, db)
            report.findingsChecked = try verifyChains(.finding, into: &report, db)
            try verifyLedger(seal: seal, into: &report, db)
            return report
        }
    }

    /// Verifies the event chain of every record of `kind`, merging two cursors (records by id, events by record and
    /// sequence); returns the number of records checked.
    private func verifyChains(_ kind: EventChain.Kind, into report: inout IntegrityReport, _ db: Database) throws -> Int
    {
        let subjects = try Row.fetchCursor(
            db, sql: "SELECT id, number, eventCount FROM \(kind.subjectTable) ORDER BY id")
        let events = try Row.fetchCursor(
            db, sql: "SELECT * FROM \(kind.eventTable) ORDER BY \(kind.parentColumn), sequence")
        var pending: Row? = try events.next()
        var count = 0
        while let subject = try subjects.next() {
            let id: Int64 = subject["id"]
            var chain = ChainVerifier(kind, number: subject["number"])
            while let eventRow = pending, (eventRow[kind.parentColumn] as Int64) <= id {
                if (eventRow[kind.parentColumn] as Int64) == id { chain.next(eventRow) }
                pending = try events.next()
            }
            chain.finish(eventCount: subject["eventCount"])
            if let problem = chain.problem { report.problems.append(problem) }
            count += 1
        }
        if let orphan = pending {
            report.problems.append(
                IntegrityProblem(
                    message:
                        "\(kind.eventTable) row of unknown \(kind.rawValue) id \(orphan[kind.parentColumn] as Int64? ?? 0)"
                ))
        }
        return count
    }

    /// Names the first columns in which two tickets differ, for a message a person can follow.
    static func difference(_ stored: Ticket, _ replayed: Ticket) -> String {
        let a = Mirror(reflecting: stored).children
        let b = Array(Mirror(reflecting: replayed).children)
        var names: [String] = []
        for (index, child) in a.enumerated() where index < b.count {
            if "\(child.value)" != "\(b[index].value)" { names.append(child.label ?? "?") }
        }
        return names.isEmpty ? "no column named" : "columns: " + names.prefix(5).joined(separator: ", ")
    }

    /// A consistent copy of the whole database at `destination`, taken while others may be writing (DESIGN §11.3):
    /// by a supervisor or an administrator (a backup holds every caller's personal data), audited, written under a
    /// temporary name beside `destination` with mode 0600, checked, and only then linked into place. A copy killed
    /// halfway leaves no file at `destination`; an existing file there is never replaced.
    public func backup(to destination: String, actor actorCode: String, at now: Date) throws {
        let member = try read { db in try actor(actorCode, db) }
        try Permission.backup.authorize(member)
        let url = URL(fileURLWithPath: destination)
        let folder = url.deletingLastPathComponent().path
        var status = stat()
        if lstat(destination, &status) == 0 {
            throw StoreError.backupExists(destination)
        }
        let temporary = folder + "/." + url.lastPathComponent + ".\(getpid()).partial"
        Self.removeFiles(of: temporary)
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
            try writer.backup(to: target)
            let check = try target.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            try target.close()
            guard check == ["ok"] else {
                throw StoreError.storage(
                    "the copy failed its integrity check: \(check.prefix(3).joined(separator: "; "))")
            }
            try Self.syncToDisk(temporary)
            guard link(temporary, destination) == 0 else {
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
