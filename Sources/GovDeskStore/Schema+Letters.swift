import GRDB
import GovDeskCore

extension Schema {
    /// Supervision letters (DESIGN §4): the letter with its Markdown text, and one row per item it names, whose
    /// unique key (subject, kind, deadline) makes issuing idempotent. Both are append-only.
    static func createLetters(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE letter (
                    id INTEGER PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL CHECK (kind IN (\(sqlList(LetterKind.self)))),
                    year INTEGER NOT NULL,
                    sequence INTEGER NOT NULL CHECK (sequence >= 1),
                    department TEXT NOT NULL REFERENCES department(code),
                    issuedAt INTEGER NOT NULL,
                    issuedBy TEXT NOT NULL REFERENCES staff(code),
                    itemCount INTEGER NOT NULL CHECK (itemCount >= 1),
                    text TEXT NOT NULL,
                    UNIQUE (kind, year, sequence)
                ) STRICT;
                CREATE INDEX letter_issued ON letter(issuedAt);

                CREATE TABLE letterItem (
                    id INTEGER PRIMARY KEY,
                    letterId INTEGER NOT NULL REFERENCES letter(id),
                    subjectKind TEXT NOT NULL CHECK (subjectKind IN (\(sqlList(LetterSubjectKind.self)))),
                    reference TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN (\(sqlList(LetterKind.self)))),
                    clock TEXT NOT NULL CHECK (clock IN (\(sqlList(LetterClock.self)))),
                    title TEXT NOT NULL,
                    -- The window of a case or the kind of a finding, so that a letter read back matches its text.
                    detail TEXT NOT NULL DEFAULT '',
                    clockStart INTEGER NOT NULL,
                    deadline INTEGER NOT NULL,
                    UNIQUE (subjectKind, reference, kind, deadline)
                ) STRICT;
                CREATE INDEX letterItem_letter ON letterItem(letterId);
                """)
        try appendOnly("letter", db)
        try appendOnly("letterItem", db)
    }
}
