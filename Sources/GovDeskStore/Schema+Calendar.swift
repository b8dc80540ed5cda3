import GRDB
import GovDeskCore

extension Schema {
    /// DESIGN §3: years of the working-day calendar added by an administrator live in the database, so every machine
    /// that opens it counts the same deadlines; and the three event trails take `recompute`, the event a provisional
    /// deadline gets when its year arrives.
    static func createCalendarYears(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE calendarYear (
                    year INTEGER PRIMARY KEY NOT NULL CHECK (year BETWEEN 2000 AND 2100),
                    notice TEXT NOT NULL CHECK (length(notice) > 0),
                    days TEXT NOT NULL CHECK (json_valid(days)),
                    source TEXT NOT NULL,
                    addedAt INTEGER NOT NULL,
                    addedBy TEXT NOT NULL REFERENCES staff(code)
                ) STRICT;
                """)
        try widenCheck("ticketEvent", TicketAction.self, adding: TicketAction.recompute, db)
        try widenCheck("caseEvent", CaseAction.self, adding: CaseAction.recompute, db)
        try widenCheck("findingEvent", FindingAction.self, adding: FindingAction.recompute, db)
    }

    /// Lets a table's `action IN (…)` CHECK accept one more value, without rebuilding the table.
    ///
    /// SQLite's documented way for a change that no stored row can violate (ALTER TABLE, "other kinds of table schema
    /// changes"): rewrite the table's SQL in `sqlite_schema` with `writable_schema`, and bump `schema_version` so
    /// that every connection parses it again. A database made by this release has the value already.
    static func widenCheck<T: RawRepresentable & CaseIterable & Equatable>(
        _ table: String, _: T.Type, adding value: T, _ db: Database
    ) throws where T.RawValue == String {
        let before = "action IN (" + T.allCases.filter { $0 != value }.map { "'\($0.rawValue)'" }.joined(separator: ",")
        let after = before + ",'\(value.rawValue)'"
        guard
            let sql = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", arguments: [table])
        else { throw StoreError.storage("the table \(table) is missing") }
        if sql.contains(after + ")") { return }
        guard sql.contains(before + ")") else {
            throw StoreError.storage("the table \(table) has an action CHECK this migration does not know")
        }
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version")!
        try db.execute(sql: "PRAGMA writable_schema = ON")
        try db.execute(
            sql: "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?",
            arguments: [sql.replacingOccurrences(of: before + ")", with: after + ")"), table])
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        try db.execute(sql: "PRAGMA writable_schema = OFF")
        db.clearSchemaCache()
    }
}
