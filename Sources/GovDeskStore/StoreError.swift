import Foundation
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
    /// The schema is not the one GovDesk's migrations made: something was added, dropped or changed outside it.
    case schemaAltered(path: String, differences: [String])
    case unknownDepartment(String)
    case inactiveDepartment(String)
    case unknownStaff(String)
    case inactiveStaff(String)
    /// `system`, GovDesk's own actor (DESIGN §11.1): nobody acts as it, and it is not changed.
    case systemActor
    case duplicate(what: String, code: String)
    /// Every number of a day's series has been given (`RecordNumber.maximumPerDay`).
    case numbersUsedUp(what: String, day: String, maximum: Int)

    public var kind: FailureKind {
        switch self {
        case .newerSchema, .cannotOpen, .storage, .missingDatabase, .notGovDesk, .schemaAltered: return .storage
        case .backupExists, .backupInUse, .outOfOrder: return .refused
        case .notInitialized: return .refused
        case .unknownDepartment, .unknownStaff, .duplicate: return .badData
        case .inactiveDepartment, .inactiveStaff, .numbersUsedUp, .systemActor: return .refused
        }
    }

}
