import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// `govdesk config show|apply`: the rules the database keeps (DESIGN §9). A configuration folder sets them when the
/// database is made; from then on they change only here, by an administrator, audited.
struct ConfigGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "The rules the database keeps (time zone, limits, letters, evaluation, backdating): show, apply.",
        subcommands: [Show.self, Apply.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "The rules in force, when and by whom they were set, and where a configuration folder differs.",
            discussion: "Example: govdesk config show")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try CommandContext(global)
            _ = try context.database()
            let zh = context.language == .zh
            let document = try context.configuration.rulesDocument()
            let differences = context.ignoredRules
            context.ignoredRules = []
            if context.json {
                var object: [String: Any] = [
                    "rules": try JSONSerialization.jsonObject(with: Data(document.utf8)),
                    "stored": context.storedRules != nil, "differences": differences,
                ]
                if let stored = context.storedRules {
                    object["setAt"] = context.localTime.iso(stored.setAt)
                    object["setBy"] = stored.setBy
                }
                Output.print(Output.json(object))
                return
            }
            var lines: [String] = []
            if let stored = context.storedRules {
                lines.append(
                    zh
                        ? "数据库保存的规则（\(context.localTime.format(stored.setAt)) 由 \(stored.setBy) 设定）："
                        : "The rules this database keeps (set by \(stored.setBy) at \(context.localTime.format(stored.setAt))):"
                )
            } else {
                lines.append(
                    zh
                        ? "此数据库尚未保存规则（由较早版本创建）：各命令按其载入的配置执行；请管理员用 `govdesk config apply` 保存。当前配置："
                        : "This database keeps no rules yet (made by an earlier release): each command uses the "
                            + "configuration it loads; an administrator stores them with `govdesk config apply`. Loaded:"
                )
            }
            lines += Self.flattened(try JSONSerialization.jsonObject(with: Data(document.utf8)), path: "")
                .map { "  " + $0 }
            if !differences.isEmpty {
                lines.append(
                    zh
                        ? "配置文件夹与之不同之处（数据库 → 配置，未生效）："
                        : "Where the configuration folder differs (database → configuration; not in force):")
                lines += differences.map { "  " + $0 }
            }
            Output.print(lines.joined(separator: "\n"))
        }

        static func flattened(_ value: Any, path: String) -> [String] {
            if let object = value as? [String: Any] {
                return object.keys.sorted().flatMap { key in
                    flattened(object[key]!, path: path.isEmpty ? key : "\(path).\(key)")
                }
            }
            if let list = value as? [Any] {
                return ["\(path): " + list.map { "\($0)" }.joined(separator: ", ")]
            }
            return ["\(path): \(value)"]
        }
    }

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Make the loaded configuration's rules the database's (an administrator; audited).",
            discussion: """
                The configuration comes from --config, GOVDESK_CONFIG or ./Config. Changes apply from now on: \
                deadlines already set, letters issued and closed months stay as they are. The time zone cannot \
                change once the database holds a record.
                Example: govdesk --actor admin --config /etc/govdesk config apply
                """)
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            let document = try context.loadedConfiguration.rulesDocument()
            let differences = try context.loadedConfiguration.ruleDifferences(
                from: context.storedRules?.document ?? "{}")
            let stored = try database.applyRules(
                document, differences: differences, actor: context.actorCode, at: context.now)
            context.ignoredRules = []
            if context.json {
                Output.print(
                    Output.json([
                        "applied": true, "setAt": context.localTime.iso(stored.setAt), "setBy": stored.setBy,
                        "changed": differences,
                    ]))
                return
            }
            let zh = context.language == .zh
            Output.print(
                ((zh
                    ? "已应用规则，\(differences.count) 项改变（原 → 新）："
                    : "Rules applied, \(differences.count) changed (was → now):")
                    + "\n" + differences.map { "  " + $0 }.joined(separator: "\n")))
        }
    }
}
