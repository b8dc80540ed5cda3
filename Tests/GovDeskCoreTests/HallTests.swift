import Foundation
import GovDeskTestSupport
import Testing

@testable import GovDeskCore

/// A window staff member of window A01.
func makeWindowStaff(_ code: String = "w01") -> StaffMember {
    StaffMember(code: code, name: "窗口\(code)", department: "XZSP", roles: [.window])
}

func makeItem(days: Int) -> ServiceItem {
    ServiceItem(code: "QY001", name: "有限责任公司设立登记", department: "XZSP", committedDays: days, windows: ["A01"])
}

func makeCase(days: Int = 1, at text: String = "2025-09-30T10:00+08:00") throws -> WindowCase {
    try CaseMachine.receive(
        number: "BJ20250930-000001", item: makeItem(days: days), window: "A01", applicantName: "张建国",
        applicantPhone: "13835512345", by: makeWindowStaff(), actorWindows: ["A01"], at: makeInstant(text),
        rules: makeRules()
    ).case
}

struct CaseDueTimeTests {
    @Test(arguments: [
        // 即办: 24:00 of the receiving day, even on the eve of a holiday.
        (0, "2025-09-30T10:00+08:00", "2025-10-01T00:00+08:00"),
        // One working day from 30 September: 1–8 October are the National Day holiday, so 9 October 24:00.
        (1, "2025-09-30T10:00+08:00", "2025-10-10T00:00+08:00"),
        // Received on the holiday itself (2 October): the first working day after is 9 October.
        (1, "2025-10-02T09:00+08:00", "2025-10-10T00:00+08:00"),
        // Three working days from Friday 26 September: Sunday 28 September is a make-up working day (1), 29 (2), 30 (3).
        (3, "2025-09-26T16:00+08:00", "2025-10-01T00:00+08:00"),
        // Five working days from 30 September: 9, 10, Saturday 11 (make-up), 13, 14 October.
        (5, "2025-09-30T10:00+08:00", "2025-10-15T00:00+08:00"),
    ])
    func dueTimeCountsWorkingDaysAfterTheReceivingDay(days: Int, received: String, due: String) throws {
        #expect(try makeCase(days: days, at: received).due == makeInstant(due))
    }

    @Test func aDueTimeInAYearWithoutCalendarDataIsProvisionalAndRecorded() throws {
        // Wed 2026-12-30 + 5: Thu 31, then Fri 1, Mon 4, Tue 5, Wed 6 counted Monday–Friday.
        let c = try makeCase(days: 5, at: "2026-12-30T10:00+08:00")
        #expect(c.due == makeInstant("2027-01-07T00:00+08:00"))
    }

    @Test func onlyStaffOfTheWindowMayReceiveItsCases() {
        #expect(throws: HallError.windowDenied(actor: "w03", window: "A01", action: CaseAction.receive.phrase)) {
            try CaseMachine.receive(
                number: "BJ1", item: makeItem(days: 1), window: "A01", applicantName: "张三", applicantPhone: "",
                by: makeWindowStaff("w03"), actorWindows: ["A02"], at: makeInstant("2025-09-30T10:00+08:00"),
                rules: makeRules())
        }
    }

    @Test func theFirstResponsibleStaffIsTheReceiver() throws {
        #expect(try makeCase().firstResponsible == "w01")
    }
}

struct OneTimeNotificationTests {
    @Test func aSecondMaterialsRequestIsABreachAgainstTheStaffWhoAsked() throws {
        // Given a case received by w01 at A01, staffed by w01 and w02
        let received = try makeCase()
        let at = makeInstant("2025-09-30T11:00+08:00")
        // When w01 asks once, then w02 asks again
        let (first, firstEvent) = try CaseMachine.decide(
            .requestMaterials(materials: "公司章程"), on: received, by: makeWindowStaff("w01"), actorWindows: ["A01"],
            at: at)
        let (second, secondEvent) = try CaseMachine.decide(
            .requestMaterials(materials: "股东身份证"), on: first, by: makeWindowStaff("w02"), actorWindows: ["A01"],
            at: at.addingTimeInterval(3600))
        // Then the first is allowed and clean, the second allowed and a breach counted against w02
        #expect(firstEvent.breach == false)
        #expect(first.visits == 2)
        #expect(first.breaches == 0)
        #expect(secondEvent.breach == true)
        #expect(secondEvent.actor == "w02")
        #expect(second.visits == 3)
        #expect(second.materialRequests == 2)
        #expect(second.breaches == 1)
        #expect(second.state == .open)
        #expect(second.firstResponsible == "w01")
    }

    @Test func aFinishedCaseRefusesMaterialsRequests() throws {
        let received = try makeCase()
        let (done, _) = try CaseMachine.decide(
            .complete(note: nil), on: received, by: makeWindowStaff(), actorWindows: ["A01"],
            at: makeInstant("2025-10-09T15:00+08:00"))
        #expect(done.onTime == true)
        #expect(
            throws: HallError.caseNotAllowed(
                number: "BJ20250930-000001", state: .completed, action: .requestMaterials, allowed: [.rate])
        ) {
            try CaseMachine.decide(
                .requestMaterials(materials: "x"), on: done, by: makeWindowStaff(), actorWindows: ["A01"],
                at: makeInstant("2025-10-09T16:00+08:00"))
        }
    }

    @Test func aCaseFinishedAfterItsDueTimeIsLate() throws {
        let (done, event) = try CaseMachine.decide(
            .refuse(reason: "不符合条件"), on: try makeCase(), by: makeWindowStaff(), actorWindows: ["A01"],
            at: makeInstant("2025-10-10T00:00:01+08:00"))
        #expect(done.onTime == false)
        #expect(event.details["onTime"] == "false")
    }
}

struct FindingMachineTests {
    let officerAdmin = StaffMember(code: "ty01", name: "体验员管理", department: "XZSP", roles: [.officerAdmin])

    func makeFinding() throws -> Finding {
        let draft = Finding(
            number: "ZG20251013-000001", source: .officer, reporter: "TYY01",
            reportedAt: makeInstant("2025-10-13T10:00+08:00"), window: "A01", item: nil, department: "XZSP",
            kind: .slow, description: "取号后等候超过一小时")
        return try FindingMachine.create(draft, by: officerAdmin).finding
    }

    @Test func aFindingGoesFromOpenToVerifiedWithADeadline() throws {
        let open = try makeFinding()
        #expect(open.state == .open)
        let at = makeInstant("2025-10-13T11:00+08:00")
        let (assigned, assignEvent) = try FindingMachine.decide(
            .assign(days: 15, note: nil), on: open, by: officerAdmin, at: at, rules: makeRules())
        // 15 working days after Monday 13 October: 14–17 (4), 20–24 (9), 27–31 (14), 3 November (15).
        #expect(assigned.deadline == makeInstant("2025-11-04T00:00+08:00"))
        #expect(assignEvent.deadline == assigned.deadline)
        let (rectified, _) = try FindingMachine.decide(
            .rectify(note: "增设自助取号机"), on: assigned, by: officerAdmin, at: at.addingTimeInterval(86400),
            rules: makeRules())
        #expect(rectified.state == .rectified)
        let (verified, event) = try FindingMachine.decide(
            .verify(note: nil), on: rectified, by: officerAdmin, at: at.addingTimeInterval(2 * 86400),
            rules: makeRules())
        #expect(verified.state == .verified)
        #expect(event.sequence == 4)
    }

    @Test func reopenSendsARectifiedFindingBackWithANewDeadline() throws {
        let at = makeInstant("2025-10-13T11:00+08:00")
        let (assigned, _) = try FindingMachine.decide(
            .assign(days: 15, note: nil), on: try makeFinding(), by: officerAdmin, at: at, rules: makeRules())
        let (rectified, _) = try FindingMachine.decide(
            .rectify(note: "已整改"), on: assigned, by: officerAdmin, at: at, rules: makeRules())
        let (reopened, _) = try FindingMachine.decide(
            .reopen(reason: "现场复查仍需等候", days: 5), on: rectified, by: officerAdmin,
            at: makeInstant("2025-10-20T09:00+08:00"), rules: makeRules())
        #expect(reopened.state == .assigned)
        #expect(reopened.deadline == makeInstant("2025-10-28T00:00+08:00"))
        #expect(reopened.reopenCount == 1)
        #expect(reopened.rectifiedAt == nil)
    }

    @Test(arguments: [
        (FindingCommand.verify(note: nil), FindingState.open, [FindingAction.assign]),
        (FindingCommand.rectify(note: "x"), FindingState.open, [FindingAction.assign]),
        (FindingCommand.reopen(reason: "x", days: 5), FindingState.open, [FindingAction.assign]),
        (FindingCommand.assign(days: 15, note: nil), FindingState.assigned, [FindingAction.rectify]),
        (FindingCommand.verify(note: nil), FindingState.assigned, [FindingAction.rectify]),
        (FindingCommand.rectify(note: "x"), FindingState.verified, [FindingAction.reopen]),
    ])
    func refusalsNameTheFindingItsStateTheActionAndWhatIsAllowed(
        command: FindingCommand, state: FindingState, allowed: [FindingAction]
    ) throws {
        var finding = try makeFinding()
        finding.state = state
        finding.deadline = makeInstant("2025-11-04T00:00+08:00")
        #expect(
            throws: HallError.findingNotAllowed(
                number: "ZG20251013-000001", state: state, action: command.action, allowed: allowed)
        ) {
            try FindingMachine.decide(command, on: finding, by: officerAdmin, at: Date(), rules: makeRules())
        }
    }

    @Test func theRefusalReadsAsOneClearLine() {
        let error = HallError.findingNotAllowed(
            number: "ZG20251013-000001", state: .assigned, action: .verify, allowed: [.rectify])
        #expect(
            error.description
                == "finding ZG20251013-000001 is assigned; verify is not allowed: rectify is allowed now")
        #expect(error.message(.zh) == "整改事项 ZG20251013-000001 当前为「整改中」，不能核验；现在可以：整改")
        #expect(error.kind == .refused)
    }

    @Test func windowStaffMayNotManageFindings() throws {
        #expect(throws: HallError.self) {
            try FindingMachine.decide(
                .assign(days: 15, note: nil), on: try makeFinding(), by: makeWindowStaff(), at: Date(),
                rules: makeRules())
        }
    }

    @Test func aLiaisonRectifiesOnlyForTheirOwnDepartment() throws {
        var finding = try makeFinding()
        finding.state = .assigned
        finding.deadline = makeInstant("2025-11-04T00:00+08:00")
        let own = StaffMember(code: "x1", name: "审批局承办人", department: "XZSP", roles: [.liaison])
        let other = StaffMember(code: "c1", name: "城管承办人", department: "CGJ", roles: [.liaison])
        let at = makeInstant("2025-10-14T10:00+08:00")
        #expect(
            try FindingMachine.decide(.rectify(note: "已整改"), on: finding, by: own, at: at, rules: makeRules())
                .finding.state == .rectified)
        #expect(throws: HallError.self) {
            try FindingMachine.decide(.rectify(note: "已整改"), on: finding, by: other, at: at, rules: makeRules())
        }
    }

    @Test func everyStateIsReachableAndTheTableHasNoDeadEnds() {
        for state in FindingState.allCases where state != .verified {
            #expect(!FindingMachine.allowedActions(in: state).isEmpty)
        }
        #expect(FindingMachine.allowedActions(in: .verified) == [.reopen])
    }
}
