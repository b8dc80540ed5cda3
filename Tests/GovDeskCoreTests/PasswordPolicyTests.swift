import GovDeskCore
import Testing

/// What a password must be before it is hashed (DESIGN §12), each refusal naming the rule, never the password.
struct PasswordPolicyTests {
    @Test(arguments: [
        ("short", PasswordError.tooShort(length: 5)),
        (String(repeating: "密", count: 25), PasswordError.tooLong(bytes: 75)),
        (String(repeating: " ", count: 12), PasswordError.blank),
        ("abcdefghij\tk", PasswordError.controlCharacter),
        // Bytes that were not UTF-8 (a GBK terminal), which reading turned into U+FFFD: the stored password would
        // not be the one typed.
        ("abcdefghij\u{FFFD}\u{FFFD}", PasswordError.notUTF8),
    ])
    func aPasswordOutsideThePolicyIsRefused(_ password: String, _ expected: PasswordError) {
        #expect(throws: expected) { try PasswordPolicy.check(password) }
        #expect(!expected.message(.zh).contains(password) && !expected.message(.en).contains(password))
    }

    @Test func aLongEnoughPasswordPasses() throws {
        try PasswordPolicy.check("城管承办人的密码2025")
        try PasswordPolicy.check("correct horse battery")
    }
}
