import Foundation
import GovDeskTestSupport
import Testing

@testable import GovDeskCore

/// A record's life as the machines wrote it: each event, and the record after it.
struct RecordedLife<Record, Event> {
    var record: Record
    var events: [Event]
    var snapshots: [Record]

    init(_ first: (Record, Event)) {
        record = first.0
        events = [first.1]
        snapshots = [first.0]
    }

    mutating func append(_ next: (Record, Event)) {
        record = next.0
        events.append(next.1)
        snapshots.append(next.0)
    }
}

/// A five-day case received Monday 2026-12-28, when 2027 had no calendar data: two materials requests (the second a
/// breach of 一次性告知 by w02), its provisional due time recomputed when 2027 arrived, a supervision letter, its
/// completion and a 差评.
func makeCaseLife() throws -> RecordedLife<WindowCase, CaseEvent> {
    let w01 = makeWindowStaff("w01")
    let w02 = makeWindowStaff("w02")
    let received = try CaseMachine.receive(
        number: "BJ20261228-000001", item: makeItem(days: 5), window: "A01", applicantName: "张建国",
        applicantPhone: "13835512345", by: w01, actorWindows: ["A01"], at: makeInstant("2026-12-28T10:00+08:00"),
        rules: makeRules())
    var life = RecordedLife(received)
    life.append(
        try CaseMachine.decide(
            .requestMaterials(materials: "公司章程"), on: life.record, by: w01, actorWindows: ["A01"],
            at: makeInstant("2026-12-28T11:00+08:00")))
    life.append(
        try CaseMachine.decide(
            .requestMaterials(materials: "股东身份证"), on: life.record, by: w02, actorWindows: ["A01"],
            at: makeInstant("2026-12-29T10:00+08:00")))
    let recomputed = try #require(
        try DeadlineRecomputation.recompute(
            life.record, events: life.events, rules: makeRulesWith2027(), year: 2027, actor: "system",
            at: makeInstant("2026-12-29T12:00+08:00")))
    life.append(recomputed)
    var lettered = life.record
    lettered.eventCount += 1
    life.append(
        (
            lettered,
            CaseEvent(
                sequence: lettered.eventCount, action: .letter, from: .open, to: .open, actor: "db01",
                at: makeInstant("2026-12-30T09:00+08:00"), visits: lettered.visits,
                details: ["letterNumber": "督办〔2026〕1号"])
        ))
    life.append(
        try CaseMachine.decide(
            .complete(note: nil), on: life.record, by: w01, actorWindows: ["A01"],
            at: makeInstant("2027-01-06T15:00+08:00")))
    life.append(
        try CaseMachine.decide(
            .rate(score: 2, comment: "来回跑了三次"), on: life.record, by: w01, actorWindows: ["A01"],
            at: makeInstant("2027-01-06T15:10+08:00")))
    return life
}

struct WindowCaseReplayTests {
    @Test func theLifeIsRecordedAsTheDesignSays() throws {
        let life = try makeCaseLife()
        #expect(
            life.events.map(\.action) == [
                .receive, .requestMaterials, .requestMaterials, .recompute, .letter, .complete, .rate,
            ])
        // Counted Monday to Friday into 2027 (29, 30, 31, 1, 4), then with 1–4 January off (29, 30, 31, 5, 6).
        #expect(life.snapshots[0].due == makeInstant("2027-01-05T00:00+08:00"))
        #expect(life.record.due == makeInstant("2027-01-07T00:00+08:00"))
        #expect(life.record.visits == 3)
        #expect(life.record.breaches == 1)
        #expect(life.record.state == .completed)
        #expect(life.record.rating == 2)
    }

    @Test func replayingAllEventsGivesTheFinalCase() throws {
        let life = try makeCaseLife()
        #expect(try WindowCase.replay(life.events, identity: life.record.identity) == life.record)
    }

    @Test(arguments: 1...7)
    func replayingAPrefixGivesThePastState(count: Int) throws {
        let life = try makeCaseLife()
        let past = life.snapshots[count - 1]
        #expect(try WindowCase.replay(Array(life.events.prefix(count)), identity: past.identity) == past)
    }

    @Test func aRefusedCaseKeepsItsReason() throws {
        let received = try CaseMachine.receive(
            number: "BJ20251009-000001", item: makeItem(days: 1), window: "A01", applicantName: "李雷",
            applicantPhone: "", by: makeWindowStaff(), actorWindows: ["A01"], at: makeInstant("2025-10-09T10:00+08:00"),
            rules: makeRules())
        var life = RecordedLife(received)
        life.append(
            try CaseMachine.decide(
                .refuse(reason: "申请人不符合办理条件"), on: life.record, by: makeWindowStaff(), actorWindows: ["A01"],
                at: makeInstant("2025-10-09T11:00+08:00")))
        let replayed = try WindowCase.replay(life.events, identity: life.record.identity)
        #expect(replayed == life.record)
        #expect(replayed.refusalReason == "申请人不符合办理条件")
    }

    /// The due time comes from the events: the receiving event's provisional one stays until a recomputation event
    /// moves it, whatever today's calendar would count (DESIGN §3).
    @Test func theDueTimeIsTheRecordedOneNeverCountedAgain() throws {
        let life = try makeCaseLife()
        let counted = try CaseMachine.dueTime(
            receivedAt: life.record.receivedAt, committedDays: 5, rules: makeRulesWith2027())
        let beforeRecomputation = try WindowCase.replay(
            Array(life.events.prefix(3)), identity: life.record.identity)
        #expect(beforeRecomputation.due == makeInstant("2027-01-05T00:00+08:00"))
        #expect(beforeRecomputation.due != counted)
    }

    @Test func anEventOutOfOrderIsInconsistent() throws {
        var events = try makeCaseLife().events
        events.swapAt(1, 2)
        let error = try #require(throws: ReplayError.self) {
            try WindowCase.replay(events, identity: try makeCaseLife().record.identity)
        }
        guard case .inconsistent("BJ20261228-000001", 3, _) = error else {
            Issue.record("expected inconsistent at event 3, got \(error)")
            return
        }
        #expect(error.description.hasPrefix("case BJ20261228-000001, event 3: "))
        #expect(error.kind == .badData)
    }

    @Test func aMissingEventIsInconsistent() throws {
        let life = try makeCaseLife()
        var events = life.events
        events.remove(at: 3)
        let error = try #require(throws: ReplayError.self) {
            try WindowCase.replay(events, identity: life.record.identity)
        }
        guard case .inconsistent(_, 5, let message) = error else {
            Issue.record("expected inconsistent at event 5, got \(error)")
            return
        }
        #expect(message.english == "expected event 4 next")
    }

    @Test func anEventFromAnotherStateIsInconsistent() throws {
        let life = try makeCaseLife()
        var events = life.events
        events[6].from = .open  // the rating says the case was open; it was completed
        #expect(throws: ReplayError.self) { try WindowCase.replay(events, identity: life.record.identity) }
    }

    @Test func anEventThatCountsOtherVisitsIsInconsistent() throws {
        let life = try makeCaseLife()
        var events = life.events
        events[5].visits = 1  // the completion says the applicant came once; three visits were recorded
        let error = try #require(throws: ReplayError.self) {
            try WindowCase.replay(events, identity: life.record.identity)
        }
        #expect(
            error
                == .inconsistent(
                    number: "BJ20261228-000001", sequence: 6, message: CoreText.visits(recorded: 1, counted: 3).phrase))
        #expect(error.description == "case BJ20261228-000001, event 6: event records 1 visits, the case has 3")
    }

    @Test func aRecomputationWithoutItsDueTimeIsInconsistent() throws {
        let life = try makeCaseLife()
        var events = life.events
        events[3].details["due"] = nil
        #expect(throws: ReplayError.self) { try WindowCase.replay(events, identity: life.record.identity) }
    }

    @Test func aHistoryMustBeginWithItsReceiving() throws {
        let life = try makeCaseLife()
        let identity = life.record.identity
        #expect(throws: ReplayError.self) { try WindowCase.replay(Array(life.events.dropFirst()), identity: identity) }
        #expect(throws: ReplayError.self) { try WindowCase.replay([], identity: identity) }
        var second = life.events
        second.insert(life.events[0], at: 1)
        #expect(throws: ReplayError.self) { try WindowCase.replay(second, identity: identity) }
        var bare = life.events
        bare[0].details["window"] = nil
        #expect(throws: ReplayError.self) { try WindowCase.replay(bare, identity: identity) }
    }
}

/// An officer's finding reported Monday 2026-12-21, assigned for 15 working days while 2027 had no calendar data,
/// its deadline recomputed when 2027 arrived, named in a letter, rectified, sent back for 5 more days, rectified
/// again and verified.
func makeFindingLife() throws -> RecordedLife<Finding, FindingEvent> {
    let officerAdmin = StaffMember(code: "ty01", name: "体验员管理", department: "XZSP", roles: [.officerAdmin])
    let draft = Finding(
        number: "ZG20261221-000001", source: .officer, reporter: "TYY01",
        reportedAt: makeInstant("2026-12-21T10:00+08:00"), window: "A01", item: "QY001", department: "XZSP",
        kind: .slow, description: "取号后等候超过一小时")
    var life = RecordedLife(try FindingMachine.create(draft, by: officerAdmin))
    life.append(
        try FindingMachine.decide(
            .assign(days: 15, note: "请按期整改"), on: life.record, by: officerAdmin,
            at: makeInstant("2026-12-21T11:00+08:00"), rules: makeRules()))
    life.append(
        try #require(
            try DeadlineRecomputation.recompute(
                life.record, events: life.events, rules: makeRulesWith2027(), year: 2027, actor: "system",
                at: makeInstant("2026-12-22T09:00+08:00"))))
    var lettered = life.record
    lettered.eventCount += 1
    life.append(
        (
            lettered,
            FindingEvent(
                sequence: lettered.eventCount, action: .letter, from: .assigned, to: .assigned, actor: "db01",
                at: makeInstant("2026-12-23T09:00+08:00"), details: ["letterNumber": "督办〔2026〕2号"])
        ))
    let later = try makeRulesWith2027()
    life.append(
        try FindingMachine.decide(
            .rectify(note: "增设自助取号机"), on: life.record, by: officerAdmin,
            at: makeInstant("2026-12-28T10:00+08:00"), rules: later))
    life.append(
        try FindingMachine.decide(
            .reopen(reason: "复查仍需等候", days: 5), on: life.record, by: officerAdmin,
            at: makeInstant("2026-12-30T10:00+08:00"), rules: later))
    life.append(
        try FindingMachine.decide(
            .rectify(note: "午间增开窗口"), on: life.record, by: officerAdmin,
            at: makeInstant("2027-01-05T10:00+08:00"), rules: later))
    life.append(
        try FindingMachine.decide(
            .verify(note: "现场核验通过"), on: life.record, by: officerAdmin,
            at: makeInstant("2027-01-06T10:00+08:00"), rules: later))
    return life
}

struct FindingReplayTests {
    @Test func theLifeIsRecordedAsTheDesignSays() throws {
        let life = try makeFindingLife()
        #expect(
            life.events.map(\.action) == [
                .create, .assign, .recompute, .letter, .rectify, .reopen, .rectify, .verify,
            ])
        #expect(life.snapshots[2].deadline! > life.snapshots[1].deadline!)
        #expect(life.record.state == .verified)
        #expect(life.record.reopenCount == 1)
        #expect(life.record.rectifyNote == "午间增开窗口")
    }

    @Test func replayingAllEventsGivesTheFinalFinding() throws {
        let life = try makeFindingLife()
        #expect(try Finding.replay(life.events, number: life.record.number) == life.record)
    }

    @Test(arguments: 1...8)
    func replayingAPrefixGivesThePastState(count: Int) throws {
        let life = try makeFindingLife()
        #expect(
            try Finding.replay(Array(life.events.prefix(count)), number: life.record.number)
                == life.snapshots[count - 1])
    }

    /// A 差评's finding: its creation event names the case and the staff it is against.
    @Test func aRatingFindingKeepsItsCaseAndStaff() throws {
        let system = StaffMember(code: "w01", name: "窗口w01", department: "XZSP", roles: [.window])
        let draft = Finding(
            number: "ZG20251009-000001", source: .rating, reporter: nil,
            reportedAt: makeInstant("2025-10-09T15:10+08:00"), window: "A01", item: "QY001", department: "XZSP",
            staff: "w01", kind: .attitude, description: "差评（1 分，非常不满意）：办件 BJ20251009-000001",
            caseNumber: "BJ20251009-000001")
        var life = RecordedLife(try FindingMachine.create(draft, by: system, system: true))
        life.append(
            try FindingMachine.decide(
                .assign(days: 15, note: "差评自动交办"), on: life.record, by: system,
                at: makeInstant("2025-10-09T15:10+08:00"), rules: makeRules(), system: true))
        let replayed = try Finding.replay(life.events, number: life.record.number)
        #expect(replayed == life.record)
        #expect(replayed.caseNumber == "BJ20251009-000001")
        #expect(replayed.staff == "w01")
    }

    /// Deadlines come from the events: the assignment's provisional one stays until a recomputation moves it.
    @Test func theDeadlineIsTheRecordedOneNeverCountedAgain() throws {
        let life = try makeFindingLife()
        let assigned = try Finding.replay(Array(life.events.prefix(2)), number: life.record.number)
        let counted = try FindingMachine.rectificationDeadline(
            from: life.events[1].at, days: 15, rules: makeRulesWith2027())
        #expect(assigned.deadline == life.events[1].deadline)
        #expect(assigned.deadline != counted)
    }

    @Test func anEventOutOfOrderIsInconsistent() throws {
        var events = try makeFindingLife().events
        events.swapAt(4, 5)
        let error = try #require(throws: ReplayError.self) {
            try Finding.replay(events, number: "ZG20261221-000001")
        }
        guard case .inconsistent("ZG20261221-000001", 6, _) = error else {
            Issue.record("expected inconsistent at event 6, got \(error)")
            return
        }
        #expect(error.description.hasPrefix("finding ZG20261221-000001, event 6: "))
    }

    @Test func anAssignmentWithoutItsDeadlineIsInconsistent() throws {
        var events = try makeFindingLife().events
        events[1].deadline = nil
        let error = try #require(throws: ReplayError.self) {
            try Finding.replay(events, number: "ZG20261221-000001")
        }
        #expect(
            error
                == .inconsistent(
                    number: "ZG20261221-000001", sequence: 2,
                    message: CoreText.noDeadlineRecorded(action: "assign").phrase))
        #expect(error.description == "finding ZG20261221-000001, event 2: its assign event records no deadline")
    }

    @Test func anEventFromAnotherStateIsInconsistent() throws {
        var events = try makeFindingLife().events
        events[7].from = .assigned  // the verification says the finding was assigned; it was rectified
        #expect(throws: ReplayError.self) { try Finding.replay(events, number: "ZG20261221-000001") }
    }

    @Test func aHistoryMustBeginWithItsCreation() throws {
        let events = try makeFindingLife().events
        let number = "ZG20261221-000001"
        #expect(throws: ReplayError.self) { try Finding.replay(Array(events.dropFirst()), number: number) }
        #expect(throws: ReplayError.self) { try Finding.replay([], number: number) }
        var second = events
        second.insert(events[0], at: 1)
        #expect(throws: ReplayError.self) { try Finding.replay(second, number: number) }
        var bare = events
        bare[0].details["kind"] = "lazy"
        #expect(throws: ReplayError.self) { try Finding.replay(bare, number: number) }
    }

    @Test func aTicketsErrorStillNamesATicket() {
        let error = ReplayError.inconsistent(
            number: "20250303-000001", sequence: 5, message: CoreText.expectedEvent(4).phrase)
        #expect(error.description == "ticket 20250303-000001, event 5: expected event 4 next")
    }
}
