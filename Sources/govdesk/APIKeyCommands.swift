import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// `govdesk apikey add|list|revoke`: the clients of the Open311 interface (DESIGN §12), an administrator's. The store
/// keeps each key's SHA-256 only; `add` shows the key once. No web service is needed for these.
struct APIKeyGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey",
        abstract: "Add, list and revoke the API clients of the Open311 interface (an administrator).",
        subcommands: [Add.self, List.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an API client and print its key, once.",
            discussion: """
                The name is \(Codes.apiClientNameRule). The client's tickets name the actor api:NAME as their \
                operator and come by --channel (web or app). The key is printed once on standard output and never \
                again: the database keeps only its SHA-256. Audited. Example: govdesk --actor admin apikey add \
                fixmystreet --channel web
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The client's name.") var name: String
        @Option(help: "The channel its tickets come by: web or app.") var channel: Channel = .web

        func run() throws {
            let context = try CommandContext(global)
            let added = try context.database().addAPIClient(
                name: name, channel: channel, actor: context.actorCode, at: context.now)
            if context.json {
                Output.print(
                    Output.json([
                        "name": added.client.name, "channel": added.client.channel.rawValue,
                        "actor": added.client.actor, "key": added.key, "shownOnce": true,
                    ]))
                return
            }
            Output.print(
                CLIText.apiKeyAdded(added.client.name, added.client.channel.label(context.language)).text(
                    context.language))
            Output.print(added.key)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The API clients, revoked ones too (never their keys).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListLimit

        func run() throws {
            let context = try CommandContext(global)
            let (clients, matched) = list.cut(try context.database().apiClients(actor: context.actorCode))
            if context.json {
                Output.print(
                    Output.json([
                        "clients": clients.map { client -> [String: Any] in
                            var values: [String: Any] = [
                                "name": client.name, "channel": client.channel.rawValue, "actor": client.actor,
                                "createdAt": context.localTime.iso(client.createdAt), "createdBy": client.createdBy,
                                "revoked": client.isRevoked,
                            ]
                            if let at = client.revokedAt { values["revokedAt"] = context.localTime.iso(at) }
                            if let by = client.revokedBy { values["revokedBy"] = by }
                            return values
                        }
                    ]))
                return
            }
            let zh = context.language == .zh
            Output.print(
                Output.table(
                    zh ? ["名称", "渠道", "添加时间", "添加人", "状态"] : ["name", "channel", "added", "by", "state"],
                    clients.map { client in
                        let state =
                            client.revokedAt.map {
                                CLIText.apiKeyRevokedState(context.localTime.format($0), client.revokedBy ?? "")
                                    .text(context.language)
                            } ?? CLIText.apiKeyValid.text(context.language)
                        return [
                            client.name, client.channel.label(context.language),
                            context.localTime.format(client.createdAt), client.createdBy, state,
                        ]
                    }))
            Output.print(
                listFooter(clients.count, of: matched, unit: ("个接口客户端", "API clients"), language: context.language))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Revoke an API client's key for good; its tickets stay.",
            discussion: """
                Requests with the key are refused (403) from then on. A client is never deleted and its name never \
                reused: add a client of another name for a new key. Audited. Example: govdesk --actor admin apikey \
                revoke fixmystreet
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The client's name.") var name: String

        func run() throws {
            let context = try CommandContext(global)
            let client = try context.database().revokeAPIClient(name: name, actor: context.actorCode, at: context.now)
            if context.json {
                Output.print(
                    Output.json([
                        "name": client.name, "revoked": true,
                        "revokedAt": context.localTime.iso(client.revokedAt ?? context.now),
                    ]))
                return
            }
            Output.print(CLIText.apiKeyRevoked(client.name).text(context.language))
        }
    }
}
