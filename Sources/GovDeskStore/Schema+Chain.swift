import Foundation
import GRDB

extension Schema {
    /// v5: a `hash` column on `ticketEvent`, `caseEvent` and `findingEvent` chaining each record's events
    /// (`EventChain`); every existing event is hashed here, and from now on an event without a 32-byte hash is
    /// refused by the database itself.
    static func createEventChain(_ db: Database) throws {
        for kind in EventChain.Kind.allCases {
            let table = kind.eventTable
            try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN hash BLOB")
            // The backfill is the only update an event row ever gets: lift the append-only guard for it, in this
            // transaction, and put the same guard back.
            try db.execute(sql: "DROP TRIGGER \(table)_no_update")
            try backfillChain(kind, db)
            try db.execute(
                sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) is append-only: its rows are never updated'); END;
                    CREATE TRIGGER \(table)_hash_required BEFORE INSERT ON \(table)
                    WHEN NEW.hash IS NULL OR typeof(NEW.hash) != 'blob' OR length(NEW.hash) != 32
                    BEGIN SELECT RAISE(ABORT, '\(table) rows need their 32-byte chain hash'); END;
                    """)
        }
    }

    /// Hashes every event of `kind`, record by record. The cursor runs over the records' table, which is not
    /// written, and each record's events are read whole (a record has few).
    private static func backfillChain(_ kind: EventChain.Kind, _ db: Database) throws {
        let events = try db.makeStatement(
            sql: "SELECT * FROM \(kind.eventTable) WHERE \(kind.parentColumn) = ? ORDER BY sequence")
        let update = try db.makeStatement(sql: "UPDATE \(kind.eventTable) SET hash = ? WHERE id = ?")
        let subjects = try Row.fetchCursor(db, sql: "SELECT id, number FROM \(kind.subjectTable) ORDER BY id")
        while let subject = try subjects.next() {
            var previous = EventChain.start(kind, number: subject["number"])
            for row in try Row.fetchAll(events, arguments: [subject["id"] as Int64]) {
                previous = EventChain.hash(after: previous, EventChain.fields(kind, of: row))
                try update.execute(arguments: [previous, row["id"] as Int64])
            }
        }
    }
}
