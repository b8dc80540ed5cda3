import Foundation

/// The clocks of DESIGN §3: sign-for limits in natural hours, handling limits in working days (次日起),
/// urgent tickets in natural hours, extensions and reopens.
public struct DeadlineRules: Sendable {
    public let calendar: WorkingCalendar
    public let limits: GovDeskConfiguration.Limits

    public init(calendar: WorkingCalendar, limits: GovDeskConfiguration.Limits) {
        self.calendar = calendar
        self.limits = limits
    }

    /// 签收时限: dispatch time plus the urgency's natural hours.
    public func signDeadline(dispatchedAt: Date, urgency: Urgency) -> Date {
        dispatchedAt.addingTimeInterval(TimeInterval(limits.signHours[urgency] * 3600))
    }

    /// 办理时限 counted from `start` (signing or reopening): 24:00 local time of the N-th working day after
    /// the start day for normal tickets, or natural hours for urgent ones.
    public func handlingDeadline(from start: Date, type: TicketType, urgency: Urgency) throws(CalendarError) -> Date {
        switch urgency {
        case .urgent:
            return start.addingTimeInterval(TimeInterval(limits.urgentHandlingHours * 3600))
        case .normal:
            return try workingDaysDeadline(from: start, days: limits.handlingDays[type])
        }
    }

    /// 24:00 of the `days`-th working day after the local day of `start`.
    public func workingDaysDeadline(from start: Date, days: Int) throws(CalendarError) -> Date {
        let day = try calendar.workingDay(days, after: calendar.localDate(of: start))
        return calendar.endOfDay(day)
    }

    /// An approved extension: the deadline moves to the same local time of day on the `days`-th working day
    /// after the deadline's own day. A 24:00 deadline belongs to the day that ends then.
    public func extend(_ deadline: Date, byWorkingDays days: Int) throws(CalendarError) -> Date {
        let deadlineDay = calendar.localDate(of: deadline.addingTimeInterval(-1))
        let target = try calendar.workingDay(days, after: deadlineDay)
        if deadline == calendar.endOfDay(deadlineDay) { return calendar.endOfDay(target) }
        let timeOfDay = deadline.timeIntervalSince(calendar.startOfDay(deadlineDay))
        return calendar.startOfDay(target).addingTimeInterval(timeOfDay)
    }
}
