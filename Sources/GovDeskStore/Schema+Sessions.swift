import GRDB

extension Schema {
    /// The service's log-in (DESIGN §12): a bcrypt hash per staff member, which the ledger covers (a password changed
    /// behind GovDesk's back is named by `db check`); and two operational tables the ledger leaves out
    /// (`Ledger.operational`): the sessions of the web service, and the failed attempts that lock an account. Both
    /// change on nearly every request or attempt and say nothing a report or a check relies on; every log-in, failed
    /// log-in and log-out is in the audit log, which the ledger covers.
    static func createPasswordsAndSessions(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE staffPassword (
                    staff TEXT PRIMARY KEY NOT NULL REFERENCES staff(code),
                    -- bcrypt's modular crypt format: $2b$12$ and 53 characters of salt and hash.
                    hash TEXT NOT NULL CHECK (length(hash) = 60 AND substr(hash, 1, 2) = '$2'),
                    setAt INTEGER NOT NULL,
                    setBy TEXT NOT NULL REFERENCES staff(code)
                ) STRICT;

                CREATE TABLE webSession (
                    id INTEGER PRIMARY KEY,
                    -- SHA-256 of the cookie's token: a copy of the file does not hand out live sessions.
                    tokenHash BLOB NOT NULL UNIQUE CHECK (length(tokenHash) = 32),
                    staff TEXT NOT NULL REFERENCES staff(code),
                    csrfToken TEXT NOT NULL CHECK (length(csrfToken) >= 32),
                    createdAt INTEGER NOT NULL,
                    lastSeenAt INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX webSession_staff ON webSession(staff);

                -- Failed log-ins by the code that was typed, known or not, so that an unknown code behaves like a known
                -- one: five in a row lock the code for fifteen minutes.
                CREATE TABLE loginThrottle (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 32),
                    failures INTEGER NOT NULL CHECK (failures >= 0),
                    lockedUntil INTEGER
                ) STRICT;
                """)
    }
}
