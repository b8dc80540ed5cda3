import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// The output formats of a report.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    /// Aligned tables for the terminal (CJK-aware).
    case table
    /// GitHub-flavoured Markdown.
    case md
    /// The fixed English keys of DESIGN §6.2, for scripts.
    case json
    /// RFC 4180 with a byte-order mark, for Excel.
    case csv
    /// One self-contained page with inline SVG charts.
    case html
}

/// `govdesk report …`: the monthly closure report and the department ranking (DESIGN §6.2).
struct ReportGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The monthly closure report (月度办结通报) and the department ranking (红黑榜).",
        subcommands: [Monthly.self, Departments.self, ReportWindows.self, ReportFindings.self])

    /// The report of `month` in `format`, as the commands print it; `govdesk demo` calls this too.
    static func render(
        month: Month, format: ReportFormat, language: Language, database: GovDeskDatabase, context: CommandContext,
        part: ReportDocument.Part = .full
    ) throws -> String {
        let zone = context.localTime.timeZone
        var report: MonthlyReport
        let closed = try database.closedMonth(month)
        if let closed {
            // A closed month is shown from the figures stored when it was closed, in every format (DESIGN §11.2).
            let stored = try closed.figures()
            report = stored.report
            if part == .full { report.hall = stored.hall.map { HallSection($0, language: language) } }
        } else {
            // The hall's part (full reports only) is read alongside the tickets' folds, from the same snapshot. The
            // JSON has no key for 重复诉求, so it is made without looking for them.
            let (made, hall) = try database.monthlyReport(
                for: month, timeZone: zone, trendMonths: format == .html && part == .full ? 12 : 1, now: context.now,
                countsRepeats: format != .json,
                hallRange: part == .full ? month.interval(in: try context.calendar()) : nil)
            report = made
            report.hall = hall.map { HallSection($0, language: language) }
        }
        let text: String
        switch format {
        case .json:
            text = (part == .full ? report.json() : report.departmentsJSON()).rendered()
        case .md:
            text = ReportDocument(report, language: language, part: part).markdown()
        case .csv:
            text = ReportDocument(report, language: language, part: part).csv()
        case .html:
            text = report.html(language: language, part: part)
        case .table:
            text = terminalText(ReportDocument(report, language: language, part: part))
        }
        // The ledger's head, read after the figures: a seal that covers everything they were made from (DESIGN §11.4).
        let sealed = try database.seal().map {
            LedgerMark.mark(text, head: $0.hash, format: format, language: language)
        }
        var marked = sealed ?? text
        if let closed {
            marked = ClosedMark.mark(
                marked, closed: closed, time: context.localTime, format: format, language: language)
        }
        return database.kind == .training ? TrainingMark.mark(marked, format: format, language: language) : marked
    }

    /// The document as aligned terminal tables, numbers right-aligned.
    static func terminalText(_ document: ReportDocument) -> String {
        // Titles, notes and cells hold department names and topics that people typed (DESIGN §11.5).
        let title = Printable.escaped(document.title)
        var lines = [title, String(repeating: "=", count: Output.displayWidth(title))]
        lines += document.subtitle.map { Printable.escaped($0) }
        for table in document.tables {
            lines.append("")
            lines.append(Printable.escaped(table.title))
            if !table.rows.isEmpty {
                var rows = table.rows
                var headers = table.headers
                for column in table.numericColumns.sorted() where column < headers.count {
                    let width =
                        ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" })
                        .map(Output.displayWidth).max() ?? 0
                    func left(_ text: String) -> String {
                        String(repeating: " ", count: max(0, width - Output.displayWidth(text))) + text
                    }
                    headers[column] = left(headers[column])
                    for r in rows.indices where column < rows[r].count { rows[r][column] = left(rows[r][column]) }
                }
                lines.append(Output.table(headers, rows, maxCell: 60))
            }
            if let note = table.note { lines.append(Printable.escaped(note)) }
        }
        if !document.footnotes.isEmpty {
            lines.append("")
            lines += document.footnotes.map { "* " + Printable.escaped($0) }
        }
        return lines.joined(separator: "\n")
    }

    /// Options shared by the report commands.
    struct ReportOptions: ParsableArguments {
        @Option(help: "The month, YYYY-MM. Defaults to the last complete month before --now.")
        var month: String?

        @Option(help: "table (default), md, json, csv or html. --json means --format json.")
        var format: ReportFormat?

        @Option(
            help:
                "Write the report to this file instead of standard output; its extension (.html, .md, .json, .csv, .txt) picks the format when --format is not given."
        )
        var out: String?

        @Flag(help: "Replace the --out file if it exists.") var force = false

        func validate() throws {
            if let month, Month(month) == nil {
                throw ValidationError(
                    "--month '\(Printable.quoted(month))' is not a month; use YYYY-MM such as 2025-03")
            }
        }

        /// The month asked for, or the last complete one; a month that has not begun is refused.
        func resolvedMonth(_ context: CommandContext) throws -> Month {
            let current = Month(containing: context.now, in: context.localTime.timeZone)
            guard let text = month else { return current.previous }
            guard let asked = Month(text) else {
                throw UsageError("--month '\(Printable.quoted(text))' is not a month; use YYYY-MM such as 2025-03")
            }
            if asked > current {
                throw UsageError("--month \(asked) has not begun (it is \(current) now); choose \(current) or earlier")
            }
            return asked
        }

        func resolvedFormat(_ context: CommandContext) -> ReportFormat {
            if let format { return format }
            if context.json { return .json }
            if let out {
                switch URL(fileURLWithPath: out).pathExtension.lowercased() {
                case "html", "htm": return .html
                case "md", "markdown": return .md
                case "json": return .json
                case "csv": return .csv
                default: break
                }
            }
            return .table
        }

        /// Renders `part` of the asked month's report and prints or writes it: `report monthly` and
        /// `report departments`.
        func run(_ global: GlobalOptions, part: ReportDocument.Part) throws {
            let context = try CommandContext(global)
            let month = try resolvedMonth(context)
            let format = resolvedFormat(context)
            let text = try ReportGroup.render(
                month: month, format: resolvedFormat(context), language: context.language,
                database: try context.database(), context: context, part: part)
            try emit(text, context: context, format: resolvedFormat(context))
        }

        /// Prints the report, or writes it whole to `--out` (DESIGN §11.3) and says what it wrote. JSON and CSV are
        /// data for programs and are printed as they are; the other formats escaped what people typed already, and
        /// `Output.print` guards them once more.
        func emit(_ text: String, context: CommandContext, format: ReportFormat) throws {
            guard let out else {
                // CSV, Markdown and HTML already end their last line; the terminal text does not.
                let terminator = text.unicodeScalars.last == "\n" ? "" : "\n"
                if format == .json || format == .csv {
                    Output.printData(text, terminator: terminator)
                } else {
                    Output.print(text, terminator: terminator)
                }
                return
            }
            // `hasSuffix("\n")` would miss CSV's CRLF, which Swift reads as one character.
            let data = Data((text.unicodeScalars.last == "\n" ? text : text + "\n").utf8)
            try OutputFile.write(
                data, to: out, option: "--out", force: force, databasePath: context.databasePath, personalData: false)
            let size = data.count >= 10_240 ? "\(data.count / 1024) KB" : "\(data.count) B"
            if context.json {
                Output.print(
                    Output.json(["file": out, "format": format.rawValue, "bytes": data.count] as [String: Any]))
            } else {
                Output.print(
                    context.language == .zh
                        ? "已写入 \(out)（\(format.rawValue)，\(size)）" : "wrote \(out) (\(format.rawValue), \(size))")
            }
        }
    }

    struct Monthly: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "monthly",
            abstract: "The monthly closure report: headline figures with 环比 and 同比, departments, types, channels, "
                + "top topics, repeat demands and letters, as of the end of the month.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions

        func run() throws { try options.run(global, part: .full) }
    }

    struct Departments: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "departments",
            abstract: "The department ranking alone, with the red and black lists (红黑榜).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions

        func run() throws { try options.run(global, part: .departments) }
    }
}
