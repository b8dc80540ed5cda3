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
        let near = closest(to: path)
        throw TopicError(
            message: "topic '\(Printable.quoted(path))' is not in the topic tree (\(file))"
                + (near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))")
                + "; `govdesk topic list` shows them all")
    }
}

/// An intake topic outside the tree: bad input (65).
struct TopicError: GovDeskError {
    var message: String
    var kind: FailureKind { .badData }
    var description: String { message }
}

/// `govdesk topic list`: the topic tree with each leaf's dispatch hint.
struct TopicGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topic", abstract: "The topic tree (诉求分类) with each topic's usual lead department.",
        subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the topics a ticket may take, with the department that usually leads.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try CommandContext(global)
            let tree = try TopicTree.load(context.loader)
            let names =
                (try? context.existingDatabase()?.departments()).flatMap { $0 }.map {
                    Dictionary(uniqueKeysWithValues: $0.map { ($0.code, $0.name) })
                } ?? [:]
            if context.json {
                Output.print(
                    Output.json(tree.entries.map { ["path": $0.path, "department": $0.department] as [String: Any] }))
                return
            }
            let zh = context.language == .zh
            Output.print(
                Output.table(
                    zh ? ["诉求分类", "派单提示"] : ["topic", "usually led by"],
                    tree.entries.map { [$0.path, $0.department + (names[$0.department].map { " " + $0 } ?? "")] }))
            Output.print(zh ? "共 \(tree.entries.count) 类" : "\(tree.entries.count) topics")
        }
    }
}
