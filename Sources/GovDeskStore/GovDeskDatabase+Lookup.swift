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

    static func tracked(_ ticket: Ticket, _ db: Database) throws -> TrackedTicket {
        let department = try ticket.leadDepartment.flatMap {
            try String.fetchOne(db, sql: "SELECT name FROM department WHERE code = ?", arguments: [$0])
        }
        return TrackedTicket(
            number: ticket.number, state: ticket.state, type: ticket.type, topic: ticket.topic,
            department: department, createdAt: ticket.createdAt, signDeadline: ticket.signDeadline,
            deadline: ticket.deadline, closedAt: ticket.state == .closed ? ticket.closedAt : nil,
            answer: ticket.state == .closed ? ticket.answerText : nil, mergedInto: ticket.mergedInto)
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
