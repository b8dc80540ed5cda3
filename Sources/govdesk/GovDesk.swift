import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

@main
struct GovDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govdesk",
        abstract: "12345 hotline work orders and the government service hall, over one SQLite file.",
        discussion: """
            Exit status: 0 success, 1 refused (invalid transition, permission), 64 usage, 65 bad input data, \
            74 storage or file failure (no database at --db, a file that cannot be read or a folder that does not \
            exist). Messages go to standard error.

            Examples:
              govdesk demo                # a training database and its monthly report
              export GOVDESK_DB=govdesk-demo.sqlite
              govdesk ticket list --overdue --limit 20
              govdesk ticket show 20261026-000019
              govdesk --actor op01 ticket new --type complaint --channel phone \\
                  --topic 城市管理/市容环境/占道经营 --caller 张建国 \\
                  --phone 13835512345 --text "早市摊贩占用人行道经营"
              govdesk report monthly --month 2026-10
              govdesk help ticket new     # a command's options, with examples

            Shell completion, for bash, zsh or fish:
              govdesk --generate-completion-script bash > ~/.govdesk-completion.bash
              source ~/.govdesk-completion.bash   # e.g. from ~/.bashrc
            A manual page: `swift package generate-manual` in the source tree (README).
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Demo.self, TicketGroup.self, Dept.self, Staff.self, CalendarGroup.self, DatabaseGroup.self,
            WindowGroup.self, ItemGroup.self, CaseGroup.self, Rate.self, OfficerGroup.self, FindingGroup.self,
            EvalGroup.self, ReportGroup.self,
            ExportGroup.self, ImportGroup.self,
            LettersGroup.self, AuditGroup.self, TopicGroup.self, MonthGroup.self, ConfigGroup.self, APIKeyGroup.self,
        ] + ServiceCommands.top
    )

    /// Declared here too so that the global flags may come before the command, as in `govdesk --db X ticket …`.
    @OptionGroup var global: GlobalOptions

    /// Runs a command and maps every failure to one line on standard error and a documented exit status.
    static func main() {
        defer { CommandContext.latest?.finish() }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as GovDeskError {
            fail(FieldOption.describe(error, language), status: error.kind.exitStatus)
        } catch let error where DatabaseFailure.message(of: error) != nil {
            let text = CLIText.sqliteFailure(DatabaseFailure.message(of: error) ?? "")
            fail(text.text(language), status: FailureKind.storage.exitStatus)
        } catch let error as CocoaError {
            fail(CLIText.fileError(error.localizedDescription).text(language), status: FailureKind.storage.exitStatus)
        } catch {
            // Help and usage errors, from ArgumentParser. Help goes to standard output through `Output`, so that a
            // failed write is an error here too (DESIGN §11.5); the rest to standard error with its status.
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            guard code == .success else { exit(withError: error) }
            if !message.isEmpty { Output.print(message) }
        }
        // Output that could not be written is a failure even though the command did its work (DESIGN §11.5).
        if let message = Output.finishStandardOutput() {
            fail(message, status: FailureKind.storage.exitStatus)
        }
    }

    /// The language of messages: the command's (`--lang`, else the configuration's), or before a command has its
    /// context, the one its command line asks for.
    static var language: Language { CommandContext.latest?.language ?? CommandLanguage.early }

    static func fail(_ message: String, status: Int32) -> Never {
        CommandContext.latest?.finish()
        // One line, whatever a quoted value held (DESIGN §11.5); a log record under `serve --log-format json`.
        if let sink = Output.errorSink {
            sink(message)
        } else {
            Output.writeError("govdesk: \(Printable.escaped(message))\n")
        }
        Foundation.exit(status)
    }
}
