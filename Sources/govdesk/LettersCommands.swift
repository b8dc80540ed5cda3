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
        subcommands: [Issue.self, List.self, Show.self]
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
            if let out { try LetterFiles.prepare(out) }
            let letters = try context.database().issueLetters(
                actor: context.actorCode, at: context.now, settings: context.configuration.letters,
                localTime: context.localTime, calendarYears: context.loadedCalendarYears())
            if let out { try LetterFiles.write(letters, to: out) }
            if !letters.isEmpty {
                Output.lostOutputNote =
                    "\(letters.count) letter(s) were issued (\(letters.map(\.number).joined(separator: ", "))), "
                    + "but their list could not be written to standard output"
            }
            let presenter = LetterPresenter(context)
            if context.json {
                Output.print(Output.json(letters.map(presenter.json)))
            } else if letters.isEmpty {
                Output.print(presenter.t("没有到期的督办函。", "No letters are due."))
            } else {
                Output.print(presenter.table(letters))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List issued letters.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only letters issued in this local month, YYYY-MM.") var month: String?
        @Option(help: "reminder or warning.") var kind: LetterKind?
        @Option(help: "Only letters to this department code.") var dept: String?

        func run() throws {
            let context = try CommandContext(global)
            var filter = LetterFilter()
            filter.kind = kind
            filter.department = dept
            if let month {
                let range = try LetterPresenter.monthRange(month, context.localTime)
                filter.issuedFrom = range.lowerBound
                filter.issuedBefore = range.upperBound
            }
            let letters = try context.database().letters(matching: filter)
            let presenter = LetterPresenter(context)
            if context.json {
                Output.print(Output.json(letters.map(presenter.json)))
            } else if letters.isEmpty {
                Output.print(presenter.t("没有符合条件的督办函。", "No letters match."))
            } else {
                Output.print(presenter.table(letters))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print one letter as Markdown.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The letter number, e.g. 潞热线提〔2026〕第12号.") var number: String

        func run() throws {
            let context = try CommandContext(global)
            let letter = try context.database().letter(number.trimmingCharacters(in: .whitespaces))
            if context.json {
                var object = LetterPresenter(context).json(letter)
                object["text"] = letter.text
                Output.print(Output.json(object))
            } else {
                Output.print(letter.text)
            }
        }
    }
}

/// Writes letters as Markdown files for `letters issue --out`.
enum LetterFiles {
    /// Creates the folder before anything is issued, so that a bad path refuses the whole command.
    static func prepare(_ folder: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw UsageError("--out \(folder) is a file; give a folder") }
            guard FileManager.default.isWritableFile(atPath: folder) else {
                throw UsageError("--out \(folder) is not writable; give a folder you may write to")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw UsageError("--out \(folder) cannot be created; give a folder you may write to")
        }
    }

    static func write(_ letters: [SupervisionLetter], to folder: String) throws {
        for letter in letters {
            let url = URL(fileURLWithPath: folder).appendingPathComponent("\(letter.number).md")
            try Data(letter.text.utf8).write(to: url, options: .atomic)
        }
    }
}

/// Text and JSON of letters.
struct LetterPresenter: Presenting {
    let language: Language
    let localTime: LocalTime

    init(_ context: CommandContext) {
        language = context.language
        localTime = context.localTime
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
        else { throw UsageError("--month '\(Printable.quoted(text))' is not a month; use YYYY-MM such as 2026-10") }
        return start..<end
    }
}
