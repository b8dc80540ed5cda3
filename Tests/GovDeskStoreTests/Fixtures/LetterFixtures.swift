import Foundation
import GovDeskCore
import GovDeskTestSupport
import GovDeskStore

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
        rules: makeRules())
    if sign {
        try database.apply(
            .sign, to: ticket.number, actor: lead.lowercased() + "1", at: createdAt.addingTimeInterval(3600),
            rules: makeRules())
    }
    return ticket.number
}
