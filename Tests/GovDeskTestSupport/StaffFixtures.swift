import GovDeskCore

/// The staff of the test hall: the hotline centre RX12345 and two bureaus, CGJ (城管局) and ZJJ (住建局).
///
/// `admin` [admin], `op1` [operator], `pd1` [dispatcher], `cgj1` [liaison, CGJ], `zjj1` [liaison, ZJJ],
/// `sh1` [reviewer], `db1` [supervisor], `rv1` [reviewer, liaison, CGJ].
public func makeStaffMember(_ code: String) -> StaffMember {
    switch code {
    case "admin": return StaffMember(code: "admin", name: "系统管理员", department: "RX12345", roles: [.admin])
    case "op1": return StaffMember(code: "op1", name: "受理员一", department: "RX12345", roles: [.operator])
    case "pd1": return StaffMember(code: "pd1", name: "派单员一", department: "RX12345", roles: [.dispatcher])
    case "cgj1": return StaffMember(code: "cgj1", name: "城管承办人", department: "CGJ", roles: [.liaison])
    case "zjj1": return StaffMember(code: "zjj1", name: "住建承办人", department: "ZJJ", roles: [.liaison])
    case "sh1": return StaffMember(code: "sh1", name: "审核员一", department: "RX12345", roles: [.reviewer])
    case "db1": return StaffMember(code: "db1", name: "督办一", department: "RX12345", roles: [.supervisor])
    case "rv1": return StaffMember(code: "rv1", name: "兼职审核", department: "CGJ", roles: [.reviewer, .liaison])
    default: fatalError("no test staff member \(code)")
    }
}
