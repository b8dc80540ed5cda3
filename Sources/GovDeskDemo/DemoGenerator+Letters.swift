import Foundation
import GovDeskCore

extension DemoGenerator {
    /// The times of the letter runs: 09:00 of every working day of the period, up to `now`.
    func letterRuns() -> [Int64] {
        var runs: [Int64] = []
        for day in firstDayNumber...dayNumber(nowEpoch) where isWorking(day) {
            let t = dayStart(day) + 9 * 3600
            if t <= nowEpoch { runs.append(t) }
        }
        return runs
    }

    /// The letters due for one ticket at each run, from the clock each of its states had; returns how many were
    /// added and the last run that got one (-1 when none).
    @discardableResult
    func collectDue(
        _ index: Int, _ generated: GeneratedTicket, _ runs: [Int64], _ share: Double,
        _ due: inout [[(ticket: Int, item: LetterCandidate, kind: LetterKind)]]
    ) -> (count: Int, lastRun: Int) {
        var added = (count: 0, lastRun: -1)
        let events = generated.events
        guard events.count > 1, var ticket = try? Ticket(creationEvent: events[0]) else { return added }
        var clockStart: Date?
        var issued: [(LetterKind, Date)] = []
        for (i, event) in events.enumerated() where i > 0 {
            guard (try? ticket.apply(event)) != nil else { return added }
            if event.action == .sign || event.action == .reopen { clockStart = event.at }
            let candidate: LetterCandidate
            switch ticket.state {
            case .dispatched:
                guard let lead = ticket.leadDepartment, let start = ticket.dispatchedAt, let end = ticket.signDeadline
                else { continue }
                candidate = LetterCandidate(
                    subjectKind: .ticket, reference: ticket.number, department: lead, title: ticket.topic,
                    clock: .sign, clockStart: start, deadline: end)
            case .handling:
                guard let lead = ticket.leadDepartment, let start = clockStart, let end = ticket.deadline else {
                    continue
                }
                candidate = LetterCandidate(
                    subjectKind: .ticket, reference: ticket.number, department: lead, title: ticket.topic,
                    clock: .handling, clockStart: start, deadline: end)
            case .received, .replied, .closed, .merged:
                continue
            }
            let from = Int64(event.at.timeIntervalSince1970)
            let until = i + 1 < events.count ? Int64(events[i + 1].at.timeIntervalSince1970) : Int64.max
            let deadline = Int64(candidate.deadline.timeIntervalSince1970)
            var lower = from
            if candidate.clock == .sign {
                lower = max(from, deadline + 1)
            } else {
                let reminder = Int64(LetterRules.reminderFrom(candidate, reminderShare: share).timeIntervalSince1970)
                lower = max(from, min(reminder, deadline + 1))
            }
            var r = Self.firstIndex(in: runs, atLeast: lower)
            while r < runs.count, runs[r] < until {
                let at = Date(epochSeconds: runs[r])
                if let kind = LetterRules.due(candidate, at: at, reminderShare: share),
                    !issued.contains(where: { $0.0 == kind && $0.1 == candidate.deadline })
                {
                    issued.append((kind, candidate.deadline))
                    due[r].append((index, candidate, kind))
                    added = (added.count + 1, max(added.lastRun, r))
                }
                if issued.contains(where: { $0.0 == .warning && $0.1 == candidate.deadline }) { break }
                r += 1
            }
        }
        return added
    }

    static func firstIndex(in sorted: [Int64], atLeast value: Int64) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Inserts letter events after the events at or before their time and renumbers the history.
    static func weave(_ generated: GeneratedTicket, _ letters: [(Int64, String, [String: String])]) -> GeneratedTicket {
        let sorted = letters.sorted { $0.0 < $1.0 }
        var result: [TicketEvent] = []
        result.reserveCapacity(generated.events.count + sorted.count)
        var next = 0
        func appendLetters(through limit: Int64) {
            while next < sorted.count, sorted[next].0 < limit {
                let state = result.last?.to ?? .received
                result.append(
                    TicketEvent(
                        sequence: result.count + 1, action: .letter, from: state, to: state, actor: sorted[next].1,
                        at: Date(epochSeconds: sorted[next].0), details: sorted[next].2))
                next += 1
            }
        }
        for event in generated.events {
            appendLetters(through: Int64(event.at.timeIntervalSince1970))
            var renumbered = event
            renumbered.sequence = result.count + 1
            result.append(renumbered)
        }
        appendLetters(through: Int64.max)
        var ticket = generated.ticket
        ticket.eventCount = result.count
        return GeneratedTicket(ticket: ticket, events: result)
    }

    /// `2026-10-21 16:05` from epoch seconds and a fixed offset.
    static func format(_ date: Date, offset: Int64) -> String {
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + offset
        let day = LocalDate(dayNumber: Int(local >= 0 ? local / 86400 : (local - 86399) / 86400))
        let seconds = Int(local - Int64(day.dayNumber) * 86400)
        return "\(day) \(two(seconds / 3600)):\(two(seconds % 3600 / 60))"
    }

    /// A deadline, `2026-10-21 24:00` at local midnight.
    static func formatDeadline(_ date: Date, offset: Int64) -> String {
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + offset
        if local % 86400 == 0 {
            return "\(LocalDate(dayNumber: Int(local / 86400) - 1)) 24:00"
        }
        return format(date, offset: offset)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
