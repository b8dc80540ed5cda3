import Foundation
import GovDeskCore
import GovDeskStore

/// The hotline centre RX12345 and two bureaus, with one member per job.
func makeReferenceData() -> ReferenceData {
    ReferenceData(
        departments: [
            Department(code: "RX12345", name: "潞州区12345政务服务便民热线中心", kind: .centre),
            Department(code: "CGJ", name: "潞州区城市管理局", kind: .bureau),
            Department(code: "ZJJ", name: "潞州区住房和城乡建设局", kind: .bureau),
        ],
        staff: [
            StaffMember(code: "admin", name: "系统管理员", department: "RX12345", roles: [.admin]),
            StaffMember(code: "op1", name: "受理员一", department: "RX12345", roles: [.operator]),
            StaffMember(code: "pd1", name: "派单员一", department: "RX12345", roles: [.dispatcher]),
            StaffMember(code: "sh1", name: "审核员一", department: "RX12345", roles: [.reviewer]),
            StaffMember(code: "db1", name: "督办一", department: "RX12345", roles: [.supervisor]),
            StaffMember(code: "cgj1", name: "城管承办人", department: "CGJ", roles: [.liaison]),
            StaffMember(code: "zjj1", name: "住建承办人", department: "ZJJ", roles: [.liaison]),
        ])
}

/// An in-memory database with the reference data loaded.
func makeDatabase() throws -> GovDeskDatabase {
    let database = try GovDeskDatabase.inMemory()
    try database.load(makeReferenceData())
    return database
}

/// Local time in Asia/Shanghai.
func makeLocalTime() -> LocalTime { LocalTime(timeZone: makeTimeZone()) }

/// An instant from local `YYYY-MM-DDTHH:MM[:SS]`.
func makeLocal(_ text: String) -> Date {
    guard let date = makeLocalTime().parse(text) else { fatalError("\(text) is not a local time") }
    return date
}

/// Deadline rules with the default limits over the 2024–2026 calendar.
func makeDeadlineRules() -> DeadlineRules {
    DeadlineRules(calendar: makeCalendar(), limits: GovDeskConfiguration.Limits())
}

/// A complaint created at `created`, dispatched to `lead` half an hour later and, unless `sign` is false, signed
/// by its liaison an hour after creation.
func makeTicket(
    _ database: GovDeskDatabase, created: String, lead: String = "CGJ", sign: Bool = true
) throws -> String {
    let createdAt = makeLocal(created)
    let ticket = try database.createTicket(
        Ticket.Intake(
            channel: .phone, type: .complaint, topic: "城市管理/市容环境/占道经营", callerName: "张三",
            callerPhone: "13812341234", description: "人民路夜市占道经营。"),
        actor: "op1", at: createdAt, localTime: makeLocalTime())
    try database.apply(
        .dispatch(lead: lead, co: []), to: ticket.number, actor: "pd1", at: createdAt.addingTimeInterval(1800),
        rules: makeDeadlineRules())
    if sign {
        try database.apply(
            .sign, to: ticket.number, actor: lead.lowercased() + "1", at: createdAt.addingTimeInterval(3600),
            rules: makeDeadlineRules())
    }
    return ticket.number
}
