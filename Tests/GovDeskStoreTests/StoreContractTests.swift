import Foundation
import GovDeskCore
import GovDeskStore
import GovDeskTestSupport
import Testing

/// The store's contract (docs/store.md), checked through its public surface only (no `@testable`), on the store
/// `GOVDESK_TEST_STORE` names, so that a second implementation (DESIGN §13) runs the same tests:
/// - `file` (the default): a fresh SQLite file in a temporary folder, opened afresh for every instance;
/// - `memory`: SQLite in memory, one instance shared where a test asks for a second one.
///
/// A kind this build does not know fails every test with its name: it never passes in silence.
struct StoreContractTests {
    /// The store under test, with a way to open another instance on the same data (another process's view).
    struct StoreUnderTest {
        let store: GovDeskDatabase
        let openAnother: () throws -> GovDeskDatabase
        let folder: URL
        let kind: String

        init() throws {
            kind = ProcessInfo.processInfo.environment["GOVDESK_TEST_STORE"] ?? "file"
            folder = try makeTemporaryDirectory()
            switch kind {
            case "file":
                let path = folder.appendingPathComponent("contract.sqlite").path
                store = try GovDeskDatabase(path: path)
                openAnother = { try GovDeskDatabase(path: path, creating: nil) }
            case "memory":
                let store = try GovDeskDatabase.inMemory()
                self.store = store
                openAnother = { store }
            default:
                throw ContractStoreUnknown(kind: kind)
            }
            try store.load(makeReferenceData())
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    struct ContractStoreUnknown: Error, CustomStringConvertible {
        let kind: String
        var description: String {
            "GOVDESK_TEST_STORE=\(kind): this build has no such store (known: file, memory); the contract did not run"
        }
    }

    let rules = makeRules()

    /// Every write is all or nothing: a refused one leaves no trace (the ledger's head, which seals every write,
    /// and every count stay as they were).
    @Test func aRefusedWriteLeavesNothing() throws {
        let under = try StoreUnderTest()
        defer { under.remove() }
        let store = under.store
        let number = try store.makeTicket(at: "2026-03-02T09:00+08:00")
        try store.run(.dispatch(lead: "CGJ", co: []), number, by: "pd1", at: "2026-03-02T10:00+08:00")
        let head = try store.ledgerHead()
        let events = try store.events(of: number)
        let audit = try store.auditEntries().count
        // Not the lead department's liaison; the operator may not approve; no such ticket; no such actor.
        #expect(throws: (any Error).self) {
            try store.run(.sign, number, by: "zjj1", at: "2026-03-02T11:00+08:00")
        }
        #expect(throws: (any Error).self) { try store.run(.approve, number, by: "op1", at: "2026-03-02T11:00+08:00") }
        #expect(throws: (any Error).self) {
            try store.run(.sign, "20260302-9999", by: "cgj1", at: "2026-03-02T11:00+08:00")
        }
        #expect(throws: (any Error).self) { try store.run(.sign, number, by: "nobody", at: "2026-03-02T11:00+08:00") }
        #expect(try store.ledgerHead() == head)
        #expect(try store.events(of: number) == events)
        #expect(try store.auditEntries().count == audit)
        // A write that is taken moves the head.
        try store.run(.sign, number, by: "cgj1", at: "2026-03-02T11:00+08:00")
        #expect(try store.ledgerHead() != head)
    }

    /// Ticket numbers are unique and gap-free per local day, whatever the number of writers at once (each on an
    /// instance of its own where the store has more than one).
    @Test func numbersAreGapFreePerDayUnderConcurrentWriters() throws {
        let under = try StoreUnderTest()
        defer { under.remove() }
        let writers = try (0..<4).map { _ in try under.openAnother() }
        let numbers = SharedValue<[String]>([])
        let failures = SharedValue<[String]>([])
        DispatchQueue.concurrentPerform(iterations: writers.count) { i in
            for k in 0..<10 {
                do {
                    let number = try writers[i].makeTicket(at: "2026-03-02T09:\(String(format: "%02d", 10 + k))+08:00")
                    numbers.update { $0.append(number) }
                } catch {
                    failures.update { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value)")
        #expect(numbers.value.sorted() == (1...40).map { String(format: "20260302-%06d", $0) })
    }

    /// A record's events come back in the order they were taken, numbered 1, 2, 3…, each as it was recorded; the
    /// check replays every record from its events and verifies every chain and the ledger.
    @Test func eventsComeInOrderAndTheCheckIsClean() throws {
        let under = try StoreUnderTest()
        defer { under.remove() }
        let store = under.store
        let number = try store.makeTicket(at: "2026-03-02T09:00+08:00")
        try store.run(.dispatch(lead: "CGJ", co: ["ZJJ"]), number, by: "pd1", at: "2026-03-02T10:00+08:00")
        try store.run(.sign, number, by: "cgj1", at: "2026-03-02T11:00+08:00")
        try store.run(.reply(text: "已处理。", outcome: .resolved), number, by: "cgj1", at: "2026-03-03T15:00+08:00")
        try store.run(.approve, number, by: "sh1", at: "2026-03-03T16:00+08:00")
        let events = try store.events(of: number)
        #expect(events.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(events.map(\.action) == [.create, .dispatch, .sign, .reply, .approve])
        #expect(events.map(\.actor) == ["op1", "pd1", "cgj1", "cgj1", "sh1"])
        #expect(try store.ticket(number).state == .closed)
        let report = try under.openAnother().check()
        #expect(report.isClean, "\(report.problems)")
        #expect(report.ticketsChecked == 1 && report.eventsChecked == 5)
    }

    /// Text sorts by code point, as SQLite's BINARY and PostgreSQL's `COLLATE "C"` sort it (DESIGN §13): upper case
    /// before lower case, Latin before Chinese, whatever the machine's locale.
    @Test func textSortsByCodePoint() throws {
        let under = try StoreUnderTest()
        defer { under.remove() }
        for code in ["aa", "中心", "Zb", "ZZ"] {
            try under.store.addDepartment(
                Department(code: code, name: "部门" + code, kind: .bureau), actor: "admin", at: Date())
        }
        let codes = try under.openAnother().departments().map(\.code)
        #expect(
            codes
                == codes.sorted {
                    Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value))
                })
        #expect(codes.filter { ["aa", "中心", "Zb", "ZZ"].contains($0) } == ["ZZ", "Zb", "aa", "中心"])
    }

    /// A session lives in the store, not in the process that began it: another instance finds it, and a log-out on
    /// one ends it for all (DESIGN §12, §13).
    @Test func sessionsLiveInTheStore() throws {
        let under = try StoreUnderTest()
        defer { under.remove() }
        let now = Date(timeIntervalSince1970: 1_772_000_000)
        let hash = "$2b$12$" + String(repeating: "a", count: 53)
        try under.store.setPassword(of: "cgj1", hash: hash, actor: "cgj1", at: now)
        let session = try under.store.logIn(staff: "cgj1", at: now) { $0 == hash }
        let other = try under.openAnother()
        #expect(try other.session(token: session.token, at: now)?.staff.code == "cgj1")
        try other.logOut(token: session.token, at: now)
        #expect(try under.store.session(token: session.token, at: now) == nil)
    }

    /// The monthly report is a function of the data: the same from every instance and from a backup, whose ledger
    /// head is the source's.
    @Test func theReportAndTheLedgerHeadAreTheDatasOwn() throws {
        let under = try StoreUnderTest()
        defer { under.remove() }
        let store = under.store
        for day in 2...6 {
            let number = try store.makeTicket(at: "2026-03-0\(day)T09:00+08:00")
            try store.run(.dispatch(lead: "CGJ", co: []), number, by: "pd1", at: "2026-03-0\(day)T10:00+08:00")
            if day % 2 == 0 {
                try store.run(.sign, number, by: "cgj1", at: "2026-03-0\(day)T11:00+08:00")
            }
        }
        let zone = makeLocalTime().timeZone
        let month = Month("2026-03")!
        let now = makeInstant("2026-04-01T09:00+08:00")
        let report = try store.monthlyReport(for: month, timeZone: zone, now: now)
        #expect(report.headline.received == 5)
        #expect(try under.openAnother().monthlyReport(for: month, timeZone: zone, now: now) == report)
        // The copy is the data as the backup found it; the backup's own audit entry follows it in the source.
        let copy = under.folder.appendingPathComponent("copy.sqlite").path
        let head = try store.ledgerHead()
        try store.backup(to: copy, actor: "admin", at: now)
        let restored = try GovDeskDatabase(path: copy, creating: nil)
        #expect(try restored.ledgerHead() == head)
        #expect(try store.auditEntries().last?.action == "backup")
        #expect(try restored.monthlyReport(for: month, timeZone: zone, now: now) == report)
    }
}

/// A value shared between threads.
final class SharedValue<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
