import Foundation
import GovDeskCore
import GovDeskStore

extension QueueController {
    /// The service hall's sections of the queue (DESIGN §12): window staff see their windows' open and overdue cases,
    /// the roles of the finding rules the open and overdue findings (a liaison their department's), each with a link
    /// to the list.
    func hallSections(for staff: StaffMember, words: Words) async throws -> [[String: Any]] {
        let now = desk.configuration.now
        let cases = HallLinks.mayUseCases(staff)
        let findings = HallLinks.mayUseFindings(staff)
        guard cases || findings else { return [] }
        let counts = try await desk.store { database -> (cases: (Int, Int)?, findings: (Int, Int)?) in
            var caseCounts: (Int, Int)?
            if cases {
                let scope = CaseController.scope(of: staff, in: try database.windows())
                var open = 0
                var overdue = 0
                for window in scope.map({ $0.map(Optional.some) }) ?? [nil] {
                    var filter = CaseFilter()
                    filter.window = window
                    filter.states = [.open]
                    open += try database.count(matching: filter)
                    filter.overdueAt = now
                    overdue += try database.count(matching: filter)
                }
                caseCounts = (open, overdue)
            }
            var findingCounts: (Int, Int)?
            if findings {
                var filter = FindingFilter()
                filter.department = FindingController.scope(of: staff)
                filter.states = [.open, .assigned, .rectified]
                let open = try database.count(matching: filter)
                filter.overdueAt = now
                findingCounts = (open, try database.count(matching: filter))
            }
            return (caseCounts, findingCounts)
        }
        var sections: [[String: Any]] = []
        if case let (open, overdue)? = counts.cases {
            sections.append([
                "heading": words.t("窗口办件", "Window cases"), "openLabel": words.t("办理中", "Open"), "openCount": open,
                "overdueLabel": words.t("已超承诺时限", "Past the committed deadline"), "overdueCount": overdue,
                "href": "/cases", "linkLabel": words.t("查看办件", "See the cases"),
            ])
        }
        if case let (open, overdue)? = counts.findings {
            sections.append([
                "heading": words.t("整改事项", "Findings"), "openLabel": words.t("未核验", "Not yet verified"),
                "openCount": open, "overdueLabel": words.t("整改逾期", "Rectification overdue"),
                "overdueCount": overdue, "href": "/findings", "linkLabel": words.t("查看整改事项", "See the findings"),
            ])
        }
        return sections
    }
}

/// Which of the hall's lists a staff member's roles give work in, from the rule tables the store obeys: the layout
/// links to them and the queue shows their counts only for those roles (the pages themselves are readable by every
/// signed-in person, as `govdesk case list` and `finding list` are).
enum HallLinks {
    /// A role of the case rules (window staff), a holder of the rating permission (supervisors), or the administrator.
    static func mayUseCases(_ staff: StaffMember) -> Bool {
        staff.roles.contains(.admin)
            || CaseMachine.rules.contains { !staff.roles.isDisjoint(with: $0.neededRoles) }
    }

    /// A role of the finding rules (officer-admins, supervisors, liaisons who rectify), or the administrator.
    static func mayUseFindings(_ staff: StaffMember) -> Bool {
        staff.roles.contains(.admin) || FindingMachine.rules.contains { !staff.roles.isDisjoint(with: $0.neededRoles) }
    }

    /// The layout's links to the hall's lists for `staff`.
    static func links(for staff: StaffMember, words: Words) -> [[String: String]] {
        var links: [[String: String]] = []
        if mayUseCases(staff) { links.append(["href": "/cases", "label": words.t("办件", "Cases")]) }
        if mayUseFindings(staff) { links.append(["href": "/findings", "label": words.t("整改", "Findings")]) }
        return links
    }
}
