import Foundation

/// The monthly closure report (月度办结通报, DESIGN §6.2): plain values, computed from the month's facts as of
/// its end, ready for any renderer.
public struct MonthlyReport: Equatable, Sendable {
    /// The kind of a supervision letter, as the letter event's `kind` detail spells it.
    public enum LetterKind: String, CaseIterable, Sendable, Codable, Labelled {
        /// 提醒函: a share of the allowed time has elapsed without a reply.
        case reminder
        /// 预警函: the deadline has passed.
        case warning

        public var chineseLabel: String { self == .reminder ? "提醒函" : "预警函" }
        public var englishLabel: String { self == .reminder ? "reminder letters" : "warning letters" }
    }

    /// Where a department stands on the red and black lists.
    public enum ListMark: String, Sendable, Codable {
        /// 红榜: among the best.
        case red
        /// 黑榜: among the worst.
        case black
    }

    /// One department's line of the ranking.
    public struct DepartmentLine: Equatable, Sendable, Codable {
        public var code: String
        public var name: String
        public var figures: ReportFigures
        /// 综合得分 (see `DepartmentScore`); nil when the department has none of the weighted rates.
        public var score: Double?
        /// 1 = best.
        public var rank: Int
        /// Received at least `DepartmentScore.minimumTickets` tickets: may enter the lists.
        public var isListed: Bool
        public var mark: ListMark?
    }

    /// A topic and its tickets created in the month, with the previous month's count for 环比.
    public struct TopicLine: Equatable, Sendable, Codable {
        public var topic: String
        public var count: Int
        public var previousCount: Int

        public init(topic: String, count: Int, previousCount: Int) {
            self.topic = topic
            self.count = count
            self.previousCount = previousCount
        }
    }

    /// The figures of one month for the trend charts.
    public struct TrendPoint: Equatable, Sendable, Codable {
        public var month: Month
        public var received: Int
        public var closed: Int
        public var onTimeRate: Ratio

        public init(month: Month, figures: ReportFigures) {
            self.month = month
            received = figures.received
            closed = figures.closed
            onTimeRate = figures.onTimeRate
        }
    }

    public var month: Month
    /// The IANA name of the zone the month's boundaries are taken in.
    public var timeZone: String
    public var headline: ReportFigures
    /// 环比: the previous month's figures.
    public var previousMonth: ReportFigures
    /// 同比: the same month a year earlier.
    public var sameMonthLastYear: ReportFigures
    /// Every department with something in the month, best first.
    public var departments: [DepartmentLine]
    public var byType: [(type: TicketType, figures: ReportFigures)]
    public var byChannel: [(channel: Channel, figures: ReportFigures)]
    /// 高频诉求: the top ten topics.
    public var topTopics: [TopicLine]
    /// 重复诉求 by topic, most first (at most five).
    public var repeatTopics: [TopicLine]
    /// Received and on-time rate of the twelve months ending with this one, oldest first (may be empty).
    public var trend: [TrendPoint]
    /// The service-hall section (windows, findings; DESIGN §6.2), filled in by the hall's own code when present.
    public var hall: HallSection?
    /// False when the month had not ended at the time the report was made: its figures may still change.
    public var isComplete: Bool
    /// The grace within which a late entry is not 补录 (DESIGN §11.2), as the report counted it; nil when the report
    /// was made without reading letters and 补录 (then they are all zero).
    public var backdatingGraceMinutes: Int?
    /// False when the report was made without looking for 重复诉求 (for the JSON, which shows none): every `repeats`
    /// count is then zero and `repeatTopics` empty.
    public var countsRepeats = true
    /// False when no ticket had been created before the end of the month before: its figures are zeros that mean
    /// "no data", and the human formats show `—` for them (DESIGN §6.1).
    public var previousMonthHasData = true
    /// False when no ticket had been created before the end of the same month a year earlier (去年同月 无数据).
    public var sameMonthLastYearHasData = true

    public static let topTopicCount = 10
    public static let repeatTopicCount = 5

    /// 红榜: listed departments of the top, best first.
    public var redList: [DepartmentLine] { departments.filter { $0.mark == .red } }
    /// 黑榜: listed departments of the bottom, worst first.
    public var blackList: [DepartmentLine] { departments.filter { $0.mark == .black }.reversed() }

    /// What the report reads of a month it compares with (环比, 同比): its figures over the whole district and, for
    /// the month before, its tickets by topic. Made from that month's facts on whichever thread folded them, so that
    /// the facts themselves need not wait for the report.
    public struct Comparison: Sendable {
        public var figures: ReportFigures
        /// Tickets created in the month by topic (empty when made without topics).
        public var topics: [String: Int]
        /// 重复诉求 created in the month by topic (empty when made without topics).
        public var repeatTopics: [String: Int]

        public init(_ facts: MonthFacts, withTopics: Bool = true) {
            figures = facts.figures()
            topics = withTopics ? Self.counts(facts.topicCounts()) : [:]
            repeatTopics = withTopics ? Self.counts(facts.topicCounts(repeatsOnly: true)) : [:]
        }

        private static func counts(_ topics: [(topic: String, count: Int)]) -> [String: Int] {
            Dictionary(topics.map { ($0.topic, $0.count) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Builds the report from the facts of the month, of the month before, and of the same month a year earlier.
    ///
    /// - Parameters:
    ///   - departmentNames: code → name, for the ranking; unknown codes are shown as their code.
    ///   - trend: the trend points, oldest first (the caller decides how many months it can afford).
    ///   - now: when the report is made; a month that ends after it is marked incomplete.
    public init(
        facts: MonthFacts, previous: MonthFacts, lastYear: MonthFacts, timeZone: TimeZone,
        departmentNames: [String: String], trend: [TrendPoint] = [], now: Date? = nil
    ) {
        self.init(
            facts: facts, previous: Comparison(previous), lastYear: Comparison(lastYear, withTopics: false),
            timeZone: timeZone, departmentNames: departmentNames, trend: trend, now: now)
    }

    /// Builds the report from the facts of the month, its figures (`OwnFigures(facts)` unless given) and what it is
    /// compared with.
    public init(
        facts: MonthFacts, own: OwnFigures? = nil, previous: Comparison, lastYear: Comparison, timeZone: TimeZone,
        departmentNames: [String: String], trend: [TrendPoint] = [], now: Date? = nil
    ) {
        let parts = own ?? OwnFigures(facts)
        month = facts.month
        self.timeZone = timeZone.identifier
        headline = parts.headline
        previousMonth = previous.figures
        sameMonthLastYear = lastYear.figures
        byType = TicketType.allCases.map { (type: $0, figures: parts.types[.type($0)] ?? ReportFigures()) }
        byChannel = Channel.allCases.map { (channel: $0, figures: parts.channels[.channel($0)] ?? ReportFigures()) }
        topTopics = parts.topics.prefix(Self.topTopicCount).map {
            TopicLine(topic: $0.topic, count: $0.count, previousCount: previous.topics[$0.topic] ?? 0)
        }
        repeatTopics = parts.repeatTopics.prefix(Self.repeatTopicCount).map {
            TopicLine(topic: $0.topic, count: $0.count, previousCount: previous.repeatTopics[$0.topic] ?? 0)
        }
        departments = Self.rank(parts.departments, names: departmentNames)
        self.trend = trend
        hall = nil
        isComplete = now.map { facts.end <= $0 } ?? true
    }

    /// The month's own figures: by department, by type and channel, and over the whole district with its topics.
    /// They are three independent passes over the same facts, each writing its own part. The core starts no thread:
    /// `run` runs the passes (`run(3, pass)`), one after the other by default; the store runs them side by side
    /// (they were an eighth of a report's time, at the end, with nothing else left to run), and a caller with a month
    /// compared still being folded elsewhere makes them meanwhile.
    public struct OwnFigures: Sendable {
        var headline = ReportFigures()
        var departments: [ReportScope: ReportFigures] = [:]
        var types: [ReportScope: ReportFigures] = [:]
        var channels: [ReportScope: ReportFigures] = [:]
        var topics: [(topic: String, count: Int)] = []
        var repeatTopics: [(topic: String, count: Int)] = []

        public init(
            _ facts: MonthFacts,
            running run: (_ passes: Int, _ pass: (Int) -> Void) -> Void = { passes, pass in
                for index in 0..<passes { pass(index) }
            }
        ) {
            var parts = [OwnFigures?](repeating: nil, count: 3)
            parts.withUnsafeMutableBufferPointer { slots in
                let slots = UnsafeSendable(slots)
                // Each pass writes its own slot only.
                run(3) { pass in
                    var part = OwnFigures(empty: ())
                    switch pass {
                    case 0:
                        part.departments = facts.figures(by: .department)
                    case 1:
                        part.types = facts.figures(by: .type)
                        part.channels = facts.figures(by: .channel)
                    default:
                        part.headline = facts.figures()
                        part.topics = facts.topicCounts()
                        part.repeatTopics = facts.topicCounts(repeatsOnly: true)
                    }
                    slots.value[pass] = part
                }
            }
            departments = parts[0]!.departments
            types = parts[1]!.types
            channels = parts[1]!.channels
            headline = parts[2]!.headline
            topics = parts[2]!.topics
            repeatTopics = parts[2]!.repeatTopics
        }

        private init(empty: Void) {}
    }

    /// A value handed to the passes of `OwnFigures`, which may run side by side, each touching its own part only.
    private struct UnsafeSendable<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Scores and orders the active departments and marks the red and black lists.
    static func rank(facts: MonthFacts, names: [String: String]) -> [DepartmentLine] {
        rank(facts.figures(by: .department), names: names)
    }

    /// Scores and orders the departments of `figures` (the month's figures by department).
    static func rank(_ figures: [ReportScope: ReportFigures], names: [String: String]) -> [DepartmentLine] {
        var lines = figures.compactMap { scope, figures -> DepartmentLine? in
            guard case .department(let code) = scope else { return nil }
            return DepartmentLine(
                code: code, name: names[code] ?? code, figures: figures, score: DepartmentScore.score(figures),
                rank: 0, isListed: figures.received >= DepartmentScore.minimumTickets, mark: nil)
        }
        lines.sort { DepartmentScore.ranksBefore(($0.code, $0.score), ($1.code, $1.score)) }
        for i in lines.indices { lines[i].rank = i + 1 }
        let listed = lines.indices.filter { lines[$0].isListed && lines[$0].score != nil }
        let red = listed.prefix(DepartmentScore.listSize)
        for i in red { lines[i].mark = .red }
        for i in listed.dropFirst(red.count).suffix(DepartmentScore.listSize) { lines[i].mark = .black }
        return lines
    }

    public static func == (lhs: MonthlyReport, rhs: MonthlyReport) -> Bool {
        lhs.month == rhs.month && lhs.timeZone == rhs.timeZone && lhs.headline == rhs.headline
            && lhs.previousMonth == rhs.previousMonth && lhs.sameMonthLastYear == rhs.sameMonthLastYear
            && lhs.departments == rhs.departments && lhs.byType.map(\.figures) == rhs.byType.map(\.figures)
            && lhs.byChannel.map(\.figures) == rhs.byChannel.map(\.figures) && lhs.topTopics == rhs.topTopics
            && lhs.repeatTopics == rhs.repeatTopics && lhs.trend == rhs.trend && lhs.hall == rhs.hall
            && lhs.isComplete == rhs.isComplete && lhs.countsRepeats == rhs.countsRepeats
            && lhs.backdatingGraceMinutes == rhs.backdatingGraceMinutes
            && lhs.previousMonthHasData == rhs.previousMonthHasData
            && lhs.sameMonthLastYearHasData == rhs.sameMonthLastYearHasData
    }
}

/// The extension point for the service hall (windows and findings, DESIGN §6.2), which another part of GovDesk
/// computes: ready-made tables for the human formats and an object for the JSON key `hall`.
public struct HallSection: Equatable, Sendable {
    public var tables: [ReportTable]
    /// Rendered under the JSON key `hall` when the section is present.
    public var json: ReportJSON
    /// The figures the tables were laid out from, for the formats that need numbers (CSV, the HTML charts).
    public var summary: HallMonthSummary?

    public init(tables: [ReportTable], json: ReportJSON, summary: HallMonthSummary? = nil) {
        self.tables = tables
        self.json = json
        self.summary = summary
    }
}
