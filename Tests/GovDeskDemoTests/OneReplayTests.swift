import Foundation
import GovDeskCore
import GovDeskDemo
import GovDeskTestSupport
import Testing

/// One replay (issue 15): the report's fold (`MonthFacts.add`, fed events as the store reads them) and a ticket
/// rebuilt from its trail (`Ticket.replay`) step the same `TicketCourse`, so at every month's end they agree on every
/// field the figures read. The histories are the demo generator's: random, valid, with returns, extensions, rejections,
/// reopenings, merges and letters.
struct OneReplayTests {
    /// An event as the store hands it to the report: the fields it decodes from the details, nothing else.
    static func reportEvent(_ e: TicketEvent) -> MonthActivity.Event {
        let d = e.details
        func instant(_ key: String) -> Date? {
            d[key].flatMap(Int64.init).map { Date(timeIntervalSince1970: Double($0)) }
        }
        var event = MonthActivity.Event(sequence: e.sequence, action: e.action, to: e.to, at: e.at)
        switch e.action {
        case .dispatch:
            event.lead = d[DetailKey.lead]
            event.signDeadline = instant(DetailKey.signDeadline)
            event.deadline = instant(DetailKey.deadline)
        case .sign, .approveExtension, .reopen, .recompute:
            event.deadline = instant(DetailKey.deadline)
        case .approve, .importClose:
            event.onTime = d[DetailKey.onTime].flatMap { Bool($0) }
        case .revisit:
            event.satisfaction = d[DetailKey.satisfaction].flatMap { Int($0) }
            event.resolved = d[DetailKey.resolved].flatMap(RevisitResolution.init)
        default:
            break
        }
        return event
    }

    @Test(arguments: [UInt64(7), 8, 20261102])
    func theReportsFoldAndTheTicketsReplayAgreeAtEveryMonthsEnd(seed: UInt64) throws {
        let data = try makeDemoGenerator(tickets: 1500, seed: seed, months: 3).generate()
        let timeZone = makeTimeZone()
        var compared = 0
        var seen: Set<TicketState> = []
        for month in ["2026-08", "2026-09", "2026-10", "2026-11"].compactMap(Month.init) {
            let end = month.end(in: timeZone)
            var facts = MonthFacts(month: month, timeZone: timeZone)
            var expected: [Ticket] = []
            for (index, generated) in data.tickets.enumerated() where generated.ticket.createdAt < end {
                let info = MonthActivity.TicketInfo(
                    id: Int64(index + 1), type: generated.ticket.type, channel: generated.ticket.channel,
                    topic: generated.ticket.topic, createdAt: generated.ticket.createdAt, isRepeat: false)
                facts.add(info, events: generated.events.map(Self.reportEvent))
                expected.append(try Ticket.replay(generated.events.filter { $0.at < end }))
            }
            #expect(facts.standings.count == expected.count)
            for (standing, ticket) in zip(facts.standings, expected) {
                let label = "\(ticket.number) at the end of \(month)"
                #expect(standing.state == ticket.state, "\(label)")
                #expect(standing.department == ticket.leadDepartment, "\(label)")
                #expect(standing.deadline == ticket.deadline, "\(label)")
                #expect(standing.isOverdue == ticket.isOverdue(at: end), "\(label)")
                #expect(standing.lastClosing == ticket.closedAt, "\(label)")
                #expect(standing.lastClosingOnTime == ticket.onTime, "\(label)")
                let closedInMonth =
                    ticket.state == .closed && (ticket.closedAt.map { $0 >= month.start(in: timeZone) } ?? false)
                #expect(standing.closedInMonth == closedInMonth, "\(label)")
                seen.insert(ticket.state)
                compared += 1
            }
        }
        // The histories reached every state, and some tickets were late at a month's end.
        #expect(seen == Set(TicketState.allCases), "\(seen)")
        #expect(compared > 3000)
    }
}
