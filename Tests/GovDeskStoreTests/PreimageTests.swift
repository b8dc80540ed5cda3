import Foundation
import GRDB
import GovDeskCore
import Testing

@testable import GovDeskStore

/// A row changed outside GovDesk and then written by GovDesk is named by `db check` (DESIGN §11.4): both ways of
/// keeping the rows as a transaction found them, SQLite's pre-update hook and the temporary triggers that stand in
/// where SQLite lacks it, give the hashes the ledger recorded, so GovDesk's own writes raise no alarm.
@Suite struct PreimageTests {
    @Test(arguments: [false, true])
    func aChangeOutsideIsNamedAndGovDesksOwnWritesPass(throughTriggers: Bool) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        let database = try GovDeskDatabase(path: path)
        database.preimagesThroughTriggers = throughTriggers
        try database.load(makeReferenceData())
        #expect(database.ledger.preimages == (throughTriggers ? .triggers : .hook))
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        // GovDesk's own writes to the same rows, twice, and a ticket's actions (its row changes with each).
        try database.edit(.staff, code: "zjj1", ReferenceEdit(name: "住建承办"), actor: "admin", at: now)
        try database.edit(.staff, code: "zjj1", ReferenceEdit(name: "住建承办人"), actor: "admin", at: now)
        try database.edit(.department, code: "ZJJ", ReferenceEdit(name: "住建局"), actor: "admin", at: now)
        let clean = try database.check()
        #expect(clean.isClean, "\(clean.problems)")

        // A reviewer made an administrator with another connection (the sqlite3 shell), then renamed by GovDesk.
        let outside = try DatabaseQueue(path: path)
        try outside.write { db in try db.execute(sql: "UPDATE staff SET roles = 'admin' WHERE code = 'sh1'") }
        try outside.close()
        try database.edit(.staff, code: "sh1", ReferenceEdit(name: "审核员甲"), actor: "admin", at: now)
        let problems = try database.check().problems.map(\.description)
        #expect(
            problems.contains { $0.contains("staff sh1: was changed outside GovDesk after ledger entry") },
            "\(problems)")
        #expect(problems.count == 1, "\(problems)")
    }

    /// The hash of a row from the hook's values is the hash `scan` reads from the table, for every type of column.
    @Test func theHooksHashIsTheScansHash() throws {
        let database = try GovDeskDatabase.inMemory()
        try database.writer.write { db in
            // Columns not in name order: the hash takes them by name.
            try db.execute(sql: "CREATE TABLE t (e ANY, c TEXT, a INTEGER, d BLOB, b REAL) STRICT")
            try db.execute(sql: "INSERT INTO t VALUES (NULL, '城管 x', -7, x'00ff', 0.30000000000000004)")
            var scanned: Data?
            try Ledger.scan("t", nil, db) { _, hash, _ in scanned = hash }
            let values: [PreupdateHook.StoredValue] = [
                .null, .text(Array("城管 x".utf8)), .integer(-7), .blob([0, 255]), .real(0.30000000000000004),
            ]
            #expect(Ledger.rowHash("t", names: ["e", "c", "a", "d", "b"], values: values) == scanned)
        }
    }
}
