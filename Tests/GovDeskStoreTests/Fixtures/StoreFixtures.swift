import Foundation
import GRDB
import GovDeskCore
import GovDeskTestSupport
import GovDeskStore

/// The test hall: the hotline centre and two bureaus, and one staff member per role.
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
            StaffMember(code: "cgj1", name: "城管承办人", department: "CGJ", roles: [.liaison]),
            StaffMember(code: "zjj1", name: "住建承办人", department: "ZJJ", roles: [.liaison]),
            StaffMember(code: "sh1", name: "审核员一", department: "RX12345", roles: [.reviewer]),
            StaffMember(code: "db1", name: "督办一", department: "RX12345", roles: [.supervisor]),
        ])
}

/// A fresh in-memory database with the test hall loaded.
func makeDatabase() throws -> GovDeskDatabase {
    let database = try GovDeskDatabase.inMemory()
    try database.load(makeReferenceData())
    return database
}

/// An intake record that passes validation.
func makeIntake(type: TicketType = .complaint, phone: String = "13812341234") -> Ticket.Intake {
    Ticket.Intake(
        channel: .phone, type: type, topic: "城市管理/市容环境/占道经营", callerName: "张三", callerPhone: phone,
        address: "人民路 1 号", street: "城关街道", description: "人民路夜市占道经营，噪音扰民。")
}

extension GovDeskDatabase {
    /// Logs a ticket as `op1` at a local time given as `YYYY-MM-DDTHH:MM+08:00`; returns its number.
    @discardableResult
    func makeTicket(type: TicketType = .complaint, at time: String) throws -> String {
        try createTicket(makeIntake(type: type), actor: "op1", at: makeInstant(time), localTime: makeLocalTime()).number
    }

    /// Applies `command` to ticket `number` as `actor` at `time`.
    @discardableResult
    func run(_ command: TicketCommand, _ number: String, by actor: String, at time: String) throws -> Ticket {
        try apply(command, to: number, actor: actor, at: makeInstant(time), rules: makeRules()).ticket
    }

    /// Every row of every table, schema included, as text: equal dumps mean nothing was written.
    func dumpAllTables() throws -> String {
        try writer.read { db in
            var text = ""
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            for table in ["sqlite_master"] + tables {
                text += "== \(table)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)") {
                    text += row.description + "\n"
                }
            }
            return text
        }
    }
}

/// A new empty directory under the system's temporary directory; the caller removes it.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "govdesk-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
