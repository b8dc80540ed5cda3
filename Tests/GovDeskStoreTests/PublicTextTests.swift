import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

@testable import GovDeskStore

/// What anyone may read of a ticket — the citizens' lookup and Open311's updates — masks the caller's name and phone
/// and any number a person typed into the answer (DESIGN §12: no personal data in any public answer).
struct PublicTextTests {
    @Test func anAnswerNamingTheCallerIsMaskedWhereverItIsPublic() throws {
        // Given a ticket of 张三 (13812341234) answered with the caller's name, phone and an identity card number
        let database = try makeDatabase()
        let number = try database.makeTicket(at: "2025-06-16T09:00+08:00")
        try database.run(.dispatch(lead: "CGJ", co: []), number, by: "pd1", at: "2025-06-16T09:05+08:00")
        try database.run(.sign, number, by: "cgj1", at: "2025-06-16T09:10+08:00")
        let reply = "已电话联系张三（13812341234），身份证１４０４０２１９９００１０１１２３Ｘ号码核实，备用电话 0351-7654321，问题已解决"
        try database.run(.reply(text: reply, outcome: .resolved), number, by: "cgj1", at: "2025-06-16T10:00+08:00")
        try database.run(.approve, number, by: "sh1", at: "2025-06-16T11:00+08:00")
        // Then the lookup and the updates read the answer masked, and the ticket itself keeps it whole
        let tracked = try #require(try database.trackedTicket(number: number, phoneEnding: "1234"))
        let masked = try #require(tracked.answer)
        let updates = try database.publicUpdates(
            from: makeInstant("2025-06-16T00:00+08:00"), to: makeInstant("2025-06-17T00:00+08:00"), limit: 100)
        let approved = try #require(updates.first { $0.number == number && $0.action == .approve })
        #expect(approved.answer == masked)
        for personal in ["张三", "13812341234", "１４０４０２１９９００１０１１２３", "7654321"] {
            #expect(!masked.contains(personal), "\(personal) in \(masked)")
        }
        #expect(masked.hasPrefix("已电话联系张*（138****1234），"), "\(masked)")
        #expect(masked.contains("问题已解决") && masked.contains("备用电话 035*-***4321"), "\(masked)")
        #expect(try database.ticket(number).answerText == reply)
    }

    /// The ways people write a caller into a reply, from the hostile review: each masked, and what is no personal
    /// data — ticket numbers, dates, amounts — left readable.
    @Test(arguments: [
        ("张 建国 表示满意；建国同志", ["张建国"], "张 ** 表示满意；建*同志"),
        ("王　小明来电", ["王小明"], "王　**来电"),
        ("JOHN SMITH called; Mr Smith; john  smith", ["John Smith"], "J*** ***** called; Mr S****; j***  *****"),
        ("138-3551-2345；138 3551 2345；+86 139 1234 5678", [], "138-****-2345；138 **** 2345；+86 1** **** 5678"),
        ("身份证 110105 1949 1231 002X，卡号 6222 0212 3456 7890", [], "身份证 110*** **** ***1 002*，卡号 622* **** **** 7890"),
        (
            "工单20261016-000031，日期2026-10-16、20261016，金额1234567元、¥12345678.90", [],
            "工单20261016-000031，日期2026-10-16、20261016，金额1234567元、¥12345678.90"
        ),
        ("固话0351-5551234", [], "固话035*-***1234"),
    ])
    func theWaysACallerIsWrittenAreAllMasked(text: String, names: [String], expected: String) {
        #expect(PersonalData.redacted(text, names: names, phones: []) == expected)
    }

    @Test(arguments: [
        ("联系人王小明，电话13912345678", ["王小明"], ["13912345678"], "联系人王**，电话139****5678"),
        ("身份证140402199001011234", [], [], "身份证140***********1234"),
        ("身份证14040219900101123X。", [], [], "身份证140**********1123*。"),
        ("编号 123456 与 2025 年", [], [], "编号 123456 与 2025 年"),
        ("号码 139 0000 5678", ["李"], ["139 0000 5678"], "号码 139 **** 5678"),
        ("", ["王五"], ["13900005678"], ""),
    ])
    func redactionMasksNamesPhonesAndLongNumbers(text: String, names: [String], phones: [String], expected: String) {
        #expect(PersonalData.redacted(text, names: names, phones: phones) == expected)
    }
}
