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
    /// Data, one table per file (`MonthlyReport.csvTables`): RFC 4180 with a byte-order mark, for Excel.
    case csv
    /// One self-contained page with inline SVG charts.
    case html

    /// The format an `--out` file's extension names; `.txt` is the terminal table.
    static let byExtension: [String: ReportFormat] = [
        "html": .html, "htm": .html, "md": .md, "markdown": .md, "json": .json, "csv": .csv, "txt": .table,
    ]

    /// What the stderr line after `--out` calls the format.
    var shownName: String { self == .table ? "txt" : rawValue }
}

/// `govdesk report …`: the monthly closure report and the department ranking (DESIGN §6.2).
struct ReportGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The monthly closure report (月度办结通报) and the department ranking (红黑榜).",
        subcommands: [Monthly.self, Departments.self, ReportWindows.self, ReportFindings.self])

    /// The report of `month` in `format`, as the commands print it; `govdesk demo` calls this too. A CSV is one table
    /// per file: `.csv` gives the table named `table` (`headline` unless given).
    static func render(
        month: Month, format: ReportFormat, language: Language, database: GovDeskDatabase, context: CommandContext,
        part: ReportDocument.Part = .full, table: String? = nil
    ) throws -> String {
        let (report, closed) = try load(
            month: month, format: format, language: language, database: database, context: context, part: part)
        let text: String
        switch format {
        case .json:
            text = (part == .full ? report.json() : report.departmentsJSON()).rendered()
        case .md:
            text = ReportDocument(report, language: language, part: part).markdown()
        case .csv:
            let tables = report.csvTables(part: part)
            let name = table ?? "headline"
            guard let chosen = tables.first(where: { $0.name == name }) else {
                throw UsageError(.reportLacksTable(Printable.quoted(name), tables.map(\.name)))
            }
            text = chosen.csv()
        case .html:
            text = report.html(language: language, part: part)
        case .table:
            text = terminalText(ReportDocument(report, language: language, part: part))
        }
        return try mark(text, format: format, language: language, database: database, context: context, closed: closed)
    }

    /// Every data table of the month's report (`--format csv`), its marks on standard error.
    static func csvTables(
        month: Month, language: Language, database: GovDeskDatabase, context: CommandContext,
        part: ReportDocument.Part
    ) throws -> [ReportCSVTable] {
        let (report, closed) = try load(
            month: month, format: .csv, language: language, database: database, context: context, part: part)
        _ = try mark("", format: .csv, language: language, database: database, context: context, closed: closed)
        return report.csvTables(part: part)
    }

    /// The month's report: from the figures stored at its close when it is closed, else computed now.
    static func load(
        month: Month, format: ReportFormat, language: Language, database: GovDeskDatabase, context: CommandContext,
        part: ReportDocument.Part
    ) throws -> (MonthlyReport, ClosedMonth?) {
        // The JSON has no key for 重复诉求, so it is made without looking for them.
        let shown = try database.shownReport(
            for: month, timeZone: context.localTime.timeZone,
            trendMonths: format == .html && part == .full ? 12 : 1, now: context.now, countsRepeats: format != .json,
            hallRange: part == .full ? month.interval(in: try context.calendar()) : nil, language: language)
        return (shown.report, shown.closed)
    }

    /// The seal, the closed-month line and the training line (DESIGN §11.2, §11.4, §11.5); for a CSV on standard
    /// error, its content staying data.
    static func mark(
        _ text: String, format: ReportFormat, language: Language, database: GovDeskDatabase, context: CommandContext,
        closed: ClosedMonth?
    ) throws -> String {
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
                lines.append(Output.table(table.headers, table.rows, maxCell: 60, numericColumns: table.numericColumns))
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
            help: """
                Write the report to this file instead of standard output; its extension (.html, .md, .json, .csv, \
                .txt) picks the format when --format is not given. With --format csv and no --table: a folder \
                (created if missing) that gets one CSV file per table.
                """
        )
        var out: String?

        @Option(
            help: """
                With CSV: the one table to write, to standard output or --out FILE: headline, departments, by-type, \
                by-channel, topics, repeat-topics, letters, hall-summary, hall-awards.
                """
        )
        var table: String?

        @Flag(help: "Replace the --out file (or the folder's CSV files) if they exist.") var force = false

        func validate() throws {
            if let month, Month(month) == nil {
                throw ValidationError(CLIText.notAMonth("--month", Printable.quoted(month)).early)
            }
        }

        /// The month asked for, or the last complete one; a month that has not begun is refused.
        func resolvedMonth(_ context: CommandContext) throws -> Month {
            let current = Month(containing: context.now, in: context.localTime.timeZone)
            guard let text = month else { return current.previous }
            guard let asked = Month(text) else {
                throw UsageError(.notAMonth("--month", Printable.quoted(text)))
            }
            if asked > current {
                throw UsageError(.monthNotBegun(asked.description, current.description))
            }
            return asked
        }

        /// `--format`, else `--json`, else `--table` (CSV), else the `--out` file's extension, else the terminal table.
        /// An `--out` whose extension names no format is refused rather than guessed.
        func resolvedFormat(_ context: CommandContext) throws -> ReportFormat {
            if let format { return format }
            if context.json { return .json }
            if table != nil { return .csv }
            guard let out else { return .table }
            let ext = URL(fileURLWithPath: out).pathExtension.lowercased()
            if let format = ReportFormat.byExtension[ext] { return format }
            throw UsageError(.noReportFormat(Printable.quoted(out), ext.isEmpty ? nil : Printable.quoted(ext)))
        }

        /// Refuses what cannot be written before anything is read: `--table` outside CSV or not a table of the
        /// report, and CSV to standard output without `--table` (several tables do not make one CSV file).
        func checkTable(format: ReportFormat, part: ReportDocument.Part) throws {
            let names = part == .full ? MonthlyReport.csvTableNames : ["departments"]
            if let table {
                guard format == .csv else {
                    throw UsageError(.tableIsForCSV)
                }
                guard names.contains(table) else {
                    throw UsageError(.notATable(Printable.quoted(table), names))
                }
            } else if format == .csv, part == .full {
                guard let out else {
                    throw UsageError(.csvNeedsTable(names))
                }
                if URL(fileURLWithPath: out).pathExtension.lowercased() == "csv", !Self.isFolder(out) {
                    throw UsageError(.csvOutIsAFile(Printable.quoted(out)))
                }
            }
        }

        static func isFolder(_ path: String) -> Bool {
            var status = stat()
            return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
        }

        /// Renders `part` of the asked month's report and prints or writes it: `report monthly` and
        /// `report departments`.
        func run(_ global: GlobalOptions, part: ReportDocument.Part) throws {
            let context = try CommandContext(global)
            let month = try resolvedMonth(context)
            let format = try resolvedFormat(context)
            try checkTable(format: format, part: part)
            // `report departments` has one table: --table is not needed.
            let table = table ?? (part == .departments ? "departments" : nil)
            if format == .csv, table == nil, let out {
                let tables = try ReportGroup.csvTables(
                    month: month, language: context.language, database: try context.database(), context: context,
                    part: part)
                try writeFolder(out, tables: tables, context: context)
                return
            }
            let text = try ReportGroup.render(
                month: month, format: format, language: context.language, database: try context.database(),
                context: context, part: part, table: table)
            try emit(text, context: context, format: format)
        }

        /// Writes each table to `folder/<name>.csv` (the folder is created if missing), each file under the file rules
        /// of DESIGN §11.3; every target is checked before the first is written, so a file that exists without
        /// `--force` stops the command with nothing written.
        func writeFolder(_ folder: String, tables: [ReportCSVTable], context: CommandContext) throws {
            try LetterFiles.prepare(folder, databasePath: context.databasePath)
            let paths = tables.map { URL(fileURLWithPath: folder).appendingPathComponent($0.fileName).path }
            for path in paths {
                _ = try OutputFile.check(path, option: "--out", force: force, databasePath: context.databasePath)
            }
            for (table, path) in zip(tables, paths) {
                try OutputFile.write(
                    Data(table.csv().utf8), to: path, option: "--out", force: force,
                    databasePath: context.databasePath, personalData: false)
            }
            let names = tables.map(\.fileName)
            if context.json {
                Output.print(Output.json(["folder": folder, "format": "csv", "files": names] as [String: Any]))
            } else {
                Output.writeError(
                    Printable.escaped(
                        context.language == .zh
                            ? "已写入 \(folder)：\(names.count) 个 CSV 文件（\(names.joined(separator: "、"))）"
                            : "wrote \(names.count) CSV files to \(folder): \(names.joined(separator: ", "))") + "\n")
            }
        }

        /// Prints the report, or writes it whole to `--out` (DESIGN §11.3) and says on standard error what it wrote,
        /// in the output's language (standard output stays empty, or carries the JSON answer under `--json`). JSON
        /// and CSV are data for programs and are printed as they are; the other formats escaped what people typed
        /// already, and `Output.print` guards them once more.
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
                    Output.json(["file": out, "format": format.shownName, "bytes": data.count] as [String: Any]))
            } else {
                Output.writeError(
                    Printable.escaped(
                        context.language == .zh
                            ? "已写入 \(out)（\(format.shownName) 格式，\(size)）"
                            : "wrote \(out) (\(format.shownName), \(size))") + "\n")
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
