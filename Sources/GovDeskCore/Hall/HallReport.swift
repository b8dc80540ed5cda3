import Foundation

/// One window's figures for a month (`report windows`), everything as of the month's end.
public struct WindowMonthFigures: Equatable, Sendable {
    public var window: String
    public var name: String
    public var department: String
    /// Cases received in the month.
    public var received = 0
    /// Cases completed or refused in the month.
    public var finished = 0
    public var onTime = 0
    /// Finished cases the applicant came to once (一次办结).
    public var oneVisit = 0
    public var ratings = 0
    public var ratingSum = 0
    public var badRatings = 0
    /// 一次性告知 breaches recorded in the month.
    public var breaches = 0
    /// Cases received before the end, due before the end and not finished by then.
    public var overdueAtEnd = 0

    public init(window: String, name: String, department: String) {
        self.window = window
        self.name = name
        self.department = department
    }

    public var onTimeRate: Double? { finished == 0 ? nil : Double(onTime) / Double(finished) }
    /// 一次办结率.
    public var oneVisitRate: Double? { finished == 0 ? nil : Double(oneVisit) / Double(finished) }
    public var averageRating: Double? { ratings == 0 ? nil : Double(ratingSum) / Double(ratings) }

    /// Sums figures (for a total row).
    public static func total(_ rows: [WindowMonthFigures]) -> WindowMonthFigures {
        var t = WindowMonthFigures(window: "", name: "", department: "")
        for r in rows {
            t.received += r.received
            t.finished += r.finished
            t.onTime += r.onTime
            t.oneVisit += r.oneVisit
            t.ratings += r.ratings
            t.ratingSum += r.ratingSum
            t.badRatings += r.badRatings
            t.breaches += r.breaches
            t.overdueAtEnd += r.overdueAtEnd
        }
        return t
    }
}

/// A finding as it stood at a month's end, rebuilt from its events before then.
public struct FindingSnapshot: Equatable, Sendable {
    public var number: String
    public var kind: FindingKind
    public var source: FindingSource
    public var department: String
    public var reportedAt: Date
    /// The state after the last event before the end.
    public var stateAtEnd: FindingState
    /// The deadline in force at the end.
    public var deadlineAtEnd: Date?
    /// When it was rectified and verified, for events inside the month.
    public var rectifiedInMonth: Bool
    public var verifiedInMonth: Bool

    public init(
        number: String, kind: FindingKind, source: FindingSource, department: String, reportedAt: Date,
        stateAtEnd: FindingState, deadlineAtEnd: Date?, rectifiedInMonth: Bool, verifiedInMonth: Bool
    ) {
        self.number = number
        self.kind = kind
        self.source = source
        self.department = department
        self.reportedAt = reportedAt
        self.stateAtEnd = stateAtEnd
        self.deadlineAtEnd = deadlineAtEnd
        self.rectifiedInMonth = rectifiedInMonth
        self.verifiedInMonth = verifiedInMonth
    }
}

/// Counts of findings for one group (a kind, a source, a department, or all).
public struct FindingCounts: Equatable, Sendable {
    public var group: String
    /// Reported in the month.
    public var reported = 0
    /// Open or assigned at the end (not yet rectified).
    public var open = 0
    /// Assigned at the end with the deadline passed.
    public var overdue = 0
    /// Rectify events in the month.
    public var rectified = 0
    /// Verify events in the month.
    public var verified = 0

    public init(group: String) { self.group = group }
}

/// `report findings`: the month's findings by kind, source and department.
public struct FindingsMonthReport: Equatable, Sendable {
    public var month: Month
    public var total: FindingCounts
    public var byKind: [FindingCounts]
    public var bySource: [FindingCounts]
    public var byDepartment: [FindingCounts]

    /// Groups snapshots of findings reported before the month's end (`range.upperBound`).
    public static func make(month: Month, range: Range<Date>, snapshots: [FindingSnapshot]) -> FindingsMonthReport {
        func count(_ group: String, _ list: [FindingSnapshot]) -> FindingCounts {
            var c = FindingCounts(group: group)
            for s in list {
                if range.contains(s.reportedAt) { c.reported += 1 }
                if s.stateAtEnd == .open || s.stateAtEnd == .assigned { c.open += 1 }
                if s.stateAtEnd == .assigned, let d = s.deadlineAtEnd, d < range.upperBound { c.overdue += 1 }
                if s.rectifiedInMonth { c.rectified += 1 }
                if s.verifiedInMonth { c.verified += 1 }
            }
            return c
        }
        let kinds = FindingKind.allCases.map { k in count(k.rawValue, snapshots.filter { $0.kind == k }) }
        let sources = FindingSource.allCases.map { k in count(k.rawValue, snapshots.filter { $0.source == k }) }
        let departments = Set(snapshots.map(\.department)).sorted().map { d in
            count(d, snapshots.filter { $0.department == d })
        }
        return FindingsMonthReport(
            month: month, total: count("total", snapshots), byKind: kinds, bySource: sources, byDepartment: departments)
    }
}

/// The hall's few headline figures for a month, for the monthly closure report.
public struct HallMonthSummary: Equatable, Sendable, Codable {
    public var month: Month
    public var casesReceived: Int
    public var casesFinished: Int
    /// Finished on time ÷ finished; nil when none finished.
    public var onTimeRate: Double?
    /// 一次办结率.
    public var oneVisitRate: Double?
    public var ratings: Int
    public var averageRating: Double?
    /// 差评 (ratings of 1 or 2) given in the month.
    public var badRatings: Int
    public var breaches: Int
    /// Findings reported in the month.
    public var findingsOpened: Int
    /// Findings rectified (整改) in the month.
    public var findingsRectified: Int
    /// Findings verified (核验) in the month.
    public var findingsVerified: Int
    /// Findings open or assigned at the month's end.
    public var findingsOpen: Int
    /// Findings assigned and past their deadline at the month's end.
    public var findingsOverdue: Int
    /// The awards of the month's evaluation; nil when the evaluation has not been run.
    public var awards: [EvaluationAward]?

    public init(
        month: Month, windows: [WindowMonthFigures], findings: FindingsMonthReport, awards: [EvaluationAward]? = nil
    ) {
        let t = WindowMonthFigures.total(windows)
        self.month = month
        casesReceived = t.received
        casesFinished = t.finished
        onTimeRate = t.onTimeRate
        oneVisitRate = t.oneVisitRate
        ratings = t.ratings
        averageRating = t.averageRating
        badRatings = t.badRatings
        breaches = t.breaches
        findingsOpened = findings.total.reported
        findingsRectified = findings.total.rectified
        findingsVerified = findings.total.verified
        findingsOpen = findings.total.open
        findingsOverdue = findings.total.overdue
        self.awards = awards
    }
}
