import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// Flags every command takes (DESIGN §10).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The database file. Defaults to $GOVDESK_DB, else ./govdesk.sqlite.")
    var db: String?

    @Option(name: .long, help: "The configuration folder. Defaults to $GOVDESK_CONFIG, else ./Config when it exists.")
    var config: String?

    @Option(name: .long, help: "The staff code acting. Defaults to $GOVDESK_ACTOR, else the configured default actor.")
    var actor: String?

    @Option(
        name: .long,
        help:
            "The clock, for backdated entry and reproducible runs: YYYY-MM-DD[THH:MM[:SS]][offset]. Defaults to $GOVDESK_NOW, else now."
    )
    var now: String?

    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false

    @Option(name: .long, help: "Label language: zh or en. Defaults to the configured language.")
    var lang: Language?
}

extension Language: ExpressibleByArgument {}

/// What a command needs, resolved once from the global options: configuration, clock, actor, database.
final class CommandContext {
    let options: GlobalOptions
    let environment: [String: String]
    let loader: ConfigLoader
    let configuration: GovDeskConfiguration
    let localTime: LocalTime
    let now: Date

    init(_ options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.options = options
        self.environment = environment
        loader = try ConfigLoader.resolve(option: options.config, environment: environment)
        configuration = try loader.configuration()
        localTime = LocalTime(timeZone: configuration.zone)
        if let text = options.now ?? environment["GOVDESK_NOW"] {
            guard let parsed = localTime.parse(text) else {
                throw UsageError(
                    "--now '\(text)' is not a time; use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or the same with an offset such as +08:00"
                )
            }
            now = parsed
        } else {
            now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        }
    }

    var language: Language { options.lang ?? configuration.language }
    var json: Bool { options.json }

    var databasePath: String { options.db ?? environment["GOVDESK_DB"] ?? "govdesk.sqlite" }

    var actorCode: String { options.actor ?? environment["GOVDESK_ACTOR"] ?? configuration.defaultActor }

    private var openedDatabase: GovDeskDatabase?

    /// Opens the database (creating and migrating it when new).
    func database() throws -> GovDeskDatabase {
        if let openedDatabase { return openedDatabase }
        let database = try GovDeskDatabase(path: databasePath)
        openedDatabase = database
        return database
    }

    private var loadedCalendar: WorkingCalendar?

    /// The working-day calendar, loaded on first use only: most commands never need it.
    func calendar() throws -> WorkingCalendar {
        if let loadedCalendar { return loadedCalendar }
        let calendar = try loader.workingCalendar(configuration)
        loadedCalendar = calendar
        return calendar
    }

    func deadlineRules() throws -> DeadlineRules {
        DeadlineRules(calendar: try calendar(), limits: configuration.limits)
    }

    /// Parses a time option the way `--now` is parsed.
    func parseTime(_ text: String, option: String) throws -> Date {
        guard let date = localTime.parse(text) else {
            throw UsageError(
                "\(option) '\(text)' is not a time; use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], optionally with an offset")
        }
        return date
    }
}

/// A malformed command line found after parsing: exit 64.
struct UsageError: GovDeskError {
    var message: String
    init(_ message: String) { self.message = message }
    var kind: FailureKind { .usage }
    var description: String { message }
}
