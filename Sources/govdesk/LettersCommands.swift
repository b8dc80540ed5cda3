import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

extension LetterKind: ExpressibleByArgument {}

/// `govdesk letters …`: supervision letters (提醒函 / 预警函, DESIGN §4).
struct LettersGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letters",
        abstract: "Issue and read supervision letters (提醒函 / 预警函).",
        discussion: """
            Examples:
              govdesk --actor db01 letters issue --out letters/
              govdesk letters list --month 2026-10 --kind warning --dept CGJ
              govdesk letters show 潞热线警〔2026〕第3号   # or 潞热线警[2026]第3号
              govdesk letters show 3 --kind warning --year 2026
            """,
        subcommands: [Issue.self, List.self, Show.self, Write.self]
    )
}

extension LettersGroup {
    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Scan open tickets, window cases and rectifications and issue the reminder and warning letters "
                + "now due (supervisor or admin).",
            discussion: """
                A reminder (提醒函) is due once the configured share (letters.reminderShare, default 0.8) of the \
                handling time from signing (or reopening) to the deadline in force has elapsed without a reply; a \
                warning (预警函) once that deadline has passed, or once a dispatched ticket's sign-for deadline has \
                passed. Window cases (办件) open past the share of their committed time (限时办结) and findings \
                assigned for rectification (整改) past the share of their rectification time get letters the same \
                way, addressed to the window's department and to the department the finding was assigned to. One \
                letter per department and kind lists all its tickets, cases and findings. Running it again issues \
                nothing new for the same deadline; an approved extension (or a finding sent back with a new \
                deadline) allows new letters.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Also write each letter as DIR/<number>.md.") var out: String?

        func run() throws {
            let context = try CommandContext(global)
            if let out { try LetterFiles.prepare(out, databasePath: context.databasePath) }
            let training = try context.database().kind == .training
            let letters = try context.database().issueLetters(
                actor: context.actorCode, at: context.now, settings: context.configuration.letters,
                localTime: context.localTime, calendarYears: context.loadedCalendarYears())
            if let out {
                do {
                    try LetterFiles.write(
                        letters, to: out, force: false, databasePath: context.databasePath, training: training)
                } catch {
                    // The letters are issued (the database records them); their files can be written again. A file
                    // failure (exit 74), not a refusal: a script must not read it as "nothing happened".
                    throw FileFailure(
                        .lettersNotWritten(
                            letters.count, CLIText.describe(error, context.language), out,
                            context.localTime.iso(context.now)))
                }
            }
            if !letters.isEmpty {
                Output.lostOutputNote =
                    "\(letters.count) letter(s) were issued (\(letters.map(\.number).joined(separator: ", "))), "
                    + "but their list could not be written to standard output"
            }
            let presenter = LetterPresenter(context, training: training)
            if context.json {
                Output.print(Output.json(letters.map(presenter.json)))
            } else if letters.isEmpty {
                Output.print(presenter.marked(presenter.t("没有到期的督办函。", "No letters are due.")))
            } else {
                Output.print(presenter.marked(presenter.table(letters)))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List issued letters.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only letters issued in this local month, YYYY-MM.") var month: String?
        @Option(help: "reminder or warning.") var kind: LetterKind?
        @Option(help: "Only letters to this department code.") var dept: String?
        @Option(help: "At most this many, the latest (1 to 100000).", transform: DecimalOption.integer(1...100_000))
        var limit = 200

        func validate() throws { try OptionChecks.limit(limit) }

        func run() throws {
            let context = try CommandContext(global)
            var filter = LetterFilter()
            filter.kind = kind
            filter.department = dept
            filter.limit = limit
            if let month {
                let range = try LetterPresenter.monthRange(month, context.localTime)
                filter.issuedFrom = range.lowerBound
                filter.issuedBefore = range.upperBound
            }
            let database = try context.database()
            let letters = try database.letters(matching: filter)
            let presenter = LetterPresenter(context, training: database.kind == .training)
            if context.json {
                Output.print(Output.json(letters.map(presenter.json)))
            } else if letters.isEmpty {
                Output.print(presenter.marked(presenter.t("没有符合条件的督办函。", "No letters match.")))
            } else {
                Output.print(presenter.marked(presenter.table(letters)))
                Output.print(
                    presenter.shownLine(letters.count, of: try database.count(matching: filter), unit: ("份", "letters"))
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print one letter as Markdown.",
            discussion: """
                The number may be typed as printed (潞热线警〔2026〕第3号), with [] () （） or 【】 for 〔〕, without \
                the 第, or as the sequence alone (3, 第3号) with --kind and, for another year than this one, --year.

                Examples:
                  govdesk letters show 潞热线警〔2026〕第3号
                  govdesk letters show '潞热线警[2026]第3号'
                  govdesk letters show 3 --kind warning --year 2026
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(
            help:
                "The letter number, e.g. 潞热线提〔2026〕第12号 (also with [] or () for 〔〕), or its sequence alone with --kind."
        )
        var number: String
        @Option(help: "With a bare sequence: reminder or warning.") var kind: LetterKind?
        @Option(
            help: "With a bare sequence: the year (default: this year).", transform: DecimalOption.integer(1970...9999))
        var year: Int?

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            let letter = try database.letter(
                LetterPresenter.resolveNumber(number, kind: kind, year: year, context: context))
            let presenter = LetterPresenter(context, training: database.kind == .training)
            if context.json {
                var object = presenter.json(letter)
                object["text"] = TrainingMark.letter(letter.text, training: presenter.training, language: .zh)
                Output.print(Output.json(object))
            } else {
                Output.print(TrainingMark.letter(letter.text, training: presenter.training, language: context.language))
            }
        }
    }
}

extension LettersGroup {
    struct Write: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write",
            abstract: "Write issued letters as DIR/<number>.md again (DESIGN §11.3): a file lost, or never written.",
            discussion: """
                Choose the letters by --number (repeatable), --issued-at (one `letters issue` run) or --month; an \
                existing file is replaced only with --force. Example: letters write --out letters/ --month 2026-10
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The folder to write into (created if missing).") var out: String
        @Option(help: "A letter number; repeat for several.") var number: [String] = []
        @Option(help: "The letters of one `letters issue` run: its time, as printed.") var issuedAt: String?
        @Option(help: "The letters issued in this local month, YYYY-MM.") var month: String?
        @Flag(help: "Replace files that exist.") var force = false

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            var letters: [SupervisionLetter] = []
            if !number.isEmpty {
                letters = try number.map {
                    try database.letter(LetterPresenter.resolveNumber($0, kind: nil, year: nil, context: context))
                }
            } else if issuedAt != nil || month != nil {
                var filter = LetterFilter()
                if let issuedAt {
                    let at = try context.parseTime(issuedAt, option: "--issued-at")
                    filter.issuedFrom = at
                    filter.issuedBefore = at.addingTimeInterval(1)
                }
                if let month {
                    let range = try LetterPresenter.monthRange(month, context.localTime)
                    filter.issuedFrom = max(filter.issuedFrom ?? range.lowerBound, range.lowerBound)
                    filter.issuedBefore = min(filter.issuedBefore ?? range.upperBound, range.upperBound)
                }
                letters = try database.letters(matching: filter)
            } else {
                throw UsageError(.chooseLetters)
            }
            try LetterFiles.prepare(out, databasePath: context.databasePath)
            try LetterFiles.write(
                letters, to: out, force: force, databasePath: context.databasePath,
                training: database.kind == .training)
            let t = LetterPresenter(context).t
            if context.json {
                Output.print(Output.json(["written": letters.map(\.number), "folder": out] as [String: Any]))
            } else {
                Output.print(t("已写入 \(letters.count) 份督办函到 \(out)", "wrote \(letters.count) letter(s) to \(out)"))
            }
        }
    }
}

/// Writes letters as Markdown files for `letters issue --out` and `letters write`, each under the file rules.
enum LetterFiles {
    /// Creates the folder before anything is issued, so that a bad path refuses the whole command.
    static func prepare(_ folder: String, databasePath: String) throws {
        if OutputFile.isDatabaseOrCompanion(folder, of: databasePath) {
            throw UsageError(.outIsTheDatabase(folder))
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw UsageError(.outIsAFile(folder)) }
            guard FileManager.default.isWritableFile(atPath: folder) else {
                throw UsageError(.outNotWritable(folder))
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw UsageError(.outCannotBeCreated(folder))
        }
    }

    /// Writes each letter to `folder/<number>.md`; a file that already holds the same letter is left as it is. A
    /// training database's letters begin with its note (DESIGN §11.5).
    static func write(
        _ letters: [SupervisionLetter], to folder: String, force: Bool, databasePath: String, training: Bool
    ) throws {
        for letter in letters {
            let path = URL(fileURLWithPath: folder).appendingPathComponent("\(letter.number).md").path
            let data = Data(TrainingMark.letter(letter.text, training: training, language: .zh).utf8)
            if FileManager.default.contents(atPath: path) == data { continue }
            try OutputFile.write(
                data, to: path, option: "--out", force: force, databasePath: databasePath, personalData: false)
        }
    }
}

/// Text and JSON of letters.
struct LetterPresenter: Presenting {
    let language: Language
    let localTime: LocalTime
    /// From a training database: tables carry its line first, JSON objects `"training": true` (DESIGN §11.5).
    let training: Bool

    init(_ context: CommandContext, training: Bool = false) {
        language = context.language
        localTime = context.localTime
        self.training = training
    }

    /// Text for people, with the training line first where it applies.
    func marked(_ text: String) -> String { TrainingMark.text(text, training: training, language: language) }

    /// A letter number as a person types it: the brackets around the year may be 〔〕, [], (), （） or 【】; a bare
    /// sequence needs the kind (and takes this year unless given).
    static func resolveNumber(_ text: String, kind: LetterKind?, year: Int?, context: CommandContext) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // The sequence alone: `3`, `第3号` or `3号`.
        var bare = Substring(trimmed)
        if bare.hasPrefix("第") { bare = bare.dropFirst() }
        if bare.hasSuffix("号") { bare = bare.dropLast() }
        if !bare.isEmpty, bare.allSatisfy({ $0.isASCII && $0.isNumber }), let sequence = Int(bare) {
            guard let kind else {
                throw UsageError(.bareSequence(trimmed))
            }
            let settings = context.configuration.letters
            let prefix = kind == .reminder ? settings.reminderPrefix : settings.warningPrefix
            let inYear = year ?? context.localTime.localDate(of: context.now).year
            return LetterRules.number(prefix: prefix, year: inYear, sequence: sequence)
        }
        return LetterRules.normalizedNumber(trimmed)
    }

    func table(_ letters: [SupervisionLetter]) -> String {
        Output.table(
            [
                t("文号", "Number"), t("类别", "Kind"), t("对象", "Subjects"), t("单位", "Department"), t("件数", "Items"),
                t("签发时间", "Issued"), t("签发人", "By"),
            ],
            letters.map {
                [
                    $0.number, $0.kind.label(language),
                    $0.subjectKinds.map { $0.label(language) }.joined(separator: "、"),
                    "\($0.department) \($0.departmentName)", String($0.items.count), localTime.format($0.issuedAt),
                    $0.issuedBy,
                ]
            })
    }

    func json(_ letter: SupervisionLetter) -> [String: Any] {
        TrainingMark.object(fields(letter), training: training)
    }

    private func fields(_ letter: SupervisionLetter) -> [String: Any] {
        [
            "number": letter.number, "kind": letter.kind.rawValue, "department": letter.department,
            "departmentName": letter.departmentName, "issuedAt": localTime.iso(letter.issuedAt),
            "issuedBy": letter.issuedBy, "subjects": letter.subjectKinds.map(\.rawValue),
            "items": letter.items.map {
                [
                    "subject": $0.subjectKind.rawValue, "reference": $0.reference, "title": $0.title,
                    "detail": $0.detail, "clock": $0.clock.rawValue, "deadline": localTime.iso($0.deadline),
                ] as [String: Any]
            },
        ]
    }

    /// `[start, end)` of a local month given as `YYYY-MM`.
    static func monthRange(_ text: String, _ localTime: LocalTime) throws -> Range<Date> {
        let parts = text.split(separator: "-")
        guard text.count == 7, parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            (1970...9999).contains(year), (1...12).contains(month),
            let start = localTime.parse(String(format: "%04d-%02d-01", year, month)),
            let end = localTime.parse(
                month == 12 ? String(format: "%04d-01-01", year + 1) : String(format: "%04d-%02d-01", year, month + 1))
        else { throw UsageError(.notAMonth("--month", Printable.quoted(text))) }
        return start..<end
    }
}
