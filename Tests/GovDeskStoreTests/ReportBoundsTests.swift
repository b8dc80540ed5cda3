import Foundation
import GRDB
import GovDeskCore
import Testing

@testable import GovDeskStore

/// The report reads a month, not the history (issue 6, case 5), yet still finds every ticket open at the month's end.
struct ReportBoundsTests {
    /// Given a ticket signed in January with no event in March, and one March ticket answered at intake.
    func makeLongLivedTicket(_ bench: ReportBench) throws -> String {
        let long = try bench.new("2025-01-06T09:00", phone: "13800000011")
        try bench.act(long, .dispatch(lead: "CGJ", co: []), by: "pd1", at: "2025-01-06T10:00")
        try bench.act(long, .sign, by: "cgj1", at: "2025-01-06T11:00")
        let quick = try bench.new("2025-03-03T09:00", type: .consult, phone: "13800000012")
        try bench.act(quick, .resolve(text: "已告知"), by: "op1", at: "2025-03-03T09:30")
        return long
    }

    @Test func aTicketOpenAtTheEndAndClosedMonthsLaterIsInTheBacklog() throws {
        let bench = try ReportBench()
        let long = try makeLongLivedTicket(bench)
        // When it is closed in June, long after March (and after the March ticket's short life)
        try bench.act(long, .reply(text: "已处理", outcome: .resolved), by: "cgj1", at: "2025-06-02T10:00")
        try bench.act(long, .approve, by: "sh1", at: "2025-06-02T11:00")

        // Then March still counts it as open, and overdue, at its end
        let march = try bench.report("2025-03").headline
        #expect(march.received == 1)
        #expect(march.closed == 1)
        #expect(march.backlog == 1)
        #expect(march.overdueBacklog == 1)
        #expect(try bench.report("2025-06").headline.closed == 1)
    }

    @Test func aTicketOpenAtTheEndAndMergedMonthsLaterIsInTheBacklog() throws {
        let bench = try ReportBench()
        let long = try makeLongLivedTicket(bench)
        // When it is merged in June into a new ticket (a merged ticket has no closing time to bound it by)
        let target = try bench.new("2025-06-02T09:00", phone: "13800000011")
        try bench.act(long, .merge(into: target, targetState: .received), by: "pd1", at: "2025-06-02T10:00")

        // Then March still counts it as open at its end
        let march = try bench.report("2025-03").headline
        #expect(march.backlog == 1)
        #expect(march.overdueBacklog == 1)
    }

    @Test func theSameMonthLastYearReadsOnlyUpToTheLongestLifeAfterIt() throws {
        let bench = try ReportBench()
        _ = try makeLongLivedTicket(bench)
        // The ticket lifetime index answers the longest life from its end, without scanning the tickets
        let plan = try bench.database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT max(closedAt - createdAt) FROM ticket")
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("ticket_lifetime") }, "\(plan)")
    }

    @Test(arguments: [
        (#"["GSGS","1741000000",null]"#, ["GSGS", "1741000000", nil]),
        (#"[5,"yes"]"#, ["5", "yes", nil]),
        (#"["reminder","CGJ"]"#, ["reminder", "CGJ", nil]),
        (#"["A \"quoted\" \u4e2d",null,"x"]"#, [#"A "quoted" 中"#, nil, "x"]),
        ("[null,null,null]", [nil, nil, nil]),
    ])
    func detailsOfSeveralPathsAreSplitInOrder(_ json: String, _ expected: [String?]) {
        #expect(GovDeskDatabase.jsonScalars(json.databaseValue) == expected)
    }

    /// The month's rows come without ORDER BY; should SQLite ever give them out of order, the histories are still
    /// by ticket and sequence, one per ticket.
    @Test func rowsOutOfOrderMakeTheSameHistories() throws {
        func info(_ id: Int64) -> MonthActivity.TicketInfo {
            MonthActivity.TicketInfo(
                id: id, type: .complaint, channel: .phone, topic: "a/b", createdAt: Date(epochSeconds: 0),
                isRepeat: false)
        }
        func event(_ sequence: Int) -> MonthActivity.Event {
            MonthActivity.Event(sequence: sequence, action: .sign, to: .handling, at: Date(epochSeconds: 0))
        }
        let rows: [(Int64, Int)] = [(7, 2), (3, 1), (7, 1), (3, 3), (5, 2), (3, 2)]
        var collector = GovDeskDatabase.HistoryCollector()
        for (id, sequence) in rows {
            collector.append(event(sequence), to: collector.history(id) { info(id) })
        }
        let histories = collector.finish()
        #expect(histories.map(\.ticket.id) == [3, 5, 7])
        #expect(histories.map { $0.events.map(\.sequence) } == [[1, 2, 3], [2], [1, 2]])

        var ordered = GovDeskDatabase.HistoryCollector()
        for (id, sequence) in rows.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            ordered.append(event(sequence), to: ordered.history(id) { info(id) })
        }
        #expect(ordered.finish() == histories)
    }
}
