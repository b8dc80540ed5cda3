import Foundation
import GovDeskCore

/// Reads `Config/` (DESIGN §9): a missing file means defaults; the binary carries the default calendar, topics and
/// seeds, so it works from any folder.
struct ConfigLoader {
    /// The folder read, or nil when only the embedded defaults apply.
    let directory: URL?

    /// `--config`, else `GOVDESK_CONFIG`, else `./Config` when it exists.
    static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> ConfigLoader
    {
        ConfigLoader(
            directory: try folder(
                option: option ?? environment["GOVDESK_CONFIG"], fallback: "Config", what: "configuration folder"))
    }

    /// The folder named by an option (which must exist), else `fallback` when it exists beside us, else nil.
    static func folder(option: String?, fallback: String, what: String) throws -> URL? {
        func isFolder(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if let option {
            guard isFolder(option) else {
                throw ConfigError(file: option, .noSuchFolder(what, fallback))
            }
            return URL(fileURLWithPath: option)
        }
        return isFolder(fallback) ? URL(fileURLWithPath: fallback) : nil
    }

    /// `govdesk.yaml`, or the defaults when there is none.
    func configuration() throws -> GovDeskConfiguration {
        guard let url = directory?.appendingPathComponent("govdesk.yaml"),
            FileManager.default.fileExists(atPath: url.path)
        else { return GovDeskConfiguration() }
        return try YAMLDecoding.decode(GovDeskConfiguration.self, text: try Self.read(url), file: url.path)
    }

    /// The embedded calendar years, replaced or extended by `calendar/*.yaml` in the folder (unless `builtInOnly`:
    /// a database's years come from itself and the binary, never from a folder given to one command, DESIGN §9).
    func calendarYears(builtInOnly: Bool = false) throws -> [CalendarYear] {
        try calendarFiles(builtInOnly: builtInOnly).map(\.year)
    }

    /// The calendar years with the file each came from, as `init` stores them.
    func calendarFiles(builtInOnly: Bool = false) throws -> [(year: CalendarYear, source: String)] {
        var texts: [String: (text: String, file: String)] = [:]
        for (name, text) in EmbeddedDefaults.calendars {
            texts[name] = (text, "Config/calendar/\(name).yaml (built in)")
        }
        if !builtInOnly, let folder = directory?.appendingPathComponent("calendar"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        {
            for name in names where name.hasSuffix(".yaml") {
                let url = folder.appendingPathComponent(name)
                texts[String(name.dropLast(5))] = (try Self.read(url), url.path)
            }
        }
        return try texts.keys.sorted().map { key in
            let (text, file) = texts[key]!
            let year = try YAMLDecoding.decode(CalendarFile.self, text: text, file: file).calendarYear
            guard String(year.year) == key else {
                throw ConfigError(file: file, .yearMismatch(year.year, key))
            }
            return (year, file)
        }
    }

    /// The years that have a calendar file, built in or in the folder, read from the names alone.
    func calendarYearNumbers(builtInOnly: Bool = false) throws -> Set<Int> {
        var years = Set(EmbeddedDefaults.calendars.keys.compactMap { Int($0) })
        if !builtInOnly, let folder = directory?.appendingPathComponent("calendar"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        {
            years.formUnion(names.filter { $0.hasSuffix(".yaml") }.compactMap { Int($0.dropLast(5)) })
        }
        return years
    }

    /// The working-day calendar in the configured time zone.
    func workingCalendar(_ configuration: GovDeskConfiguration, builtInOnly: Bool = false) throws -> WorkingCalendar {
        do {
            return try WorkingCalendar(years: try calendarYears(builtInOnly: builtInOnly), timeZone: configuration.zone)
        } catch let error as CalendarError {
            throw ConfigError(
                file: "Config/calendar", message: Phrase(chinese: error.chineseMessage, english: error.englishMessage))
        }
    }

    /// The largest configuration, mapping, seed or calendar file read (DESIGN §11.5).
    static let sizeLimit = 1_000_000

    /// A configuration-like file as text: at most `sizeLimit` bytes of UTF-8.
    static func read(_ url: URL) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ConfigError(file: url.path, .noSuchFile)
        }
        if isDirectory.boolValue { throw ConfigError(file: url.path, .isAFolderGiveFile) }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        if size > sizeLimit {
            throw ConfigError(file: url.path, .tooLarge(size, sizeLimit))
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigError(file: url.path, .notUTF8Text)
        }
    }
}

/// `Config/calendar/YYYY.yaml`.
struct CalendarFile: Decodable {
    struct Day: Decodable {
        var date: LocalDate
        var name: String
    }

    var year: Int
    var notice: String
    var holidays: [Day]
    var makeUpWorkdays: [Day]

    enum CodingKeys: String, CodingKey, CaseIterable { case year, notice, holidays, makeUpWorkdays }

    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        year = try c.decode(Int.self, forKey: .year)
        notice = try c.decode(String.self, forKey: .notice)
        holidays = try c.decodeIfPresent([Day].self, forKey: .holidays) ?? []
        makeUpWorkdays = try c.decodeIfPresent([Day].self, forKey: .makeUpWorkdays) ?? []
    }

    var calendarYear: CalendarYear {
        CalendarYear(
            year: year, notice: notice, holidays: holidays.map { .init($0.date, $0.name) },
            makeUpWorkdays: makeUpWorkdays.map { .init($0.date, $0.name) })
    }
}
