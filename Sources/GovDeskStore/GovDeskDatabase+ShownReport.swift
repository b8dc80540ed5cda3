import Foundation
import GovDeskCore

extension GovDeskDatabase {
    /// The monthly report as people are shown it, by the command line and the service alike: a closed month from the
    /// figures stored when it was closed (DESIGN §11.2), whatever the format; an open one computed now, with the
    /// hall's part over `hallRange` when given. Also the close, for the report's closed-month line.
    public func shownReport(
        for month: Month, timeZone: TimeZone, trendMonths: Int, now: Date?, countsRepeats: Bool,
        hallRange: Range<Date>?, language: Language
    ) throws -> (report: MonthlyReport, closed: ClosedMonth?) {
        if let closed = try closedMonth(month) {
            let stored = try closed.figures()
            var report = stored.report
            if hallRange != nil { report.hall = stored.hall.map { HallSection($0, language: language) } }
            return (report, closed)
        }
        // The hall's part is read alongside the tickets' folds, from the same snapshot.
        let (made, hall) = try monthlyReport(
            for: month, timeZone: timeZone, trendMonths: trendMonths, now: now, countsRepeats: countsRepeats,
            hallRange: hallRange)
        var report = made
        report.hall = hall.map { HallSection($0, language: language) }
        return (report, nil)
    }
}
