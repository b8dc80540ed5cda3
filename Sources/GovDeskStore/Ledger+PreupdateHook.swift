import Crypto
import Foundation
import GRDB
import GRDBSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The rows as a transaction found them, through SQLite's pre-update hook (`Ledger+Preimage.swift` says why): no
/// schema object, nothing to set up per connection but the hook, so a command that writes one row pays nothing for
/// it. The hook is in the system's SQLite when it is built with `SQLITE_ENABLE_PREUPDATE_HOOK` (Debian's is); its
/// functions are declared by `sqlite3.h` only under that option, so they are looked up at run time, and without
/// them GovDesk copies rows through temporary triggers instead.
enum PreupdateHook {
    typealias Callback =
        @convention(c) (
            UnsafeMutableRawPointer?, OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int64, Int64
        ) -> Void
    typealias Install = @convention(c) (OpaquePointer?, Callback?, UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?
    typealias Count = @convention(c) (OpaquePointer?) -> Int32
    typealias Old = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Int32

    /// The three functions, when this process's SQLite has them.
    static let functions: (install: Install, count: Count, old: Old)? = {
        guard let process = dlopen(nil, RTLD_NOW),
            let install = dlsym(process, "sqlite3_preupdate_hook"),
            let count = dlsym(process, "sqlite3_preupdate_count"),
            let old = dlsym(process, "sqlite3_preupdate_old")
        else { return nil }
        return (
            unsafeBitCast(install, to: Install.self), unsafeBitCast(count, to: Count.self),
            unsafeBitCast(old, to: Old.self)
        )
    }()

    /// Registers the hook on `db`'s connection for `observer`, which keeps the first state of each row changed or
    /// deleted in a transaction. False when the hook is not available.
    static func install(on db: Database, for observer: LedgerObserver) -> Bool {
        guard let functions else { return false }
        let context = Unmanaged.passUnretained(observer).toOpaque()
        _ = functions.install(
            db.sqliteConnection,
            { context, connection, operation, schema, table, oldRowID, _ in
                guard let context, let schema, let table, operation == SQLITE_UPDATE || operation == SQLITE_DELETE,
                    strcmp(schema, "main") == 0
                else { return }
                let observer = Unmanaged<LedgerObserver>.fromOpaque(context).takeUnretainedValue()
                observer.willChange(table: String(cString: table), rowID: oldRowID, connection: connection)
            },
            context)
        return true
    }

    /// The old values of the row about to change, column by column in the table's order.
    static func oldValues(_ connection: OpaquePointer?) -> [StoredValue] {
        guard let functions else { return [] }
        let count = functions.count(connection)
        var values: [StoredValue] = []
        values.reserveCapacity(Int(count))
        for column in 0..<count {
            var value: OpaquePointer?
            guard functions.old(connection, column, &value) == SQLITE_OK, let value else {
                values.append(.null)
                continue
            }
            switch sqlite3_value_type(value) {
            case SQLITE_INTEGER: values.append(.integer(sqlite3_value_int64(value)))
            case SQLITE_FLOAT: values.append(.real(sqlite3_value_double(value)))
            case SQLITE_TEXT:
                let length = Int(sqlite3_value_bytes(value))
                let bytes = sqlite3_value_text(value).map { Array(UnsafeBufferPointer(start: $0, count: length)) }
                values.append(.text(bytes ?? []))
            case SQLITE_BLOB:
                let length = Int(sqlite3_value_bytes(value))
                let bytes = sqlite3_value_blob(value).map {
                    Array(UnsafeBufferPointer(start: $0.assumingMemoryBound(to: UInt8.self), count: length))
                }
                values.append(.blob(bytes ?? []))
            default: values.append(.null)
            }
        }
        return values
    }

    /// A column's value as SQLite stored it.
    enum StoredValue: Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text([UInt8])
        case blob([UInt8])
    }
}

extension Ledger {
    /// The hash `scan` gives a row of `table` whose columns, in the table's order, are named `names` and hold `values`.
    static func rowHash(_ table: String, names: [String], values: [PreupdateHook.StoredValue]) -> Data {
        var bytes = encoded(text: Array(table.utf8))
        for (name, value) in zip(names, values).sorted(by: { $0.0 < $1.0 }) {
            switch value {
            case .null: continue
            case .integer(let n):
                bytes += encoded(text: Array(name.utf8)) + [1]
                append(UInt64(bitPattern: n), to: &bytes)
            case .real(let x):
                bytes += encoded(text: Array(name.utf8)) + [3]
                append(x.bitPattern, to: &bytes)
            case .text(let text):
                bytes += encoded(text: Array(name.utf8)) + [2]
                append(UInt64(text.count), to: &bytes)
                bytes += text
            case .blob(let blob):
                bytes += encoded(text: Array(name.utf8)) + [4]
                append(UInt64(blob.count), to: &bytes)
                bytes += blob
            }
        }
        return Data(SHA256.hash(data: bytes))
    }
}
