import GRDB

extension Schema {
    /// Indexes that bound the monthly report's "possibly open at the end" tickets by the month, not the history
    /// (issue 6, case 5; chosen from `EXPLAIN QUERY PLAN` of `GovDeskDatabase.monthActivity`).
    static func createReportBoundIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                -- The longest life of a closed ticket, creation to last closing, read from the index's end: a ticket
                -- open at a month's end and closed since was closed before the end plus that.
                CREATE INDEX ticket_lifetime ON ticket(closedAt - createdAt);
                -- Merges after a month's end (a merged ticket has no closing time in its row to bound it by).
                CREATE INDEX ticketEvent_merge_at ON ticketEvent(at, ticketId) WHERE action = 'merge';
                """)
    }
}
