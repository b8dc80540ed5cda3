import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

extension TicketType: ExpressibleByArgument {}
extension Channel: ExpressibleByArgument {}
extension TicketState: ExpressibleByArgument {}
extension ReplyOutcome: ExpressibleByArgument {}
extension RevisitResolution: ExpressibleByArgument {}

/// `govdesk ticket …`: the life of a work order (DESIGN §2, §10).
struct TicketGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket",
        abstract: "Log, move and read 12345 work orders.",
        discussion: """
            Every action names its actor (--actor or GOVDESK_ACTOR); N is a ticket number such as 20250929-000001.

            Examples:
              N=$(govdesk --actor op01 ticket new --type complaint --channel phone \\
                    --topic 城市管理/市容环境/占道经营 --caller 张建国 \\
                    --phone 13835512345 --text "早市摊贩占用人行道经营")
              govdesk --actor pd01 ticket dispatch $N --to CGJ --co YXNL
              govdesk --actor cgj1 ticket sign $N
              govdesk --actor cgj1 ticket reply $N --text "占道已消除" --outcome resolved
              govdesk --actor sh01 ticket approve $N
              govdesk ticket show $N
              govdesk ticket list --dept CGJ --due-within 48h
            """,
        subcommands: [
            New.self, Dispatch.self, Sign.self, Return.self, Extend.self, ApproveExtension.self, DenyExtension.self,
            Reply.self, Approve.self, Reject.self, Resolve.self, Revisit.self, Reopen.self, Merge.self, Urge.self,
            Show.self, List.self,
        ]
    )
}

/// A subcommand that applies one action to one ticket and prints what happened.
protocol TicketActionCommand: ParsableCommand {
    var global: GlobalOptions { get }
    var number: String { get }
    func command(_ context: CommandContext) throws -> TicketCommand
}

extension TicketActionCommand {
    func run() throws {
        let context = try CommandContext(global)
        let command = try command(context)
        let database = try context.database()
        let (ticket, event) = try database.apply(
            command, to: number, actor: context.actorCode, at: context.effectiveTime, rules: try context.deadlineRules()
        )
        let presenter = TicketPresenter(context)
        if context.json {
            Output.print(Output.json(presenter.json(ticket, events: nil)))
        } else {
            Output.print(presenter.transitionLine(ticket, event))
        }
    }
}

extension TicketGroup {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Log a call as a new ticket (受理) and print its number.",
            discussion: """
                The topic must be one of `govdesk topic list`; the dispatch hint (the department that usually leads \
                it) goes to standard error, the number alone to standard output. Free text (--text, --address) may \
                begin with a dash.

                Examples:
                  govdesk --actor op01 ticket new --type complaint --channel phone \\
                      --topic 城市管理/市容环境/占道经营 --caller 张建国 \\
                      --phone 13835512345 --text "早市摊贩占用人行道经营"
                  govdesk --actor op01 ticket new --type help --channel wechat --urgent \\
                      --topic 公用事业/供暖/供暖不热 --caller 李华 \\
                      --phone 13900002222 --text "-15℃，暖气不热"
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "consult, help, complaint, report, suggestion or praise.") var type: TicketType
        @Option(help: "The topic path, up to three levels, e.g. 城市管理/市容环境/占道经营.") var topic: String
        @Option(help: "phone, web, app, wechat, mailbox or other.") var channel: Channel
        @Option(help: "The caller's name (personal data: masked in listings).") var caller: String
        @Option(help: "The caller's phone number (personal data: masked in listings).") var phone: String
        @Option(parsing: .unconditional, help: "Where the problem is.") var address: String?
        @Option(help: "The sub-district (街道).") var street: String?
        @Flag(help: "Urgent: shorter sign-for and handling limits in natural hours.") var urgent = false
        @Option(parsing: .unconditional, help: "What the caller asks, at most 4,000 characters.") var text: String

        func run() throws {
            let context = try CommandContext(global)
            let intake = Ticket.Intake(
                channel: channel, type: type, topic: topic.trimmingCharacters(in: .whitespaces),
                urgency: urgent ? .urgent : .normal, callerName: caller.trimmingCharacters(in: .whitespaces),
                callerPhone: phone.trimmingCharacters(in: .whitespaces), address: nonEmpty(address),
                street: nonEmpty(street), description: text)
            try TicketMachine.validate(intake)
            let database = try context.database()
            let tree = try TopicTree.load(context)
            try tree.check(intake.topic)
            let ticket = try database.createTicket(
                intake, actor: context.actorCode, at: context.effectiveTime, localTime: context.localTime)
            Output.lostOutputNote =
                "ticket \(ticket.number) was logged, but its number could not be written to standard output"
            let hint = tree.hint(for: ticket.topic)
            if context.json {
                var object: [String: Any] = ["number": ticket.number, "state": ticket.state.rawValue]
                object["dispatchHint"] = hint
                Output.print(Output.json(object))
            } else {
                // Standard output carries the number alone, for scripts: the hint goes to the person.
                Output.print(ticket.number)
                // A hint for a person at a terminal; scripts and logs get the number alone.
                if let hint, isatty(STDERR_FILENO) == 1 {
                    Output.warn(
                        context.language == .zh ? "派单提示：此类诉求通常由 \(hint) 主办" : "dispatch hint: usually led by \(hint)")
                }
            }
        }
    }

    struct Dispatch: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "dispatch",
            abstract: "Send a ticket to its lead department (派单), with optional co-departments.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String
        @Option(help: "The lead department's code (`govdesk dept list`).") var to: String
        @Option(help: "A co-department's code; repeat for several.") var co: [String] = []

        func command(_ context: CommandContext) throws -> TicketCommand {
            .dispatch(lead: to, co: co)
        }
    }

    struct Sign: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "The lead department signs for the ticket (签收); the handling clock starts.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String

        func command(_ context: CommandContext) throws -> TicketCommand { .sign }
    }

    struct Return: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "return",
            abstract: "The lead department returns a mis-sent ticket to the hotline (退单).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String
        @Option(parsing: .unconditional, help: "Why the ticket is not this department's.") var reason: String

        func command(_ context: CommandContext) throws -> TicketCommand { .returnTicket(reason: reason) }
    }

    struct Extend: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend",
            abstract: "The lead department asks for more working days (延期申请), before the deadline passes.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String
        @Option(help: "Working days to add, 1 to 30.", transform: DecimalOption.integer(1...30)) var days: Int
        @Option(parsing: .unconditional, help: "Why more time is needed.") var reason: String

        func validate() throws {
            guard (1...30).contains(days) else {
                throw ValidationError(CoreText.extensionDays(days).phrase.early(option: "--days"))
            }
        }

        func command(_ context: CommandContext) throws -> TicketCommand { .extend(days: days, reason: reason) }
    }

    struct ApproveExtension: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve-extension",
            abstract:
                "A supervisor approves the pending extension before the deadline passes; the deadline moves. After "
                + "it, the ticket is late and the request can only be denied.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String

        func command(_ context: CommandContext) throws -> TicketCommand { .approveExtension }
    }

    struct DenyExtension: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "deny-extension", abstract: "A supervisor denies the pending extension.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String
        @Option(parsing: .unconditional, help: "Why the extension is denied.") var reason: String?

        func command(_ context: CommandContext) throws -> TicketCommand { .denyExtension(reason: reason) }
    }

    struct Reply: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "reply",
            abstract: "The lead department replies (答复); the reply waits for review.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String
        @Option(parsing: .unconditional, help: "The reply to the caller.") var text: String
        @Option(help: "resolved, partly, unresolved or explained.") var outcome: ReplyOutcome = .resolved

        func command(_ context: CommandContext) throws -> TicketCommand { .reply(text: text, outcome: outcome) }
    }

    struct Approve: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            abstract: "A reviewer approves the reply (审核通过); the ticket closes.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String

        func command(_ context: CommandContext) throws -> TicketCommand { .approve }
    }

    struct Reject: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "reject",
            abstract: "A reviewer sends the reply back (驳回); the deadline is unchanged.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String
        @Option(parsing: .unconditional, help: "What is wrong with the reply.") var reason: String

        func command(_ context: CommandContext) throws -> TicketCommand { .reject(reason: reason) }
    }

    struct Resolve: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve",
            abstract: "Answer at intake and close (直办).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String
        @Option(parsing: .unconditional, help: "The answer given to the caller.") var text: String

        func command(_ context: CommandContext) throws -> TicketCommand { .resolve(text: text) }
    }

    struct Revisit: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "revisit",
            abstract: "Record the caller's verdict on a closed ticket (回访), once per closure.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String
        @Option(help: "1 非常不满意, 2 不满意, 3 基本满意, 4 满意, 5 非常满意.", transform: DecimalOption.integer(1...5))
        var satisfaction: Int
        @Option(help: "yes, partly or no.") var resolved: RevisitResolution
        @Option(parsing: .unconditional, help: "What the caller said.") var note: String?

        func validate() throws {
            guard (1...5).contains(satisfaction) else {
                throw ValidationError(CLIText.satisfaction(satisfaction).early)
            }
        }

        func command(_ context: CommandContext) throws -> TicketCommand {
            .revisit(satisfaction: satisfaction, resolved: resolved, note: note)
        }
    }

    struct Reopen: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "reopen",
            abstract: "A supervisor reopens a closed ticket (重办) with a new handling deadline.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String
        @Option(parsing: .unconditional, help: "Why it must be handled again.") var reason: String

        func command(_ context: CommandContext) throws -> TicketCommand { .reopen(reason: reason) }
    }

    struct Merge: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Fold a duplicate into another open ticket (合并).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The duplicate ticket's number.") var number: String
        @Option(help: "The open ticket it duplicates.") var into: String

        func command(_ context: CommandContext) throws -> TicketCommand {
            .merge(into: into, targetState: .received)
        }
    }

    struct Urge: TicketActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "urge", abstract: "Hurry the department (催办): a note on the timeline.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String
        @Option(parsing: .unconditional, help: "The note.") var note: String?

        func command(_ context: CommandContext) throws -> TicketCommand { .urge(note: note) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Tell a ticket's whole story: fields, every clock, the timeline.",
            discussion: """
                Examples:
                  govdesk ticket show 20250929-000001
                  govdesk --actor pd01 ticket show 20250929-000001 --include-pii
                  govdesk --json ticket show 20250929-000001    # typed, for scripts
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number.") var number: String
        @Flag(help: "Show the caller's name and phone in full; the viewing is recorded in the audit log.")
        var includePII = false

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            // Personal data only for a named reader the permission table allows, audited before it is shown.
            let (ticket, events) =
                includePII
                ? try database.ticketWithCallerData(number, actor: context.actorCode, at: context.now)
                : (try database.ticket(number), try database.events(of: number))
            let presenter = TicketPresenter(context, includePII: includePII)
            // The dispatch hint matters while the ticket waits for its dispatcher.
            let hint = ticket.state == .received ? try TopicTree.load(context).hint(for: ticket.topic) : nil
            if context.json {
                var object = presenter.json(ticket, events: events)
                object["dispatchHint"] = hint
                Output.print(Output.json(object))
            } else {
                let names = try database.departmentNames()
                Output.print(presenter.show(ticket, events: events, departments: names))
                if let hint {
                    Output.print(
                        presenter.t("派单提示：此类诉求通常由 ", "Dispatch hint: usually led by ") + hint
                            + (names[hint].map { " " + $0 } ?? ""))
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List tickets, newest first, with their clocks.",
            discussion: """
                The last line says how many were shown of how many matched (显示 200 / 共 230 件).

                Examples:
                  govdesk ticket list --overdue
                  govdesk ticket list --state handling --dept CGJ --limit 1000
                  govdesk ticket list --due-within 48h
                  govdesk ticket list --type complaint --from 2026-10-01 --to 2026-10-31
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this state; repeat for several (received, dispatched, handling, replied, closed, merged).")
        var state: [TicketState] = []
        @Option(help: "Only tickets led or co-handled by this department.") var dept: String?
        @Option(help: "Only this type.") var type: TicketType?
        @Flag(help: "Only open tickets past their deadline.") var overdue = false
        @Option(help: "Only open tickets due within this time, e.g. 48h, 3d or 90m.") var dueWithin: String?
        @Option(help: "Created on or after this day or time.") var from: String?
        @Option(help: "Created before the end of this day (or before this time).") var to: String?
        @Option(help: "At most this many tickets (1 to 100000).", transform: DecimalOption.integer(1...100_000))
        var limit = 200

        func validate() throws {
            try OptionChecks.limit(limit)
            if let dueWithin, LocalTime.parseDuration(dueWithin) == nil {
                throw ValidationError(CLIText.notADuration(Printable.quoted(dueWithin)).early)
            }
        }

        func run() throws {
            let context = try CommandContext(global)
            var filter = TicketFilter()
            filter.states = state
            filter.department = dept
            filter.type = type
            filter.limit = limit
            if overdue { filter.overdueAt = context.now }
            if let dueWithin, let seconds = LocalTime.parseDuration(dueWithin) {
                filter.dueBetween = context.now...context.now.addingTimeInterval(seconds)
            }
            if let from { filter.createdFrom = try context.parseTime(from, option: "--from") }
            if let to {
                // A bare day means the whole of that day.
                let end = try context.parseTime(to, option: "--to")
                filter.createdBefore = to.count == 10 ? end.addingTimeInterval(86400) : end
                if let start = filter.createdFrom, let before = filter.createdBefore, before <= start {
                    throw UsageError(.toNotAfterFrom(to, from ?? ""))
                }
            }
            let database = try context.database()
            if let dept { _ = try database.department(dept) }
            let tickets = try database.tickets(matching: filter)
            let presenter = TicketPresenter(context)
            if context.json {
                Output.print(Output.json(tickets.map { presenter.json($0, events: nil) }))
                return
            }
            let t = presenter.t
            let rows = tickets.map { ticket -> [String] in
                var clock = ""
                if ticket.state == .dispatched, let signBy = ticket.signDeadline {
                    clock = t("签收", "sign") + " " + presenter.clock(signBy, answeredAt: nil)
                } else if ticket.state.isOpen, let deadline = ticket.deadline {
                    clock = presenter.clock(deadline, answeredAt: ticket.repliedAt)
                } else if let onTime = ticket.onTime, ticket.state == .closed {
                    clock = onTime ? t("按时", "on time") : t("超期", "late")
                }
                return [
                    ticket.number, context.localTime.format(ticket.createdAt), ticket.state.label(context.language),
                    ticket.type.label(context.language), ticket.topic, ticket.leadDepartment ?? "—",
                    presenter.callerName(ticket),
                    ticket.deadline.map { presenter.deadlineText($0, counted: ticket.urgency == .normal) } ?? "—",
                    clock,
                ]
            }
            Output.print(
                Output.table(
                    [
                        t("工单号", "number"), t("受理时间", "created"), t("状态", "state"), t("类型", "type"),
                        t("诉求分类", "topic"), t("主办", "lead"), t("来电人", "caller"), t("办理时限", "deadline"),
                        t("时钟", "clock"),
                    ], rows))
            Output.print(
                presenter.shownLine(tickets.count, of: try database.count(matching: filter), unit: ("件", "tickets")))
        }
    }
}

func nonEmpty(_ text: String?) -> String? {
    guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
    return trimmed
}
