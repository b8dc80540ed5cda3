import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/evaluations/{YYYY-MM}`: the monthly evaluation (绩效考核, DESIGN §5.5) as `govdesk eval show --all` shows it — the
/// awards 优秀窗口, 服务之星 and 业务标兵 with their reasons, the rankings with each score's breakdown, whether it is
/// final — with the supervisor's forms of `govdesk eval`: run (a preview until it is final), a manual score, finalise.
/// Each form calls the same store method as the command, with the session's staff member and the server's clock; the
/// store decides who may, and the page shows its refusal.
struct EvaluationController {
    let desk: Desk

    /// The forms of the page, each one store call.
    enum Step: String {
        case run, score, finalize
    }

    func addRoutes(to group: RouterGroup<DeskContext>) {
        group.get("/evaluations/{month}", use: show)
        group.post("/evaluations/{month}/{step}", use: act)
    }

    @Sendable func show(_ request: Request, context: DeskContext) async throws -> Response {
        let text = try context.parameters.require("month")
        guard let month = Self.month(text) else { return notAMonth(text, context: context) }
        return try await page(month, context: context)
    }

    @Sendable func act(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let words = Words(context.language)
        let text = try context.parameters.require("month")
        guard let month = Self.month(text) else { return notAMonth(text, context: context) }
        let slug = try context.parameters.require("step")
        guard let step = Step(rawValue: slug) else {
            return desk.page(
                "message", title: words.t("无此操作", "No such action"), values: [:], context: context,
                status: .notFound,
                error: words.t(
                    "考核没有 \(Printable.quoted(slug, limit: 40)) 这一操作。",
                    "An evaluation has no action \(Printable.quoted(slug, limit: 40))."))
        }
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let now = desk.configuration.now
        let range = month.interval(in: desk.configuration.rules.calendar)
        let configuration = desk.configuration.evaluation
        let actor = signed.staff.code
        let notice: String
        do {
            switch step {
            case .run:
                try await desk.store { database in
                    _ = try database.runEvaluation(
                        month: month, range: range, configuration: configuration, actor: actor, at: now)
                }
                notice = words.t("\(month) 考核已计算（未定稿）。", "The evaluation of \(month) is computed (not final).")
            case .score:
                guard let points = Self.points(form["points"] ?? "") else {
                    return try await page(
                        month, context: context, status: .badRequest,
                        error: words.t(
                            "分值须为 -100 至 100 之间的数，至多两位小数。",
                            "Points are a number from -100 to 100 with at most two decimals."),
                        refused: form)
                }
                let staff = form.text("staff") ?? ""
                let item = form["item"] ?? ""
                let note = form.text("note")
                try await desk.store { database in
                    try database.addManualScore(
                        month: month, staff: staff, item: item, points: points, note: note, actor: actor, at: now)
                }
                notice = words.t(
                    "已录入 \(staff) 的加减分 \(EvaluationEngine.fmt(points))。",
                    "A manual score of \(EvaluationEngine.fmt(points)) is recorded for \(staff).")
            case .finalize:
                try await desk.store { database in
                    try database.finalizeEvaluation(month: month, range: range, actor: actor, at: now)
                }
                notice = words.t(
                    "\(month) 考核结果已定稿，不再重新计算。", "The evaluation of \(month) is final; it will not be recomputed.")
            }
        } catch let error as GovDeskError {
            // The form comes back as it was filled in.
            return try await page(
                month, context: context, status: TicketController.status(of: error),
                error: error.message(context.language), refused: step == .score ? form : nil)
        }
        return try await page(month, context: context, notice: notice)
    }

    /// A month as the command line takes it: YYYY-MM, 2000 to 2100.
    static func month(_ text: String) -> Month? {
        guard let month = Month(text), (2000...2100).contains(month.year) else { return nil }
        return month
    }

    /// Points as `eval score --points` takes them: -100 to 100, at most two decimals, written in decimal digits
    /// (not `0x10` nor `1e2`, which `Double` would read), and no negative zero.
    static func points(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let unsigned = trimmed.hasPrefix("-") || trimmed.hasPrefix("+") ? trimmed.dropFirst() : trimmed[...]
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 3,
            parts.count < 2 || (1...2).contains(parts[1].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let value = Double(trimmed), value.isFinite, (-100...100).contains(value)
        else { return nil }
        return value == 0 ? 0 : value
    }

    /// Breakdown keys with their short labels, as `eval show` prints them.
    static let components = [
        ("onTime", "按时", "on time"), ("satisfaction", "满意", "satisfaction"), ("volume", "办量", "volume"),
        ("badRatings", "差评", "bad"), ("breaches", "违规", "breaches"), ("findings", "问题", "findings"),
        ("manual", "加减", "manual"),
    ]

    func page(
        _ month: Month, context: DeskContext, status: HTTPResponse.Status = .ok, error: String? = nil,
        notice: String? = nil, refused: Form? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let words = Words(context.language)
        let title = words.t("\(month) 绩效考核排名", "Ranking of \(month)")
        guard ReportController.mayRead(signed.staff) else {
            return desk.page(
                "message", title: title, values: [:], context: context, status: error == nil ? .forbidden : status,
                error: error ?? words.t("考核排名仅供督办人员查看。", "The ranking is for supervisors."))
        }
        let (record, scores, staff) = try await desk.store {
            database -> (EvaluationRecord?, [ManualScore], [StaffMember]) in
            let record: EvaluationRecord?
            do {
                record = try database.evaluation(month: month)
            } catch HallError.noEvaluation {
                record = nil
            }
            return (record, try database.manualScores(month: month), try database.staff())
        }
        let names = Dictionary(staff.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        func person(_ code: String) -> String { names[code].map { "\(Printable.escaped($0))（\(code)）" } ?? code }
        var values: [String: Any] = [
            "csrf": signed.csrfToken,
            "links": [
                ["href": "/evaluations/\(month.previous)", "label": words.t("上月", "Previous month")],
                ["href": "/evaluations/\(month.next)", "label": words.t("下月", "Next month")],
                ["href": "/reports/\(month)", "label": words.t("\(month) 月度报告", "Report of \(month)")],
                ["href": "/letters", "label": words.t("督办函", "Supervision letters")],
                ["href": "/months", "label": words.t("月结", "Month close")],
            ],
        ]
        if let record { values["record"] = recordValues(record, words: words, person: person) }
        let scoreRows: [[String: Any]] = scores.map { score in
            [
                "staffName": person(score.staff), "item": Printable.escaped(score.item),
                "points": EvaluationEngine.fmt(score.points), "note": Printable.escaped(score.note ?? ""),
                "recordedBy": person(score.recordedBy), "recordedAt": desk.time(score.recordedAt),
            ]
        }
        values["scores"] = scoreRows
        values["hasScores"] = !scoreRows.isEmpty
        let finalized = record?.finalized ?? false
        if Permission.evaluation.isHeld(by: signed.staff), !finalized {
            let chosen = refused?["staff"] ?? ""
            values["forms"] = [
                "monthText": month.description,
                "runLabel": record == nil ? words.t("计算考核", "Run the evaluation") : words.t("重新计算", "Run it again"),
                "mayFinalize": record != nil,
                "staffOptions": staff.filter { $0.active && $0.roles.contains(.window) }.map {
                    member -> [String: Any] in
                    [
                        "value": member.code, "label": "\(Printable.escaped(member.name))（\(member.code)）",
                        "selected": member.code == chosen,
                    ]
                },
                "item": refused?["item"] ?? "", "points": refused?["points"] ?? "", "note": refused?["note"] ?? "",
            ]
        }
        if record == nil { values["subtitle"] = words.t("尚未计算", "Not run yet") }
        return desk.page(
            "evaluation", title: title, values: values, context: context, status: status, error: error, notice: notice)
    }

    /// The stored evaluation as the page shows it.
    func recordValues(_ record: EvaluationRecord, words: Words, person: (String) -> String) -> [String: Any] {
        let language = words.language
        let rankings: [[String: Any]] = [EvaluationSubject.window, .staff].map { subject -> [String: Any] in
            let rows = record.outcome.results.filter { $0.figures.subject == subject }.map { result -> [String: Any] in
                let figures = result.figures
                let parts = Self.components.compactMap { key, zh, en in
                    result.breakdown[key].flatMap { $0 == 0 ? nil : "\(words.t(zh, en)) \(Self.signed($0))" }
                }
                return [
                    "rank": result.rank, "code": figures.code, "name": Printable.escaped(figures.name),
                    "score": EvaluationEngine.fmt(result.score), "cases": figures.cases,
                    "onTime": EvaluationEngine.pct(figures.onTimeRate), "ratings": figures.ratings,
                    "average": figures.averageRating.map(EvaluationEngine.fmt) ?? "—", "bad": figures.badRatings,
                    "breaches": figures.breaches, "findings": figures.verifiedFindings,
                    "manual": EvaluationEngine.fmt(figures.manualPoints),
                    "breakdown": parts.joined(separator: language == .zh ? "，" : ", "),
                ]
            }
            return [
                "heading": subject == .window ? words.t("窗口排名", "Window ranking") : words.t("工作人员排名", "Staff ranking"),
                "rows": rows, "count": rows.count,
            ]
        }
        let awards: [[String: Any]] = record.outcome.awards.map { award in
            [
                "award": words.label(award.award), "position": award.position, "code": award.code,
                "name": Printable.escaped(award.name),
                "reason": Printable.escaped(language == .zh ? award.reasonZh : award.reasonEn),
            ]
        }
        var values: [String: Any] = [
            "stateLabel": record.finalized
                ? words.t("已定稿", "Final") : words.t("未定稿（预览，可重新计算）", "Not final (a preview; it can be run again)"),
            "computed": "\(person(record.computedBy)) · \(desk.time(record.computedAt))",
            "awards": awards, "hasAwards": !awards.isEmpty, "rankings": rankings, "formula": formula(words),
        ]
        if let by = record.finalizedBy {
            values["finalizedLine"] = "\(person(by)) · \(desk.time(record.finalizedAt))"
        }
        return values
    }

    /// How a score is made, as `eval show` ends.
    func formula(_ words: Words) -> String {
        let evaluation = desk.configuration.evaluation
        let w = evaluation.weights
        let f = EvaluationEngine.fmt
        return words.t(
            "计分：按时率×\(f(w.onTime)) + 均分/5×\(f(w.satisfaction))（有办结无评价按 3 分，无办结无评价为 0）"
                + " + （办结/\(w.volumeTarget)，至多 1）×\(f(w.volume)) − 差评×\(f(w.badRating))"
                + " − 告知违规×\(f(w.breach)) − 核验问题×\(f(w.finding)) + 加减分×\(f(w.manual))；"
                + "同分依次比较" + evaluation.tieBreak.map(\.chineseLabel).joined(separator: "、") + "，最后按代码",
            "score: on-time rate×\(f(w.onTime)) + average/5×\(f(w.satisfaction)) (3 when finished cases went unrated, 0 with neither cases nor ratings)"
                + " + min(cases/\(w.volumeTarget),1)×\(f(w.volume)) − bad×\(f(w.badRating))"
                + " − breaches×\(f(w.breach)) − verified findings×\(f(w.finding)) + manual×\(f(w.manual)); "
                + "ties: " + evaluation.tieBreak.map(\.englishLabel).joined(separator: ", ") + ", then code")
    }

    /// The monthly report with the month's ranking and the letters linked above it, on screen only: the printed
    /// report is the document handed upward, as `report --format html` writes it.
    static func linked(_ html: String, month: Month, words: Words) -> String {
        guard let body = html.range(of: "<body>") else { return html }
        let links =
            "<style>@media print { .govdesk-links { display: none; } }</style>"
            + "<p class=\"govdesk-links\"><a href=\"/queue\">\(words.t("工作台", "Queue"))</a> · "
            + "<a href=\"/evaluations/\(month)\">\(words.t("\(month) 绩效考核排名", "Ranking of \(month)"))</a> · "
            + "<a href=\"/letters\">\(words.t("督办函", "Supervision letters"))</a> · "
            + "<a href=\"/months\">\(words.t("月结", "Month close"))</a></p>"
        return html.replacingCharacters(in: body, with: "<body>" + links)
    }

    /// `+40.00` or `-2.00`.
    static func signed(_ value: Double) -> String { (value > 0 ? "+" : "") + EvaluationEngine.fmt(value) }

    func notAMonth(_ text: String, context: DeskContext) -> Response {
        let words = Words(context.language)
        return desk.page(
            "message", title: words.t("绩效考核排名", "Ranking"), values: [:], context: context, status: .notFound,
            error: words.t(
                "没有 \(Printable.quoted(text, limit: 20)) 的考核：月份写作 YYYY-MM。",
                "No evaluation for \(Printable.quoted(text, limit: 20)): a month is YYYY-MM."))
    }
}
