import Foundation
import GovDeskCore
import GovDeskTestSupport

@testable import GovDeskStore

/// A small hall: windows A01 (w01, w02) and A02 (w03) of XZSP; items QY001 (1 working day, A01 and A02) and
/// QY002 (即办, A01); officer TYY01; `admin`, officer-admins `ty01`/`ty02`, supervisors `db01`/`db02`.
func makeHallReference() -> ReferenceData {
    ReferenceData(
        departments: [
            Department(code: "RX12345", name: "12345热线", kind: .centre),
            Department(code: "XZSP", name: "行政审批局", kind: .bureau),
        ],
        staff: [
            StaffMember(code: "admin", name: "系统管理员", department: "RX12345", roles: [.admin]),
            StaffMember(code: "w01", name: "郝强", department: "XZSP", roles: [.window]),
            StaffMember(code: "w02", name: "李建军", department: "XZSP", roles: [.window]),
            StaffMember(code: "w03", name: "王志刚", department: "XZSP", roles: [.window]),
            StaffMember(code: "ty01", name: "侯丽娟", department: "XZSP", roles: [.officerAdmin]),
            StaffMember(code: "ty02", name: "史晓慧", department: "XZSP", roles: [.officerAdmin]),
            StaffMember(code: "db01", name: "崔亮", department: "RX12345", roles: [.supervisor]),
            StaffMember(code: "db02", name: "贾伟", department: "RX12345", roles: [.supervisor]),
        ],
        windows: [
            ServiceWindow(code: "A01", name: "企业开办综合窗口1", department: "XZSP", staff: ["w01", "w02"]),
            ServiceWindow(code: "A02", name: "企业开办综合窗口2", department: "XZSP", staff: ["w03"]),
        ],
        items: [
            ServiceItem(
                code: "QY001", name: "有限责任公司设立登记", department: "XZSP", committedDays: 1, windows: ["A01", "A02"]),
            ServiceItem(code: "QY002", name: "个体工商户设立登记", department: "XZSP", committedDays: 0, windows: ["A01"]),
        ],
        officers: [Officer(code: "TYY01", name: "冯婷婷", background: .partyDeputy, phone: "13835501234")])
}

func makeHallDatabase() throws -> GovDeskDatabase {
    let database = try GovDeskDatabase.inMemory()
    try database.load(makeHallReference())
    return database
}
