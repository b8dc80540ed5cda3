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

/// The file formats of `govdesk export` (DESIGN §7).
public enum ExportFormat: String, CaseIterable, Sendable {
    /// RFC 4180, UTF-8, formula-neutralised cells.
    case csv
    /// One JSON object per line, keys as the CSV headers.
    case jsonl
}

/// Turns header and rows into CSV or JSON lines on a writer.
public final class ExportEncoder {
    public let format: ExportFormat
    public let byteOrderMark: Bool
    private let writer: BufferedWriter
    private var headers: [String] = []

    public init(format: ExportFormat, byteOrderMark: Bool, writer: BufferedWriter) {
        self.format = format
        self.byteOrderMark = byteOrderMark
        self.writer = writer
    }

    public func begin(headers: [String]) throws {
        self.headers = headers
        guard format == .csv else { return }
        if byteOrderMark { try writer.write(CSVFormat.byteOrderMark) }
        try writer.write(CSVFormat.row(headers))
    }

    /// One row; nil is an empty cell in CSV and `null` in JSON.
    public func row(_ values: [String?]) throws {
        switch format {
        case .csv: try writer.write(CSVFormat.row(values.map { $0 ?? "" }))
        case .jsonl: try writer.write(JSONText.object(keys: headers, values: values) + "\n")
        }
    }

    public func finish() throws {
        try writer.flush()
    }
}
