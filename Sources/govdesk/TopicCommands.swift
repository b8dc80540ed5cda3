import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// The topic tree (`Config/topics.yaml`, built in): 大类/小类/具体问题, each leaf with the department that usually
/// leads (the dispatch hint). Intake takes a node of the tree, so that 高频诉求 counts are not split by spellings.
struct TopicTree {
    struct Entry {
        var path: String
        var department: String
    }

    let entries: [Entry]
    let file: String
    /// Deactivated topics: kept for the tickets that have them, refused for new ones.
    var inactive: Set<String> = []

    /// The database's tree (DESIGN §9: the source of truth from `init` on), or, for a database made before topics
    /// were kept in it, `topics.yaml` of the configuration folder or the built-in one.
    static func load(_ context: CommandContext) throws -> TopicTree {
        if let database = try context.existingDatabase() {
            let topics = try database.topics()
            if !topics.isEmpty {
                return TopicTree(
                    entries: topics.filter(\.active).map { Entry(path: $0.path, department: $0.department) },
                    file: "the database", inactive: Set(topics.filter { !$0.active }.map(\.path)))
            }
        }
        return try load(context.loader)
    }

    /// The tree as `init` puts it into a new database.
    static func nodes(_ loader: ConfigLoader) throws -> [TopicNode] {
        try load(loader).entries.map { TopicNode(path: $0.path, department: $0.department) }
    }

    /// `topics.yaml` of the configuration folder, else the built-in one.
    static func load(_ loader: ConfigLoader) throws -> TopicTree {
        var text = EmbeddedDefaults.topics
        var file = "Config/topics.yaml (built in)"
        if let url = loader.directory?.appendingPathComponent("topics.yaml"),
            FileManager.default.fileExists(atPath: url.path)
        {
            text = try ConfigLoader.read(url)
            file = url.path
        }
        let entries = try YAMLDecoding.decode(TopicsFile.self, text: text, file: file).topics.map {
            Entry(path: $0.path, department: $0.department)
        }
        return TopicTree(entries: entries, file: file)
    }

    /// Whether `path` is a node of the tree: a leaf, or a 大类 or 大类/小类 above one.
    func contains(_ path: String) -> Bool {
        entries.contains { $0.path == path || $0.path.hasPrefix(path + "/") }
    }

    /// The department that usually leads tickets of `path` (a leaf), if the tree names one.
    func hint(for path: String) -> String? {
        entries.first { $0.path == path }?.department
    }

    /// Up to three leaves that share the most leading characters with `path`, for the refusal message.
    func closest(to path: String) -> [String] {
        func shared(_ a: String, _ b: String) -> Int { zip(a, b).prefix { $0 == $1 }.count }
        let parts = path.split(separator: "/").map(String.init)
        return entries.map(\.path)
            .map { candidate in
                (candidate, parts.reduce(0) { $0 + (candidate.contains($1) ? $1.count : 0) } + shared(candidate, path))
            }
            .filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(3).map(\.0)
    }

    /// Refuses a topic that is not a node of the tree, naming the nearest ones.
    func check(_ path: String) throws {
        guard !contains(path) else { return }
        if inactive.contains(path) {
            throw TopicError(text: .topicDeactivated(Printable.quoted(path)))
        }
        let near = closest(to: path)
        throw TopicError(text: .topicNotInTree(Printable.quoted(path), file: file, nearest: near))
    }
}

/// An intake topic outside the tree: bad input (65).
struct TopicError: GovDeskError {
    var text: CLIText
    var kind: FailureKind { .badData }
    var chineseMessage: String { text.chinese }
    var englishMessage: String { text.english }
}

/// `govdesk topic list`: the topic tree with each leaf's dispatch hint.
struct TopicGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topic", abstract: "The topic tree (诉求分类) with each topic's usual lead department.",
        subcommands: [
            List.self, Add.self, Edit.self, Deactivate<TopicNoun>.self, Reactivate<TopicNoun>.self, Load.self,
        ])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a topic to the tree, with the department that usually leads (admin).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "大类/小类/具体问题: one to three levels separated by '/'.") var path: String
        @Option(name: .customLong("dept"), help: "The department that usually leads such tickets (the dispatch hint).")
        var department: String

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            try database.addTopic(
                TopicNode(path: path, department: department), actor: context.actorCode, at: context.now)
            Output.print(
                context.json ? Output.json(["path": path, "department": department]) : Printable.escaped(path))
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Change the department that usually leads a topic (admin; audited).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The topic's path.") var path: String
        @Option(name: .customLong("dept"), help: "The department that usually leads such tickets.") var department:
            String

        func run() throws {
            let context = try CommandContext(global)
            try context.database().edit(
                .topic, code: path, ReferenceEdit(department: department), actor: context.actorCode, at: context.now)
            Output.print(
                context.json
                    ? Output.json(["path": path, "department": department])
                    : "\(Printable.escaped(path)) → \(department)")
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load",
            abstract: "Copy topics.yaml (or the built-in tree) into a database made before topics were kept in it "
                + "(admin; once).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try CommandContext(global)
            let tree = try TopicTree.load(context.loader)
            let count = try context.database().loadTopics(
                try TopicTree.nodes(context.loader), source: tree.file, actor: context.actorCode, at: context.now)
            Output.print(
                context.json ? Output.json(["topics": count, "source": tree.file]) : "已载入 \(count) 类诉求（\(tree.file)）")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the topics a ticket may take, with the department that usually leads.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListLimit

        func run() throws {
            let context = try CommandContext(global)
            let tree = try TopicTree.load(context)
            // The database's tree, deactivated topics included; else the file's.
            var nodes = try context.existingDatabase()?.topics() ?? []
            if nodes.isEmpty { nodes = tree.entries.map { TopicNode(path: $0.path, department: $0.department) } }
            let matched = nodes.count
            nodes = list.cut(nodes).shown
            let names =
                (try? context.existingDatabase()?.departments()).flatMap { $0 }.map {
                    Dictionary(uniqueKeysWithValues: $0.map { ($0.code, $0.name) })
                } ?? [:]
            if context.json {
                Output.print(
                    Output.json(
                        nodes.map {
                            ["path": $0.path, "department": $0.department, "active": $0.active] as [String: Any]
                        }))
                return
            }
            let zh = context.language == .zh
            Output.print(
                Output.table(
                    zh ? ["诉求分类", "派单提示", "状态"] : ["topic", "usually led by", "status"],
                    nodes.map {
                        [
                            Printable.escaped($0.path), $0.department + (names[$0.department].map { " " + $0 } ?? ""),
                            Self.status($0.active, zh: zh),
                        ]
                    }))
            if tree.file != "the database" {
                Output.warn(
                    zh
                        ? "此数据库尚未保存诉求分类，以上取自 \(tree.file)；管理员可用 `govdesk topic load` 载入"
                        : "this database keeps no topic tree yet; these come from \(tree.file) (`govdesk topic load`)")
            }
            Output.print(listFooter(nodes.count, of: matched, unit: ("类", "topics"), language: context.language))
        }
    }
}
