import Foundation
import GRDB
import GovDeskCore
import GovDeskDemo
import GovDeskTestSupport
import Testing

@testable import GovDeskStore

struct BulkInsertTests {
    /// 300 demo tickets over 2025-03 for the test hall's two bureaus.
    func makeData() throws -> DemoData {
        let reference = makeReferenceData()
        return try DemoGenerator(
            departments: reference.departments, staff: reference.staff,
            topics: [
                DemoTopic(path: "城市管理/市容环境/占道经营", department: "CGJ"),
                DemoTopic(path: "城乡建设/物业管理/物业服务质量", department: "ZJJ"),
            ],
            rules: makeRules(),
            options: DemoOptions(
                seed: 1, tickets: 300, firstDay: LocalDate(year: 2025, month: 3, day: 1),
                endDay: LocalDate(year: 2025, month: 4, day: 1), now: makeLocal("2025-04-02T09:00"),
                letters: GovDeskConfiguration.Letters())
        ).generate()
    }

    @Test(arguments: [1, 20_000])
    func storesEveryRowAndKeepsTheSchema(rebuildingIndexesFrom threshold: Int) throws {
        let database = try makeDatabase()
        let data = try makeData()
        let schemaBefore = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name || ':' || coalesce(sql, '') FROM sqlite_master ORDER BY name")
        }

        try database.bulkInsert(
            data.tickets.map { ($0.ticket, $0.events) }, letters: data.letters, rebuildingIndexesFrom: threshold)

        let schemaAfter = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name || ':' || coalesce(sql, '') FROM sqlite_master ORDER BY name")
        }
        #expect(schemaAfter == schemaBefore)
        for generated in data.tickets.prefix(40) {
            #expect(try database.ticket(generated.ticket.number) == generated.ticket)
            #expect(try database.events(of: generated.ticket.number) == generated.events)
        }
        #expect(try database.ticketCountsByState().values.reduce(0, +) == 300)
        // Every event is hash-chained: the check finds nothing.
        let report = try database.check()
        #expect(report.isClean, "\(report.problems.prefix(3))")
        #expect(try database.letters(matching: LetterFilter()).count == data.letters.count)
        // Issuing at the simulation's end finds every letter already sent.
        #expect(
            try database.issueLetters(
                actor: "db1", at: makeLocal("2025-04-02T09:00"), settings: GovDeskConfiguration.Letters(),
                localTime: makeLocalTime()
            ).isEmpty)
    }

    @Test func ticketsOutOfNumberOrderGetTheRowsOfNumberOrder() throws {
        let reference = makeReferenceData()
        let generator = try DemoGenerator(
            departments: reference.departments, staff: reference.staff,
            topics: [
                DemoTopic(path: "城市管理/市容环境/占道经营", department: "CGJ"),
                DemoTopic(path: "城乡建设/物业管理/物业服务质量", department: "ZJJ"),
            ],
            rules: makeRules(),
            options: DemoOptions(
                seed: 1, tickets: 300, firstDay: LocalDate(year: 2025, month: 3, day: 1),
                endDay: LocalDate(year: 2025, month: 4, day: 1), now: makeLocal("2025-04-02T09:00"),
                letters: GovDeskConfiguration.Letters()))
        let inOrder = try makeDatabase()
        let data = try generator.generate()
        try inOrder.bulkInsert(data.tickets.map { ($0.ticket, $0.events) }, letters: data.letters)
        let streamed = try makeDatabase()
        let stream = generator.stream()
        var indexes: [Int] = []
        try streamed.bulkInsert(
            count: 300,
            next: {
                try stream.next().map {
                    indexes.append($0.index)
                    return BulkTicket(
                        index: $0.index, firstEvent: $0.firstEvent, ticket: $0.generated.ticket,
                        events: $0.generated.events)
                }
            }, letters: { stream.letters })

        #expect(indexes != Array(0..<300))
        func rows(_ database: GovDeskDatabase, _ sql: String) throws -> [[String]] {
            try database.writer.read { db in
                try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map(\.description) }
            }
        }
        for sql in [
            "SELECT * FROM ticket ORDER BY id", "SELECT * FROM ticketEvent ORDER BY id",
            "SELECT * FROM ticketCounter ORDER BY day", "SELECT * FROM letter ORDER BY id",
        ] {
            #expect(try rows(streamed, sql) == rows(inOrder, sql))
        }
    }

    @Test func theDayCounterContinuesAfterTheLoadedNumbers() throws {
        let database = try makeDatabase()
        let data = try makeData()
        try database.bulkInsert(data.tickets.map { ($0.ticket, $0.events) })
        let last = try #require(data.tickets.last?.ticket.number)
        let day = String(last.prefix(8))
        let sequence = try #require(Int(last.dropFirst(9)))

        let next = try database.createTicket(
            Ticket.Intake(
                channel: .phone, type: .consult, topic: "城市管理/市容环境/占道经营", callerName: "张三",
                callerPhone: "13812341234", description: "咨询。"),
            actor: "op1", at: makeLocal("2025-03-31T23:59"), localTime: makeLocalTime())

        #expect(day == "20250331")
        #expect(next.number == day + "-" + String(format: "%06d", sequence + 1))
    }

    @Test(arguments: [
        [:], ["text": "已现场整治，取缔占道摊点。", "outcome": "resolved"],
        ["reason": "引号\"、反斜杠\\、斜杠/、换行\n、制表\t、响铃\u{07}", "days": "3"],
        ["deadline": "1794844800", "signDeadline": "1794758400", "lead": "CGJ", "co": ""],
        ["note": "退格\u{08}、换页\u{0C}、回车\r、单元\u{1F}"],
    ])
    func handWrittenDetailsMatchTheEncoder(details: [String: String]) {
        #expect(JSONText.object(details) == TicketEvent.encodeDetails(details))
    }
}
