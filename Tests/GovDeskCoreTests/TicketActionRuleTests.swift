import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

extension TicketError {
    /// The field an `invalidField` error names, nil for other errors.
    var fieldName: String? {
        if case .invalidField(let name, _) = self { return name }
        return nil
    }
}

/// The rules of the individual actions: extensions, reject, reopen, revisit, merge, on-time, required text.
///
/// Test tickets are complaints created Monday 2025-03-03 09:00, dispatched to CGJ at 10:00 and signed at 11:00,
/// so their handling deadline is 24:00 on Monday 03-17 (2025-03-18T00:00+08:00).
struct TicketActionRuleTests {
    let signedDeadline = makeInstant("2025-03-18T00:00+08:00")

    // MARK: Extensions

    @Test func aSignedComplaintIsDueTenWorkingDaysLater() throws {
        let history = try makeHistory(in: .handling)
        #expect(history.ticket.signedAt == makeInstant("2025-03-03T11:00+08:00"))
        #expect(history.ticket.signDeadline == makeInstant("2025-03-04T10:00+08:00"))
        #expect(history.ticket.deadline == signedDeadline)
    }

    @Test func anExtensionRequestIsPendingAndLeavesTheDeadline() throws {
        var history = try makeHistory(in: .handling)
        try history.run(.extend(days: 5, reason: "需协调多个部门。"), by: "cgj1")
        #expect(history.ticket.pendingExtension?.days == 5)
        #expect(history.ticket.pendingExtension?.reason == "需协调多个部门。")
        #expect(history.ticket.deadline == signedDeadline)
    }

    @Test func atMostOneExtensionIsPending() throws {
        var history = try makeHistory(in: .handling)
        try history.run(.extend(days: 5, reason: "需协调。"), by: "cgj1")
        #expect(throws: TicketError.extensionPending(number: "20250303-000001", days: 5)) {
            try history.decide(.extend(days: 3, reason: "再延期。"), by: "cgj1")
        }
    }

    @Test func approvingAnExtensionMovesTheDeadlineByItsWorkingDays() throws {
        var history = try makeHistory(in: .handling)
        try history.run(.extend(days: 5, reason: "需协调。"), by: "cgj1")
        let event = try history.run(.approveExtension, by: "db1")
        // 24:00 on 03-17 + 5 working days: 18, 19, 20, 21, Mon 24 → 24:00 on 03-24.
        #expect(history.ticket.deadline == makeInstant("2025-03-25T00:00+08:00"))
        #expect(history.ticket.pendingExtension == nil)
        #expect(event.details[DetailKey.previousDeadline] == EpochText.encode(signedDeadline))
        #expect(event.details[DetailKey.days] == "5")
    }

    @Test func anotherExtensionMayBeAskedForOnceTheFirstIsDecided() throws {
        var history = try makeHistory(in: .handling)
        try history.run(.extend(days: 5, reason: "需协调。"), by: "cgj1")
        try history.run(.approveExtension, by: "db1")
        try history.run(.extend(days: 1, reason: "还需一天。"), by: "cgj1")
        try history.run(.approveExtension, by: "db1")
        #expect(history.ticket.deadline == makeInstant("2025-03-26T00:00+08:00"))
    }

    @Test func denyingAnExtensionClearsItAndKeepsTheDeadline() throws {
        var history = try makeHistory(in: .handling)
        try history.run(.extend(days: 5, reason: "需协调。"), by: "cgj1")
        try history.run(.denyExtension(reason: "理由不充分。"), by: "db1")
        #expect(history.ticket.pendingExtension == nil)
        #expect(history.ticket.deadline == signedDeadline)
    }

    @Test(arguments: [TicketCommand.approveExtension, .denyExtension(reason: nil)])
    func decidingAnExtensionNobodyAskedForIsRefused(command: TicketCommand) throws {
        let history = try makeHistory(in: .handling)
        #expect(throws: TicketError.noPendingExtension(number: "20250303-000001")) {
            try history.decide(command, by: "db1")
        }
    }

    @Test(arguments: [0, -1, 31, 100])
    func extensionDaysOutsideOneToThirtyAreRefused(days: Int) throws {
        let history = try makeHistory(in: .handling)
        let error = try #require(throws: TicketError.self) {
            try history.decide(.extend(days: days, reason: "需协调。"), by: "cgj1")
        }
        #expect(error.fieldName == "--days")
        #expect(error.kind == .usage)
    }

    @Test(arguments: [1, 30])
    func extensionDaysAtTheBoundsAreAccepted(days: Int) throws {
        let history = try makeHistory(in: .handling)
        #expect(try history.decide(.extend(days: days, reason: "需协调。"), by: "cgj1").pendingExtension?.days == days)
    }

    @Test func aReplyClearsAPendingExtension() throws {
        var history = try makeHistory(in: .handling)
        try history.run(.extend(days: 5, reason: "需协调。"), by: "cgj1")
        try history.run(makeCommand(.reply), by: "cgj1")
        #expect(history.ticket.pendingExtension == nil)
    }

    // MARK: Reject and reopen

    @Test func rejectSendsTheReplyBackAndKeepsTheDeadline() throws {
        var history = try makeHistory(in: .replied)
        try history.run(.reject(reason: "答复未说明后续措施。"), by: "sh1", at: makeInstant("2025-03-20T10:00+08:00"))
        #expect(history.ticket.state == .handling)
        #expect(history.ticket.deadline == signedDeadline)
        #expect(history.ticket.repliedAt == nil)
        #expect(history.ticket.replyText == nil)
        #expect(history.ticket.replyOutcome == nil)
    }

    @Test func reopenStartsANewDeadlineFromTheReopenTimeAndClearsTheClosure() throws {
        var history = try makeHistory(in: .closed)
        try history.run(makeCommand(.revisit), by: "op1")
        try #require(history.ticket.revisitedAt != nil)

        // Friday 03-21 + 10 working days: 24 … 28, 31, 04-01, 02, 03, [04-04 … 06 清明], Mon 04-07.
        try history.run(.reopen(reason: "问题反弹。"), by: "db1", at: makeInstant("2025-03-21T10:00+08:00"))

        #expect(history.ticket.state == .handling)
        #expect(history.ticket.deadline == makeInstant("2025-04-08T00:00+08:00"))
        #expect(history.ticket.revisitedAt == nil)
        #expect(history.ticket.closedAt == nil)
        #expect(history.ticket.onTime == nil)
        #expect(history.ticket.answerText == nil)
        #expect(history.ticket.answeredAt == nil)
        #expect(history.ticket.repliedAt == nil)
    }

    // MARK: Revisit

    @Test func aClosureIsRevisitedOnce() throws {
        var history = try makeHistory(in: .closed)
        try history.run(.revisit(satisfaction: 4, resolved: .yes, note: nil), by: "op1")
        #expect(throws: TicketError.alreadyRevisited(number: "20250303-000001")) {
            try history.decide(.revisit(satisfaction: 2, resolved: .no, note: nil), by: "op1")
        }
    }

    @Test func aNewClosureAfterAReopenMayBeRevisitedAgain() throws {
        var history = try makeHistory(in: .closed)
        try history.run(makeCommand(.revisit), by: "op1")
        try history.run(makeCommand(.reopen), by: "db1")
        try history.run(makeCommand(.reply), by: "cgj1")
        try history.run(.approve, by: "sh1")
        let event = try history.run(.revisit(satisfaction: 3, resolved: .partly, note: "基本满意"), by: "op1")
        #expect(event.details[DetailKey.satisfaction] == "3")
        #expect(event.details[DetailKey.resolved] == "partly")
        #expect(history.ticket.revisitedAt == history.clock)
    }

    @Test(arguments: [0, 6])
    func satisfactionOutsideOneToFiveIsRefused(satisfaction: Int) throws {
        let history = try makeHistory(in: .closed)
        let error = try #require(throws: TicketError.self) {
            try history.decide(.revisit(satisfaction: satisfaction, resolved: .yes, note: nil), by: "op1")
        }
        #expect(error.fieldName == "--satisfaction")
    }

    // MARK: Merge

    @Test func mergeIntoAnotherOpenTicketRecordsTheTarget() throws {
        var history = try makeHistory(in: .handling)
        try history.run(.merge(into: "20250303-000002", targetState: .dispatched), by: "pd1")
        #expect(history.ticket.state == .merged)
        #expect(history.ticket.mergedInto == "20250303-000002")
    }

    @Test func mergeIntoItselfIsRefused() throws {
        let history = try makeHistory(in: .received)
        let error = try #require(throws: TicketError.self) {
            try history.decide(.merge(into: "20250303-000001", targetState: .received), by: "pd1")
        }
        guard case .invalidMergeTarget("20250303-000001", "20250303-000001", _) = error else {
            Issue.record("expected invalidMergeTarget, got \(error)")
            return
        }
        #expect(error.kind == .refused)
    }

    @Test(arguments: [TicketState.closed, .merged])
    func mergeIntoATicketThatIsNotOpenIsRefused(targetState: TicketState) throws {
        let history = try makeHistory(in: .received)
        let error = try #require(throws: TicketError.self) {
            try history.decide(.merge(into: "20250303-000002", targetState: targetState), by: "pd1")
        }
        guard case .invalidMergeTarget("20250303-000001", "20250303-000002", let reason) = error else {
            Issue.record("expected invalidMergeTarget, got \(error)")
            return
        }
        #expect(reason.english.contains(targetState.englishLabel))
        #expect(reason.chinese.contains(targetState.chineseLabel))
    }

    // MARK: On time

    /// A consult signed Monday 03-03 is due at 24:00 on Thursday 03-06.
    @Test(arguments: [
        ("2025-03-06T23:59:59+08:00", true),
        ("2025-03-07T00:00+08:00", true),  // exactly at the deadline is on time
        ("2025-03-07T00:00:01+08:00", false),
        ("2025-03-10T09:00+08:00", false),
    ])
    func theApprovedReplyIsOnTimeIfGivenByTheDeadline(repliedAt: String, onTime: Bool) throws {
        var history = try makeHistory(in: .handling, intake: makeIntake(type: .consult))
        try #require(history.ticket.deadline == makeInstant("2025-03-07T00:00+08:00"))
        try history.run(makeCommand(.reply), by: "cgj1", at: makeInstant(repliedAt))
        try history.run(.approve, by: "sh1", at: makeInstant("2025-03-12T10:00+08:00"))  // review time does not count
        #expect(history.ticket.onTime == onTime)
        #expect(history.ticket.answeredAt == makeInstant(repliedAt))
        #expect(history.ticket.closedAt == makeInstant("2025-03-12T10:00+08:00"))
        #expect(history.ticket.answerText == "已现场整治，取缔占道摊点。")
    }

    @Test func aReplyWithinAnApprovedExtensionIsOnTime() throws {
        var history = try makeHistory(in: .handling)
        try history.run(.extend(days: 5, reason: "需协调。"), by: "cgj1")
        try history.run(.approveExtension, by: "db1")
        try history.run(makeCommand(.reply), by: "cgj1", at: makeInstant("2025-03-24T17:00+08:00"))
        try history.run(.approve, by: "sh1")
        #expect(history.ticket.onTime == true)
    }

    @Test func aRejectedReplyDoesNotCountTheLaterAnswerIs() throws {
        var history = try makeHistory(in: .replied)  // replied 03-03, well before 03-17
        try history.run(.reject(reason: "不完整。"), by: "sh1")
        try history.run(makeCommand(.reply), by: "cgj1", at: makeInstant("2025-03-18T09:00+08:00"))
        try history.run(.approve, by: "sh1")
        #expect(history.ticket.onTime == false)
    }

    @Test func aTicketResolvedAtIntakeIsOnTime() throws {
        var history = try makeHistory()
        try history.run(.resolve(text: "已告知办理地点。"), by: "op1")
        #expect(history.ticket.state == .closed)
        #expect(history.ticket.onTime == true)
        #expect(history.ticket.answerText == "已告知办理地点。")
        #expect(history.ticket.closedAt == history.clock)
        #expect(history.ticket.deadline == nil)
    }

    @Test func signingAfterTheSignDeadlineIsRecorded() throws {
        var history = try makeHistory(in: .dispatched)  // dispatched 03-03 10:00, to sign by 03-04 10:00
        let onTime = try history.decide(.sign, by: "cgj1", at: makeInstant("2025-03-04T10:00+08:00"))
        #expect(onTime.signedAt == makeInstant("2025-03-04T10:00+08:00"))
        let late = try history.run(.sign, by: "cgj1", at: makeInstant("2025-03-04T10:00:01+08:00"))
        #expect(late.details[DetailKey.signedLate] == "true")
    }

    // MARK: Required text and fields

    @Test(arguments: [
        (TicketState.received, TicketCommand.resolve(text: ""), "answer text"),
        (.dispatched, .returnTicket(reason: "   "), "reason"),
        (.handling, .extend(days: 5, reason: ""), "reason"),
        (.handling, .reply(text: "\n\t", outcome: .resolved), "reply text"),
        (.replied, .reject(reason: ""), "reason"),
        (.closed, .reopen(reason: " "), "reason"),
    ])
    func requiredTextMustNotBeEmpty(state: TicketState, command: TicketCommand, field: String) throws {
        let history = try makeHistory(in: state)
        let error = try #require(throws: TicketError.self) { try history.decide(command, by: "admin") }
        #expect(error == .invalidField(name: field, message: CoreText.mustNotBeEmpty.phrase))
        #expect(error.description == "\(field): must not be empty")
        #expect(error.kind == .usage)
    }

    @Test func textIsTrimmedAndLimitedTo4000Characters() throws {
        var history = try makeHistory(in: .handling)
        let longest = String(repeating: "办", count: 4000)
        #expect(try history.decide(.reply(text: longest, outcome: .resolved), by: "cgj1").replyText == longest)
        let error = try #require(throws: TicketError.self) {
            try history.decide(.reply(text: longest + "办", outcome: .resolved), by: "cgj1")
        }
        #expect(error.fieldName == "reply text")
        try history.run(.reply(text: "  已处理。\n", outcome: .partly), by: "cgj1")
        #expect(history.ticket.replyText == "已处理。")
        #expect(history.ticket.replyOutcome == .partly)
    }

    @Test(arguments: [
        (["CGJ"], "a co-department equal to the lead"),
        (["ZJJ", "ZJJ"], "a co-department named twice"),
    ])
    func dispatchRefusesBadCoDepartments(co: [String], _: String) throws {
        let history = try makeHistory(in: .received)
        let error = try #require(throws: TicketError.self) {
            try history.decide(.dispatch(lead: "CGJ", co: co), by: "pd1")
        }
        #expect(error.fieldName == "--co")
    }
}
