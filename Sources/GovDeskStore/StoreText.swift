import GovDeskCore

/// The store's own wording of a field's problem, carried by an error as a `Phrase`. Its Chinese text is in
/// `Messages+zh.swift`, its English text in `Messages+en.swift`.
public enum StoreText: Sendable, Equatable {
    case notWindowStaff(String, roles: [Role])
    case committedDays(Int)
    case itemWindows(String)
    case officerFindingNamesOfficer
    case ratingFindingsByRate
    case onlyWindowStaffEvaluated(String)
    case futureImport(time: String, minutes: Int, latest: String, clock: String)
    case points(Double)
    case evaluationRun
    case evaluationFinalised
    case window
    case serviceItem

    public var phrase: Phrase { Phrase(chinese: chinese, english: english) }
}
