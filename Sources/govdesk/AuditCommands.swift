import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// `govdesk audit list`: who looked at personal data and who changed what (DESIGN §11.1).
struct AuditGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read the audit log (a supervisor or an administrator).",
        subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Audit entries, newest first: personal-data views, exports, imports, backups, reference-data "
                + "and calendar changes.",
            discussion: """
                Examples: audit list --action view-pii --from 2026-11-01
                          audit list --actor cgj1 --action staff-      # every change to staff by cgj1
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only entries by this actor.") var by: String?
        @Option(help: "Only this action, e.g. view-pii, export, backup; a prefix ending in - such as staff-.")
        var action: String?
        @Option(help: "From this local day, YYYY-MM-DD (inclusive).") var from: String?
        @Option(help: "To this local day, YYYY-MM-DD (inclusive).") var to: String?
        @Option(
            help: "At most this many entries, the latest (1 to 100000).", transform: DecimalOption.integer(1...100_000))
        var limit = 200

        func validate() throws {
            try OptionChecks.limit(limit)
            for (name, value) in [("--from", from), ("--to", to)] {
                if let value, LocalDate(value) == nil {
                    throw ValidationError(CLIText.notADate(name, Printable.quoted(value)).early)
                }
            }
        }

        func run() throws {
            let context = try CommandContext(global)
            var filter = GovDeskDatabase.AuditFilter()
            filter.actor = by
            filter.action = action
            filter.limit = limit
            let time = context.localTime
            if let from { filter.from = try context.parseTime(from, option: "--from") }
            if let to, let day = LocalDate(to) {
                filter.before = try context.parseTime(day.adding(days: 1).description, option: "--to")
            }
            let (entries, matched) = try context.database().auditEntries(matching: filter, actor: context.actorCode)
            if context.json {
                Output.print(
                    Output.json([
                        "matched": matched, "shown": entries.count,
                        "entries": entries.map {
                            [
                                "at": time.iso($0.at), "actor": $0.actor, "action": $0.action,
                                "details": TypedDetails.object($0.details) {
                                    time.iso(Date(timeIntervalSince1970: TimeInterval($0)))
                                },
                            ] as [String: Any]
                        },
                    ]))
                return
            }
            let zh = context.language == .zh
            Output.print(
                Output.table(
                    zh ? ["时间", "操作人", "动作", "内容"] : ["time", "actor", "action", "details"],
                    entries.map {
                        [
                            time.format($0.at), Printable.escaped($0.actor), $0.action,
                            Printable.escaped(
                                $0.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                                    separator: "; ")),
                        ]
                    }, maxCell: 80))
            Output.print(listFooter(entries.count, of: matched, unit: ("条", "entries"), language: context.language))
        }
    }
}
