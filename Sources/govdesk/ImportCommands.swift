import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// `govdesk import tickets`: tickets from another system's export (DESIGN §7).
struct ImportGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring in tickets from another system's CSV export.",
        subcommands: [Tickets.self, Mappings.self]
    )

    struct Tickets: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tickets",
            abstract: "Import tickets from a CSV file, as a mapping file describes it.",
            discussion: """
                The mapping (Config/mappings/*.yaml, e.g. nyc311.yaml, cn-spreadsheet.yaml, govdesk.yaml) names the \
                columns, the timestamp formats and time zone, which status values mean closed, and how types, \
                channels, topics and departments map. Every row is checked as it is written, in one transaction: \
                the first error in the file names the row and column and nothing is imported (exit 65). Rows \
                already imported (same source system and source id) are skipped, so a re-import adds nothing. \
                Imported tickets keep the deadline their source gives (a due-date column) or none; the working-day \
                calendar is not consulted. A file that does not exist or cannot be read exits 74.

                Examples:
                  govdesk import mappings           # the mappings, by name
                  govdesk --actor op01 import tickets 311.csv --mapping nyc311 \\
                      --dry-run
                  govdesk --actor op01 import tickets 311.csv --mapping nyc311
                  govdesk --actor op01 import tickets old.csv --mapping mine.yaml
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file to import.") var file: String
        @Option(help: "The mapping file, or the name of one in the configuration folder's mappings/ (e.g. nyc311).")
        var mapping: String
        @Flag(help: "Check every row and count what would be imported; write nothing.") var dryRun = false

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            try database.authorizeImport(actor: context.actorCode)
            let (mappingFile, text) = try Self.locate(mapping, context.loader)
            let decoded = try YAMLDecoding.decode(ImportMapping.self, text: text, file: mappingFile)
            let directory = try database.departmentDirectory()

            // One pass: rows are checked as they are written, in one transaction that any error rolls back.
            let source = try TicketImport(file: file, mapping: decoded, mappingFile: mappingFile, directory: directory)
            // On a terminal, a line on standard error that counts the rows read (a city's export takes a while).
            let progress = ProgressLine(context)
            defer { progress.finish() }
            progress.stage("读取 \(file)", "reading \(file)")
            var read = 0
            let summary = try database.importTickets(
                {
                    let row = try source.next()
                    if row != nil {
                        read += 1
                        progress.count(read, of: source.estimatedRowCount, "已读行数", "rows read")
                    }
                    return row
                }, sourceSystem: decoded.sourceSystem, expectedRows: source.estimatedRowCount,
                file: file,
                sourceIdColumn: source.sourceIdColumn, timeColumns: source.timeColumns,
                actor: context.actorCode,
                at: context.now, numberingZone: context.localTime.timeZone, dryRun: dryRun,
                audit: ["file": file, "mapping": mappingFile, "sourceSystem": decoded.sourceSystem])
            progress.finish()
            if context.json {
                Output.print(
                    Output.json(
                        [
                            "file": file, "sourceSystem": decoded.sourceSystem, "rows": summary.rows,
                            "new": summary.new,
                            "existing": summary.existing, "dryRun": dryRun,
                            "unmappedTopics": summary.unmappedTopics,
                            "commonUnmappedTopics": summary.commonUnmappedTopics.map {
                                ["topic": $0.topic, "rows": $0.rows] as [String: Any]
                            },
                        ] as [String: Any]))
            } else if dryRun {
                Output.print(
                    CLIText.dryRun(file, rows: summary.rows, new: summary.new, existing: summary.existing)
                        .text(context.language))
            } else {
                Output.print(
                    CLIText.imported(file, rows: summary.rows, new: summary.new, existing: summary.existing)
                        .text(context.language))
            }
            if !context.json, summary.unmappedTopics > 0 {
                // A mapping's gaps, so that they are seen rather than found later under 其他 in the report.
                let common = summary.commonUnmappedTopics.map { "“\(Printable.quoted($0.topic))” (\($0.rows))" }
                Output.print(
                    "\(summary.unmappedTopics) of them had a topic the mapping does not list and took topic.default; "
                        + "most often: \(common.joined(separator: ", ")) — add them to the mapping's topic.values")
            }
        }

        /// The mapping as a file path, else `mappings/NAME.yaml` in the configuration folder, else the built-in
        /// mapping of that name: its label and text.
        static func locate(_ name: String, _ loader: ConfigLoader) throws -> (file: String, text: String) {
            if FileManager.default.fileExists(atPath: name) {
                return (name, try ConfigLoader.read(URL(fileURLWithPath: name)))
            }
            let base = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
            if let directory = loader.directory {
                let candidate = directory.appendingPathComponent("mappings").appendingPathComponent(base + ".yaml")
                if FileManager.default.fileExists(atPath: candidate.path) {
                    return (candidate.path, try ConfigLoader.read(candidate))
                }
            }
            if let text = EmbeddedDefaults.mappings[base] {
                return ("Config/mappings/\(base).yaml (built in)", text)
            }
            throw UsageError(.noSuchMapping(Printable.quoted(name), EmbeddedDefaults.mappings.keys.sorted()))
        }
    }

    struct Mappings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mappings",
            abstract: "List the import mappings by name: built in, and those in the configuration folder's mappings/.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListLimit

        func run() throws {
            let context = try CommandContext(global)
            var names = Set(EmbeddedDefaults.mappings.keys)
            if let folder = context.loader.directory?.appendingPathComponent("mappings"),
                let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
            {
                names.formUnion(files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) })
            }
            var rows: [[String]] = []
            var objects: [[String: Any]] = []
            for name in list.cut(names.sorted()).shown {
                let (file, text) = try Tickets.locate(name, context.loader)
                let mapping = try YAMLDecoding.decode(ImportMapping.self, text: text, file: file)
                rows.append([
                    name, mapping.sourceSystem, Printable.escaped(mapping.description),
                    CLIText.builtIn(file).text(context.language),
                ])
                objects.append([
                    "name": name, "sourceSystem": mapping.sourceSystem, "description": mapping.description,
                    "file": file,
                ])
            }
            if context.json {
                Output.print(Output.json(objects))
            } else {
                let zh = context.language == .zh
                Output.print(
                    Output.table(
                        zh ? ["名称", "来源系统", "诉求内容取自", "文件"] : ["name", "source system", "description from", "file"],
                        rows,
                        maxCell: 60))
                Output.print(
                    listFooter(rows.count, of: names.count, unit: ("个映射", "mappings"), language: context.language))
            }
        }
    }
}
