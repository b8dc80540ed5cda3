import Foundation
import GRDB
import GRDBSQLite

/// SQLite's C interface, in one place: the helpers of the paths that step statements themselves, where a GRDB `Row`
/// and a Swift value per column cost more than the row (the month's read, `forEachHistory`; the ledger's hashing,
/// `Ledger.scan`; bulk writes, `BatchInsert`).
extension GovDeskDatabase {
    /// The cases of an enum looked up by the bytes of their raw value, where `init(rawValue:)` needed a `String`
    /// made of the column and a string switch: two per event, some 3 % of a report's time.
    struct RawValues<Value: RawRepresentable & CaseIterable> where Value.RawValue == String {
        private let cases = Value.allCases.map { (bytes: Array($0.rawValue.utf8), value: $0) }

        func value(_ bytes: UnsafeBufferPointer<UInt8>?) -> Value? {
            guard let bytes else { return nil }
            for (caseBytes, value) in cases where caseBytes.withUnsafeBufferPointer({ sameBytes($0, bytes) }) {
                return value
            }
            return nil
        }
    }

    /// Steps a statement read through the C interface: true at a row, false at the end; an error as GRDB reports it.
    static func step(_ handle: SQLiteStatement, _ db: Database) throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }

    /// Column `column` of the current row as text ("" for NULL).
    static func text(_ handle: SQLiteStatement, _ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        return String(
            decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self
        )
    }

    /// The bytes of a text column of the current row, in place; nil when it is not text.
    static func textBytes(_ handle: SQLiteStatement, _ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard sqlite3_column_type(handle, column) == SQLITE_TEXT, let bytes = sqlite3_column_text(handle, column) else {
            return nil
        }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// Whether `key` holds the bytes of `name`: a length check and a `memcmp`, where the generic `elementsEqual`
    /// of a `String.UTF8View` went byte by byte through its iterator (some 3 % of a report's time).
    static func same(_ name: String, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var name = name
        return name.withUTF8 { sameBytes($0, key) }
    }

    /// Whether two byte runs are equal: a length check and a `memcmp` (the generic `elementsEqual` went byte by byte
    /// through iterators).
    static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    /// Binds `value` to parameter `index` (from 1) of a statement stepped through the C interface; SQLite copies
    /// the bytes.
    static func bind(_ value: BulkValue, to handle: SQLiteStatement, at index: Int32) {
        switch value {
        case .int(let n): sqlite3_bind_int64(handle, index, n)
        case .null: sqlite3_bind_null(handle, index)
        case .blob(let data):
            data.withUnsafeBytes { bytes in
                _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), transient)
            }
        case .text(var text):
            text.withUTF8 { buffer in
                guard let base = buffer.baseAddress else {
                    _ = sqlite3_bind_text(handle, index, "", 0, transient)
                    return
                }
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    _ = sqlite3_bind_text(handle, index, $0, Int32(buffer.count), transient)
                }
            }
        }
    }

    /// SQLITE_TRANSIENT: SQLite copies a bound value before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
