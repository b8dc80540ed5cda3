import Foundation
import GovDeskCore
import Testing

@testable import GovDeskStore

/// The hand-worked March 2025 of the report tests (Asia/Shanghai, no holidays in March).
///
/// Limits: sign-for 24 h; complaint 10, help 5, consult 3 working days from the day after signing.
///
/// | ticket | created | story | at the end of March |
/// | --- | --- | --- | --- |
/// | T8 | 02-20 09:00 complaint | CGJ signs 02-20, deadline 03-07 00:00; approved 03-03 11:00 (on time); reopened 04-02 | closed in March, 266 h |
/// | T1 | 03-03 09:00 complaint | CGJ signs in time, deadline 03-18; approved 03-10 (revisit 5, yes); reopened 03-12, deadline 03-27; approved 03-20 | closed, on time, 410 h |
/// | T2 | 03-04 10:00 consult, web | resolved at intake 10:30 | closed, on time, 0.5 h |
/// | T3 | 03-05 09:00 complaint, same phone and topic as T1 (repeat) | ZJJ returns it within the limit; CGJ signs late 03-06 16:00, deadline 03-21; replies 03-24, approved 12:00 (late; revisit 2, no) | closed, late, 459 h |
/// | T4 | 03-06 09:00 help, app | CGJ signs 11:00, deadline 03-14; extension of 3 days approved → 03-19; replies 03-17 (on time only thanks to it) | closed, on time, 266 h |
/// | T5 | 03-07 09:00 complaint | CGJ signs, deadline 03-22; reminder 03-19 and warning 03-25 | backlog, overdue |
/// | T7 | 03-10 09:00 complaint | merged into T5 | merged |
/// | T6 | 03-28 09:00 suggestion, wechat | dispatched to CGJ, never signed (limit 03-29 10:00); reminder 03-29 | backlog, not overdue |
/// | T9 | 03-31 23:30 consult, same phone and topic as T2 (repeat) | — | backlog |
/// | T10 | 04-01 00:10 | — | not in March |
struct MonthlyReportStoreTests {
    static let topicA = "城市管理/市容环境/占道经营"
    static let topicB = "住房保障/公租房/申请条件"
    static let topicC = "供水供热/供水/停水"
    static let topicD = "交通出行/公交/线路调整"

    /// Builds the March 2025 of the table above; `reopenAfterEnd` adds T8's reopen of 04-02.
    static func makeMarch(_ bench: ReportBench, reopenAfterEnd: Bool = true) throws -> [String: String] {
        var n: [String: String] = [:]
        n["T8"] = try bench.new("2025-02-20T09:00", phone: "13800000008")
        try bench.handle(
            n["T8"]!, to: "CGJ", liaison: "cgj1", dispatch: "2025-02-20T10:00", sign: "2025-02-20T11:00",
            reply: "2025-03-03T10:00", approve: "2025-03-03T11:00")

        n["T1"] = try bench.new("2025-03-03T09:00", phone: "13800000001")
        try bench.handle(
            n["T1"]!, to: "CGJ", liaison: "cgj1", dispatch: "2025-03-03T10:00", sign: "2025-03-03T15:00",
            reply: "2025-03-10T10:00", approve: "2025-03-10T11:00")
        try bench.act(n["T1"]!, .revisit(satisfaction: 5, resolved: .yes, note: nil), by: "op1", at: "2025-03-11T09:00")
        try bench.act(n["T1"]!, .reopen(reason: "问题反弹"), by: "db1", at: "2025-03-12T09:00")
        try bench.act(n["T1"]!, .reply(text: "再次整治", outcome: .resolved), by: "cgj1", at: "2025-03-20T10:00")
        try bench.act(n["T1"]!, .approve, by: "sh1", at: "2025-03-20T11:00")

        n["T2"] = try bench.new("2025-03-04T10:00", type: .consult, channel: .web, topic: topicB, phone: "13800000002")
        try bench.act(n["T2"]!, .resolve(text: "已告知申请条件"), by: "op1", at: "2025-03-04T10:30")

        n["T3"] = try bench.new("2025-03-05T09:00", phone: "13800000001")
        try bench.act(n["T3"]!, .dispatch(lead: "ZJJ", co: []), by: "pd1", at: "2025-03-05T09:30")
        try bench.act(n["T3"]!, .returnTicket(reason: "不属于本单位"), by: "zjj1", at: "2025-03-05T11:00")
        try bench.handle(
            n["T3"]!, to: "CGJ", liaison: "cgj1", dispatch: "2025-03-05T14:00", sign: "2025-03-06T16:00",
            reply: "2025-03-24T10:00", approve: "2025-03-24T12:00")
        try bench.act(n["T3"]!, .revisit(satisfaction: 2, resolved: .no, note: nil), by: "op1", at: "2025-03-25T09:00")

        n["T4"] = try bench.new("2025-03-06T09:00", type: .help, channel: .app, topic: topicC, phone: "13800000004")
        try bench.act(n["T4"]!, .dispatch(lead: "CGJ", co: []), by: "pd1", at: "2025-03-06T10:00")
        try bench.act(n["T4"]!, .sign, by: "cgj1", at: "2025-03-06T11:00")
        try bench.act(n["T4"]!, .extend(days: 3, reason: "需协调"), by: "cgj1", at: "2025-03-12T09:00")
        try bench.act(n["T4"]!, .approveExtension, by: "db1", at: "2025-03-12T10:00")
        try bench.act(n["T4"]!, .reply(text: "已恢复供水", outcome: .resolved), by: "cgj1", at: "2025-03-17T10:00")
        try bench.act(n["T4"]!, .approve, by: "sh1", at: "2025-03-17T11:00")

        n["T5"] = try bench.new("2025-03-07T09:00", phone: "13900000005")
        try bench.act(n["T5"]!, .dispatch(lead: "CGJ", co: []), by: "pd1", at: "2025-03-07T10:00")
        try bench.act(n["T5"]!, .sign, by: "cgj1", at: "2025-03-07T11:00")
        try bench.letter(n["T5"]!, "reminder", to: "CGJ", at: "2025-03-19T09:00")
        try bench.letter(n["T5"]!, "warning", to: "CGJ", at: "2025-03-25T09:00")

        n["T7"] = try bench.new("2025-03-10T09:00", phone: "13800000007")
        try bench.act(n["T7"]!, .merge(into: n["T5"]!, targetState: .handling), by: "pd1", at: "2025-03-10T10:00")

        n["T6"] = try bench.new(
            "2025-03-28T09:00", type: .suggestion, channel: .wechat, topic: topicD, phone: "13800000006")
        try bench.act(n["T6"]!, .dispatch(lead: "CGJ", co: []), by: "pd1", at: "2025-03-28T10:00")
        try bench.letter(n["T6"]!, "reminder", to: "CGJ", at: "2025-03-29T11:00")

        n["T9"] = try bench.new("2025-03-31T23:30", type: .consult, topic: topicB, phone: "13800000002")
        n["T10"] = try bench.new("2025-04-01T00:10", phone: "13800000001")
        if reopenAfterEnd {
            try bench.act(n["T8"]!, .reopen(reason: "四月反弹"), by: "db1", at: "2025-04-02T10:00")
            try bench.letter(n["T5"]!, "warning", to: "CGJ", at: "2025-04-02T09:00")
        }
        return n
    }

    @Test func headlineFiguresMatchTheHandWorkedMonth() throws {
        let bench = try ReportBench()
        _ = try Self.makeMarch(bench)
        let f = try bench.report("2025-03").headline

        #expect(f.received == 8)  // T1 T2 T3 T4 T5 T6 T7 T9
        #expect(f.resolvedAtIntake == 1)  // T2
        #expect(f.closed == 5)  // T8 T1 T2 T3 T4
        #expect(f.backlog == 3)  // T5 T6 T9
        #expect(f.overdueBacklog == 1)  // T5
        #expect(f.closureRate == Ratio(4, 7))  // T1 T2 T3 T4 of eight received, merged T7 left out
        #expect(f.onTimeRate == Ratio(4, 5))  // T3 late
        // T1 T4 T5 in time; T3 (CGJ) late; T6 unsigned; T3 (ZJJ) returned in time and left out.
        #expect(f.responseRate == Ratio(3, 5))
        #expect(f.dispatches == 6)
        #expect(f.returns == 1)
        #expect(f.returnRate == Ratio(1, 6))
        #expect(f.closings == 6)  // T8 T2 T1 T4 T1 T3
        #expect(f.reopens == 1)
        #expect(f.reopenRate == Ratio(1, 6))
        #expect(f.satisfactionRate == Ratio(1, 2))
        #expect(f.resolutionRate == Ratio(1, 2))
        #expect(f.merged == 1)
        #expect(f.repeats == 2)  // T3 (after T1), T9 (after T2)
        #expect(f.letterEntries == LetterCounts(reminder: 2, warning: 1))  // letter events; no letter documents here
        // Hours: T2 0.5, T8 266, T4 266, T1 410, T3 459.
        #expect(f.handlingHours.count == 5)
        #expect(f.handlingHours.median == 266)
        #expect(f.handlingHours.mean == 280.3)
        #expect(f.handlingHours.p90 == 459)
    }

    @Test func aReopenAfterTheMonthEndsDoesNotChangeItsReport() throws {
        let before = try ReportBench()
        _ = try Self.makeMarch(before, reopenAfterEnd: false)
        let after = try ReportBench()
        let numbers = try Self.makeMarch(after, reopenAfterEnd: true)

        #expect(try after.database.ticket(numbers["T8"]!).state == .handling)
        let march = try after.report("2025-03")
        #expect(march == (try before.report("2025-03")))
        #expect(march.json().rendered() == (try before.report("2025-03")).json().rendered())
        // April sees the reopen and the late letter.
        let april = try after.report("2025-04").headline
        #expect(april.reopens == 1)
        #expect(april.received == 1)  // T10
        #expect(april.letterEntries.warning == 1)
    }

    @Test func aTicketCreatedInOneMonthAndClosedInTheNextCountsWhereEachHappened() throws {
        let bench = try ReportBench()
        _ = try Self.makeMarch(bench)
        let february = try bench.report("2025-02").headline
        #expect(february.received == 1)
        #expect(february.closed == 0)
        #expect(february.backlog == 1)
        #expect(february.overdueBacklog == 0)  // deadline 03-07
        #expect(february.closureRate == Ratio(0, 1))
        #expect(february.responseRate == Ratio(1, 1))

        let march = try bench.report("2025-03")
        #expect(march.headline.closed == 5)  // T8 among them
        #expect(march.previousMonth == february)
        #expect(march.sameMonthLastYear.received == 0)
    }

    @Test func departmentsAreAttributedAndScored() throws {
        let bench = try ReportBench()
        _ = try Self.makeMarch(bench)
        let report = try bench.report("2025-03")
        #expect(report.departments.map(\.code) == ["CGJ", "ZJJ"])

        let cgj = report.departments[0]
        #expect(cgj.name == "城市管理局")
        #expect(cgj.figures.received == 5)  // T1 T3 T4 T5 T6 dispatched to it in March
        #expect(cgj.figures.closed == 4)  // T8 T1 T3 T4
        #expect(cgj.figures.backlog == 2)
        #expect(cgj.figures.overdueBacklog == 1)
        #expect(cgj.figures.closureRate == Ratio(3, 5))
        #expect(cgj.figures.onTimeRate == Ratio(3, 4))
        #expect(cgj.figures.responseRate == Ratio(3, 5))
        #expect(cgj.figures.returnRate == Ratio(0, 5))
        #expect(cgj.figures.reopenRate == Ratio(1, 5))
        #expect(cgj.figures.satisfactionRate == Ratio(1, 2))
        #expect(cgj.figures.letterEntries.total == 3)
        // 100 × (0.35·0.75 + 0.20·0.6 + 0.25·0.5 + 0.20·0.6) − 20 × 0.2 = 62.75 − 4 = 58.75.
        #expect(abs((cgj.score ?? 0) - 58.75) <= 0.051)
        #expect(cgj.rank == 1)
        #expect(cgj.mark == .red)

        let zjj = report.departments[1]
        #expect(zjj.figures.received == 1)
        #expect(zjj.figures.returns == 1)
        #expect(zjj.figures.returnRate == Ratio(1, 1))
        #expect(zjj.figures.responseRate == Ratio(0, 0))  // returned within the limit: left out
        #expect(zjj.figures.closureRate == Ratio(0, 1))
        #expect(zjj.score == 0)  // 100 × 0 − 20 × 1, clamped
        #expect(zjj.mark == nil)  // fewer than five tickets
        #expect(report.redList.map(\.code) == ["CGJ"])
        #expect(report.blackList.isEmpty)
    }

    @Test func typesChannelsTopicsAndRepeats() throws {
        let bench = try ReportBench()
        _ = try Self.makeMarch(bench)
        let report = try bench.report("2025-03")
        let complaint = report.byType.first { $0.type == .complaint }!.figures
        #expect(complaint.received == 4)  // T1 T3 T5 T7
        #expect(complaint.closed == 3)  // T8 T1 T3
        #expect(complaint.onTimeRate == Ratio(2, 3))
        let consult = report.byType.first { $0.type == .consult }!.figures
        #expect(consult.received == 2)
        #expect(consult.resolvedAtIntake == 1)
        #expect(consult.backlog == 1)
        #expect(report.byChannel.first { $0.channel == .phone }!.figures.received == 5)
        #expect(report.byChannel.first { $0.channel == .wechat }!.figures.backlog == 1)

        #expect(
            report.topTopics == [
                .init(topic: Self.topicA, count: 4, previousCount: 1),
                .init(topic: Self.topicB, count: 2, previousCount: 0),
                // Ties by name: 交 (U+4EA4) sorts before 供 (U+4F9B).
                .init(topic: Self.topicD, count: 1, previousCount: 0),
                .init(topic: Self.topicC, count: 1, previousCount: 0),
            ])
        #expect(
            report.repeatTopics == [
                .init(topic: Self.topicB, count: 1, previousCount: 0),
                .init(topic: Self.topicA, count: 1, previousCount: 0),
            ])
    }

    @Test func jsonHasTheKeysOfTheDesign() throws {
        let bench = try ReportBench()
        _ = try Self.makeMarch(bench)
        let json = try bench.report("2025-03").json()
        let figureKeys = [
            "received", "resolvedAtIntake", "closed", "backlog", "overdueBacklog", "closureRate", "onTimeRate",
            "responseRate", "returnRate", "reopenRate", "satisfactionRate", "resolutionRate", "handlingHours",
        ]
        #expect(
            Set(json.keys)
                == Set(
                    ["month", "timeZone"] + figureKeys + [
                        "topTopics", "departments", "byType", "byChannel", "letters", "letterEntries", "backdated",
                        "previousMonth", "sameMonthLastYear",
                    ]))
        #expect(json["month"] == .string("2025-03"))
        #expect(json["timeZone"] == .string("Asia/Shanghai"))
        #expect(json["closureRate"] == .number(4.0 / 7.0))
        #expect(json["handlingHours"]?["p90"] == .number(459))
        #expect(json["previousMonth"]?["month"] == .string("2025-02"))
        #expect(json["previousMonth"]?["onTimeRate"] == .null)  // nothing closed in February
        #expect(json["sameMonthLastYear"]?["month"] == .string("2024-03"))
        #expect(
            json["letterEntries"]
                == .object([.init("reminder", .int(2)), .init("warning", .int(1)), .init("total", .int(3))]))
        // The fixture records letter events without letter documents: no document was issued.
        #expect(json["letters"]?["total"] == .int(0))
        guard case .array(let topics) = json["topTopics"], case .array(let departments) = json["departments"] else {
            Issue.record("topTopics and departments must be arrays")
            return
        }
        #expect(topics.first?.keys == ["topic", "count"])
        #expect(departments.first?["code"] == .string("CGJ"))
        #expect(Set(figureKeys).isSubset(of: Set(departments.first?.keys ?? [])))
    }

    @Test func anApprovedExtensionTurnsALateAnswerIntoAnOnTimeOne() throws {
        let bench = try ReportBench()
        // Two help tickets signed Monday 2025-06-09 11:00: deadline 5 working days later, 06-16 24:00 (06-17 00:00).
        var numbers: [String] = []
        for approved in [true, false] {
            let n = try bench.new("2025-06-09T09:00", type: .help)
            try bench.act(n, .dispatch(lead: "CGJ", co: []), by: "pd1", at: "2025-06-09T10:00")
            try bench.act(n, .sign, by: "cgj1", at: "2025-06-09T11:00")
            try bench.act(n, .extend(days: 3, reason: "需协调"), by: "cgj1", at: "2025-06-12T09:00")
            if approved {
                try bench.act(n, .approveExtension, by: "db1", at: "2025-06-12T10:00")  // → 06-19 24:00
            } else {
                try bench.act(n, .denyExtension(reason: "理由不足"), by: "db1", at: "2025-06-12T10:00")
            }
            try bench.act(n, .reply(text: "已办理", outcome: .resolved), by: "cgj1", at: "2025-06-18T10:00")
            try bench.act(n, .approve, by: "sh1", at: "2025-06-18T11:00")
            numbers.append(n)
        }
        let june = try bench.report("2025-06")
        #expect(june.headline.closed == 2)
        #expect(june.headline.onTimeRate == Ratio(1, 2))
        #expect(try bench.database.ticket(numbers[0]).onTime == true)
        #expect(try bench.database.ticket(numbers[1]).onTime == false)
    }

    @Test func importedTicketsCloseByImportCloseAndWithoutADeadlineLeaveTheOnTimeRate() throws {
        let bench = try ReportBench()
        let late = try bench.new("2025-05-06T09:00")
        try bench.record(
            late, .dispatch, at: "2025-05-06T09:00", to: .dispatched,
            details: ["lead": "CGJ", "deadline": String(Int(bench.at("2025-05-10T00:00").timeIntervalSince1970))])
        try bench.record(late, .importClose, at: "2025-05-12T09:00", to: .closed, details: ["onTime": "false"])
        let undated = try bench.new("2025-05-07T09:00")
        try bench.record(undated, .importClose, at: "2025-05-08T09:00", to: .closed)
        let open = try bench.new("2025-05-08T09:00")
        try bench.record(
            open, .dispatch, at: "2025-05-08T09:00", to: .dispatched,
            details: ["lead": "ZJJ", "deadline": String(Int(bench.at("2025-05-20T00:00").timeIntervalSince1970))])

        let f = try bench.report("2025-05").headline
        #expect(f.closed == 2)
        #expect(f.onTimeRate == Ratio(0, 1))  // the undated one is left out
        #expect(f.responseRate == Ratio(0, 0))  // imported dispatches have no sign-for limit
        #expect(f.backlog == 1)
        #expect(f.overdueBacklog == 1)  // the import's own deadline, 05-20, passed before June
        #expect(f.handlingHours.median == 84)  // 144 h and 24 h
        let short = try bench.database.writer.read { db in
            try GovDeskDatabase.trendPoint(Month("2025-05")!, timeZone: bench.zone, db)
        }
        #expect(short == MonthlyReport.TrendPoint(month: Month("2025-05")!, figures: f))
    }

    @Test func monthBoundariesFollowTheConfiguredZoneInShanghai() throws {
        let bench = try ReportBench(zone: "Asia/Shanghai")
        try bench.new("2025-02-28T23:59:59+08:00", phone: "10001")
        try bench.new("2025-03-01T00:00+08:00", phone: "10002")
        try bench.new("2025-03-31T23:59:59+08:00", phone: "10003")
        try bench.new("2025-04-01T00:00+08:00", phone: "10004")
        #expect(try bench.report("2025-02").headline.received == 1)
        #expect(try bench.report("2025-03").headline.received == 2)
        #expect(try bench.report("2025-04").headline.received == 1)
    }

    @Test func monthBoundariesFollowDaylightSavingTimeInNewYork() throws {
        let bench = try ReportBench(zone: "America/New_York")
        // March 2025 runs from 00:00 EST (-05:00) on the 1st to 00:00 EDT (-04:00) on April 1st.
        try bench.new("2025-02-28T23:30-05:00", phone: "12345")
        try bench.new("2025-03-01T00:30-05:00", phone: "12345")
        try bench.new("2025-03-31T23:30-04:00", phone: "12345")
        try bench.new("2025-04-01T00:30-04:00", phone: "12345")
        // November 2025 runs from 00:00 EDT on the 1st to 00:00 EST on December 1st.
        try bench.new("2025-10-31T23:30-04:00", phone: "12345")
        try bench.new("2025-11-01T00:10-04:00", phone: "12345")
        try bench.new("2025-11-30T23:30-05:00", phone: "12345")
        try bench.new("2025-12-01T00:10-05:00", phone: "12345")
        let march = try bench.report("2025-03")
        #expect(march.timeZone == "America/New_York")
        #expect(march.headline.received == 2)
        #expect(march.previousMonth.received == 1)
        #expect(try bench.report("2025-04").headline.received == 1)
        #expect(try bench.report("2025-10").headline.received == 1)
        #expect(try bench.report("2025-11").headline.received == 2)
        #expect(try bench.report("2025-12").headline.received == 1)
        // Eastern midnight is 04:00 or 05:00 UTC: the same tickets seen from Shanghai fall in other months.
        // 02-28 23:30 EST is 03-01 12:30 in Shanghai; 03-31 23:30 EDT is 04-01 11:30 there.
        let shanghai = try bench.database.monthlyReport(
            for: Month("2025-03")!, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(shanghai.previousMonth.received == 0)
        #expect(shanghai.headline.received == 2)
        #expect(
            try bench.database.monthlyReport(for: Month("2025-04")!, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
                .headline.received == 2)
    }

    @Test func theTrendsShortcutAgreesWithTheFullFold() throws {
        let bench = try ReportBench()
        _ = try Self.makeMarch(bench)
        for text in ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"] {
            let month = Month(text)!
            let full = MonthlyReport.TrendPoint(
                month: month,
                figures: MonthFacts(try bench.database.monthActivity(month, timeZone: bench.zone)).figures())
            let short = try bench.database.writer.read { db in
                try GovDeskDatabase.trendPoint(month, timeZone: bench.zone, db)
            }
            #expect(short == full, "\(text)")
        }
    }

    @Test func trendCoversTwelveMonthsFromTheFirstWithData() throws {
        let bench = try ReportBench()
        _ = try Self.makeMarch(bench)
        let report = try bench.report("2025-03", trendMonths: 12)
        #expect(report.trend.map(\.month.description) == ["2025-02", "2025-03"])
        #expect(report.trend.map(\.received) == [1, 8])
        #expect(report.trend.last?.onTimeRate == Ratio(4, 5))
        let later = try bench.report("2025-06", trendMonths: 12)
        #expect(later.trend.map(\.received) == [1, 8, 1, 0, 0])
        #expect(later.trend[2].closed == 0)
    }
}
