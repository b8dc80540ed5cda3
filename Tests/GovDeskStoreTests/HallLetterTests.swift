import Foundation
import GovDeskCore
import GovDeskStore
import GovDeskTestSupport
import Testing

/// Supervision letters for the hall (DESIGN §4, §5.2, §5.4): open cases against 限时办结, assigned findings against
/// their rectification deadline.
struct HallLetterTests {
    let rules = makeRules()
    let settings = GovDeskConfiguration.Letters()

    func issue(_ database: GovDeskDatabase, at time: String) throws -> [SupervisionLetter] {
        try database.issueLetters(actor: "db01", at: makeLocal(time), settings: settings, localTime: makeLocalTime())
    }

    /// QY001 (1 working day) received at A01 on Monday 2025-10-13 10:00: due 2025-10-14 24:00. Allowed 38 h; 80 %
    /// is 30 h 24 min after receiving, 2025-10-14 16:24.
    func makeCase(_ database: GovDeskDatabase) throws -> String {
        try database.createCase(
            item: "QY001", window: "A01", applicantName: "张建国", applicantPhone: "13835512345", actor: "w01",
            at: makeLocal("2025-10-13T10:00"), rules: rules
        ).number
    }

    /// An officer's finding against A01 (服务态度), assigned on Monday 2025-10-13 10:00 for 5 working days (14, 15, 16,
    /// 17, 20 October): deadline 2025-10-20 24:00. Allowed 7 d 14 h = 182 h; 80 % is 145 h 36 min after assigning,
    /// 2025-10-19 11:36.
    func makeAssignedFinding(_ database: GovDeskDatabase) throws -> String {
        let draft = Finding(
            number: "", source: .officer, reporter: "TYY01", reportedAt: makeLocal("2025-10-13T09:00"), window: "A01",
            item: "QY001", department: "XZSP", kind: .attitude,
            description: "窗口工作人员答复群众咨询时语气生硬，未一次性说明所需材料，群众往返两次才办成。")
        let finding = try database.createFinding(draft, actor: "ty01", rules: rules)
        let assigned = try database.apply(
            .assign(days: 5, note: nil), toFinding: finding.number, actor: "ty01", at: makeLocal("2025-10-13T10:00"),
            rules: rules)
        #expect(assigned.deadline == makeLocal("2025-10-21T00:00"))
        return finding.number
    }

    @Test func anOverdueCaseGetsOneWarningAndASecondRunNothing() throws {
        let database = try makeHallDatabase()
        let number = try makeCase(database)

        let letters = try issue(database, at: "2025-10-15T09:00")
        let again = try issue(database, at: "2025-10-15T10:00")

        #expect(letters.count == 1)
        let letter = try #require(letters.first)
        #expect(letter.kind == .warning)
        #expect(letter.number == "潞热线警〔2025〕第1号")
        #expect(letter.department == "XZSP")
        #expect(letter.subjectKinds == [.windowCase])
        #expect(letter.items.map(\.reference) == [number])
        #expect(again.isEmpty)
        #expect(try database.letters(matching: LetterFilter()).count == 1)
        // The stored letter reads back as issued, window included.
        #expect(try database.letter(letter.number).items == letter.items)
        #expect(letter.items.first?.detail == "A01 企业开办综合窗口1")
    }

    @Test func theCaseLetterNamesTheCaseAndTheDepartment() throws {
        let database = try makeHallDatabase()
        let number = try makeCase(database)

        let text = try #require(try issue(database, at: "2025-10-15T09:00").first?.text)

        // A training database's letter says so on its first line (DESIGN §11.5).
        #expect(text.hasPrefix("> 【培训环境】本督办函出自培训数据库，不是正式公文。\n\n# 政务服务督办预警函"))
        #expect(text.contains("行政审批局："))
        #expect(text.contains("已超过时限，仍未办结。"))
        #expect(text.contains("| 序号 | 办件编号 | 办理事项 | 窗口 | 办结时限 | 已超期 |"))
        #expect(text.contains("| 1 | \(number) | 有限责任公司设立登记 | A01 企业开办综合窗口1 | 2025-10-14 24:00 | 9小时0分 |"))
        #expect(!text.contains("张建国"))  // the applicant is not the department's business here
    }

    @Test func aCaseReminderAtTheShareThenAWarningOnItsTrail() throws {
        let database = try makeHallDatabase()
        let number = try makeCase(database)

        #expect(try issue(database, at: "2025-10-14T16:23").isEmpty)
        let reminder = try issue(database, at: "2025-10-14T16:24")
        let warning = try issue(database, at: "2025-10-15T00:01")

        #expect(reminder.map(\.kind) == [.reminder])
        #expect(reminder.first?.text.contains("| 7小时36分 |") == true)  // 16:24 → 24:00
        #expect(warning.map(\.kind) == [.warning])
        let events = try database.caseEvents(of: number)
        #expect(events.map(\.action) == [.receive, .letter, .letter])
        let last = try #require(events.last)
        #expect(last.sequence == 3 && last.from == .open && last.to == .open && last.actor == "db01")
        #expect(last.visits == 1 && !last.breach)
        #expect(
            last.details == [
                "kind": "warning", "letterNumber": "潞热线警〔2025〕第1号", "department": "XZSP",
                "deadline": EpochText.encode(makeLocal("2025-10-15T00:00")),
            ])
        #expect(try database.windowCase(number).eventCount == 3)
        #expect(try database.windowCase(number).state == .open)
    }

    @Test func aCompletedOrRefusedCaseGetsNone() throws {
        let database = try makeHallDatabase()
        let completed = try makeCase(database)
        let refused = try makeCase(database)
        try database.apply(
            .complete(note: nil), toCase: completed, actor: "w01", at: makeLocal("2025-10-14T15:00"), rules: rules)
        try database.apply(
            .refuse(reason: "材料不全"), toCase: refused, actor: "w01", at: makeLocal("2025-10-14T15:00"), rules: rules)

        #expect(try issue(database, at: "2025-10-20T09:00").isEmpty)
        #expect(try database.caseEvents(of: completed).map(\.action) == [.receive, .complete])
    }

    @Test func anAssignedFindingGetsAReminderAtTheShareAndAWarningPastItsDeadline() throws {
        let database = try makeHallDatabase()
        let number = try makeAssignedFinding(database)

        #expect(try issue(database, at: "2025-10-19T11:35").isEmpty)
        let reminder = try issue(database, at: "2025-10-19T11:36")
        #expect(try issue(database, at: "2025-10-21T00:00").isEmpty)  // at the deadline, not past it
        let warning = try issue(database, at: "2025-10-21T09:00")
        let again = try issue(database, at: "2025-10-22T09:00")

        #expect(reminder.map(\.kind) == [.reminder])
        #expect(reminder.first?.department == "XZSP")
        #expect(reminder.first?.items.first?.clock == .rectification)
        #expect(warning.map(\.kind) == [.warning])
        #expect(warning.first?.items.map(\.reference) == [number])
        #expect(again.isEmpty)
        let events = try database.findingEvents(of: number)
        #expect(events.map(\.action) == [.create, .assign, .letter, .letter])
        let last = try #require(events.last)
        #expect(last.from == .assigned && last.to == .assigned && last.deadline == nil)
        #expect(last.details["letterNumber"] == "潞热线警〔2025〕第1号")
        #expect(try database.finding(number).eventCount == 4)
        #expect(try database.finding(number).state == .assigned)
    }

    @Test func theFindingLetterNamesTheFindingAndTheDepartment() throws {
        let database = try makeHallDatabase()
        let number = try makeAssignedFinding(database)

        let text = try #require(try issue(database, at: "2025-10-21T09:00").first?.text)

        #expect(text.contains("行政审批局："))
        #expect(text.contains("仍未完成整改。"))
        #expect(text.contains("| 序号 | 问题编号 | 问题类别 | 问题描述 | 整改时限 | 已超期 |"))
        // The description is cut at 30 characters.
        #expect(
            text.contains(
                "| 1 | \(number) | 服务态度 | 窗口工作人员答复群众咨询时语气生硬，未一次性说明所需材料，群… | 2025-10-20 24:00 | 9小时0分 |"))
    }

    @Test func aFindingSentBackWithANewDeadlineCanBeNamedAgain() throws {
        let database = try makeHallDatabase()
        let number = try makeAssignedFinding(database)
        _ = try issue(database, at: "2025-10-21T09:00")
        try database.apply(
            .rectify(note: "已培训"), toFinding: number, actor: "ty01", at: makeLocal("2025-10-21T10:00"), rules: rules)
        // Sent back on Wednesday 10-22 for 2 working days (23, 24 October): deadline 2025-10-24 24:00.
        let reopened = try database.apply(
            .reopen(reason: "群众仍反映", days: 2), toFinding: number, actor: "ty01",
            at: makeLocal("2025-10-22T10:00"), rules: rules)
        #expect(reopened.deadline == makeLocal("2025-10-25T00:00"))

        let letters = try issue(database, at: "2025-10-27T09:00")

        #expect(letters.map(\.number) == ["潞热线警〔2025〕第2号"])
        #expect(letters.first?.items.first?.clockStart == makeLocal("2025-10-22T10:00"))
        #expect(letters.first?.text.contains("| 2025-10-24 24:00 | 2天9小时 |") == true)
    }

    @Test func aRectifiedOrVerifiedFindingGetsNone() throws {
        let database = try makeHallDatabase()
        let verified = try makeAssignedFinding(database)
        let rectified = try makeAssignedFinding(database)
        for number in [verified, rectified] {
            try database.apply(
                .rectify(note: "已约谈并培训"), toFinding: number, actor: "ty01", at: makeLocal("2025-10-16T10:00"),
                rules: rules)
        }
        try database.apply(
            .verify(note: nil), toFinding: verified, actor: "ty02", at: makeLocal("2025-10-17T10:00"), rules: rules)

        #expect(try issue(database, at: "2025-10-22T09:00").isEmpty)
    }

    @Test func casesAndFindingsOfOneDepartmentShareOneLetter() throws {
        let database = try makeHallDatabase()
        let caseNumber = try makeCase(database)
        let findingNumber = try makeAssignedFinding(database)

        let letters = try issue(database, at: "2025-10-21T09:00")

        #expect(letters.map(\.kind) == [.warning])
        let letter = try #require(letters.first)
        #expect(letter.subjectKinds == [.windowCase, .finding])
        #expect(Set(letter.items.map(\.reference)) == [caseNumber, findingNumber])
        #expect(letter.text.contains("**一、窗口办件（限时办结）（1 件）**"))
        #expect(letter.text.contains("**二、整改事项（1 件）**"))
        #expect(letter.text.contains("已超过时限，仍未办结。"))
    }
}
