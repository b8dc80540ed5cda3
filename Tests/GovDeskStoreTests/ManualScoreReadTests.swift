import Foundation
import GovDeskCore
import GovDeskTestSupport
import Testing

@testable import GovDeskStore

struct ManualScoreReadTests {
    @Test func manualScoresAreReadBeforeTheMonthIsEvaluated() throws {
        // Given two scores for October and one for November, and no evaluation run
        let database = try makeHallDatabase()
        let october = Month(year: 2025, month: 10)!
        let at = makeLocal("2025-10-31T17:00")
        try database.addManualScore(
            month: october, staff: "w03", item: "业务考试", points: 3, note: "笔试", actor: "db01", at: at)
        try database.addManualScore(
            month: october, staff: "w01", item: "业务考试", points: -1.5, note: nil, actor: "db01", at: at)
        try database.addManualScore(
            month: october.next, staff: "w01", item: "加分", points: 2, note: nil, actor: "db01", at: at)
        // When October's scores are read
        let scores = try database.manualScores(month: october)
        // Then they are October's, by staff member, with who recorded them
        #expect(scores.map(\.staff) == ["w01", "w03"])
        #expect(scores.map(\.points) == [-1.5, 3])
        #expect(scores.last?.note == "笔试")
        #expect(scores.allSatisfy { $0.recordedBy == "db01" && $0.month == "2025-10" })
        #expect(throws: HallError.noEvaluation(month: "2025-10")) { try database.evaluation(month: october) }
    }
}
