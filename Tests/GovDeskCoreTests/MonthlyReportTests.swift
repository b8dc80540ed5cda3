import Foundation
import GovDeskTestSupport
import Testing

@testable import GovDeskCore

/// A ticket history for hand-built month activities; events are numbered in order.
func makeReportHistory(
    id: Int64, created: String, type: TicketType = .complaint, channel: Channel = .phone,
    topic: String = "城市管理/市容环境/占道经营", isRepeat: Bool = false, events: [MonthActivity.Event] = []
) -> MonthActivity.TicketHistory {
    let createdAt = makeInstant(created)
    var all = [MonthActivity.Event(sequence: 1, action: .create, to: .received, at: createdAt)] + events
    for i in all.indices { all[i].sequence = i + 1 }
    return MonthActivity.TicketHistory(
        ticket: MonthActivity.TicketInfo(
            id: id, type: type, channel: channel, topic: topic, createdAt: createdAt, isRepeat: isRepeat),
        events: all)
}

/// One event at `time` (with offset) reaching state `to`.
func makeReportEvent(
    _ action: TicketAction, _ time: String, to: TicketState, lead: String? = nil, signBy: String? = nil,
    deadline: String? = nil, onTime: Bool? = nil, satisfaction: Int? = nil, resolved: RevisitResolution? = nil
) -> MonthActivity.Event {
    MonthActivity.Event(
        sequence: 0, action: action, to: to, at: makeInstant(time), lead: lead, signDeadline: signBy.map(makeInstant),
        deadline: deadline.map(makeInstant), onTime: onTime, satisfaction: satisfaction, resolved: resolved)
}

/// The facts of March 2025 in Shanghai over `histories`.
func makeMarchFacts(_ histories: [MonthActivity.TicketHistory]) -> MonthFacts {
    MonthFacts(MonthActivity(month: Month("2025-03")!, timeZone: makeTimeZone(), histories: histories))
}

struct MonthTests {
    @Test(arguments: ["2025-3", "2025-13", "2025-00", "25-03", "2025-03-01", "abcd-ef", "", "2025_03", "１２３４-05"])
    func malformedMonthsAreRefused(_ text: String) {
        #expect(Month(text) == nil)
    }

    @Test func monthsParseAndStep() {
        let march = Month("2025-03")!
        #expect(march.year == 2025 && march.month == 3)
        #expect(march.description == "2025-03")
        #expect(Month("2025-01")!.previous.description == "2024-12")
        #expect(Month("2024-12")!.next.description == "2025-01")
        #expect(march.sameMonthLastYear.description == "2024-03")
        #expect(march.adding(months: -15).description == "2023-12")
        #expect(Month("2024-12")! < Month("2025-01")!)
        #expect(march.label(.zh) == "2025年3月")
        #expect(march.label(.en) == "March 2025")
    }

    @Test func boundariesInShanghai() {
        let zone = makeTimeZone()
        let march = Month("2025-03")!
        #expect(march.start(in: zone) == makeInstant("2025-02-28T16:00Z"))
        #expect(march.end(in: zone) == makeInstant("2025-03-31T16:00Z"))
        #expect(Month(containing: makeInstant("2025-03-31T16:00Z"), in: zone).description == "2025-04")
        #expect(Month(containing: makeInstant("2025-03-31T15:59Z"), in: zone).description == "2025-03")
    }

    @Test func boundariesInNewYorkFollowDaylightSavingTime() {
        let zone = TimeZone(identifier: "America/New_York")!
        // March 2025 starts in EST (-05:00) and ends in EDT (-04:00): 743 hours, not 744.
        let march = Month("2025-03")!
        #expect(march.start(in: zone) == makeInstant("2025-03-01T05:00Z"))
        #expect(march.end(in: zone) == makeInstant("2025-04-01T04:00Z"))
        #expect(march.end(in: zone).timeIntervalSince(march.start(in: zone)) == 743 * 3600)
        let november = Month("2025-11")!
        #expect(november.start(in: zone) == makeInstant("2025-11-01T04:00Z"))
        #expect(november.end(in: zone) == makeInstant("2025-12-01T05:00Z"))
    }
}

struct HandlingHoursTests {
    @Test func medianMeanAndNearestRankPercentile() {
        let even = HandlingHours([4, 1, 3, 2])
        #expect(even.median == 2.5)
        #expect(even.mean == 2.5)
        #expect(even.p90 == 4)  // rank ⌈3.6⌉ = 4
        let ten = HandlingHours((1...10).map(Double.init))
        #expect(ten.median == 5.5)
        #expect(ten.p90 == 9)  // rank ⌈9⌉ = 9
        let one = HandlingHours([7])
        #expect(one.median == 7 && one.mean == 7 && one.p90 == 7)
        let none = HandlingHours([])
        #expect(none.median == nil && none.mean == nil && none.p90 == nil && none.count == 0)
    }

    @Test func ratiosAreNilWithoutCases() {
        #expect(Ratio(0, 0).value == nil)
        #expect(Ratio(1, 4).value == 0.25)
    }
}

struct MonthFactsTests {
    @Test func signingExactlyAtTheLimitIsInTimeAndAWaitPastTheMonthIsLeftOut() {
        let facts = makeMarchFacts([
            makeReportHistory(
                id: 1, created: "2025-03-03T09:00+08:00",
                events: [
                    makeReportEvent(
                        .dispatch, "2025-03-03T10:00+08:00", to: .dispatched, lead: "CGJ",
                        signBy: "2025-03-04T10:00+08:00"),
                    makeReportEvent(.sign, "2025-03-04T10:00+08:00", to: .handling, deadline: "2025-03-18T00:00+08:00"),
                ]),
            // Dispatched on the last evening; its limit runs out in April: not yet a miss.
            makeReportHistory(
                id: 2, created: "2025-03-31T20:00+08:00",
                events: [
                    makeReportEvent(
                        .dispatch, "2025-03-31T21:00+08:00", to: .dispatched, lead: "CGJ",
                        signBy: "2025-04-01T21:00+08:00")
                ]),
            // Merged after its limit had passed unsigned: a miss.
            makeReportHistory(
                id: 3, created: "2025-03-10T09:00+08:00",
                events: [
                    makeReportEvent(
                        .dispatch, "2025-03-10T10:00+08:00", to: .dispatched, lead: "ZJJ",
                        signBy: "2025-03-11T10:00+08:00"),
                    makeReportEvent(.merge, "2025-03-12T10:00+08:00", to: .merged),
                ]),
        ])
        let f = facts.figures()
        #expect(f.responseRate == Ratio(1, 2))
        #expect(facts.figures(.department("ZJJ")).responseRate == Ratio(0, 1))
        #expect(f.merged == 1)
        #expect(f.backlog == 2)
        #expect(f.closureRate == Ratio(0, 2))  // the merged one is left out
    }

    @Test func aReplyInTimeKeepsAWaitingTicketOffTheOverdueBacklog() {
        func replied(_ id: Int64, at time: String) -> MonthActivity.TicketHistory {
            makeReportHistory(
                id: id, created: "2025-03-03T09:00+08:00",
                events: [
                    makeReportEvent(
                        .dispatch, "2025-03-03T10:00+08:00", to: .dispatched, lead: "CGJ",
                        signBy: "2025-03-04T10:00+08:00"),
                    makeReportEvent(.sign, "2025-03-03T11:00+08:00", to: .handling, deadline: "2025-03-18T00:00+08:00"),
                    makeReportEvent(.reply, time, to: .replied),
                ])
        }
        let facts = makeMarchFacts([replied(1, at: "2025-03-17T23:00+08:00"), replied(2, at: "2025-03-19T09:00+08:00")])
        #expect(facts.figures().backlog == 2)
        #expect(facts.figures().overdueBacklog == 1)
    }

    @Test func eventsAfterTheEndAreIgnoredEvenWhenPassedIn() {
        let history = makeReportHistory(
            id: 1, created: "2025-03-03T09:00+08:00",
            events: [
                makeReportEvent(.resolve, "2025-03-03T09:10+08:00", to: .closed),
                makeReportEvent(.reopen, "2025-04-01T09:00+08:00", to: .handling, deadline: "2025-04-07T00:00+08:00"),
            ])
        let f = makeMarchFacts([history]).figures()
        #expect(f.closed == 1 && f.resolvedAtIntake == 1 && f.reopens == 0 && f.backlog == 0)
        #expect(f.handlingHours.median == 10.0 / 60)
    }

    @Test func aReturnedTicketLeavesItsDepartmentButItsReturnStays() {
        let history = makeReportHistory(
            id: 1, created: "2025-03-03T09:00+08:00",
            events: [
                makeReportEvent(
                    .dispatch, "2025-03-03T10:00+08:00", to: .dispatched, lead: "ZJJ", signBy: "2025-03-04T10:00+08:00"),
                makeReportEvent(.sign, "2025-03-03T11:00+08:00", to: .handling, deadline: "2025-03-18T00:00+08:00"),
                makeReportEvent(.returnTicket, "2025-03-05T11:00+08:00", to: .received),
            ])
        let facts = makeMarchFacts([history])
        let zjj = facts.figures(.department("ZJJ"))
        #expect(zjj.received == 1 && zjj.returns == 1 && zjj.backlog == 0 && zjj.responseRate == Ratio(1, 1))
        // Back at the centre without a deadline: backlog, not overdue.
        #expect(facts.figures().backlog == 1 && facts.figures().overdueBacklog == 0)
    }
}

struct DepartmentScoreTests {
    @Test func weightsAreScaledOverTheRatesPresent() {
        var f = ReportFigures()
        #expect(DepartmentScore.score(f) == nil)
        f.onTimeRate = Ratio(3, 4)
        #expect(DepartmentScore.score(f) == 75)
        f.satisfactionRate = Ratio(1, 2)
        // (0.35·0.75 + 0.25·0.5) / 0.6 = 0.6458…
        #expect(DepartmentScore.score(f) == 64.6)
        f.returnRate = Ratio(1, 2)
        #expect(DepartmentScore.score(f) == 54.6)
        f.reopenRate = Ratio(4, 1)
        #expect(DepartmentScore.score(f) == 0)  // clamped
    }

    /// Twelve listed departments D00–D11 with five tickets each, all signed in time and closed; k of five on
    /// time, k = 5 5 4 4 3 3 2 2 1 1 0 0. D12 is perfect too but has four tickets only.
    @Test func rankingBreaksTiesByCodeAndListsTopAndBottomFive() {
        var histories: [MonthActivity.TicketHistory] = []
        var id: Int64 = 0
        let onTimeCounts = [5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0, 0]
        for (index, k) in (onTimeCounts + [4]).enumerated() {
            let code = String(format: "D%02d", index)
            for ticket in 0..<(index == 12 ? 4 : 5) {
                id += 1
                histories.append(
                    makeReportHistory(
                        id: id, created: "2025-03-03T09:00+08:00",
                        events: [
                            makeReportEvent(
                                .dispatch, "2025-03-03T10:00+08:00", to: .dispatched, lead: code,
                                signBy: "2025-03-04T10:00+08:00"),
                            makeReportEvent(
                                .sign, "2025-03-03T11:00+08:00", to: .handling, deadline: "2025-03-18T00:00+08:00"),
                            makeReportEvent(.reply, "2025-03-05T11:00+08:00", to: .replied),
                            makeReportEvent(.approve, "2025-03-05T12:00+08:00", to: .closed, onTime: ticket < k),
                        ]))
            }
        }
        let lines = MonthlyReport.rank(facts: makeMarchFacts(histories), names: [:])
        // D12 ties D00 and D01 at 100 and sorts after them by code; it ranks but cannot take a place on a list.
        #expect(
            lines.map(\.code) == [
                "D00", "D01", "D12", "D02", "D03", "D04", "D05", "D06", "D07", "D08", "D09", "D10", "D11",
            ])
        #expect(lines.map(\.rank) == Array(1...13))
        #expect(lines[2].score == 100 && !lines[2].isListed && lines[2].mark == nil)
        // D00: (0.35·1 + 0.20 + 0.20) / 0.75 = 100; D11: (0 + 0.40) / 0.75 = 53.3.
        #expect(lines[0].score == 100)
        #expect(lines[12].score == 53.3)
        #expect(lines.filter { $0.mark == .red }.map(\.code) == ["D00", "D01", "D02", "D03", "D04"])
        #expect(lines.filter { $0.mark == .black }.map(\.code) == ["D07", "D08", "D09", "D10", "D11"])
        #expect(lines.first { $0.code == "D05" }?.mark == nil)
        #expect(lines.first { $0.code == "D00" }?.name == "D00")  // unknown names show the code
    }

    @Test func withFewerThanTenListedTheBlackListTakesWhatIsLeft() {
        var histories: [MonthActivity.TicketHistory] = []
        var id: Int64 = 0
        for (index, k) in [5, 4, 3, 2, 1, 0, 0].enumerated() {
            for ticket in 0..<5 {
                id += 1
                histories.append(
                    makeReportHistory(
                        id: id, created: "2025-03-03T09:00+08:00",
                        events: [
                            makeReportEvent(
                                .dispatch, "2025-03-03T10:00+08:00", to: .dispatched, lead: "E\(index)",
                                signBy: "2025-03-04T10:00+08:00"),
                            makeReportEvent(
                                .sign, "2025-03-03T11:00+08:00", to: .handling, deadline: "2025-03-18T00:00+08:00"),
                            makeReportEvent(.reply, "2025-03-05T11:00+08:00", to: .replied),
                            makeReportEvent(.approve, "2025-03-05T12:00+08:00", to: .closed, onTime: ticket < k),
                        ]))
            }
        }
        let facts = makeMarchFacts(histories)
        let empty = makeMarchFacts([])
        let report = MonthlyReport(
            facts: facts, previous: empty, lastYear: empty, timeZone: makeTimeZone(), departmentNames: ["E6": "六局"])
        #expect(report.redList.map(\.code) == ["E0", "E1", "E2", "E3", "E4"])
        #expect(report.blackList.map(\.code) == ["E6", "E5"])  // worst first; E5 and E6 tie, E6 after by code
        #expect(report.blackList.first?.name == "六局")
    }
}

struct ReportRenderingTests {
    /// A small report: two tickets of CGJ in March, one in February.
    func makeReport(topic: String = "城市管理/市容环境/占道经营", name: String = "城市管理局") -> MonthlyReport {
        let march = makeMarchFacts([
            makeReportHistory(
                id: 1, created: "2025-03-03T09:00+08:00", topic: topic,
                events: [
                    makeReportEvent(
                        .dispatch, "2025-03-03T10:00+08:00", to: .dispatched, lead: "CGJ",
                        signBy: "2025-03-04T10:00+08:00"),
                    makeReportEvent(.sign, "2025-03-03T11:00+08:00", to: .handling, deadline: "2025-03-18T00:00+08:00"),
                    makeReportEvent(.reply, "2025-03-05T11:00+08:00", to: .replied),
                    makeReportEvent(.approve, "2025-03-05T12:00+08:00", to: .closed, onTime: true),
                    makeReportEvent(.revisit, "2025-03-06T12:00+08:00", to: .closed, satisfaction: 4, resolved: .yes),
                ]),
            makeReportHistory(id: 2, created: "2025-03-04T09:00+08:00", type: .consult, channel: .web),
        ])
        let february = MonthFacts(
            MonthActivity(
                month: Month("2025-02")!, timeZone: makeTimeZone(),
                histories: [makeReportHistory(id: 3, created: "2025-02-10T09:00+08:00")]))
        let lastYear = MonthFacts(MonthActivity(month: Month("2024-03")!, timeZone: makeTimeZone(), histories: []))
        return MonthlyReport(
            facts: march, previous: february, lastYear: lastYear, timeZone: makeTimeZone(),
            departmentNames: ["CGJ": name],
            trend: [
                .init(month: Month("2025-02")!, figures: february.figures()),
                .init(month: Month("2025-03")!, figures: march.figures()),
            ],
            now: makeInstant("2025-04-02T09:00+08:00"))
    }

    @Test func jsonIsTheSameInEveryLanguageAndUsesFractions() {
        let report = makeReport()
        let json = report.json()
        #expect(json["received"] == .int(2))
        #expect(json["closureRate"] == .number(0.5))
        #expect(json["onTimeRate"] == .number(1))
        #expect(json["returnRate"] == .number(0))
        #expect(json["reopenRate"] == .number(0))
        #expect(json["previousMonth"]?["received"] == .int(1))
        #expect(json["previousMonth"]?["closureRate"] == .number(0))
        #expect(json["sameMonthLastYear"]?["closureRate"] == .null)
        let text = json.rendered()
        #expect(text.contains("\"closureRate\": 0.5,"))
        #expect(text.contains("\"onTimeRate\": 1,"))
        #expect(text.hasPrefix("{\n  \"month\": \"2025-03\",\n  \"timeZone\": \"Asia/Shanghai\","))
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil)
    }

    @Test func jsonEscapesStrings() {
        let value = ReportJSON.object([.init("a\"b", .string("line\nbreak\\ \u{1}")), .init("n", .array([]))])
        #expect(value.rendered() == "{\n  \"a\\\"b\": \"line\\nbreak\\\\ \\u0001\",\n  \"n\": []\n}")
    }

    @Test func labelsFollowTheLanguage() {
        let zh = ReportDocument(makeReport(), language: .zh)
        let en = ReportDocument(makeReport(), language: .en)
        #expect(zh.title == "12345热线 2025年3月 工单办结通报")
        #expect(en.title == "12345 hotline closure report, March 2025")
        #expect(zh.tables[0].rows[0] == ["受理量", "2", "1", "+100.0%", "0", "—"])
        #expect(en.tables[0].rows[0] == ["Received", "2", "1", "+100.0%", "0", "—"])
        #expect(zh.tables[0].rows[5] == ["办结率", "50.0% (1/2)", "0.0%", "+50.0个百分点", "—", "—"])
        #expect(en.tables[0].rows[5][3] == "+50.0pp")
        #expect(zh.tables.map(\.title).contains("高频诉求（前十）"))
        #expect(zh.footnotes.last == DepartmentScore.formula(.zh))
        let departments = ReportDocument(makeReport(), language: .zh, part: .departments)
        #expect(departments.tables.count == 3)
        #expect(departments.tables[0].rows[0][1] == "CGJ")
    }

    @Test func markdownEscapesCellsThatWouldBreakTheTable() {
        let md = ReportDocument(makeReport(topic: "a|b/<c>"), language: .en).markdown()
        #expect(md.contains("| 1 | a\\|b/\\<c\\> | 1 | 0 | — |"))
        #expect(md.hasPrefix("# 12345 hotline closure report, March 2025\n"))
        #expect(md.contains("| --- | ---: |"))
    }

    @Test func csvTablesAreDataWithNeutralisedTextAndPlainNumbers() {
        let tables = makeReport(topic: "=cmd|x").csvTables()
        #expect(tables.map(\.name) == Array(MonthlyReport.csvTableNames.prefix(7)), "no hall section, no hall tables")
        let headline = tables[0].csv()
        #expect(headline.hasPrefix("\u{FEFF}month,figure,unit,this_month,this_month_numerator,"))
        // A change is a fraction; a change against 0 is an empty cell.
        #expect(headline.contains("\r\n2025-03,received,count,2,,,1,,,1,0,,,\r\n"), "\(headline)")
        #expect(headline.contains("\r\n2025-03,closure_rate,rate,0.5,1,2,0,0,1,0.5,,0,0,\r\n"), "\(headline)")
        // Text people typed is neutralised; numbers, negative ones too, are not.
        #expect(tables[4].csv().contains("\r\n2025-03,1,'=cmd|x,1,0,\r\n"), "\(tables[4].csv())")
        #expect(ReportCSVCell.decimal(-0.0612).field == "-0.0612")
        #expect(ReportCSVCell.decimal(0.747).field == "0.747")
        #expect(ReportCSVCell.decimal(nil).field == "")
        #expect(ReportCSVCell.int(-3).field == "-3")
        #expect(ReportCSVCell.text("-3").field == "'-3")
        #expect(!headline.contains("\n\n"))
    }

    @Test func htmlIsSelfContainedAndEscaped() {
        let html = makeReport(name: "<b>局&</b>").html(language: .zh)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        #expect(html.contains("&lt;b&gt;局&amp;&lt;/b&gt;"))
        #expect(!html.contains("<b>局"))
        for external in ["<script", "<link", "src=", "url(", "https://", "@import"] {
            #expect(!html.contains(external), "\(external) would need the network")
        }
        // The only http text is the SVG namespace, which browsers never fetch.
        #expect(
            html.components(separatedBy: "http://").count - 1 == html.components(
                separatedBy: "http://www.w3.org/2000/svg"
            ).count - 1)
    }

    /// A count axis is labelled in whole tickets: 220 received gives 0, 50, … 250, not 62.5 and 187.5.
    @Test(arguments: [1, 3, 4, 7, 19, 25, 62, 220, 251, 983, 1013, 2400, 48_000])
    func chartAxesTickInWholeNumbers(largest: Int) {
        let top = MonthlyReport.niceCeiling(Double(largest))
        #expect(top >= Double(largest))
        for i in 0...MonthlyReport.ticks {
            let tick = top * Double(i) / Double(MonthlyReport.ticks)
            #expect(tick == tick.rounded(), "\(largest): tick \(tick) of \(top)")
        }
    }

    @Test func anIncompleteMonthSaysSo() {
        var report = makeReport()
        report.isComplete = false
        #expect(
            ReportDocument(report, language: .en).subtitle.contains(
                "The month has not ended yet: these figures may still change."))
    }

    @Test func aHallSectionRendersWhenPresent() {
        var report = makeReport()
        report.hall = HallSection(
            tables: [ReportTable(title: "窗口", headers: ["窗口", "办件"], rows: [["A01", "12"]])],
            json: .object([.init("cases", .int(12))]))
        #expect(report.json()["hall"] == .object([.init("cases", .int(12))]))
        #expect(ReportDocument(report, language: .zh).tables.contains { $0.title == "窗口" })
        #expect(makeReport().json()["hall"] == nil)
    }
}
