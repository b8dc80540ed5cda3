import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

extension FindingSource: ExpressibleByArgument {}
extension FindingState: ExpressibleByArgument {}

/// `govdesk finding …`: findings of experience officers, walkthroughs and bad ratings, until verified (DESIGN §5.4).
struct FindingGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finding", abstract: "File findings (办事难 / 办事慢 / 办事繁) and follow them until verified.",
        discussion: """
            Examples:
              govdesk finding list --overdue
              govdesk finding show ZG20251010-000001
              govdesk --json finding show ZG20251010-000001
            """,
        subcommands: [New.self, Assign.self, Rectify.self, Verify.self, Reopen.self, List.self, Show.self])

    /// A subcommand that applies one action to one finding.
    protocol Action: HallRecordAction where Command == FindingCommand {}

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "File a finding (officer-admin or supervisor). Prints its number.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "officer (体验员) or walkthrough (我陪群众走流程).") var source: FindingSource
        @Option(help: "The reporting officer's code (source officer) or staff code (walkthrough; default the actor).")
        var reporter: String?
        @Option(help: "hard (办事难), slow (办事慢), cumbersome (办事繁), attitude or other.") var kind: FindingKind
        @Option(help: "The window concerned.") var window: String?
        @Option(help: "The service item concerned.") var item: String?
        @Option(help: "The responsible department; defaults to the window's or the item's.") var dept: String?
        @Option(help: "The staff member concerned, if any.") var staff: String?
        @Option(parsing: .unconditional, help: "What was found.") var text: String

        func validate() throws {
            if source == .rating {
                throw ValidationError(CLIText.sourceRating.early)
            }
            if source == .officer, reporter == nil {
                throw ValidationError(CLIText.officerNeedsReporter.early)
            }
        }

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            var department = dept
            if department == nil, let window { department = try database.window(window).department }
            if department == nil, let item { department = try database.item(item).department }
            guard let department else {
                throw UsageError(.findingNeedsDepartment)
            }
            let actor = try context.actorCode
            let draft = Finding(
                number: "", source: source, reporter: reporter ?? (source == .walkthrough ? actor : nil),
                reportedAt: context.effectiveTime, window: window, item: item, department: department, staff: staff,
                kind: kind,
                description: text)
            let finding = try database.createFinding(
                draft, actor: context.actorCode, rules: try context.deadlineRules())
            Output.lostOutputNote =
                "finding \(finding.number) was filed, but its number could not be written to standard output"
            Output.print(context.json ? Output.json(HallPresenter(context).json(finding, events: nil)) : finding.number)
        }
    }

    struct Assign: Action {
        static let configuration = CommandConfiguration(
            commandName: "assign",
            abstract: "Assign the finding for rectification (交办) with a deadline in working days.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The finding number.") var number: String
        @Option(help: "Working days to rectify (1 to 90).", transform: DecimalOption.integer())
        var days = FindingMachine.defaultRectificationDays
        @Option(parsing: .unconditional, help: "A note to the department.") var note: String?
        var command: FindingCommand { .assign(days: days, note: note) }
    }

    struct Rectify: Action {
        static let configuration = CommandConfiguration(
            commandName: "rectify", abstract: "Report the finding rectified (整改) with a note.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The finding number.") var number: String
        @Option(parsing: .unconditional, help: "What was done.") var note: String
        var command: FindingCommand { .rectify(note: note) }
    }

    struct Verify: Action {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "Verify the rectification (核验).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The finding number.") var number: String
        @Option(parsing: .unconditional, help: "A note on the check.") var note: String?
        var command: FindingCommand { .verify(note: note) }
    }

    struct Reopen: Action {
        static let configuration = CommandConfiguration(
            commandName: "reopen",
            abstract: "Send the finding back for rectification (退回重改) with a reason and a new deadline.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The finding number.") var number: String
        @Option(parsing: .unconditional, help: "Why the rectification is not accepted.") var reason: String
        @Option(help: "Working days for the new deadline (1 to 90).", transform: DecimalOption.integer())
        var days = FindingMachine.defaultRectificationDays
        var command: FindingCommand { .reopen(reason: reason, days: days) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List findings, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this state; repeat for several (open, assigned, rectified, verified).")
        var state: [FindingState] = []
        @Option(help: "Only this source: officer, walkthrough or rating.") var source: FindingSource?
        @Option(help: "Only this kind.") var kind: FindingKind?
        @Option(help: "Only this department's findings.") var dept: String?
        @Option(help: "Only this window's findings.") var window: String?
        @Flag(help: "Only assigned findings past their rectification deadline.") var overdue = false
        @Option(help: "Only findings reported in this month, YYYY-MM.") var month: Month?
        @Option(help: "At most this many (1 to 100000).", transform: DecimalOption.integer(1...100_000)) var limit = 200

        func validate() throws {
            try OptionChecks.limit(limit)
        }

        func run() throws {
            let context = try CommandContext(global)
            var filter = FindingFilter()
            filter.states = state
            filter.source = source
            filter.kind = kind
            filter.department = dept
            filter.window = window
            filter.limit = limit
            if overdue { filter.overdueAt = context.now }
            if let month { filter.reportedIn = month.interval(in: try context.calendar()) }
            let database = try context.database()
            if let dept { _ = try database.department(dept) }
            let p = HallPresenter(context)
            let t = p.t
            try p.printList(
                try database.findings(matching: filter), json: context.json, object: { p.json($0, events: nil) },
                header: [
                    t("编号", "number"), t("发现时间", "reported"), t("来源", "source"), t("类别", "kind"),
                    t("单位", "dept"), t("窗口", "window"), t("状态", "state"), t("整改期限", "deadline"),
                    t("时钟", "clock"), t("问题", "description"),
                ],
                row: {
                    [
                        $0.number, context.localTime.format($0.reportedAt), $0.source.label(context.language),
                        $0.kind.label(context.language), $0.department, $0.window ?? "—",
                        $0.state.label(context.language), $0.deadline.map { p.deadlineText($0) } ?? "—",
                        p.findingClock($0), $0.description,
                    ]
                },
                maxCell: 30, total: { try database.count(matching: filter) }, unit: ("条", "findings"))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a finding with its audit trail.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The finding number.") var number: String

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            let f = try database.finding(number)
            let events = try database.findingEvents(of: number)
            let p = HallPresenter(context)
            Output.print(context.json ? Output.json(p.json(f, events: events)) : p.show(f, events: events))
        }
    }
}

extension FindingGroup.Action {
    func run() throws {
        let context = try CommandContext(global)
        let database = try context.database()
        let finding = try database.apply(
            command, toFinding: number, actor: context.actorCode, at: context.effectiveTime,
            rules: try context.deadlineRules())
        let events = try database.findingEvents(of: number)
        let p = HallPresenter(context)
        guard let event = events.last else { return }
        Output.print(context.json ? Output.json(p.json(finding, events: [event])) : p.line(finding, event))
    }
}
