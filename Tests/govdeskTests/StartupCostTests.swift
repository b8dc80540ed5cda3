import ArgumentParser
import Testing

@testable import govdesk

/// What every command pays before it does its work (issue 6, case 1): an operator logs a call in one process.
struct StartupCostTests {
    /// Every command of the tree below `command`, with its path, depth first.
    static func commands(
        _ command: any ParsableCommand.Type, path: String = "govdesk"
    ) -> [(path: String, command: any ParsableCommand.Type)] {
        [(path, command)]
            + command.configuration.subcommands.flatMap { sub in
                commands(sub, path: path + " " + (sub.configuration.commandName ?? "\(sub)"))
            }
    }

    /// A command without a `commandName` is named by `String(describing:)` of its type, which ArgumentParser does for
    /// every command of the tree on every start; each is a failed protocol-conformance scan of the whole binary, and
    /// together they were most of `ticket new`'s start-up (perf, release build).
    @Test func everyCommandNamesItselfSoThatStartingNeedsNoReflection() {
        let all = Self.commands(GovDesk.self)
        #expect(all.count > 80)
        for (path, command) in all {
            #expect(command.configuration.commandName != nil, "\(path) (\(command)) has no commandName")
        }
    }

    /// The explicit names are the ones the type names gave before (dumped from the binary before the change), so
    /// scripts keep working.
    @Test func commandPathsAreUnchanged() {
        let paths = Self.commands(GovDesk.self).map(\.path)
        #if canImport(GovDeskService)
            #expect(paths == Self.pathsBefore)
        #else
            // A build without the web service (Package.swift) has neither `serve` nor `staff password`.
            #expect(paths == Self.pathsBefore.filter { $0 != "govdesk serve" && $0 != "govdesk staff password" })
        #endif
    }

    static let pathsBefore: [String] = [
        "govdesk", "govdesk init", "govdesk demo", "govdesk ticket", "govdesk ticket new", "govdesk ticket dispatch",
        "govdesk ticket sign", "govdesk ticket return", "govdesk ticket extend", "govdesk ticket approve-extension",
        "govdesk ticket deny-extension", "govdesk ticket reply", "govdesk ticket approve", "govdesk ticket reject",
        "govdesk ticket resolve", "govdesk ticket revisit", "govdesk ticket reopen", "govdesk ticket merge",
        "govdesk ticket urge", "govdesk ticket show", "govdesk ticket list", "govdesk dept", "govdesk dept add",
        "govdesk dept list", "govdesk dept edit", "govdesk dept deactivate", "govdesk dept reactivate", "govdesk staff",
        "govdesk staff add", "govdesk staff list", "govdesk staff edit", "govdesk staff deactivate",
        "govdesk staff reactivate", "govdesk staff bind", "govdesk staff unbind", "govdesk staff bindings",
        "govdesk staff password",
        "govdesk calendar",
        "govdesk calendar show", "govdesk calendar check", "govdesk calendar add", "govdesk db", "govdesk db backup",
        "govdesk db check",
        "govdesk db seal",
        "govdesk window", "govdesk window add", "govdesk window list", "govdesk window show", "govdesk window edit",
        "govdesk window deactivate", "govdesk window reactivate", "govdesk item",
        "govdesk item add", "govdesk item list", "govdesk item edit", "govdesk item deactivate",
        "govdesk item reactivate", "govdesk case", "govdesk case new",
        "govdesk case request-materials", "govdesk case complete", "govdesk case refuse", "govdesk case list",
        "govdesk case show", "govdesk rate", "govdesk officer", "govdesk officer add", "govdesk officer list",
        "govdesk officer edit", "govdesk officer deactivate", "govdesk officer reactivate",
        "govdesk finding", "govdesk finding new", "govdesk finding assign", "govdesk finding rectify",
        "govdesk finding verify", "govdesk finding reopen", "govdesk finding list", "govdesk finding show",
        "govdesk eval", "govdesk eval score", "govdesk eval run", "govdesk eval show", "govdesk eval finalize",
        "govdesk report", "govdesk report monthly", "govdesk report departments", "govdesk report windows",
        "govdesk report findings", "govdesk export", "govdesk export tickets", "govdesk export events",
        "govdesk export cases", "govdesk export ratings", "govdesk export findings", "govdesk export evaluations",
        "govdesk export letters", "govdesk import", "govdesk import tickets", "govdesk import mappings",
        "govdesk letters",
        "govdesk letters issue", "govdesk letters list", "govdesk letters show", "govdesk letters write",
        "govdesk audit", "govdesk audit list", "govdesk topic", "govdesk topic list", "govdesk topic add",
        "govdesk topic edit", "govdesk topic deactivate", "govdesk topic reactivate", "govdesk topic load",
        "govdesk month", "govdesk month close", "govdesk month list", "govdesk config", "govdesk config show",
        "govdesk config apply", "govdesk apikey", "govdesk apikey add", "govdesk apikey list",
        "govdesk apikey revoke", "govdesk serve",
    ]
}
