import Foundation
import GRDB
import GovDeskCore

/// Errors of the store: unknown references, duplicates, and storage failures.
public enum StoreError: GovDeskError, Equatable {
    /// The database file was written by a newer GovDesk.
    case newerSchema(path: String, unknownMigrations: [String])
    /// The file could not be opened as a GovDesk database.
    case cannotOpen(path: String, reason: String)
    /// A read or write failed in SQLite.
    case storage(String)
    /// The database has no reference data yet.
    case notInitialized(path: String)
    /// An entry dated before the record's previous event (DESIGN §11.2).
    case outOfOrder(subject: String, at: Date, previous: Date)
    /// `db backup` replaces an existing file only with `--force` (DESIGN §11.3), and never anything but a file.
    case backupExists(String)
    /// `db backup --force` onto a database that has its companion files beside it: it may be in use.
    case backupInUse(String, companion: String)
    /// No database at the path (only `init` and `demo` make one).
    case missingDatabase(String)
    /// A file that is not a GovDesk database: never written to.
    case notGovDesk(path: String, reason: String)
    /// The schema is not the one GovDesk's migrations made: something was added, dropped or changed outside it. Each
    /// difference names the object and what is wrong with it, in both languages.
    case schemaAltered(path: String, differences: [IntegrityProblem])
    /// A database made by an earlier release keeps no rules yet (DESIGN §9): it takes no writes until an
    /// administrator stores them.
    case noRules(path: String)
    case unknownDepartment(String)
    case inactiveDepartment(String)
    case unknownStaff(String)
    case inactiveStaff(String)
    /// `system`, GovDesk's own actor (DESIGN §11.1): nobody acts as it, and it is not changed.
    case systemActor
    case duplicate(what: String, code: String)
    /// A new code that a person would take for an existing one (`Codes.skeleton`).
    case lookalike(what: String, code: String, existing: String)
    /// Every number of a day's series has been given (`RecordNumber.maximumPerDay`).
    case numbersUsedUp(what: String, day: String, maximum: Int)

    public var kind: FailureKind {
        switch self {
        case .newerSchema, .cannotOpen, .storage, .missingDatabase, .notGovDesk, .schemaAltered: return .storage
        case .backupExists, .backupInUse, .outOfOrder, .noRules: return .refused
        case .notInitialized: return .refused
        case .unknownDepartment, .unknownStaff, .duplicate, .lookalike: return .badData
        case .inactiveDepartment, .inactiveStaff, .numbersUsedUp, .systemActor: return .refused
        }
    }

    /// The same error with every database path that is an address masked: a message never shows a password
    /// (DESIGN §11.5).
    var maskingAddresses: StoreError {
        let m = DatabaseAddress.masked
        switch self {
        case .newerSchema(let path, let unknown): return .newerSchema(path: m(path), unknownMigrations: unknown)
        case .cannotOpen(let path, let reason): return .cannotOpen(path: m(path), reason: reason)
        case .notInitialized(let path): return .notInitialized(path: m(path))
        case .missingDatabase(let path): return .missingDatabase(m(path))
        case .notGovDesk(let path, let reason): return .notGovDesk(path: m(path), reason: reason)
        case .schemaAltered(let path, let differences): return .schemaAltered(path: m(path), differences: differences)
        case .noRules(let path): return .noRules(path: m(path))
        default: return self
        }
    }
}

/// A failure of SQLite itself, as the store names it to its callers: the command line and the service never see the
/// database library's own types (a second database would have its own).
public enum DatabaseFailure {
    /// The database's own message for `error`, or nil when `error` is not a failure of the database.
    public static func message(of error: any Error) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        return error.message ?? "\(error.resultCode)"
    }
}
