import Foundation
import GRDB
import GovDeskCore

/// What a citizen sees of a ticket on the progress lookup (办理进度自助查询, DESIGN §12): the state, the department,
/// the deadlines and the approved answer — never the caller's name, phone, address or own words.
public struct TrackedTicket: Sendable, Equatable {
    public var number: String
    public var state: TicketState
    public var type: TicketType
    public var topic: String
    /// The lead department's name, once dispatched.
    public var department: String?
    public var createdAt: Date
    public var signDeadline: Date?
    public var deadline: Date?
    public var closedAt: Date?
    /// The answer that counts (the approved reply, or the answer given at intake) once closed.
    public var answer: String?
    /// The ticket a duplicate was merged into.
    public var mergedInto: String?
}

extension GovDeskDatabase {
    /// The ticket `number` as a citizen may see it, when `phoneEnding` is the last four digits of its caller's phone;
    /// nil when there is no such ticket or the digits differ — the same answer for both, so the lookup does not tell
    /// which ticket numbers exist. A ticket logged without a phone cannot be looked up this way.
    public func trackedTicket(number: String, phoneEnding: String) throws -> TrackedTicket? {
        guard phoneEnding.count == 4, phoneEnding.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE number = ?", arguments: [number])
            else { return nil }
            let ticket = try TicketRow.ticket(from: row)
            let digits = ticket.callerPhone.filter { $0.isASCII && $0.isNumber }
            guard digits.count >= 4, Self.equalInConstantTime(String(digits.suffix(4)), phoneEnding) else {
                return nil
            }
            return try Self.tracked(ticket, db)
        }
    }

    /// The ticket an Open311 client was given `trackingCode` for, as a citizen may see it; nil when no ticket has it.
    public func trackedTicket(trackingCode: String) throws -> TrackedTicket? {
        guard let number = try ticketNumber(trackingCode: trackingCode) else { return nil }
        return try read { db in try Self.tracked(try ticketRow(number, db).1, db) }
    }

    /// Tickets whose caller called from `phone` — digits compared, spaces and dashes ignored — newest first, at most
    /// `limit`, with how many there are: for a reader who may see callers' data by role (`Permission.readCallerData`),
    /// audited as `search-pii` with the number masked, in the same transaction (DESIGN §11.1).
    public func tickets(
        callerPhone phone: String, actor actorCode: String, at now: Date, limit: Int
    ) throws -> (tickets: [Ticket], total: Int) {
        let digits = phone.filter { $0.isASCII && $0.isNumber }
        return try write { db in
            let member = try actor(actorCode, db)
            try Permission.readCallerData.authorize(member)
            let condition = "replace(replace(callerPhone, ' ', ''), '-', '') = ?"
            let total = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM ticket WHERE \(condition)", arguments: [digits])!
            let tickets = try Row.fetchAll(
                db, sql: "SELECT * FROM ticket WHERE \(condition) ORDER BY createdAt DESC, id DESC LIMIT ?",
                arguments: [digits, limit]
            ).map(TicketRow.ticket(from:))
            try recordAudit(
                actor: member.code, action: "search-pii",
                details: ["phone": PersonalData.maskPhone(digits), "found": String(total)], at: now, db)
            return (tickets, total)
        }
    }

    static func tracked(_ ticket: Ticket, _ db: Database) throws -> TrackedTicket {
        let department = try ticket.leadDepartment.flatMap {
            try String.fetchOne(db, sql: "SELECT name FROM department WHERE code = ?", arguments: [$0])
        }
        return TrackedTicket(
            number: ticket.number, state: ticket.state, type: ticket.type, topic: ticket.topic,
            department: department, createdAt: ticket.createdAt, signDeadline: ticket.signDeadline,
            deadline: ticket.deadline, closedAt: ticket.state == .closed ? ticket.closedAt : nil,
            answer: ticket.state == .closed
                ? ticket.answerText.map {
                    PersonalData.redacted($0, names: [ticket.callerName], phones: [ticket.callerPhone])
                } : nil,
            mergedInto: ticket.mergedInto)
    }

    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
