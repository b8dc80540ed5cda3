import Foundation
import GovDeskTestSupport
import Testing

@testable import GovDeskCore

/// The one rule-table engine behind tickets, window cases and findings: roles, "their own" records, permissions, and
/// no one checking their own work.
struct RuleTableTests {
    enum Step: String, Hashable, Sendable { case start, work, check, rate }
    enum Stage: String, Hashable, Sendable { case new, done }

    let table = RuleTable<Stage, Step>([
        TransitionRule(.start, from: [], to: .state(.new), roles: [.operator]),
        TransitionRule(.work, from: [.new], to: .state(.done), roles: [.supervisor], own: [.liaison]),
        TransitionRule(.check, from: [.done], to: .same, roles: [.reviewer], notBy: [.work]),
        TransitionRule(.rate, from: [.done], to: .same, own: [.window], permission: .recordRating, notBy: [.start]),
    ])

    func member(_ code: String, _ roles: Set<Role>) -> StaffMember {
        StaffMember(code: code, name: code, department: "CGJ", roles: roles)
    }

    @Test func theTableSaysWhereEachActionLeadsAndWhatEachStateAllows() {
        #expect(table.allowedActions(in: .new) == [.work])
        #expect(table.allowedActions(in: .done) == [.check, .rate])
        #expect(table.rule(for: .work, in: .done) == nil)
        #expect(table.rule(for: .work, in: .new)?.to.state(from: .new) == .done)
        #expect(table.rule(for: .check, in: .done)?.to.state(from: .done) == .done)
        #expect(table.rule(for: .rate)?.neededRoles == [.supervisor, .window])
    }

    @Test func aRoleActsAnywhereAnOwnRoleOnlyOnItsOwnRecords() {
        #expect(table.refusal(of: .work, by: member("db", [.supervisor]), own: false) == nil)
        #expect(table.refusal(of: .work, by: member("cgj", [.liaison]), own: true) == nil)
        #expect(table.refusal(of: .work, by: member("cgj", [.liaison]), own: false) == .notOwn)
        #expect(
            table.refusal(of: .work, by: member("op", [.operator]), own: true)
                == .role(needed: [.supervisor, .liaison]))
        // The permission's roles act anywhere; window staff only at their window.
        #expect(table.refusal(of: .rate, by: member("db", [.supervisor]), own: false) == nil)
        #expect(table.refusal(of: .rate, by: member("w", [.window]), own: false) == .notOwn)
        #expect(
            table.refusal(of: .rate, by: member("op", [.operator]), own: true) == .role(needed: [.supervisor, .window]))
    }

    @Test func noOneChecksTheirOwnWorkNotEvenTheAdministrator() {
        let past: [Step: Set<String>] = [.work: ["db"], .start: ["op"]]
        #expect(table.refusal(of: .check, by: member("sh", [.reviewer]), own: true, pastActors: past) == nil)
        let both = member("db", [.reviewer, .supervisor])
        #expect(table.refusal(of: .check, by: both, own: true, pastActors: past) == .ownWork(earlier: .work))
        #expect(
            table.refusal(of: .check, by: member("db", [.admin]), own: true, pastActors: past)
                == .ownWork(earlier: .work))
        // A role refusal comes first: it is what the person must change.
        #expect(
            table.refusal(of: .check, by: member("db", [.supervisor]), own: true, pastActors: past)
                == .role(needed: [.reviewer]))
    }

    @Test func theLatestActorOfEachActionCounts() {
        let latest = RuleTable<Stage, Step>.latestActors([(.start, "op"), (.work, "a"), (.check, "sh"), (.work, "b")])
        #expect(latest == [.start: ["op"], .work: ["b"], .check: ["sh"]])
    }
}

/// The rule-table loopholes a member of staff could use for a better rank (issue 15), closed in the three machines.
struct OwnWorkAndLateTicketTests {
    @Test func aReviewerDoesNotApproveTheirOwnReply() throws {
        var history = try makeHistory(in: .handling)
        // rv1 is a CGJ liaison and also a reviewer: they may reply, and approve others' replies, but not their own.
        try history.run(makeCommand(.reply), by: "rv1")
        let error = try #require(throws: TicketError.self) { try history.decide(.approve, by: "rv1") }
        #expect(error == .ownWork(actor: "rv1", number: history.ticket.number, action: .approve, earlier: .reply))
        #expect(error.kind == .refused)
        #expect(error.englishMessage.contains("its reply was their own"))
        #expect(error.chineseMessage.contains("不能自己审核自己的工作"))
        #expect(try history.decide(.approve, by: "admin").state == .closed)
        #expect(try history.decide(.approve, by: "sh1").state == .closed)
    }

    @Test func noOneApprovesAnExtensionTheyAskedFor() throws {
        var history = try makeHistory(in: .handling)
        try history.run(makeCommand(.extend), by: "admin")
        let error = try #require(throws: TicketError.self) { try history.decide(.approveExtension, by: "admin") }
        let number = history.ticket.number
        #expect(error == .ownWork(actor: "admin", number: number, action: .approveExtension, earlier: .extend))
        let approved = try history.decide(.approveExtension, by: "db1")
        #expect(try #require(approved.deadline) > (try #require(history.ticket.deadline)))
    }

    @Test func anImportedTicketKeepsItsSourceDeadlineWhenSigned() throws {
        var history = try makeHistory(in: .dispatched)
        // An import's dispatch carries the deadline its source system gave: here already passed.
        let source = makeInstant("2025-03-03T09:30+08:00")
        history.ticket.deadline = source
        let signed = try history.decide(.sign, by: "cgj1")
        #expect(signed.deadline == source)
        #expect(signed.isOverdue(at: history.clock.addingTimeInterval(7200)))
        // So it can be neither returned nor merged once signed.
        try history.run(.sign, by: "cgj1")
        #expect(throws: TicketError.self) { try history.decide(makeCommand(.returnTicket), by: "cgj1") }
        #expect(throws: TicketError.self) { try history.decide(makeCommand(.merge), by: "pd1") }
    }

    @Test func anotherReplyByAnotherLiaisonMayBeApprovedByTheFirst() throws {
        var history = try makeHistory(in: .handling)
        try history.run(makeCommand(.reply), by: "rv1")
        try history.run(makeCommand(.reject), by: "sh1")
        try history.run(makeCommand(.reply), by: "cgj1")
        #expect(try history.decide(.approve, by: "rv1").state == .closed)
    }

    /// Monday 2025-03-03: dispatched 10:00, signed 11:00; a complaint's handling deadline is some working days later.
    @Test(arguments: [TicketAction.returnTicket, .merge])
    func aLateTicketIsNeitherReturnedNorMerged(action: TicketAction) throws {
        let history = try makeHistory(in: .handling)
        let deadline = try #require(history.ticket.deadline)
        // Before the deadline both are allowed
        #expect(
            try history.decide(makeCommand(action), by: action == .merge ? "pd1" : "cgj1", at: deadline).state
                != .handling)
        // After it, refused: a return clears the clocks and a merge takes the ticket out of the month's figures
        let error = try #require(throws: TicketError.self) {
            try history.decide(
                makeCommand(action), by: action == .merge ? "pd1" : "cgj1", at: deadline.addingTimeInterval(60))
        }
        guard case .deadlinePassed(let number, action, _) = error else {
            Issue.record("expected deadlinePassed for \(action), got \(error)")
            return
        }
        #expect(number == history.ticket.number)
        #expect(
            error.englishMessage.contains(action == .merge ? "can no longer be merged" : "can no longer be returned"))
        #expect(error.chineseMessage.contains(action == .merge ? "已不能合并" : "已不能退单"))
    }

    @Test func theStaffWhoReceivedOrFinishedACaseDoNotRateIt() throws {
        var c = try makeCase()
        let at = makeInstant("2025-10-09T15:00+08:00")
        (c, _) = try CaseMachine.decide(
            .complete(note: nil), on: c, by: makeWindowStaff("w02"), actorWindows: ["A01"], at: at)
        let past: [CaseAction: Set<String>] = [.receive: ["w01"], .complete: ["w02"]]
        for staff in ["w01", "w02"] {
            let error = try #require(throws: HallError.self) {
                try CaseMachine.decide(
                    .rate(score: 5, comment: nil), on: c, by: makeWindowStaff(staff), actorWindows: ["A01"], at: at,
                    pastActors: past)
            }
            guard case .ownWork(staff, c.number, _, _, let others) = error else {
                Issue.record("expected ownWork for \(staff), got \(error)")
                continue
            }
            #expect(others == [.supervisor, .window])
        }
        let rated = try CaseMachine.decide(
            .rate(score: 5, comment: nil), on: c, by: makeWindowStaff("w03"), actorWindows: ["A01"], at: at,
            pastActors: past)
        #expect(rated.case.rating == 5)
    }

    @Test func theSameMaterialsListTwiceIsTheFirstRequestNotABreach() throws {
        var c = try makeCase()
        let at = makeInstant("2025-09-30T11:00+08:00")
        let staff = makeWindowStaff()
        (c, _) = try CaseMachine.decide(
            .requestMaterials(materials: "公司章程"), on: c, by: staff, actorWindows: ["A01"], at: at)
        // The form sent again (the same list, blanks around it) is refused, and nothing is counted
        let error = try #require(throws: HallError.self) {
            try CaseMachine.decide(
                .requestMaterials(materials: " 公司章程\n"), on: c, by: staff, actorWindows: ["A01"], at: at,
                lastMaterials: "公司章程")
        }
        #expect(error == .sameMaterialsAgain(number: c.number))
        // The same list written otherwise: a browser's line endings, other separators, order, blanks, letter case
        for again in ["公司章程\r\n营业执照", "营业执照，公司章程", "公司章程、 营业执照", "营业执照;公司章程", "公司章程　,营业执照\n"] {
            #expect(CaseMachine.sameMaterials("公司章程\n营业执照", again), "\(again)")
        }
        #expect(CaseMachine.sameMaterials("ID card", "id  CARD"))
        #expect(!CaseMachine.sameMaterials("公司章程\n营业执照", "公司章程"))
        #expect(!CaseMachine.sameMaterials("公司章程", "公司章程副本"))
        #expect(error.chineseMessage.contains("同一清单不重复记录"))
        // A list with what is still missing is a second request: a breach of 一次性告知
        let (second, event) = try CaseMachine.decide(
            .requestMaterials(materials: "股东身份证"), on: c, by: staff, actorWindows: ["A01"], at: at,
            lastMaterials: "公司章程")
        #expect(event.breach)
        #expect(second.breaches == 1)
    }

    @Test func whoeverRectifiedAFindingDoesNotVerifyIt() throws {
        let officerAdmin = StaffMember(code: "ty01", name: "体验员管理", department: "XZSP", roles: [.officerAdmin])
        let other = StaffMember(code: "ty02", name: "体验员管理二", department: "XZSP", roles: [.officerAdmin])
        let draft = Finding(
            number: "ZG20251013-000001", source: .officer, reporter: "TYY01",
            reportedAt: makeInstant("2025-10-13T10:00+08:00"), window: "A01", item: nil, department: "XZSP",
            kind: .slow, description: "取号后等候超过一小时")
        var f = try FindingMachine.create(draft, by: officerAdmin).finding
        let at = makeInstant("2025-10-14T10:00+08:00")
        f = try FindingMachine.decide(.assign(days: 15, note: nil), on: f, by: officerAdmin, at: at, rules: makeRules())
            .finding
        f = try FindingMachine.decide(.rectify(note: "已增开窗口"), on: f, by: officerAdmin, at: at, rules: makeRules())
            .finding
        let past: [FindingAction: Set<String>] = [.rectify: ["ty01"]]
        let error = try #require(throws: HallError.self) {
            try FindingMachine.decide(
                .verify(note: nil), on: f, by: officerAdmin, at: at, rules: makeRules(), pastActors: past)
        }
        guard case .ownWork("ty01", "ZG20251013-000001", _, _, let others) = error else {
            Issue.record("expected ownWork, got \(error)")
            return
        }
        #expect(others == [.officerAdmin, .supervisor])
        #expect(error.englishMessage.contains("verify finding ZG20251013-000001: ty01 reported its rectification"))
        #expect(error.chineseMessage.contains("不能核验自己报告的整改"))
        let verified = try FindingMachine.decide(
            .verify(note: nil), on: f, by: other, at: at, rules: makeRules(), pastActors: past)
        #expect(verified.finding.state == .verified)
    }
}
