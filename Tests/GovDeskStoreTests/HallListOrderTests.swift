import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

@testable import GovDeskStore

/// The orders the service's lists ask for: open cases by committed deadline, open findings by rectification deadline
/// (those not yet assigned first), so that a page of 50 shows the most urgent ones.
struct HallListOrderTests {
    let rules = makeRules()

    @Test func openCasesComeSoonestDueFirstWhenAsked() throws {
        // Given a case of QY002 (即办, due the same day) received before one of QY001 (1 working day)
        let database = try makeHallDatabase()
        let quick = try database.createCase(
            item: "QY002", window: "A01", applicantName: "李华", applicantPhone: "", actor: "w01",
            at: makeLocal("2025-10-13T09:00"), rules: rules)
        let slow = try database.createCase(
            item: "QY001", window: "A01", applicantName: "张建国", applicantPhone: "", actor: "w01",
            at: makeLocal("2025-10-13T10:00"), rules: rules)
        var filter = CaseFilter()
        filter.states = [.open]
        // Then the default is the newest first, and `soonestDueFirst` the one due first, also when cut to one
        #expect(try database.cases(matching: filter).map(\.number) == [slow.number, quick.number])
        filter.soonestDueFirst = true
        filter.limit = 1
        #expect(try database.cases(matching: filter).map(\.number) == [quick.number])
        #expect(quick.due < slow.due)
    }

    @Test func openFindingsComeUnassignedThenSoonestDeadlineFirstWhenAsked() throws {
        // Given a finding assigned for 3 working days, one assigned for 10, and one not yet assigned, reported in
        // that order
        let database = try makeHallDatabase()
        func report(_ text: String, _ at: String) throws -> String {
            try database.createFinding(
                Finding(
                    number: "", source: .officer, reporter: "TYY01", reportedAt: makeLocal(at), window: "A01",
                    item: nil, department: "XZSP", kind: .slow, description: text), actor: "ty01", rules: rules
            ).number
        }
        let sooner = try report("指引不清", "2025-10-13T09:00")
        let later = try report("排队时间长", "2025-10-13T09:10")
        let unassigned = try report("材料清单过时", "2025-10-13T09:20")
        try database.apply(
            .assign(days: 10, note: nil), toFinding: later, actor: "ty01", at: makeLocal("2025-10-13T10:00"),
            rules: rules)
        try database.apply(
            .assign(days: 3, note: nil), toFinding: sooner, actor: "ty01", at: makeLocal("2025-10-13T10:00"),
            rules: rules)
        var filter = FindingFilter()
        filter.states = [.open, .assigned, .rectified]
        // Then the default is the newest first, and `soonestDeadlineFirst` the unassigned, then the one due first
        #expect(try database.findings(matching: filter).map(\.number) == [unassigned, later, sooner])
        filter.soonestDeadlineFirst = true
        #expect(try database.findings(matching: filter).map(\.number) == [unassigned, sooner, later])
        filter.states = [.assigned]
        filter.limit = 1
        #expect(try database.findings(matching: filter).map(\.number) == [sooner])
    }
}
