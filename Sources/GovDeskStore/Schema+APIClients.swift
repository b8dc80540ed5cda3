import GRDB

extension Schema {
    /// v19, Open311 (DESIGN §12): the clients of the interface, each with the SHA-256 of its key (the key itself is
    /// shown once and never stored), ledgered and audited like reference data; and the tracking code of each ticket
    /// a client created, with the place the client gave (the ticket's own row keeps the address as text). Clients are
    /// revoked, never deleted: their tickets name them (`api:<name>`, a staff row of its own with no role).
    static func createAPIClients(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE apiClient (
                    name TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 28),
                    keyHash BLOB NOT NULL UNIQUE CHECK (length(keyHash) = 32),
                    channel TEXT NOT NULL CHECK (channel IN ('app', 'web')),
                    createdAt INTEGER NOT NULL,
                    createdBy TEXT NOT NULL REFERENCES staff(code),
                    revokedAt INTEGER,
                    revokedBy TEXT REFERENCES staff(code),
                    CHECK ((revokedAt IS NULL) = (revokedBy IS NULL))
                ) STRICT;

                CREATE TABLE ticketTracking (
                    ticketId INTEGER PRIMARY KEY REFERENCES ticket(id),
                    -- Six characters of an alphabet without look-alikes (no 0, O, 1, I, L).
                    code TEXT NOT NULL UNIQUE CHECK (length(code) = 6),
                    client TEXT NOT NULL REFERENCES apiClient(name),
                    addressString TEXT,
                    latitude REAL CHECK (latitude BETWEEN -90 AND 90),
                    longitude REAL CHECK (longitude BETWEEN -180 AND 180)
                ) STRICT;
                CREATE TRIGGER ticketTracking_no_update BEFORE UPDATE ON ticketTracking
                BEGIN SELECT RAISE(ABORT, 'a tracking code never changes'); END;
                CREATE TRIGGER ticketTracking_no_delete BEFORE DELETE ON ticketTracking
                BEGIN SELECT RAISE(ABORT, 'a tracking code never goes'); END;
                """)
    }
}
