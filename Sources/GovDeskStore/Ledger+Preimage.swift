import Foundation
import GRDB

/// What each row a write transaction changes or deletes looked like when the transaction found it (DESIGN §11.4).
///
/// A row edited with the sqlite3 shell and later written again by GovDesk would otherwise be laundered: the ledger
/// would record GovDesk's new state and `db check` find the row matching it. So GovDesk's own transactions copy each
/// row of a changeable table, before their first change to it, into a temporary table of this connection (temporary
/// triggers; nothing of them is in the database file), and the ledger's line for the row carries that state's hash
/// (`^HASH`). `db check` compares it with the hash the ledger last recorded for the row: a difference is a change
/// made outside GovDesk, found for as long as the ledger lasts, whatever GovDesk wrote after it.
extension Ledger {
    /// The temporary table holding the rows of `table` as the current transaction found them.
    static func preimageTable(_ table: String) -> String { "ledger_before_\(table)" }

    /// Whether `table` is one of those temporary tables (never ledgered).
    static func isPreimageTable(_ table: String) -> Bool { table.hasPrefix("ledger_before_") }

    /// Creates, once per connection and outside any transaction, the temporary copy table and the BEFORE UPDATE and
    /// BEFORE DELETE triggers of every changeable ledgered table (append-only tables refuse changes by their own
    /// triggers). A copy table has its table's columns and declared types, and is STRICT when it is, so a value
    /// copied into it keeps its storage class and hashes as it did in its table.
    static func installPreimages(_ db: Database) throws {
        let tables = try Row.fetchAll(
            db, sql: "SELECT name, strict, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table'")
        var sql = ""
        for table in tables {
            let name: String = table["name"]
            let withoutRowid: Bool = table["wr"]
            guard isLedgered(name), !appendOnly.contains(name), !withoutRowid else { continue }
            let strict: Bool = table["strict"]
            let columns = try Row.fetchAll(
                db, sql: "SELECT name, type FROM pragma_table_xinfo(?, 'main') WHERE hidden <> 1", arguments: [name]
            ).map { (name: $0["name"] as String, type: $0["type"] as String) }
            guard !columns.isEmpty else { continue }
            let copy = quoted(preimageTable(name))
            let names = columns.map { quoted($0.name) }.joined(separator: ", ")
            let old = columns.map { "OLD.\(quoted($0.name))" }.joined(separator: ", ")
            let definitions = columns.map { column in
                let type = column.type.isEmpty ? (strict ? "ANY" : "") : column.type
                return type.isEmpty ? quoted(column.name) : "\(quoted(column.name)) \(type)"
            }.joined(separator: ", ")
            sql += "CREATE TEMP TABLE IF NOT EXISTS \(copy) (\(definitions))\(strict ? " STRICT" : "");\n"
            // Names in a trigger's INSERT may not be qualified; the copy's name is unique to the temporary schema.
            for (event, suffix) in [("UPDATE", "update"), ("DELETE", "delete")] {
                sql += """
                    CREATE TEMP TRIGGER IF NOT EXISTS \(quoted("\(preimageTable(name))_\(suffix)"))
                    BEFORE \(event) ON main.\(quoted(name))
                    WHEN NOT EXISTS (SELECT 1 FROM \(copy) WHERE rowid = OLD.rowid)
                    BEGIN INSERT INTO \(copy) (rowid, \(names)) VALUES (OLD.rowid, \(old)); END;

                    """
            }
        }
        try db.execute(sql: sql)
    }

    /// The hashes of the rows of `tables` as the current transaction found them, by table and row id, and empties the
    /// copies for the next transaction. Rows the transaction inserted itself (`inserted`) had no earlier state.
    static func takePreimages(
        _ tables: some Sequence<String>, inserted: [String: [ClosedRange<Int64>]], _ db: Database
    ) throws -> [String: [Int64: Data]] {
        var found: [String: [Int64: Data]] = [:]
        for table in tables where !appendOnly.contains(table) {
            let copy = quoted(preimageTable(table))
            guard try db.tableExists(preimageTable(table), in: "temp") else { continue }
            let fresh = inserted[table] ?? []
            try scan(table, nil, db, source: "temp.\(copy)") { rowid, hash, _ in
                if !fresh.contains(where: { $0.contains(rowid) }) { found[table, default: [:]][rowid] = hash }
            }
            try db.execute(sql: "DELETE FROM temp.\(copy)")
        }
        return found
    }

    private static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
