/// The reference data `govdesk init` loads from `seeds/` (DESIGN §5.1).
public struct ReferenceData: Equatable, Sendable {
    public var departments: [Department]
    public var staff: [StaffMember]
    /// Service windows with their staff.
    public var windows: [ServiceWindow]
    /// Service items with their committed days and windows.
    public var items: [ServiceItem]
    /// Service experience officers.
    public var officers: [Officer]

    public init(
        departments: [Department], staff: [StaffMember], windows: [ServiceWindow] = [], items: [ServiceItem] = [],
        officers: [Officer] = []
    ) {
        self.departments = departments
        self.staff = staff
        self.windows = windows
        self.items = items
        self.officers = officers
    }
}

/// Why `init` cannot name a first administrator.
public struct FirstAdministratorError: GovDeskError, Equatable {
    public var message: String
    public var kind: FailureKind { .usage }
    public var description: String { message }
}

extension ReferenceData {
    /// Whether an active staff member holds the administrator's role: a new database needs one (DESIGN §11.1).
    public var hasActiveAdministrator: Bool {
        staff.contains { $0.active && $0.roles.contains(.admin) }
    }

    /// Makes `code` the first administrator (`init --admin CODE`): a staff member of the seeds gains the role (and is
    /// active); another code becomes a new staff member of the hotline centre, named `name` (else the code).
    public mutating func namingAdministrator(_ code: String, name: String?) throws(FirstAdministratorError) {
        guard Codes.isValidStaffCode(code) else {
            throw FirstAdministratorError(
                message: "--admin \(Printable.quoted(code)) is not allowed; use \(Codes.staffCodeRule)")
        }
        if let index = staff.firstIndex(where: { $0.code == code }) {
            staff[index].roles.insert(.admin)
            staff[index].active = true
            if let name { staff[index].name = name }
            return
        }
        guard let centre = departments.first(where: { $0.kind == .centre && $0.active }) else {
            throw FirstAdministratorError(
                message: "--admin \(code): the seeds have no active department of kind centre to put a new "
                    + "administrator in; add one to departments.yaml, or name a staff member of staff.yaml")
        }
        staff.append(StaffMember(code: code, name: name ?? code, department: centre.code, roles: [.admin]))
    }
}
