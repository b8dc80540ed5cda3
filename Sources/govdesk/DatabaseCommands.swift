import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// `govdesk db backup|check|seal` (DESIGN §8, §11.4).
struct DatabaseGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Back up and verify the database.",
        subcommands: [Backup.self, Check.self, Seal.self])

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Write a consistent copy of the database to FILE, even while others write.",
            discussion: """
                The copy is written under a temporary name beside FILE, checked with SQLite's integrity check, and \
                only then put in place: a failed or killed backup leaves FILE as it was. A supervisor or an \
                administrator; recorded in the audit log.

                Examples:
                  govdesk --actor db01 db backup backups/govdesk-2026-12-05.sqlite
                  govdesk --actor db01 db backup backups/latest.sqlite --force    # replace last night's copy
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The backup file to write. Created 0600: it holds personal data.")
        var file: String
        @Flag(help: "Replace FILE if it exists (never the database itself, nor a database in use).")
        var force = false

        func run() throws {
            let context = try CommandContext(global)
            // The same rules as every file output (DESIGN §11.3): never the database or one of its companions, a
            // folder, a link or a device; a missing folder is named; an existing file only with --force.
            if OutputFile.isDatabaseOrCompanion(file, of: context.databasePath) {
                throw OutputFile.Refused(.backupIsTheDatabase(Printable.quoted(file)), kind: .refused)
            }
            _ = try OutputFile.check(
                file, option: "db backup", force: force, databasePath: context.databasePath, replacingDatabases: true)
            let progress = ProgressLine(context)
            defer { progress.finish() }
            progress.stage("备份 \(file)", "backing up to \(file)")
            try context.database().backup(
                to: file, actor: context.actorCode, at: context.now, replacing: force,
                progress: { done, total in progress.count(done, of: total, "已复制页数", "pages copied") })
            progress.finish()
            Output.print(context.json ? Output.json(["backup": file]) : "\(context.databasePath) → \(file)")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract:
                "Run SQLite's integrity check, replay the audit trail of every ticket, case and finding and compare "
                + "it with the row, verify their event hash chains and the ledger (with --seal, a head printed "
                + "earlier by `db seal`); exit 1 on any problem.",
            discussion: """
                Every broken record is named, and every break in its chain (at most five per record, \
                then how many more); after \(IntegrityReport.recordsListedPerKind) records of one kind \
                with problems, the rest are counted in one line.

                Examples:
                  govdesk db check
                  govdesk db check --seal 3f1c…(the 64 digits `db seal` printed)
                """)
        @OptionGroup var global: GlobalOptions
        @Option(
            name: .customLong("seal"),
            help: ArgumentHelp(
                "A ledger head printed earlier by `govdesk db seal` (64 hexadecimal digits): the check proves that "
                    + "nothing before it was changed.", valueName: "HASH"))
        var seal: String?

        func run() throws {
            let context = try CommandContext(global)
            var sealBytes: Data?
            if let seal {
                guard let bytes = GovDeskDatabase.sealBytes(seal) else {
                    throw UsageError(.notASeal(Printable.quoted(seal)))
                }
                sealBytes = bytes
            }
            // On a terminal, a line on standard error that follows the stages; cleared before the findings.
            let progress = ProgressLine(context)
            defer { progress.finish() }
            let report = try context.database().check(seal: sealBytes) { stage, done, total in
                let (zh, en) = Self.label(stage)
                if done == 0 { progress.stage(zh, en) } else { progress.count(done, of: total, zh, en) }
            }
            progress.finish()
            if context.json {
                Output.print(
                    Output.json([
                        "ok": report.isClean, "tickets": report.ticketsChecked, "events": report.eventsChecked,
                        "cases": report.casesChecked, "findings": report.findingsChecked,
                        "ledgerEntries": report.ledgerEntries, "sealVerified": report.sealVerified as Any,
                        "problems": report.problems.map(\.description),
                    ]))
            } else {
                let language = context.language
                for problem in report.problems { Output.print(Printable.escaped(problem.text(language))) }
                Output.print(
                    CLIText.chainsVerified(
                        tickets: report.ticketsChecked, cases: report.casesChecked, findings: report.findingsChecked
                    ).text(language))
                Output.print(
                    CLIText.ledgerVerified(report.ledgerEntries, sealed: report.sealVerified == true).text(language))
                Output.print(
                    CLIText.checked(
                        tickets: report.ticketsChecked, events: report.eventsChecked,
                        problems: report.isClean ? nil : report.problems.count
                    ).text(language))
            }
            if !report.isClean { throw CheckFailed(count: report.problems.count) }
        }

        /// What a stage is called on the progress line.
        static func label(_ stage: CheckStage) -> (zh: String, en: String) {
            switch stage {
            case .integrity: return ("SQLite 完整性检查", "SQLite integrity check")
            case .tickets: return ("核对工单", "tickets replayed")
            case .cases: return ("核对办件", "cases replayed")
            case .findings: return ("核对整改", "findings replayed")
            case .ledger: return ("核对账本", "checking the ledger")
            case .closedMonths: return ("核对已月结月份", "recomputing closed months")
            }
        }
    }

    struct Seal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seal",
            abstract: "Print the ledger's head: keep it elsewhere, and `db check --seal` proves later that nothing "
                + "before it was changed.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try CommandContext(global)
            guard let seal = try context.database().seal() else {
                throw NothingToSeal(path: context.databasePath)
            }
            if context.json {
                Output.print(Output.json(["ledgerHead": seal.hash, "entry": seal.entry]))
            } else {
                Output.print(seal.hash)
                if isatty(STDERR_FILENO) == 1 {
                    Output.writeError(
                        "ledger head after \(seal.entry) write transactions. Keep this line somewhere the database's "
                            + "users cannot change it; `govdesk db check --seal \(seal.hash)` later proves nothing "
                            + "before it was changed.")
                }
            }
        }
    }
}

/// `db check` found problems: exit 1 after the report is printed.
struct CheckFailed: GovDeskError {
    var count: Int
    var kind: FailureKind { .refused }
    var chineseMessage: String { CLIText.checkFailed(count).chinese }
    var englishMessage: String { CLIText.checkFailed(count).english }
}

/// `db seal` on a database whose ledger has no entry yet.
struct NothingToSeal: GovDeskError {
    var path: String
    var kind: FailureKind { .refused }
    var chineseMessage: String { CLIText.nothingToSeal(path).chinese }
    var englishMessage: String { CLIText.nothingToSeal(path).english }
}
