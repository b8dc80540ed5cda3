import Foundation
import GovDeskCore

/// A topic of `Config/topics.yaml` with the department that usually handles it.
public struct DemoTopic: Equatable, Sendable {
    public var path: String
    public var department: String

    public init(path: String, department: String) {
        self.path = path
        self.department = department
    }
}

/// What the demo data set covers.
public struct DemoOptions: Sendable {
    public var seed: UInt64
    /// How many tickets are created over the period.
    public var tickets: Int
    /// The first local day of the period.
    public var firstDay: LocalDate
    /// The local day after the period (the first of the month of `now`).
    public var endDay: LocalDate
    /// The simulation runs until here: later events do not happen, so some tickets are still open.
    public var now: Date
    public var letters: GovDeskConfiguration.Letters

    public init(
        seed: UInt64, tickets: Int, firstDay: LocalDate, endDay: LocalDate, now: Date,
        letters: GovDeskConfiguration.Letters
    ) {
        self.seed = seed
        self.tickets = tickets
        self.firstDay = firstDay
        self.endDay = endDay
        self.now = now
        self.letters = letters
    }

    /// The `months` whole local months before the month of `nowDay`: `[firstDay, endDay)`.
    public static func period(nowDay: LocalDate, months: Int) -> (firstDay: LocalDate, endDay: LocalDate) {
        let end = LocalDate(year: nowDay.year, month: nowDay.month, day: 1)
        let index = end.year * 12 + (end.month - 1) - months
        return (LocalDate(year: index / 12, month: index % 12 + 1, day: 1), end)
    }
}

/// One generated ticket: its final columns and its whole history.
public struct GeneratedTicket: Sendable {
    public var ticket: Ticket
    public var events: [TicketEvent]
}

/// The generated data set.
public struct DemoData: Sendable {
    /// In number order, which is creation order.
    public var tickets: [GeneratedTicket]
    /// In order of issue.
    public var letters: [SupervisionLetter]
}

/// Why the demo data cannot be generated.
public enum DemoGenerationError: GovDeskError, Equatable {
    case missingStaff(Role)
    case noTopics
    case invalidPeriod(Phrase)
    case noCalendar(Phrase)

    public var kind: FailureKind {
        switch self {
        case .missingStaff, .noTopics: return .badData
        case .invalidPeriod, .noCalendar: return .usage
        }
    }

}

/// Builds a realistic, deterministic 12345 data set in memory (DESIGN §10 `govdesk demo`).
///
/// Every event comes from `TicketMachine.decide`, so each history is legal and replays to its ticket. Times are
/// epoch seconds; local days come from the zone's fixed offset (checked over the period), never from Foundation
/// calendars in the loop. The same seed and options give the same data.
public struct DemoGenerator {
    let rules: DeadlineRules
    public let options: DemoOptions
    let topics: [DemoTopic]
    let departmentNames: [String: String]
    let issuer: String
    let operators: [StaffMember]
    let dispatchers: [StaffMember]
    let reviewers: [StaffMember]
    let supervisors: [StaffMember]
    let liaisons: [String: [StaffMember]]
    let offset: Int64
    let nowEpoch: Int64
    let firstDayNumber: Int
    /// Working-day flags from the first day of the period to well after `now`.
    let working: [Bool]

    public init(
        departments: [Department], staff: [StaffMember], topics: [DemoTopic], rules: DeadlineRules,
        options: DemoOptions
    ) throws {
        self.rules = rules
        self.options = options
        let active = staff.filter(\.active)
        let centres = Set(departments.filter { $0.kind == .centre }.map(\.code))
        /// Members with `role`, the hotline centre's own first (a bureau's supervisor does not run the hotline).
        func with(_ role: Role) throws(DemoGenerationError) -> [StaffMember] {
            let members = active.filter { $0.roles.contains(role) }
            if members.isEmpty { throw .missingStaff(role) }
            let central = members.filter { centres.contains($0.department) }
            return role == .liaison || central.isEmpty ? members : central
        }
        operators = try with(.operator)
        dispatchers = try with(.dispatcher)
        reviewers = try with(.reviewer)
        supervisors = try with(.supervisor)
        let byDepartment = Dictionary(grouping: try with(.liaison), by: \.department)
        liaisons = byDepartment
        let activeDepartments = Set(departments.filter(\.active).map(\.code))
        self.topics = topics.filter { activeDepartments.contains($0.department) && byDepartment[$0.department] != nil }
        if self.topics.isEmpty { throw DemoGenerationError.noTopics }
        departmentNames = Dictionary(uniqueKeysWithValues: departments.map { ($0.code, $0.name) })
        issuer = departments.first { $0.kind == .centre }?.name ?? "12345政务服务便民热线"

        guard options.tickets >= 1 else { throw DemoGenerationError.invalidPeriod(CoreText.demoTickets.phrase) }
        guard options.firstDay < options.endDay else {
            throw DemoGenerationError.invalidPeriod(CoreText.demoEmptyPeriod.phrase)
        }
        let calendar = rules.calendar
        let zone = calendar.timeZone
        let startInstant = calendar.startOfDay(options.firstDay)
        let horizon = options.now.addingTimeInterval(60 * 86400)
        if let transition = zone.nextDaylightSavingTimeTransition(after: startInstant), transition < horizon {
            throw DemoGenerationError.invalidPeriod(CoreText.demoZoneChanges(zone.identifier).phrase)
        }
        offset = Int64(zone.secondsFromGMT(for: startInstant))
        nowEpoch = Int64(options.now.timeIntervalSince1970.rounded(.down))
        firstDayNumber = options.firstDay.dayNumber
        // Deadlines run up to about 40 days past `now` (10 working days, an extension, a reopen): the calendar must
        // cover them, or the demo stops here with a clear message instead of guessing.
        let nowDay = calendar.localDate(of: options.now)
        let lastNeeded = nowDay.adding(days: 45)
        var flags: [Bool] = []
        var day = options.firstDay
        while day <= lastNeeded {
            do {
                flags.append(try calendar.isWorkingDay(day))
            } catch {
                let loaded = calendar.loadedYears.map(String.init).joined(separator: ", ")
                throw DemoGenerationError.noCalendar(
                    CoreText.demoCalendar(
                        first: options.firstDay.description, now: nowDay.description, through: lastNeeded.description,
                        loaded: loaded
                    ).phrase)
            }
            day = day.adding(days: 1)
        }
        working = flags
    }

    // MARK: Local time arithmetic

    func dayNumber(_ t: Int64) -> Int { Int((t + offset) >= 0 ? (t + offset) / 86400 : (t + offset - 86399) / 86400) }
    func secondOfDay(_ t: Int64) -> Int64 { t + offset - Int64(dayNumber(t)) * 86400 }
    func dayStart(_ day: Int) -> Int64 { Int64(day) * 86400 - offset }
    func isWorking(_ day: Int) -> Bool {
        let i = day - firstDayNumber
        return i >= 0 && i < working.count
            ? working[i] : day >= firstDayNumber && LocalDate(dayNumber: day).isoWeekday < 6
    }

    /// The hotline centre (operators, dispatchers, reviewers) works 08:00–20:00 every day.
    func centreTime(_ t: Int64, _ rng: inout SplitMix64) -> Int64 {
        let s = secondOfDay(t)
        if s < 8 * 3600 { return dayStart(dayNumber(t)) + 8 * 3600 + Int64(rng.int(0...2400)) }
        if s >= 20 * 3600 { return dayStart(dayNumber(t) + 1) + 8 * 3600 + Int64(rng.int(0...2400)) }
        return t
    }

    /// Departments and supervisors work 08:30–18:00 on working days.
    func officeTime(_ t: Int64, _ rng: inout SplitMix64) -> Int64 {
        var day = dayNumber(t)
        let s = secondOfDay(t)
        if isWorking(day), s >= 30600, s < 64800 { return t }
        if !(isWorking(day) && s < 30600) {
            day += 1
            while !isWorking(day) { day += 1 }
        }
        return dayStart(day) + 30600 + Int64(rng.int(0...5400))
    }

    /// Departments' duty staff sign for tickets 08:00–21:00 every day.
    func dutyTime(_ t: Int64, _ rng: inout SplitMix64) -> Int64 {
        let s = secondOfDay(t)
        if s < 8 * 3600 { return dayStart(dayNumber(t)) + 8 * 3600 + Int64(rng.int(0...3600)) }
        if s >= 21 * 3600 { return dayStart(dayNumber(t) + 1) + 8 * 3600 + Int64(rng.int(0...3600)) }
        return t
    }

    static func hours(_ h: Double) -> Int64 { Int64(h * 3600) }

    // MARK: Generation

    /// Generates the whole data set in memory (tests and small demos; `stream()` for a database load).
    public func generate() throws -> DemoData {
        let stream = self.stream()
        var tickets: [GeneratedTicket?] = Array(repeating: nil, count: options.tickets)
        var count = 0
        while let item = try stream.next() {
            tickets[item.index] = item.generated
            count += 1
        }
        return DemoData(tickets: tickets.prefix(count).map { $0! }, letters: stream.letters)
    }

    /// The data set ticket by ticket: see `DemoStream`.
    public func stream() -> DemoStream { DemoStream(self) }

    /// Ticket numbers and creation instants: more on working days and in office hours, fewer at night and on
    /// holidays; numbered per local day in creation order.
    func plan(_ rng: inout SplitMix64) -> [(String, Int64)] {
        let hourWeights: [Double] = [
            0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.5, 4.0, 6.0, 6.0, 5.0, 3.0, 3.5, 5.0, 5.0, 4.5, 3.5, 2.5, 2.0, 1.6,
            1.2, 0.8, 0.5,
        ]
        let hourChoice = WeightedChoice(hourWeights)
        var days: [(day: LocalDate, weight: Double)] = []
        var day = options.firstDay
        while day < options.endDay {
            var weight: Double
            if isWorking(day.dayNumber) {
                weight = day.isoWeekday == 1 ? 1.15 : 1.0
            } else {
                weight = rules.calendar.specialName(of: day) != nil ? 0.45 : 0.6
            }
            weight *= 0.9 + 0.2 * rng.fraction()
            days.append((day, weight))
            day = day.adding(days: 1)
        }
        // Largest remainder: the counts add up to exactly `tickets`.
        let total = days.reduce(0) { $0 + $1.weight }
        let exact = days.map { Double(options.tickets) * $0.weight / total }
        var counts = exact.map { Int($0) }
        let remaining = options.tickets - counts.reduce(0, +)
        let order = exact.indices.sorted {
            (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1)
        }
        for i in order.prefix(remaining) { counts[i] += 1 }
        var result: [(String, Int64)] = []
        result.reserveCapacity(options.tickets)
        for (i, entry) in days.enumerated() where counts[i] > 0 {
            let start = dayStart(entry.day.dayNumber)
            var seconds = (0..<counts[i]).map { _ in Int64(rng.pick(hourChoice) * 3600 + rng.int(0...3599)) }
            seconds.sort()
            let day = entry.day.compact
            for (k, s) in seconds.enumerated() {
                // At most 5,000,000 tickets over a month or more: a day never nears 999,999.
                guard let number = RecordNumber.make(compactDay: day, sequence: k + 1) else { break }
                result.append((number, start + s))
            }
        }
        return result
    }

    static let typeChoice = WeightedChoice([0.38, 0.15, 0.27, 0.08, 0.08, 0.04])
    static let types: [TicketType] = [.consult, .help, .complaint, .report, .suggestion, .praise]
    static let channelChoice = WeightedChoice([0.68, 0.07, 0.08, 0.11, 0.04, 0.02])
    static let channels: [Channel] = [.phone, .web, .app, .wechat, .mailbox, .other]
    static let outcomeChoice = WeightedChoice([0.62, 0.22, 0.11, 0.05])

    /// One ticket's life from intake until it ends or `now` stops it.
    func simulate(
        number: String, createdAt: Int64, topicChoice: WeightedChoice, recent: [Int],
        tickets: (Int) -> GeneratedTicket, rng: inout SplitMix64
    ) throws -> GeneratedTicket {
        var type = Self.types[rng.pick(Self.typeChoice)]
        let channel = Self.channels[rng.pick(Self.channelChoice)]
        var topicIndex = rng.pick(topicChoice)
        var callerName = rng.pick(DemoText.surnames) + rng.pick(DemoText.givenNames)
        var phone = rng.pick(DemoText.phonePrefixes) + String(rng.int(10_000_000...99_999_999))
        var street = rng.pick(DemoText.streets)
        var repeatOf: Int?
        // The same caller calling again about the same topic: a repeat demand (重复诉求).
        if !recent.isEmpty, rng.chance(0.09) {
            let earlierIndex = rng.pick(recent)
            let earlier = tickets(earlierIndex).ticket
            if let index = topics.firstIndex(where: { $0.path == earlier.topic }) {
                topicIndex = index
                callerName = earlier.callerName
                phone = earlier.callerPhone
                street = DemoText.streets.first { $0.name == earlier.street } ?? street
                repeatOf = earlierIndex
                if type == .consult || type == .praise { type = .complaint }
            }
        }
        let topic = topics[topicIndex]
        let leaf = String(topic.path.split(separator: "/").last ?? "")
        let place = rng.pick(street.places)
        let urgency: Urgency = [.help, .complaint, .report].contains(type) && rng.chance(0.04) ? .urgent : .normal
        let intake = Ticket.Intake(
            channel: channel, type: type, topic: topic.path, urgency: urgency, callerName: callerName,
            callerPhone: phone, address: place, street: street.name,
            description: DemoText.description(type: type, leaf: leaf, place: place, days: rng.int(2...30)))
        let operatorMember = rng.pick(operators)
        let created = try TicketMachine.create(
            number: number, intake: intake, by: operatorMember, at: Date(epochSeconds: createdAt))
        var life = Life(ticket: created.ticket, events: [created.event], clock: createdAt, now: nowEpoch, rules: rules)

        // A repeat whose earlier ticket is still open is folded into it (合并).
        if let repeatOf, rng.chance(0.6) {
            let target = tickets(repeatOf)
            let at = centreTime(createdAt + Int64(rng.int(600...2400)), &rng)
            if let state = Self.state(of: target.events, at: at), state.isOpen {
                _ = try life.act(
                    .merge(into: target.ticket.number, targetState: state), by: rng.pick(dispatchers), at: at)
                return life.result
            }
        }
        // 直办: answered at intake.
        let resolveShare: Double
        switch type {
        case .consult: resolveShare = 0.55
        case .praise: resolveShare = 0.6
        case .help: resolveShare = 0.12
        case .suggestion: resolveShare = 0.15
        case .complaint: resolveShare = 0.04
        case .report: resolveShare = 0.02
        }
        if urgency == .normal, repeatOf == nil, rng.chance(resolveShare) {
            let at = createdAt + Int64(rng.int(120...720))
            guard
                try life.act(.resolve(text: DemoText.intakeAnswer(type: type, leaf: leaf)), by: operatorMember, at: at)
            else { return life.result }
            if rng.chance(0.3) {
                let revisitAt = centreTime(at + Int64(rng.int(72_000...200_000)), &rng)
                let satisfaction = [5, 5, 5, 4, 4, 3][rng.int(0...5)]
                _ = try life.act(
                    .revisit(satisfaction: satisfaction, resolved: .yes, note: rng.pick(DemoText.revisitNotes)),
                    by: rng.pick(operators), at: revisitAt)
            }
            return life.result
        }

        // 派单, with now and then a mis-sent ticket that the department returns (退单) and a re-dispatch.
        var lead = topic.department
        let misrouted = rng.chance(0.05)
        if misrouted {
            let others = Set(topics.map(\.department)).subtracting([topic.department]).sorted()
            if !others.isEmpty { lead = rng.pick(others) }
        }
        let dispatcher = rng.pick(dispatchers)
        var at =
            urgency == .urgent
            ? createdAt + Int64(rng.int(180...900))
            : rng.chance(0.015)
                ? centreTime(createdAt + Self.hours(rng.uniform(24, 200)), &rng)  // waiting for the caller's details
                : centreTime(createdAt + Int64(rng.int(480...4500)), &rng)
                    + (rng.chance(0.3) ? Self.hours(rng.uniform(0, 2.5)) : 0)
        let co =
            lead != street.department && rng.chance(0.12) && liaisons[street.department] != nil
            ? [street.department] : []
        guard try life.act(.dispatch(lead: lead, co: co), by: dispatcher, at: at) else { return life.result }
        if lead != topic.department {
            let wrong = rng.pick(liaisons[lead] ?? [])
            if rng.chance(0.3) {
                at = dutyTime(life.clock + Self.hours(rng.uniform(0.5, 3)), &rng)
                guard try life.act(.sign, by: wrong, at: at) else { return life.result }
            }
            at = officeTime(life.clock + Self.hours(rng.uniform(0.5, 5)), &rng)
            // A department returns a ticket before its deadline, or not at all (`TicketMachine`): an urgent one that
            // would reach its next office hours too late is returned on duty.
            if let deadline = life.ticket.deadline.map(StoredInstant.seconds), at >= deadline {
                at = max(life.clock + 60, deadline - 600)
            }
            guard try life.act(.returnTicket(reason: DemoText.returnReason), by: wrong, at: at) else {
                return life.result
            }
            lead = topic.department
            at = centreTime(life.clock + Self.hours(rng.uniform(0.3, 6)), &rng)
            guard try life.act(.dispatch(lead: lead, co: []), by: rng.pick(dispatchers), at: at) else {
                return life.result
            }
        }
        // 签收: mostly within hours; some late.
        let liaison = rng.pick(liaisons[lead] ?? [])
        if urgency == .urgent {
            at = life.clock + Self.hours(rng.uniform(0.15, rng.chance(0.1) ? 3 : 1.6))
        } else if rng.chance(0.07) {
            at = dutyTime(life.clock + Self.hours(rng.uniform(25, 56)), &rng)
        } else {
            at = dutyTime(life.clock + Self.hours(rng.uniform(0.25, 6)), &rng)
        }
        guard try life.act(.sign, by: liaison, at: at) else { return life.result }

        // 办理 → 答复 → 审核, then 回访 and now and then 重办.
        guard let outcome = try handle(&life, liaison: liaison, urgent: urgency == .urgent, extensions: true, &rng)
        else { return life.result }
        guard let closedAt = life.ticket.closedAt.map({ Int64($0.timeIntervalSince1970) }), rng.chance(0.78) else {
            return life.result
        }
        let (satisfaction, resolution) = Self.revisitAnswer(outcome, &rng)
        at = centreTime(closedAt + Int64(rng.int(20 * 3600...72 * 3600)), &rng)
        guard
            try life.act(
                .revisit(satisfaction: satisfaction, resolved: resolution, note: rng.pick(DemoText.revisitNotes)),
                by: rng.pick(operators), at: at)
        else { return life.result }
        if satisfaction <= 2, resolution != .yes, rng.chance(0.4) {
            at = officeTime(life.clock + Self.hours(rng.uniform(2, 30)), &rng)
            guard try life.act(.reopen(reason: DemoText.reopenReason), by: rng.pick(supervisors), at: at) else {
                return life.result
            }
            guard let second = try handle(&life, liaison: liaison, urgent: urgency == .urgent, extensions: false, &rng),
                let closed = life.ticket.closedAt.map({ Int64($0.timeIntervalSince1970) }), rng.chance(0.7)
            else { return life.result }
            let (s, r) = Self.revisitAnswer(second, &rng)
            _ = try life.act(
                .revisit(satisfaction: s, resolved: r, note: nil), by: rng.pick(operators),
                at: centreTime(closed + Int64(rng.int(20 * 3600...72 * 3600)), &rng))
        }
        return life.result
    }

    /// A handling round from signing (or reopening) to approval; returns the approved reply's outcome, or nil when
    /// `now` came first.
    func handle(
        _ life: inout Life, liaison: StaffMember, urgent: Bool, extensions: Bool, _ rng: inout SplitMix64
    ) throws -> ReplyOutcome? {
        guard let deadlineDate = life.ticket.deadline else { return nil }
        let start = life.clock
        var deadline = Int64(deadlineDate.timeIntervalSince1970)
        let allowed = Double(deadline - start)
        func office(_ t: Int64, _ rng: inout SplitMix64) -> Int64 { urgent ? t : officeTime(t, &rng) }
        var target: Int64
        if extensions, !urgent, rng.chance(0.07) {
            let at = office(start + Int64(allowed * rng.uniform(0.45, 0.7)), &rng)
            guard
                try life.act(
                    .extend(days: rng.int(3...10), reason: rng.pick(DemoText.extensionReasons)), by: liaison, at: at)
            else { return nil }
            let decideAt = officeTime(life.clock + Self.hours(rng.uniform(1, 6)), &rng)
            // Approved only while the deadline has not passed (the engine refuses it after); a decision that comes
            // later denies the request.
            if rng.chance(0.75), max(decideAt, life.clock + 60) <= deadline {
                guard try life.act(.approveExtension, by: rng.pick(supervisors), at: decideAt) else { return nil }
                deadline = Int64(life.ticket.deadline?.timeIntervalSince1970 ?? Double(deadline))
                target = start + Int64(Double(deadline - start) * rng.uniform(0.55, 0.97))
            } else {
                guard try life.act(.denyExtension(reason: DemoText.denyReason), by: rng.pick(supervisors), at: decideAt)
                else { return nil }
                target = start + Int64(allowed * rng.uniform(0.85, 1.25))
            }
        } else {
            let u = rng.fraction()
            let share =
                u < 0.70
                ? rng.uniform(0.1, 0.75)
                : u < 0.85 ? rng.uniform(0.78, 0.99) : u < 0.95 ? rng.uniform(1.02, 1.6) : rng.uniform(1.6, 3.0)
            target = start + Int64(allowed * share)
        }
        // 催办: a supervisor hurries a slow department.
        if target > start + Int64(allowed * 0.6), rng.chance(0.15) {
            let at = officeTime(start + Int64(allowed * rng.uniform(0.5, 0.8)), &rng)
            if at < target, at > life.clock {
                guard try life.act(.urge(note: DemoText.urgeNote), by: rng.pick(supervisors), at: at) else {
                    return nil
                }
            }
        }
        let outcome = [ReplyOutcome.resolved, .explained, .partly, .unresolved][rng.pick(Self.outcomeChoice)]
        let leaf = String(life.ticket.topic.split(separator: "/").last ?? "")
        guard
            try life.act(
                .reply(text: DemoText.reply(outcome: outcome, leaf: leaf), outcome: outcome), by: liaison,
                at: office(target, &rng))
        else { return nil }
        let reviewer = rng.pick(reviewers)
        var at = centreTime(life.clock + Self.hours(rng.uniform(1, 18)), &rng)
        if rng.chance(0.07) {
            guard try life.act(.reject(reason: rng.pick(DemoText.rejectReasons)), by: reviewer, at: at) else {
                return nil
            }
            let again = ReplyOutcome.resolved
            guard
                try life.act(
                    .reply(text: DemoText.reply(outcome: again, leaf: leaf), outcome: again), by: liaison,
                    at: office(life.clock + Self.hours(rng.uniform(4, 48)), &rng))
            else { return nil }
            at = centreTime(life.clock + Self.hours(rng.uniform(1, 18)), &rng)
            guard try life.act(.approve, by: reviewer, at: at) else { return nil }
            return again
        }
        guard try life.act(.approve, by: reviewer, at: at) else { return nil }
        return outcome
    }

    /// A caller's answer at the revisit, in line with what the reply achieved.
    static func revisitAnswer(_ outcome: ReplyOutcome, _ rng: inout SplitMix64) -> (Int, RevisitResolution) {
        let weights: [Double]
        let resolution: [Double]
        switch outcome {
        case .resolved: (weights, resolution) = ([0.02, 0.03, 0.10, 0.30, 0.55], [0.85, 0.12, 0.03])
        case .explained: (weights, resolution) = ([0.05, 0.08, 0.22, 0.35, 0.30], [0.5, 0.3, 0.2])
        case .partly: (weights, resolution) = ([0.10, 0.15, 0.30, 0.30, 0.15], [0.2, 0.6, 0.2])
        case .unresolved: (weights, resolution) = ([0.30, 0.30, 0.25, 0.10, 0.05], [0.05, 0.25, 0.7])
        }
        let satisfaction = rng.pick(WeightedChoice(weights)) + 1
        var answer = [RevisitResolution.yes, .partly, .no][rng.pick(WeightedChoice(resolution))]
        if satisfaction <= 2, answer == .yes { answer = .partly }
        return (satisfaction, answer)
    }

    /// The state a history had at `instant`, or nil before it began.
    static func state(of events: [TicketEvent], at instant: Int64) -> TicketState? {
        let date = Date(epochSeconds: instant)
        return events.last { $0.at <= date }?.to
    }
}

/// A ticket being driven through its life; every step goes through the state machine.
struct Life {
    var ticket: Ticket
    var events: [TicketEvent]
    /// The time of the last event.
    var clock: Int64
    let now: Int64
    let rules: DeadlineRules

    /// Applies `command` at `proposed` (kept after the previous event); returns false, changing nothing, when that
    /// lies after `now`: the simulation of this ticket ends there.
    mutating func act(_ command: TicketCommand, by actor: StaffMember, at proposed: Int64) throws -> Bool {
        let at = max(proposed, clock + 60)
        guard at <= now else { return false }
        let past =
            TicketMachine.rule(for: command.action)?.notBy.isEmpty == false
            ? RuleTable<TicketState, TicketAction>.latestActors(events.map { ($0.action, $0.actor) }) : [:]
        let (next, event) = try TicketMachine.decide(
            command, on: ticket, by: actor, at: Date(epochSeconds: at), rules: rules, pastActors: past)
        ticket = next
        events.append(event)
        clock = at
        return true
    }

    var result: GeneratedTicket { GeneratedTicket(ticket: ticket, events: events) }
}

extension Date {
    init(epochSeconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(epochSeconds)) }
}
