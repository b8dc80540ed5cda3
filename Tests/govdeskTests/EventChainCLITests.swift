import Foundation
import Testing

/// Someone drops the append-only triggers with the real `sqlite3` shell and edits or deletes an event of a ticket, a
/// case or a finding: `db check` names the record and the event and exits 1.
@Suite(.serialized)
struct EventChainCLITests {
    /// A record kind as `db check` names it, with its tables.
    struct Kind: CustomTestStringConvertible, Sendable {
        var label: String
        var subjectTable: String
        var eventTable: String
        var parentColumn: String
        var testDescription: String { label }
    }

    enum Tampering: String, CaseIterable, Sendable {
        case editDetails, deleteMiddleEvent, deleteLastEvent
    }

    static let kinds = [
        Kind(label: "ticket", subjectTable: "ticket", eventTable: "ticketEvent", parentColumn: "ticketId"),
        Kind(label: "case", subjectTable: "windowCase", eventTable: "caseEvent", parentColumn: "caseId"),
        Kind(label: "finding", subjectTable: "finding", eventTable: "findingEvent", parentColumn: "findingId"),
    ]

    /// Runs the `sqlite3` shell on `path` with `sql` on its standard input; returns its standard output.
    static func sqlite3(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-batch", "-bail", path]
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(sql.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3: \(String(decoding: err, as: UTF8.self))")
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: kinds, Tampering.allCases)
    func checkNamesTheRecordAndTheEventChangedBehindItsBack(kind: Kind, tampering: Tampering) throws {
        // Given a demo database that checks clean
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["--now", "2025-11-15T09:00", "demo", "--tickets", "40", "--months", "1", "--seed", "5"])
        #expect(try cli.run(["db", "check"]).status == 0)
        let picked = try Self.sqlite3(
            cli.database,
            "SELECT id, number, eventCount FROM \(kind.subjectTable) WHERE eventCount >= 3 ORDER BY id LIMIT 1;")
        let parts = picked.split(separator: "|").map(String.init)
        try #require(parts.count == 3, "no \(kind.label) with three events: \(picked)")
        let (id, number, count) = (parts[0], parts[1], Int(parts[2])!)

        // When someone drops the triggers and edits or deletes one of its events
        let expected: String
        let change: String
        let event = "\(kind.parentColumn) = \(id) AND sequence"
        switch tampering {
        case .editDetails:
            change = "UPDATE \(kind.eventTable) SET details = json_set(details, '$.note', '改过') WHERE \(event) = 2;"
            expected = "\(kind.label) \(number), event 2: hash does not match its content (the event was changed)"
        case .deleteMiddleEvent:
            change = "DELETE FROM \(kind.eventTable) WHERE \(event) = 2;"
            expected = "\(kind.label) \(number), event 2: missing (sequence jumps from 1 to 3)"
        case .deleteLastEvent:
            change = "DELETE FROM \(kind.eventTable) WHERE \(event) = \(count);"
            expected =
                "\(kind.label) \(number), event \(count): missing (the \(kind.label) records \(count) events; "
                + "the last left is \(count - 1))"
        }
        let changed = try Self.sqlite3(
            cli.database,
            """
            DROP TRIGGER \(kind.eventTable)_no_update;
            DROP TRIGGER \(kind.eventTable)_no_delete;
            \(change)
            SELECT changes();
            """)
        #expect(changed == "1")

        // Then the check names the record and the event, and fails
        let check = try cli.run(["db", "check"])
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains(expected + "\n"), "\(check.stdout)")
        #expect(check.stderr.contains("the database check found"))
    }
}
