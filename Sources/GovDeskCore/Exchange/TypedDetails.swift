import Foundation

/// The details of events and audit entries are stored as text (`{"deadline":"1759196400","onTime":"true"}`), which is
/// what their hashes cover. Wherever they are shown as JSON — `--json` of `ticket show`, `case show`, `finding show`
/// and `audit list`, and `export events` — their values are typed by key (issue 13): instants as local ISO 8601 with
/// the offset, flags as booleans, counts as numbers, co-departments as a list. A value that is not of its key's kind
/// (an old or odd entry) stays text, so nothing is ever lost.
public enum TypedDetails {
    /// What a detail's text holds.
    public enum Kind: Sendable, Equatable {
        case text
        /// Whole seconds since 1970 (`EpochText`).
        case instant
        case boolean
        case integer
        /// Comma-separated codes, possibly none: `co` of a dispatch.
        case codes
    }

    /// The keys that are not text, spelled once for every kind of record.
    static let kinds: [String: Kind] = [
        // Instants of ticket, case and finding events.
        "signDeadline": .instant, "deadline": .instant, "previousDeadline": .instant, "due": .instant,
        "previousDue": .instant,
        // Flags.
        "onTime": .boolean, "signedLate": .boolean, "includePII": .boolean,
        // Counts and years, of events and of audit entries (`demo`, `export`, `import-tickets`, `calendar-add`,
        // `topic-load`, `item-add`).
        "days": .integer, "satisfaction": .integer, "committedDays": .integer, "score": .integer,
        "calendarYear": .integer, "provisional": .integer, "seed": .integer, "tickets": .integer, "months": .integer,
        "rows": .integer, "new": .integer, "existing": .integer, "unmappedTopics": .integer, "count": .integer,
        "year": .integer, "holidays": .integer, "makeUpWorkdays": .integer, "recomputed": .integer,
        // Lists.
        "co": .codes,
    ]

    public static func kind(of key: String) -> Kind { kinds[key] ?? .text }

    /// One value as JSONSerialization takes it: a string, number, boolean or array; the text itself when it is not
    /// of its key's kind.
    public static func value(_ text: String, key: String, iso: (Int64) -> String) -> Any {
        switch kind(of: key) {
        case .text: return text
        // A value outside the times GovDesk stores stays the text it is: shown, never converted (it would trap).
        case .instant:
            guard let seconds = Int64(text), StoredInstant.range.contains(seconds) else { return text }
            return iso(seconds)
        case .boolean: return Bool(text) ?? text
        case .integer: return Int64(text) ?? text
        case .codes: return text.split(separator: ",").map(String.init)
        }
    }

    /// Every value typed, for JSONSerialization.
    public static func object(_ details: [String: String], iso: (Int64) -> String) -> [String: Any] {
        var typed: [String: Any] = [:]
        for (key, text) in details { typed[key] = value(text, key: key, iso: iso) }
        return typed
    }

    /// Compact JSON text with sorted keys, typed: the `details` of `export events`, written for every row.
    public static func json(_ details: [String: String], iso: (Int64) -> String) -> String {
        json(pairs: details.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, iso: iso)
    }

    /// The same from pairs, in their order (`JSONText.flatPairs` of stored details, whose keys are sorted).
    public static func json(pairs: [(key: String, value: String)], iso: (Int64) -> String) -> String {
        var out = "{"
        var first = true
        for (key, text) in pairs {
            if !first { out += "," }
            first = false
            JSONText.append(key, to: &out)
            out += ":"
            switch kind(of: key) {
            case .text:
                JSONText.append(text, to: &out)
            case .instant:
                if let seconds = Int64(text), StoredInstant.range.contains(seconds) {
                    JSONText.append(iso(seconds), to: &out)
                } else {
                    JSONText.append(text, to: &out)
                }
            case .boolean:
                if let flag = Bool(text) { out += flag ? "true" : "false" } else { JSONText.append(text, to: &out) }
            case .integer:
                if let number = Int64(text) { out += String(number) } else { JSONText.append(text, to: &out) }
            case .codes:
                out += "["
                for (index, code) in text.split(separator: ",").enumerated() {
                    if index > 0 { out += "," }
                    JSONText.append(String(code), to: &out)
                }
                out += "]"
            }
        }
        return out + "}"
    }
}
