import Foundation

/// A rate kept as its two counts, so that a reader (and a test) sees what it is made of.
public struct Ratio: Equatable, Sendable, Codable {
    public var numerator: Int
    public var denominator: Int

    public init(_ numerator: Int = 0, _ denominator: Int = 0) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The fraction 0–1; nil when the denominator is 0.
    public var value: Double? {
        denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }

    /// Adds one case to the denominator, and to the numerator when it counts for.
    mutating func count(_ isFor: Bool) {
        denominator += 1
        if isFor { numerator += 1 }
    }
}

/// Hours from creation to closing over the tickets closed in a month.
///
/// The median of an even count is the mean of the two middle values; the 90th percentile is the nearest rank,
/// the value at position ⌈0.9 n⌉ of the sorted list.
public struct HandlingHours: Equatable, Sendable, Codable {
    public var count: Int
    public var median: Double?
    public var mean: Double?
    public var p90: Double?

    public init(_ hours: [Double]) {
        let sorted = hours.sorted()
        count = sorted.count
        guard !sorted.isEmpty else {
            median = nil
            mean = nil
            p90 = nil
            return
        }
        let n = sorted.count
        median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        mean = sorted.reduce(0, +) / Double(n)
        let rank = Int((0.9 * Double(n)).rounded(.up))
        p90 = sorted[min(max(rank, 1), n) - 1]
    }
}

/// Supervision letters issued (督办函).
public struct LetterCounts: Equatable, Sendable, Codable {
    /// 提醒函.
    public var reminder = 0
    /// 预警函.
    public var warning = 0
    /// Letters of a kind this build does not know.
    public var other = 0

    public init(reminder: Int = 0, warning: Int = 0, other: Int = 0) {
        self.reminder = reminder
        self.warning = warning
        self.other = other
    }

    public var total: Int { reminder + warning + other }
}

/// The figures of DESIGN §6.1 for one month over one scope (the whole district, a department, a type, a channel).
public struct ReportFigures: Equatable, Sendable, Codable {
    /// 受理量: tickets created in the month (for a department: tickets dispatched to it in the month).
    public var received = 0
    /// 直办量.
    public var resolvedAtIntake = 0
    /// 办结量: closed at the end by a closing in the month.
    public var closed = 0
    /// 月末未办结.
    public var backlog = 0
    /// 超期未办结.
    public var overdueBacklog = 0
    /// 办结率: received and closed at the end ÷ received (merged duplicates left out).
    public var closureRate = Ratio()
    /// 按时办结率.
    public var onTimeRate = Ratio()
    /// 响应率 / 及时签收率.
    public var responseRate = Ratio()
    /// 回退率: returns ÷ dispatches.
    public var returnRate = Ratio()
    /// 重办率: reopens ÷ closings.
    public var reopenRate = Ratio()
    /// 满意率: revisits rated 3–5 ÷ revisits with a rating.
    public var satisfactionRate = Ratio()
    /// 解决率: revisits answered "resolved" ÷ revisits with an answer.
    public var resolutionRate = Ratio()
    public var handlingHours = HandlingHours([])

    /// 派单: dispatches in the month.
    public var dispatches = 0
    /// 退单.
    public var returns = 0
    /// 重办.
    public var reopens = 0
    /// Closing events in the month (a ticket closed twice counts twice): the reopen rate's denominator.
    public var closings = 0
    /// 回访.
    public var revisits = 0
    /// 合并: duplicates folded into another ticket in the month.
    public var merged = 0
    /// 重复诉求 among the received.
    public var repeats = 0
    /// 督办函: letters issued in the month, as documents (DESIGN §6.1), by the department they are addressed to. Read
    /// from the letters themselves, not folded from ticket events (zero for a type or a channel, which a letter has
    /// not).
    public var letters = LetterCounts()
    /// 督办工单: the tickets named in the month's letters (a ticket named by two letters counts twice), by the
    /// department in charge that the letter was addressed to.
    public var letterEntries = LetterCounts()
    /// 补录: events recorded in the month whose effective time lies earlier than their recording by more than the
    /// grace (DESIGN §11.2), counted against the ticket's lead department (for hall records the window's or the
    /// finding's); imports are not 补录. Read from the events' two times (zero for a type or a channel).
    public var backdated = 0

    public init() {}
}
