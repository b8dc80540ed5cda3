import Foundation

extension DemoGenerator {
    /// Supervision letters as a supervisor would have issued them: `LetterRules` applied at 09:00 of every working
    /// day of the period (and up to `now`), one letter per department and kind per run, each item once per
    /// (kind, deadline). The letter events are woven into the tickets' histories at the run's time.
    func issueLetters(_ tickets: inout [GeneratedTicket], _ rng: inout SplitMix64) throws -> [SupervisionLetter] {
        var runs: [Int64] = []
        for day in firstDayNumber...dayNumber(nowEpoch) where isWorking(day) {
            let t = dayStart(day) + 9 * 3600
            if t <= nowEpoch { runs.append(t) }
        }
        guard !runs.isEmpty else { return [] }
        let share = options.letters.reminderShare
        var due = [[(ticket: Int, item: LetterCandidate, kind: LetterKind)]](repeating: [], count: runs.count)
        for (index, generated) in tickets.enumerated() {
            collectDue(index, generated, runs, share, &due)
        }

        let renderer = LetterRenderer(
            issuer: issuer, reminderShare: share, formatTime: { [offset] in Self.format($0, offset: offset) },
            formatDeadline: { [offset] in Self.formatDeadline($0, offset: offset) })
        var sequences: [String: Int] = [:]
        var letters: [SupervisionLetter] = []
        var letterEvents: [Int: [(at: Int64, letter: Int, deadline: Date)]] = [:]
        for (r, entries) in due.enumerated() where !entries.isEmpty {
            let at = Date(epochSeconds: runs[r])
            let year = LocalDate(dayNumber: dayNumber(runs[r])).year
            let actor = supervisors[r % supervisors.count].code
            var ticketOf: [String: Int] = [:]
            for entry in entries { ticketOf[entry.item.reference] = entry.ticket }
            for group in LetterRules.group(entries.map { ($0.item, $0.kind) }) {
                let key = "\(group.kind.rawValue)-\(year)"
                let sequence = (sequences[key] ?? 0) + 1
                sequences[key] = sequence
                let prefix = group.kind == .reminder ? options.letters.reminderPrefix : options.letters.warningPrefix
                let number = LetterRules.number(prefix: prefix, year: year, sequence: sequence)
                let name = departmentNames[group.department] ?? group.department
                letters.append(
                    SupervisionLetter(
                        number: number, kind: group.kind, year: year, sequence: sequence,
                        department: group.department, departmentName: name, issuedAt: at, issuedBy: actor,
                        items: group.items,
                        text: renderer.markdown(
                            kind: group.kind, number: number, departmentName: name, issuedAt: at, items: group.items)))
                for item in group.items {
                    guard let t = ticketOf[item.reference] else { continue }
                    letterEvents[t, default: []].append((runs[r], letters.count - 1, item.deadline))
                }
            }
        }
        for (index, entries) in letterEvents {
            tickets[index] = Self.weave(
                tickets[index],
                entries.map { entry in
                    let letter = letters[entry.letter]
                    return (
                        entry.at, letter.issuedBy,
                        [
                            LetterDetailKey.kind: letter.kind.rawValue, LetterDetailKey.letterNumber: letter.number,
                            LetterDetailKey.department: letter.department,
                            DetailKey.deadline: EpochText.encode(entry.deadline),
                        ]
                    )
                })
        }
        return letters
    }

    /// The letters due for one ticket at each run, from the clock each of its states had.
    private func collectDue(
        _ index: Int, _ generated: GeneratedTicket, _ runs: [Int64], _ share: Double,
        _ due: inout [[(ticket: Int, item: LetterCandidate, kind: LetterKind)]]
    ) {
        let events = generated.events
        guard events.count > 1, var ticket = try? Ticket(creationEvent: events[0]) else { return }
        var clockStart: Date?
        var issued: [(LetterKind, Date)] = []
        for (i, event) in events.enumerated() where i > 0 {
            guard (try? ticket.apply(event)) != nil else { return }
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
                }
                if issued.contains(where: { $0.0 == .warning && $0.1 == candidate.deadline }) { break }
                r += 1
            }
        }
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
