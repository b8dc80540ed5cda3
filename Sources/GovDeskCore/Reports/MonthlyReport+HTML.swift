import Foundation

extension MonthlyReport {
    /// One self-contained HTML page: inline CSS and SVG charts, no script, no network (DESIGN §6.2). On paper (A4)
    /// each part starts a page: the headline, the ranking, the breakdowns, the service hall.
    public func html(language: Language, part: ReportDocument.Part = .full) -> String {
        let document = ReportDocument(self, language: language, part: part)
        let l = ReportLabels(language)
        var body = "<header><h1>\(escapeHTML(document.title))</h1>"
        for line in document.subtitle { body += "<p class=\"sub\">\(escapeHTML(line))</p>" }
        body += "</header>\n"
        var parts = 0
        func startPart() {
            body += (parts == 0 ? "" : "</div>\n") + "<div class=\"part\(parts == 0 ? "" : " break")\">\n"
            parts += 1
        }
        if part == .full {
            startPart()
            body += cards(l)
            body += Self.figure(trendTitle(l), trendChart(l))
        }
        for table in document.tables {
            var chart: String?
            switch table.key {
            case "departments":
                startPart()
                body += Self.figure(l.t("承办单位综合得分排名", "Department ranking by score"), rankingChart(l))
            case "by-type":
                startPart()
                chart = Self.barChart(
                    byType.map { ($0.type.label(language), Double($0.figures.received), String($0.figures.received)) },
                    axis: l.t("受理量（件）", "received (tickets)"), color: "#3a6ea5", l)
            case "by-channel":
                chart = Self.barChart(
                    byChannel.map {
                        ($0.channel.label(language), Double($0.figures.received), String($0.figures.received))
                    }, axis: l.t("受理量（件）", "received (tickets)"), color: "#2a9d8f", l)
            case "topics":
                chart = Self.barChart(
                    topTopics.map { ($0.topic, Double($0.count), String($0.count)) },
                    axis: l.t("受理量（件）", "received (tickets)"), color: "#e76f51", l)
            case "hall-summary":
                startPart()
                chart = hall?.summary.map { Self.hallCharts($0, l) }
            default:
                break
            }
            body += Self.htmlTable(table, chart: chart)
        }
        if parts > 0 { body += "</div>\n" }
        if !document.footnotes.isEmpty {
            body += "<footer><ol>"
            for note in document.footnotes { body += "<li>\(escapeHTML(note))</li>" }
            body += "</ol></footer>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escapeHTML(document.title))</title>
            <style>\(Self.stylesheet)</style>
            </head>
            <body>
            <main>
            \(body)</main>
            </body>
            </html>

            """
    }

    /// What the trend shows: as many months as it has (近3个月), and which.
    func trendTitle(_ l: ReportLabels) -> String {
        guard let first = trend.first, let last = trend.last else {
            return l.t("受理量、办结量与按时办结率", "Received, closed and on-time rate")
        }
        if trend.count == 1 {
            return l.t("\(first.month) 受理量、办结量与按时办结率", "Received, closed and on-time rate, \(first.month)")
        }
        return l.t(
            "近\(trend.count)个月（\(first.month) 至 \(last.month)）受理量、办结量与按时办结率",
            "Received, closed and on-time rate, last \(trend.count) months (\(first.month) to \(last.month))")
    }

    static func figure(_ caption: String, _ svg: String) -> String {
        "<figure><figcaption>\(escapeHTML(caption))</figcaption>\n" + svg + "</figure>\n"
    }

    static let stylesheet = """

        :root { --red: #c8102e; --black: #2b2b2b; --blue: #3a6ea5; --teal: #2a9d8f; --orange: #e76f51; --grey: #8a94a6; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f4f5f7; color: #1f2430;
          font-family: "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
          "Helvetica Neue", Arial, sans-serif; font-size: 14px; line-height: 1.5; }
        main { max-width: 1140px; margin: 0 auto; padding: 24px 28px 40px; }
        header { border-bottom: 3px solid var(--red); margin-bottom: 18px; }
        h1 { font-size: 24px; margin: 0 0 6px; color: var(--red); letter-spacing: 1px; }
        h2 { font-size: 17px; margin: 26px 0 8px; padding-left: 8px; border-left: 4px solid var(--red); }
        .sub { margin: 0 0 8px; color: #5a6272; }
        .cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; margin: 8px 0 18px; }
        .card { background: #fff; border-radius: 6px; padding: 10px 12px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
        .card .label { color: #5a6272; font-size: 12px; }
        .card .value { font-size: 22px; font-weight: 600; margin: 2px 0; }
        .card .delta { font-size: 12px; color: #5a6272; }
        figure { margin: 0 0 14px; background: #fff; border-radius: 6px; padding: 10px 12px;
          box-shadow: 0 1px 2px rgba(0,0,0,.08); }
        figcaption { font-weight: 600; margin-bottom: 4px; }
        section figure { margin-bottom: 8px; }
        svg { display: block; width: 100%; max-width: 880px; height: auto; margin: 0 auto; }
        svg text { font-family: inherit; }
        table { min-width: 60%; border-collapse: collapse; background: #fff; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
        table.wide { width: 100%; }
        th, td { padding: 5px 8px; border-bottom: 1px solid #e6e8ec; text-align: left; vertical-align: top; }
        th { background: #eef0f4; font-weight: 600; font-size: 13px; }
        td { overflow-wrap: break-word; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num { white-space: nowrap; }
        tr.red td { background: #fdecee; }
        tr.red td:first-child { box-shadow: inset 4px 0 0 var(--red); }
        tr.black td { background: #ececec; }
        tr.black td:first-child { box-shadow: inset 4px 0 0 var(--black); }
        .note { color: #5a6272; margin: 6px 0 0; }
        .table-wrap { overflow-x: auto; }
        table[data-table="hall-awards"] th, table[data-table="hall-awards"] td:nth-child(-n+3) { white-space: nowrap; }
        .part.break { margin-top: 26px; }
        footer { margin-top: 28px; color: #5a6272; font-size: 12px; }
        footer li { margin-bottom: 4px; }
        @page { size: A4; margin: 12mm 10mm 14mm; }
        @media print {
          body { background: #fff; font-size: 10pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          main { max-width: none; padding: 0; }
          .card, figure, table { box-shadow: none; }
          .card, figure { border: 1px solid #e6e8ec; }
          .cards { grid-template-columns: repeat(3, 1fr); }
          .table-wrap { overflow: visible; }
          svg { max-width: none; }
          table { width: 100%; }
          th, td { padding: 2px 5px; line-height: 1.35; }
          th { font-size: 9pt; }
          table.wide th, table.wide td { font-size: 7.5pt; padding: 2px 3px; }
          .part.break { break-before: page; margin-top: 0; }
          h2 { break-after: avoid; }
          figure, .cards, tr, .note, section.keep { break-inside: avoid; }
          thead { display: table-header-group; }
        }

        """

    /// A table in its section, with its chart (if any) between the heading and the table; the table carries its
    /// language-free key as `data-table`, for the stylesheet and the browser check (Tests/Browser). A section with a
    /// short table (`keep`) stays on one sheet of paper: its last rows and note never start a page alone.
    static func htmlTable(_ table: ReportTable, chart: String? = nil) -> String {
        var out = "<section\(table.rows.count <= 12 ? " class=\"keep\"" : "")><h2>\(escapeHTML(table.title))</h2>\n"
        if let chart { out += "<figure>\n" + chart + "</figure>\n" }
        if !table.rows.isEmpty {
            out += "<div class=\"table-wrap\"><table\(table.headers.count > 6 ? " class=\"wide\"" : "")"
            if let key = table.key { out += " data-table=\"\(escapeHTML(key))\"" }
            out += "><thead><tr>"
            for (i, header) in table.headers.enumerated() {
                out += table.numericColumns.contains(i) ? "<th class=\"num\">" : "<th>"
                out += escapeHTML(header) + "</th>"
            }
            out += "</tr></thead><tbody>\n"
            for (r, row) in table.rows.enumerated() {
                let mark = r < table.rowMarks.count ? table.rowMarks[r] : nil
                out += mark.map { "<tr class=\"\(escapeHTML($0))\">" } ?? "<tr>"
                for (i, cell) in row.enumerated() {
                    out += table.numericColumns.contains(i) ? "<td class=\"num\">" : "<td>"
                    out += escapeHTML(cell) + "</td>"
                }
                out += "</tr>\n"
            }
            out += "</tbody></table></div>\n"
        }
        if let note = table.note { out += "<p class=\"note\">\(escapeHTML(note))</p>\n" }
        return out + "</section>\n"
    }

    /// The headline cards: a figure with its 环比 and 同比.
    func cards(_ l: ReportLabels) -> String {
        let (c, p, y) = (headline, previousMonth, sameMonthLastYear)
        var items: [(String, String, String, String)] = []
        func count(_ name: String, _ key: KeyPath<ReportFigures, Int>) {
            items.append(
                (
                    name, String(c[keyPath: key]), l.change(c[keyPath: key], p[keyPath: key]),
                    l.change(c[keyPath: key], y[keyPath: key])
                ))
        }
        func rate(_ name: String, _ key: KeyPath<ReportFigures, Ratio>) {
            items.append(
                (
                    name, l.percent(c[keyPath: key].value), l.pointChange(c[keyPath: key].value, p[keyPath: key].value),
                    l.pointChange(c[keyPath: key].value, y[keyPath: key].value)
                ))
        }
        count(l.t("受理量", "Received"), \.received)
        count(l.t("办结量", "Closed"), \.closed)
        rate(l.t("办结率", "Closure rate"), \.closureRate)
        rate(l.t("按时办结率", "On-time rate"), \.onTimeRate)
        rate(l.t("满意率", "Satisfaction"), \.satisfactionRate)
        count(l.t("超期未办结", "Overdue backlog"), \.overdueBacklog)
        // A month compared without data (no ticket by its end) gives no change, not one against zero.
        if !previousMonthHasData { items = items.map { ($0.0, $0.1, "—", $0.3) } }
        if !sameMonthLastYearHasData { items = items.map { ($0.0, $0.1, $0.2, "—") } }
        var out = "<section class=\"cards\">\n"
        for (name, value, mom, yoy) in items {
            out += "<div class=\"card\"><div class=\"label\">\(escapeHTML(name))</div>"
            out += "<div class=\"value\">\(escapeHTML(value))</div>"
            out += "<div class=\"delta\">\(escapeHTML(l.t("环比", "MoM"))) \(escapeHTML(mom))</div>"
            out += "<div class=\"delta\">\(escapeHTML(l.t("同比", "YoY"))) \(escapeHTML(yoy))</div></div>\n"
        }
        return out + "</section>\n"
    }

    /// Bars of received and closed per month on a count axis at the left, and a line of the on-time rate on a
    /// 0–100 % axis at the right, each axis titled with its unit.
    func trendChart(_ l: ReportLabels) -> String {
        let width = Self.chartWidth
        let height = 320.0
        let (left, right, top, bottom) = (56.0, 60.0, 54.0, 40.0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">\n"
        guard !trend.isEmpty else {
            svg += "<text x=\"\(Int(width / 2))\" y=\"\(Int(height / 2))\" text-anchor=\"middle\" fill=\"#8a94a6\">"
            svg += escapeHTML(l.t("无趋势数据", "No trend data")) + "</text></svg>\n"
            return svg
        }
        let maxCount = Self.niceCeiling(Double(trend.map { max($0.received, $0.closed) }.max() ?? 0))
        let slot = plotWidth / Double(trend.count)
        let barWidth = min(22.0, slot * 0.32)
        func y(_ value: Double) -> Double { top + plotHeight - value / maxCount * plotHeight }
        // Grid and the two axes' labels.
        for i in 0...Self.ticks {
            let value = maxCount * Double(i) / Double(Self.ticks)
            let gy = y(value)
            svg +=
                "<line x1=\"\(f(left))\" y1=\"\(f(gy))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(gy))\" stroke=\"#e6e8ec\"/>\n"
            svg +=
                "<text x=\"\(f(left - 8))\" y=\"\(f(gy + 4))\" text-anchor=\"end\" font-size=\"12\" fill=\"#5a6272\">\(Int(value))</text>\n"
            svg +=
                "<text x=\"\(f(left + plotWidth + 8))\" y=\"\(f(gy + 4))\" font-size=\"12\" fill=\"#e76f51\">\(i * 100 / Self.ticks)%</text>\n"
        }
        svg +=
            "<text x=\"4\" y=\"\(f(top - 14))\" font-size=\"12\" fill=\"#5a6272\">"
            + escapeHTML(l.t("件数（件）", "tickets")) + "</text>\n"
        svg +=
            "<text x=\"\(f(width - 4))\" y=\"\(f(top - 14))\" text-anchor=\"end\" font-size=\"12\" fill=\"#e76f51\">"
            + escapeHTML(l.t("按时办结率（%）", "on-time rate (%)")) + "</text>\n"
        var points: [(Double, Double, String)] = []
        for (i, point) in trend.enumerated() {
            let cx = left + slot * (Double(i) + 0.5)
            let received = Double(point.received)
            let closed = Double(point.closed)
            svg +=
                "<rect x=\"\(f(cx - barWidth - 1))\" y=\"\(f(y(received)))\" width=\"\(f(barWidth))\" height=\"\(f(top + plotHeight - y(received)))\" fill=\"#3a6ea5\"><title>\(escapeHTML(point.month.description)) \(escapeHTML(l.t("受理", "received"))) \(point.received)</title></rect>\n"
            svg +=
                "<rect x=\"\(f(cx + 1))\" y=\"\(f(y(closed)))\" width=\"\(f(barWidth))\" height=\"\(f(top + plotHeight - y(closed)))\" fill=\"#2a9d8f\"><title>\(escapeHTML(point.month.description)) \(escapeHTML(l.t("办结", "closed"))) \(point.closed)</title></rect>\n"
            let isCurrent = point.month == month
            svg +=
                "<text x=\"\(f(cx))\" y=\"\(f(top + plotHeight + 18))\" text-anchor=\"middle\" font-size=\"12\" fill=\"\(isCurrent ? "#c8102e" : "#5a6272")\"\(isCurrent ? " font-weight=\"600\"" : "")>\(escapeHTML(point.month.shortLabel(l.language)))</text>\n"
            if point.month.month == 1 || i == 0 {
                svg +=
                    "<text x=\"\(f(cx))\" y=\"\(f(top + plotHeight + 33))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#8a94a6\">\(point.month.year)</text>\n"
            }
            if let rate = point.onTimeRate.value {
                points.append((cx, top + plotHeight - rate * plotHeight, l.percent(rate)))
            }
        }
        if points.count > 1 {
            let path = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#e76f51\" stroke-width=\"2.5\"/>\n"
        }
        for (x, py, label) in points {
            svg +=
                "<circle cx=\"\(f(x))\" cy=\"\(f(py))\" r=\"4\" fill=\"#fff\" stroke=\"#e76f51\" stroke-width=\"2\"><title>\(escapeHTML(label))</title></circle>\n"
        }
        // Legend.
        let legend: [(String, String)] = [
            ("#3a6ea5", l.t("受理量", "received")), ("#2a9d8f", l.t("办结量", "closed")),
            ("#e76f51", l.t("按时办结率（右轴）", "on-time rate (right axis)")),
        ]
        var lx = left
        for (color, name) in legend {
            svg += "<rect x=\"\(f(lx))\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(f(lx + 16))\" y=\"18\" font-size=\"12\" fill=\"#1f2430\">\(escapeHTML(name))</text>\n"
            lx += 40 + Double(Self.approximateWidth(name)) * 7
        }
        return svg + "</svg>\n"
    }

    /// Horizontal bars of the departments' scores, best first; red and black lists in their colours.
    func rankingChart(_ l: ReportLabels) -> String {
        let scored = departments.filter { $0.score != nil }
        let width = Self.chartWidth
        let rowHeight = 24.0
        let names = scored.map { Self.clip("\($0.rank). \($0.name)", to: 40) }
        let labelWidth = Self.labelWidth(for: names, maximum: 320)
        let top = 34.0
        let height = top + 8 + rowHeight * Double(max(scored.count, 1))
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">\n"
        guard !scored.isEmpty else {
            svg += "<text x=\"\(Int(width / 2))\" y=\"\(Int(top + 16))\" text-anchor=\"middle\" fill=\"#8a94a6\">"
            svg += escapeHTML(l.t("本月无承办单位得分", "No department has a score this month")) + "</text></svg>\n"
            return svg
        }
        let legend: [(String, String)] = [
            ("#c8102e", l.t("红榜", "red list")), ("#2b2b2b", l.t("黑榜", "black list")),
            (
                "#9aabc4",
                l.t(
                    "未上榜（含派件不足\(DepartmentScore.minimumTickets)件）",
                    "not listed (incl. fewer than \(DepartmentScore.minimumTickets) tickets)")
            ),
        ]
        // The legend starts above the bars, moved left as far as it must to end inside the chart.
        let legendWidth = legend.reduce(0) { $0 + 40 + Double(Self.approximateWidth($1.1)) * 7 } - 24
        var lx = max(8, min(labelWidth, width - 8 - legendWidth))
        for (color, name) in legend {
            svg += "<rect x=\"\(f(lx))\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(f(lx + 16))\" y=\"18\" font-size=\"12\" fill=\"#1f2430\">\(escapeHTML(name))</text>\n"
            lx += 40 + Double(Self.approximateWidth(name)) * 7
        }
        // Room at the right for the score and its list: `100.0 black`.
        let barSpace = width - labelWidth - 90
        for (i, line) in scored.enumerated() {
            let y = top + rowHeight * Double(i)
            let score = line.score ?? 0
            let color: String
            switch line.mark {
            case .red: color = "#c8102e"
            case .black: color = "#2b2b2b"
            case nil: color = "#9aabc4"
            }
            let name = names[i]
            svg +=
                "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 16))\" text-anchor=\"end\" font-size=\"13\" fill=\"#1f2430\">\(escapeHTML(name))</text>\n"
            svg +=
                "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 4))\" width=\"\(f(max(1, barSpace * score / 100)))\" height=\"\(f(rowHeight - 8))\" rx=\"2\" fill=\"\(color)\"><title>\(escapeHTML(line.code)) \(l.score(line.score))</title></rect>\n"
            svg +=
                "<text x=\"\(f(labelWidth + barSpace * score / 100 + 6))\" y=\"\(f(y + 16))\" font-size=\"12\" fill=\"#1f2430\">\(l.score(line.score))\(line.mark.map { " " + escapeHTML(l.mark($0)) } ?? "")</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Horizontal bars, one per row (label, value, value as shown), on an axis from 0 to a round maximum (or to
    /// `maximum`) titled `axis` with its unit; `percent` labels the axis's ticks as percentages of 1. The labels take
    /// the room the longest of them needs (or `labelWidth`, to align charts drawn one above the other).
    static func barChart(
        _ bars: [(String, Double, String)], axis: String, color: String, _ l: ReportLabels, maximum: Double? = nil,
        percent: Bool = false, labelWidth: Double? = nil
    ) -> String {
        let width = chartWidth
        let rowHeight = 24.0
        let labelWidth = labelWidth ?? Self.labelWidth(for: bars.map { clip($0.0, to: 36) }, maximum: 300)
        let top = 6.0
        let axisSpace = 40.0
        let height = top + rowHeight * Double(max(bars.count, 1)) + axisSpace
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">\n"
        guard !bars.isEmpty else {
            svg += "<text x=\"\(Int(width / 2))\" y=\"\(Int(top + 18))\" text-anchor=\"middle\" fill=\"#8a94a6\">"
            svg += escapeHTML(l.t("本月无数据", "No data this month")) + "</text></svg>\n"
            return svg
        }
        let top0 = maximum ?? niceCeiling(bars.map(\.1).max() ?? 0)
        // Room at the right for the value beside the longest bar, and for the last tick's label.
        let barSpace = width - labelWidth - 70
        let bottom = top + rowHeight * Double(bars.count)
        for i in 0...ticks {
            let value = top0 * Double(i) / Double(ticks)
            let x = labelWidth + barSpace * Double(i) / Double(ticks)
            svg +=
                "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(bottom))\" stroke=\"#e6e8ec\"/>\n"
            let tick =
                percent
                ? "\(Int((value * 100).rounded()))%"
                : value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
            svg +=
                "<text x=\"\(f(x))\" y=\"\(f(bottom + 16))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#5a6272\">\(tick)</text>\n"
        }
        svg +=
            "<text x=\"\(f(labelWidth + barSpace))\" y=\"\(f(bottom + 34))\" text-anchor=\"end\" font-size=\"12\" fill=\"#5a6272\">"
            + escapeHTML(axis) + "</text>\n"
        for (i, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(i)
            let length = top0 > 0 ? barSpace * min(bar.1, top0) / top0 : 0
            svg +=
                "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 17))\" text-anchor=\"end\" font-size=\"13\" fill=\"#1f2430\">\(escapeHTML(clip(bar.0, to: 36)))</text>\n"
            svg +=
                "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 5))\" width=\"\(f(max(length, bar.1 > 0 ? 1 : 0)))\" height=\"\(f(rowHeight - 10))\" rx=\"2\" fill=\"\(color)\"><title>\(escapeHTML(bar.0)) \(escapeHTML(bar.2))</title></rect>\n"
            svg +=
                "<text x=\"\(f(labelWidth + length + 6))\" y=\"\(f(y + 17))\" font-size=\"12\" fill=\"#1f2430\">\(escapeHTML(bar.2))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// The hall's counts (cases, ratings, breaches, findings) and its two rates on a 0–100 % axis.
    static func hallCharts(_ s: HallMonthSummary, _ l: ReportLabels) -> String {
        let counts: [(String, Int)] = [
            (l.t("受理件数", "Cases received"), s.casesReceived), (l.t("办结件数", "Cases finished"), s.casesFinished),
            (l.t("评价", "Ratings"), s.ratings), (l.t("差评", "Bad ratings"), s.badRatings),
            (l.t("一次性告知违规", "One-time-notification breaches"), s.breaches),
            (l.t("新增问题", "Findings opened"), s.findingsOpened), (l.t("已整改", "Findings rectified"), s.findingsRectified),
            (l.t("已核验", "Findings verified"), s.findingsVerified),
            (l.t("月末未整改", "Findings open at month end"), s.findingsOpen),
            (l.t("月末逾期", "Findings overdue at month end"), s.findingsOverdue),
        ]
        let rates: [(String, Double?)] = [
            (l.t("按时办结率", "On-time completion rate"), s.onTimeRate), (l.t("一次办结率", "One-visit rate"), s.oneVisitRate),
        ]
        // One label width for both, so that their bars start at the same place.
        let labelWidth = Self.labelWidth(for: (counts.map(\.0) + rates.map(\.0)).map { clip($0, to: 36) }, maximum: 300)
        return barChart(
            counts.map { ($0.0, Double($0.1), String($0.1)) }, axis: l.t("件数（件、次）", "count"), color: "#6a4c93", l,
            labelWidth: labelWidth)
            + barChart(
                rates.map { ($0.0, $0.1 ?? 0, l.percent($0.1)) }, axis: l.t("比率（%）", "rate (%)"), color: "#c8102e",
                l, maximum: 1, percent: true, labelWidth: labelWidth)
    }

    /// The charts' width in SVG units. A chart fills its figure, at most 880 px wide on screen: at 800 units its 12–13
    /// unit text is 13–14 px there, and 8 pt on A4 (about 690 px), where a wider chart would shrink it to 6 pt.
    static let chartWidth = 800.0

    /// Room for labels of 13-unit text, right-aligned before the bars: the longest label (a CJK character counting as
    /// two columns of about 6.8 units) and a gap, between 60 units and `maximum`.
    static func labelWidth(for labels: [String], maximum: Double) -> Double {
        let widest = labels.map { Double(approximateWidth($0)) * 6.8 }.max() ?? 0
        return min(maximum, max(60, (widest + 16).rounded(.up)))
    }

    /// Intervals of a chart's value axis: five, so that every tick of a round maximum is a whole number (250 in
    /// quarters would be 62.5 tickets) and the trend's rate axis reads 0, 20, … 100 %.
    static let ticks = 5

    /// A round number at least `value`, for an axis maximum: 1, 2, 2.5 or 5 times a power of ten, at least 5, so that
    /// its fifths are whole numbers.
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 5 }
        let magnitude = pow(10, (log10(value)).rounded(.down))
        for step in [1.0, 2.0, 2.5, 5.0, 10.0] where step * magnitude >= value {
            return max(5, step * magnitude)
        }
        return max(5, 10 * magnitude)
    }

    /// Columns of text in a terminal sense: CJK characters count two.
    static func approximateWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    }

    static func clip(_ text: String, to width: Int) -> String {
        guard approximateWidth(text) > width else { return text }
        var out = ""
        for ch in text {
            if approximateWidth(out + String(ch)) > width - 1 { break }
            out.append(ch)
        }
        return out + "…"
    }
}

/// `1.5` with one decimal, for SVG coordinates.
private func f(_ value: Double) -> String { String(format: "%.1f", value) }

/// Escapes text for HTML element content and attribute values; control characters and bidirectional overrides are
/// shown, not obeyed (`Printable`), in the browser and on a terminal alike.
public func escapeHTML(_ text: String) -> String {
    var out = ""
    for ch in Printable.escaped(text, keepsLines: true) {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(ch)
        }
    }
    return out
}
