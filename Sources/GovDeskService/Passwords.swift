import Foundation
import GovDeskCore
import HummingbirdBcrypt
import NIOPosix

/// bcrypt for the service and the command line (DESIGN §12: cost 12). Hashing and checking take a quarter of a second
/// or more on purpose, so the service runs them on NIO's thread pool, never on an event loop, and never inside a
/// database transaction.
public enum Passwords {
    /// bcrypt's cost factor: 2¹² rounds.
    public static let cost: UInt8 = 12

    /// The bcrypt hash of a password the policy accepts.
    public static func hash(_ password: String) throws(PasswordError) -> String {
        try PasswordPolicy.check(password)
        return Bcrypt.hash(password, cost: cost)
    }

    /// Checks `password` against `hash`; with no hash (an unknown code, or one without a password) it checks against a
    /// hash of nothing anyone knows, so the answer takes as long.
    public static func verify(_ password: String, against hash: String?) -> Bool {
        let matches = Bcrypt.verify(password, hash: hash ?? decoy)
        return hash != nil && matches
    }

    /// A hash of 32 random bytes, made once per process.
    static let decoy: String = {
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in String(UInt8.random(in: .min ... .max, using: &generator), radix: 16) }
        return Bcrypt.hash(secret.joined(), cost: cost)
    }()
}
