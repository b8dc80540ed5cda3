/// How GovDesk counts text against its limits: in Unicode code points, as the database's `length()` counts what it
/// stores. A letter under ten thousand combining accents is one Swift `Character` but ten thousand and one stored
/// characters; counting Characters would let it past the option's check and into the database's constraint, which
/// refuses it as a storage failure, or into a column without one.
public enum TextLength {
    /// The length of `text` as limits count it.
    public static func of(_ text: String) -> Int { text.unicodeScalars.count }

    /// Whether `text` is longer than `limit`; a UTF-8 byte count within it settles the common case without counting.
    public static func exceeds(_ text: String, _ limit: Int) -> Bool {
        text.utf8.count > limit && text.unicodeScalars.count > limit
    }

    /// `has 4001 characters; at most 4000 are allowed`, for the message of a field or option.
    public static func message(_ text: String, limit: Int) -> Phrase {
        CoreText.tooManyCharacters(count: of(text), maximum: limit).phrase
    }
}
