import Foundation

/// One cell of a report's data CSV: text that people typed is neutralised against formula injection, numbers are
/// written as numbers, and a missing value is an empty cell.
public enum ReportCSVCell: Equatable, Sendable {
    case text(String)
    case int(Int)
    /// A fraction, a change or hours; nil is written as an empty cell.
    case decimal(Double?)
    case empty

    /// The cell as written in the file.
    public var field: String {
        switch self {
        case .text(let value): return CSVFormat.field(value)
        case .int(let value): return String(value)
        case .decimal(let value): return value.map(Self.decimal) ?? ""
        case .empty: return ""
        }
    }

    /// Up to four decimal places without trailing zeros: `-0.061`, `0.7473`, `12`; never an exponent.
    static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

/// One table of the report as data (DESIGN §6.2, §11.3): a stable ASCII name that is also its file name, fixed
/// English snake_case headers whatever the language (a script's contract, like the JSON keys), and typed cells.
public struct ReportCSVTable: Equatable, Sendable {
    /// `headline`, `departments`, … : the file is `<name>.csv`.
    public var name: String
    public var headers: [String]
    public var rows: [[ReportCSVCell]]

    public var fileName: String { name + ".csv" }

    /// RFC 4180 with CRLF and, for Excel, a byte-order mark.
    public func csv(byteOrderMark: Bool = true) -> String {
        var out = byteOrderMark ? CSVFormat.byteOrderMark : ""
        out += headers.joined(separator: ",") + "\r\n"
        for row in rows { out += row.map(\.field).joined(separator: ",") + "\r\n" }
        return out
    }
}

extension MonthlyReport {
    /// Every table name `csvTables(part:)` can give, in order (the hall's two only when the hall is present).
    public static let csvTableNames = [
        "headline", "departments", "by-type", "by-channel", "topics", "repeat-topics", "letters", "hall-summary",
        "hall-awards",
    ]

    /// The report as data tables, one per file: every figure a number, rates as fractions with their numerator and
    /// denominator in columns of their own, changes as fractions (`-0.061`), an empty cell where there is no value.
    /// Each table starts with the `month` column, so that the files of several months can be stacked.
    public func csvTables(part: ReportDocument.Part = .full) -> [ReportCSVTable] {
        switch part {
        case .departments:
            return [departmentsCSV()]
        case .full:
            var tables = [
                headlineCSV(), departmentsCSV(),
                breakdownCSV("by-type", key: "type", byType.map { ($0.type.rawValue, $0.figures) }),
                breakdownCSV("by-channel", key: "channel", byChannel.map { ($0.channel.rawValue, $0.figures) }),
                topicsCSV(), repeatTopicsCSV(), lettersCSV(),
            ]
            if let summary = hall?.summary { tables += Self.hallCSV(summary, month: month) }
            return tables
        }
    }

    /// Relative change `(current − base) ÷ base`; nil when the base is 0 or missing.
    static func relativeChange(_ current: Double?, _ base: Double?) -> Double? {
        guard let current, let base, base != 0 else { return nil }
        return (current - base) / base
    }

    private var monthCell: ReportCSVCell { .text(month.description) }

    /// One row per headline figure, the month beside the month before and the same month a year earlier. `unit` is
    /// `count`, `rate` or `hours`; the changes of a rate are differences of fractions (0.021 = 2.1 points), those of a
    /// count or hours relative (−0.061 = −6.1 %). The cells of a month compared that has no data (no ticket created
    /// before its end) are empty.
    func headlineCSV() -> ReportCSVTable {
        let (c, p, y) = (headline, previousMonth, sameMonthLastYear)
        let (hasP, hasY) = (previousMonthHasData, sameMonthLastYearHasData)
        var rows: [[ReportCSVCell]] = []
        func count(_ name: String, _ value: (ReportFigures) -> Int) {
            let (a, b, d) = (Double(value(c)), Double(value(p)), Double(value(y)))
            rows.append([
                monthCell, .text(name), .text("count"), .int(value(c)), .empty, .empty,
                hasP ? .int(value(p)) : .empty, .empty, .empty, .decimal(hasP ? Self.relativeChange(a, b) : nil),
                hasY ? .int(value(y)) : .empty, .empty, .empty, .decimal(hasY ? Self.relativeChange(a, d) : nil),
            ])
        }
        func rate(_ name: String, _ key: KeyPath<ReportFigures, Ratio>) {
            let (a, b, d) = (c[keyPath: key], p[keyPath: key], y[keyPath: key])
            func cells(_ r: Ratio, _ has: Bool) -> [ReportCSVCell] {
                has ? [.decimal(r.value), .int(r.numerator), .int(r.denominator)] : [.empty, .empty, .empty]
            }
            func difference(_ base: Ratio, _ has: Bool) -> ReportCSVCell {
                guard has, let now = a.value, let then = base.value else { return .empty }
                return .decimal(now - then)
            }
            rows.append(
                [monthCell, .text(name), .text("rate")] + cells(a, true) + cells(b, hasP) + [difference(b, hasP)]
                    + cells(d, hasY) + [difference(d, hasY)])
        }
        func hours(_ name: String, _ key: KeyPath<HandlingHours, Double?>) {
            let (a, b, d) = (
                c.handlingHours[keyPath: key], p.handlingHours[keyPath: key], y.handlingHours[keyPath: key]
            )
            rows.append([
                monthCell, .text(name), .text("hours"), .decimal(a), .empty, .empty, .decimal(hasP ? b : nil), .empty,
                .empty, .decimal(hasP ? Self.relativeChange(a, b) : nil), .decimal(hasY ? d : nil), .empty, .empty,
                .decimal(hasY ? Self.relativeChange(a, d) : nil),
            ])
        }
        count("received", \.received)
        count("resolved_at_intake", \.resolvedAtIntake)
        count("closed", \.closed)
        count("backlog", \.backlog)
        count("overdue_backlog", \.overdueBacklog)
        rate("closure_rate", \.closureRate)
        rate("on_time_rate", \.onTimeRate)
        rate("response_rate", \.responseRate)
        rate("return_rate", \.returnRate)
        rate("reopen_rate", \.reopenRate)
        rate("satisfaction_rate", \.satisfactionRate)
        rate("resolution_rate", \.resolutionRate)
        hours("handling_hours_median", \.median)
        hours("handling_hours_mean", \.mean)
        hours("handling_hours_p90", \.p90)
        count("dispatches", \.dispatches)
        count("returns", \.returns)
        count("reopens", \.reopens)
        count("revisits", \.revisits)
        count("merged", \.merged)
        if countsRepeats { count("repeats", \.repeats) }
        if backdatingGraceMinutes != nil { count("letters", \.letters.total) }
        count("letter_entries", \.letterEntries.total)
        if backdatingGraceMinutes != nil { count("backdated", \.backdated) }
        var headers = ["month", "figure", "unit"]
        for period in ["this_month", "previous_month", "same_month_last_year"] {
            headers += [period, period + "_numerator", period + "_denominator"]
            if period != "this_month" { headers.append("change_from_" + period) }
        }
        return ReportCSVTable(name: "headline", headers: headers, rows: rows)
    }

    /// The headers and cells of a scope's figures (department, type, channel).
    static func figureColumns(withRecords: Bool) -> [String] {
        var columns = ["received", "resolved_at_intake", "closed", "backlog", "overdue_backlog"]
        for rate in [
            "closure_rate", "on_time_rate", "response_rate", "return_rate", "reopen_rate", "satisfaction_rate",
            "resolution_rate",
        ] {
            columns += [rate, rate + "_numerator", rate + "_denominator"]
        }
        columns += [
            "handling_hours_median", "handling_hours_mean", "handling_hours_p90", "dispatches", "returns", "reopens",
            "revisits", "merged",
        ]
        if withRecords { columns += ["letters", "letter_entries", "backdated"] }
        return columns
    }

    static func figureCells(_ f: ReportFigures, withRecords: Bool) -> [ReportCSVCell] {
        var cells: [ReportCSVCell] = [
            .int(f.received), .int(f.resolvedAtIntake), .int(f.closed), .int(f.backlog), .int(f.overdueBacklog),
        ]
        for r in [
            f.closureRate, f.onTimeRate, f.responseRate, f.returnRate, f.reopenRate, f.satisfactionRate,
            f.resolutionRate,
        ] {
            cells += [.decimal(r.value), .int(r.numerator), .int(r.denominator)]
        }
        cells += [
            .decimal(f.handlingHours.median), .decimal(f.handlingHours.mean), .decimal(f.handlingHours.p90),
            .int(f.dispatches), .int(f.returns), .int(f.reopens), .int(f.revisits), .int(f.merged),
        ]
        if withRecords { cells += [.int(f.letters.total), .int(f.letterEntries.total), .int(f.backdated)] }
        return cells
    }

    /// The ranking: every department with something in the month, best first; `list` is `red`, `black` or empty.
    func departmentsCSV() -> ReportCSVTable {
        ReportCSVTable(
            name: "departments",
            headers: ["month", "rank", "code", "name"] + Self.figureColumns(withRecords: true) + ["score", "list"],
            rows: departments.map { d in
                [monthCell, .int(d.rank), .text(d.code), .text(d.name)]
                    + Self.figureCells(d.figures, withRecords: true)
                    + [.decimal(d.score), d.mark.map { .text($0.rawValue) } ?? .empty]
            })
    }

    /// By type or channel, keyed by the fixed English code (`complaint`, `phone`).
    func breakdownCSV(_ name: String, key: String, _ lines: [(String, ReportFigures)]) -> ReportCSVTable {
        ReportCSVTable(
            name: name, headers: ["month", key] + Self.figureColumns(withRecords: false),
            rows: lines.map { code, figures in
                [monthCell, .text(code)] + Self.figureCells(figures, withRecords: false)
            })
    }

    func topicsCSV() -> ReportCSVTable {
        ReportCSVTable(
            name: "topics", headers: ["month", "rank", "topic", "count", "previous_month_count", "change"],
            rows: topTopics.enumerated().map { i, t in
                [monthCell, .int(i + 1)] + topicCells(t)
            })
    }

    func repeatTopicsCSV() -> ReportCSVTable {
        ReportCSVTable(
            name: "repeat-topics", headers: ["month", "topic", "count", "previous_month_count", "change"],
            rows: repeatTopics.map { [monthCell] + topicCells($0) })
    }

    private func topicCells(_ t: TopicLine) -> [ReportCSVCell] {
        let has = previousMonthHasData
        return [
            .text(t.topic), .int(t.count), has ? .int(t.previousCount) : .empty,
            .decimal(has ? Self.relativeChange(Double(t.count), Double(t.previousCount)) : nil),
        ]
    }

    /// Letters issued by kind (`reminder`, `warning`, `total`): documents this month and the month before, and the
    /// tickets this month's letters name.
    func lettersCSV() -> ReportCSVTable {
        let has = previousMonthHasData
        let rows: [[ReportCSVCell]] = [
            ("reminder", \LetterCounts.reminder), ("warning", \LetterCounts.warning), ("total", \LetterCounts.total),
        ].map { kind, key in
            let (a, b) = (headline.letters[keyPath: key], previousMonth.letters[keyPath: key])
            return [
                monthCell, .text(kind), .int(a), has ? .int(b) : .empty,
                .decimal(has ? Self.relativeChange(Double(a), Double(b)) : nil),
                .int(headline.letterEntries[keyPath: key]),
            ]
        }
        return ReportCSVTable(
            name: "letters",
            headers: ["month", "kind", "letters", "previous_month_letters", "change", "letter_entries"], rows: rows)
    }

    /// The service hall's figures (one row) and the evaluation's awards (none when it has not been run:
    /// `evaluation_run` in the summary tells the two apart).
    static func hallCSV(_ s: HallMonthSummary, month: Month) -> [ReportCSVTable] {
        let m = ReportCSVCell.text(month.description)
        // Both rates are over the cases finished; their numerators are whole counts, so rounding recovers them.
        func rate(_ value: Double?) -> [ReportCSVCell] {
            [
                .decimal(value), value.map { .int(Int(($0 * Double(s.casesFinished)).rounded())) } ?? .int(0),
                .int(s.casesFinished),
            ]
        }
        let summary = ReportCSVTable(
            name: "hall-summary",
            headers: [
                "month", "cases_received", "cases_finished", "on_time_rate", "on_time_rate_numerator",
                "on_time_rate_denominator", "one_visit_rate", "one_visit_rate_numerator", "one_visit_rate_denominator",
                "ratings", "average_rating", "bad_ratings", "breaches", "findings_opened", "findings_rectified",
                "findings_verified", "findings_open", "findings_overdue", "evaluation_run",
            ],
            rows: [
                [m, .int(s.casesReceived), .int(s.casesFinished)] + rate(s.onTimeRate) + rate(s.oneVisitRate) + [
                    .int(s.ratings), .decimal(s.averageRating), .int(s.badRatings), .int(s.breaches),
                    .int(s.findingsOpened), .int(s.findingsRectified), .int(s.findingsVerified), .int(s.findingsOpen),
                    .int(s.findingsOverdue), .text(s.awards == nil ? "false" : "true"),
                ]
            ])
        let awards = ReportCSVTable(
            name: "hall-awards",
            headers: ["month", "award", "position", "subject", "code", "name", "reason_zh", "reason_en"],
            rows: (s.awards ?? []).map { a in
                [
                    m, .text(a.award.rawValue), .int(a.position), .text(a.subject.rawValue), .text(a.code),
                    .text(a.name), .text(a.reasonZh), .text(a.reasonEn),
                ]
            })
        return [summary, awards]
    }
}
