import GRDB

extension Schema {
    /// Indexes the monthly report needs so that a month's cost follows the month, not the whole history
    /// (chosen from `EXPLAIN QUERY PLAN` of the queries in `GovDeskDatabase+Reports.swift`).
    static func createReportIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                -- 重复诉求: earlier tickets of the same caller phone and topic within 30 days.
                CREATE INDEX ticket_phone_topic ON ticket(callerPhone, topic, createdAt);
                -- Tickets touched in a month, read from the index alone (ticketEvent_at needs a row lookup per event).
                CREATE INDEX ticketEvent_at_ticket ON ticketEvent(at, ticketId);
                -- Tickets possibly open at a month's end: closings and merges after it.
                CREATE INDEX ticketEvent_closing_at ON ticketEvent(at, ticketId)
                    WHERE action IN ('approve', 'resolve', 'import-close', 'merge');
                """)
    }
}
