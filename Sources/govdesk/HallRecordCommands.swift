import ArgumentParser
import Foundation
import GovDeskCore

/// A subcommand that applies one action to one hall record: `govdesk case complete BJ…`, `govdesk finding verify ZG…`.
protocol HallRecordAction: ParsableCommand {
    associatedtype Command
    var global: GlobalOptions { get }
    /// The record's number.
    var number: String { get }
    /// What the options ask for.
    var command: Command { get }
}

extension HallPresenter {
    /// Prints a list of hall records, as `case list` and `finding list` do: a JSON array (`--json`), or a table and
    /// the line that says how many of the `total` matching records it showed.
    func printList<Record>(
        _ records: [Record], json: Bool, object: (Record) -> [String: Any], header: [String], row: (Record) -> [String],
        maxCell: Int = 40, total: () throws -> Int, unit: (zh: String, en: String)
    ) throws {
        if json {
            Output.print(Output.json(records.map(object)))
            return
        }
        Output.print(Output.table(header, records.map(row), maxCell: maxCell))
        Output.print(shownLine(records.count, of: try total(), unit: unit))
    }
}
