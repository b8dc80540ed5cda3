import Foundation
import Hummingbird

/// A posted HTML form (`application/x-www-form-urlencoded`), at most 64 KB.
struct Form: Sendable {
    var fields: [String: String] = [:]
    /// Every value of each name, in the order sent (check boxes send one name many times).
    var all: [String: [String]] = [:]
    /// The names whose value could not be decoded (a broken `%` escape, or bytes that are not UTF-8): the field is
    /// left out, and a caller that must not guess says so.
    var undecodable: [String] = []
    /// Whether the body itself was not UTF-8 text (a client posting in another encoding).
    var notUTF8 = false

    subscript(_ name: String) -> String? { fields[name] }

    /// The values of a repeated field, empty ones left out.
    func values(_ name: String) -> [String] { (all[name] ?? []).filter { !$0.isEmpty } }

    /// A field's text without the blanks around it, nil when it is missing or blank.
    func text(_ name: String) -> String? {
        let text = (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    static let limit = 64 * 1024

    static func read(_ request: Request) async throws -> Form {
        Form(body: try await request.body.collect(upTo: limit))
    }

    /// A body as sent: UTF-8 text of `name=value` pairs; one that is not UTF-8 is read with its broken bytes replaced
    /// and marked `notUTF8`.
    init(body: ByteBuffer) {
        let bytes = Array(body.readableBytesView)
        if let text = String(bytes: bytes, encoding: .utf8) {
            self.init(parsing: text)
        } else {
            self.init(parsing: String(decoding: bytes, as: UTF8.self))
            notUTF8 = true
        }
    }

    init(parsing text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else {
                undecodable.append(String(parts[0]))
                continue
            }
            guard let value = parts.count > 1 ? Self.decode(parts[1]) : "" else {
                undecodable.append(name)
                continue
            }
            // The first of a repeated name counts, as for a single-valued field.
            if fields[name] == nil { fields[name] = value }
            all[name, default: []].append(value)
        }
    }

    /// `application/x-www-form-urlencoded`: `+` is a space and `%XX` a byte; nil for a broken escape or bytes that
    /// are not UTF-8 (the field is then left out, as a form no browser sends).
    static func decode(_ part: Substring) -> String? {
        let utf8 = part.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(part) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                let high = utf8.index(after: index)
                guard high != utf8.endIndex, utf8.index(after: high) != utf8.endIndex,
                    let h = hexValue(utf8[high]), let l = hexValue(utf8[utf8.index(after: high)])
                else { return nil }
                bytes.append(h << 4 | l)
                index = utf8.index(after: high)
            } else {
                bytes.append(byte)
            }
            index = utf8.index(after: index)
        }
        return String(bytes: bytes, encoding: .utf8)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Whether the form carries `token` as its `_csrf` field, compared in constant time.
    func carries(csrf token: String) -> Bool {
        guard let given = fields["_csrf"] else { return false }
        let a = Array(given.utf8)
        let b = Array(token.utf8)
        guard a.count == b.count, !b.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
