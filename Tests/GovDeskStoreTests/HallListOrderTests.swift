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

    @Test func aListIsReadPageByPageAndByTheWindowsChosen() throws {
        // Given five cases at A01, received a minute apart
        let database = try makeHallDatabase()
        var numbers: [String] = []
        for minute in 0..<5 {
            numbers.append(
                try database.createCase(
                    item: "QY001", window: "A01", applicantName: "李华", applicantPhone: "", actor: "w01",
                    at: makeLocal("2025-10-13T09:0\(minute)"), rules: rules
                ).number)
        }
        // Then pages of two, newest first, follow each other without a gap, and a page past the end is empty
        var filter = CaseFilter()
        filter.limit = 2
        let pages = try (0..<3).map { page -> [String] in
            filter.offset = page * 2
            return try database.cases(matching: filter).map(\.number)
        }
        #expect(pages == [[numbers[4], numbers[3]], [numbers[2], numbers[1]], [numbers[0]]])
        filter.offset = 10
        #expect(try database.cases(matching: filter).isEmpty)
        // And the windows chosen narrow it: none chosen is no case at all, nil is every window
        filter.offset = 0
        filter.limit = 200
        filter.windows = ["A01", "NOPE"]
        #expect(try database.cases(matching: filter).count == 5)
        #expect(try database.count(matching: filter) == 5)
        filter.windows = []
        #expect(try database.cases(matching: filter).isEmpty && database.count(matching: filter) == 0)
        filter.windows = ["NOPE"]
        #expect(try database.count(matching: filter) == 0)
    }
}
