import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// `govdesk eval score|run|show|finalize`: the monthly evaluation (绩效考核, DESIGN §5.5).
struct EvalGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Monthly evaluation of window staff and windows: 优秀窗口, 服务之星, 业务标兵.",
        subcommands: [Score.self, Run.self, Show.self, Finalize.self])

    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "score",
            abstract: "Record a manual score for a window staff member and month, e.g. 业务考试 (supervisor).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The month, YYYY-MM.") var month: Month
        @Option(help: "The window staff member.") var staff: String
        @Option(help: "What the points are for, e.g. 业务考试.") var item: String
        @Option(
            parsing: .unconditional,
            help: "Points, -100 to 100, at most two decimals (added to the score times the manual weight).",
            transform: DecimalOption.points)
        var points: Double
        @Option(parsing: .unconditional, help: "A note.") var note: String?

        func validate() throws { try OptionChecks.evaluationMonth(month) }

        func run() throws {
            let context = try CommandContext(global)
            try context.database().addManualScore(
                month: month, staff: staff, item: item, points: points, note: note, actor: context.actorCode,
                at: context.now)
            Output.print(
                context.json
                    ? Output.json(["month": month.description, "staff": staff, "item": item, "points": points])
                    : "\(month) \(staff) \(Printable.escaped(item)) \(EvaluationEngine.fmt(points))")
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Score every window staff member and window from the month's data (supervisor); "
                + "refused once the month is finalised.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The month, YYYY-MM.") var month: Month

        func validate() throws { try OptionChecks.evaluationMonth(month) }

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            try database.runEvaluation(
                month: month, range: month.interval(in: try context.calendar()),
                configuration: context.configuration.evaluation, actor: context.actorCode, at: context.now)
            let record = try database.evaluation(month: month)
            let p = EvalPresenter(context, training: database.kind == .training)
            Output.print(context.json ? Output.json(p.json(record)) : p.text(record, top: 10))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show the month's ranking and awards with reasons.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The month, YYYY-MM.") var month: Month
        @Flag(help: "List every staff member and window, not only the top ten.") var all = false

        func validate() throws { try OptionChecks.evaluationMonth(month) }

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            let record = try database.evaluation(month: month)
            let p = EvalPresenter(context, training: database.kind == .training)
            Output.print(context.json ? Output.json(p.json(record)) : p.text(record, top: all ? nil : 10))
        }
    }

    struct Finalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "finalize",
            abstract: "Lock the month's evaluation (supervisor): it is never recomputed afterwards.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The month, YYYY-MM.") var month: Month

        func validate() throws { try OptionChecks.evaluationMonth(month) }

        func run() throws {
            let context = try CommandContext(global)
            try context.database().finalizeEvaluation(
                month: month, range: month.interval(in: try context.calendar()), actor: context.actorCode,
                at: context.now)
            Output.print(
                context.json
                    ? Output.json(["month": month.description, "finalized": true])
                    : HallPresenter(context).t(
                        "\(month) 考核结果已定稿，不再重新计算", "\(month) evaluation finalised; it will not be recomputed"))
        }
    }
}

/// Text and JSON of a month's evaluation.
struct EvalPresenter: Presenting {
    let context: CommandContext
    /// From a training database: the text's first line and the JSON say so (DESIGN §11.5).
    let training: Bool
    init(_ context: CommandContext, training: Bool = false) {
        self.context = context
        self.training = training
    }

    var language: Language { context.language }

    func json(_ r: EvaluationRecord) -> [String: Any] {
        TrainingMark.object(fields(r), training: training)
    }

    private func fields(_ r: EvaluationRecord) -> [String: Any] {
        [
            "month": r.month, "finalized": r.finalized, "computedAt": context.localTime.iso(r.computedAt),
            "computedBy": r.computedBy,
            "results": r.outcome.results.map { x -> [String: Any] in
                let f = x.figures
                return [
                    "subject": f.subject.rawValue, "code": f.code, "name": f.name, "score": x.score, "rank": x.rank,
                    "cases": f.cases, "onTimeCases": f.onTimeCases, "oneVisitCases": f.oneVisitCases,
                    "ratings": f.ratings, "averageRating": jsonValue(f.averageRating), "badRatings": f.badRatings,
                    "breaches": f.breaches, "verifiedFindings": f.verifiedFindings, "manualPoints": f.manualPoints,
                    "breakdown": x.breakdown,
                ]
            },
            "awards": r.outcome.awards.map { a -> [String: Any] in
                [
                    "award": a.award.rawValue, "position": a.position, "subject": a.subject.rawValue, "code": a.code,
                    "name": a.name, "reason": a.reasonEn, "reasonZh": a.reasonZh,
                ]
            },
        ]
    }

    /// Breakdown keys with short labels.
    static let components = [
        ("onTime", "按时", "onTime"), ("satisfaction", "满意", "sat"), ("volume", "办量", "vol"),
        ("badRatings", "差评", "bad"), ("breaches", "违规", "breach"), ("findings", "问题", "find"),
        ("manual", "加减", "manual"),
    ]

    /// `+40.00` or `-2.00`.
    static func signed(_ value: Double) -> String { (value > 0 ? "+" : "") + EvaluationEngine.fmt(value) }

    func text(_ r: EvaluationRecord, top: Int?) -> String {
        var lines: [String] = []
        let state = r.finalized ? t("已定稿", "finalised") : t("未定稿", "not finalised")
        lines.append(
            t(
                "\(r.month) 绩效考核（\(state)，\(r.computedBy) 于 \(context.localTime.format(r.computedAt)) 计算）",
                "Evaluation \(r.month) (\(state); computed by \(r.computedBy) at \(context.localTime.format(r.computedAt)))"
            ))
        lines.append("")
        lines.append(t("评选结果", "Awards"))
        if r.outcome.awards.isEmpty { lines.append(t("  （无）", "  (none)")) }
        for a in r.outcome.awards {
            lines.append("  \(a.award.label(context.language)) #\(a.position)  \(a.code) \(shown(a.name))")
            lines.append("      " + shown(context.language == .zh ? a.reasonZh : a.reasonEn))
        }
        for subject in [EvaluationSubject.window, .staff] {
            let rows = r.outcome.results.filter { $0.figures.subject == subject }
            let shown = top.map { Array(rows.prefix($0)) } ?? rows
            lines.append("")
            lines.append(subject == .window ? t("窗口排名", "Window ranking") : t("工作人员排名", "Staff ranking"))
            lines.append(
                Output.table(
                    [
                        t("名次", "rank"), t("代码", "code"), t("名称", "name"), t("得分", "score"), t("办结", "cases"),
                        t("按时", "on time"), t("评价", "ratings"), t("均分", "avg"), t("差评", "bad"),
                        t("告知违规", "breaches"), t("核验问题", "findings"), t("加减分", "manual"),
                        t("得分构成", "breakdown"),
                    ],
                    shown.map { x in
                        let f = x.figures
                        let b = x.breakdown
                        let parts = Self.components.compactMap { key, zh, en in
                            b[key].flatMap { $0 == 0 ? nil : "\(t(zh, en))\(Self.signed($0))" }
                        }
                        .joined(separator: " ")
                        return [
                            String(x.rank), f.code, f.name, EvaluationEngine.fmt(x.score), String(f.cases),
                            EvaluationEngine.pct(f.onTimeRate), String(f.ratings),
                            f.averageRating.map(EvaluationEngine.fmt) ?? "—", String(f.badRatings), String(f.breaches),
                            String(f.verifiedFindings), EvaluationEngine.fmt(f.manualPoints), parts,
                        ]
                    }, maxCell: 90, numericColumns: [0, 3, 4, 5, 6, 7, 8, 9, 10, 11]))
            if let top, rows.count > top {
                lines.append(t("…… 共 \(rows.count) 名，--all 显示全部", "… \(rows.count) in all; --all shows every one"))
            }
        }
        let w = context.configuration.evaluation.weights
        lines.append("")
        lines.append(
            t(
                "计分：按时率×\(EvaluationEngine.fmt(w.onTime)) + 均分/5×\(EvaluationEngine.fmt(w.satisfaction))（有办结无评价按 3 分，无办结无评价为 0）"
                    + " + （办结/\(w.volumeTarget)，至多 1）×\(EvaluationEngine.fmt(w.volume)) − 差评×\(EvaluationEngine.fmt(w.badRating))"
                    + " − 告知违规×\(EvaluationEngine.fmt(w.breach)) − 核验问题×\(EvaluationEngine.fmt(w.finding)) + 加减分×\(EvaluationEngine.fmt(w.manual))；"
                    + "同分依次比较" + context.configuration.evaluation.tieBreak.map(\.chineseLabel).joined(separator: "、")
                    + "，最后按代码",
                "score: on-time rate×\(EvaluationEngine.fmt(w.onTime)) + average/5×\(EvaluationEngine.fmt(w.satisfaction)) (3 when finished cases went unrated, 0 with neither cases nor ratings)"
                    + " + min(cases/\(w.volumeTarget),1)×\(EvaluationEngine.fmt(w.volume)) − bad×\(EvaluationEngine.fmt(w.badRating))"
                    + " − breaches×\(EvaluationEngine.fmt(w.breach)) − verified findings×\(EvaluationEngine.fmt(w.finding)) + manual×\(EvaluationEngine.fmt(w.manual)); "
                    + "ties: " + context.configuration.evaluation.tieBreak.map(\.englishLabel).joined(separator: ", ")
                    + ", then code"))
        return TrainingMark.text(lines.joined(separator: "\n"), training: training, language: language)
    }
}
