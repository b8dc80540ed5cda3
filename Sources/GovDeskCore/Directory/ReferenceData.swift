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
    /// The topic tree (`Config/topics.yaml`), kept in the database from `init` on (DESIGN §9).
    public var topics: [TopicNode]

    public init(
        departments: [Department], staff: [StaffMember], windows: [ServiceWindow] = [], items: [ServiceItem] = [],
        officers: [Officer] = [], topics: [TopicNode] = []
    ) {
        self.departments = departments
        self.staff = staff
        self.windows = windows
        self.items = items
        self.officers = officers
        self.topics = topics
    }
}

/// A topic of the tree (诉求分类): 大类/小类/具体问题, with the department that usually leads its tickets (the dispatch
/// hint). Its path is its code.
public struct TopicNode: Equatable, Sendable {
    public var path: String
    public var department: String
    public var active: Bool

    public init(path: String, department: String, active: Bool = true) {
        self.path = path
        self.department = department
        self.active = active
    }

    /// What a topic's path may be, for messages.
    public static let pathRule =
        "one to three levels separated by '/', each without surrounding spaces, at most 200 characters in all"

    /// One to three non-empty levels, no white space around a slash, no control characters, at most 200 characters.
    public static func isValidPath(_ path: String) -> Bool {
        guard !path.isEmpty, !TextLength.exceeds(path, 200),
            !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return false }
        let levels = path.split(separator: "/", omittingEmptySubsequences: false)
        return (1...3).contains(levels.count)
            && levels.allSatisfy { !$0.isEmpty && $0.first?.isWhitespace == false && $0.last?.isWhitespace == false }
    }
}

/// Why `init` cannot name a first administrator.
public struct FirstAdministratorError: GovDeskError, Equatable {
    public var message: Phrase
    public var kind: FailureKind { .usage }
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
                message: CoreText.adminCode(Printable.quoted(code)).phrase)
        }
        if let index = staff.firstIndex(where: { $0.code == code }) {
            staff[index].roles.insert(.admin)
            staff[index].active = true
            if let name { staff[index].name = name }
            return
        }
        guard let centre = departments.first(where: { $0.kind == .centre && $0.active }) else {
            throw FirstAdministratorError(
                message: CoreText.noCentre(code).phrase)
        }
        staff.append(StaffMember(code: code, name: name ?? code, department: centre.code, roles: [.admin]))
    }
}
