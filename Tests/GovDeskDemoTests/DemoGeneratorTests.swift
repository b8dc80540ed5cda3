import Foundation
import GovDeskCore
import GovDeskDemo
import GovDeskTestSupport
import Testing

/// The hotline centre and two bureaus of the test hall, with their topics.
func makeDemoGenerator(
    tickets: Int = 500, seed: UInt64 = 7, now: String = "2026-11-02T09:00+08:00", months: Int = 3
) throws -> DemoGenerator {
    let nowInstant = makeInstant(now)
    let period = DemoOptions.period(nowDay: makeCalendar().localDate(of: nowInstant), months: months)
    return try DemoGenerator(
        departments: [
            Department(code: "RX12345", name: "热线中心", kind: .centre),
            Department(code: "CGJ", name: "城市管理局", kind: .bureau),
            Department(code: "ZJJ", name: "住房和城乡建设局", kind: .bureau),
        ],
        staff: ["admin", "op1", "pd1", "cgj1", "zjj1", "sh1", "db1"].map(makeStaffMember),
        topics: [
            DemoTopic(path: "城市管理/市容环境/占道经营", department: "CGJ"),
            DemoTopic(path: "城市管理/市政设施/路灯不亮", department: "CGJ"),
            DemoTopic(path: "城乡建设/物业管理/物业服务质量", department: "ZJJ"),
            DemoTopic(path: "公用事业/供暖/供暖不热", department: "ZJJ"),
            DemoTopic(path: "税务/税费缴纳/发票开具", department: "SWJ"),  // no liaison: never used
        ],
        rules: makeRules(),
        options: DemoOptions(
            seed: seed, tickets: tickets, firstDay: period.firstDay, endDay: period.endDay, now: nowInstant,
            letters: GovDeskConfiguration.Letters()))
}

struct DemoGeneratorTests {
    @Test func periodIsTheWholeMonthsBeforeNow() {
        let november = DemoOptions.period(nowDay: makeDate("2026-11-02"), months: 3)
        let year = DemoOptions.period(nowDay: makeDate("2026-02-28"), months: 14)

        #expect(november.firstDay == makeDate("2026-08-01") && november.endDay == makeDate("2026-11-01"))
        #expect(year.firstDay == makeDate("2024-12-01") && year.endDay == makeDate("2026-02-01"))
    }

    @Test func sameSeedGivesTheSameData() throws {
        let a = try makeDemoGenerator().generate()
        let b = try makeDemoGenerator().generate()
        let other = try makeDemoGenerator(seed: 8).generate()

        #expect(a.tickets.count == 500)
        #expect(a.tickets.map(\.events) == b.tickets.map(\.events))
        #expect(a.tickets.map(\.ticket) == b.tickets.map(\.ticket))
        #expect(a.letters == b.letters)
        #expect(a.tickets.map(\.events) != other.tickets.map(\.events))
    }

    @Test func numbersFollowTheLocalDayAndCreationOrder() throws {
        let data = try makeDemoGenerator().generate()
        let numbers = data.tickets.map(\.ticket.number)
        let created = data.tickets.map(\.ticket.createdAt)

        #expect(Set(numbers).count == numbers.count)
        #expect(numbers == numbers.sorted())
        #expect(created == created.sorted())
        #expect(numbers.first?.hasPrefix("20260801-000001") == true)
        for t in data.tickets {
            #expect(t.ticket.number.hasPrefix(makeCalendar().localDate(of: t.ticket.createdAt).compact))
            #expect(t.ticket.createdAt <= makeInstant("2026-11-02T09:00+08:00"))
        }
    }

    @Test func everyHistoryReplaysToItsTicket() throws {
        let data = try makeDemoGenerator(tickets: 3000).generate()
        for generated in data.tickets {
            #expect(try Ticket.replay(generated.events) == generated.ticket)
            #expect(generated.events.allSatisfy { $0.at <= makeInstant("2026-11-02T09:00+08:00") })
        }
    }

    @Test func everyStateAndActionOccurs() throws {
        let data = try makeDemoGenerator(tickets: 3000).generate()
        let states = Set(data.tickets.map(\.ticket.state))
        let actions = Set(data.tickets.flatMap { $0.events.map(\.action) })

        #expect(states == Set(TicketState.allCases))
        #expect(actions == Set(TicketAction.allCases).subtracting([.importClose, .recompute]))
        let late = data.tickets.filter { $0.events.contains { $0.details[DetailKey.signedLate] == "true" } }
        #expect(late.count > 30)
        let overdue = data.tickets.filter { $0.ticket.isOverdue(at: makeInstant("2026-11-02T09:00+08:00")) }
        #expect(overdue.count > 5)
    }

    @Test func letterEventsMatchTheLettersAndTheirRules() throws {
        let data = try makeDemoGenerator(tickets: 3000).generate()
        let letterEvents = data.tickets.flatMap { $0.events.filter { $0.action == .letter } }
        let byNumber = Dictionary(uniqueKeysWithValues: data.letters.map { ($0.number, $0) })

        #expect(!data.letters.isEmpty)
        #expect(letterEvents.count == data.letters.reduce(0) { $0 + $1.items.count })
        for event in letterEvents {
            let letter = try #require(byNumber[event.details["letterNumber"] ?? ""])
            #expect(event.details["kind"] == letter.kind.rawValue)
            #expect(event.details["department"] == letter.department)
            #expect(event.at == letter.issuedAt)
            #expect(event.from == event.to)
        }
        // Numbered 1, 2, 3 … per kind within the year.
        for kind in LetterKind.allCases {
            let sequences = data.letters.filter { $0.kind == kind }.map(\.sequence)
            #expect(sequences == Array(1...max(1, sequences.count)).prefix(sequences.count).map { $0 })
        }
        // Each item would be due under the rules at its letter's time.
        for letter in data.letters {
            for item in letter.items {
                #expect(LetterRules.due(item, at: letter.issuedAt, reminderShare: 0.8) == letter.kind)
            }
        }
    }

    @Test func theStreamGivesEachTicketItsPlaceAndMergedTicketsAfterTheirTargets() throws {
        let stream = try makeDemoGenerator(tickets: 3000).stream()
        var items: [DemoStream.Item] = []
        var written: Set<String> = []
        while let item = try stream.next() {
            if let target = item.generated.ticket.mergedInto { #expect(written.contains(target)) }
            written.insert(item.generated.ticket.number)
            items.append(item)
        }
        let inOrder = items.sorted { $0.index < $1.index }
        #expect(inOrder.map(\.index) == Array(0..<3000))
        var events = 0
        for item in inOrder {
            #expect(item.firstEvent == events)
            events += item.generated.events.count
        }
        // Tickets with letters wait for them, the others do not: the stream is not simply number order.
        #expect(items.map(\.index) != inOrder.map(\.index))
        #expect(inOrder.contains { $0.generated.events.contains { $0.action == .letter } })
        #expect(stream.letters == (try makeDemoGenerator(tickets: 3000).generate().letters))
    }

    @Test func refusesAPeriodWhoseDeadlinesLeaveTheCalendar() throws {
        #expect(throws: DemoGenerationError.self) { try makeDemoGenerator(now: "2026-12-20T09:00+08:00") }
        #expect(throws: DemoGenerationError.self) { try makeDemoGenerator(now: "2024-02-01T09:00+08:00", months: 3) }
    }
}
