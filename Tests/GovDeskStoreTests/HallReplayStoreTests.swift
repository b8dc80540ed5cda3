import Foundation
import GRDB
import GovDeskCore
import GovDeskDemo
import GovDeskTestSupport
import Testing

@testable import GovDeskStore

/// DESIGN §11.4: every window case and finding the store writes is what its events replay to, through every write
/// path the hall has — receiving, materials requests, completion, refusal, ratings and the 差评's finding, officer
/// and walkthrough findings through assignment, rectification, reopening and verification, supervision letters,
/// and the recomputation of provisional deadlines when a calendar year arrives — and `db check` says so.
struct HallReplayStoreTests {
    let settings = GovDeskConfiguration.Letters()

    /// Expects every case and finding of `database` to equal its replay and the check to be clean; returns how many
    /// of each there are.
    @discardableResult
    func expectEveryRowIsItsReplay(
        _ database: GovDeskDatabase, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (cases: Int, findings: Int) {
        var caseFilter = CaseFilter()
        caseFilter.limit = 1_000_000
        let cases = try database.cases(matching: caseFilter)
        for c in cases {
            let replayed = try WindowCase.replay(database.caseEvents(of: c.number), identity: c.identity)
            #expect(replayed == c, "case \(c.number)", sourceLocation: sourceLocation)
        }
        var findingFilter = FindingFilter()
        findingFilter.limit = 1_000_000
        let findings = try database.findings(matching: findingFilter)
        for f in findings {
            let replayed = try Finding.replay(database.findingEvents(of: f.number), number: f.number)
            #expect(replayed == f, "finding \(f.number)", sourceLocation: sourceLocation)
        }
        let report = try database.check()
        #expect(report.isClean, "\(report.problems.prefix(5))", sourceLocation: sourceLocation)
        #expect(report.casesChecked == cases.count, sourceLocation: sourceLocation)
        #expect(report.findingsChecked == findings.count, sourceLocation: sourceLocation)
        return (cases.count, findings.count)
    }

    /// How many events of each action the hall's trails hold.
    func actions(_ table: String, _ database: GovDeskDatabase) throws -> [String: Int] {
        try database.writer.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT action, count(*) AS n FROM \(table) GROUP BY action") {
                counts[row["action"]] = row["n"]
            }
            return counts
        }
    }

    @Test(arguments: [1, 7, 20_251_001] as [UInt64])
    func everyRowOfADemoHallIsItsReplay(seed: UInt64) throws {
        // Given two demo months of the hall, and the letters due after them
        let database = try makeHallDatabase()
        let summary = try HallDemo.generate(
            into: database, months: [Month(year: 2025, month: 10)!, Month(year: 2025, month: 11)!], seed: seed,
            rules: makeRules(), casesPerWindowDay: 3)
        let letters = try database.issueLetters(
            actor: "db01", at: makeLocal("2025-12-01T09:00"), settings: settings, localTime: makeLocalTime())
        #expect(letters.contains { $0.subjectKinds.contains(.windowCase) })
        #expect(letters.contains { $0.subjectKinds.contains(.finding) })
        // Then every row is what its events replay to
        let counted = try expectEveryRowIsItsReplay(database)
        #expect(counted.cases == summary.cases)
        #expect(counted.findings == summary.findings.values.reduce(0, +))
        let caseActions = try actions("caseEvent", database)
        for action in ["receive", "request-materials", "complete", "refuse", "rate", "letter"] {
            #expect((caseActions[action] ?? 0) > 0, "no \(action) event")
        }
        let findingActions = try actions("findingEvent", database)
        for action in ["create", "assign", "rectify", "verify", "reopen", "letter"] {
            #expect((findingActions[action] ?? 0) > 0, "no \(action) event")
        }
    }

    /// Cases and findings whose deadlines run provisionally into 2027, which has no calendar data yet: cases
    /// received on Thursday 2026-12-31 (one working day: Friday 1 January, counted Monday to Friday) and findings
    /// assigned in late December. Returns the numbers of the cases and of the findings.
    func makeProvisionalHall(_ database: GovDeskDatabase) throws -> (cases: [String], findings: [String]) {
        let rules = makeRules()
        var cases: [String] = []
        for (index, staff) in ["w01", "w02", "w01"].enumerated() {
            let c = try database.createCase(
                item: "QY001", window: "A01", applicantName: "张建国", applicantPhone: "13835512345", actor: staff,
                at: makeLocal("2026-12-31T10:0\(index)"), rules: rules)
            #expect(c.due == makeLocal("2027-01-02T00:00"))
            cases.append(c.number)
        }
        try database.apply(
            .requestMaterials(materials: "公司章程"), toCase: cases[1], actor: "w02", at: makeLocal("2026-12-31T11:00"),
            rules: rules)
        var findings: [String] = []
        for (reported, days) in [("2026-12-21T09:00", 15), ("2026-12-28T09:00", 5)] {
            let draft = Finding(
                number: "", source: .officer, reporter: "TYY01", reportedAt: makeLocal(reported), window: "A01",
                item: "QY001", department: "XZSP", kind: .slow, description: "取号后等候超过一小时")
            let finding = try database.createFinding(draft, actor: "ty01", rules: rules)
            try database.apply(
                .assign(days: days, note: nil), toFinding: finding.number, actor: "ty01",
                at: makeLocal(reported).addingTimeInterval(3600), rules: rules)
            findings.append(finding.number)
        }
        return (cases, findings)
    }

    @Test func rowsRecomputedWhenTheirYearArrivesAreStillTheirReplay() throws {
        // Given a November 2026 demo hall and deadlines running provisionally into 2027
        let database = try makeHallDatabase()
        try HallDemo.generate(
            into: database, months: [Month(year: 2026, month: 11)!], seed: 2027, rules: makeRules(),
            casesPerWindowDay: 2)
        let (cases, findings) = try makeProvisionalHall(database)
        // When 2027's calendar arrives and moves them later
        let year = try CalendarYear.holidayCN(json: makeFictional2027JSON(), notice: nil)
        let addition = try database.addCalendarYear(
            year, replace: false, source: "2027.json", rules: makeRules(), actor: "admin",
            at: makeLocal("2027-01-01T09:00"))
        #expect(Set(addition.changes.filter { $0.subject == .windowCase }.map(\.number)) == Set(cases))
        #expect(Set(addition.changes.filter { $0.subject == .finding }.map(\.number)) == Set(findings))
        // And work goes on under it: a recomputed case completed and rated 差评, a finding rectified and sent back,
        // letters for what is late
        let rules = try makeRulesWith2027()
        try database.apply(
            .complete(note: nil), toCase: cases[0], actor: "w01", at: makeLocal("2027-01-05T10:00"), rules: rules)
        try database.apply(
            .rate(score: 1, comment: "等太久"), toCase: cases[0], actor: "w02", at: makeLocal("2027-01-05T10:10"),
            rules: rules)
        try database.apply(
            .rectify(note: "已增开窗口"), toFinding: findings[0], actor: "ty02", at: makeLocal("2027-01-06T10:00"),
            rules: rules)
        try database.apply(
            .reopen(reason: "复查仍需等候", days: 5), toFinding: findings[0], actor: "db01",
            at: makeLocal("2027-01-07T10:00"), rules: rules)
        _ = try database.issueLetters(
            actor: "db01", at: makeLocal("2027-01-20T09:00"), settings: settings, localTime: makeLocalTime())
        // Then each row holds the deadline its events record, and is its replay
        #expect(try database.windowCase(cases[1]).due == makeLocal("2027-01-06T00:00"))
        #expect((try actions("caseEvent", database)["recompute"] ?? 0) == cases.count)
        #expect((try actions("findingEvent", database)["recompute"] ?? 0) == findings.count)
        #expect((try actions("caseEvent", database)["letter"] ?? 0) >= 2)
        try expectEveryRowIsItsReplay(database)
    }
}
