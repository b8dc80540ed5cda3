/// The reference data `govdesk init` loads from `seeds/` (DESIGN §5.1).
public struct ReferenceData: Equatable, Sendable {
    public var departments: [Department]
    public var staff: [StaffMember]

    public init(departments: [Department], staff: [StaffMember]) {
        self.departments = departments
        self.staff = staff
    }
}
