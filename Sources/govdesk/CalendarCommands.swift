import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// `govdesk calendar show|check|add`: the working-day calendar of DESIGN §3.
struct CalendarGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "The working-day calendar: holidays and make-up working days.",
        subcommands: [Show.self, Check.self, Add.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "List a year's holidays and make-up working days, with the notice they come from.",
            discussion: "Without a year, lists the years loaded and where each comes from. Example: calendar show 2026")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The year, e.g. 2026.", transform: DecimalOption.integer(1...9999)) var yearArgument: Int?
        @Option(help: "The year (the same as the argument).", transform: DecimalOption.integer(1...9999))
        var year: Int?

        func validate() throws {
            if let yearArgument, let year, yearArgument != year {
                throw ValidationError(CLIText.yearTwice(yearArgument, year).early)
            }
        }

        func run() throws {
            let context = try CommandContext(global)
            let calendar = try context.calendar()
            let zh = context.language == .zh
            guard let year = yearArgument ?? year else {
                let stored = Set(try context.existingDatabase()?.calendarYearNumbers() ?? [])
                let rows = calendar.loadedYears.map { y -> [String] in
                    [
                        String(y),
                        stored.contains(y)
                            ? (zh ? "数据库" : "database")
                            : (zh ? "内置" : "built in"), calendar.years[y]!.notice,
                    ]
                }
                if context.json {
                    Output.print(
                        Output.json([
                            "years": calendar.loadedYears.map {
                                ["year": $0, "notice": calendar.years[$0]!.notice, "stored": stored.contains($0)]
                                    as [String: Any]
                            }
                        ]))
                } else {
                    Output.print(
                        Output.table(zh ? ["年份", "来源", "通知"] : ["year", "source", "notice"], rows, maxCell: 80))
                }
                return
            }
            guard let data = calendar.years[year] else {
                throw CalendarGroup.missingYear(year, loaded: calendar.loadedYears, language: context.language)
            }
            let days =
                data.holidays.map { ($0.date, $0.name, true) } + data.makeUpWorkdays.map { ($0.date, $0.name, false) }
            let sorted = days.sorted { $0.0 < $1.0 }
            if context.json {
                Output.print(
                    Output.json([
                        "year": year, "notice": data.notice,
                        "days": sorted.map {
                            ["date": $0.0.description, "name": $0.1, "working": !$0.2] as [String: Any]
                        },
                    ]))
                return
            }
            let weekdays =
                zh ? ["一", "二", "三", "四", "五", "六", "日"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            Output.print(Printable.escaped(data.notice))
            Output.print(
                Output.table(
                    zh ? ["日期", "星期", "名称", "安排"] : ["date", "weekday", "name", "arrangement"],
                    sorted.map { date, name, off in
                        [
                            date.description, weekdays[date.isoWeekday - 1], Printable.escaped(name),
                            off ? (zh ? "放假" : "day off") : (zh ? "调休上班" : "make-up working day"),
                        ]
                    }))
        }
    }

    /// The plain answer for a year without a notice: what that means for deadlines and how to add it.
    static func missingYear(_ year: Int, loaded: [Int], language: Language) -> Refusal {
        Refusal(.missingCalendarYear(year, loaded: loaded))
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Print the deadline date: the N-th working day counted from the day after --from (次日起).",
            discussion: "Example: calendar check --from 2025-09-30 --working-days 10   # 2025-10-21")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The start day, YYYY-MM-DD (e.g. the day of signing).") var from: String
        @Option(help: "Working days, 0 to 366.", transform: DecimalOption.integer(0...366)) var workingDays: Int

        func validate() throws {
            guard LocalDate(from) != nil else {
                throw ValidationError(CLIText.notADate("--from", Printable.quoted(from)).early)
            }
            guard (0...366).contains(workingDays) else {
                throw ValidationError(CLIText.workingDays(workingDays).early)
            }
        }

        func run() throws {
            let context = try CommandContext(global)
            let calendar = try context.calendar()
            let start = LocalDate(from)!
            let deadline = try calendar.workingDay(workingDays, after: start)
            let missing = Set((start.year...deadline.year).filter { !calendar.hasData(for: $0) }).sorted()
            if context.json {
                Output.print(
                    Output.json([
                        "from": start.description, "workingDays": workingDays, "deadline": deadline.description,
                        "deadlineEnd": context.localTime.iso(calendar.endOfDay(deadline)),
                        "provisional": !missing.isEmpty, "missingYears": missing,
                    ]))
            } else if missing.isEmpty {
                Output.print(deadline.description)
            } else {
                let years = missing.map(String.init).joined(separator: ", ")
                Output.print(
                    deadline.description
                        + (context.language == .zh
                            ? "（暂定：\(years) 年工作日历未载入，按周一至周五计算）"
                            : " (provisional: no \(years) calendar loaded; counted Monday–Friday)"))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a year's holiday notice (an administrator): our YAML or the holiday-cn project's JSON.",
            discussion: """
                The year is checked (every date in that year, names present, no day both off and on, make-up days on \
                weekends), stored in the database and audited; every machine that opens the database then uses it. \
                The provisional deadlines of open tickets, window cases and rectifications that run into the year are \
                recomputed with it, never earlier than before, each with an event on its trail; the command lists \
                what moved. A year already loaded is replaced only with --replace (an amended notice).
                Examples: calendar add Config/calendar/2027.yaml
                          calendar add 2027.json --notice "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕N号）"
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The file: YAML as in Config/calendar/, or holiday-cn JSON (.json).") var file: String
        @Flag(help: "Replace a year that is loaded already (an amended notice).") var replace = false
        @Option(parsing: .unconditional, help: "The notice's title, for holiday-cn JSON (which names none).")
        var notice: String?

        func run() throws {
            let context = try CommandContext(global)
            let url = URL(fileURLWithPath: file)
            let text = try ConfigLoader.read(url)
            let data: CalendarYear
            let isJSON =
                url.pathExtension.lowercased() == "json" || text.drop(while: { $0.isWhitespace }).first == "{"
            do {
                if isJSON {
                    data = try CalendarYear.holidayCN(json: Data(text.utf8), notice: notice)
                } else {
                    if notice != nil {
                        throw UsageError(.noticeIsForJSON)
                    }
                    data = try YAMLDecoding.decode(CalendarFile.self, text: text, file: file).calendarYear
                    try data.validate()
                }
            } catch let error as CalendarError {
                throw ConfigError(
                    file: file, message: Phrase(chinese: error.chineseMessage, english: error.englishMessage))
            }
            guard let database = try context.existingDatabase() else {
                throw StoreError.cannotOpen(path: context.databasePath, reason: "the file does not exist")
            }
            let result = try database.addCalendarYear(
                data, replace: replace, source: isJSON ? "holiday-cn" : "yaml", rules: try context.deadlineRules(),
                actor: context.actorCode, at: context.now)
            context.calendarChanged()
            let presenter = HallPresenter(context)
            let t = presenter.t
            if context.json {
                Output.print(
                    Output.json([
                        "year": result.year, "replaced": result.replaced, "notice": data.notice,
                        "changes": result.changes.map {
                            [
                                "subject": $0.subject.rawValue, "number": $0.number,
                                "previous": context.localTime.iso($0.previous),
                                "deadline": context.localTime.iso($0.deadline),
                            ] as [String: Any]
                        },
                    ]))
                return
            }
            Output.print(
                (result.replaced ? t("已替换 ", "replaced the ") : t("已载入 ", "added the "))
                    + t("\(result.year) 年工作日历：", "\(result.year) working-day calendar: ")
                    + Printable.escaped(data.notice)
                    + t(
                        "（放假 \(data.holidays.count) 天，调休上班 \(data.makeUpWorkdays.count) 天）",
                        " (\(data.holidays.count) days off, \(data.makeUpWorkdays.count) make-up working days)"))
            if result.changes.isEmpty {
                Output.print(t("没有需要重算的暂定期限。", "No provisional deadline needed recounting."))
                return
            }
            Output.print(t("重算 \(result.changes.count) 项期限：", "Recounted \(result.changes.count) deadline(s):"))
            let subjects: [DeadlineRecomputation.Change.Subject: String] = [
                .ticket: t("工单", "ticket"), .windowCase: t("办件", "case"), .finding: t("整改", "finding"),
            ]
            Output.print(
                Output.table(
                    [t("类别", "kind"), t("编号", "number"), t("原暂定期限", "provisional"), t("新期限", "now due")],
                    result.changes.map {
                        [
                            subjects[$0.subject]!, $0.number, context.localTime.formatDeadline($0.previous),
                            context.localTime.formatDeadline($0.deadline),
                        ]
                    }))
        }
    }
}
