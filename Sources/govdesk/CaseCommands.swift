import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

extension CaseState: ExpressibleByArgument {}
extension FindingKind: ExpressibleByArgument {}

/// `govdesk case …`: window cases (办件) and the three commitments (DESIGN §5.2).
struct CaseGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Log and move window cases (办件).",
        discussion: """
            Examples:
              govdesk --actor w01 case new --item QY001 --window A01 \\
                  --applicant 李华 --phone 13900002222
              govdesk --actor w01 case request-materials BJ20251009-000001 \\
                  --materials 公司章程
              govdesk --actor w01 case complete BJ20251009-000001
              govdesk --actor w01 rate BJ20251009-000001 --score 2 --comment 来回跑了三趟
              govdesk case list --window A01 --limit 50
            """,
        subcommands: [New.self, RequestMaterials.self, Complete.self, Refuse.self, List.self, Show.self])

    /// A subcommand that applies one action to one case.
    protocol Action: HallRecordAction where Command == CaseCommand {}

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Receive a case at a window (受理); the actor is its first-responsible staff. Prints its number.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The service item code (`govdesk item list`).") var item: String
        @Option(help: "The window code.") var window: String
        @Option(help: "The applicant's name (personal data: masked in listings).") var applicant: String
        @Option(help: "The applicant's phone (personal data).") var phone: String = ""

        func run() throws {
            let context = try CommandContext(global)
            let c = try context.database().createCase(
                item: item, window: window, applicantName: applicant, applicantPhone: phone, actor: context.actorCode,
                at: context.effectiveTime, rules: try context.deadlineRules())
            Output.lostOutputNote =
                "case \(c.number) was received, but its number could not be written to standard output"
            let presenter = HallPresenter(context)
            if context.json {
                Output.print(Output.json(presenter.json(c, events: nil)))
            } else {
                Output.print(c.number)
                Output.print(
                    presenter.t("首问负责 \(c.firstResponsible)，承诺办结 ", "first responsible \(c.firstResponsible), due ")
                        + presenter.deadlineText(c.due))
            }
        }
    }

    struct RequestMaterials: Action {
        static let configuration = CommandConfiguration(
            commandName: "request-materials",
            abstract: "Ask the applicant for missing materials (补正); a second request on a case breaks 一次性告知.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case number.") var number: String
        @Option(parsing: .unconditional, help: "What is missing, all of it at once.") var materials: String
        var command: CaseCommand { .requestMaterials(materials: materials) }
    }

    struct Complete: Action {
        static let configuration = CommandConfiguration(commandName: "complete", abstract: "Complete the case (办结).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case number.") var number: String
        @Option(parsing: .unconditional, help: "A note on the result.") var note: String?
        var command: CaseCommand { .complete(note: note) }
    }

    struct Refuse: Action {
        static let configuration = CommandConfiguration(
            commandName: "refuse", abstract: "Refuse the case (不予办理) with a reason.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case number.") var number: String
        @Option(parsing: .unconditional, help: "Why it cannot be done.") var reason: String
        var command: CaseCommand { .refuse(reason: reason) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List cases, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this window's cases.") var window: String?
        @Option(help: "Only cases first handled by this staff member.") var staff: String?
        @Option(help: "Only this state; repeat for several (open, completed, refused).") var state: [CaseState] = []
        @Flag(help: "Only open cases past their due time (限时办结).") var overdue = false
        @Option(help: "Only cases received in this month, YYYY-MM.") var month: Month?
        @Option(help: "At most this many cases (1 to 100000).", transform: DecimalOption.integer(1...100_000))
        var limit = 200

        func validate() throws {
            try OptionChecks.limit(limit)
        }

        func run() throws {
            let context = try CommandContext(global)
            var filter = CaseFilter()
            filter.window = window
            filter.staff = staff
            filter.states = state
            filter.limit = limit
            if overdue { filter.overdueAt = context.now }
            if let month { filter.receivedIn = month.interval(in: try context.calendar()) }
            let database = try context.database()
            if let window { _ = try database.window(window) }
            if let staff { _ = try database.staffMember(staff) }
            let p = HallPresenter(context)
            let t = p.t
            try p.printList(
                try database.cases(matching: filter), json: context.json, object: { p.json($0, events: nil) },
                header: [
                    t("办件号", "number"), t("受理时间", "received"), t("窗口", "window"), t("事项", "item"),
                    t("首问", "first"), t("申请人", "applicant"), t("状态", "state"), t("承诺办结", "due"),
                    t("跑动", "visits"), t("评价", "rating"), t("时钟", "clock"),
                ],
                row: {
                    [
                        $0.number, context.localTime.format($0.receivedAt), $0.window, $0.item, $0.firstResponsible,
                        p.applicant($0), $0.state.label(context.language), p.deadlineText($0.due), String($0.visits),
                        $0.rating.map(String.init) ?? "—", p.clock($0),
                    ]
                },
                total: { try database.count(matching: filter) }, unit: ("件", "cases"))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a case with its whole timeline.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case number.") var number: String
        @Flag(help: "Show the applicant's name and phone unmasked (recorded in the audit log).") var includePII = false

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            let c = try database.windowCase(number)
            let events = try database.caseEvents(of: number)
            if includePII {
                try database.authorizeApplicantData(ofCase: number, actor: context.actorCode, at: context.now)
            }
            let p = HallPresenter(context, includePII: includePII)
            let finding = try database.ratingFinding(ofCase: number)
            if context.json {
                var o = p.json(c, events: events)
                o["finding"] = jsonValue(finding)
                Output.print(Output.json(o))
            } else {
                Output.print(
                    p.show(
                        c, events: events, item: try? database.item(c.item), window: try? database.window(c.window),
                        finding: finding))
            }
        }
    }
}

extension CaseGroup.Action {
    func run() throws {
        let context = try CommandContext(global)
        let (c, event, _) = try context.database().apply(
            command, toCase: number, actor: context.actorCode, at: context.effectiveTime,
            rules: try context.deadlineRules())
        let p = HallPresenter(context)
        Output.print(context.json ? Output.json(p.json(c, events: [event])) : p.line(c, event))
    }
}

/// `govdesk rate CASE --score 1..5`: the applicant's rating (好差评); a 差评 opens a rectification (DESIGN §5.3).
struct Rate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate",
        abstract: "Record the applicant's rating of a finished case: 5 非常满意 … 1 非常不满意. "
            + "A rating of 1 or 2 (差评) opens a rectification finding due in 15 working days.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The case number.") var number: String
    @Option(help: "1 to 5.", transform: DecimalOption.integer(1...5)) var score: Int
    @Option(parsing: .unconditional, help: "What the applicant said.") var comment: String?
    @Option(help: "For a 差评, the kind of finding it opens: hard, slow, cumbersome, attitude or other.")
    var kind: FindingKind = .other

    func validate() throws {
        guard (1...5).contains(score) else {
            throw ValidationError(CoreText.score(score).phrase.early(option: "--score"))
        }
    }

    func run() throws {
        let context = try CommandContext(global)
        let (c, event, finding) = try context.database().apply(
            .rate(score: score, comment: comment), toCase: number, actor: context.actorCode, at: context.effectiveTime,
            rules: try context.deadlineRules(), badRatingKind: kind)
        let p = HallPresenter(context)
        if context.json {
            var o = p.json(c, events: [event])
            o["finding"] = jsonValue(finding.map { p.json($0, events: nil) })
            Output.print(Output.json(o))
            return
        }
        Output.print(p.line(c, event))
        if let finding, let deadline = finding.deadline {
            Output.print(
                p.t(
                    "差评：已自动交办整改 \(finding.number)（\(finding.department)），整改期限 ",
                    "bad rating: rectification \(finding.number) opened and assigned to \(finding.department), due ")
                    + p.deadlineText(deadline))
        }
    }
}
