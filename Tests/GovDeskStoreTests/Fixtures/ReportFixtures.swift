import Foundation
import GRDB
import GovDeskCore
import GovDeskTestSupport
@testable import GovDeskStore

/// A small hall for report tests: the hotline centre and two bureaus, CGJ (城管局) and ZJJ (住建局), with one
/// staff member per job, over an in-memory database (or a file), in a chosen time zone.
struct ReportBench {
    let database: GovDeskDatabase
    let zone: TimeZone
    let localTime: LocalTime
    let rules: DeadlineRules

    /// Over an in-memory database, or over the database file at `path` when given.
    init(zone identifier: String = "Asia/Shanghai", path: String? = nil) throws {
        zone = TimeZone(identifier: identifier)!
        localTime = LocalTime(timeZone: zone)
        rules = DeadlineRules(
            calendar: try WorkingCalendar(years: makeCalendarYears(), timeZone: zone),
            limits: GovDeskConfiguration.Limits())
        database = try path.map { try GovDeskDatabase(path: $0) } ?? GovDeskDatabase.inMemory()
        try database.load(
            ReferenceData(
                departments: [
                    Department(code: "RX12345", name: "12345热线中心", kind: .centre),
                    Department(code: "CGJ", name: "城市管理局", kind: .bureau),
                    Department(code: "ZJJ", name: "住房和城乡建设局", kind: .bureau),
                ],
                staff: [
                    StaffMember(code: "admin", name: "管理员", department: "RX12345", roles: [.admin]),
                    StaffMember(code: "op1", name: "受理员", department: "RX12345", roles: [.operator]),
                    StaffMember(code: "pd1", name: "派单员", department: "RX12345", roles: [.dispatcher]),
                    StaffMember(code: "sh1", name: "审核员", department: "RX12345", roles: [.reviewer]),
                    StaffMember(code: "db1", name: "督办", department: "RX12345", roles: [.supervisor]),
                    StaffMember(code: "cgj1", name: "城管承办人", department: "CGJ", roles: [.liaison]),
                    StaffMember(code: "zjj1", name: "住建承办人", department: "ZJJ", roles: [.liaison]),
                ]))
    }

    /// An instant from `YYYY-MM-DDTHH:MM` in the bench's zone, or with an explicit offset.
    func at(_ text: String) -> Date {
        guard let date = localTime.parse(text) else { fatalError("\(text) is not a time") }
        return date
    }

    /// Logs a ticket at `time` and returns its number.
    @discardableResult
    func new(
        _ time: String, type: TicketType = .complaint, channel: Channel = .phone,
        topic: String = "城市管理/市容环境/占道经营", phone: String = "13800000000", urgency: Urgency = .normal
    ) throws -> String {
        try database.createTicket(
            Ticket.Intake(
                channel: channel, type: type, topic: topic, urgency: urgency, callerName: "张三", callerPhone: phone,
                description: "测试工单"),
            actor: "op1", at: at(time), localTime: localTime
        ).number
    }

    /// Applies `command` to ticket `number` by `actor` at `time`.
    func act(_ number: String, _ command: TicketCommand, by actor: String, at time: String) throws {
        try database.apply(command, to: number, actor: actor, at: at(time), rules: rules)
    }

    /// dispatch → sign → reply → approve, at the given times.
    func handle(
        _ number: String, to department: String, liaison: String, dispatch: String, sign: String, reply: String,
        approve: String
    ) throws {
        try act(number, .dispatch(lead: department, co: []), by: "pd1", at: dispatch)
        try act(number, .sign, by: liaison, at: sign)
        try act(number, .reply(text: "已处理", outcome: .resolved), by: liaison, at: reply)
        try act(number, .approve, by: "sh1", at: approve)
    }

    /// Appends an event the CLI cannot make (a letter, an import's dispatch or closing) the way the other parts
    /// of GovDesk record them: next sequence, state unchanged unless `to` says otherwise.
    func record(
        _ number: String, _ action: TicketAction, at time: String, to: TicketState? = nil,
        details: [String: String] = [:]
    ) throws {
        let ticket = try database.ticket(number)
        try database.writer.write { db in
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM ticket WHERE number = ?", arguments: [number])!
            let event = TicketEvent(
                sequence: ticket.eventCount + 1, action: action, from: ticket.state, to: to ?? ticket.state,
                actor: "admin", at: Date(epochSeconds: Int64(at(time).timeIntervalSince1970)), details: details)
            try TicketEventRow.insert(event, ticketId: id, db)
            try db.execute(
                sql: "UPDATE ticket SET eventCount = eventCount + 1, state = ? WHERE id = ?",
                arguments: [(to ?? ticket.state).rawValue, id])
        }
    }

    /// A supervision letter as the letters part records it.
    func letter(_ number: String, _ kind: String, to department: String, at time: String) throws {
        try record(
            number, .letter, at: time,
            details: ["kind": kind, "letterNumber": "DB-\(number)-\(kind)", "department": department, "deadline": "0"])
    }

    func report(_ month: String, trendMonths: Int = 1) throws -> MonthlyReport {
        try database.monthlyReport(for: Month(month)!, timeZone: zone, trendMonths: trendMonths)
    }
}
