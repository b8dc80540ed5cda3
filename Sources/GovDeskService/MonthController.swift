import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/months`: month close (月结, DESIGN §11.2) on the web — the closed months with the SHA-256 of their stored figures
/// and the ledger's head, as `govdesk month list` shows them, and a form that closes a month in two steps: the first
/// names what cannot be undone and writes nothing, the second calls the store's `closeMonth` as `govdesk month close`
/// does, with the session's staff member and the server's clock. The store refuses a month that has not ended, one
/// out of order, or one already closed, and the page shows its refusal.
struct MonthController {
    let desk: Desk

    func addRoutes(to group: RouterGroup<DeskContext>) {
        group.get("/months", use: show)
        group.post("/months/close", use: close)
    }

    @Sendable func show(_ request: Request, context: DeskContext) async throws -> Response {
        try await page(context: context)
    }

    /// Both steps of the close form: without `confirm=yes` the confirmation, with it the close.
    @Sendable func close(_ request: Request, context: DeskContext) async throws -> Response {
        let signed = try context.requireIdentity()
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let words = Words(context.language)
        let typed = form.text("month") ?? ""
        guard let month = Month(typed), (2000...2100).contains(month.year) else {
            return try await page(
                context: context, status: .badRequest,
                error: words.t(
                    "\(Printable.quoted(typed, limit: 20)) 不是月份：月份写作 YYYY-MM，如 2025-05。",
                    "\(Printable.quoted(typed, limit: 20)) is not a month: write YYYY-MM, such as 2025-05."),
                typed: typed)
        }
        guard form["confirm"] == "yes" else {
            // The first step writes nothing; the permission table answers now rather than after the confirmation,
            // with the refusal its `authorize` gives.
            let staff = signed.staff
            guard Permission.closeMonth.isHeld(by: staff) else {
                let error = PermissionError(actor: staff.code, roles: staff.sortedRoles, permission: .closeMonth)
                return try await page(
                    context: context, status: TicketController.status(of: error),
                    error: error.message(context.language), typed: typed)
            }
            // Nor is a confirmation asked for a month the store will refuse: its refusal now.
            let zone = desk.configuration.localTime.timeZone
            let hallRange = month.interval(in: desk.configuration.rules.calendar)
            let now = desk.configuration.now
            if let refusal = try await desk.store({ database in
                try database.monthCloseRefusal(month, timeZone: zone, hallRange: hallRange, at: now)
            }) {
                return try await page(
                    context: context, status: TicketController.status(of: refusal),
                    error: refusal.message(context.language), typed: typed)
            }
            return try await page(context: context, confirming: month)
        }
        let zone = desk.configuration.localTime.timeZone
        let hallRange = month.interval(in: desk.configuration.rules.calendar)
        let evaluation = desk.configuration.evaluation
        let now = desk.configuration.now
        let actor = signed.staff.code
        do {
            let closed = try await desk.store { database in
                try database.closeMonth(
                    month, timeZone: zone, hallRange: hallRange, evaluation: evaluation, actor: actor, at: now)
            }
            return try await page(
                context: context,
                notice: words.t(
                    "\(month) 已月结：通报数字已存档（SHA-256 \(closed.sha256)），账本封记 \(closed.ledgerHead)；"
                        + "此后该月及以前不再接受任何生效的记录。",
                    "\(month) closed: its report's figures are stored (SHA-256 \(closed.sha256)), ledger head "
                        + "\(closed.ledgerHead); nothing may take effect in it or before it from now on."))
        } catch let error as GovDeskError {
            return try await page(
                context: context, status: TicketController.status(of: error), error: error.message(context.language),
                typed: typed)
        }
    }

    /// The page: the close form (or its confirmation) and the closed months, newest first. A refusal for someone who
    /// may not read the page is shown on its own.
    func page(
        context: DeskContext, status: HTTPResponse.Status = .ok, error: String? = nil, notice: String? = nil,
        typed: String? = nil, confirming: Month? = nil
    ) async throws -> Response {
        let signed = try context.requireIdentity()
        let words = Words(context.language)
        let title = words.t("月结", "Month close")
        guard ReportController.mayRead(signed.staff) else {
            return desk.page(
                "message", title: title, values: [:], context: context, status: error == nil ? .forbidden : status,
                error: error ?? words.t("月结仅供督办人员使用。", "Month close is for supervisors."))
        }
        let closed = try await desk.store { try $0.closedMonths() }
        let now = desk.configuration.now
        let zone = desk.configuration.localTime.timeZone
        // The month to offer: the one after the last closed, else last month.
        let offered = closed.map(\.month).max()?.next ?? Month(containing: now, in: zone).previous
        let rows: [[String: Any]] = closed.sorted { $0.month > $1.month }.map { month in
            [
                "href": "/reports/\(month.month)", "monthText": month.month.description,
                "closedAt": desk.time(month.closedAt), "closedBy": month.closedBy, "sha": month.sha256,
                "head": month.ledgerHead,
            ]
        }
        var values: [String: Any] = [
            "csrf": signed.csrfToken, "rows": rows, "hasRows": !rows.isEmpty, "count": rows.count,
            "links": LetterController.links(words, now: now, zone: zone),
        ]
        if let confirming {
            var warning = words.t(
                "月结不可撤销。确认后：\(confirming) 的考核定稿（未计算的先计算），月度通报数字及账本封记存档，"
                    + "此后 \(confirming) 及以前不再接受任何生效的记录（办理、补录、导入、督办函、加减分）。",
                "Closing cannot be undone. Once confirmed, the evaluation of \(confirming) is finalised (run first "
                    + "if it never ran), the report's figures and the ledger head are stored, and nothing may take "
                    + "effect in \(confirming) or before it (actions, back-dated entries, imports, letters, scores).")
            if closed.isEmpty {
                // The first close draws the line for every month before it too, which are not closed one by one.
                warning += words.t(
                    "这是第一次月结：\(confirming) 以前的各月不单独结账（不定稿考核、不存档通报），也一并不再接受任何"
                        + "生效的记录；如需逐月存档，请先结最早的月份。",
                    " This is the first close: the months before \(confirming) are not closed one by one (no "
                        + "evaluation finalised, no report stored) and are shut with it; to keep each month's figures, "
                        + "close the earliest month first.")
            }
            values["confirm"] = ["monthText": confirming.description, "warning": warning]
        } else if Permission.closeMonth.isHeld(by: signed.staff) {
            values["closeForm"] = ["monthText": typed ?? offered.description]
        }
        return desk.page(
            "months", title: title, values: values, context: context, status: status, error: error, notice: notice)
    }
}
