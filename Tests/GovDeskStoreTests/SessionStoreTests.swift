import Foundation
import GRDB
import GovDeskCore
import GovDeskStore
import Testing

@testable import GovDeskStore

/// Passwords, log-in, lock-out and sessions in the store (DESIGN §12). bcrypt itself is the service's: here a hash is
/// any string of bcrypt's shape and `verify` compares it.
struct SessionStoreTests {
    /// A string of bcrypt's shape (cost 12), distinct per `tag`.
    static func fakeHash(_ tag: Character) -> String { "$2b$12$" + String(repeating: tag, count: 53) }

    let now = Date(epochSeconds: 1_760_000_000)

    func makeDatabaseWithPassword() throws -> GovDeskDatabase {
        let database = try makeDatabase()
        try database.setPassword(of: "cgj1", hash: Self.fakeHash("a"), actor: "cgj1", at: now)
        return database
    }

    @Test func everyoneSetsTheirOwnPasswordAndOnlyAnAdministratorAnothers() throws {
        let database = try makeDatabase()
        try database.setPassword(of: "cgj1", hash: Self.fakeHash("a"), actor: "cgj1", at: now)
        #expect(throws: PermissionError.self) {
            try database.setPassword(of: "zjj1", hash: Self.fakeHash("b"), actor: "cgj1", at: now)
        }
        #expect(throws: PermissionError.self) {
            try database.setPassword(of: "zjj1", hash: Self.fakeHash("b"), actor: "db1", at: now)
        }
        try database.setPassword(of: "zjj1", hash: Self.fakeHash("b"), actor: "admin", at: now)
        #expect(try database.hasPassword("zjj1"))
        #expect(!(try database.hasPassword("sh1")))
        let audit = try database.auditEntries().filter { $0.action == "password-set" }
        #expect(audit.map(\.actor) == ["cgj1", "admin"])
        #expect(audit.map { $0.details["staff"] } == ["cgj1", "zjj1"])
        #expect(!audit.contains { $0.details.values.contains { $0.hasPrefix("$2") } }, "the hash is not audited")
    }

    @Test(arguments: ["secret", "$2b$04$" + String(repeating: "x", count: 53), "$2b$12$short"])
    func aHashThatIsNotBcryptOfCostTwelveIsRefused(_ hash: String) throws {
        let database = try makeDatabase()
        #expect(throws: LoginError.self) { try database.setPassword(of: "cgj1", hash: hash, actor: "cgj1", at: now) }
    }

    @Test func aRightPasswordBeginsASessionThatLastsWhileUsed() throws {
        let database = try makeDatabaseWithPassword()
        let session = try database.logIn(staff: "cgj1", at: now) { $0 == Self.fakeHash("a") }
        #expect(session.staff.code == "cgj1")
        #expect(session.token.count == 64 && session.csrfToken.count == 64 && session.token != session.csrfToken)
        let live = try #require(try database.session(token: session.token, at: now.addingTimeInterval(7 * 3600)))
        #expect(live.staff.code == "cgj1" && live.csrfToken == session.csrfToken)
        // Used at 7 h, so still live at 14 h; then idle for more than 8 h, it has ended.
        #expect(try database.session(token: session.token, at: now.addingTimeInterval(14 * 3600)) != nil)
        #expect(try database.session(token: session.token, at: now.addingTimeInterval(22 * 3600 + 1)) == nil)
        #expect(try database.sessionCount(of: "cgj1") == 0)
        #expect(try database.auditEntries().last?.action == "login")
    }

    @Test func theDatabaseKeepsOnlyTheTokensHash() throws {
        let database = try makeDatabaseWithPassword()
        let session = try database.logIn(staff: "cgj1", at: now) { $0 == Self.fakeHash("a") }
        let dump = try database.dumpAllTables()
        #expect(!dump.contains(session.token))
    }

    @Test func aLogInEndsTheSessionTheBrowserCameWith() throws {
        let database = try makeDatabaseWithPassword()
        let first = try database.logIn(staff: "cgj1", at: now) { $0 == Self.fakeHash("a") }
        let second = try database.logIn(staff: "cgj1", at: now, replacing: first.token) { $0 == Self.fakeHash("a") }
        #expect(first.token != second.token)
        #expect(try database.session(token: first.token, at: now) == nil)
        #expect(try database.session(token: second.token, at: now) != nil)
    }

    @Test func aWrongPasswordIsRefusedAndAudited() throws {
        let database = try makeDatabaseWithPassword()
        #expect(throws: LoginError.refused) { try database.logIn(staff: "cgj1", at: now) { _ in false } }
        #expect(throws: LoginError.refused) { try database.logIn(staff: "nobody", at: now) { _ in true } }
        #expect(throws: LoginError.refused) { try database.logIn(staff: "zjj1", at: now) { _ in true } }
        let failed = try database.auditEntries().filter { $0.action == "login-failed" }
        // An unknown code only masked: people type their password into the code field (hostile review).
        #expect(failed.map(\.actor) == ["cgj1", "no****", "zjj1"])
        #expect(failed.map { $0.details["reason"] } == ["wrong password", "unknown code", "no password"])
    }

    @Test func fiveFailuresLockTheCodeForFifteenMinutes() throws {
        let database = try makeDatabaseWithPassword()
        for _ in 1...4 {
            #expect(throws: LoginError.refused) { try database.logIn(staff: "cgj1", at: now) { _ in false } }
        }
        let until = now.addingTimeInterval(15 * 60)
        #expect(throws: LoginError.locked(until: until)) { try database.logIn(staff: "cgj1", at: now) { _ in false } }
        // The right password does not open a locked code, and is not even looked at.
        var looked = false
        #expect(throws: LoginError.locked(until: until)) {
            try database.logIn(staff: "cgj1", at: now.addingTimeInterval(14 * 60)) { _ in
                looked = true
                return true
            }
        }
        #expect(!looked)
        let session = try database.logIn(staff: "cgj1", at: until.addingTimeInterval(1)) { $0 == Self.fakeHash("a") }
        #expect(session.staff.code == "cgj1")
        // Five failures are audited (the fifth with the lock); an attempt against the lock writes nothing, so a
        // flood of them fills neither the audit log nor the ledger.
        #expect(try database.auditEntries().filter { $0.action == "login-failed" }.count == 5)
    }

    @Test func anUnknownCodeLocksLikeAKnownOne() throws {
        let database = try makeDatabase()
        for _ in 1...4 {
            #expect(throws: LoginError.refused) { try database.logIn(staff: "nobody", at: now) { _ in false } }
        }
        #expect(throws: LoginError.locked(until: now.addingTimeInterval(900))) {
            try database.logIn(staff: "nobody", at: now) { _ in false }
        }
    }

    /// People type their password into the code field: what they typed is kept nowhere, only a keyed hash of it;
    /// each unknown code has its own count, so a lock says nothing about which codes exist (hostile review: under a
    /// shared mask, one locked unknown code locked every unknown code of its shape, and real codes stood out).
    @Test func anUnknownCodeIsCountedOnlyHashedAndOnItsOwn() throws {
        let database = try makeDatabase()
        let typed = "Tr0ub4dor&3-horse"
        for _ in 1...5 { _ = try? database.logIn(staff: typed, at: now) { _ in false } }
        #expect(throws: LoginError.locked(until: now.addingTimeInterval(900))) {
            try database.logIn(staff: typed, at: now) { _ in false }
        }
        let dump = try database.dumpAllTables()
        #expect(!dump.contains(typed) && !dump.contains("r0ub4dor"))
        // Another unknown code of the same shape is not locked by it.
        #expect(throws: LoginError.refused) { try database.logIn(staff: "Tr0ub4dor&3-house", at: now) { _ in false } }
        // A control character is no code at all (a NUL would cut the code short in C).
        #expect(throws: LoginError.refused) { try database.logIn(staff: "cgj1\u{0}x", at: now) { _ in true } }
        // A mask never stands for a person: no lock of a staff member comes of it.
        #expect(try database.loginLocks(at: now).isEmpty)
    }

    @Test func anAdministratorSeesALockAndEndsItAudited() throws {
        let database = try makeDatabaseWithPassword()
        for _ in 1...5 { _ = try? database.logIn(staff: "cgj1", at: now) { _ in false } }
        let locks = try database.loginLocks(at: now)
        #expect(locks.map(\.staff) == ["cgj1"] && locks.first?.until == now.addingTimeInterval(900))
        #expect(try database.loginLocks(at: now.addingTimeInterval(901)).isEmpty, "a lock past its time is over")
        // Only the holder of `setPassword` (an administrator) lets someone in early.
        #expect(throws: PermissionError.self) { try database.unlockLogIn(of: "cgj1", actor: "db1", at: now) }
        #expect(throws: PermissionError.self) { try database.unlockLogIn(of: "cgj1", actor: "cgj1", at: now) }
        #expect(try database.unlockLogIn(of: "cgj1", actor: "admin", at: now))
        #expect(try database.loginLocks(at: now).isEmpty)
        let session = try database.logIn(staff: "cgj1", at: now) { $0 == Self.fakeHash("a") }
        #expect(session.staff.code == "cgj1")
        let entry = try #require(try database.auditEntries().last { $0.action == "login-unlocked" })
        #expect(entry.actor == "admin" && entry.details["staff"] == "cgj1")
        // Not locked: nothing to do and nothing written.
        let before = try database.auditEntries().count
        #expect(!(try database.unlockLogIn(of: "zjj1", actor: "admin", at: now)))
        #expect(try database.auditEntries().count == before)
    }

    @Test func logOutEndsTheSessionAndIsAudited() throws {
        let database = try makeDatabaseWithPassword()
        let session = try database.logIn(staff: "cgj1", at: now) { $0 == Self.fakeHash("a") }
        try database.logOut(token: session.token, at: now)
        #expect(try database.session(token: session.token, at: now) == nil)
        #expect(try database.auditEntries().last.map { ($0.actor, $0.action) } ?? ("", "") == ("cgj1", "logout"))
    }

    @Test func aNewPasswordEndsThePersonsSessions() throws {
        let database = try makeDatabaseWithPassword()
        let session = try database.logIn(staff: "cgj1", at: now) { $0 == Self.fakeHash("a") }
        try database.setPassword(of: "cgj1", hash: Self.fakeHash("c"), actor: "admin", at: now)
        #expect(try database.session(token: session.token, at: now) == nil)
        // The old password no longer opens it.
        #expect(throws: LoginError.refused) {
            try database.logIn(staff: "cgj1", at: now) { $0 == Self.fakeHash("a") }
        }
    }

    @Test func aDeactivatedMembersSessionEnds() throws {
        let database = try makeDatabaseWithPassword()
        let session = try database.logIn(staff: "cgj1", at: now) { $0 == Self.fakeHash("a") }
        try database.setActive(.staff, code: "cgj1", active: false, actor: "admin", at: now)
        #expect(try database.session(token: session.token, at: now) == nil)
    }

    /// DESIGN §11.4: passwords are ledgered, sessions and failed attempts are not (operational data).
    @Test func passwordsAreLedgeredAndSessionsAreNot() throws {
        let database = try makeDatabaseWithPassword()
        let head = try database.seal()
        let session = try database.logIn(staff: "cgj1", at: now) { $0 == Self.fakeHash("a") }
        _ = try database.session(token: session.token, at: now.addingTimeInterval(3600))
        let entries = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT content FROM ledger ORDER BY id")
        }
        #expect(entries.contains { $0.contains("+ staffPassword ") })
        #expect(!entries.contains { $0.contains("webSession") || $0.contains("loginThrottle") })
        #expect(try database.seal() != head, "the log-in's audit entry is ledgered")
        let report = try database.check()
        #expect(report.problems.isEmpty, "\(report.problems)")
    }
}
