import Crypto
import Foundation
import GRDB
import GovDeskCore

/// A client of the Open311 interface (DESIGN §12): a civic front end or an app that creates tickets as `api:<name>`.
public struct APIClient: Sendable, Equatable {
    public var name: String
    /// The channel its tickets come by: `app` or `web`.
    public var channel: Channel
    public var createdAt: Date
    public var createdBy: String
    public var revokedAt: Date?
    public var revokedBy: String?

    public var isRevoked: Bool { revokedAt != nil }
    /// The actor its tickets name.
    public var actor: String { Codes.apiClientActor(name) }

    /// The channels a client may create tickets by.
    public static let channels: [Channel] = [.app, .web]
}

/// A client just added, with its key: shown once, never stored (the database keeps its SHA-256).
public struct NewAPIKey: Sendable {
    public var client: APIClient
    public var key: String
}

extension GovDeskDatabase {
    /// How a key begins; the rest is 32 random bytes in base64url (43 characters).
    public static let apiKeyPrefix = "gd_"

    /// Adds a client and makes its key (`Permission.manageAPIClients`; audited, ledgered). Its actor `api:<name>` is a
    /// staff row with no role, inactive, so that nobody can act as it from the command line or log in as it.
    public func addAPIClient(name: String, channel: Channel, actor actorCode: String, at now: Date) throws -> NewAPIKey
    {
        guard Codes.isValidAPIClientName(name) else { throw APIClientError.badName(Printable.quoted(name, limit: 40)) }
        guard APIClient.channels.contains(channel) else { throw APIClientError.badChannel(channel.rawValue) }
        let now = Date(epochSeconds: now.epochSeconds)
        let key = Self.apiKeyPrefix + Self.randomBase64URL(bytes: 32)
        return try write { db in
            let member = try actor(actorCode, db)
            try Permission.manageAPIClients.authorize(member)
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM apiClient WHERE name = ?)", arguments: [name])!
            {
                throw APIClientError.exists(name)
            }
            let code = Codes.apiClientActor(name)
            guard
                let department = try String.fetchOne(
                    db, sql: "SELECT department FROM staff WHERE code = ?", arguments: [Codes.systemActor])
                    ?? String.fetchOne(
                        db, sql: "SELECT code FROM department ORDER BY kind != 'centre', active = 0, code LIMIT 1")
            else { throw StoreError.notInitialized(path: path) }
            try db.execute(
                sql: "INSERT INTO staff (code, name, department, roles, active) VALUES (?, ?, ?, '', 0)",
                arguments: [code, "接口客户端 \(name)", department])
            try db.execute(
                sql: "INSERT INTO apiClient (name, keyHash, channel, createdAt, createdBy) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, Self.keyHash(key), channel.rawValue, now.epochSeconds, member.code])
            // The audit entry names the client and its channel, never the key nor its hash.
            try recordAudit(
                actor: member.code, action: "apikey-add", details: ["client": name, "channel": channel.rawValue],
                at: now, db)
            return NewAPIKey(
                client: APIClient(name: name, channel: channel, createdAt: now, createdBy: member.code), key: key)
        }
    }

    /// Every client, revoked ones too, by name (`Permission.manageAPIClients`): never a key nor its hash.
    public func apiClients(actor actorCode: String) throws -> [APIClient] {
        try read { db in
            try Permission.manageAPIClients.authorize(try actor(actorCode, db))
            return try Row.fetchAll(db, sql: "SELECT * FROM apiClient ORDER BY name").map(Self.apiClient(from:))
        }
    }

    /// Revokes a client's key for good (`Permission.manageAPIClients`; audited): its requests are refused from now on,
    /// its tickets stay. A new key means a new client name.
    @discardableResult
    public func revokeAPIClient(name: String, actor actorCode: String, at now: Date) throws -> APIClient {
        let now = Date(epochSeconds: now.epochSeconds)
        return try write { db in
            let member = try actor(actorCode, db)
            try Permission.manageAPIClients.authorize(member)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM apiClient WHERE name = ?", arguments: [name])
            else {
                throw APIClientError.unknown(Printable.quoted(name, limit: 40))
            }
            var client = Self.apiClient(from: row)
            if let revokedAt = client.revokedAt { throw APIClientError.alreadyRevoked(name, at: revokedAt) }
            try db.execute(
                sql: "UPDATE apiClient SET revokedAt = ?, revokedBy = ? WHERE name = ?",
                arguments: [now.epochSeconds, member.code, name])
            try recordAudit(actor: member.code, action: "apikey-revoke", details: ["client": name], at: now, db)
            client.revokedAt = now
            client.revokedBy = member.code
            return client
        }
    }

    /// The client whose key `key` is: its SHA-256 compared with every client's in constant time, so that how long the
    /// answer takes says nothing about how close a guess came. An unknown or revoked key is refused.
    public func authenticateAPIKey(_ key: String) throws -> APIClient {
        try read { db in try authenticateAPIKey(key, db) }
    }

    func authenticateAPIKey(_ key: String, _ db: Database) throws -> APIClient {
        // A key is ASCII of a fixed shape; anything far from it is not hashed at all.
        guard key.utf8.count <= 128 else { throw APIClientError.unknownKey }
        let presented = Self.keyHash(key)
        var found: Row?
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM apiClient")) {
            let stored: Data = row["keyHash"]
            if Self.constantTimeEqual(stored, presented) { found = row }
        }
        guard let found else { throw APIClientError.unknownKey }
        let client = Self.apiClient(from: found)
        if client.isRevoked { throw APIClientError.revokedKey }
        return client
    }

    static func apiClient(from row: Row) -> APIClient {
        APIClient(
            name: row["name"], channel: Channel(rawValue: row["channel"]) ?? .web,
            createdAt: Date(epochSeconds: row["createdAt"]), createdBy: row["createdBy"],
            revokedAt: (row["revokedAt"] as Int64?).map(Date.init(epochSeconds:)), revokedBy: row["revokedBy"])
    }

    static func keyHash(_ key: String) -> Data { Data(SHA256.hash(data: Data(key.utf8))) }

    static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    /// `bytes` random bytes from the system's generator, in base64url without padding.
    static func randomBase64URL(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

// MARK: - Tracking codes

extension GovDeskDatabase {
    /// The letters of a tracking code: digits and capitals without the look-alikes 0, O, 1, I and L.
    public static let trackingAlphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    /// How long a tracking code is.
    public static let trackingCodeLength = 6

    /// The number of the ticket an Open311 client was given `trackingCode` for (the citizens' `/track` page), or nil.
    /// Case and surrounding spaces do not matter.
    public func ticketNumber(trackingCode: String) throws -> String? {
        let code = trackingCode.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == Self.trackingCodeLength, code.allSatisfy(Self.trackingAlphabet.contains) else { return nil }
        return try read { db in
            try String.fetchOne(
                db,
                sql: "SELECT ticket.number FROM ticketTracking JOIN ticket ON ticket.id = ticketTracking.ticketId "
                    + "WHERE ticketTracking.code = ?", arguments: [code])
        }
    }

    /// A tracking code no ticket has yet: six random letters of `trackingAlphabet` (31⁶, about 887 million).
    func newTrackingCode(_ db: Database) throws -> String {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let code = String(
                (0..<Self.trackingCodeLength).map { _ in Self.trackingAlphabet.randomElement(using: &generator)! })
            if try !Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM ticketTracking WHERE code = ?)"),
                arguments: [code])!
            {
                return code
            }
        }
        throw StoreError.storage("no free tracking code was found")
    }
}

/// Refusals about API clients and their keys.
public enum APIClientError: GovDeskError, Equatable {
    /// A name outside `Codes.apiClientNameRule`.
    case badName(String)
    /// A channel other than app or web.
    case badChannel(String)
    case exists(String)
    case unknown(String)
    case alreadyRevoked(String, at: Date)
    /// A key that is no client's (or no key at all).
    case unknownKey
    /// The key of a revoked client.
    case revokedKey
    /// `api:<name>` given as the actor of a command: only the client's key acts as it.
    case notAnActor(String)

    public var kind: FailureKind {
        switch self {
        case .badName, .badChannel: return .usage
        case .unknown: return .badData
        case .exists, .alreadyRevoked, .unknownKey, .revokedKey, .notAnActor: return .refused
        }
    }
}
