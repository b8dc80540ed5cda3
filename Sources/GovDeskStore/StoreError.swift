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

    public var description: String {
        // A database named by an address never shows its password (DESIGN §11.5).
        switch self.maskingAddresses {
        case .newerSchema(let path, let unknown):
            return
                "\(path) was written by a newer GovDesk (schema steps \(unknown.joined(separator: ", ")) are unknown "
                + "to this build); upgrade govdesk to open it"
        case .cannotOpen(let path, let reason):
            return "cannot open database \(path): \(reason)"
        case .storage(let message):
            return "storage failure: \(message)"
        case .outOfOrder(let subject, let at, let previous):
            let format = Date.ISO8601FormatStyle()
            return "\(subject): an entry dated \(at.formatted(format)) would come before its latest event "
                + "(\(previous.formatted(format))); a record's history is kept in time order, so an entry may not be "
                + "dated behind it"
        case .backupExists(let path):
            return "\(path) exists; add --force to replace it with the new backup, or choose another name"
        case .backupInUse(let path, let companion):
            return "\(path) has \(companion) beside it, so it may be a database in use; a backup is not written over "
                + "it — choose another name"
        case .missingDatabase(let path):
            return "no database at \(path); `govdesk init` creates one (`govdesk demo` a demonstration one), "
                + "or give the right --db"
        case .schemaAltered(let path, let differences):
            let shown = differences.prefix(5).joined(separator: "; ")
            let more = differences.count > 5 ? " (and \(differences.count - 5) more)" : ""
            return "\(path): the database's schema was changed outside GovDesk, so nothing is written to it: "
                + "\(shown)\(more). Run `govdesk db check` to see everything it finds, and restore the last good backup"
        case .noRules(let path):
            return "\(path) keeps no rules yet (an earlier release made it): until an administrator stores them with "
                + "`govdesk --config DIR config apply` (DIR: the folder whose govdesk.yaml it has been run with; without "
                + "--config, the built-in defaults), it takes no writes, so that nobody's own folder sets its limits"
        case .notGovDesk(let path, let reason):
            return "\(path) is not a GovDesk database (\(reason)); it was left untouched — give a GovDesk database "
                + "with --db"
        case .notInitialized(let path):
            return "\(path) has no departments or staff yet; run `govdesk init` first"
        case .unknownDepartment(let code):
            return "no department \(Printable.quoted(code)); `govdesk dept list` shows the department codes"
        case .inactiveDepartment(let code):
            return "department \(code) is inactive; tickets cannot be sent to it, nor staff added to it "
                + "(an administrator may reactivate it: `govdesk dept reactivate \(code)`)"
        case .unknownStaff(let code):
            return "no staff member \(Printable.quoted(code)); `govdesk staff list` shows the staff codes"
        case .inactiveStaff(let code):
            return "staff member \(code) is inactive and may not act"
        case .systemActor:
            return "\(Codes.systemActor) is GovDesk's own actor (migrations and recomputations): nobody acts as it, "
                + "and it is not edited, deactivated or reactivated; name a staff member"
        case .duplicate(let what, let code):
            return "\(what) \(code) already exists (codes that differ only in letter case are the same code)"
        case .lookalike(let what, let code, let existing):
            return "\(what) code \(Printable.quoted(code)) looks like the existing \(existing): codes that differ only "
                + "in letter case, in l, 1 and I, or in O and 0 are taken for each other; choose another code"
        case .numbersUsedUp(let what, let day, let maximum):
            return "no \(what) number is left for \(day): \(maximum) were given that day, the most a day may have"
        }
    }

    /// The same error with every database path that is an address masked.
    private var maskingAddresses: StoreError {
        let m = DatabaseAddress.masked
        switch self {
        case .newerSchema(let path, let unknown): return .newerSchema(path: m(path), unknownMigrations: unknown)
        case .cannotOpen(let path, let reason): return .cannotOpen(path: m(path), reason: reason)
        case .notInitialized(let path): return .notInitialized(path: m(path))
        case .missingDatabase(let path): return .missingDatabase(m(path))
        case .notGovDesk(let path, let reason): return .notGovDesk(path: m(path), reason: reason)
        case .schemaAltered(let path, let differences): return .schemaAltered(path: m(path), differences: differences)
        default: return self
        }
    }
}
