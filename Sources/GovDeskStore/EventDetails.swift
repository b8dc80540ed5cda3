import Foundation
import GRDB

extension GovDeskDatabase {
    /// Reads the keys the fold needs from an event's details (a JSON object), with the results SQLite's
    /// `json_extract` gives. The query returns the details whole: `json_extract` parsing each event's JSON was a
    /// fifth of the query's time, while our details are flat objects of strings without escapes (they are written
    /// by `TicketEvent.encodeDetails`), which `flatStringValues` recognises byte by byte. Anything else (an escape,
    /// a number, a space, a nested value) is read by SQLite's JSON decoder, `json_extract`, one key at a time.
    struct DetailReader {
        let db: Database

        /// The values of two or three keys, each as `text(of:)` gives `json_extract(details, '$.key')`.
        func values(
            _ details: UnsafeBufferPointer<UInt8>?, _ k0: String, _ k1: String, _ k2: String? = nil
        ) throws -> (String?, String?, String?) {
            guard let text = details else { return (nil, nil, nil) }
            if let values = GovDeskDatabase.flatStringValues(text, k0, k1, k2 ?? k1) {
                return k2 == nil ? (values.0, values.1, nil) : values
            }
            return (
                Self.text(of: try decoded(text, k0)), Self.text(of: try decoded(text, k1)),
                try k2.map { Self.text(of: try decoded(text, $0)) } ?? nil
            )
        }

        /// The value of one key, as `json_extract(details, '$.key')` gives it.
        func value(_ details: UnsafeBufferPointer<UInt8>?, _ key: String) throws -> DatabaseValue {
            guard let text = details else { return .null }
            if let values = GovDeskDatabase.flatStringValues(text, key, key, key) {
                return values.0?.databaseValue ?? .null
            }
            return try decoded(text, key)
        }

        /// `json_extract(details, '$.key')`.
        private func decoded(_ details: UnsafeBufferPointer<UInt8>, _ key: String) throws -> DatabaseValue {
            try DatabaseValue.fetchOne(
                db, sql: "SELECT json_extract(?, ?)", arguments: [String(decoding: details, as: UTF8.self), "$." + key])
                ?? .null
        }

        /// A scalar `json_extract` gave, as text: a string as it is, a number as its decimal digits (true and false
        /// come as 1 and 0), null, a missing key or anything else as nil.
        static func text(of value: DatabaseValue) -> String? {
            switch value.storage {
            case .string(let text): text
            case .int64(let number): String(number)
            case .double(let number): String(number)
            case .null, .blob: nil
            }
        }
    }

    /// The values of three keys in `json` when it is a flat object of strings without escapes or spaces,
    /// `{"key":"value",…}` (nil for a key it lacks; the first of a repeated key, as `json_extract` takes);
    /// nil when it is anything else.
    static func flatStringValues(
        _ json: UnsafeBufferPointer<UInt8>, _ k0: String, _ k1: String, _ k2: String
    ) -> (String?, String?, String?)? {
        let quote = UInt8(ascii: "\""), n = json.count
        guard n >= 2, json[0] == UInt8(ascii: "{"), json[n - 1] == UInt8(ascii: "}"),
            !json.contains(UInt8(ascii: "\\"))
        else { return nil }
        var values: (String?, String?, String?) = (nil, nil, nil)
        if n == 2 { return values }
        /// The position of the quote closing the string that starts after position `open`.
        func closing(_ open: Int) -> Int? {
            var i = open + 1
            while i < n, json[i] != quote { i += 1 }
            return i < n ? i : nil
        }
        var i = 1
        while true {
            guard i < n, json[i] == quote, let keyEnd = closing(i), keyEnd + 2 < n,
                json[keyEnd + 1] == UInt8(ascii: ":"),
                json[keyEnd + 2] == quote, let valueEnd = closing(keyEnd + 2)
            else { return nil }
            let key = UnsafeBufferPointer(rebasing: json[(i + 1)..<keyEnd])
            let value = UnsafeBufferPointer(rebasing: json[(keyEnd + 3)..<valueEnd])
            if values.0 == nil, same(k0, key) { values.0 = String(decoding: value, as: UTF8.self) }
            if values.1 == nil, same(k1, key) { values.1 = String(decoding: value, as: UTF8.self) }
            if values.2 == nil, same(k2, key) { values.2 = String(decoding: value, as: UTF8.self) }
            i = valueEnd + 1
            if i == n - 1 { return values }  // the closing brace
            guard json[i] == UInt8(ascii: ",") else { return nil }
            i += 1
        }
    }
}
