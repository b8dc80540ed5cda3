import Crypto
import Foundation
import GRDB

/// The schema GovDesk's migrations make, object by object (DESIGN §11.4). A trigger, view, table, index or column
/// added, dropped or changed outside GovDesk would run inside GovDesk's own writes — a trigger that raises a role
/// or flips the database's kind would have its change recorded in the ledger as if GovDesk had made it — so every
/// write transaction first compares the file's schema with this one and refuses to write into a different one, and
/// `db check` names each difference.
///
/// The expected schema is made once per process by running the same migrations on an empty database in memory:
/// migrations are never edited once shipped, so every GovDesk database, whenever it was made and upgraded, has
/// exactly these objects with exactly this SQL (SQLite keeps the text of each CREATE as written; `ALTER TABLE` edits
/// it the same way each time; VACUUM and a bulk load's dropped and re-created indexes keep it).
enum SchemaShape {
    /// One object of `sqlite_schema`.
    struct Object: Equatable, Sendable {
        var type: String
        var name: String
        var table: String
        var sql: String?
    }

    /// The objects of the schema, by name; SQLite's own (`sqlite_…`: automatic indexes, statistics) are left out.
    static func objects(_ db: Database) throws -> [String: Object] {
        var objects: [String: Object] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
        while let row = try rows.next() {
            let object = Object(type: row[0], name: row[1], table: row[2], sql: row[3])
            objects[object.name] = object
        }
        return objects
    }

    /// SHA-256 over the objects of `objects`, in name order: what a write compares (`verify`), so that the expected
    /// schema, which takes running every migration in memory, is made only when the file's differs.
    static func digest(_ objects: [String: Object]) -> String {
        var hasher = SHA256()
        for name in objects.keys.sorted() {
            let o = objects[name]!
            for part in [o.type, o.name, o.table, o.sql ?? "\u{1}"] {
                hasher.update(data: Data(part.utf8))
                hasher.update(data: Data([0]))
            }
        }
        return Ledger.hex(Data(hasher.finalize()))
    }

    /// `digest` of the schema every migration makes. A test compares it with `expected`: a new migration updates it
    /// (the test prints the new value).
    static let expectedDigest = "d298a84c7764da4e3fcf74ab5e27c4939b51b1a2bb27fdf1b53678a801a33afd"

    /// The schema of a database with every migration applied.
    static let expected: Result<[String: Object], Error> = Result {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        return try queue.read { db in try objects(db) }
    }

    /// How the schema of `db` differs from GovDesk's, by object name: each object and what is wrong with it; empty when
    /// it is GovDesk's.
    static func differences(_ db: Database) throws -> [IntegrityProblem] {
        let expected = try expected.get()
        let found = try objects(db)
        var differences: [IntegrityProblem] = []
        for name in Set(expected.keys).union(found.keys).sorted() {
            switch (expected[name], found[name]) {
            case (let want?, nil):
                differences.append(
                    IntegrityProblem(subject: .schemaObject(type: want.type, name: name, on: nil), .dropped))
            case (nil, let have?):
                let on = have.type == "trigger" || have.type == "index" ? have.table : nil
                differences.append(
                    IntegrityProblem(subject: .schemaObject(type: have.type, name: name, on: on), .added))
            case (let want?, let have?) where want != have:
                differences.append(
                    IntegrityProblem(
                        subject: .schemaObject(type: want.type, name: name, on: nil),
                        want.type == have.type ? .changed : .typeChanged(have: have.type, want: want.type)))
            default: break
            }
        }
        return differences
    }

    /// Refuses to write into a schema that is not GovDesk's (see above). Called at the start of every write
    /// transaction: no trigger planted between two commands runs inside a write.
    static func verify(path: String, _ db: Database) throws {
        if digest(try objects(db)) == expectedDigest { return }
        let differences = try differences(db)
        guard !differences.isEmpty else { return }
        throw StoreError.schemaAltered(path: path, differences: differences)
    }
}
