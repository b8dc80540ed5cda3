import Crypto
import Foundation
import GRDB
import GRDBSQLite

extension Ledger {
    /// Calls `body` with the row id and hash of each row of `table` (within `range`, if given), in row id order,
    /// reading through SQLite's C interface: a bulk load's million rows are hashed from their bytes, without a GRDB
    /// `Row` and a Swift value per column. The bytes hashed are `rowHash`'s: a text field of the table's name, then
    /// each non-NULL column's name and value in name order, each type-tagged and length-prefixed as `EventChain`
    /// encodes fields; an event table's row hash is its chain hash.
    ///
    /// `source`: the table the rows are read from when it is not `table` itself (the copies of rows as a transaction
    /// found them, `Ledger.preimageTable`); they are hashed as rows of `table`.
    static func scan(
        _ table: String, _ range: ClosedRange<Int64>?, _ db: Database, source: String? = nil,
        _ body: (_ rowid: Int64, _ hash: Data, _ number: String?) throws -> Void
    ) throws {
        let statement = try db.cachedStatement(
            sql: "SELECT rowid, * FROM \(source ?? table)" + (range == nil ? "" : " WHERE rowid BETWEEN ? AND ?")
                + " ORDER BY rowid")
        if let range { try statement.setArguments([range.lowerBound, range.upperBound]) }
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        let count = sqlite3_column_count(handle)
        // Columns 1… by name (column 0 is the row id), each name's encoded field made once.
        let columns = (1..<count).map { index in
            (index: index, name: String(cString: sqlite3_column_name(handle, index)))
        }.sorted { $0.name < $1.name }
        let nameFields = columns.map { encoded(text: Array($0.name.utf8)) }
        let hashColumn = chained.contains(table) ? columns.first { $0.name == "hash" }?.index : nil
        let tableField = encoded(text: Array(table.utf8))
        let numberColumn = numbered[table] != nil ? columns.first { $0.name == "number" }?.index : nil
        func number() -> String? {
            guard let numberColumn, let text = GovDeskDatabase.textBytes(handle, numberColumn) else { return nil }
            return String(decoding: text, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        while try GovDeskDatabase.step(handle, db) {
            let rowid = sqlite3_column_int64(handle, 0)
            if let hashColumn, sqlite3_column_type(handle, hashColumn) == SQLITE_BLOB,
                let blob = sqlite3_column_blob(handle, hashColumn)
            {
                try body(rowid, Data(bytes: blob, count: Int(sqlite3_column_bytes(handle, hashColumn))), nil)
                continue
            }
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: tableField)
            for (position, column) in columns.enumerated() {
                let index = column.index
                switch sqlite3_column_type(handle, index) {
                case SQLITE_NULL:
                    continue
                case SQLITE_INTEGER:
                    bytes.append(contentsOf: nameFields[position])
                    bytes.append(1)
                    append(UInt64(bitPattern: sqlite3_column_int64(handle, index)), to: &bytes)
                case SQLITE_FLOAT:
                    bytes.append(contentsOf: nameFields[position])
                    bytes.append(3)
                    append(sqlite3_column_double(handle, index).bitPattern, to: &bytes)
                case SQLITE_TEXT:
                    bytes.append(contentsOf: nameFields[position])
                    let length = Int(sqlite3_column_bytes(handle, index))
                    bytes.append(2)
                    append(UInt64(length), to: &bytes)
                    if let text = sqlite3_column_text(handle, index) {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: length))
                    }
                default:
                    bytes.append(contentsOf: nameFields[position])
                    let length = Int(sqlite3_column_bytes(handle, index))
                    bytes.append(4)
                    append(UInt64(length), to: &bytes)
                    if let blob = sqlite3_column_blob(handle, index) {
                        bytes.append(
                            contentsOf: UnsafeBufferPointer(
                                start: blob.assumingMemoryBound(to: UInt8.self), count: length))
                    }
                }
            }
            try body(rowid, Data(SHA256.hash(data: bytes)), number())
        }
    }

    /// A text field as `EventChain` encodes it: tag 2, 8-byte big-endian length, the bytes.
    static func encoded(text: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [2]
        append(UInt64(text.count), to: &bytes)
        return bytes + text
    }

    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
