import GRDB
import GovDeskCore

extension Schema {
    /// The service hall (DESIGN §5): windows, items, officers, cases and their events, ratings, findings and their
    /// events, and the monthly evaluation.
    static func createHall(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE window (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 16),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    department TEXT NOT NULL REFERENCES department(code),
                    area TEXT,
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
                ) STRICT;

                CREATE TABLE windowStaff (
                    window TEXT NOT NULL REFERENCES window(code),
                    staff TEXT NOT NULL REFERENCES staff(code),
                    PRIMARY KEY (window, staff)
                ) STRICT;
                CREATE INDEX windowStaff_staff ON windowStaff(staff);

                CREATE TABLE serviceItem (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 16),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    department TEXT NOT NULL REFERENCES department(code),
                    committedDays INTEGER NOT NULL CHECK (committedDays BETWEEN 0 AND \(ServiceItem.maximumCommittedDays)),
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
                ) STRICT;

                CREATE TABLE itemWindow (
                    item TEXT NOT NULL REFERENCES serviceItem(code),
                    window TEXT NOT NULL REFERENCES window(code),
                    PRIMARY KEY (item, window)
                ) STRICT;

                CREATE TABLE officer (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 32),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    background TEXT NOT NULL CHECK (background IN (\(sqlList(OfficerBackground.self)))),
                    phone TEXT NOT NULL,
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
                ) STRICT;

                CREATE TABLE hallCounter (
                    series TEXT NOT NULL CHECK (series IN ('case', 'finding')),
                    day TEXT NOT NULL,
                    last INTEGER NOT NULL CHECK (last >= 1),
                    PRIMARY KEY (series, day)
                ) STRICT;

                CREATE TABLE windowCase (
                    id INTEGER PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    item TEXT NOT NULL REFERENCES serviceItem(code),
                    window TEXT NOT NULL REFERENCES window(code),
                    firstResponsible TEXT NOT NULL REFERENCES staff(code),
                    applicantName TEXT NOT NULL CHECK (length(applicantName) BETWEEN 1 AND 100),
                    applicantPhone TEXT NOT NULL,
                    receivedAt INTEGER NOT NULL,
                    due INTEGER NOT NULL CHECK (due > receivedAt),
                    state TEXT NOT NULL CHECK (state IN (\(sqlList(CaseState.self)))),
                    finishedAt INTEGER CHECK (finishedAt IS NULL OR finishedAt >= receivedAt),
                    refusalReason TEXT,
                    visits INTEGER NOT NULL CHECK (visits >= 1),
                    materialRequests INTEGER NOT NULL CHECK (materialRequests >= 0),
                    breaches INTEGER NOT NULL CHECK (breaches >= 0 AND breaches <= materialRequests),
                    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
                    eventCount INTEGER NOT NULL CHECK (eventCount >= 1),
                    CHECK ((state = 'open') = (finishedAt IS NULL)),
                    CHECK ((state = 'refused') = (refusalReason IS NOT NULL))
                ) STRICT;
                CREATE INDEX windowCase_window ON windowCase(window, receivedAt);
                CREATE INDEX windowCase_staff ON windowCase(firstResponsible, finishedAt);
                CREATE INDEX windowCase_open ON windowCase(state, due);
                CREATE INDEX windowCase_finished ON windowCase(finishedAt);
                CREATE INDEX windowCase_received ON windowCase(receivedAt);

                -- 首问负责: the first-responsible staff member never changes.
                CREATE TRIGGER windowCase_first_responsible_fixed BEFORE UPDATE OF firstResponsible, receivedAt, item, window
                ON windowCase
                WHEN NEW.firstResponsible IS NOT OLD.firstResponsible OR NEW.receivedAt IS NOT OLD.receivedAt
                    OR NEW.item IS NOT OLD.item OR NEW.window IS NOT OLD.window
                BEGIN SELECT RAISE(ABORT, 'a case''s first-responsible staff, item, window and receiving time never change'); END;

                CREATE TABLE caseEvent (
                    id INTEGER PRIMARY KEY,
                    caseId INTEGER NOT NULL REFERENCES windowCase(id),
                    sequence INTEGER NOT NULL CHECK (sequence >= 1),
                    action TEXT NOT NULL CHECK (action IN (\(sqlList(CaseAction.self)))),
                    fromState TEXT CHECK (fromState IN (\(sqlList(CaseState.self)))),
                    toState TEXT NOT NULL CHECK (toState IN (\(sqlList(CaseState.self)))),
                    actor TEXT NOT NULL REFERENCES staff(code),
                    at INTEGER NOT NULL,
                    breach INTEGER NOT NULL DEFAULT 0 CHECK (breach IN (0, 1)),
                    visits INTEGER NOT NULL CHECK (visits >= 1),
                    details TEXT NOT NULL CHECK (json_valid(details)),
                    UNIQUE (caseId, sequence),
                    CHECK (breach = 0 OR action = 'request-materials')
                ) STRICT;
                CREATE INDEX caseEvent_at ON caseEvent(at);
                CREATE INDEX caseEvent_breach ON caseEvent(actor, at) WHERE breach = 1;

                CREATE TABLE rating (
                    id INTEGER PRIMARY KEY,
                    caseId INTEGER NOT NULL UNIQUE REFERENCES windowCase(id),
                    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
                    comment TEXT,
                    ratedAt INTEGER NOT NULL,
                    recordedBy TEXT NOT NULL REFERENCES staff(code)
                ) STRICT;
                CREATE INDEX rating_at ON rating(ratedAt);

                CREATE TABLE finding (
                    id INTEGER PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    source TEXT NOT NULL CHECK (source IN (\(sqlList(FindingSource.self)))),
                    reporter TEXT,
                    reportedAt INTEGER NOT NULL,
                    window TEXT REFERENCES window(code),
                    item TEXT REFERENCES serviceItem(code),
                    department TEXT NOT NULL REFERENCES department(code),
                    staff TEXT REFERENCES staff(code),
                    kind TEXT NOT NULL CHECK (kind IN (\(sqlList(FindingKind.self)))),
                    description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
                    caseId INTEGER REFERENCES windowCase(id),
                    ratingId INTEGER UNIQUE REFERENCES rating(id),
                    state TEXT NOT NULL CHECK (state IN (\(sqlList(FindingState.self)))),
                    deadline INTEGER,
                    assignedAt INTEGER,
                    rectifiedAt INTEGER,
                    rectifyNote TEXT,
                    verifiedAt INTEGER,
                    reopenCount INTEGER NOT NULL DEFAULT 0 CHECK (reopenCount >= 0),
                    eventCount INTEGER NOT NULL CHECK (eventCount >= 1),
                    CHECK ((source = 'rating') = (ratingId IS NOT NULL)),
                    CHECK (source = 'rating' OR reporter IS NOT NULL),
                    CHECK (state = 'open' OR deadline IS NOT NULL)
                ) STRICT;
                CREATE INDEX finding_state ON finding(state, deadline);
                CREATE INDEX finding_reported ON finding(reportedAt);

                CREATE TABLE findingEvent (
                    id INTEGER PRIMARY KEY,
                    findingId INTEGER NOT NULL REFERENCES finding(id),
                    sequence INTEGER NOT NULL CHECK (sequence >= 1),
                    action TEXT NOT NULL CHECK (action IN (\(sqlList(FindingAction.self)))),
                    fromState TEXT CHECK (fromState IN (\(sqlList(FindingState.self)))),
                    toState TEXT NOT NULL CHECK (toState IN (\(sqlList(FindingState.self)))),
                    actor TEXT NOT NULL REFERENCES staff(code),
                    at INTEGER NOT NULL,
                    deadline INTEGER,
                    details TEXT NOT NULL CHECK (json_valid(details)),
                    UNIQUE (findingId, sequence)
                ) STRICT;
                CREATE INDEX findingEvent_at ON findingEvent(at);

                CREATE TABLE evaluationMonth (
                    month TEXT PRIMARY KEY NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    state TEXT NOT NULL CHECK (state IN ('computed', 'finalized')),
                    computedAt INTEGER NOT NULL,
                    computedBy TEXT NOT NULL REFERENCES staff(code),
                    finalizedAt INTEGER,
                    finalizedBy TEXT REFERENCES staff(code),
                    CHECK ((state = 'finalized') = (finalizedAt IS NOT NULL))
                ) STRICT;
                -- A finalised month is never recomputed, nor un-finalised.
                CREATE TRIGGER evaluationMonth_final BEFORE UPDATE ON evaluationMonth
                WHEN OLD.state = 'finalized'
                BEGIN SELECT RAISE(ABORT, 'the evaluation month is finalised'); END;
                CREATE TRIGGER evaluationMonth_no_delete BEFORE DELETE ON evaluationMonth
                WHEN OLD.state = 'finalized'
                BEGIN SELECT RAISE(ABORT, 'the evaluation month is finalised'); END;

                CREATE TABLE evaluationScore (
                    id INTEGER PRIMARY KEY,
                    month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    staff TEXT NOT NULL REFERENCES staff(code),
                    item TEXT NOT NULL CHECK (length(item) BETWEEN 1 AND 100),
                    points REAL NOT NULL CHECK (points BETWEEN -100 AND 100),
                    note TEXT,
                    recordedBy TEXT NOT NULL REFERENCES staff(code),
                    recordedAt INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX evaluationScore_month ON evaluationScore(month, staff);

                CREATE TABLE evaluationResult (
                    id INTEGER PRIMARY KEY,
                    month TEXT NOT NULL REFERENCES evaluationMonth(month),
                    subject TEXT NOT NULL CHECK (subject IN (\(sqlList(EvaluationSubject.self)))),
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    score REAL NOT NULL,
                    rank INTEGER NOT NULL CHECK (rank >= 1),
                    cases INTEGER NOT NULL,
                    onTimeCases INTEGER NOT NULL,
                    oneVisitCases INTEGER NOT NULL,
                    ratings INTEGER NOT NULL,
                    ratingSum INTEGER NOT NULL,
                    badRatings INTEGER NOT NULL,
                    breaches INTEGER NOT NULL,
                    verifiedFindings INTEGER NOT NULL,
                    manualPoints REAL NOT NULL,
                    breakdown TEXT NOT NULL CHECK (json_valid(breakdown)),
                    UNIQUE (month, subject, code)
                ) STRICT;

                CREATE TABLE evaluationAward (
                    id INTEGER PRIMARY KEY,
                    month TEXT NOT NULL REFERENCES evaluationMonth(month),
                    award TEXT NOT NULL CHECK (award IN (\(sqlList(AwardKind.self)))),
                    position INTEGER NOT NULL CHECK (position >= 1),
                    subject TEXT NOT NULL CHECK (subject IN (\(sqlList(EvaluationSubject.self)))),
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    reasonZh TEXT NOT NULL,
                    reasonEn TEXT NOT NULL,
                    UNIQUE (month, award, position)
                ) STRICT;
                """)
        for table in ["evaluationResult", "evaluationAward", "evaluationScore"] {
            try db.execute(
                sql: """
                    CREATE TRIGGER \(table)_final_insert BEFORE INSERT ON \(table)
                    WHEN (SELECT state FROM evaluationMonth WHERE month = NEW.month) = 'finalized'
                    BEGIN SELECT RAISE(ABORT, 'the evaluation month is finalised'); END;
                    CREATE TRIGGER \(table)_final_update BEFORE UPDATE ON \(table)
                    WHEN (SELECT state FROM evaluationMonth WHERE month = OLD.month) = 'finalized'
                    BEGIN SELECT RAISE(ABORT, 'the evaluation month is finalised'); END;
                    CREATE TRIGGER \(table)_final_delete BEFORE DELETE ON \(table)
                    WHEN (SELECT state FROM evaluationMonth WHERE month = OLD.month) = 'finalized'
                    BEGIN SELECT RAISE(ABORT, 'the evaluation month is finalised'); END;
                    """)
        }
        try appendOnly("caseEvent", db)
        try appendOnly("findingEvent", db)
        try appendOnly("rating", db)
    }
}
