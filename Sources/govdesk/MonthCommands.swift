import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// `govdesk month close|list`: 月结 (DESIGN §11.2). A closed month's report is stored and shown from then on as it
/// was closed; nothing may take effect in it or before it.
struct MonthGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "month", abstract: "Close a month (月结, a supervisor or an administrator) and list closed months.",
        subcommands: [Close.self, List.self])

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close an ended month: its report is stored as it stands and every later rendering shows it.",
            discussion: """
                Months close in order. Closing finalises the month's evaluation (running it first if it never ran). \
                From then on no action, back-dated entry, import, letter or score may take effect in the month or \
                before it; a reopened old ticket takes effect now, as always. `db check` computes the stored figures \
                again from the events and names any that differ.
                Example: govdesk --actor db01 month close 2026-10
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The month, YYYY-MM.") var month: Month

        func validate() throws { try OptionChecks.evaluationMonth(month) }

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            let closed = try database.closeMonth(
                month, timeZone: context.localTime.timeZone, hallRange: month.interval(in: try context.calendar()),
                evaluation: context.configuration.evaluation, actor: context.actorCode, at: context.now)
            if context.json {
                Output.print(Output.json(MonthGroup.json(closed, context)))
                return
            }
            Output.print(
                context.language == .zh
                    ? "\(month) 已月结：通报数字已存档（SHA-256 \(closed.sha256)），账本封记 \(closed.ledgerHead)；"
                        + "此后该月及以前不再接受任何生效的记录"
                    : "\(month) closed: its report's figures are stored (SHA-256 \(closed.sha256)), ledger head "
                        + "\(closed.ledgerHead); nothing may take effect in it or before it from now on")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The closed months, oldest first (with --limit, the latest).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListLimit

        func run() throws {
            let context = try CommandContext(global)
            let (months, matched) = list.cutLatest(try context.database().closedMonths())
            if context.json {
                Output.print(Output.json(["months": months.map { MonthGroup.json($0, context) }]))
                return
            }
            let zh = context.language == .zh
            Output.print(
                Output.table(
                    zh
                        ? ["月份", "月结时间", "操作人", "SHA-256", "账本封记"]
                        : ["month", "closed at", "by", "SHA-256", "ledger head"],
                    months.map {
                        [
                            $0.month.description, context.localTime.format($0.closedAt), $0.closedBy, $0.sha256,
                            $0.ledgerHead,
                        ]
                    }, maxCell: 70))
            Output.print(
                listFooter(months.count, of: matched, unit: ("个月已月结", "months closed"), language: context.language))
        }
    }

    static func json(_ closed: ClosedMonth, _ context: CommandContext) -> [String: Any] {
        [
            "month": closed.month.description, "closedAt": context.localTime.iso(closed.closedAt),
            "closedBy": closed.closedBy, "sha256": closed.sha256, "ledgerHead": closed.ledgerHead,
        ]
    }
}
