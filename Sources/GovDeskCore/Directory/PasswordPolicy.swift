/// What a password must be before it is hashed (DESIGN §12): long enough to resist guessing at bcrypt's pace, and no
/// longer than bcrypt reads (72 bytes; the rest would be ignored without a word).
public enum PasswordPolicy {
    /// The fewest characters a password may have.
    public static let minimumLength = 10
    /// bcrypt reads at most this many bytes of UTF-8.
    public static let maximumBytes = 72

    /// Checks `password`; its characters are counted as a person sees them.
    public static func check(_ password: String) throws(PasswordError) {
        if password.count < minimumLength { throw .tooShort(length: password.count) }
        if password.utf8.count > maximumBytes { throw .tooLong(bytes: password.utf8.count) }
        if password.allSatisfy(\.isWhitespace) { throw .blank }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { throw .controlCharacter }
        if password.unicodeScalars.contains("\u{FFFD}") { throw .notUTF8 }
    }
}

/// A password the policy refuses; the message says what is allowed and never repeats the password.
public enum PasswordError: GovDeskError, Equatable {
    case tooShort(length: Int)
    case tooLong(bytes: Int)
    case blank
    case controlCharacter
    /// Bytes that are not UTF-8, which reading replaced with U+FFFD: the password typed is not the one stored.
    case notUTF8

    public var kind: FailureKind { .usage }
}
