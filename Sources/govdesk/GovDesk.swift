import ArgumentParser
import Foundation
import GRDB
import GovDeskCore
import GovDeskStore

@main
struct GovDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govdesk",
        abstract: "12345 hotline work orders and the government service hall, over one SQLite file.",
        discussion: """
            Exit status: 0 success, 1 refused (invalid transition, permission), 64 usage, 65 bad input data, \
            74 storage failure. Messages go to standard error.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Demo.self, TicketGroup.self, Dept.self, Staff.self, CalendarGroup.self, DatabaseGroup.self,
            WindowGroup.self, ItemGroup.self, CaseGroup.self, Rate.self, OfficerGroup.self, FindingGroup.self,
            EvalGroup.self, ReportGroup.self,
            ExportGroup.self, ImportGroup.self,
            LettersGroup.self, AuditGroup.self, TopicGroup.self, MonthGroup.self,
        ]
    )

    /// Declared here too so that the global flags may come before the command, as in `govdesk --db X ticket …`.
    @OptionGroup var global: GlobalOptions

    /// Runs a command and maps every failure to one line on standard error and a documented exit status.
    static func main() {
        defer { CommandContext.latest?.warnOfMissingCalendarYear() }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as GovDeskError {
            fail(error.description, status: error.kind.exitStatus)
        } catch let error as DatabaseError {
            fail("storage failure: \(error.message ?? "\(error.resultCode)")", status: FailureKind.storage.exitStatus)
        } catch let error as CocoaError {
            fail("file error: \(error.localizedDescription)", status: FailureKind.storage.exitStatus)
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

    static func fail(_ message: String, status: Int32) -> Never {
        CommandContext.latest?.warnOfMissingCalendarYear()
        // One line, whatever a quoted value held (DESIGN §11.5).
        Output.writeError("govdesk: \(Printable.escaped(message))\n")
        Foundation.exit(status)
    }
}
