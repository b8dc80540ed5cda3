import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// `govdesk import tickets`: tickets from another system's export (DESIGN §7).
struct ImportGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring in tickets from another system's CSV export.",
        subcommands: [Tickets.self]
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
                calendar is not consulted.
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
            let mappingFile = try Self.locate(mapping, context.loader)
            let text = try ConfigLoader.read(URL(fileURLWithPath: mappingFile))
            let decoded = try YAMLDecoding.decode(ImportMapping.self, text: text, file: mappingFile)
            let directory = try database.departmentDirectory()

            // One pass: rows are checked as they are written, in one transaction that any error rolls back.
            let source = try TicketImport(file: file, mapping: decoded, mappingFile: mappingFile, directory: directory)
            let summary = try database.importTickets(
                { try source.next() }, sourceSystem: decoded.sourceSystem, expectedRows: source.estimatedRowCount,
                file: file,
                sourceIdColumn: source.sourceIdColumn,
                actor: context.actorCode,
                at: context.now, numberingZone: context.localTime.timeZone, dryRun: dryRun,
                audit: ["file": file, "mapping": mappingFile, "sourceSystem": decoded.sourceSystem])
            if context.json {
                Output.print(
                    Output.json(
                        [
                            "file": file, "sourceSystem": decoded.sourceSystem, "rows": summary.rows,
                            "new": summary.new,
                            "existing": summary.existing, "dryRun": dryRun,
                        ] as [String: Any]))
            } else if dryRun {
                Output.print(
                    "dry run: \(file) has \(summary.rows) rows: \(summary.new) new, \(summary.existing) already "
                        + "imported; nothing was written")
            } else {
                Output.print(
                    "imported \(file): \(summary.new) new, \(summary.existing) already imported (\(summary.rows) rows)")
            }
        }

        /// The mapping path as given, else `mappings/NAME.yaml` in the configuration folder.
        static func locate(_ name: String, _ loader: ConfigLoader) throws -> String {
            if FileManager.default.fileExists(atPath: name) { return name }
            if let directory = loader.directory {
                let base = name.hasSuffix(".yaml") ? name : name + ".yaml"
                let candidate = directory.appendingPathComponent("mappings").appendingPathComponent(base).path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
            throw UsageError("--mapping \(name): no such file; give a mapping file such as Config/mappings/nyc311.yaml")
        }
    }
}
