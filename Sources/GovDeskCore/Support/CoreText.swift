/// The core's own wording of a field's or a file's problem, carried by an error as a `Phrase`. Its Chinese text is in
/// `Messages+zh.swift`, its English text in `Messages+en.swift`.
public enum CoreText: Sendable, Equatable {
    // Ticket intake and actions.
    case mustNotBeEmpty
    case tooManyCharacters(count: Int, maximum: Int)
    case containsNUL
    case notATopicPath(String)
    case notAPhoneNumber
    case coIsLead(String)
    case coNamedTwice
    case extensionDays(Int)
    case satisfaction(Int)
    case sameTicket
    case mergeTargetClosed(String, TicketState)
    case alsoCallerData(String)
    case alsoWindowStaff(String)
    // The hall.
    case reporterNeeded(FindingSource)
    case ratingFindingByRating
    case findingDays(Int)
    case score(Int)
    case findingAction(FindingAction)
    case findingOfDepartment(FindingAction, String)
    // Calendar files.
    case notHolidayCN(String)
    case notADate(String)
    case yearRange
    case noticeMissing
    case noHolidays
    case dayNotInYear(day: String, name: String, year: Int)
    case dayWithoutName(String)
    case holidayAndMakeUp(String)
    case listedTwice(String)
    case makeUpNotWeekend(day: String, name: String)
    // The first administrator.
    case adminCode(String)
    case noCentre(String)
    // The demo.
    case demoTickets
    case demoEmptyPeriod
    case demoZoneChanges(String)
    case demoCalendar(first: String, now: String, through: String, loaded: String)
    // Import cells.
    case notATimestamp(value: String, allowed: String)
    case notATimestampHidden(characters: Int, allowed: String)
    case notAStoredTime(value: String)
    case notMapped(value: String, key: String, known: [String])
    case fieldCount(Int, header: Int)
    case emptySourceId
    case emptyCreationTime
    case closedWithoutTime(status: String)
    case closesBeforeCreated
    case emptyTopic
    // CSV files.
    case noSuchFile
    case isAFolder
    case cannotOpenForReading
    case cannotRead(String)
    case notUTF8(field: Int)
    case textAfterQuote
    case quoteNeverClosed
    // Histories replayed.
    case noFirstEvent(ReplayedRecord)
    case firstEventLacks(ReplayedRecord)
    case firstEventGoes(ReplayedRecord, from: String?, to: String)
    case expectedEvent(Int)
    case eventCount(ReplayedRecord, Int)
    case startsFrom(ReplayedRecord, from: String?, state: String)
    case secondFirstEvent(ReplayedRecord)
    case visits(recorded: Int, counted: Int)
    case recomputationWithoutDue
    case noDeadlineRecorded(action: String)
    // Closed months checked again.
    /// A figure of a closed month whose stored value is not what the events give now (`report.headline.received`).
    case figureDiffers(path: String, stored: FigureValue, now: FigureValue)
    /// Figures that differ beyond those named.
    case moreFigures(Int)

    public var phrase: Phrase { Phrase(chinese: chinese, english: english) }
}

/// The kind of record a replayed history belongs to, for the wording of its problems.
public enum ReplayedRecord: Sendable, Equatable {
    case ticket
    case windowCase
    case finding
}

/// A value of a closed month's figures as a difference names it: a number or a text is shown, a list by its length.
public enum FigureValue: Sendable, Equatable {
    case nothing
    case text(String)
    case number(String)
    case entries(Int)
    case other
}
