import GRDB

extension Schema {
    /// Drops `ticketEvent_at` (v1): `ticketEvent_at_ticket` (v3) is an index on (at, ticketId), so it serves every
    /// search by time the older one served, and no query names the older one. Each event written updated both, and a
    /// bulk load (demo, a large import) built both again from the whole table (issue 6: some 5 % of a million-ticket
    /// demo, and a tenth of the event table's size on disk).
    static func dropRedundantEventIndex(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX ticketEvent_at")
    }
}
