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
