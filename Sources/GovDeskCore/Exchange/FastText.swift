/// Text helpers for the import's row loop, where Foundation's `trimmingCharacters` costs microseconds per call.
enum FastText {
    /// Whether a byte is ASCII white space (space, tab, CR, LF).
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// `text` without leading and trailing ASCII white space; the same string when there is none, which is the
    /// common case and costs two byte reads.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        if !isSpace(first), !isSpace(last) { return text }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return String(text[start..<end])
    }

    /// Replaces every `/` with `-`, without Foundation when there is none.
    static func slashesToDashes(_ text: String) -> String {
        guard text.utf8.contains(0x2F) else { return text }
        return String(decoding: text.utf8.map { $0 == 0x2F ? 0x2D : $0 }, as: UTF8.self)
    }

    /// Lower-cased ASCII letters; the same string when it has none to change.
    static func lowercased(_ text: String) -> String {
        if text.utf8.allSatisfy({ !($0 >= 0x41 && $0 <= 0x5A) && $0 < 0x80 }) { return text }
        return text.lowercased()
    }
}
