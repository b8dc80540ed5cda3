/// What `--db` or `GOVDESK_DB` names: a SQLite file, or an address such as `postgres://user:password@host/db`, whose
/// password never appears in a message (DESIGN §11.5).
public enum DatabaseAddress {
    /// Whether `text` is a URL (`scheme://…`) rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        guard let colon = text.range(of: "://") else { return false }
        let scheme = text[..<colon.lowerBound]
        guard let first = scheme.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        return scheme.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "+-.".unicodeScalars
                    .contains($0)
        }
    }

    /// `text` with a URL's password (`user:***@host`) and any `password=` parameter masked; a path as it is.
    public static func masked(_ text: String) -> String {
        guard isURL(text), let separator = text.range(of: "://") else { return text }
        let scheme = text[..<separator.upperBound]
        var rest = String(text[separator.upperBound...])
        // user:password@host — the user info ends at the last `@` before the path.
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        if let at = rest[..<authorityEnd].lastIndex(of: "@") {
            let userInfo = rest[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                rest = String(rest[..<rest.index(after: colon)]) + "***" + String(rest[at...])
            }
        }
        // ?password=… (libpq also takes it as a parameter).
        if let query = rest.firstIndex(of: "?") {
            let parameters = rest[rest.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false)
                .map { parameter -> String in
                    let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    guard pair.count == 2, pair[0].lowercased() == "password" else { return String(parameter) }
                    return "\(pair[0])=***"
                }
            rest = String(rest[...query]) + parameters.joined(separator: "&")
        }
        return String(scheme) + rest
    }
}
