import Foundation
import GRDB
import GovDeskCore
import GovDeskStore
import Testing

@testable import govdesk

/// The import checks rows as it writes them, in one pass and one transaction: an error found after many rows were
/// written still leaves nothing, and the first error in file order is the one named.
struct ImportOnePassTests {
    /// `count` open NYC 311 rows with the unique keys 60000001…, each line changed by `change` (row number, 1-based).
    func makeRows(_ count: Int, change: (Int, String) -> String = { $1 }) -> String {
        let header =
            "Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,Location Type,"
            + "Incident Zip,Incident Address,Status,Due Date,Resolution Description,Borough,Open Data Channel Type\r\n"
        var text = header
        for row in 1...count {
            let line =
                "\(60_000_000 + row),05/01/2022 09:15:30 AM,,DSNY,Department of Sanitation,Missed Collection,"
                + "Recycling,Street,11201,100 COURT STREET,In Progress,,,BROOKLYN,PHONE"
            text += change(row, line) + "\r\n"
        }
        return text
    }

    /// Row `row`'s creation time made invalid.
    func badCreated(on bad: Int) -> (Int, String) -> String {
        { row, line in row == bad ? line.replacingOccurrences(of: "09:15:30 AM", with: "13:15:30 PM") : line }
    }

    /// Row `row` given the unique key of row `of`.
    func duplicate(_ row: Int, of original: Int) -> (Int, String) -> String {
        { current, line in
            current == row
                ? line.replacingOccurrences(of: "\(60_000_000 + row),", with: "\(60_000_000 + original),")
                : line
        }
    }

    func indexNames(_ w: Workspace) throws -> [String] {
        try DatabaseQueue(path: w.db).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
        }
    }

    @Test func aBadCellOnTheLastRowAfterManyWrittenBatchesLeavesNothing() throws {
        let w = try Workspace()
        let file = try w.write("bad-last.csv", makeRows(300, change: badCreated(on: 300)))
        let result = w.status(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        #expect(result.status == 65)
        #expect(result.message.contains("row 300 (line 301), column 'Created Date'"))
        #expect(try w.tickets().isEmpty)
        #expect(try w.database().auditEntries().filter { $0.action == "import-tickets" }.isEmpty)
    }

    @Test func aDuplicateOfARowWrittenBatchesAgoIsNamed() throws {
        let w = try Workspace()
        let file = try w.write("dup.csv", makeRows(300, change: duplicate(250, of: 10)))
        let result = w.status(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        #expect(result.status == 65)
        #expect(
            result.message
                == "\(file): row 250 (line 251), column 'Unique Key': source id 60000010 appears on an earlier "
                + "row too; each row must have its own id; nothing was imported")
        #expect(try w.tickets().isEmpty)
    }

    @Test func aDuplicateComesBeforeALaterBadCellOfTheSameBatch() throws {
        let w = try Workspace()
        let dup = duplicate(101, of: 100)
        let bad = badCreated(on: 103)
        let file = try w.write("dup-then-bad.csv", makeRows(120) { row, line in bad(row, dup(row, line)) })
        let result = w.status(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        #expect(result.status == 65)
        #expect(result.message.contains("row 101 (line 102), column 'Unique Key': source id 60000100"))
        #expect(try w.tickets().isEmpty)
    }

    @Test func aReImportSkipsOldRowsAndRefusesANewDuplicate() throws {
        let w = try Workspace()
        try w.run([
            "import", "tickets", try w.write("first.csv", makeRows(5)), "--mapping", Workspace.mapping("nyc311"),
        ])
        // Rows 1–5 again (skipped), rows 6–8 new, row 9 repeats new row 7.
        let file = try w.write("second.csv", makeRows(9, change: duplicate(9, of: 7)))
        let result = w.status(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        #expect(result.status == 65)
        #expect(result.message.contains("row 9 (line 10), column 'Unique Key': source id 60000007"))
        #expect(try w.tickets().count == 5)
        // Without the duplicate: three new, five already there.
        try w.run([
            "import", "tickets", try w.write("third.csv", makeRows(8)), "--mapping", Workspace.mapping("nyc311"),
        ])
        let audit = try w.database().auditEntries().filter { $0.action == "import-tickets" }
        #expect(audit.map { $0.details["new"] } == ["5", "3"])
        #expect(audit.map { $0.details["existing"] } == ["0", "5"])
        #expect(try w.database().check().isClean)
    }

    /// Large enough (over 20,000 rows) that the import drops the plain indexes to build them at the end: a bad last
    /// row rolls the drop back too.
    @Test func aLargeImportThatFailsOnItsLastRowKeepsEveryIndex() throws {
        let w = try Workspace()
        let indexes = try indexNames(w)
        let rows = 22_000
        let file = try w.write("large.csv", makeRows(rows, change: badCreated(on: rows)))
        let result = w.status(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        #expect(result.status == 65)
        #expect(result.message.contains("row \(rows) (line \(rows + 1))"))
        #expect(try indexNames(w) == indexes)
        #expect(try w.tickets().isEmpty)
        #expect(try w.database().check().isClean)
    }

    /// The import switches foreign keys and CHECK constraints off on its connection for its rows; both are on again
    /// afterwards, whether the import succeeded or failed, and what it wrote passes `db check`.
    @Test(arguments: [false, true])
    func foreignKeysAndChecksAreOnAgainAfterAnImport(failing: Bool) throws {
        let w = try Workspace()
        let database = try w.database()
        let mappingFile = Workspace.mapping("nyc311")
        let mapping = try YAMLDecoding.decode(
            ImportMapping.self, text: ConfigLoader.read(URL(fileURLWithPath: mappingFile)), file: mappingFile)
        let file = try w.write("rows.csv", makeRows(10, change: badCreated(on: failing ? 10 : 0)))
        let source = try TicketImport(
            file: file, mapping: mapping, mappingFile: mappingFile, directory: database.departmentDirectory())
        let summary = try? database.importTickets(
            { try source.next() }, sourceSystem: mapping.sourceSystem, file: file,
            sourceIdColumn: source.sourceIdColumn, actor: "admin", at: Date(),
            numberingZone: TimeZone(identifier: "America/New_York")!, dryRun: false, audit: [:])
        #expect(summary?.new == (failing ? nil : 10))
        #expect(try database.writer.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") } == true)
        #expect(
            try database.writer.read { db in try Bool.fetchOne(db, sql: "PRAGMA ignore_check_constraints") } == false)
        #expect(try database.check().isClean)
    }
}
