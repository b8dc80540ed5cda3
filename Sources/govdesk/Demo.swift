import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskDemo
import GovDeskStore

/// `govdesk demo`: a fresh database with three months of realistic, deterministic hotline data, then its summary.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demonstration database with months of realistic hotline work orders and letters.",
        discussion: """
            The data is the same for the same --seed, --months, --tickets and --now. Without --now the period is \
            fixed: 2026-08-01 to 2026-10-31, with the open tickets as of 2026-11-02 09:00 (+08:00). With --now the \
            data ends at the start of that month. Only a database that `demo` made itself (or a GovDesk database with no data yet) is \
            replaced.

            Examples:
              govdesk demo                    # govdesk-demo.sqlite
              govdesk demo --db /tmp/training.sqlite --tickets 20000 --months 6
              govdesk demo --now 2025-12-01 --seed 7
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: DemoDataOptions

    func run() throws {
        let context = try CommandContext(global)
        try options.validate()
        let path = global.db ?? context.environment["GOVDESK_DB"] ?? "govdesk-demo.sqlite"
        var resolved = global
        resolved.db = path
        let demoContext = try CommandContext(resolved, environment: context.environment, readingStoredRules: false)
        // Everything that can be refused is checked before an earlier demo database is removed.
        let builder = try DemoBuilder(context: demoContext, options: options)
        defer { builder.progress.finish() }
        try DemoDatabase.prepareFresh(at: path)
        var reference = try SeedLoader.resolve(option: nil).referenceData()
        reference.topics = try TopicTree.nodes(demoContext.loader)
        // Built under a temporary name and moved into place when complete: a killed run leaves no database here.
        let summary = try GovDeskDatabase.build(at: path) { database in
            try database.load(
                reference, rules: try demoContext.configuration.rulesDocument(),
                calendarYears: try demoContext.loader.calendarFiles(), at: demoContext.now)
            let summary = try builder.populate(database)
            // The demo's staff log in to `serve` with one documented password: a training database only.
            if ServiceCommands.canServe {
                builder.progress.stage("设置演示密码", "setting the demo password")
                try ServiceCommands.setDemoPasswords(database, at: builder.generator.options.now)
            }
            return summary
        }
        builder.progress.stage("生成月报", "rendering the monthly report")
        let report = try builder.report(month: summary.reportMonth, database: demoContext.database())
        builder.progress.finish()
        builder.print(summary, path: path)
        if let report { Output.print("\n" + report) }
        if !context.json, ServiceCommands.canServe {
            Output.print("\n" + ServiceCommands.demoHint(path: path, language: context.language))
        }
    }
}

/// The options that shape the generated data, shared by `demo` and `init --demo`.
struct DemoDataOptions: ParsableArguments {
    @Option(
        help: "How many whole months of data, ending before the month of --now (1 to 24).",
        transform: DecimalOption.integer(1...24))
    var months = 3
    @Option(help: "The seed of the generator: the same seed gives the same data.", transform: DecimalOption.seed)
    var seed: UInt64 = 12345
    @Option(help: "How many tickets over the period (1 to 5,000,000).", transform: DecimalOption.integer(1...5_000_000))
    var tickets = 3000

    func validate() throws {
        guard (1...24).contains(months) else { throw UsageError(.demoMonths(months)) }
        guard (1...5_000_000).contains(tickets) else {
            throw UsageError(.demoTickets(tickets))
        }
    }
}

/// What a demo run produced.
struct DemoSummary {
    var tickets: Int
    var events: Int
    var byState: [TicketState: Int]
    var byAction: [TicketAction: Int]
    var letters: [LetterKind: Int]
    var first: String
    var last: String
    var period: (LocalDate, LocalDate)
    var now: Date
    /// The latest complete month.
    var reportMonth: Month
    /// The service hall's part: cases, ratings, findings and evaluations over the same months.
    var hall: HallDemoSummary
}

/// Generates the demo data set into a database that has its reference data.
struct DemoBuilder {
    /// The fixed default clock, so that the demo never depends on today's date.
    static let defaultNow = "2026-11-02T09:00+08:00"

    let context: CommandContext
    let options: DemoDataOptions
    let generator: DemoGenerator
    /// On a terminal, what is being generated (a large demo takes a while).
    let progress: ProgressLine

    /// `reference` is the reference data the database gets (default: the seeds `init` would load).
    init(context: CommandContext, options: DemoDataOptions, reference: ReferenceData? = nil) throws {
        self.context = context
        self.options = options
        progress = ProgressLine(context)
        let explicitNow = context.options.now ?? context.environment["GOVDESK_NOW"]
        let now = explicitNow == nil ? (context.localTime.parse(Self.defaultNow) ?? context.now) : context.now
        let period = DemoOptions.period(nowDay: context.localTime.localDate(of: now), months: options.months)
        let reference = try reference ?? SeedLoader.resolve(option: nil).referenceData()
        generator = try DemoGenerator(
            departments: reference.departments, staff: reference.staff, topics: try Self.topics(context.loader),
            rules: try context.deadlineRules(),
            options: DemoOptions(
                seed: options.seed, tickets: options.tickets, firstDay: period.firstDay, endDay: period.endDay,
                now: now, letters: context.configuration.letters))
    }

    /// The topic tree, as the demo generator takes it.
    static func topics(_ loader: ConfigLoader) throws -> [DemoTopic] {
        try TopicTree.load(loader).entries.map { DemoTopic(path: $0.path, department: $0.department) }
    }

    func populate(_ database: GovDeskDatabase) throws -> DemoSummary {
        // Streamed: the tickets go to the database as they are generated, never all held at once.
        let stream = generator.stream()
        try database.recordAudit(
            actor: "admin", action: "demo",
            details: [
                "seed": String(options.seed), "tickets": String(options.tickets), "months": String(options.months),
            ],
            at: generator.options.now)
        // The events are counted as they go by: a count of the table afterwards read it all again.
        var byAction: [TicketAction: Int] = [:]
        var generated = 0
        progress.stage("生成工单", "generating tickets")
        try database.bulkInsert(
            count: options.tickets,
            next: {
                guard let next = try stream.next() else {
                    progress.stage("写入工单和督办函、建立索引", "writing tickets and letters, building indexes")
                    return nil
                }
                generated += 1
                progress.count(generated, of: options.tickets, "生成工单", "tickets generated")
                for event in next.generated.events { byAction[event.action, default: 0] += 1 }
                return BulkTicket(
                    index: next.index, firstEvent: next.firstEvent, ticket: next.generated.ticket,
                    events: next.generated.events)
            }, letters: { stream.letters }, skippingCheckConstraints: true)
        let range = try database.ticketNumberRange()
        let lastMonth = generator.options.endDay.adding(days: -1)
        let months = Array(
            sequence(first: Month(generator.options.firstDay)) { $0 < Month(lastMonth) ? $0.adding(months: 1) : nil })
        progress.stage("生成服务大厅的办件、评价、整改和考核", "generating the service hall's cases, ratings and findings")
        let hall = try HallDemo.generate(
            into: database, months: months, seed: options.seed, rules: try context.deadlineRules(),
            evaluation: context.configuration.evaluation)
        return DemoSummary(
            tickets: options.tickets, events: byAction.values.reduce(0, +),
            byState: try database.ticketCountsByState(), byAction: byAction, letters: try database.letterCounts(),
            first: range?.first ?? "", last: range?.last ?? "",
            period: (generator.options.firstDay, lastMonth), now: generator.options.now,
            reportMonth: Month(lastMonth), hall: hall)
    }

    func print(_ summary: DemoSummary, path: String) {
        let zh = context.language == .zh
        func t(_ a: String, _ b: String) -> String { zh ? a : b }
        if context.json {
            Output.print(
                Output.json([
                    "database": path, "tickets": summary.tickets, "events": summary.events,
                    "firstTicket": summary.first, "lastTicket": summary.last,
                    "from": summary.period.0.description, "to": summary.period.1.description,
                    "now": context.localTime.iso(summary.now),
                    "byState": Dictionary(uniqueKeysWithValues: summary.byState.map { ($0.key.rawValue, $0.value) }),
                    "byAction": Dictionary(uniqueKeysWithValues: summary.byAction.map { ($0.key.rawValue, $0.value) }),
                    "letters": Dictionary(uniqueKeysWithValues: summary.letters.map { ($0.key.rawValue, $0.value) }),
                    "hall": [
                        "cases": summary.hall.cases, "ratings": summary.hall.ratings,
                        "badRatings": summary.hall.badRatings, "breaches": summary.hall.breaches,
                        "findings": Dictionary(
                            uniqueKeysWithValues: summary.hall.findings.map { ($0.key.rawValue, $0.value) }),
                        "evaluatedMonths": summary.hall.evaluatedMonths,
                    ] as [String: Any],
                    "reportMonth": summary.reportMonth.description,
                ]))
            return
        }
        var lines = [
            t("演示数据库：", "Demo database: ") + path,
            t("数据区间：", "Period: ") + "\(summary.period.0) — \(summary.period.1)"
                + t("，截至 ", ", as of ") + context.localTime.format(summary.now),
            t("工单 ", "Tickets ") + "\(summary.tickets)" + t("（", " (") + "\(summary.first) … \(summary.last)"
                + t("），事件 ", "), events ") + "\(summary.events)",
            "",
        ]
        lines.append(
            Output.table(
                [t("状态", "State"), t("件数", "Tickets")],
                TicketState.allCases.map { [$0.label(context.language), String(summary.byState[$0] ?? 0)] }))
        lines.append("")
        lines.append(
            Output.table(
                [t("动作", "Action"), t("次数", "Events")],
                TicketAction.allCases.compactMap { action in
                    summary.byAction[action].map { [action.label(context.language), String($0)] }
                }))
        lines.append("")
        lines.append(
            t("督办函：", "Letters: ")
                + LetterKind.allCases.map { "\($0.label(context.language)) \(summary.letters[$0] ?? 0)" }
                .joined(separator: t("，", ", ")))
        let hall = summary.hall
        lines.append(
            t("政务大厅：办件 ", "Service hall: cases ") + "\(hall.cases)" + t("，评价 ", ", ratings ") + "\(hall.ratings)"
                + t("（差评 ", " (bad ") + "\(hall.badRatings)" + t("），一次性告知违规 ", "), notification breaches ")
                + "\(hall.breaches)" + t("，整改事项 ", ", findings ")
                + FindingState.allCases.map { "\($0.label(context.language)) \(hall.findings[$0] ?? 0)" }
                .joined(separator: t("、", ", "))
                + t("；考核月份 ", "; evaluated months ") + hall.evaluatedMonths.joined(separator: ", "))
        Output.print(lines.joined(separator: "\n"))
    }

    /// The monthly closure report of the latest complete month (DESIGN §6.2), as `report monthly` prints it; nil
    /// under `--json`.
    func report(month: Month, database: GovDeskDatabase) throws -> String? {
        guard !context.json else { return nil }
        return try ReportGroup.render(
            month: month, format: .table, language: context.language, database: database, context: context)
    }
}

/// `Config/topics.yaml`.
struct TopicsFile: Decodable {
    struct Entry: Decodable {
        var path: String
        var department: String
    }

    var topics: [Entry]
}

/// Keeps `demo` from ever overwriting a database that holds real work.
enum DemoDatabase {
    /// Removes an earlier demo database at `path`; refuses when the file is not one.
    static func prepareFresh(at path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        // The existing database is closed (its connection released) before its files go.
        let replaceable = try { () throws -> Bool in
            let existing = try GovDeskDatabase(path: path, creating: nil)
            if !(try existing.isInitialized()) { return true }
            return try existing.kind == .training && existing.auditEntries().contains { $0.action == "demo" }
        }()
        guard replaceable else { throw DemoError.wouldOverwrite(path) }
        GovDeskDatabase.removeFiles(of: path)
    }
}

enum DemoError: GovDeskError {
    case wouldOverwrite(String)
    var kind: FailureKind { .refused }
    var chineseMessage: String {
        switch self {
        case .wouldOverwrite(let path): return CLIText.demoWouldOverwrite(path).chinese
        }
    }
    var englishMessage: String {
        switch self {
        case .wouldOverwrite(let path): return CLIText.demoWouldOverwrite(path).english
        }
    }
}
