import Foundation

/// What a month's report reads beside the ticket events (DESIGN §6.1): the letters issued, as documents, and the
/// back-dated entries (补录), over the district and by department. The store counts them from the letters and from
/// the events' two times; the report adds them to its figures.
public struct MonthRecords: Equatable, Sendable {
    /// One scope's counts.
    public struct Counts: Equatable, Sendable {
        /// Letters issued, by kind.
        public var letters = LetterCounts()
        /// Events recorded in the month more than the grace after their effective time.
        public var backdated = 0

        public init(letters: LetterCounts = LetterCounts(), backdated: Int = 0) {
            self.letters = letters
            self.backdated = backdated
        }
    }

    public var district = Counts()
    /// By department code.
    public var departments: [String: Counts] = [:]

    public init(district: Counts = Counts(), departments: [String: Counts] = [:]) {
        self.district = district
        self.departments = departments
    }

    /// Counts `n` letters of `kind` (the letter's own spelling) addressed to `department`.
    public mutating func addLetters(_ n: Int, kind: String, department: String) {
        func add(_ counts: inout LetterCounts) {
            switch MonthlyReport.LetterKind(rawValue: kind) {
            case .reminder: counts.reminder += n
            case .warning: counts.warning += n
            case nil: counts.other += n
            }
        }
        add(&district.letters)
        add(&departments[department, default: Counts()].letters)
    }

    /// Counts `n` back-dated entries against `department` (nil: a record without one; the district still counts it).
    public mutating func addBackdated(_ n: Int, department: String?) {
        district.backdated += n
        if let department { departments[department, default: Counts()].backdated += n }
    }

    func apply(to figures: inout ReportFigures) {
        figures.letters = district.letters
        figures.backdated = district.backdated
    }
}

extension MonthlyReport {
    /// Adds the letters (documents) and 补录 of the month and of the months it is compared with. `graceMinutes` is
    /// the grace 补录 was counted with, for the footnote.
    public mutating func add(
        records: MonthRecords, previous: MonthRecords, lastYear: MonthRecords, graceMinutes: Int
    ) {
        records.apply(to: &headline)
        previous.apply(to: &previousMonth)
        lastYear.apply(to: &sameMonthLastYear)
        for i in departments.indices {
            let counts = records.departments[departments[i].code] ?? MonthRecords.Counts()
            departments[i].figures.letters = counts.letters
            departments[i].figures.backdated = counts.backdated
        }
        backdatingGraceMinutes = graceMinutes
    }
}
