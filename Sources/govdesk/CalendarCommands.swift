import ArgumentParser
import Foundation
import GovDeskCore

/// `govdesk calendar show|check`: the working-day calendar of DESIGN §3.
struct CalendarGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "The working-day calendar: holidays and make-up working days.",
        subcommands: [Show.self, Check.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "List a year's holidays and make-up working days, with the notice they come from.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The year, e.g. 2025.") var year: Int

        func run() throws {
            let context = try CommandContext(global)
            let calendar = try context.calendar()
            guard let data = calendar.years[year] else {
                throw CalendarError.noData(year: year, loaded: calendar.loadedYears)
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
            let zh = context.language == .zh
            let weekdays =
                zh ? ["一", "二", "三", "四", "五", "六", "日"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            Output.print(data.notice)
            Output.print(
                Output.table(
                    zh ? ["日期", "星期", "名称", "安排"] : ["date", "weekday", "name", "arrangement"],
                    sorted.map { date, name, off in
                        [
                            date.description, weekdays[date.isoWeekday - 1], name,
                            off ? (zh ? "放假" : "day off") : (zh ? "调休上班" : "make-up working day"),
                        ]
                    }))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Print the deadline date: the N-th working day counted from the day after --from (次日起).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The start day, YYYY-MM-DD (e.g. the day of signing).") var from: String
        @Option(help: "Working days, 0 to 366.") var workingDays: Int

        func validate() throws {
            guard LocalDate(from) != nil else {
                throw ValidationError("--from '\(from)' is not a date; use YYYY-MM-DD")
            }
            guard (0...366).contains(workingDays) else {
                throw ValidationError("--working-days \(workingDays) is not allowed; use 0 to 366")
            }
        }

        func run() throws {
            let context = try CommandContext(global)
            let calendar = try context.calendar()
            let start = LocalDate(from)!
            let deadline = try calendar.workingDay(workingDays, after: start)
            if context.json {
                Output.print(
                    Output.json([
                        "from": start.description, "workingDays": workingDays, "deadline": deadline.description,
                        "deadlineEnd": context.localTime.iso(calendar.endOfDay(deadline)),
                    ]))
            } else {
                Output.print(deadline.description)
            }
        }
    }
}
