import Foundation
import GRDB
import GovDeskCore

/// One problem `db check` found.
public struct IntegrityProblem: Equatable, Sendable, CustomStringConvertible {
    /// The ticket concerned, when the problem is a ticket's.
    public var ticket: String?
    /// The event's sequence number, when one event is at fault.
    public var event: Int?
    public var message: String

    public var description: String {
        var subject = ""
        if let ticket { subject = "ticket \(ticket)" }
        if let event { subject += ", event \(event)" }
        return subject.isEmpty ? message : "\(subject): \(message)"
    }
}

/// What `db check` found.
public struct IntegrityReport: Equatable, Sendable {
    public var ticketsChecked = 0
    public var eventsChecked = 0
    public var problems: [IntegrityProblem] = []

    public var isClean: Bool { problems.isEmpty }
}

extension GovDeskDatabase {
    /// SQLite's integrity and foreign-key checks, then every ticket replayed from its events and compared with its
    /// row (DESIGN §2.4, §8). Streams rows, so memory does not grow with the history.
    public func check() throws -> IntegrityReport {
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
                while let eventRow = pending, (eventRow["ticketId"] as Int64) <= id {
                    if (eventRow["ticketId"] as Int64) == id {
                        do {
                            history.append(try TicketEventRow.event(from: eventRow))
                        } catch {
                            report.problems.append(
                                IntegrityProblem(
                                    ticket: number, event: eventRow["sequence"], message: "unreadable event"))
                        }
                    }
                    pending = try events.next()
                }
                report.ticketsChecked += 1
                report.eventsChecked += history.count
                do {
                    let stored = try TicketRow.ticket(from: row)
                    let replayed = try Ticket.replay(history)
                    if replayed != stored {
                        report.problems.append(
                            IntegrityProblem(
                                ticket: number, event: history.last?.sequence,
                                message:
                                    "its row differs from what its events record (\(Self.difference(stored, replayed)))"
                            ))
                    }
                } catch let error as ReplayError {
                    if case .inconsistent(_, let sequence, let message) = error {
                        report.problems.append(IntegrityProblem(ticket: number, event: sequence, message: message))
                    }
                } catch {
                    report.problems.append(IntegrityProblem(ticket: number, message: "\(error)"))
                }
            }
            if let orphan = pending {
                report.problems.append(
                    IntegrityProblem(message: "event of unknown ticket id \(orphan["ticketId"] as Int64? ?? 0)"))
            }
            return report
        }
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

    /// A consistent copy of the whole database at `destination`, taken while others may be writing.
    public func backup(to destination: String) throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw StoreError.cannotOpen(path: destination, reason: "the file exists; choose a new name for the backup")
        }
        do {
            let target = try DatabaseQueue(path: destination)
            try writer.backup(to: target)
            try target.close()
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(atPath: destination)
            throw StoreError.cannotOpen(path: destination, reason: Self.describe(error))
        }
    }
}
