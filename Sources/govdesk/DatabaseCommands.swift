import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// `govdesk db backup|check` (DESIGN §8).
struct DatabaseGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Back up and verify the database.", subcommands: [Backup.self, Check.self])

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Write a consistent copy of the database to FILE, even while others write.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The backup file to create; it must not exist. Created 0600: it holds personal data.")
        var file: String

        func run() throws {
            let context = try CommandContext(global)
            // The same rule as every output: never the database or one of its companions (DESIGN §11.3).
            if OutputFile.isDatabaseOrCompanion(file, of: context.databasePath) {
                throw OutputFile.Refused(
                    message: "db backup \(Printable.quoted(file)) is the database or one of its companion files; "
                        + "write the backup to another file", kind: .refused)
            }
            try context.database().backup(to: file, actor: context.actorCode, at: context.now)
            Output.print(context.json ? Output.json(["backup": file]) : "\(context.databasePath) → \(file)")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract:
                "Run SQLite's integrity check, replay every ticket's audit trail and verify the event hash chains of "
                + "tickets, cases and findings; exit 1 on any problem.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try CommandContext(global)
            let report = try context.database().check()
            if context.json {
                Output.print(
                    Output.json([
                        "ok": report.isClean, "tickets": report.ticketsChecked, "events": report.eventsChecked,
                        "cases": report.casesChecked, "findings": report.findingsChecked,
                        "problems": report.problems.map(\.description),
                    ]))
            } else {
                for problem in report.problems { Output.print(Printable.escaped(problem.description)) }
                Output.print(
                    "event chains verified: \(report.ticketsChecked) tickets, \(report.casesChecked) cases, "
                        + "\(report.findingsChecked) findings")
                Output.print(
                    "\(report.ticketsChecked) tickets, \(report.eventsChecked) events checked: "
                        + (report.isClean ? "ok" : "\(report.problems.count) problems"))
            }
            if !report.isClean { throw CheckFailed(count: report.problems.count) }
        }
    }
}

/// `db check` found problems: exit 1 after the report is printed.
struct CheckFailed: GovDeskError {
    var count: Int
    var kind: FailureKind { .refused }
    var description: String { "the database check found \(count) problem\(count == 1 ? "" : "s")" }
}
