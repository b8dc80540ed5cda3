import Foundation

/// A CSV file that does not follow RFC 4180 where it matters.
public struct CSVError: GovDeskError, Equatable {
    public var file: String
    public var line: Int
    public var message: Phrase
    /// The file itself could not be found, opened or read (an I/O problem, exit 74), rather than its content being
    /// wrong (exit 65).
    public var unreadable = false

    public var kind: FailureKind { unreadable ? .storage : .badData }
}

/// A streaming RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF line ends, line breaks inside quotes and
/// a leading UTF-8 byte-order mark. It holds one chunk of the file and one record at a time, never the whole file.
public final class CSVReader {
    public let file: String
    /// Where the bytes come from: an open file, or bytes already in memory.
    private enum Source {
        case handle(FileHandle)
        case bytes([UInt8], offset: Int)
    }
    private var source: Source
    /// Bytes read per chunk; small values in tests and fuzzing put chunk boundaries inside line ends and quotes.
    private let chunkSize: Int
    private var chunk: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var started = false
    private var line = 1
    private var field: [UInt8] = []
    /// A CR ended the last line; a LF right after it belongs to the same line end.
    private var skipLineFeed = false

    /// The physical line (1-based) on which the record last returned by `next()` began.
    public private(set) var recordLine = 0
    /// The size of the whole input in bytes, when known.
    private let totalBytes: Int?
    /// Line ends in the first chunk scaled to the whole input (see `estimatedLineCount`), set by the first read.
    private var estimate: Int?

    public init(path: String) throws(CSVError) {
        file = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CSVError(file: path, line: 0, message: CoreText.noSuchFile.phrase, unreadable: true)
        }
        guard !isDirectory.boolValue else {
            throw CSVError(file: path, line: 0, message: CoreText.isAFolder.phrase, unreadable: true)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError(
                file: path, line: 0, message: CoreText.cannotOpenForReading.phrase, unreadable: true)
        }
        source = .handle(handle)
        chunkSize = 1 << 20
        totalBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        field.reserveCapacity(256)
    }

    /// Reads CSV text already in memory, `chunkSize` bytes at a time, exactly as a file of those bytes is read.
    public init(bytes: [UInt8], file: String, chunkSize: Int = 1 << 20) {
        self.file = file
        source = .bytes(bytes, offset: 0)
        self.chunkSize = max(1, chunkSize)
        totalBytes = bytes.count
        field.reserveCapacity(256)
    }

    deinit {
        if case .handle(let handle) = source { try? handle.close() }
    }

    private func fill() throws(CSVError) -> Bool {
        if atEnd { return false }
        switch source {
        case .handle(let handle):
            let data: Data?
            do {
                data = try handle.read(upToCount: chunkSize)
            } catch {
                throw CSVError(
                    file: file, line: line, message: CoreText.cannotRead(error.localizedDescription).phrase,
                    unreadable: true)
            }
            guard let data, !data.isEmpty else {
                atEnd = true
                return false
            }
            chunk = [UInt8](data)
        case .bytes(let bytes, let offset):
            guard offset < bytes.count else {
                atEnd = true
                return false
            }
            // The first chunk holds at least the three bytes of a byte-order mark, as a file's first read does.
            let end = min(bytes.count, offset + (offset == 0 ? max(3, chunkSize) : chunkSize))
            chunk = Array(bytes[offset..<end])
            source = .bytes(bytes, offset: end)
        }
        position = 0
        if !started {
            started = true
            estimate = Self.lineEnds(in: chunk) * (totalBytes ?? chunk.count) / max(1, chunk.count)
            if chunk.count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { position = 3 }
        }
        return true
    }

    /// About how many lines the input has, from the line ends in its first chunk (a whole file up to 1 MiB, read
    /// exactly) scaled by the file's size: at least the number of records when the first chunk is typical, without
    /// a pass over the file. 0 before the first `next()`, or when the size is unknown and nothing was read.
    public var estimatedLineCount: Int { estimate ?? 0 }

    /// LF, CR LF and lone CR line ends.
    private static func lineEnds(in bytes: [UInt8]) -> Int {
        var count = 0
        for (i, byte) in bytes.enumerated()
        where byte == 0x0A || (byte == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
            count += 1
        }
        return count
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// The next record's fields, or nil at the end of the file. Empty lines are skipped.
    public func next() throws(CSVError) -> [String]? {
        var fields: [String] = []
        var state = State.fieldStart
        var startLine = line
        var quoteLine = line
        // Locals rather than stored properties in the byte loop: no exclusivity checks per byte.
        var field: [UInt8] = []
        swap(&field, &self.field)
        field.removeAll(keepingCapacity: true)
        defer { swap(&field, &self.field) }
        var bytes = chunk
        var p = position
        var lineCount = line
        var skipLF = skipLineFeed
        defer {
            position = p
            line = lineCount
            skipLineFeed = skipLF
        }

        func endField() throws(CSVError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw CSVError(
                    file: file, line: startLine,
                    message: CoreText.notUTF8(field: fields.count + 1).phrase)
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
        }

        reading: while true {
            // `while`: a chunk may hold nothing after the byte-order mark (a file that is only a BOM).
            while p >= bytes.count {
                position = p
                guard try fill() else { break reading }
                bytes = chunk
                p = position
            }
            let byte = bytes[p]
            p += 1
            if skipLF {
                skipLF = false
                if byte == 0x0A { continue }
            }
            switch state {
            case .fieldStart, .unquoted:
                switch byte {
                case 0x2C:
                    try endField()
                    state = .fieldStart
                case 0x22 where state == .fieldStart:
                    state = .quoted
                    quoteLine = lineCount
                case 0x0A, 0x0D:
                    lineCount += 1
                    skipLF = byte == 0x0D
                    if fields.isEmpty, state == .fieldStart {
                        // An empty line: no record.
                        startLine = lineCount
                        continue
                    }
                    try endField()
                    recordLine = startLine
                    return fields
                default:
                    field.append(byte)
                    state = .unquoted
                }
            case .quoted:
                if byte == 0x22 {
                    state = .quoteInQuoted
                } else {
                    if byte == 0x0A { lineCount += 1 }
                    field.append(byte)
                }
            case .quoteInQuoted:
                switch byte {
                case 0x22:
                    field.append(0x22)
                    state = .quoted
                case 0x2C:
                    try endField()
                    state = .fieldStart
                case 0x0A, 0x0D:
                    lineCount += 1
                    skipLF = byte == 0x0D
                    try endField()
                    recordLine = startLine
                    return fields
                default:
                    throw CSVError(
                        file: file, line: lineCount,
                        message: CoreText.textAfterQuote.phrase)
                }
            }
        }
        // End of file.
        switch state {
        case .quoted:
            throw CSVError(
                file: file, line: quoteLine,
                message: CoreText.quoteNeverClosed.phrase)
        case .fieldStart where fields.isEmpty:
            return nil
        case .fieldStart, .unquoted, .quoteInQuoted:
            try endField()
            recordLine = startLine
            return fields
        }
    }
}
