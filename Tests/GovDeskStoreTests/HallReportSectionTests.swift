import Foundation
import GRDB
import GovDeskCore
import GovDeskTestSupport
import Testing

@testable import GovDeskStore

/// The hall section of the monthly closure report, over a small October 2025 built by hand.
struct HallReportSectionTests {
    let rules = makeRules()
    let october = Month(year: 2025, month: 10)!

    /// Three cases and two findings:
    /// - A: QY001 at A01 by w01, received 9 Oct 10:00 (due 10 Oct 24:00), completed 10 Oct 15:00 on time and at the
    ///   first visit, rated 5.
    /// - B: QY001 at A02 by w03, received 9 Oct 11:00, materials asked for twice (the second is a 一次性告知
    ///   breach and a second visit), completed 14 Oct late, rated 2: a 差评, which opens finding F2 (assigned).
    /// - C: QY002 at A01 by w02, received 20 Oct, still open.
    /// - F1: an officer's finding reported 13 Oct, assigned, rectified 20 Oct and verified 22 Oct.
    func makeOctober() throws -> GovDeskDatabase {
        let database = try makeHallDatabase()
        let a = try database.createCase(
            item: "QY001", window: "A01", applicantName: "张建国", applicantPhone: "13835512345", actor: "w01",
            at: makeLocal("2025-10-09T10:00"), rules: rules)
        try database.apply(
            .complete(note: nil), toCase: a.number, actor: "w01", at: makeLocal("2025-10-10T15:00"), rules: rules)
        try database.apply(
            .rate(score: 5, comment: "很好"), toCase: a.number, actor: "w02", at: makeLocal("2025-10-10T15:10"),
            rules: rules)
        let b = try database.createCase(
            item: "QY001", window: "A02", applicantName: "李四", applicantPhone: "", actor: "w03",
            at: makeLocal("2025-10-09T11:00"), rules: rules)
        for (materials, at) in [("营业执照", "2025-10-09T11:10"), ("章程", "2025-10-09T11:20")] {
            try database.apply(
                .requestMaterials(materials: materials), toCase: b.number, actor: "w03", at: makeLocal(at),
                rules: rules)
        }
        try database.apply(
            .complete(note: nil), toCase: b.number, actor: "w03", at: makeLocal("2025-10-14T10:00"), rules: rules)
        try database.apply(
            .rate(score: 2, comment: nil), toCase: b.number, actor: "db01", at: makeLocal("2025-10-14T11:00"),
            rules: rules)
        _ = try database.createCase(
            item: "QY002", window: "A01", applicantName: "王五", applicantPhone: "", actor: "w02",
            at: makeLocal("2025-10-20T10:00"), rules: rules)
        let f1 = try database.createFinding(
            Finding(
                number: "", source: .officer, reporter: "TYY01", reportedAt: makeLocal("2025-10-13T10:00"),
                window: "A02", item: nil, department: "XZSP", kind: .slow, description: "午间只开一个窗口"),
            actor: "ty01", rules: rules)
        try database.apply(
            .assign(days: 5, note: nil), toFinding: f1.number, actor: "ty01", at: makeLocal("2025-10-13T11:00"),
            rules: rules)
        try database.apply(
            .rectify(note: "增开午间窗口"), toFinding: f1.number, actor: "ty02", at: makeLocal("2025-10-20T10:00"),
            rules: rules)
        try database.apply(
            .verify(note: nil), toFinding: f1.number, actor: "ty01", at: makeLocal("2025-10-22T10:00"), rules: rules)
        return database
    }

    @Test func theSummaryCountsTheHandBuiltMonth() throws {
        let database = try makeOctober()
        let range = october.interval(in: rules.calendar)
        let summary = try database.hallSummary(month: october, range: range)
        #expect(summary.casesReceived == 3)
        #expect(summary.casesFinished == 2)
        #expect(summary.onTimeRate == 0.5)  // A on time, B late
        #expect(summary.oneVisitRate == 0.5)  // B came back for the materials
        #expect(summary.ratings == 2)
        #expect(summary.averageRating == 3.5)  // (5 + 2) / 2
        #expect(summary.badRatings == 1)
        #expect(summary.breaches == 1)
        #expect(summary.findingsOpened == 2)  // F1 and the 差评's F2
        #expect(summary.findingsRectified == 1)
        #expect(summary.findingsVerified == 1)
        #expect(summary.findingsOpen == 1)  // F2, assigned
        #expect(summary.findingsOverdue == 0)  // F2's deadline is after the month's end
        #expect(summary.awards == nil)  // the evaluation has not been run

        let section = HallSection(summary, language: .en)
        let figures = Dictionary(uniqueKeysWithValues: section.tables[0].rows.map { ($0[0], $0[1]) })
        #expect(figures["Cases received"] == "3")
        #expect(figures["On-time completion rate"] == "50.0%")
        #expect(figures["Average rating"] == "3.50 (2)")
        #expect(figures["Bad ratings"] == "1")
        #expect(figures["Findings verified"] == "1")
        #expect(section.tables[1].note == "The month's evaluation has not been run.")
        #expect(section.json["awards"] == .null)
        #expect(section.json["findings"]?["opened"] == .int(2))
        #expect(section.json["averageRating"] == .number(3.5))
    }

    @Test func everyFormatShowsTheSectionAndTheAwardsOnceEvaluated() throws {
        let database = try makeOctober()
        let range = october.interval(in: rules.calendar)
        _ = try database.runEvaluation(
            month: october, range: range, configuration: .init(), actor: "db01", at: makeLocal("2025-11-01T09:00"))
        let summary = try database.hallSummary(month: october, range: range)
        let stored = try database.evaluation(month: october).outcome.awards
        #expect(summary.awards == stored)
        // A01 (on time, rated 5) beats A02 (late, 差评, a breach).
        #expect(stored.first { $0.award == .bestWindow }?.code == "A01")

        var report = try database.monthlyReport(for: october, timeZone: makeTimeZone(), trendMonths: 1)
        report.hall = HallSection(summary, language: .zh)
        let document = ReportDocument(report, language: .zh)
        #expect(document.markdown().contains("| 受理件数 | 3 |"))
        #expect(document.markdown().contains("优秀窗口"))
        let hallCSV = report.csvTables().first { $0.name == "hall-summary" }?.csv() ?? ""
        #expect(hallCSV.contains(",0.5,1,2,"), "一次办结率 as a fraction and its counts: \(hallCSV)")
        #expect(report.html(language: .zh).contains("政务服务大厅"))
        let json = report.json()
        #expect(json.keys.last == "hall")
        guard case .array(let awards)? = json["hall"]?["awards"] else {
            Issue.record("no awards array")
            return
        }
        #expect(awards.count == stored.count)
        #expect(awards.first?["award"] == .string(stored[0].award.rawValue))
        #expect(json["hall"]?["breaches"] == .int(1))
    }
    /// The hall's summary read alongside the report's folds (on a connection of its own for a database file, in
    /// the same transaction in memory) is the summary read alone, and the report is the one made without it.
    @Test func theHallReadAlongsideTheReportIsTheHallReadAlone() throws {
        let memory = try makeOctober()
        let range = october.interval(in: rules.calendar)
        _ = try memory.runEvaluation(
            month: october, range: range, configuration: .init(), actor: "db01", at: makeLocal("2025-11-01T09:00"))
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("hall.sqlite").path
        try memory.writer.backup(to: try DatabaseQueue(path: path))
        let file = try GovDeskDatabase(path: path)
        for database in [memory, file] {
            let alone = try database.hallSummary(month: october, range: range)
            let (report, hall) = try database.monthlyReport(
                for: october, timeZone: makeTimeZone(), trendMonths: 12, hallRange: range)
            #expect(hall == alone)
            #expect(hall?.awards?.isEmpty == false)
            #expect(report == (try database.monthlyReport(for: october, timeZone: makeTimeZone(), trendMonths: 12)))
            #expect(
                try database.monthlyReport(for: october, timeZone: makeTimeZone(), trendMonths: 1, hallRange: nil).hall
                    == nil)
        }
    }
}
