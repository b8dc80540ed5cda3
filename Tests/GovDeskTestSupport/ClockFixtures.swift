import Foundation
import GovDeskCore

/// Deadline rules with the given limits (the defaults unless told) over the real 2024–2026 calendar.
package func makeRules(limits: GovDeskConfiguration.Limits = GovDeskConfiguration.Limits()) -> DeadlineRules {
    DeadlineRules(calendar: makeCalendar(), limits: limits)
}

/// Local time in Asia/Shanghai, which decides the day a ticket is numbered by.
package func makeLocalTime() -> LocalTime {
    LocalTime(timeZone: makeTimeZone())
}

/// A local (Asia/Shanghai) instant from `YYYY-MM-DD[THH:MM[:SS]]`.
package func makeLocal(_ text: String) -> Date {
    guard let date = makeLocalTime().parse(text) else { fatalError("\(text) is not a local time") }
    return date
}
