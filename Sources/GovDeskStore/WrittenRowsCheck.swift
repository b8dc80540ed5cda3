import Foundation
import GRDB

/// What SQLite's CHECK constraints and foreign keys would have refused among rows written with them switched off.
///
/// A bulk write (an import, the demo's load) switches both off for its rows: SQLite 3.40 builds each `CHECK (x IN
/// (…))` list's temporary index again for every row it evaluates the constraint on, and looks up the parent of every
/// foreign key row by row, which together cost about as much as the rest of the insert. This pass proves, before the
/// transaction commits, what they would have checked: one statement per table over the rows written (row ids above
/// the last one before the write), its conditions taken from the schema itself — every `CHECK (…)` of the table's
/// `CREATE TABLE` text, and every foreign key `PRAGMA foreign_key_list` names — so it cannot drift from the schema.
/// In a `WHERE` clause SQLite builds an `IN` list's index once per statement and finds a parent through its index,
/// so the pass is one read of the new rows.
///
/// The first row that breaks a condition is named with the condition, and the write's transaction rolls back: the
/// same outcome as the constraint refusing the row when it was written.
struct WrittenRowsCheck {
    let table: String
    /// Each CHECK's expression as the schema writes it, then each foreign key's condition, with its description.
    let conditions: [(sql: String, text: String)]

    /// The conditions of `table` as its schema in `db` declares them: its CHECKs, and its foreign keys unless the
    /// write kept SQLite's own check of them on (`foreignKeys` false).
    init(table: String, foreignKeys: Bool = true, _ db: Database) throws {
        self.table = table
        guard
            let schema = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table])
        else {
            throw StoreError.storage("no table \(table) to check")
        }
        var conditions = Self.checkExpressions(in: schema).map { expression in
            // A CHECK fails only when its expression is false: NULL passes.
            (sql: "coalesce((\(expression)), 1)", text: "CHECK (\(expression))")
        }
        for key in try !foreignKeys
            ? []
            : Row.fetchAll(
                db, sql: "SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq", arguments: [table])
        {
            let column: String = key["from"]
            let parent: String = key["table"]
            let parentColumn: String = key["to"]
            var found = "\(column) IN (SELECT \(parentColumn) FROM \(parent))"
            if let span = try Self.unbrokenRowIDs(of: parent, key: parentColumn, db) {
                found = "\(column) BETWEEN \(span.lowerBound) AND \(span.upperBound) OR " + found
            }
            conditions.append(
                (
                    sql: "(\(column) IS NULL OR \(found))",
                    text: "FOREIGN KEY (\(column)) REFERENCES \(parent)(\(parentColumn))"
                ))
        }
        self.conditions = conditions
    }

    /// Throws, naming the row and the condition, when a row of the table with a row id above `lastRowIDBefore` breaks
    /// one of the conditions.
    func verify(rowsAfter lastRowIDBefore: Int64, _ db: Database) throws {
        guard !conditions.isEmpty else { return }
        let all = conditions.map(\.sql).joined(separator: " AND ")
        let sql = """
            SELECT rowid, \(conditions.map(\.sql).joined(separator: ", ")) FROM \(table)
            WHERE rowid > ? AND NOT (\(all)) LIMIT 1
            """
        guard let row = try Row.fetchOne(db, sql: sql, arguments: [lastRowIDBefore]) else { return }
        let rowid: Int64 = row[0]
        // The condition that is false (each is 0 or 1, or a CHECK's own truthy value).
        let broken = conditions.indices.first { (row[$0 + 1] as Int64?) == 0 }.map { conditions[$0].text } ?? "?"
        throw StoreError.storage("\(table) row \(rowid) breaks \(broken)")
    }

    /// The row ids of `parent` when `key` is its row id (an `INTEGER PRIMARY KEY`) and they run without a gap from the
    /// lowest to the highest: then every value in that span names a row, which proves the foreign key of a child row
    /// with one comparison instead of a lookup (a ticket's events refer to tickets, which are never deleted: a
    /// lookup per event was most of the pass). Nil otherwise, or when the table is empty.
    static func unbrokenRowIDs(of parent: String, key: String, _ db: Database) throws -> ClosedRange<Int64>? {
        let columns = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?)", arguments: [parent])
        guard columns.filter({ ($0["pk"] as Int) > 0 }).count == 1,
            let primary = columns.first(where: { ($0["pk"] as Int) > 0 }), (primary["name"] as String) == key,
            (primary["type"] as String).uppercased() == "INTEGER"
        else { return nil }
        // Each bound from one end of the b-tree (a `min` and a `max` in one SELECT read every row).
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT min(rowid) FROM \(parent)), (SELECT max(rowid) FROM \(parent)),
                           (SELECT count(*) FROM \(parent))
                    """),
            let low = row[0] as Int64?, let high = row[1] as Int64?, let count = row[2] as Int64?,
            high - low + 1 == count
        else { return nil }
        return low...high
    }

    /// The expressions of every `CHECK (…)` in a `CREATE TABLE` text, in order: the text between the parenthesis
    /// after the keyword and its match, with quoted strings and identifiers skipped whole.
    static func checkExpressions(in schema: String) -> [String] {
        let text = Array(schema.utf8)
        var expressions: [String] = []
        var i = 0
        /// Whether the word CHECK, in any case, starts at `at` and stands alone.
        func isCheck(at position: Int) -> Bool {
            let word = Array("check".utf8)
            guard position + word.count <= text.count else { return false }
            for k in word.indices where text[position + k] | 0x20 != word[k] { return false }
            func isWordByte(_ byte: UInt8) -> Bool {
                (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            }
            let before = position == 0 || !isWordByte(text[position - 1])
            let after = position + word.count == text.count || !isWordByte(text[position + word.count])
            return before && after
        }
        /// The position just after the quoted text that starts at `position` (a doubled quote stays inside).
        func skipQuoted(_ position: Int) -> Int {
            let quote = text[position]
            var j = position + 1
            while j < text.count {
                if text[j] == quote {
                    if j + 1 < text.count, text[j + 1] == quote {
                        j += 2
                        continue
                    }
                    return j + 1
                }
                j += 1
            }
            return j
        }
        let quotes: Set<UInt8> = [UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`")]
        while i < text.count {
            if quotes.contains(text[i]) {
                i = skipQuoted(i)
                continue
            }
            guard isCheck(at: i) else {
                i += 1
                continue
            }
            var j = i + 5
            while j < text.count, text[j] == UInt8(ascii: " ") || text[j] == UInt8(ascii: "\n") { j += 1 }
            guard j < text.count, text[j] == UInt8(ascii: "(") else {
                i += 5
                continue
            }
            let open = j
            var depth = 0
            while j < text.count {
                if quotes.contains(text[j]) {
                    j = skipQuoted(j)
                    continue
                }
                if text[j] == UInt8(ascii: "(") { depth += 1 }
                if text[j] == UInt8(ascii: ")") {
                    depth -= 1
                    if depth == 0 { break }
                }
                j += 1
            }
            expressions.append(String(decoding: text[(open + 1)..<min(j, text.count)], as: UTF8.self))
            i = j + 1
        }
        return expressions
    }
}

extension GovDeskDatabase {
    /// The highest row id of `table` (0 when empty): where the rows a bulk write adds begin.
    static func lastRowID(of table: String, _ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM \(table)") ?? 0
    }

    /// Checks the rows of `table` with a row id above `lastRowIDBefore` (see `WrittenRowsCheck`); a refusal names
    /// this database's file.
    func verifyWrittenRows(
        _ table: String, after lastRowIDBefore: Int64, foreignKeys: Bool = true, _ db: Database
    ) throws {
        do {
            try WrittenRowsCheck(table: table, foreignKeys: foreignKeys, db).verify(rowsAfter: lastRowIDBefore, db)
        } catch StoreError.storage(let message) {
            throw StoreError.storage("\(path): \(message)")
        }
    }
}
