import Foundation
import GovDeskCore
import GovDeskStore
import GovDeskTestSupport
import Testing

struct LetterIssueTests {
    let settings = GovDeskConfiguration.Letters()

    func issue(_ database: GovDeskDatabase, at time: String, actor: String = "db1") throws -> [SupervisionLetter] {
        try database.issueLetters(actor: actor, at: makeLocal(time), settings: settings, localTime: makeLocalTime())
    }

    // A complaint signed Monday 2025-03-03 10:00 has 10 working days (3-4 … 3-17): deadline 2025-03-17 24:00.
    // Allowed time 14 d 14 h = 350 h; 80 % = 280 h after signing = 2025-03-15 02:00.

    @Test func reminderOnlyOnceEightyPercentHasElapsed() throws {
        let database = try makeDatabase()
        let number = try makeTicket(database, created: "2025-03-03T09:00")
        #expect(try database.ticket(number).deadline == makeLocal("2025-03-18T00:00"))

        #expect(try issue(database, at: "2025-03-15T01:59").isEmpty)
        let letters = try issue(database, at: "2025-03-15T02:00")

        #expect(letters.count == 1)
        let letter = try #require(letters.first)
        #expect(letter.kind == .reminder)
        #expect(letter.number == "潞热线提〔2025〕第1号")
        #expect(letter.department == "CGJ")
        #expect(letter.items.map(\.reference) == [number])
        #expect(letter.text.contains("潞州区城市管理局："))
        #expect(letter.text.contains("2025-03-17 24:00"))
        #expect(letter.text.contains("| 2天22小时 |"))  // 03-15 02:00 → 03-18 00:00
    }

    @Test func warningAfterTheDeadlineWithHowLate() throws {
        let database = try makeDatabase()
        let number = try makeTicket(database, created: "2025-03-03T09:00")

        #expect(try issue(database, at: "2025-03-18T00:00").map(\.kind) == [.reminder])
        let letters = try issue(database, at: "2025-03-19T09:30")

        #expect(letters.map(\.kind) == [.warning])
        #expect(letters.first?.number == "潞热线警〔2025〕第1号")
        #expect(letters.first?.text.contains("| 1天9小时 |") == true)
        let events = try database.events(of: number)
        let letterEvents = events.filter { $0.action == .letter }
        #expect(letterEvents.count == 2)
        let last = try #require(letterEvents.last)
        #expect(last.from == .handling && last.to == .handling)
        #expect(last.actor == "db1")
        #expect(
            last.details == [
                "kind": "warning", "letterNumber": "潞热线警〔2025〕第1号", "department": "CGJ",
                "deadline": EpochText.encode(makeLocal("2025-03-18T00:00")),
            ])
        #expect(try Ticket.replay(events) == database.ticket(number))
    }

    @Test func secondRunIssuesNothingForTheSameDeadline() throws {
        let database = try makeDatabase()
        _ = try makeTicket(database, created: "2025-03-03T09:00")
        _ = try makeTicket(database, created: "2025-03-03T09:10")

        let first = try issue(database, at: "2025-03-19T09:00")
        let second = try issue(database, at: "2025-03-19T09:05")
        let later = try issue(database, at: "2025-03-25T09:00")

        #expect(first.count == 1)  // one letter to CGJ naming both tickets
        #expect(first.first?.items.count == 2)
        #expect(second.isEmpty)
        #expect(later.isEmpty)
        #expect(try database.letters(matching: LetterFilter()).count == 1)
    }

    @Test func approvedExtensionAllowsNewLettersForTheNewDeadline() throws {
        let database = try makeDatabase()
        let number = try makeTicket(database, created: "2025-03-03T09:00")
        let rules = makeRules()
        _ = try issue(database, at: "2025-03-15T09:00")

        // Asked for and approved before the deadline (2025-03-17 24:00): once it has passed, neither is allowed.
        try database.apply(
            .extend(days: 3, reason: "需协调"), to: number, actor: "cgj1", at: makeLocal("2025-03-17T10:00"), rules: rules)
        try database.apply(.approveExtension, to: number, actor: "db1", at: makeLocal("2025-03-17T11:00"), rules: rules)
        // 3 working days after 03-17: 03-18, 03-19, 03-20 → 2025-03-20 24:00.
        #expect(try database.ticket(number).deadline == makeLocal("2025-03-21T00:00"))

        let reminder = try issue(database, at: "2025-03-18T12:00")
        #expect(try issue(database, at: "2025-03-20T23:59").isEmpty)
        let warning = try issue(database, at: "2025-03-21T09:00")

        #expect(reminder.map(\.number) == ["潞热线提〔2025〕第2号"])
        #expect(warning.map(\.number) == ["潞热线警〔2025〕第1号"])
        let kinds = try database.events(of: number).filter { $0.action == .letter }.map { $0.details["kind"] ?? "" }
        #expect(kinds == ["reminder", "reminder", "warning"])
    }

    @Test func numbersStartAgainEachYear() throws {
        let database = try makeDatabase()
        _ = try makeTicket(database, created: "2025-03-03T09:00")
        _ = try makeTicket(database, created: "2025-03-03T09:10", lead: "ZJJ")
        let late2025 = try issue(database, at: "2025-03-19T09:00")
        // Signed 2025-12-22 10:00 (Monday): 10 working days are 12-23 … 12-31 (7), 2026-01-04 (元旦调休上班), 01-05 and
        // 01-06 (元旦 1-1 … 1-3 are holidays): deadline 2026-01-06 24:00.
        let number = try makeTicket(database, created: "2025-12-22T09:00")
        #expect(try database.ticket(number).deadline == makeLocal("2026-01-07T00:00"))
        let early2026 = try issue(database, at: "2026-01-08T09:00")

        #expect(late2025.map(\.number) == ["潞热线警〔2025〕第1号", "潞热线警〔2025〕第2号"])
        #expect(early2026.map(\.number) == ["潞热线警〔2026〕第1号"])
    }

    @Test func unsignedTicketPastItsSignDeadlineGetsAWarning() throws {
        let database = try makeDatabase()
        let number = try makeTicket(database, created: "2025-03-03T09:00", sign: false)

        #expect(try issue(database, at: "2025-03-04T09:30").isEmpty)  // sign-for deadline 03-04 09:30
        let letters = try issue(database, at: "2025-03-04T09:31")

        #expect(letters.map(\.kind) == [.warning])
        #expect(letters.first?.items.first?.clock == .sign)
        #expect(try database.ticket(number).state == .dispatched)
    }

    @Test(arguments: ["cgj1", "op1", "sh1"])
    func onlySupervisorsAndAdminsIssue(actor: String) throws {
        let database = try makeDatabase()
        _ = try makeTicket(database, created: "2025-03-03T09:00")

        #expect(throws: PermissionError.self) { try issue(database, at: "2025-03-19T09:00", actor: actor) }
        #expect(try database.letters(matching: LetterFilter()).isEmpty)
        #expect(try issue(database, at: "2025-03-19T09:00", actor: "admin").count == 1)
    }

    @Test func listFiltersByKindAndDepartment() throws {
        let database = try makeDatabase()
        _ = try makeTicket(database, created: "2025-03-03T09:00")
        _ = try makeTicket(database, created: "2025-03-03T09:10", lead: "ZJJ")
        _ = try issue(database, at: "2025-03-16T09:00")
        _ = try issue(database, at: "2025-03-19T09:00")

        var filter = LetterFilter()
        filter.kind = .warning
        filter.department = "ZJJ"
        let found = try database.letters(matching: filter)

        #expect(try database.letters(matching: LetterFilter()).count == 4)
        #expect(found.map(\.number) == ["潞热线警〔2025〕第2号"])
        #expect(try database.letter("潞热线警〔2025〕第2号").departmentName == "潞州区住房和城乡建设局")
        #expect(throws: LetterError.unknownLetter("潞热线警〔2025〕第9号")) { try database.letter("潞热线警〔2025〕第9号") }
    }
}
