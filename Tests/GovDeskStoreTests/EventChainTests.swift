import Foundation
import GRDB
import GovDeskCore
import GovDeskTestSupport
import Testing

@testable import GovDeskStore

/// The encoding behind the event hash chain.
struct EventChainEncodingTests {
    static let fields: [EventChain.Field] = [
        .int(3), .text("sign"), .text("dispatched"), .text("handling"), .text("d01"), .int(1_740_963_600),
        .text(#"{"note":"已签收"}"#),
    ]
    let start = EventChain.start(.ticket, number: "20250303-000001")

    @Test func theHashIs32BytesAndRepeatable() {
        let hash = EventChain.hash(after: start, Self.fields)
        #expect(hash.count == 32)
        #expect(hash == EventChain.hash(after: start, Self.fields))
    }

    @Test(arguments: 0..<7)
    func changingAnyOneFieldChangesTheHash(index: Int) {
        var changed = Self.fields
        switch changed[index] {
        case .int(let n): changed[index] = .int(n + 1)
        case .text(let s): changed[index] = .text(s + " ")
        case .null, .real, .blob: Issue.record("unexpected field")
        }
        #expect(EventChain.hash(after: start, changed) != EventChain.hash(after: start, Self.fields))
    }

    @Test func neighbouringFieldsCannotTradeBytes() {
        #expect(
            EventChain.hash(after: start, [.text("ab"), .text("c")])
                != EventChain.hash(after: start, [.text("a"), .text("bc")]))
        // Without the length prefix these two would hash the same bytes: tag, "a", tag, tag, "b".
        #expect(
            EventChain.hash(after: start, [.text("a\u{02}"), .text("b")])
                != EventChain.hash(after: start, [.text("a"), .text("\u{02}b")]))
        #expect(EventChain.hash(after: start, [.null]) != EventChain.hash(after: start, [.text("")]))
        #expect(EventChain.hash(after: start, [.int(0)]) != EventChain.hash(after: start, [.null]))
        #expect(EventChain.hash(after: start, [.text("1")]) != EventChain.hash(after: start, [.int(1)]))
    }

    @Test func aChainCannotBeMovedToAnotherRecordOrKind() {
        let other = EventChain.start(.ticket, number: "20250303-000002")
        #expect(start != other)
        #expect(EventChain.hash(after: start, Self.fields) != EventChain.hash(after: other, Self.fields))
        #expect(EventChain.start(.windowCase, number: "X1") != EventChain.start(.finding, number: "X1"))
        #expect(EventChain.start(.ticket, number: "X1") != EventChain.start(.finding, number: "X1"))
    }

    @Test func theStartIsTheHashOfKindAndNumber() {
        // SHA-256("govdesk:ticket:20250303-000001"), computed with `printf %s … | sha256sum`.
        #expect(
            start.map { String(format: "%02x", $0) }.joined()
                == "d29f26f5b574605fa298bedfdd119149b23601fcd283fca1108f4ae3e74eed6f")
    }

    @Test func aTicketEventAndItsStoredRowHashAlike() throws {
        let event = TicketEvent(
            sequence: 2, action: .dispatch, from: .received, to: .dispatched, actor: "d01",
            at: Date(epochSeconds: 1_740_963_600), details: ["lead": "CGJ"])
        let row: Row = [
            "id": 9, "ticketId": 4, "sequence": 2, "action": "dispatch", "fromState": "received",
            "toState": "dispatched",
            "actor": "d01", "at": 1_740_963_600, "details": event.detailsJSON, "hash": Data(),
        ]
        #expect(EventChain.fields(.ticket, of: row) == EventChain.fields(event, details: event.detailsJSON))
    }
}

/// Every path that writes events chains them, and `check()` finds an event changed or deleted behind its back.
struct EventChainStoreTests {
    let rules = makeRules()

    /// A case with three events (receive, complete, rate 1) and the finding the bad rating opened, rectified (three
    /// events).
    func makeHallRecords(_ database: GovDeskDatabase) throws -> (caseNumber: String, findingNumber: String) {
        let c = try database.createCase(
            item: "QY001", window: "A01", applicantName: "张建国", applicantPhone: "13835512345", actor: "w01",
            at: makeLocal("2025-09-30T10:00"), rules: rules)
        try database.apply(
            .complete(note: nil), toCase: c.number, actor: "w01", at: makeLocal("2025-10-09T15:00"), rules: rules)
        let (_, _, opened) = try database.apply(
            .rate(score: 1, comment: "差"), toCase: c.number, actor: "w02", at: makeLocal("2025-10-09T15:10"),
            rules: rules, badRatingKind: .attitude)
        let finding = try #require(opened)
        try database.apply(
            .rectify(note: "已整改"), toFinding: finding.number, actor: "ty01", at: makeLocal("2025-10-10T09:00"),
            rules: rules)
        return (c.number, finding.number)
    }

    func hashes(_ table: String, _ database: GovDeskDatabase) throws -> [Data?] {
        try database.writer.read { db in try Data?.fetchAll(db, sql: "SELECT hash FROM \(table) ORDER BY id") }
    }

    @Test func everyWritePathStoresAChainThatChecks() throws {
        let database = try makeHallDatabase()
        let (caseNumber, findingNumber) = try makeHallRecords(database)
        #expect(try database.caseEvents(of: caseNumber).count == 3)
        #expect(try database.findingEvents(of: findingNumber).count == 3)
        for table in ["caseEvent", "findingEvent"] {
            let stored = try hashes(table, database)
            #expect(!stored.isEmpty)
            #expect(stored.allSatisfy { $0?.count == 32 }, "\(table)")
        }
        let report = try database.check()
        #expect(report.isClean, "\(report.problems)")
        #expect(report.casesChecked == 1)
        #expect(report.findingsChecked == 1)
    }

    @Test func ticketsWrittenOneByOneChain() throws {
        let database = try makeDatabase()
        let number = try database.makeTicket(at: "2025-03-03T09:00+08:00")
        try database.run(.dispatch(lead: "CGJ", co: []), number, by: "pd1", at: "2025-03-03T09:30+08:00")
        let stored = try hashes("ticketEvent", database)
        #expect(stored.count == 2)
        let first = try #require(stored[0])
        // The second event chains to the first: recomputing it from the first's stored hash gives its stored hash.
        let second = try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM ticketEvent WHERE sequence = 2")!
        }
        #expect(EventChain.hash(after: first, EventChain.fields(.ticket, of: second)) == stored[1])
        #expect(try database.check().isClean)
    }

    @Test func theDatabaseRefusesAnEventWithoutItsHash() throws {
        let database = try makeDatabase()
        try database.makeTicket(at: "2025-03-03T09:00+08:00")
        // (A text value is refused by the STRICT table before the trigger runs.)
        for hash in ["NULL", "x'00'", "x'\(String(repeating: "ab", count: 31))'", "zeroblob(33)"] {
            let error = try #require(throws: DatabaseError.self) {
                try database.writer.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO ticketEvent (ticketId, sequence, action, fromState, toState, actor, at, details, hash)
                            SELECT ticketId, 2, 'urge', toState, toState, actor, at, '{}', \(hash) FROM ticketEvent
                            """)
                }
            }
            #expect(error.message?.contains("32-byte chain hash") == true, "\(error)")
        }
        #expect(try hashes("ticketEvent", database).count == 1)
    }

    /// Runs `sql` with the append-only triggers gone, as someone with the sqlite3 shell could, and puts them back
    /// (the schema check would name them otherwise): only the events tell.
    func tamper(_ database: GovDeskDatabase, _ sql: String, then: ((Database) throws -> Void)? = nil) throws {
        try database.writer.write { db in
            let triggers = try String.fetchAll(
                db,
                sql: """
                    SELECT sql FROM sqlite_schema
                    WHERE type = 'trigger' AND tbl_name IN ('ticketEvent', 'caseEvent', 'findingEvent')
                      AND (name LIKE '%\\_no\\_update' ESCAPE '\\' OR name LIKE '%\\_no\\_delete' ESCAPE '\\')
                    """)
            for table in ["ticketEvent", "caseEvent", "findingEvent"] {
                try db.execute(sql: "DROP TRIGGER \(table)_no_update; DROP TRIGGER \(table)_no_delete")
            }
            try db.execute(sql: sql)
            try then?(db)
            for trigger in triggers { try db.execute(sql: trigger) }
        }
    }

    @Test func aRecomputedHashStillBreaksTheNextLink() throws {
        // Given a case whose second event was edited and given a fresh hash of its own
        let database = try makeHallDatabase()
        let (caseNumber, _) = try makeHallRecords(database)
        try tamper(database, "UPDATE caseEvent SET details = '{\"note\":\"改\"}' WHERE sequence = 2") { db in
            let first = try Data.fetchOne(db, sql: "SELECT hash FROM caseEvent WHERE sequence = 1")!
            let second = try Row.fetchOne(db, sql: "SELECT * FROM caseEvent WHERE sequence = 2")!
            try db.execute(
                sql: "UPDATE caseEvent SET hash = ? WHERE sequence = 2",
                arguments: [EventChain.hash(after: first, EventChain.fields(.windowCase, of: second))])
        }
        // Then the third event no longer follows
        let report = try database.check()
        let problems = report.problems.map(\.description)
        #expect(problems.count == 2, "\(problems)")
        #expect(
            problems.first == "case \(caseNumber), event 3: hash does not match its content (the event was changed)")
        // The ledger (DESIGN §11.4) recorded the event as it was written.
        #expect(
            problems.last?.hasPrefix("case \(caseNumber), event 2: differs from what ledger entry ") == true
                && problems.last?.hasSuffix(" recorded: changed outside GovDesk") == true, "\(problems)")
    }

    @Test func aFindingWithItsLastEventDeletedIsNamed() throws {
        let database = try makeHallDatabase()
        let (_, findingNumber) = try makeHallRecords(database)
        try tamper(database, "DELETE FROM findingEvent WHERE sequence = 3")
        let report = try database.check()
        let problems = report.problems.map(\.description)
        #expect(problems.count == 3, "\(problems)")
        #expect(
            problems.first
                == "finding \(findingNumber), event 3: missing (the finding records 3 events; the last left is 2)")
        // Replayed without its last event, the finding is still assigned (DESIGN §11.4).
        #expect(
            problems.dropFirst().first
                == "finding \(findingNumber), event 2: its row differs from what its events record "
                + "(columns: state, rectifiedAt, rectifyNote, eventCount)")
        #expect(
            problems.last?.hasPrefix("findingEvent row 3 (an event of finding \(findingNumber)): recorded by ledger ")
                == true && problems.last?.hasSuffix(", missing: deleted outside GovDesk") == true, "\(problems)")
    }
}
