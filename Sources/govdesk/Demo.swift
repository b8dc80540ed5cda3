import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// `govdesk demo`: a fresh database with a ticket taken through its whole life, then its story.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a demonstration database and show a ticket's whole life.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let context = try CommandContext(global)
        let path = global.db ?? context.environment["GOVDESK_DB"] ?? "govdesk-demo.sqlite"
        try DemoDatabase.prepareFresh(at: path)
        var options = global
        options.db = path
        let demoContext = try CommandContext(options, environment: context.environment)
        let database = try demoContext.database()
        try database.load(try SeedLoader.resolve(option: nil).referenceData())
        try database.recordAudit(actor: "admin", action: "demo", details: [:], at: demoContext.now)
        let story = try DemoStory(database: database, context: demoContext).run()
        let presenter = TicketPresenter(demoContext)
        let ticket = try database.ticket(story)
        let events = try database.events(of: story)
        if demoContext.json {
            Output.print(Output.json(presenter.json(ticket, events: events)))
        } else {
            let names = Dictionary(uniqueKeysWithValues: try database.departments().map { ($0.code, $0.name) })
            Output.print(presenter.show(ticket, events: events, departments: names))
            Output.print("\n" + presenter.t("演示数据库：", "Demo database: ") + path)
        }
    }
}

/// Keeps `demo` from ever overwriting a database that holds real work.
enum DemoDatabase {
    /// Removes an earlier demo database at `path`; refuses when the file is not one.
    static func prepareFresh(at path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let existing = try GovDeskDatabase(path: path)
        let isDemo = try existing.auditEntries().contains { $0.action == "demo" }
        let isEmpty = try !existing.isInitialized()
        guard isDemo || isEmpty else {
            throw DemoError.wouldOverwrite(path)
        }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}

enum DemoError: GovDeskError {
    case wouldOverwrite(String)
    var kind: FailureKind { .refused }
    var description: String {
        switch self {
        case .wouldOverwrite(let path):
            return "\(path) holds data that is not a demo; `govdesk demo` only replaces its own databases — give another --db"
        }
    }
}

/// One ticket's life, as the README walks through it.
struct DemoStory {
    let database: GovDeskDatabase
    let context: CommandContext

    func run() throws -> String {
        let rules = try context.deadlineRules()
        let start = context.localTime.parse("2025-09-29T09:12")!
        let ticket = try database.createTicket(
            Ticket.Intake(
                channel: .phone, type: .complaint, topic: "城市管理/市容环境/占道经营", callerName: "张建国",
                callerPhone: "13835512345", address: "英雄南路与太行东街交叉口", street: "英雄南路街道",
                description: "早市摊贩占用人行道经营，行人只能走机动车道，早高峰很危险，希望尽快整治。"),
            actor: "op01", at: start, localTime: context.localTime)
        let n = ticket.number
        let steps: [(TicketCommand, String, String)] = [
            (.dispatch(lead: "CGJ", co: ["YXNL"]), "pd01", "2025-09-29T09:40"),
            (.sign, "cgj1", "2025-09-30T08:55"),
            (.extend(days: 3, reason: "需会同街道核查摊贩经营许可"), "cgj1", "2025-10-13T10:00"),
            (.approveExtension, "db01", "2025-10-13T15:30"),
            (.reply(text: "已安排执法队员早间巡查。", outcome: .partly), "cgj1", "2025-10-20T17:10"),
            (.reject(reason: "答复未说明长效管理措施"), "sh01", "2025-10-21T09:20"),
            (.reply(text: "已划定临时疏导点并每日早间巡查，占道现象已消除。", outcome: .resolved), "cgj1", "2025-10-23T16:45"),
            (.approve, "sh01", "2025-10-24T10:05"),
            (.revisit(satisfaction: 5, resolved: .yes, note: "来电人表示满意"), "op02", "2025-10-27T11:00"),
        ]
        for (command, actor, time) in steps {
            try database.apply(command, to: n, actor: actor, at: context.localTime.parse(time)!, rules: rules)
        }
        return n
    }
}
