import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// `govdesk report windows --month M`: each window's cases, on-time completion, 一次办结率, ratings, breaches.
struct ReportWindows: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "windows",
        abstract: "Each window's month: cases, on-time completion, one-visit rate, ratings, breaches.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The month, YYYY-MM.") var month: Month

    func run() throws {
        let context = try CommandContext(global)
        let database = try context.database()
        let training = database.kind == .training
        let rows = try database.windowsReport(range: month.interval(in: try context.calendar()))
        let total = WindowMonthFigures.total(rows)
        if context.json {
            func object(_ f: WindowMonthFigures) -> [String: Any] {
                [
                    "window": f.window, "name": f.name, "department": f.department, "received": f.received,
                    "finished": f.finished, "onTime": f.onTime, "onTimeRate": jsonValue(f.onTimeRate),
                    "oneVisit": f.oneVisit, "oneVisitRate": jsonValue(f.oneVisitRate), "ratings": f.ratings,
                    "averageRating": jsonValue(f.averageRating), "badRatings": f.badRatings, "breaches": f.breaches,
                    "overdueAtEnd": f.overdueAtEnd,
                ]
            }
            var totals = object(total)
            totals["window"] = nil
            totals["name"] = nil
            totals["department"] = nil
            Output.print(
                Output.json(
                    TrainingMark.object(
                        ["month": month.description, "windows": rows.map(object), "total": totals],
                        training: training)))
            return
        }
        let t = HallPresenter(context).t
        func cells(_ f: WindowMonthFigures) -> [String] {
            [
                f.window, f.name, String(f.received), String(f.finished), EvaluationEngine.pct(f.onTimeRate),
                EvaluationEngine.pct(f.oneVisitRate), String(f.ratings),
                f.averageRating.map(EvaluationEngine.fmt) ?? "—",
                String(f.badRatings), String(f.breaches), String(f.overdueAtEnd),
            ]
        }
        var total0 = cells(total)
        total0[0] = t("合计", "total")
        total0[1] = ""
        Output.print(
            TrainingMark.text(t("\(month) 窗口办件情况", "Windows, \(month)"), training: training, language: context.language)
        )
        Output.print(
            Output.table(
                [
                    t("窗口", "window"), t("名称", "name"), t("受理", "received"), t("办结", "finished"),
                    t("按时办结率", "on time"), t("一次办结率", "one visit"), t("评价", "ratings"), t("均分", "avg"),
                    t("差评", "bad"), t("告知违规", "breaches"), t("月末超期", "overdue"),
                ],
                rows.map(cells) + [total0], numericColumns: Set(2...10)))
    }
}

/// `govdesk report findings --month M`: findings by kind, source and department.
struct ReportFindings: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "The month's findings by kind, source and department: open, overdue, rectified, verified.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The month, YYYY-MM.") var month: Month

    func run() throws {
        let context = try CommandContext(global)
        let database = try context.database()
        let training = database.kind == .training
        let report = try database.findingsReport(month: month, range: month.interval(in: try context.calendar()))
        if context.json {
            func object(_ c: FindingCounts) -> [String: Any] {
                [
                    "group": c.group, "reported": c.reported, "open": c.open, "overdue": c.overdue,
                    "rectified": c.rectified, "verified": c.verified,
                ]
            }
            Output.print(
                Output.json(
                    TrainingMark.object(
                        [
                            "month": month.description, "total": object(report.total),
                            "byKind": report.byKind.map(object), "bySource": report.bySource.map(object),
                            "byDepartment": report.byDepartment.map(object),
                        ], training: training)))
            return
        }
        let t = HallPresenter(context).t
        let language = context.language
        let headers = [
            t("分组", "group"), t("本月发现", "reported"), t("月末未整改", "open"), t("月末逾期", "overdue"),
            t("本月整改", "rectified"), t("本月核验", "verified"),
        ]
        let numeric = Set(1...5)
        func cells(_ label: String, _ c: FindingCounts) -> [String] {
            [label, String(c.reported), String(c.open), String(c.overdue), String(c.rectified), String(c.verified)]
        }
        var lines = [t("\(month) 体验员发现问题整改情况", "Findings, \(month)"), ""]
        lines.append(t("按类别", "By kind"))
        lines.append(
            Output.table(
                headers, report.byKind.map { cells(FindingKind(rawValue: $0.group)?.label(language) ?? $0.group, $0) },
                numericColumns: numeric))
        lines.append("")
        lines.append(t("按来源", "By source"))
        lines.append(
            Output.table(
                headers,
                report.bySource.map { cells(FindingSource(rawValue: $0.group)?.label(language) ?? $0.group, $0) },
                numericColumns: numeric))
        lines.append("")
        lines.append(t("按单位", "By department"))
        lines.append(
            Output.table(
                headers, report.byDepartment.map { cells($0.group, $0) } + [cells(t("合计", "total"), report.total)],
                numericColumns: numeric))
        Output.print(TrainingMark.text(lines.joined(separator: "\n"), training: training, language: language))
    }
}
