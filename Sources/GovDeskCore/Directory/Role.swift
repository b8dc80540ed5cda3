import Foundation

/// A staff member's role; it decides which actions they may take (DESIGN §2.3, §5.1).
public enum Role: String, CaseIterable, Sendable, Codable, Labelled {
    /// 受理员: logs calls, answers at intake, revisits callers.
    case `operator`
    /// 派单员: dispatches and merges tickets.
    case dispatcher
    /// 承办人: a department's liaison, who signs, handles and replies.
    case liaison
    /// 审核员: approves or rejects replies.
    case reviewer
    /// 督办: extensions, reopens, urging, letters, reports.
    case supervisor
    /// 窗口工作人员: window staff of the service hall.
    case window
    /// 体验员管理: manages experience officers and their findings.
    case officerAdmin = "officer-admin"
    /// 系统管理员: allowed every action, for a new installation and for trying things out.
    case admin

    public var chineseLabel: String {
        switch self {
        case .operator: return "受理员"
        case .dispatcher: return "派单员"
        case .liaison: return "承办人"
        case .reviewer: return "审核员"
        case .supervisor: return "督办"
        case .window: return "窗口工作人员"
        case .officerAdmin: return "体验员管理"
        case .admin: return "系统管理员"
        }
    }

    public var englishLabel: String { rawValue }
}

/// A department (承办单位) tickets are dispatched to.
public struct Department: Equatable, Sendable, Codable {
    /// What kind of body it is.
    public enum Kind: String, CaseIterable, Sendable, Codable, Labelled {
        case centre, bureau, subdistrict, enterprise

        public var chineseLabel: String {
            switch self {
            case .centre: return "中心"
            case .bureau: return "委办局"
            case .subdistrict: return "街道"
            case .enterprise: return "企业"
            }
        }

        public var englishLabel: String { rawValue }
    }

    public var code: String
    public var name: String
    public var kind: Kind
    public var active: Bool

    public init(code: String, name: String, kind: Kind, active: Bool = true) {
        self.code = code
        self.name = name
        self.kind = kind
        self.active = active
    }
}

/// A person who acts in GovDesk; every action is done by one.
public struct StaffMember: Equatable, Sendable, Codable {
    public var code: String
    public var name: String
    public var department: String
    public var roles: Set<Role>
    public var active: Bool

    public init(code: String, name: String, department: String, roles: Set<Role>, active: Bool = true) {
        self.code = code
        self.name = name
        self.department = department
        self.roles = roles
        self.active = active
    }

    /// Roles in their declared order, for stable display and storage.
    public var sortedRoles: [Role] { Role.allCases.filter(roles.contains) }
}

/// Rules for reference codes, shared by the CLI and seed loading.
public enum Codes {
    /// What a department, window or item code may be, for messages.
    public static let departmentCodeRule = "1–16 ASCII letters or digits"

    /// What a staff or officer code may be, for messages.
    public static let staffCodeRule =
        "1–32 ASCII letters, digits, - _ or ., other than `system` (in any case, with or without - _ . around it)"

    /// The actor of what GovDesk itself writes (DESIGN §11.1): migrations and recomputations. No staff member or
    /// officer may take the code, in any case.
    public static let systemActor = "system"

    /// How an Open311 client's actor begins (DESIGN §11.1, §12: `api:<name>`). No staff code can, since staff codes
    /// have no colon.
    public static let apiClientPrefix = "api:"

    /// What an API client's name may be, for messages.
    public static let apiClientNameRule =
        "1–28 lower-case ASCII letters, digits, - or _, beginning with a letter or digit"

    /// An API client's name: 1–28 lower-case ASCII letters, digits, '-' or '_', beginning with a letter or digit (its
    /// actor `api:<name>` is then a staff-table code of at most 32 characters).
    public static func isValidAPIClientName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, (1...28).contains(name.unicodeScalars.count) else { return false }
        func allowed(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
        return allowed(first) && name.unicodeScalars.allSatisfy { allowed($0) || $0 == "-" || $0 == "_" }
    }

    /// The actor of an API client's writes.
    public static func apiClientActor(_ name: String) -> String { apiClientPrefix + name }

    /// Whether `code` is an actor nobody acts as from the command line or the web pages: GovDesk's own, or an API
    /// client's.
    public static func isReservedActor(_ code: String) -> Bool {
        code == systemActor || code.hasPrefix(apiClientPrefix)
    }

    /// What a code looks like to a person: lower-cased, with l, 1 and i read as one letter and o and 0 as another.
    /// Two codes with the same skeleton pass for each other in lists, letters and the audit log (`cgjl` for `cgj1`).
    public static func skeleton(_ code: String) -> String {
        String(
            code.lowercased().map { ch -> Character in
                switch ch {
                case "1", "i", "l", "|": return "l"
                case "0", "o": return "o"
                default: return ch
                }
            })
    }

    /// Department and window codes: 1–16 ASCII letters or digits.
    public static func isValidDepartmentCode(_ code: String) -> Bool {
        (1...16).contains(code.count) && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Staff codes: 1–32 ASCII letters, digits, '-', '_' or '.'.
    public static func isValidStaffCode(_ code: String) -> Bool {
        (1...32).contains(code.count)
            && code.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "-_.")) != systemActor
            && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}
