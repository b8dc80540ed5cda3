import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

extension ExportFormat: ExpressibleByArgument {}

/// `govdesk export …`: CSV or JSON lines for people and scripts upstream (DESIGN §7).
struct ExportGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export tickets, their events, the hall's cases, ratings, findings and evaluations, or supervision "
            + "letters for a month or a range of local days, as CSV or JSON lines.",
        discussion: """
            CSV is RFC 4180 in UTF-8 with a byte-order mark (so that Excel shows Chinese), cells starting with \
            = + - @ or a tab are prefixed with an apostrophe against formula injection, and times are local with \
            their offset (2025-10-21T16:05:00+08:00). Caller names and phones are masked unless --include-pii is \
            given (applicant names and phones of cases and ratings alike). Every export is recorded in the audit log: who, when, what and how many rows. JSON lines carry numbers and booleans as such, and an event's details as an object.

            Examples:
              govdesk export tickets --month 2026-10 --out tickets.csv
              govdesk export events --from 2026-10-01 --to 2026-10-15 --format jsonl
              govdesk --actor db01 export cases --month 2026-10 --include-pii \\
                  --out cases.csv
            """,
        subcommands: [
            Tickets.self, Events.self, Cases.self, Ratings.self, Findings.self, Evaluations.self, Letters.self,
        ]
    )

    /// What every export takes.
    struct Options: ParsableArguments {
        @Option(help: "The local month, YYYY-MM.") var month: String?
        @Option(help: "The first local day, YYYY-MM-DD (with --to; inclusive).") var from: String?
        @Option(help: "The last local day, YYYY-MM-DD (with --from; inclusive).") var to: String?
        @Option(help: "The file to write; standard output when omitted.") var out: String?
        @Flag(help: "Replace the --out file if it exists.") var force = false
        @Option(help: "csv (default) or jsonl (one JSON object per line, keys as the CSV headers).")
        var format: ExportFormat = .csv
        @Flag(help: "Omit the UTF-8 byte-order mark at the start of a CSV file.") var noBom = false
        @Flag(help: "Show caller names and phone numbers in full (the export is audited either way).")
        var includePii = false

        /// The local days asked for, as `[first, last]`.
        func days() throws -> (first: LocalDate, last: LocalDate) {
            switch (month, from, to) {
            case (let month?, nil, nil):
                guard let m = Month(month) else {
                    throw UsageError(.notAMonth("--month", Printable.quoted(month)))
                }
                return (m.firstDay, m.lastDay)
            case (nil, let from?, let to?):
                guard let first = LocalDate(from), (1970...9999).contains(first.year) else {
                    throw UsageError(.notADate("--from", Printable.quoted(from)))
                }
                guard let last = LocalDate(to), (1970...9999).contains(last.year) else {
                    throw UsageError(.notADate("--to", Printable.quoted(to)))
                }
                guard first <= last else { throw UsageError(.fromAfterTo(from, to)) }
                return (first, last)
            default:
                throw UsageError(.monthOrRange)
            }
        }
    }

    /// Runs one export kind: checks the actor, streams the rows to the file or standard output, audits it.
    static func run(_ kind: any ExportKind, _ options: Options, _ global: GlobalOptions) throws {
        let context = try CommandContext(global)
        let (first, last) = try options.days()
        let database = try context.database()
        // A masked export is a read, open without an actor (recorded as unnamed); personal data needs a named
        // reader the permission table allows (DESIGN §11.1). Asking for it (--include-pii) always names the reader,
        // whose name the audit entry records, even of a kind that holds none (findings, evaluations, letters).
        let reader: String
        if options.includePii {
            reader = try context.actorCode
            try database.authorize(kind.hasPersonalData ? .exportPersonalData : .exportData, actor: reader)
        } else if let named = try context.namedActor {
            reader = named
            try database.authorize(.exportData, actor: reader)
        } else {
            reader = "(unnamed)"
        }
        let clock = ZoneClock(timeZone: context.localTime.timeZone)
        let start = Date(
            timeIntervalSince1970: TimeInterval(clock.instant(wallSeconds: Int64(first.dayNumber) * 86400)))
        let end = Date(
            timeIntervalSince1970: TimeInterval(clock.instant(wallSeconds: Int64(last.dayNumber + 1) * 86400)))
        let exportContext = ExportContext(
            includePersonalData: options.includePii, timeZone: context.localTime.timeZone)

        // The data stays pure: a training database says so on standard error (DESIGN §11.5).
        if database.kind == .training { Output.warn(TrainingMark.line(context.language)) }
        let personalData = options.includePii && kind.hasPersonalData
        let file = options.out.flatMap { $0 == "-" ? nil : $0 } ?? "(standard output)"
        func audit(rows: String) throws {
            try database.recordAudit(
                actor: reader, action: "export",
                details: [
                    "kind": kind.name, "from": first.description, "to": last.description, "rows": rows, "file": file,
                    "format": options.format.rawValue, "includePII": String(personalData),
                ], at: context.now)
        }
        // On a terminal, a line on standard error that counts the rows written; cleared before the summary.
        let progress = ProgressLine(context)
        defer { progress.finish() }
        progress.stage("导出 \(kind.name)", "exporting \(kind.name)")
        let counted: (Int) -> Void = { progress.count($0, of: nil, "已导出行数", "rows exported") }
        let count: Int
        if let out = options.out, out != "-" {
            // Written beside the target and renamed once complete and audited: a failed export, or one whose audit
            // entry cannot be written, leaves no file and delivers no personal data (DESIGN §11.3).
            let output = try OutputFile.create(
                out, option: "--out", force: options.force, databasePath: context.databasePath,
                personalData: personalData)
            do {
                let encoder = ExportEncoder(
                    format: options.format, byteOrderMark: !options.noBom,
                    writer: BufferedWriter(handle: output.handle))
                count = try database.export(
                    kind, from: start, to: end, context: exportContext, to: encoder, progress: counted)
                try audit(rows: String(count))
                try output.commit()
            } catch {
                output.discard()
                throw error
            }
        } else {
            // Standard output cannot be taken back: the audit entry comes first.
            if personalData { try audit(rows: "(streamed)") }
            let encoder = ExportEncoder(
                format: options.format, byteOrderMark: !options.noBom,
                writer: BufferedWriter(sink: Output.writeOrThrow))
            count = try database.export(
                kind, from: start, to: end, context: exportContext, to: encoder, progress: counted)
            if !personalData { try audit(rows: String(count)) }
        }
        progress.finish()
        guard options.out != nil, options.out != "-" else { return }
        if context.json {
            Output.print(
                Output.json(
                    [
                        "kind": kind.name, "from": first.description, "to": last.description, "rows": count,
                        "file": file,
                    ] as [String: Any]))
        } else {
            Output.print(
                CLIText.exported(count, kind.name, first.description, last.description, file).text(context.language))
        }
    }

    /// What every export subcommand takes: the global options and the export's own.
    struct Arguments: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: Options
    }

    struct Tickets: ExportSubcommand {
        static var kind: any ExportKind { TicketExport() }
        static let abstract = "Tickets created in the range, one row each."
        @OptionGroup var arguments: Arguments
    }

    struct Events: ExportSubcommand {
        static var kind: any ExportKind { TicketEventExport() }
        static let abstract = "Ticket events that happened in the range, one row each."
        static let details =
            " details is the event's JSON; caller name and phone in creation events are masked unless --include-pii "
            + "is given."
        @OptionGroup var arguments: Arguments
    }

    struct Cases: ExportSubcommand {
        static var kind: any ExportKind { CaseExport() }
        static let abstract = "Window cases (办件) received in the range, one row each."
        @OptionGroup var arguments: Arguments
    }

    struct Ratings: ExportSubcommand {
        static var kind: any ExportKind { RatingExport() }
        static let abstract = "Ratings (评价) given in the range, one row each, with the 差评's finding."
        @OptionGroup var arguments: Arguments
    }

    struct Findings: ExportSubcommand {
        static var kind: any ExportKind { FindingExport() }
        static let abstract = "Findings (问题) reported in the range, one row each, as they stand now."
        @OptionGroup var arguments: Arguments
    }

    struct Evaluations: ExportSubcommand {
        static var kind: any ExportKind { EvaluationExport() }
        static let abstract =
            "Evaluation results of every evaluated month overlapping the range, one row per staff member or window."
        @OptionGroup var arguments: Arguments
    }

    struct Letters: ExportSubcommand {
        static var kind: any ExportKind { LetterExport() }
        static let abstract = "Supervision letters (提醒函 / 预警函) issued in the range, one row each."
        static let details =
            " subjects lists the ticket, case and finding numbers the letter names, separated by ;, and text is the "
            + "letter's Markdown (several lines in one quoted CSV cell)."
        @OptionGroup var arguments: Arguments
    }
}

/// An export subcommand: its kind names it and lists its columns; running it is `ExportGroup.run`.
protocol ExportSubcommand: ParsableCommand {
    static var kind: any ExportKind { get }
    static var abstract: String { get }
    /// Said after the list of columns.
    static var details: String { get }
    var arguments: ExportGroup.Arguments { get }
}

extension ExportSubcommand {
    static var details: String { "" }

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: kind.name, abstract: abstract,
            discussion: "Columns: " + kind.headers.joined(separator: ", ") + "." + details)
    }

    func run() throws { try ExportGroup.run(Self.kind, arguments.options, arguments.global) }
}
