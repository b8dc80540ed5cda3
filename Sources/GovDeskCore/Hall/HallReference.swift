import Foundation

/// A service window of the hall (办事窗口), such as `A01`, and the window staff who work at it (DESIGN §5.1).
public struct ServiceWindow: Equatable, Sendable {
    public var code: String
    public var name: String
    public var department: String
    /// The hall area it belongs to, e.g. 企业开办.
    public var area: String?
    public var staff: [String]
    public var active: Bool

    public init(
        code: String, name: String, department: String, area: String? = nil, staff: [String] = [], active: Bool = true
    ) {
        self.code = code
        self.name = name
        self.department = department
        self.area = area
        self.staff = staff
        self.active = active
    }
}

/// A service item (政务服务事项) with its committed time limit (承诺时限) in working days; 0 is 即办.
public struct ServiceItem: Equatable, Sendable {
    public var code: String
    public var name: String
    public var department: String
    public var committedDays: Int
    /// The windows that may receive it.
    public var windows: [String]
    public var active: Bool

    public init(
        code: String, name: String, department: String, committedDays: Int, windows: [String], active: Bool = true
    ) {
        self.code = code
        self.name = name
        self.department = department
        self.committedDays = committedDays
        self.windows = windows
        self.active = active
    }

    /// The largest committed time limit accepted, in working days.
    public static let maximumCommittedDays = 60
}

/// Where a service experience officer (政务服务体验员) comes from.
public enum OfficerBackground: String, CaseIterable, Sendable, Labelled {
    /// 党代表
    case partyDeputy = "party-deputy"
    /// 人大代表
    case congressDeputy = "congress-deputy"
    /// 政协委员
    case cppccMember = "cppcc-member"
    /// 基层工作者
    case grassrootsWorker = "grassroots-worker"
    /// 社区代表
    case communityRepresentative = "community-representative"
    /// 企业代表
    case enterpriseRepresentative = "enterprise-representative"

    public var chineseLabel: String {
        switch self {
        case .partyDeputy: return "党代表"
        case .congressDeputy: return "人大代表"
        case .cppccMember: return "政协委员"
        case .grassrootsWorker: return "基层工作者"
        case .communityRepresentative: return "社区代表"
        case .enterpriseRepresentative: return "企业代表"
        }
    }

    public var englishLabel: String { rawValue }

    /// Accepts the English name or the Chinese label, as seeds and people write it.
    public init?(label: String) {
        let text = label.trimmingCharacters(in: .whitespaces)
        guard let match = Self.allCases.first(where: { $0.rawValue == text || $0.chineseLabel == text }) else {
            return nil
        }
        self = match
    }
}

/// A service experience officer, recruited from the public to report what is hard, slow or cumbersome.
public struct Officer: Equatable, Sendable {
    public var code: String
    public var name: String
    public var background: OfficerBackground
    /// Personal data: masked in listings.
    public var phone: String
    public var active: Bool

    public init(code: String, name: String, background: OfficerBackground, phone: String, active: Bool = true) {
        self.code = code
        self.name = name
        self.background = background
        self.phone = phone
        self.active = active
    }
}
