import Foundation

/// A titled table of a report, already in the reader's language.
public struct ReportTable: Equatable, Sendable {
    public var title: String
    public var headers: [String]
    public var rows: [[String]]
    /// A mark per row (`red`, `black` or nil) that formats able to colour rows use.
    public var rowMarks: [String?]
    /// Columns holding numbers, right-aligned where the format can align.
    public var numericColumns: Set<Int>
    /// A line printed under the table.
    public var note: String?
    /// Which table this is, whatever the language: the name of its CSV table (`by-type`), or `red-list` and
    /// `black-list`; the HTML page puts its charts and page breaks by it.
    public var key: String?

    public init(
        title: String, headers: [String], rows: [[String]], rowMarks: [String?]? = nil, numericColumns: Set<Int> = [],
        note: String? = nil, key: String? = nil
    ) {
        self.key = key
        self.title = title
        self.headers = headers
        self.rows = rows
        self.rowMarks = rowMarks ?? Array(repeating: nil, count: rows.count)
        self.numericColumns = numericColumns
        self.note = note
    }
}

/// The report laid out for people: title, tables and footnotes in one language. Every human format (terminal,
/// Markdown, HTML) renders this same document, so they cannot disagree; the CSV is data (`csvTables`).
public struct ReportDocument: Equatable, Sendable {
    /// Which part of the report to lay out.
    public enum Part: Sendable {
        /// Everything of DESIGN §6.2.
        case full
        /// The department ranking and the red and black lists (`report departments`).
        case departments
    }

    public var title: String
    public var subtitle: [String]
    public var tables: [ReportTable]
    public var footnotes: [String]

    public init(_ report: MonthlyReport, language: Language, part: Part = .full) {
        let l = ReportLabels(language)
        let (first, last) = (report.month.firstDay, report.month.lastDay)
        switch part {
        case .full:
            title = l.t(
                "12345热线 \(report.month.label(.zh)) 工单办结通报", "12345 hotline closure report, \(report.month.label(.en))")
        case .departments:
            title = l.t(
                "12345热线 \(report.month.label(.zh)) 承办单位排名",
                "12345 hotline department ranking, \(report.month.label(.en))")
        }
        subtitle = [
            l.t(
                "统计周期：\(first) 至 \(last)（\(report.timeZone)），截至月末。",
                "Period: \(first) to \(last) (\(report.timeZone)), as of the end of the month.")
        ]
        if !report.isComplete {
            subtitle.append(l.t("本月尚未结束，数字仍会变化。", "The month has not ended yet: these figures may still change."))
        }
        tables = []
        footnotes = []
        switch part {
        case .full:
            tables.append(Self.headlineTable(report, l))
            tables.append(Self.departmentTable(report, l))
            tables.append(contentsOf: Self.listTables(report, l))
            tables.append(
                Self.breakdownTable(
                    l.t("按诉求类型", "By type"), l.t("类型", "type"),
                    report.byType.map { ($0.type.label(language), $0.figures) }, l, key: "by-type"))
            tables.append(
                Self.breakdownTable(
                    l.t("按受理渠道", "By channel"), l.t("渠道", "channel"),
                    report.byChannel.map { ($0.channel.label(language), $0.figures) }, l, key: "by-channel"))
            tables.append(Self.topicTable(report, l))
            tables.append(Self.repeatTable(report, l))
            tables.append(Self.letterTable(report, l))
            if let hall = report.hall { tables.append(contentsOf: hall.tables) }
            footnotes = Self.definitions(report, l)
        case .departments:
            tables.append(Self.departmentTable(report, l))
            tables.append(contentsOf: Self.listTables(report, l))
        }
        footnotes.append(DepartmentScore.formula(language))
    }

    // MARK: Tables

    static func headlineTable(_ r: MonthlyReport, _ l: ReportLabels) -> ReportTable {
        let (c, p, y) = (r.headline, r.previousMonth, r.sameMonthLastYear)
        // A month compared that has no data at all (no ticket created before its end) shows `—`, not zeros and
        // changes against them.
        let (hasP, hasY) = (r.previousMonthHasData, r.sameMonthLastYearHasData)
        func cells(_ now: String, _ before: String, _ mom: String, _ lastYear: String, _ yoy: String) -> [String] {
            [now, hasP ? before : "—", hasP ? mom : "—", hasY ? lastYear : "—", hasY ? yoy : "—"]
        }
        func count(_ name: String, _ key: KeyPath<ReportFigures, Int>) -> [String] {
            [name]
                + cells(
                    String(c[keyPath: key]), String(p[keyPath: key]), l.change(c[keyPath: key], p[keyPath: key]),
                    String(y[keyPath: key]), l.change(c[keyPath: key], y[keyPath: key]))
        }
        func rate(_ name: String, _ key: KeyPath<ReportFigures, Ratio>) -> [String] {
            [name]
                + cells(
                    l.ratio(c[keyPath: key]), l.percent(p[keyPath: key].value),
                    l.pointChange(c[keyPath: key].value, p[keyPath: key].value), l.percent(y[keyPath: key].value),
                    l.pointChange(c[keyPath: key].value, y[keyPath: key].value))
        }
        func hours(_ name: String, _ key: KeyPath<HandlingHours, Double?>) -> [String] {
            let (a, b, d) = (
                c.handlingHours[keyPath: key], p.handlingHours[keyPath: key], y.handlingHours[keyPath: key]
            )
            return [name] + cells(l.hours(a), l.hours(b), l.change(a, b), l.hours(d), l.change(a, d))
        }
        func letters(_ name: String, _ value: (ReportFigures) -> Int) -> [String] {
            [name]
                + cells(
                    String(value(c)), String(value(p)), l.change(value(c), value(p)), String(value(y)),
                    l.change(value(c), value(y)))
        }
        var rows: [[String]] = [
            count(l.t("受理量", "Received"), \.received),
            count(l.t("直办量", "Resolved at intake"), \.resolvedAtIntake),
            count(l.t("办结量", "Closed"), \.closed),
            count(l.t("月末未办结", "Backlog at month end"), \.backlog),
            count(l.t("超期未办结", "Overdue backlog"), \.overdueBacklog),
            rate(l.t("办结率", "Closure rate"), \.closureRate),
            rate(l.t("按时办结率", "On-time rate"), \.onTimeRate),
            rate(l.t("响应率（及时签收率）", "Response rate (signed in time)"), \.responseRate),
            rate(l.t("回退率", "Return rate"), \.returnRate),
            rate(l.t("重办率", "Reopen rate"), \.reopenRate),
            rate(l.t("满意率", "Satisfaction rate"), \.satisfactionRate),
            rate(l.t("解决率", "Resolution rate"), \.resolutionRate),
            hours(l.t("办理时长中位数（小时）", "Handling time, median (h)"), \.median),
            hours(l.t("办理时长平均（小时）", "Handling time, mean (h)"), \.mean),
            hours(l.t("办理时长P90（小时）", "Handling time, 90th percentile (h)"), \.p90),
            count(l.t("派单量", "Dispatches"), \.dispatches),
            count(l.t("退单量", "Returns"), \.returns),
            count(l.t("重办量", "Reopens"), \.reopens),
            count(l.t("回访量", "Revisits"), \.revisits),
            count(l.t("合并量", "Merged"), \.merged),
            count(l.t("重复诉求", "Repeat demands"), \.repeats),
        ]
        // Letters and 补录 are read beside the events; a report made without them shows no row rather than zeros.
        if r.backdatingGraceMinutes != nil {
            rows.append(letters(l.t("督办函（份）", "Letters issued (documents)"), { $0.letters.total }))
            rows.append(letters(l.t("督办工单", "Tickets named in letters"), { $0.letterEntries.total }))
            rows.append(count(l.t("补录", "Back-dated entries"), \.backdated))
        } else {
            rows.append(letters(l.t("督办工单", "Tickets named in letters"), { $0.letterEntries.total }))
        }
        return ReportTable(
            title: l.t("总体情况", "Headline figures"),
            headers: [
                l.t("指标", "figure"), l.t("本月", "this month"), l.t("上月", "previous month"), l.t("环比", "change"),
                l.t("去年同月", "same month last year"), l.t("同比", "change"),
            ],
            rows: rows, numericColumns: [1, 2, 3, 4, 5], note: noDataNote(r, l), key: "headline")
    }

    /// Names the months compared that have no data, so that a `—` is not read as a missing figure.
    static func noDataNote(_ r: MonthlyReport, _ l: ReportLabels) -> String? {
        var months: [Month] = []
        if !r.previousMonthHasData { months.append(r.month.previous) }
        if !r.sameMonthLastYearHasData { months.append(r.month.sameMonthLastYear) }
        guard !months.isEmpty else { return nil }
        let list = months.map(\.description).joined(separator: l.t("、", ", "))
        return l.t("— ：\(list) 无数据（当时尚无工单）。", "—: no data for \(list) (no tickets yet then).")
    }

    static func departmentTable(_ r: MonthlyReport, _ l: ReportLabels) -> ReportTable {
        let rows = r.departments.map { d -> [String] in
            let f = d.figures
            return [
                String(d.rank), d.code, d.name, String(f.received), l.percent(f.responseRate.value), String(f.closed),
                l.percent(f.onTimeRate.value), String(f.overdueBacklog), String(f.returns), String(f.reopens),
                l.percent(f.satisfactionRate.value), String(f.letters.total), String(f.backdated), l.score(d.score),
                l.mark(d.mark),
            ]
        }
        return ReportTable(
            title: l.t("承办单位排名", "Department ranking"),
            headers: [
                l.t("排名", "rank"), l.t("代码", "code"), l.t("单位", "department"), l.t("派件", "received"),
                l.t("及时签收率", "signed in time"), l.t("办结", "closed"), l.t("按时办结率", "on time"),
                l.t("超期未办结", "overdue backlog"), l.t("退单", "returns"), l.t("重办", "reopens"),
                l.t("满意率", "satisfaction"), l.t("督办函", "letters"), l.t("补录", "back-dated"), l.t("综合得分", "score"),
                l.t("榜单", "list"),
            ],
            rows: rows, rowMarks: r.departments.map { $0.mark?.rawValue },
            numericColumns: [0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
            note: r.departments.isEmpty ? l.t("本月无承办单位数据。", "No department had tickets this month.") : nil,
            key: "departments")
    }

    static func listTables(_ r: MonthlyReport, _ l: ReportLabels) -> [ReportTable] {
        func table(_ title: String, _ lines: [MonthlyReport.DepartmentLine], mark: String) -> ReportTable {
            var table = listTable(title, lines, mark: mark)
            table.key = mark + "-list"
            return table
        }
        func listTable(_ title: String, _ lines: [MonthlyReport.DepartmentLine], mark: String) -> ReportTable {
            ReportTable(
                title: title,
                headers: [
                    l.t("名次", "place"), l.t("单位", "department"), l.t("综合得分", "score"), l.t("按时办结率", "on time"),
                    l.t("及时签收率", "signed in time"), l.t("满意率", "satisfaction"), l.t("派件", "received"),
                ],
                rows: lines.enumerated().map { i, d in
                    [
                        String(i + 1), d.name, l.score(d.score), l.percent(d.figures.onTimeRate.value),
                        l.percent(d.figures.responseRate.value), l.percent(d.figures.satisfactionRate.value),
                        String(d.figures.received),
                    ]
                },
                rowMarks: lines.map { _ in mark }, numericColumns: [0, 2, 3, 4, 5, 6],
                note: lines.isEmpty
                    ? l.t(
                        "本月没有派件达到\(DepartmentScore.minimumTickets)件的单位。",
                        "No department received \(DepartmentScore.minimumTickets) tickets or more this month.")
                    : nil)
        }
        return [
            table(l.t("红榜（综合得分前五名）", "Red list (top five)"), r.redList, mark: "red"),
            table(l.t("黑榜（综合得分后五名）", "Black list (bottom five, worst first)"), r.blackList, mark: "black"),
        ]
    }

    static func breakdownTable(
        _ title: String, _ keyHeader: String, _ lines: [(String, ReportFigures)], _ l: ReportLabels, key: String
    ) -> ReportTable {
        ReportTable(
            title: title,
            headers: [
                keyHeader, l.t("受理", "received"), l.t("办结", "closed"), l.t("办结率", "closure rate"),
                l.t("按时办结率", "on time"), l.t("月末未办结", "backlog"), l.t("超期未办结", "overdue"),
                l.t("满意率", "satisfaction"), l.t("解决率", "resolution"),
            ],
            rows: lines.map { name, f in
                [
                    name, String(f.received), String(f.closed), l.percent(f.closureRate.value),
                    l.percent(f.onTimeRate.value),
                    String(f.backlog), String(f.overdueBacklog), l.percent(f.satisfactionRate.value),
                    l.percent(f.resolutionRate.value),
                ]
            },
            numericColumns: [1, 2, 3, 4, 5, 6, 7, 8], key: key)
    }

    static func topicTable(_ r: MonthlyReport, _ l: ReportLabels) -> ReportTable {
        ReportTable(
            title: l.t("高频诉求（前十）", "Top ten topics"),
            headers: [
                l.t("排名", "rank"), l.t("诉求", "topic"), l.t("本月", "this month"), l.t("上月", "previous month"),
                l.t("环比", "change"),
            ],
            rows: r.topTopics.enumerated().map { i, t in
                [String(i + 1), t.topic] + topicCells(t, r, l)
            },
            numericColumns: [0, 2, 3, 4],
            note: r.topTopics.isEmpty ? l.t("本月无受理工单。", "No tickets were received this month.") : nil,
            key: "topics")
    }

    /// This month's count, the month before's and the change; `—` for a month before without data.
    static func topicCells(_ t: MonthlyReport.TopicLine, _ r: MonthlyReport, _ l: ReportLabels) -> [String] {
        guard r.previousMonthHasData else { return [String(t.count), "—", "—"] }
        return [String(t.count), String(t.previousCount), l.change(t.count, t.previousCount)]
    }

    static func repeatTable(_ r: MonthlyReport, _ l: ReportLabels) -> ReportTable {
        let share = l.percent(Ratio(r.headline.repeats, r.headline.received).value)
        let before = r.previousMonthHasData ? String(r.previousMonth.repeats) : "—"
        return ReportTable(
            title: l.t("重复诉求", "Repeat demands"),
            headers: [l.t("诉求", "topic"), l.t("本月", "this month"), l.t("上月", "previous month"), l.t("环比", "change")],
            rows: r.repeatTopics.map { [$0.topic] + topicCells($0, r, l) },
            numericColumns: [1, 2, 3],
            note: l.t(
                "重复诉求 \(r.headline.repeats) 件，占受理量 \(share)（上月 \(before) 件）。",
                "\(r.headline.repeats) repeat demands, \(share) of tickets received (previous month \(before))."
            ), key: "repeat-topics")
    }

    static func letterTable(_ r: MonthlyReport, _ l: ReportLabels) -> ReportTable {
        let (c, p) = (r.headline, r.previousMonth)
        func pick(_ counts: LetterCounts, _ kind: MonthlyReport.LetterKind?) -> Int {
            switch kind {
            case .reminder: return counts.reminder
            case .warning: return counts.warning
            case nil: return counts.total
            }
        }
        let kinds: [MonthlyReport.LetterKind?] = MonthlyReport.LetterKind.allCases + [nil]
        let rows = kinds.map { kind -> [String] in
            let (a, b) = (pick(c.letters, kind), pick(p.letters, kind))
            let name = kind.map { l.t($0.chineseLabel, $0.englishLabel.capitalizedFirst) } ?? l.t("合计", "Total")
            let before = r.previousMonthHasData ? [String(b), l.change(a, b)] : ["—", "—"]
            return [name, String(a)] + before + [String(pick(c.letterEntries, kind))]
        }
        return ReportTable(
            title: l.t("督办函发出情况", "Letters issued"),
            headers: [
                l.t("类别", "kind"), l.t("本月（份）", "this month (letters)"), l.t("上月（份）", "previous month (letters)"),
                l.t("环比", "change"), l.t("本月督办工单", "tickets named this month"),
            ],
            rows: rows, numericColumns: [1, 2, 3, 4],
            note: l.t(
                "一份督办函可列多件工单；各单位收函份数与补录数见承办单位排名表。",
                "One letter may name several tickets; letters and back-dated entries per department are in the ranking table."
            ), key: "letters")
    }

    static func definitions(_ r: MonthlyReport, _ l: ReportLabels) -> [String] {
        var lines = [String]()
        if let grace = r.backdatingGraceMinutes {
            lines.append(
                l.t(
                    "督办函按份计（提醒函、预警函），按发函对象单位计；督办工单为本月函中所列工单数。补录：本月录入、生效时间早于录入时间超过 \(grace) 分钟的事件，工单计入其主办单位，办件计入窗口所属单位，体验问题计入被体验单位；导入的历史记录不算补录。",
                    "Letters are counted as documents (reminder, warning), by the department they are addressed to; tickets named in letters count each ticket a letter of the month lists. Back-dated entries: events recorded in the month that take effect more than \(grace) minutes before they were recorded, counted against the ticket's lead department (a window case: its window's department; a finding: its department); imported records are not back-dated entries."
                ))
        }
        return [
            l.t(
                "口径：月份按配置时区的自然月计；全部数字由工单事件截至月末计算，月末之后发生的事（如重办）不改变本月通报。",
                "Months are calendar months in the configured time zone; every figure is computed from the ticket events before the month's end, so that later events (a reopen, say) never change a past month's report."
            ),
            l.t(
                "办结量：月末处于已办结状态、且最后一次办结（审核通过、直办、导入办结）在本月的工单；办结率 = 本月受理且月末已办结 ÷ 本月受理（已合并的重复工单不计）。",
                "Closed: closed at the month's end by a last closing (approve, resolve, import-close) in the month. Closure rate = received in the month and closed at its end ÷ received (merged duplicates left out)."
            ),
            l.t(
                "按时办结率 = 本月办结中答复不晚于当时有效时限（含批准的延期）的 ÷ 本月办结中有时限的；直办视为按时，无时限的导入工单不计。",
                "On-time rate = closed in the month whose answer came by the deadline in force (approved extensions included) ÷ closed in the month with a deadline; answers at intake are on time, imported tickets without a deadline are left out."
            ),
            l.t(
                "响应率 = 本月派单中在签收时限内签收的 ÷ 本月派单中已签收的，或签收时限在月末前已过、其间未被退回或合并仍未签收的；承办单位的派件、签收、退单按派单时的主办单位计，办结、积压按月末主办单位计。",
                "Response rate = dispatches of the month signed within the sign-for limit ÷ dispatches of the month that were signed, or whose limit passed before the month's end unsigned without the ticket being returned or merged first. A department's received, signatures and returns count by the dispatch; its closings and backlog by the lead department at the month's end."
            ),
            l.t(
                "超期未办结：月末未办结中当时有效时限已过的工单；答复在时限前提交、等待审核的不计（延误在中心而不在承办单位）。",
                "Overdue backlog: backlog whose deadline in force passed before the month's end, except tickets whose reply came before that deadline and await review (the delay is then the centre's, not the department's)."
            ),
            l.t(
                "重复诉求：本月受理、且此前30天内有同一来电号码、同一诉求分类的其他工单。办理时长为受理至办结的小时数，P90取最近秩。",
                "Repeat demand: a ticket of the month whose caller phone and topic match another ticket created in the 30 days before it. Handling time is hours from creation to closing; the 90th percentile is the nearest rank."
            ),
        ] + lines
    }
}

/// Labels and number formats of a report in one language.
public struct ReportLabels: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    public func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// `83.3%`, or `—` when there is no rate.
    public func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f%%", value * 100)
    }

    /// `83.3% (5/6)`.
    public func ratio(_ r: Ratio) -> String {
        guard r.denominator > 0 else { return "—" }
        return percent(r.value) + " (\(r.numerator)/\(r.denominator))"
    }

    public func hours(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? "—"
    }

    public func score(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? "—"
    }

    /// Relative change of a count: `+12.5%`; `—` when the base is 0.
    public func change(_ current: Int, _ base: Int) -> String {
        change(Double(current), Double(base))
    }

    public func change(_ current: Double?, _ base: Double?) -> String {
        guard let current, let base, base != 0 else { return "—" }
        let delta = (current - base) / base * 100
        return String(format: "%+.1f%%", delta)
    }

    /// Change of a rate in percentage points: `+2.1pp` / `+2.1个百分点`.
    public func pointChange(_ current: Double?, _ base: Double?) -> String {
        guard let current, let base else { return "—" }
        let delta = String(format: "%+.1f", (current - base) * 100)
        return delta + t("个百分点", "pp")
    }

    public func mark(_ mark: MonthlyReport.ListMark?) -> String {
        switch mark {
        case .red: return t("红榜", "red")
        case .black: return t("黑榜", "black")
        case nil: return ""
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
