import GovDeskCore
import Testing

struct PersonalDataTests {
    @Test(arguments: [
        ("张三", "张*"),
        ("张三丰", "张**"),
        ("欧阳娜娜", "欧***"),
        ("Li", "L*"),
        ("王", "*"),
        ("", ""),
    ])
    func maskNameKeepsTheFirstCharacter(name: String, masked: String) {
        #expect(PersonalData.maskName(name) == masked)
    }

    @Test(arguments: [
        ("13812341234", "138****1234"),
        ("010-12345678", "010-****5678"),
        ("12345678", "****5678"),
        // Digits are counted, not characters: a short number with separators shows no more of itself.
        ("12-34-56-78", "**-**-56-78"),
        ("+86 138 0013 8000", "+86 1** **** 8000"),
        ("13800138000 ext 99", "138******00 *** 99"),
        ("1234567", "*****67"),
        ("123", "*23"),
        ("12", "**"),
        ("1", "*"),
        ("", ""),
    ])
    func maskPhoneKeepsAFewDigitsCountingDigits(phone: String, masked: String) {
        #expect(PersonalData.maskPhone(phone) == masked)
        #expect(PersonalData.maskPhone(phone).count == phone.count)
    }
}
