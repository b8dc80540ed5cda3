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
        let target = try bench.new("2025-06-02T09:00", phone: "13800000011")
        // A late ticket is not merged away in June: a merged duplicate leaves the figures (TicketMachine)
        #expect(throws: TicketError.self) {
            try bench.act(long, .merge(into: target, targetState: .received), by: "pd1", at: "2025-06-02T10:00")
        }
        // When one never dispatched, so without a deadline, is merged in June (a merged ticket has no closing time to
        // bound it by)
        let waiting = try bench.new("2025-01-07T09:00", phone: "13800000013")
        try bench.act(waiting, .merge(into: target, targetState: .received), by: "pd1", at: "2025-06-02T10:05")

        // Then March still counts both as open at its end, the signed one overdue
        let march = try bench.report("2025-03").headline
        #expect(march.backlog == 2)
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

    @Test func theLongLivedTicketsAreFoundByTheirLifetime() throws {
        let bench = try ReportBench()
        _ = try makeLongLivedTicket(bench)
        // Both the bound (the n-th longest life) and the long-lived tickets come from the lifetime index
        let plans = try bench.database.writer.read { db in
            try [
                "SELECT closedAt - createdAt FROM ticket WHERE closedAt - createdAt IS NOT NULL "
                    + "ORDER BY closedAt - createdAt DESC LIMIT 1 OFFSET 999",
                "SELECT id FROM ticket WHERE closedAt - createdAt >= 86400 AND createdAt < 10 AND closedAt >= 10",
            ].map { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
            }
        }
        for plan in plans {
            #expect(
                plan.contains { $0.contains("ticket_lifetime") } && !plan.contains { $0.contains("TEMP") }, "\(plan)")
        }
    }

    /// The long-lived tickets found by their lifetime are one in a thousand, at least 1,000 (and a wide id range
    /// neither overflows nor asks for more than a billion).
    @Test func theLongLivedAreOneInAThousand() {
        #expect(GovDeskDatabase.longLivedCount(low: nil, high: nil) == 1000)
        #expect(GovDeskDatabase.longLivedCount(low: 1, high: 20) == 1000)
        #expect(GovDeskDatabase.longLivedCount(low: 1, high: 1_000_000) == 1000)
        #expect(GovDeskDatabase.longLivedCount(low: 1, high: 4_000_000) == 4000)
        #expect(GovDeskDatabase.longLivedCount(low: .min, high: .max) == 1_000_000_000)
    }

    /// The range of ticket ids, asked for every month read, costs two b-tree descents, not a scan of every ticket.
    @Test func theTicketIDBoundsDoNotScanTheTickets() throws {
        let bench = try ReportBench()
        _ = try makeLongLivedTicket(bench)
        let (plan, bounds) = try bench.database.writer.read { db in
            (
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + GovDeskDatabase.ticketIDBoundsSQL).map {
                    $0["detail"] as String
                },
                try Row.fetchOne(db, sql: GovDeskDatabase.ticketIDBoundsSQL)
            )
        }
        #expect(plan.allSatisfy { !$0.contains("SCAN ticket") }, "\(plan)")
        #expect(plan.filter { $0.contains("SEARCH ticket") }.count == 2, "\(plan)")
        #expect(bounds?[0] as Int64? == 1)
        #expect(bounds?[1] as Int64? == 2)
    }

    @Test func searchesByEventTimeUseTheIndexOnTimeAndTicketAlone() throws {
        let bench = try ReportBench()
        _ = try makeLongLivedTicket(bench)
        // v7 dropped the index on time alone: the one on (time, ticket) serves the same searches
        let (indexes, plan) = try bench.database.writer.read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'ticketEvent'"),
                try Row.fetchAll(
                    db, sql: "EXPLAIN QUERY PLAN SELECT ticketId, at FROM ticketEvent WHERE at >= 0 AND at < 100"
                ).map { $0["detail"] as String }
            )
        }
        #expect(!indexes.contains("ticketEvent_at"), "\(indexes)")
        #expect(plan.contains { $0.contains("ticketEvent_at_ticket") }, "\(plan)")
    }

    /// The month's ticket ids come back sorted and once each, kept as bits over the ticket ids' range or, when that
    /// range is too wide, as a list; ids outside the range (no ticket has them) are left out.
    @Test(arguments: [Int64(1) << 26, 64])
    func ticketIDsComeSortedAndOnce(_ maxBits: Int64) {
        var generator = SystemRandomNumberGenerator()
        let ids = (0..<5000).map { _ in Int64.random(in: 90...2000, using: &generator) } + [100, 100, 1000, 100]
        var set = GovDeskDatabase.TicketIDs(low: 100, high: 1000, maxBits: maxBits)
        for id in ids { set.insert(id) }
        #expect(set.sorted() == Set(ids.filter { (100...1000).contains($0) }).sorted())
        #expect(GovDeskDatabase.TicketIDs(low: 0, high: -1).sorted() == [])
        var far = GovDeskDatabase.TicketIDs(low: -5, high: .max)
        for id: Int64 in [.max, 7, -5, 7, .max] { far.insert(id) }
        #expect(far.sorted() == [-5, 7, .max])
    }

    /// Actions and states read from the bytes of a column are the ones their raw values name; anything else is none.
    @Test func actionsAndStatesAreFoundByTheirBytes() {
        func lookUp<Value>(_ values: GovDeskDatabase.RawValues<Value>, _ text: String?) -> Value? {
            guard var text else { return values.value(nil) }
            return text.withUTF8 { values.value($0) }
        }
        let actions = GovDeskDatabase.RawValues<TicketAction>()
        let states = GovDeskDatabase.RawValues<TicketState>()
        for action in TicketAction.allCases { #expect(lookUp(actions, action.rawValue) == action) }
        for state in TicketState.allCases { #expect(lookUp(states, state.rawValue) == state) }
        for text in [nil, "", "approv", "approvee", "Approve", "closed"] { #expect(lookUp(actions, text) == nil) }
        #expect(lookUp(states, "approve") == nil)
    }

    /// The ids handed to the month's query are the tickets a UNION of its branches gives, but for the closings after
    /// the end: of those, only the tickets created before the end are kept (the month's query would drop the others).
    /// The tickets open now come whenever they were created (their creation is not read for that branch).
    @Test func theRelevantTicketsAreTheUnionOfTheBranches() throws {
        let bench = try ReportBench()
        _ = try MonthlyReportStoreTests.makeMarch(bench)
        _ = try makeLongLivedTicket(bench)
        var droppedCount = 0
        for month in ["2025-01", "2025-02", "2025-03", "2025-04"].compactMap(Month.init) {
            let end = month.end(in: bench.zone).epochSeconds
            let arguments: StatementArguments = [
                "start": month.start(in: bench.zone).epochSeconds, "end": end, "closedBy": end + 20 * 86400,
                "longLife": 20 * 86400,
            ]
            /// The UNION of the branches, the closings after the end restricted by `closers`.
            func union(closers: String) -> String {
                """
                SELECT id FROM ticket WHERE createdAt >= :start AND createdAt < :end
                UNION SELECT ticketId FROM ticketEvent WHERE at >= :start AND at < :end
                UNION SELECT id FROM ticket WHERE state IN ('received', 'dispatched', 'handling', 'replied')
                UNION SELECT e.ticketId FROM ticketEvent e JOIN ticket t ON t.id = e.ticketId
                    WHERE e.action IN ('approve', 'resolve', 'import-close', 'merge') AND e.at >= :end
                      AND e.at < :closedBy AND \(closers)
                UNION SELECT id FROM ticket
                    WHERE closedAt - createdAt >= :longLife AND createdAt < :end AND closedAt >= :end
                UNION SELECT ticketId FROM ticketEvent WHERE action = 'merge' AND at >= :end
                ORDER BY 1
                """
            }
            let (json, kept, every, createdAfter) = try bench.database.writer.read { db in
                (
                    try GovDeskDatabase.relevantTickets(arguments, db),
                    try Int64.fetchAll(
                        db, sql: union(closers: "t.createdAt >= :end - :longLife AND t.createdAt < :end"),
                        arguments: arguments),
                    try Int64.fetchAll(db, sql: union(closers: "1"), arguments: arguments),
                    Set(try Int64.fetchAll(db, sql: "SELECT id FROM ticket WHERE createdAt >= ?", arguments: [end]))
                )
            }
            #expect(json == "[" + kept.map(String.init).joined(separator: ",") + "]", "\(month)")
            // What is left out of the plain UNION are tickets created after the end, which the month cannot read.
            let dropped = Set(every).subtracting(kept)
            #expect(dropped.isSubset(of: createdAfter), "\(month)")
            droppedCount += dropped.count
        }
        #expect(droppedCount > 0)
    }

    /// The month's rows come without ORDER BY; should SQLite ever give them out of order (a ticket's rows apart,
    /// tickets or a ticket's events not in increasing order), the reader notices and reads again in order.
    @Test func rowsOutOfOrderAreNoticed() throws {
        func accepts(_ rows: [(Int64, Int?)]) -> Bool {
            var order = GovDeskDatabase.RowOrder()
            return (try? rows.forEach { try order.check($0.0, $0.1) }) != nil
        }
        #expect(accepts([(3, 1), (3, 2), (5, nil), (7, 1), (7, 4)]))
        #expect(!accepts([(3, 1), (5, 2), (3, 2)]))  // a ticket's rows apart
        #expect(!accepts([(7, 1), (3, 1)]))  // tickets out of order
        #expect(!accepts([(3, 2), (3, 1)]))  // events out of order
        #expect(!accepts([(3, 1), (3, 1)]))  // one event twice
        #expect(!accepts([(3, nil), (3, 1)]))  // a ticket without events, then with one
    }

    /// The rows as SQLite gives them and the rows sorted by an ORDER BY make the same histories.
    @Test func theMonthReadInOrderIsTheMonthReadAsItComes() throws {
        let bench = try ReportBench()
        _ = try MonthlyReportStoreTests.makeMarch(bench)
        _ = try makeLongLivedTicket(bench)
        for month in ["2025-02", "2025-03", "2025-04"] {
            let (asItComes, inOrder) = try bench.database.writer.read { db in
                (
                    try GovDeskDatabase.monthActivity(Month(month)!, timeZone: bench.zone, db),
                    try GovDeskDatabase.monthActivity(Month(month)!, timeZone: bench.zone, ordered: true, db)
                )
            }
            #expect(!asItComes.histories.isEmpty)
            #expect(asItComes.histories == inOrder.histories)
        }
    }

    /// The report reads event details byte by byte when they are flat objects of strings, and through
    /// `json_extract` otherwise: either way the values are the ones `json_extract` gives.
    @Test(arguments: [
        #"{"co":"ZJJD","lead":"ZJJ","signDeadline":"1785637364"}"#,
        #"{"deadline":"1789142400","lead":"CGJ","signDeadline":"1785637364"}"#,
        #"{"lead":"A\"B","signDeadline":"1"}"#,
        #"{"lead":"中文","lead":"second"}"#,
        #"{"signDeadline":1785637364,"lead":"ZJJ"}"#,
        #"{ "lead" : "ZJJ" }"#,
        #"{"lead":{"nested":"x"},"deadline":null}"#,
        #"{"lead":"","signDeadline":"x,}\"y"}"#,
        "{}",
    ])
    func eventDetailsReadAsJSONExtractReadsThem(_ json: String) throws {
        let database = try GovDeskDatabase.inMemory()
        try database.writer.read { db in
            let reader = GovDeskDatabase.DetailReader(db: db)
            var text = json
            let (three, one) = try text.withUTF8 { bytes in
                (try reader.values(bytes, "lead", "signDeadline", "deadline"), try reader.value(bytes, "lead"))
            }
            let expected = try ["lead", "signDeadline", "deadline"].map { key in
                GovDeskDatabase.DetailReader.text(
                    of: try DatabaseValue.fetchOne(
                        db, sql: "SELECT json_extract(?, ?)", arguments: [json, "$." + key])!)
            }
            #expect([three.0, three.1, three.2] == expected)
            #expect(one == (try DatabaseValue.fetchOne(db, sql: "SELECT json_extract(?, '$.lead')", arguments: [json])))
            let two = try text.withUTF8 { try reader.values($0, "lead", "deadline") }
            #expect(two.2 == nil)
            #expect([two.0, two.1] == [expected[0], expected[2]])
        }
    }
}
