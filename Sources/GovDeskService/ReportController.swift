import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/reports/{YYYY-MM}`: the monthly closure report of DESIGN §6.2 as the supervisor hands it upward — the same HTML
/// as `govdesk report --format html`, with the same marks (the ledger's seal, a closed month's line, a training
/// database's banner), from the figures stored at the month's close once it is closed.
struct ReportController {
    let desk: Desk

    func addRoutes(to group: RouterGroup<DeskContext>) {
        group.get("/reports/{month}", use: show)
    }

    /// The roles that read the report on the web: the supervisor, and the administrator as everywhere.
    static func mayRead(_ staff: StaffMember) -> Bool {
        staff.roles.contains(.supervisor) || staff.roles.contains(.admin)
    }

    @Sendable func show(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let words = Words(context.language)
        let language = context.language
        guard Self.mayRead(signed.staff) else {
            return desk.page(
                "message", title: words.t("月度报告", "Monthly report"), values: [:], context: context,
                status: .forbidden,
                error: words.t("月度报告仅供督办人员查看。", "The monthly report is for supervisors."))
        }
        let text = try context.parameters.require("month")
        let now = desk.configuration.now
        let zone = desk.configuration.localTime.timeZone
        guard let month = Month(text), month <= Month(containing: now, in: zone) else {
            return desk.page(
                "message", title: words.t("月度报告", "Monthly report"), values: [:], context: context,
                status: .notFound,
                error: words.t(
                    "没有 \(Printable.quoted(text, limit: 20)) 的报告：月份写作 YYYY-MM，且不晚于本月。",
                    "No report for \(Printable.quoted(text, limit: 20)): a month is YYYY-MM, and not after this one."))
        }
        let calendar = desk.configuration.rules.calendar
        let localTime = desk.configuration.localTime
        let html = try await desk.store { database in
            let shown = try database.shownReport(
                for: month, timeZone: zone, trendMonths: 12, now: now, countsRepeats: true,
                hallRange: month.interval(in: calendar), language: language)
            var html = shown.report.html(language: language)
            // The seal is read after the figures: it covers everything they were made from (DESIGN §11.4).
            if let seal = try database.seal() { html = ReportMarks.sealHTML(html, head: seal.hash, language) }
            if let closed = shown.closed {
                html = ReportMarks.closedHTML(
                    html, closedAt: closed.closedAt, by: closed.closedBy, sha256: closed.sha256, time: localTime,
                    language)
            }
            return database.kind == .training ? ReportMarks.trainingHTML(html, language) : html
        }
        var response = Desk.html(EvaluationController.linked(html, month: month, words: words))
        // The report is one self-contained document with its own stylesheet and inline chart styles; still no
        // script, no frame, no form.
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; "
            + "base-uri 'none'"
        return response
    }
}
