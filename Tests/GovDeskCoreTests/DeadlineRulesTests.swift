import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

struct DeadlineRulesTests {
    /// The example every supervisor knows: the National Day and Mid-Autumn break of 2025 (10-01 … 10-08) is
    /// skipped, the make-up Saturday 10-11 counts, so the 10th working day after 09-30 is Tuesday 10-21.
    @Test(arguments: [
        "2025-09-30T00:00:00+08:00",
        "2025-09-30T09:00+08:00",
        "2025-09-30T16:00+08:00",
        "2025-09-30T23:59:59+08:00",
        "2025-09-30T08:00Z",  // 16:00 in Shanghai, given in UTC
    ])
    func aComplaintSignedOnThe30thOfSeptember2025IsDueAtMidnightEndingTheTwentyFirstOfOctober(signedAt: String)
        throws
    {
        let deadline = try makeRules().handlingDeadline(
            from: makeInstant(signedAt), type: .complaint, urgency: .normal)
        #expect(deadline == makeInstant("2025-10-22T00:00+08:00"))
        #expect(deadline == makeInstant("2025-10-21T16:00Z"))
    }

    @Test func defaultLimitsFollowTheDesign() {
        let limits = GovDeskConfiguration.Limits()
        #expect(limits.signHours[.normal] == 24)
        #expect(limits.signHours[.urgent] == 2)
        #expect(limits.urgentHandlingHours == 24)
        let days = TicketType.allCases.map { limits.handlingDays[$0] }
        #expect(days == [3, 5, 10, 10, 10, 3])  // consult, help, complaint, report, suggestion, praise
    }

    /// Signed Monday 2025-03-03, a month without holidays: the N-th working day after it, at 24:00.
    @Test(arguments: [
        (TicketType.consult, "2025-03-07T00:00+08:00"),  // 3 working days: Thursday 03-06 at 24:00
        (.help, "2025-03-11T00:00+08:00"),  // 5: Monday 03-10
        (.complaint, "2025-03-18T00:00+08:00"),  // 10: Monday 03-17
        (.report, "2025-03-18T00:00+08:00"),
        (.suggestion, "2025-03-18T00:00+08:00"),
        (.praise, "2025-03-07T00:00+08:00"),  // 3
    ])
    func eachTypeHasItsWorkingDays(type: TicketType, expected: String) throws {
        let deadline = try makeRules().handlingDeadline(
            from: makeInstant("2025-03-03T10:00+08:00"), type: type, urgency: .normal)
        #expect(deadline == makeInstant(expected))
    }

    /// 次日起: whatever time a ticket is signed on Friday, or over the weekend, counting starts on Monday.
    @Test(arguments: [
        "2025-03-07T00:00+08:00",  // Friday, the first second
        "2025-03-07T21:30+08:00",  // Friday evening
        "2025-03-08T11:00+08:00",  // Saturday
        "2025-03-09T23:59:59+08:00",  // Sunday, the last second
    ])
    func countingStartsTheDayAfterSigning(signedAt: String) throws {
        let deadline = try makeRules().handlingDeadline(
            from: makeInstant(signedAt), type: .consult, urgency: .normal)
        #expect(deadline == makeInstant("2025-03-13T00:00+08:00"))  // Mon 10, Tue 11, Wed 12 → Wednesday 24:00
    }

    @Test func signingOnMondayMorningAfterAWeekendCountsFromTuesday() throws {
        let deadline = try makeRules().handlingDeadline(
            from: makeInstant("2025-03-10T00:00+08:00"), type: .consult, urgency: .normal)
        #expect(deadline == makeInstant("2025-03-14T00:00+08:00"))  // Tue 11, Wed 12, Thu 13
    }

    /// Expected dates computed by hand from Config/calendar:
    /// - 2025 春节: off 01-28 … 02-04, make-up Sunday 01-26 and Saturday 02-08.
    /// - 2026 春节: off 02-15 … 02-23, make-up Saturdays 02-14 and 02-28.
    /// - 2024 劳动节: off 05-01 … 05-05, make-up Sunday 04-28 and Saturday 05-11.
    @Test(arguments: [
        // Fri 01-24 + 5: Sun 26 (make-up), Mon 27, [28 … 02-04 off], Wed 05, Thu 06, Fri 07.
        (TicketType.help, "2025-01-24T15:00+08:00", "2025-02-08T00:00+08:00"),
        // Mon 01-27 + 3: Wed 02-05, Thu 06, Fri 07.
        (.consult, "2025-01-27T15:00+08:00", "2025-02-08T00:00+08:00"),
        // Mon 01-27 + 10: 02-05, 06, 07, Sat 08 (make-up), 10, 11, 12, 13, 14, Mon 17.
        (.complaint, "2025-01-27T15:00+08:00", "2025-02-18T00:00+08:00"),
        // Fri 02-13 + 3: Sat 14 (make-up), [15 … 23 off], Tue 24, Wed 25.
        (.consult, "2026-02-13T15:00+08:00", "2026-02-26T00:00+08:00"),
        // Thu 02-12 + 10: Fri 13, Sat 14, Tue 24, 25, 26, 27, Sat 28 (make-up), Mon 03-02, 03, Wed 04.
        (.complaint, "2026-02-12T15:00+08:00", "2026-03-05T00:00+08:00"),
        // Fri 04-26 + 5: Sun 28 (make-up), Mon 29, Tue 30, [05-01 … 05 off], Mon 06, Tue 07.
        (.help, "2024-04-26T15:00+08:00", "2024-05-08T00:00+08:00"),
        // Tue 04-30 + 10: 05-06, 07, 08, 09, 10, Sat 11 (make-up), 13, 14, 15, Thu 16.
        (.complaint, "2024-04-30T15:00+08:00", "2024-05-17T00:00+08:00"),
    ])
    func holidayBoundaries(type: TicketType, signedAt: String, expected: String) throws {
        let deadline = try makeRules().handlingDeadline(from: makeInstant(signedAt), type: type, urgency: .normal)
        #expect(deadline == makeInstant(expected))
    }

    @Test func anUrgentTicketHasNaturalHoursEvenOverAHoliday() throws {
        let deadline = try makeRules().handlingDeadline(
            from: makeInstant("2025-09-30T16:00+08:00"), type: .complaint, urgency: .urgent)
        #expect(deadline == makeInstant("2025-10-01T16:00+08:00"))
    }

    @Test func urgentHoursComeFromTheLimits() throws {
        var limits = GovDeskConfiguration.Limits()
        limits.urgentHandlingHours = 48
        let deadline = try makeRules(limits: limits).handlingDeadline(
            from: makeInstant("2025-09-30T16:00+08:00"), type: .consult, urgency: .urgent)
        #expect(deadline == makeInstant("2025-10-02T16:00+08:00"))
    }

    @Test(arguments: [
        (Urgency.normal, "2025-10-01T16:00+08:00"),  // 24 natural hours, holiday or not
        (.urgent, "2025-09-30T18:00+08:00"),  // 2 hours
    ])
    func signDeadlineIsNaturalHoursByUrgency(urgency: Urgency, expected: String) {
        let deadline = makeRules().signDeadline(dispatchedAt: makeInstant("2025-09-30T16:00+08:00"), urgency: urgency)
        #expect(deadline == makeInstant(expected))
    }

    /// A 24:00 deadline belongs to the day that ends then: 24:00 on 09-30 plus 3 working days skips the break
    /// and lands on the make-up Saturday 10-11, at 24:00.
    @Test(arguments: [
        ("2025-10-01T00:00+08:00", 3, "2025-10-12T00:00+08:00"),
        ("2025-10-01T00:00+08:00", 1, "2025-10-10T00:00+08:00"),
        ("2025-10-22T00:00+08:00", 5, "2025-10-29T00:00+08:00"),  // 10-21 + 5: 22, 23, 24, 27, Tue 28
        ("2025-01-25T00:00+08:00", 2, "2025-01-28T00:00+08:00"),  // 01-24 + 2: Sun 26 (make-up), Mon 27
    ])
    func anExtensionAddsWorkingDaysToAMidnightDeadline(deadline: String, days: Int, expected: String) throws {
        let moved = try makeRules().extend(makeInstant(deadline), byWorkingDays: days)
        #expect(moved == makeInstant(expected))
    }

    @Test func anExtensionOfAnUrgentDeadlineKeepsItsTimeOfDay() throws {
        let moved = try makeRules().extend(makeInstant("2025-09-30T16:00+08:00"), byWorkingDays: 2)
        #expect(moved == makeInstant("2025-10-10T16:00+08:00"))
    }

    @Test func aDeadlineRunningInto2027IsProvisionalCountingMondayToFriday() throws {
        // Mon 2026-12-28 + 10 working days needs January 2027, for which there is no notice: Tue 29 … Thu 31 are 3,
        // then Fri 1 Jan (no holiday known), Mon 4 … Fri 8, Mon 11 make 10. Never refused, never silently exact.
        let rules = makeRules()
        let deadline = try rules.handlingDeadline(
            from: makeInstant("2026-12-28T10:00+08:00"), type: .complaint, urgency: .normal)
        #expect(deadline == makeInstant("2027-01-12T00:00+08:00"))
        #expect(DeadlineRecomputation.isProvisional(deadline, rules: rules))
        var details: [String: String] = [:]
        DeadlineRecomputation.mark(&details, deadline: deadline, rules: rules)
        #expect(details[DeadlineRecomputation.provisionalKey] == "2027")
    }

    @Test func aDeadlineEndingAtMidnightOnNewYearsEveNeedsNoDataForTheNextYear() throws {
        // Mon 2026-12-28 + 3: Tue 29, Wed 30, Thu 31 → 24:00 on 12-31.
        let deadline = try makeRules().handlingDeadline(
            from: makeInstant("2026-12-28T10:00+08:00"), type: .consult, urgency: .normal)
        #expect(deadline == makeInstant("2027-01-01T00:00+08:00"))
    }

    @Test func aDeadlineEndingOnNewYearsEveIsNotProvisional() throws {
        let rules = makeRules()
        #expect(!DeadlineRecomputation.isProvisional(makeInstant("2027-01-01T00:00+08:00"), rules: rules))
        #expect(DeadlineRecomputation.isProvisional(makeInstant("2027-01-02T00:00+08:00"), rules: rules))
    }

    @Test func anExtensionRunningInto2027CountsMondayToFriday() throws {
        // The deadline 24:00 on Thu 2026-12-31, + 1 working day: Fri 2027-01-01 (provisionally a working day).
        let moved = try makeRules().extend(makeInstant("2027-01-01T00:00+08:00"), byWorkingDays: 1)
        #expect(moved == makeInstant("2027-01-02T00:00+08:00"))
    }
}
