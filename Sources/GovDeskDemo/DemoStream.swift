import Foundation
import GovDeskCore

/// The demo data set, generated ticket by ticket so that a database load never holds all of it: a million tickets
/// held as one array took 4.8 GB.
///
/// A ticket's supervision-letter events carry the letter's number, which depends on every letter issued before, so
/// a ticket that will get letters waits here until the letter runs that name it are issued (a run is complete once
/// the generation has passed its time, as only older tickets can be due in it). The others come out at once. Items
/// therefore come out of number order: each carries its place in number order and the place of its first event
/// among all events in that order, which a bulk load turns into row ids, so that the rows are the same as if the
/// tickets had been written in number order. A ticket merged into a waiting ticket waits for it too, so that a
/// ticket is always written after the ticket it was merged into.
public final class DemoStream {
    /// One ticket ready to be written.
    public struct Item {
        /// Its place in number order (0-based).
        public var index: Int
        /// The place of its first event among the events of all tickets in number order (0-based).
        public var firstEvent: Int
        public var generated: GeneratedTicket
    }

    /// The letters issued so far; all of them once `next()` has returned nil.
    public private(set) var letters: [SupervisionLetter] = []

    private let generator: DemoGenerator
    private var rng: SplitMix64
    private let creations: [(String, Int64)]
    private var nextCreation = 0
    private let normalTopics: WeightedChoice
    private let heatingTopics: WeightedChoice
    /// The most recent tickets, which a repeat call may refer to: `window[i - windowStart]` is ticket `i`.
    private var window: [GeneratedTicket] = []
    private var windowStart = 0
    private var recent: [Int] = []
    private var eventsSoFar = 0

    private let runs: [Int64]
    private let share: Double
    private var due: [[(ticket: Int, item: LetterCandidate, kind: LetterKind)]]
    /// Runs before this one are issued.
    private var issuedRuns = 0
    private let renderer: LetterRenderer
    private var sequences: [String: Int] = [:]
    private var letterEvents: [Int: [(at: Int64, letter: Int, deadline: Date)]] = [:]

    /// Tickets waiting for letters (or for the ticket they were merged into), in number order.
    private var waiting: [(item: Item, lastRun: Int)] = []
    private var waitingNumbers: Set<String> = []
    private var ready: [Item] = []
    private var readyNext = 0

    init(_ generator: DemoGenerator) {
        self.generator = generator
        rng = SplitMix64(seed: generator.options.seed)
        creations = generator.plan(&rng)
        let topics = generator.topics
        normalTopics = WeightedChoice(topics.enumerated().map { 1.0 + Double(($0.offset * 37) % 7) })
        heatingTopics = WeightedChoice(
            topics.enumerated().map { (1.0 + Double(($0.offset * 37) % 7)) * ($0.element.path.contains("供暖") ? 6 : 1) })
        runs = generator.letterRuns()
        share = generator.options.letters.reminderShare
        due = Array(repeating: [], count: runs.count)
        let offset = generator.offset
        var renderer = LetterRenderer(
            issuer: generator.issuer, reminderShare: share,
            formatTime: { DemoGenerator.format($0, offset: offset) },
            formatDeadline: { DemoGenerator.formatDeadline($0, offset: offset) })
        // A demo database is a training one: its letters say so, as those `letters issue` writes there (§11.5).
        renderer.trainingNote = LetterRenderer.trainingNoteText
        self.renderer = renderer
    }

    /// The next ticket ready to be written, or nil when all are out.
    public func next() throws -> Item? {
        while readyNext == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyNext = 0
            if nextCreation == creations.count {
                guard !waiting.isEmpty || issuedRuns < runs.count else { return nil }
                issueRuns(before: runs.count)
                release()
                continue
            }
            try generateOne()
        }
        readyNext += 1
        return ready[readyNext - 1]
    }

    private func generateOne() throws {
        let (number, createdAt) = creations[nextCreation]
        let index = nextCreation
        nextCreation += 1
        // Every ticket that can be due in a run before this ticket's creation has been generated.
        let before = DemoGenerator.firstIndex(in: runs, atLeast: createdAt + 1)
        if before > issuedRuns {
            issueRuns(before: before)
            release()
        }
        let month = LocalDate(dayNumber: generator.dayNumber(createdAt)).month
        let topicChoice = month >= 10 || month <= 3 ? heatingTopics : normalTopics
        let start = windowStart
        let generated = try generator.simulate(
            number: number, createdAt: createdAt, topicChoice: topicChoice, recent: recent,
            tickets: { [window] in window[$0 - start] }, rng: &rng)
        window.append(generated)
        recent.append(index)
        if recent.count > 300 {
            recent.removeFirst(100)
            window.removeFirst(recent[0] - windowStart)
            windowStart = recent[0]
        }

        let (letterCount, lastRun) = generator.collectDue(index, generated, runs, share, &due)
        let item = Item(index: index, firstEvent: eventsSoFar, generated: generated)
        // Each due entry becomes one letter event.
        eventsSoFar += generated.events.count + letterCount
        if lastRun >= 0 || generated.ticket.mergedInto.map(waitingNumbers.contains) == true {
            waiting.append((item, lastRun))
            waitingNumbers.insert(generated.ticket.number)
        } else {
            ready.append(item)
        }
    }

    /// Issues the letters of runs `issuedRuns..<end`: one letter per department and kind per run.
    private func issueRuns(before end: Int) {
        while issuedRuns < end {
            let r = issuedRuns
            issuedRuns += 1
            let entries = due[r]
            due[r] = []
            guard !entries.isEmpty else { continue }
            let at = Date(epochSeconds: runs[r])
            let year = LocalDate(dayNumber: generator.dayNumber(runs[r])).year
            let supervisors = generator.supervisors
            let actor = supervisors[r % supervisors.count].code
            var ticketOf: [String: Int] = [:]
            for entry in entries { ticketOf[entry.item.reference] = entry.ticket }
            for group in LetterRules.group(entries.map { ($0.item, $0.kind) }) {
                let key = "\(group.kind.rawValue)-\(year)"
                let sequence = (sequences[key] ?? 0) + 1
                sequences[key] = sequence
                let options = generator.options.letters
                let prefix = group.kind == .reminder ? options.reminderPrefix : options.warningPrefix
                let number = LetterRules.number(prefix: prefix, year: year, sequence: sequence)
                let name = generator.departmentNames[group.department] ?? group.department
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
    }

    /// Moves the waiting tickets whose letters are all issued, with their letter events woven in, to `ready`.
    private func release() {
        var still: [(item: Item, lastRun: Int)] = []
        for entry in waiting {
            let ticket = entry.item.generated.ticket
            guard entry.lastRun < issuedRuns, ticket.mergedInto.map(waitingNumbers.contains) != true else {
                still.append(entry)
                continue
            }
            var item = entry.item
            if let entries = letterEvents.removeValue(forKey: item.index) {
                item.generated = DemoGenerator.weave(
                    item.generated,
                    entries.map { entry in
                        let letter = letters[entry.letter]
                        return (
                            entry.at, letter.issuedBy,
                            [
                                LetterDetailKey.kind: letter.kind.rawValue,
                                LetterDetailKey.letterNumber: letter.number,
                                LetterDetailKey.department: letter.department,
                                DetailKey.deadline: EpochText.encode(entry.deadline),
                            ]
                        )
                    })
            }
            waitingNumbers.remove(ticket.number)
            ready.append(item)
        }
        waiting = still
    }
}
