import Foundation
import GRDB
import GovDeskCore
import GovDeskDemo
import GovDeskTestSupport
import Testing

@testable import GovDeskStore

struct HallStoreTests {
    let rules = makeRules()

    /// Received by w01 at A01 on 30 September 2025 10:00 (due 9 October 24:00) and completed on 9 October 15:00.
    func makeCompletedCase(_ database: GovDeskDatabase) throws -> String {
        let c = try database.createCase(
            item: "QY001", window: "A01", applicantName: "张建国", applicantPhone: "13835512345", actor: "w01",
            at: makeLocal("2025-09-30T10:00"), rules: rules)
        try database.apply(
            .complete(note: nil), toCase: c.number, actor: "w01", at: makeLocal("2025-10-09T15:00"), rules: rules)
        return c.number
    }

    @Test func seedsLoadWindowsItemsAndOfficers() throws {
        let database = try makeHallDatabase()
        #expect(try database.windows().map(\.code) == ["A01", "A02"])
        #expect(try database.window("A01").staff == ["w01", "w02"])
        #expect(try database.items(window: "A01").map(\.code) == ["QY001", "QY002"])
        #expect(try database.officers().map(\.code) == ["TYY01"])
    }

    @Test func aCaseIsDueOnTheWorkingDayAfterTheHoliday() throws {
        let database = try makeHallDatabase()
        let c = try database.createCase(
            item: "QY001", window: "A01", applicantName: "张建国", applicantPhone: "", actor: "w02",
            at: makeLocal("2025-09-30T10:00"), rules: rules)
        #expect(c.number == "BJ20250930-000001")
        #expect(c.due == makeLocal("2025-10-10T00:00"))
        #expect(c.firstResponsible == "w02")
    }

    @Test func aBadRatingOpensARectificationDueIn15WorkingDays() throws {
        // Given a completed case
        let database = try makeHallDatabase()
        let number = try makeCompletedCase(database)
        // When the applicant rates it 2 (不满意)
        let (_, _, opened) = try database.apply(
            .rate(score: 2, comment: "材料要求反复变"), toCase: number, actor: "w02", at: makeLocal("2025-10-09T15:10"),
            rules: rules, badRatingKind: .cumbersome)
        // Then a rating finding is open for A01's department, assigned, due 15 working days later: 10, Saturday
        // 11 (make-up day), 13–17, 20–24, 27, 28, 29 October, so 29 October 24:00
        let finding = try #require(opened)
        #expect(finding.source == .rating)
        #expect(finding.state == .assigned)
        #expect(finding.department == "XZSP")
        #expect(finding.window == "A01")
        #expect(finding.staff == "w01")
        #expect(finding.kind == .cumbersome)
        #expect(finding.caseNumber == number)
        #expect(finding.deadline == makeLocal("2025-10-30T00:00"))
        #expect(try database.findingEvents(of: finding.number).map(\.action) == [.create, .assign])
        #expect(try database.ratingFinding(ofCase: number) == finding.number)
        let rating = try #require(
            try database.ratings(in: makeLocal("2025-10-01T00:00")..<makeLocal("2025-11-01T00:00")).first)
        #expect(rating.score == 2)
        #expect(rating.finding == finding.number)
    }

    @Test(arguments: [3, 4, 5])
    func aFairOrBetterRatingOpensNothing(score: Int) throws {
        let database = try makeHallDatabase()
        let number = try makeCompletedCase(database)
        let (_, _, opened) = try database.apply(
            .rate(score: score, comment: nil), toCase: number, actor: "w02", at: makeLocal("2025-10-09T15:10"),
            rules: rules)
        #expect(opened == nil)
        #expect(try database.findings(matching: FindingFilter()).isEmpty)
    }

    @Test func aSecondRatingIsRefusedAndWritesNothing() throws {
        let database = try makeHallDatabase()
        let number = try makeCompletedCase(database)
        try database.apply(
            .rate(score: 1, comment: nil), toCase: number, actor: "w02", at: makeLocal("2025-10-09T15:10"), rules: rules
        )
        #expect(throws: HallError.alreadyRated(number: number)) {
            try database.apply(
                .rate(score: 5, comment: nil), toCase: number, actor: "w02", at: makeLocal("2025-10-09T15:20"),
                rules: rules)
        }
        #expect(try database.findings(matching: FindingFilter()).count == 1)
        #expect(try database.caseEvents(of: number).count == 3)
    }

    @Test func aRepeatedMaterialsRequestIsStoredAsABreachOfTheAsker() throws {
        let database = try makeHallDatabase()
        let c = try database.createCase(
            item: "QY001", window: "A01", applicantName: "张建国", applicantPhone: "", actor: "w01",
            at: makeLocal("2025-09-30T10:00"), rules: rules)
        try database.apply(
            .requestMaterials(materials: "章程"), toCase: c.number, actor: "w01", at: makeLocal("2025-09-30T10:20"),
            rules: rules)
        let (after, event, _) = try database.apply(
            .requestMaterials(materials: "身份证"), toCase: c.number, actor: "w02", at: makeLocal("2025-10-09T09:00"),
            rules: rules)
        #expect(event.breach)
        #expect(after.visits == 3)
        let stored = try database.caseEvents(of: c.number)
        #expect(stored.map(\.breach) == [false, false, true])
        #expect(stored.map(\.visits) == [1, 2, 3])
        #expect(stored.last?.actor == "w02")
    }

    @Test func theFirstResponsibleStaffAndTheTrailCannotBeChanged() throws {
        let database = try makeHallDatabase()
        let number = try makeCompletedCase(database)
        try database.apply(
            .rate(score: 1, comment: nil), toCase: number, actor: "w02", at: makeLocal("2025-10-09T15:10"), rules: rules
        )
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in
                try db.execute(
                    sql: "UPDATE windowCase SET firstResponsible = 'w02' WHERE number = ?", arguments: [number])
            }
        }
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: "DELETE FROM caseEvent") }
        }
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: "UPDATE findingEvent SET actor = 'admin'") }
        }
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: "DELETE FROM rating") }
        }
        #expect(try database.windowCase(number).firstResponsible == "w01")
    }

    @Test func windowStaffActOnlyOnTheirWindowsCases() throws {
        let database = try makeHallDatabase()
        let c = try database.createCase(
            item: "QY001", window: "A01", applicantName: "张建国", applicantPhone: "", actor: "admin",
            at: makeLocal("2025-09-30T10:00"), rules: rules)
        #expect(c.firstResponsible == "admin")
        #expect(throws: HallError.windowDenied(actor: "w03", window: "A01", action: CaseAction.complete.phrase)) {
            try database.apply(
                .complete(note: nil), toCase: c.number, actor: "w03", at: makeLocal("2025-09-30T11:00"), rules: rules)
        }
        #expect(try database.windowCase(c.number).state == .open)
    }

    @Test func theFindingLifecycleWithItsRefusals() throws {
        let database = try makeHallDatabase()
        let draft = Finding(
            number: "", source: .officer, reporter: "TYY01", reportedAt: makeLocal("2025-10-13T10:00"), window: "A02",
            item: nil, department: "XZSP", kind: .slow, description: "午间只开一个窗口")
        #expect(throws: HallError.self) { try database.createFinding(draft, actor: "w01", rules: rules) }
        let f = try database.createFinding(draft, actor: "ty01", rules: rules)
        #expect(f.number == "ZG20251013-000001")
        #expect(
            throws: HallError.findingNotAllowed(number: f.number, state: .open, action: .verify, allowed: [.assign])
        ) {
            try database.apply(
                .verify(note: nil), toFinding: f.number, actor: "ty01", at: makeLocal("2025-10-13T11:00"), rules: rules)
        }
        try database.apply(
            .assign(days: 5, note: nil), toFinding: f.number, actor: "ty01", at: makeLocal("2025-10-13T11:00"),
            rules: rules)
        // 5 working days after 13 October: 14–17 (4), 20 (5).
        #expect(try database.finding(f.number).deadline == makeLocal("2025-10-21T00:00"))
        #expect(try database.overdueFindings(at: makeLocal("2025-10-21T00:00")).isEmpty)
        #expect(try database.overdueFindings(at: makeLocal("2025-10-21T00:01")).map(\.number) == [f.number])
        try database.apply(
            .rectify(note: "增开午间窗口"), toFinding: f.number, actor: "ty02", at: makeLocal("2025-10-22T10:00"),
            rules: rules)
        try database.apply(
            .reopen(reason: "复查仍只开一个", days: 3), toFinding: f.number, actor: "db01", at: makeLocal("2025-10-23T10:00"),
            rules: rules)
        try database.apply(
            .rectify(note: "排班表已调整"), toFinding: f.number, actor: "ty02", at: makeLocal("2025-10-24T10:00"),
            rules: rules)
        let verified = try database.apply(
            .verify(note: nil), toFinding: f.number, actor: "ty01", at: makeLocal("2025-10-27T10:00"), rules: rules)
        #expect(verified.state == .verified)
        #expect(verified.reopenCount == 1)
        #expect(
            try database.findingEvents(of: f.number).map(\.action) == [
                .create, .assign, .rectify, .reopen, .rectify, .verify,
            ])
        #expect(
            throws: HallError.findingNotAllowed(
                number: f.number, state: .verified, action: .rectify, allowed: [.reopen])
        ) {
            try database.apply(
                .rectify(note: "x"), toFinding: f.number, actor: "ty01", at: makeLocal("2025-10-28T10:00"), rules: rules
            )
        }
        #expect(try database.findingEvents(of: f.number).count == 6)

        // The month's report, as of 31 October's end: reported 1, rectified (twice, one finding) 1, verified 1.
        let october = Month(year: 2025, month: 10)!
        let report = try database.findingsReport(month: october, range: october.interval(in: rules.calendar))
        #expect(report.total.reported == 1)
        #expect(report.total.rectified == 1)
        #expect(report.total.verified == 1)
        #expect(report.total.open == 0)
        #expect(report.byKind.first { $0.group == "slow" }?.reported == 1)
    }

    @Test func overdueCasesAreOpenCasesPastTheirDueTime() throws {
        let database = try makeHallDatabase()
        let a = try database.createCase(
            item: "QY002", window: "A01", applicantName: "张三", applicantPhone: "", actor: "w01",
            at: makeLocal("2025-10-09T10:00"), rules: rules)
        let b = try database.createCase(
            item: "QY001", window: "A01", applicantName: "李四", applicantPhone: "", actor: "w01",
            at: makeLocal("2025-10-09T10:00"), rules: rules)
        #expect(try database.overdueCases(at: makeLocal("2025-10-09T23:59")).isEmpty)
        #expect(try database.overdueCases(at: makeLocal("2025-10-10T08:00")).map(\.number) == [a.number])
        // Friday 10 October, then the make-up Saturday 11 October: b is due 10 October 24:00.
        #expect(try database.overdueCases(at: makeLocal("2025-10-11T08:00")).map(\.number) == [a.number, b.number])
    }

    @Test func evaluationFromTheMonthsDataAndAFinalisedMonthIsNeverRecomputed() throws {
        let database = try makeHallDatabase()
        let number = try makeCompletedCase(database)
        let other = try database.createCase(
            item: "QY001", window: "A01", applicantName: "李四", applicantPhone: "", actor: "w02",
            at: makeLocal("2025-10-09T10:00"), rules: rules)
        try database.apply(
            .requestMaterials(materials: "a"), toCase: other.number, actor: "w02", at: makeLocal("2025-10-09T10:10"),
            rules: rules)
        try database.apply(
            .requestMaterials(materials: "b"), toCase: other.number, actor: "w02", at: makeLocal("2025-10-09T10:20"),
            rules: rules)
        try database.apply(
            .rate(score: 2, comment: nil), toCase: number, actor: "w02", at: makeLocal("2025-10-09T15:10"), rules: rules
        )
        let october = Month(year: 2025, month: 10)!
        try database.addManualScore(
            month: october, staff: "w03", item: "业务考试", points: 3, note: nil, actor: "db01",
            at: makeLocal("2025-10-31T17:00"))
        // No one records a manual score for themselves, whatever roles they hold.
        let own = #expect(throws: HallError.self) {
            try database.addManualScore(
                month: october, staff: "db01", item: "业务考试", points: 100, note: nil, actor: "db01",
                at: makeLocal("2025-10-31T17:00"))
        }
        #expect(own == .ownScore(actor: "db01"))
        let range = october.interval(in: rules.calendar)
        #expect(throws: PermissionError.self) {
            try database.runEvaluation(
                month: october, range: range, configuration: .init(), actor: "w01", at: makeLocal("2025-11-01T09:00"))
        }
        let outcome = try database.runEvaluation(
            month: october, range: range, configuration: .init(), actor: "db01", at: makeLocal("2025-11-01T09:00"))
        let score = Dictionary(uniqueKeysWithValues: outcome.results.map { ($0.figures.code, $0.score) })
        // w01: 40×1/1 + 40×2/5 + 20×1/20 − 2 (差评) = 40 + 16 + 1 − 2 = 55.00
        #expect(score["w01"] == 55)
        // w02: nothing finished and nothing rated, so no satisfaction points: −2 (breach) = −2.00
        #expect(score["w02"] == -2)
        // w03: idle but for 3 (业务考试) = 3.00
        #expect(score["w03"] == 3)
        // A01: 40 + 16 + 1 − 2 − 2 (breach) = 53.00
        #expect(score["A01"] == 53)
        #expect(try database.evaluation(month: october).outcome.awards.first { $0.award == .bestWindow }?.code == "A01")

        try database.finalizeEvaluation(month: october, range: range, actor: "db01", at: makeLocal("2025-11-02T09:00"))
        let before = try database.evaluation(month: october)
        #expect(before.finalized)
        #expect(throws: HallError.monthFinalized(month: "2025-10")) {
            try database.runEvaluation(
                month: october, range: range, configuration: .init(), actor: "db01", at: makeLocal("2025-11-03T09:00"))
        }
        #expect(throws: HallError.monthFinalized(month: "2025-10")) {
            try database.addManualScore(
                month: october, staff: "w03", item: "加分", points: 5, note: nil, actor: "db01",
                at: makeLocal("2025-11-03T09:00"))
        }
        #expect(throws: HallError.monthFinalized(month: "2025-10")) {
            try database.finalizeEvaluation(
                month: october, range: range, actor: "db01", at: makeLocal("2025-11-03T09:00"))
        }
        // The database itself refuses changes to a finalised month's results.
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in
                try db.execute(sql: "DELETE FROM evaluationResult WHERE month = '2025-10'")
            }
        }
        #expect(try database.evaluation(month: october) == before)
    }

    @Test func aMonthThatHasNotEndedIsNeitherEvaluatedNorFinalised() throws {
        let database = try makeHallDatabase()
        let october = Month(year: 2025, month: 10)!
        let range = october.interval(in: rules.calendar)
        let notOver = HallError.monthNotOver(
            month: "2025-10", endsOn: "2025-11-01", action: StoreText.evaluationRun.phrase)
        #expect(throws: notOver) {
            try database.runEvaluation(
                month: october, range: range, configuration: .init(), actor: "db01", at: makeLocal("2025-10-31T23:59"))
        }
        #expect(throws: HallError.noEvaluation(month: "2025-10")) { try database.evaluation(month: october) }
        // The first second of November is after October.
        try database.runEvaluation(
            month: october, range: range, configuration: .init(), actor: "db01", at: makeLocal("2025-11-01T00:00"))
        #expect(
            throws: HallError.monthNotOver(
                month: "2025-10", endsOn: "2025-11-01", action: StoreText.evaluationFinalised.phrase)
        ) {
            try database.finalizeEvaluation(
                month: october, range: range, actor: "db01", at: makeLocal("2025-10-31T23:59"))
        }
        #expect(try !database.evaluation(month: october).finalized)
    }

    @Test func caseNumbersHaveSixDigitsAndTheMillionthOfADayIsRefused() throws {
        let database = try makeHallDatabase()
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO hallCounter (series, day, last) VALUES ('case', '20251009', 999998)")
        }
        let receive = {
            try database.createCase(
                item: "QY001", window: "A01", applicantName: "张三", applicantPhone: "", actor: "w01",
                at: makeLocal("2025-10-09T10:00"), rules: self.rules)
        }
        #expect(try receive().number == "BJ20251009-999999")
        #expect(throws: StoreError.numbersUsedUp(what: "case", day: "2025-10-09", maximum: 999_999)) { try receive() }
    }

    @Test func theMonthlyHallSummary() throws {
        let database = try makeHallDatabase()
        let number = try makeCompletedCase(database)
        try database.apply(
            .rate(score: 1, comment: nil), toCase: number, actor: "w02", at: makeLocal("2025-10-09T15:10"), rules: rules
        )
        _ = try database.createCase(
            item: "QY002", window: "A01", applicantName: "李四", applicantPhone: "", actor: "w01",
            at: makeLocal("2025-10-20T10:00"), rules: rules)
        let october = Month(year: 2025, month: 10)!
        let summary = try database.hallSummary(month: october, range: october.interval(in: rules.calendar))
        #expect(summary.casesReceived == 1)  // the first was received in September
        #expect(summary.casesFinished == 1)
        #expect(summary.onTimeRate == 1)
        #expect(summary.averageRating == 1)
        #expect(summary.badRatings == 1)
        #expect(summary.findingsOpen == 1)
        // The 差评's rectification was due 29 October 24:00 and is still assigned at the month's end.
        #expect(summary.findingsOverdue == 1)
        let windows = try database.windowsReport(range: october.interval(in: rules.calendar))
        #expect(windows.first?.overdueAtEnd == 1)  // the 即办 case of 20 October was never finished
    }
}

struct HallDemoTests {
    func generate(seed: UInt64) throws -> (GovDeskDatabase, HallDemoSummary) {
        let database = try makeHallDatabase()
        let summary = try HallDemo.generate(
            into: database, months: [Month(year: 2025, month: 10)!, Month(year: 2025, month: 11)!], seed: seed,
            rules: makeRules(), casesPerWindowDay: 3)
        return (database, summary)
    }

    @Test func aSmallDemoHasCasesRatingsFindingsAtEveryStageAndAnEvaluation() throws {
        let (database, summary) = try generate(seed: 20251001)
        #expect(summary.cases > 100)
        #expect(summary.ratings > 50)
        #expect(summary.badRatings > 0)
        #expect(summary.breaches > 0)
        for state in FindingState.allCases {
            #expect((summary.findings[state] ?? 0) > 0, "no finding is \(state)")
        }
        #expect(summary.evaluatedMonths == ["2025-10", "2025-11"])
        #expect(summary.finalizedMonths == ["2025-10"])
        let november = try database.evaluation(month: Month(year: 2025, month: 11)!)
        #expect(!november.finalized)
        #expect(Set(november.outcome.awards.map(\.award)) == Set(AwardKind.allCases))
        #expect(try database.evaluation(month: Month(year: 2025, month: 10)!).finalized)
        // Every case event lies inside the demo's months.
        let late = try database.writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM caseEvent WHERE at >= ?",
                arguments: [makeLocal("2025-12-01T00:00").epochSeconds])
        }
        #expect(late == 0)
    }

    @Test func theSameSeedGivesTheSameHall() throws {
        let (a, first) = try generate(seed: 7)
        let (b, second) = try generate(seed: 7)
        #expect(first == second)
        let all = CaseFilter()
        var filter = all
        filter.limit = 100_000
        #expect(try a.cases(matching: filter) == b.cases(matching: filter))
        let (_, other) = try generate(seed: 8)
        #expect(other != first)
    }
}
