import Foundation

/// A closed month's figures (月结, DESIGN §11.2): every figure any format of its monthly report shows, footnotes'
/// inputs included, as they stood when the month was closed. Every later rendering of the month is made from this
/// document, whatever happens to the events afterwards; `db check` computes the figures again from the events and
/// compares them figure by figure.
public struct ClosedMonthFigures: Equatable, Sendable, Codable {
    /// The version of this document's layout; a build reads the versions it knows.
    public static let currentVersion = 1

    public var version: Int
    /// The ticket part: headline, departments, types, channels, topics, letters, 补录, the trend.
    public var report: MonthlyReport
    /// The service hall's part, language-neutral (its tables are laid out when rendered).
    public var hall: HallMonthSummary?
    /// The instants the hall's part was counted over (the month's local days).
    public var hallStart: Date
    public var hallEnd: Date

    public init(report: MonthlyReport, hall: HallMonthSummary?, hallRange: Range<Date>) {
        version = Self.currentVersion
        var report = report
        report.hall = nil
        self.report = report
        self.hall = hall
        hallStart = hallRange.lowerBound
        hallEnd = hallRange.upperBound
    }

    public var hallRange: Range<Date> { hallStart..<max(hallStart, hallEnd) }

    /// The document as stored: JSON with sorted keys, instants as seconds, so the same figures give the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return try encoder.encode(self)
    }

    /// Reads a stored document; nil for a version this build does not know or a document it cannot read.
    public static func decode(_ data: Data) -> ClosedMonthFigures? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let figures = try? decoder.decode(ClosedMonthFigures.self, from: data),
            figures.version == currentVersion
        else { return nil }
        return figures
    }

    /// The figures of `other` that differ from these, by path (`report.headline.received: stored 925, now 926`),
    /// at most `limit`. Department names are left out: the document keeps the name a department had when the
    /// month was closed, and a later renaming is not a change of figures.
    public func differences(from other: ClosedMonthFigures, limit: Int = 20) throws -> [CoreText] {
        func tree(_ figures: ClosedMonthFigures) throws -> Any {
            try JSONSerialization.jsonObject(with: try figures.encoded(), options: [.fragmentsAllowed])
        }
        var found: [CoreText] = []
        var more = 0
        func note(_ path: String, _ stored: Any?, _ now: Any?) {
            if found.count < limit {
                found.append(.figureDiffers(path: path, stored: Self.shown(stored), now: Self.shown(now)))
            } else {
                more += 1
            }
        }
        func compare(_ path: String, _ a: Any?, _ b: Any?) {
            switch (a, b) {
            case (let x as [String: Any], let y as [String: Any]):
                // The headline first: with the cap, the figures a reader looks at first are named first.
                let keys = Set(x.keys).union(y.keys).sorted { a, b in
                    (a == "headline" ? 0 : 1, a) < (b == "headline" ? 0 : 1, b)
                }
                for key in keys {
                    if key == "name", path.contains(".departments[") { continue }
                    compare(path.isEmpty ? key : "\(path).\(key)", x[key], y[key])
                }
            case (let x as [Any], let y as [Any]):
                if x.count != y.count {
                    note("\(path) (count)", x.count, y.count)
                }
                for i in 0..<min(x.count, y.count) { compare("\(path)[\(i)]", x[i], y[i]) }
            case (let x as NSNumber, let y as NSNumber):
                if x != y { note(path, x, y) }
            case (let x as String, let y as String):
                if x != y { note(path, x, y) }
            case (nil, nil), (is NSNull, is NSNull):
                break
            default:
                note(path, a, b)
            }
        }
        compare("", try tree(self), try tree(other))
        if more > 0 { found.append(.moreFigures(more)) }
        return found
    }

    private static func shown(_ value: Any?) -> FigureValue {
        switch value {
        case nil, is NSNull: return .nothing
        case let text as String: return .text(text)
        case let number as NSNumber: return .number(number.stringValue)
        case let array as [Any]: return .entries(array.count)
        default: return .other
        }
    }
}

extension MonthlyReport: Codable {
    private struct ByType: Codable {
        var type: TicketType
        var figures: ReportFigures
    }

    private struct ByChannel: Codable {
        var channel: Channel
        var figures: ReportFigures
    }

    enum CodingKeys: String, CodingKey {
        case month, timeZone, headline, previousMonth, sameMonthLastYear, departments, byType, byChannel, topTopics
        case repeatTopics, trend, isComplete, countsRepeats, backdatingGraceMinutes
        case previousMonthHasData, sameMonthLastYearHasData
    }

    /// Whether a month compared has data, as a document without the flag reads it: figures that are not all zero.
    /// The flag is stored only where it differs from this, so documents stored before it existed read the same.
    static func seemsToHaveData(_ figures: ReportFigures) -> Bool { figures != ReportFigures() }

    /// The hall's section is not part of the encoding: it is laid out in one language (see `ClosedMonthFigures`).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(month, forKey: .month)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(headline, forKey: .headline)
        try c.encode(previousMonth, forKey: .previousMonth)
        try c.encode(sameMonthLastYear, forKey: .sameMonthLastYear)
        try c.encode(departments, forKey: .departments)
        try c.encode(byType.map { ByType(type: $0.type, figures: $0.figures) }, forKey: .byType)
        try c.encode(byChannel.map { ByChannel(channel: $0.channel, figures: $0.figures) }, forKey: .byChannel)
        try c.encode(topTopics, forKey: .topTopics)
        try c.encode(repeatTopics, forKey: .repeatTopics)
        try c.encode(trend, forKey: .trend)
        try c.encode(isComplete, forKey: .isComplete)
        try c.encode(countsRepeats, forKey: .countsRepeats)
        try c.encodeIfPresent(backdatingGraceMinutes, forKey: .backdatingGraceMinutes)
        if previousMonthHasData != Self.seemsToHaveData(previousMonth) {
            try c.encode(previousMonthHasData, forKey: .previousMonthHasData)
        }
        if sameMonthLastYearHasData != Self.seemsToHaveData(sameMonthLastYear) {
            try c.encode(sameMonthLastYearHasData, forKey: .sameMonthLastYearHasData)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        month = try c.decode(Month.self, forKey: .month)
        timeZone = try c.decode(String.self, forKey: .timeZone)
        headline = try c.decode(ReportFigures.self, forKey: .headline)
        previousMonth = try c.decode(ReportFigures.self, forKey: .previousMonth)
        sameMonthLastYear = try c.decode(ReportFigures.self, forKey: .sameMonthLastYear)
        departments = try c.decode([DepartmentLine].self, forKey: .departments)
        byType = try c.decode([ByType].self, forKey: .byType).map { (type: $0.type, figures: $0.figures) }
        byChannel = try c.decode([ByChannel].self, forKey: .byChannel).map {
            (channel: $0.channel, figures: $0.figures)
        }
        topTopics = try c.decode([TopicLine].self, forKey: .topTopics)
        repeatTopics = try c.decode([TopicLine].self, forKey: .repeatTopics)
        trend = try c.decode([TrendPoint].self, forKey: .trend)
        hall = nil
        isComplete = try c.decode(Bool.self, forKey: .isComplete)
        countsRepeats = try c.decode(Bool.self, forKey: .countsRepeats)
        backdatingGraceMinutes = try c.decodeIfPresent(Int.self, forKey: .backdatingGraceMinutes)
        previousMonthHasData =
            try c.decodeIfPresent(Bool.self, forKey: .previousMonthHasData) ?? Self.seemsToHaveData(previousMonth)
        sameMonthLastYearHasData =
            try c.decodeIfPresent(Bool.self, forKey: .sameMonthLastYearHasData)
            ?? Self.seemsToHaveData(sameMonthLastYear)
    }
}
