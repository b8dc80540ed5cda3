import Foundation

/// Writes text through a buffer to a file handle (or any sink), so that exports of any size use a fixed amount of
/// memory.
public final class BufferedWriter {
    private let sink: ([UInt8]) throws -> Void
    private var buffer: [UInt8] = []
    private let capacity: Int

    public convenience init(handle: FileHandle, capacity: Int = 1 << 16) {
        self.init(capacity: capacity) { bytes in try handle.write(contentsOf: bytes) }
    }

    /// A writer handing each full buffer to `sink`, which throws when the bytes cannot be written.
    public init(capacity: Int = 1 << 16, sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        self.capacity = capacity
        buffer.reserveCapacity(capacity + 4096)
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// What a column's cells hold, for JSON lines (issue 13: typed values): CSV writes every cell as text, JSON lines writes
/// numbers, booleans and nested JSON as such. A cell that is not of its column's type is written as a string.
public enum ExportColumnType: Sendable, Equatable {
    case text
    case integer
    /// A decimal such as `96.75`.
    case number
    case boolean
    /// JSON text made by GovDesk (an event's typed details), nested as it is.
    case json
}

/// The file formats of `govdesk export` (DESIGN §7).
public enum ExportFormat: String, CaseIterable, Sendable {
    /// RFC 4180, UTF-8, formula-neutralised cells.
    case csv
    /// One JSON object per line, keys as the CSV headers, values typed by column.
    case jsonl
}

/// Turns header and rows into CSV or JSON lines on a writer.
public final class ExportEncoder {
    public let format: ExportFormat
    public let byteOrderMark: Bool
    private let writer: BufferedWriter
    private var headers: [String] = []
    private var types: [ExportColumnType] = []

    public init(format: ExportFormat, byteOrderMark: Bool, writer: BufferedWriter) {
        self.format = format
        self.byteOrderMark = byteOrderMark
        self.writer = writer
    }

    /// Starts the file; `types` says what each column holds (text where it says nothing).
    public func begin(headers: [String], types: [ExportColumnType] = []) throws {
        self.headers = headers
        self.types = types
        guard format == .csv else { return }
        if byteOrderMark { try writer.write(CSVFormat.byteOrderMark) }
        try writer.write(CSVFormat.row(headers))
    }

    /// One row; nil is an empty cell in CSV and `null` in JSON.
    public func row(_ values: [String?]) throws {
        switch format {
        case .csv: try writer.write(CSVFormat.row(values.map { $0 ?? "" }))
        case .jsonl: try writer.write(JSONText.object(keys: headers, values: values, types: types) + "\n")
        }
    }

    public func finish() throws {
        try writer.flush()
    }
}
