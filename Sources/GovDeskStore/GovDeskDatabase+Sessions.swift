import Crypto
import Foundation
import GRDB
import GovDeskCore

/// Passwords and the web service's sessions (DESIGN §12). The store never sees a password: the caller hashes it
/// (bcrypt, cost 12 or more) or checks it against the stored hash, outside the write transaction, because bcrypt is
/// slow on purpose and a transaction holds the database's write lock.
extension GovDeskDatabase {
    /// How sessions and failed log-ins behave.
    public enum SessionRules {
        /// A session unused this long has ended.
        public static let idleTimeout: TimeInterval = 8 * 3600
        /// Failed log-ins in a row that lock a code…
        public static let failuresBeforeLock = 5
        /// …for this long.
        public static let lockDuration: TimeInterval = 15 * 60
        /// A session's last use is written at most this often (every page view would otherwise be a write).
        public static let touchInterval: TimeInterval = 60
        /// The least bcrypt cost a stored hash may have.
        public static let minimumBcryptCost = 12
    }

    /// A session just begun: `token` goes into the cookie (the database keeps only its SHA-256).
    public struct NewSession: Sendable {
        public var token: String
        public var csrfToken: String
        public var staff: StaffMember
    }

    /// The staff member a live session acts for, and the token its forms must carry.
    public struct LiveSession: Sendable {
        public var staff: StaffMember
        public var csrfToken: String
    }

    /// Stores `hash` (bcrypt of the new password) as `code`'s password (audited, never the hash). Everyone may set
    /// their own; another person's needs `Permission.setPassword`. The person's sessions end and the count of failed
    /// log-ins is cleared.
    public func setPassword(of code: String, hash: String, actor actorCode: String, at now: Date) throws {
        guard let cost = Self.bcryptCost(hash) else { throw LoginError.badHash }
        guard cost >= SessionRules.minimumBcryptCost else { throw LoginError.weakHash(cost: cost) }
        let now = Date(epochSeconds: now.epochSeconds)
        try write { db in
            let actor = try actor(actorCode, db)
            try Self.refuseReserved(code)
            let target = try staffMember(code, db)
            if target.code != actor.code { try Permission.setPassword.authorize(actor) }
            try db.execute(
                sql: """
                    INSERT INTO staffPassword (staff, hash, setAt, setBy) VALUES (?, ?, ?, ?)
                    ON CONFLICT (staff) DO UPDATE SET hash = excluded.hash, setAt = excluded.setAt,
                        setBy = excluded.setBy
                    """, arguments: [target.code, hash, now.epochSeconds, actor.code])
            let ended = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM webSession WHERE staff = ?", arguments: [target.code])!
            try db.execute(sql: "DELETE FROM webSession WHERE staff = ?", arguments: [target.code])
            try db.execute(sql: "DELETE FROM loginThrottle WHERE code = ?", arguments: [target.code])
            try recordAudit(
                actor: actor.code, action: "password-set",
                details: ["staff": target.code, "sessionsEnded": String(ended)], at: now, db)
        }
    }

    /// A staff member whose log-in is locked, and until when.
    public struct LoginLock: Sendable, Equatable {
        public var staff: String
        public var name: String
        public var until: Date
    }

    /// The staff members locked out at `now` (five failed log-ins in a row), soonest free first: the administrator's
    /// page shows them, so that someone locked out by another's guesses is noticed and can be let in.
    public func loginLocks(at now: Date) throws -> [LoginLock] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT staff.code, staff.name, loginThrottle.lockedUntil FROM loginThrottle
                    JOIN staff ON staff.code = loginThrottle.code
                    WHERE loginThrottle.lockedUntil > ? ORDER BY loginThrottle.lockedUntil, staff.code
                    """, arguments: [now.epochSeconds]
            ).map { LoginLock(staff: $0[0], name: $0[1], until: Date(epochSeconds: $0[2])) }
        }
    }

    /// Ends `code`'s lock and its count of failed log-ins before the 15 minutes are over (`Permission.setPassword`,
    /// audited `login-unlocked`). False when the code was not locked: nothing is written then.
    @discardableResult
    public func unlockLogIn(of code: String, actor actorCode: String, at now: Date) throws -> Bool {
        let now = Date(epochSeconds: now.epochSeconds)
        return try write { db in
            let actor = try actor(actorCode, db)
            try Permission.setPassword.authorize(actor)
            try Self.refuseReserved(code)
            let target = try staffMember(code, db)
            let locked =
                try Int64.fetchOne(
                    db, sql: "SELECT lockedUntil FROM loginThrottle WHERE code = ?", arguments: [target.code]) ?? nil
            guard let locked, locked > now.epochSeconds else { return false }
            try db.execute(sql: "DELETE FROM loginThrottle WHERE code = ?", arguments: [target.code])
            try recordAudit(
                actor: actor.code, action: "login-unlocked",
                details: ["staff": target.code, "lockedUntil": String(locked)], at: now, db)
            return true
        }
    }

    /// Refuses, before anyone types a password, what `setPassword` would refuse for the actor and the person.
    public func checkPasswordChange(of code: String, actor actorCode: String) throws {
        try read { db in
            let actor = try actor(actorCode, db)
            try Self.refuseReserved(code)
            let target = try staffMember(code, db)
            if target.code != actor.code { try Permission.setPassword.authorize(actor) }
        }
    }

    /// Whether `code` has a password (the command line says so before replacing one).
    public func hasPassword(_ code: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM staffPassword WHERE staff = ?)", arguments: [code]) ?? false
        }
    }

    /// Logs `code` in when `verify` accepts its stored hash (nil when it has none, so that the caller spends the same
    /// time on an unknown code); `verify` runs outside any transaction. A success begins a new session — the one the
    /// browser came with (`replacing`) ends, so the session id changes at log-in — and is audited `login`; a failure
    /// is counted and audited `login-failed`, and the fifth in a row locks the code for 15 minutes. A locked code is
    /// refused without looking at the password.
    public func logIn(
        staff code: String, at now: Date, replacing previousToken: String? = nil, verify: (String?) -> Bool
    ) throws -> NewSession {
        let now = Date(epochSeconds: now.epochSeconds)
        let typed = String(code.trimmingCharacters(in: .whitespaces).prefix(32))
        // A staff code is printable ASCII: a control character (a NUL, which C strings end at) is refused outright.
        guard !typed.isEmpty, !typed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw LoginError.refused
        }
        // A code no one has is counted under a keyed hash of it (people type their password into the code field, so
        // it is not kept as typed), each code its own count, so an unknown code locks exactly as a known one does
        // and the lock tells nothing about which codes exist. The key is this process's: the counts of unknown codes
        // do not outlive it. A hashed code starts with `?`, which no staff code has.
        func throttleKey(_ db: Database) throws -> String {
            let known =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM staff WHERE code = ?)", arguments: [typed]) ?? false
            return known
                ? typed
                : "?"
                    + String(
                        Ledger.hex(
                            Data(
                                HMAC<SHA256>.authenticationCode(
                                    for: Data(typed.utf8), using: Self.unknownCodeKey))
                        ).prefix(31))
        }
        let (storedHash, lockedUntil) = try read { db in
            (
                try String.fetchOne(db, sql: "SELECT hash FROM staffPassword WHERE staff = ?", arguments: [typed]),
                try Int64.fetchOne(
                    db, sql: "SELECT lockedUntil FROM loginThrottle WHERE code = ?", arguments: [try throttleKey(db)])
                    ?? nil
            )
        }
        // A locked code is answered without a write: the lock itself was audited when it began, and an attempt
        // against it costs nothing (no bcrypt, no audit row, no ledger entry), so a flood of them fills nothing.
        if let lockedUntil, lockedUntil > now.epochSeconds {
            throw LoginError.locked(until: Date(epochSeconds: lockedUntil))
        }
        // bcrypt, outside the transaction.
        let matches = verify(storedHash) && storedHash != nil
        let outcome: Result<NewSession, LoginError> = try write { db in
            if let previousToken {
                try db.execute(
                    sql: "DELETE FROM webSession WHERE tokenHash = ?", arguments: [Self.tokenHash(previousToken)])
            }
            let key = try throttleKey(db)
            let shown = key.hasPrefix("?") ? Self.maskedUnknownCode(typed) : typed
            let lock =
                try Int64.fetchOne(
                    db, sql: "SELECT lockedUntil FROM loginThrottle WHERE code = ?", arguments: [key]) ?? nil
            if let lock, lock > now.epochSeconds {
                try recordAudit(
                    actor: shown, action: "login-failed", details: ["reason": "locked"], at: now, db)
                return .failure(.locked(until: Date(epochSeconds: lock)))
            }
            let member = try Row.fetchOne(
                db, sql: "SELECT * FROM staff WHERE code = ? AND code != ?", arguments: [typed, Codes.systemActor]
            ).map(Self.staffMember(from:))
            let current = try String.fetchOne(
                db, sql: "SELECT hash FROM staffPassword WHERE staff = ?", arguments: [typed])
            let reason: String?
            switch (member, matches) {
            case (nil, _): reason = "unknown code"
            case (let member?, _) where !member.active: reason = "inactive"
            case (_, false): reason = current == nil ? "no password" : "wrong password"
            // The password was changed between the check and now: the old one no longer counts.
            case (_, true) where current != storedHash: reason = "password changed"
            default: reason = nil
            }
            if let reason {
                let failures =
                    (try Int.fetchOne(db, sql: "SELECT failures FROM loginThrottle WHERE code = ?", arguments: [key])
                        ?? 0) + 1
                let locks = failures >= SessionRules.failuresBeforeLock
                let until = now.epochSeconds + Int64(SessionRules.lockDuration)
                try db.execute(
                    sql: """
                        INSERT INTO loginThrottle (code, failures, lockedUntil) VALUES (?, ?, ?)
                        ON CONFLICT (code) DO UPDATE SET failures = excluded.failures,
                            lockedUntil = excluded.lockedUntil
                        """, arguments: [key, locks ? 0 : failures, locks ? until : nil])
                var details = ["reason": reason, "failures": String(failures)]
                if locks { details["lockedUntil"] = String(until) }
                try recordAudit(actor: shown, action: "login-failed", details: details, at: now, db)
                return .failure(locks ? .locked(until: Date(epochSeconds: until)) : .refused)
            }
            let staff = member!
            try db.execute(sql: "DELETE FROM loginThrottle WHERE code = ?", arguments: [typed])
            // The counts of unknown codes whose lock is over are of no further use.
            try db.execute(
                sql: "DELETE FROM loginThrottle WHERE substr(code, 1, 1) = '?' AND lockedUntil < ?",
                arguments: [now.epochSeconds])
            // Sessions idle past the timeout go whenever someone logs in: the table stays small.
            try db.execute(
                sql: "DELETE FROM webSession WHERE lastSeenAt < ?",
                arguments: [now.epochSeconds - Int64(SessionRules.idleTimeout)])
            let session = NewSession(token: Self.randomToken(), csrfToken: Self.randomToken(), staff: staff)
            try db.execute(
                sql: """
                    INSERT INTO webSession (tokenHash, staff, csrfToken, createdAt, lastSeenAt)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    Self.tokenHash(session.token), staff.code, session.csrfToken, now.epochSeconds, now.epochSeconds,
                ])
            try recordAudit(actor: staff.code, action: "login", details: [:], at: now, db)
            return .success(session)
        }
        return try outcome.get()
    }

    /// The key of the hashes unknown codes are counted under: random, this process's only.
    static let unknownCodeKey = SymmetricKey(size: .bits256)

    /// An unknown code as the audit log keeps it: its first two characters, then one `*` for each other (at most 30).
    static func maskedUnknownCode(_ code: String) -> String {
        String(code.prefix(2)) + String(repeating: "*", count: min(max(code.count - 2, 1), 30))
    }

    /// The live session of `token` at `now`, or nil: unknown, idle for 8 hours (it is then removed), or of a staff
    /// member deactivated since. Its last use is written at most once a minute.
    public func session(token: String, at now: Date) throws -> LiveSession? {
        let hash = Self.tokenHash(token)
        guard
            let row = try read({ db in
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT webSession.id, webSession.csrfToken, webSession.lastSeenAt, staff.*
                        FROM webSession JOIN staff ON staff.code = webSession.staff
                        WHERE webSession.tokenHash = ?
                        """, arguments: [hash])
            })
        else { return nil }
        let id: Int64 = row["id"]
        let lastSeen: Int64 = row["lastSeenAt"]
        let staff = Self.staffMember(from: row)
        let idle = now.epochSeconds - lastSeen
        if idle > Int64(SessionRules.idleTimeout) || !staff.active {
            try write { db in try db.execute(sql: "DELETE FROM webSession WHERE id = ?", arguments: [id]) }
            return nil
        }
        if idle >= Int64(SessionRules.touchInterval) {
            try write { db in
                try db.execute(
                    sql: "UPDATE webSession SET lastSeenAt = ? WHERE id = ?", arguments: [now.epochSeconds, id])
            }
        }
        return LiveSession(staff: staff, csrfToken: row["csrfToken"])
    }

    /// Ends the session of `token` (audited `logout`); nothing when there is none.
    public func logOut(token: String, at now: Date) throws {
        let now = Date(epochSeconds: now.epochSeconds)
        try write { db in
            let hash = Self.tokenHash(token)
            guard
                let staff = try String.fetchOne(
                    db, sql: "SELECT staff FROM webSession WHERE tokenHash = ?", arguments: [hash])
            else { return }
            try db.execute(sql: "DELETE FROM webSession WHERE tokenHash = ?", arguments: [hash])
            try recordAudit(actor: staff, action: "logout", details: [:], at: now, db)
        }
    }

    /// How many sessions are live for `code` (tests, and a later admin page).
    public func sessionCount(of code: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM webSession WHERE staff = ?", arguments: [code])!
        }
    }

    /// The cost of a bcrypt hash in modular crypt format (`$2b$12$…`, 60 characters), or nil if it is not one.
    static func bcryptCost(_ hash: String) -> Int? {
        let bytes = Array(hash.utf8)
        guard bytes.count == 60, bytes[0] == UInt8(ascii: "$"), bytes[1] == UInt8(ascii: "2"),
            bytes[3] == UInt8(ascii: "$"), bytes[6] == UInt8(ascii: "$"),
            let cost = Int(String(decoding: bytes[4..<6], as: UTF8.self))
        else { return nil }
        return cost
    }

    /// A token as sessions get them, for other one-time uses (the log-in form's).
    public static func newToken() -> String { randomToken() }

    /// 32 random bytes from the system's generator, as 64 hexadecimal digits (cookie- and form-safe).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = Data(count: 32)
        for index in bytes.indices { bytes[index] = UInt8.random(in: .min ... .max, using: &generator) }
        return Ledger.hex(bytes)
    }

    static func tokenHash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }
}

/// Log-in refusals. The message never says whether the code exists.
public enum LoginError: GovDeskError, Equatable {
    /// Wrong code or password, an inactive or unknown code, or one without a password.
    case refused
    /// Five failures in a row: no attempt is looked at until then.
    case locked(until: Date)
    /// What was passed as a hash is not bcrypt's.
    case badHash
    /// A bcrypt hash cheaper than `SessionRules.minimumBcryptCost`.
    case weakHash(cost: Int)

    public var kind: FailureKind {
        switch self {
        case .refused, .locked: return .refused
        case .badHash, .weakHash: return .usage
        }
    }
}
