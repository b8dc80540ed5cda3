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

    @Option(
        name: .long,
        help:
            "The staff code acting; every write names one. Defaults to $GOVDESK_ACTOR. Without bindings it is a claim.")
    var actor: String?

    @Option(
        name: .long,
        help:
            "The clock, for backdated entry and reproducible runs: YYYY-MM-DD[THH:MM[:SS]][offset]. Defaults to $GOVDESK_NOW, else now."
    )
    var now: String?

    @Option(
        name: .long, parsing: .unconditional,
        help:
            "Why an entry takes effect earlier than it is recorded (补录; production databases, a supervisor or an administrator)."
    )
    var backdateReason: String?

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
    /// The configuration in force: the one loaded (`--config`, `GOVDESK_CONFIG`, `./Config`, else built in) with the
    /// rules the database keeps in place of its own (DESIGN §9); the language stays the loaded one's.
    let configuration: GovDeskConfiguration
    /// The configuration as loaded, before the database's rules replace its own (`config apply` stores its rules).
    let loadedConfiguration: GovDeskConfiguration
    /// The rules the database keeps, when it keeps any.
    let storedRules: StoredRules?
    /// Where a configuration folder given to this command differs from the database's rules (they do not apply).
    var ignoredRules: [String]
    let localTime: LocalTime
    /// When the entries this command writes take effect: `--now`, else the real clock.
    let effectiveTime: Date
    /// `--now` as given.
    let givenNow: Date?

    /// The context of the command running, so that `main` can warn after it (every command warns, DESIGN §3).
    nonisolated(unsafe) static var latest: CommandContext?

    /// `readingStoredRules`: false for `demo`, which replaces the database at the path with one made by the
    /// configuration it loads.
    init(
        _ options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
        readingStoredRules: Bool = true
    ) throws {
        self.options = options
        self.environment = environment
        loader = try ConfigLoader.resolve(option: options.config, environment: environment)
        loadedConfiguration = try loader.configuration()
        let path = options.db ?? environment["GOVDESK_DB"] ?? "govdesk.sqlite"
        storedRules = readingStoredRules ? GovDeskDatabase.storedRules(ofFileAt: path) : nil
        if let storedRules {
            do {
                configuration = try loadedConfiguration.withRules(of: storedRules.document)
            } catch {
                throw FileFailure(.storedRulesUnreadable(path, storedRules.setBy, "\(error)"))
            }
            ignoredRules =
                loader.directory == nil ? [] : try loadedConfiguration.ruleDifferences(from: storedRules.document)
        } else {
            configuration = loadedConfiguration
            ignoredRules = []
        }
        localTime = LocalTime(timeZone: configuration.zone)
        if let text = options.now ?? environment["GOVDESK_NOW"] {
            guard let parsed = localTime.parse(text) else {
                throw UsageError(.notATime("--now", Printable.quoted(text)))
            }
            givenNow = parsed
        } else {
            givenNow = nil
        }
        effectiveTime = givenNow ?? Self.realClock()
        Self.latest = self
        // DESIGN §13's PostgreSQL is not part of this build: an address is refused before anything looks for a file
        // of that name, and its password is never shown.
        if DatabaseAddress.isURL(databasePath) {
            throw StoreError.cannotOpen(
                path: databasePath,
                reason: "it is a database server's address, and this build keeps its data in one SQLite file "
                    + "(PostgreSQL is not built in); give the path of a GovDesk database file with --db or GOVDESK_DB")
        }
    }

    /// The real clock, to the second.
    static func realClock() -> Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }

    /// The clock every check uses (DESIGN §11.2): the real clock on a production database; on a training database, or
    /// without one, `--now` when given.
    lazy var now: Date = {
        guard let givenNow else { return effectiveTime }
        let path = databasePath
        let kind = (openedDatabase?.kind) ?? GovDeskDatabase.kind(ofFileAt: path)
        return kind == .production ? Self.realClock() : givenNow
    }()

    var language: Language { options.lang ?? configuration.language }
    var json: Bool { options.json }

    var databasePath: String { options.db ?? environment["GOVDESK_DB"] ?? "govdesk.sqlite" }

    /// The staff member acting (DESIGN §11.1): where the database binds staff to operating-system accounts, the one
    /// bound to the user running the command (another `--actor` is refused); elsewhere the one `--actor` or
    /// `GOVDESK_ACTOR` names, a claim. Nil when none is named.
    var namedActor: String? {
        get throws {
            let claimed = (options.actor ?? environment["GOVDESK_ACTOR"]).flatMap { $0.isEmpty ? nil : $0 }
            guard let database = try existingDatabase() else { return claimed }
            let user = Self.osUser()
            let (bound, anyBinding) = try database.boundStaff(osUser: user)
            guard anyBinding else { return claimed }
            guard let bound else { throw BindingError.unbound(osUser: user) }
            if let claimed, claimed != bound {
                throw BindingError.otherActor(osUser: user, bound: bound, claimed: claimed)
            }
            return bound
        }
    }

    /// The operating-system user running the command.
    static func osUser() -> String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return String(geteuid()) }
        return String(cString: name)
    }

    /// The staff member a write acts as (DESIGN §11.1): there is no implicit actor, so a write without one is a
    /// usage error that says how to name one.
    var actorCode: String {
        get throws {
            guard let actor = try namedActor else {
                throw UsageError(.needsActor)
            }
            return actor
        }
    }

    private var openedDatabase: GovDeskDatabase?

    /// Opens the database, which must exist (DESIGN §11.3): only `init` and `demo` make one (`creating`).
    func database(creating: DatabaseKind? = nil, group: gid_t? = nil) throws -> GovDeskDatabase {
        if let openedDatabase { return openedDatabase }
        let database = try GovDeskDatabase(path: databasePath, creating: creating, group: group)
        database.recording.backdateReason = options.backdateReason
        database.recording.graceMinutes = configuration.backdating.graceMinutes
        // A named actor must exist even where the command would not need one (a read): `--actor nobody` or
        // `--actor system` is a mistake or a probe, not a way to look.
        if creating == nil, let claimed = (options.actor ?? environment["GOVDESK_ACTOR"]), !claimed.isEmpty,
            try database.isInitialized()
        {
            try database.requireActor(claimed)
        }
        openedDatabase = database
        return database
    }

    private var loadedCalendar: WorkingCalendar?

    /// The working-day calendar, loaded on first use only: most commands never need it. The built-in years with
    /// the years the database stores (those it was made with, and those an administrator added) laid over them
    /// (DESIGN §3, §9); a configuration folder's `calendar/` counts only where there is no database yet (`init`
    /// stores it).
    func calendar() throws -> WorkingCalendar {
        if let loadedCalendar { return loadedCalendar }
        let database = try existingDatabase()
        var calendar = try loader.workingCalendar(configuration, builtInOnly: try database?.isInitialized() == true)
        if let database {
            for year in try database.calendarYears() {
                do {
                    calendar = try calendar.adding(year)
                } catch {
                    throw FileFailure(.storedCalendarUnreadable(year.year, CLIText.describe(error, language)))
                }
            }
        }
        loadedCalendar = calendar
        return calendar
    }

    /// Forgets the loaded calendar, after a command changed the years stored in the database.
    func calendarChanged() { loadedCalendar = nil }

    /// The database when its file exists; nil otherwise (a look at the calendar creates no database).
    func existingDatabase() throws -> GovDeskDatabase? {
        if openedDatabase == nil, !FileManager.default.fileExists(atPath: databasePath) { return nil }
        return try database()
    }

    /// The years with a calendar notice, without parsing any: the built-in and configured files' names and the
    /// database's added years. Nil when they cannot be told.
    func loadedCalendarYears() -> Set<Int>? {
        if let loadedCalendar { return Set(loadedCalendar.loadedYears) }
        let database = try? existingDatabase()
        let builtInOnly = (try? database?.isInitialized()) == true
        guard var years = try? loader.calendarYearNumbers(builtInOnly: builtInOnly) else { return nil }
        if let database {
            guard let stored = try? database.calendarYearNumbers() else { return nil }
            years.formUnion(stored)
        }
        return years
    }

    /// From 1 December of a year whose successor has no calendar, one line on standard error (DESIGN §3); nothing
    /// is stored to remember it.
    func warnOfMissingCalendarYear() {
        if environment["GOVDESK_CALENDAR_WARNING"] == "off" { return }
        let today = localTime.localDate(of: now)
        guard today.month == 12, let years = loadedCalendarYears(), years.contains(today.year),
            !years.contains(today.year + 1)
        else { return }
        let next = today.year + 1
        Output.warn(
            language == .zh
                ? "注意：尚未载入 \(next) 年工作日历，跨入 \(next) 年的期限按周一至周五暂定计算；"
                    + "请管理员用 `govdesk calendar add 文件` 载入国务院办公厅的节假日通知"
                : "note: no \(next) working-day calendar is loaded; deadlines into \(next) are provisional "
                    + "(Monday–Friday) until an administrator adds the State Council's notice with "
                    + "`govdesk calendar add FILE`")
    }

    /// The lines every command adds on standard error when they apply: a missing calendar year, rules not applied.
    func warnAfterCommand() {
        warnOfMissingCalendarYear()
        warnOfIgnoredRules()
    }

    /// What every command does when it ends, done or refused: its warnings, then the database closed, so that SQLite
    /// folds the write-ahead log into the file and removes it (a `-wal` left beside the file holds the latest
    /// changes, which a plain copy of the file would miss).
    func finish() {
        warnAfterCommand()
        try? openedDatabase?.closeConnection()
        openedDatabase = nil
    }

    /// When a configuration folder given to this command differs from the rules the database keeps, one line on
    /// standard error naming the differences: they did not apply (DESIGN §9).
    func warnOfIgnoredRules() {
        guard !ignoredRules.isEmpty, let folder = loader.directory?.path else { return }
        let shown = ignoredRules.prefix(5).joined(separator: "; ") + (ignoredRules.count > 5 ? "; …" : "")
        Output.warn(
            language == .zh
                ? "注意：\(folder) 的规则与数据库保存的不同，本命令按数据库的规则执行（数据库 → 配置：\(shown)）；"
                    + "如需修改，请管理员用 `govdesk config apply`"
                : "note: \(folder) differs from the rules this database keeps, and the database's rules applied "
                    + "(database → configuration: \(shown)); an administrator changes them with `govdesk config apply`")
    }

    func deadlineRules() throws -> DeadlineRules {
        DeadlineRules(calendar: try calendar(), limits: configuration.limits)
    }

    /// Parses a time option the way `--now` is parsed.
    func parseTime(_ text: String, option: String) throws -> Date {
        guard let date = localTime.parse(text) else {
            throw UsageError(.notATime(option, Printable.quoted(text)))
        }
        return date
    }
}

/// A request understood and refused, with a message of the command's own (`CLIText`): exit 1.
struct Refusal: GovDeskError {
    var text: CLIText
    init(_ text: CLIText) { self.text = text }
    var kind: FailureKind { .refused }
    var chineseMessage: String { text.chinese }
    var englishMessage: String { text.english }
}

/// A file the command was to write, or a stored value it had to read, that it could not (exit 74): the message says
/// what was done and how to finish.
struct FileFailure: GovDeskError {
    var text: CLIText
    init(_ text: CLIText) { self.text = text }
    var kind: FailureKind { .storage }
    var chineseMessage: String { text.chinese }
    var englishMessage: String { text.english }
}

/// A malformed command line found after parsing: exit 64.
struct UsageError: GovDeskError {
    var text: CLIText
    init(_ text: CLIText) { self.text = text }
    var kind: FailureKind { .usage }
    var chineseMessage: String { text.chinese }
    var englishMessage: String { text.english }
}
