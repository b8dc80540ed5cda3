import Foundation
import Testing

@testable import GovDeskCore

func makeFigures(
    _ subject: EvaluationSubject, _ code: String, cases: Int, onTime: Int, ratings: [Int], breaches: Int = 0,
    findings: Int = 0, manual: Double = 0
) -> EvaluationFigures {
    var f = EvaluationFigures(subject: subject, code: code, name: code)
    f.cases = cases
    f.onTimeCases = onTime
    f.ratings = ratings.count
    f.ratingSum = ratings.reduce(0, +)
    f.badRatings = ratings.filter { $0 <= 2 }.count
    f.breaches = breaches
    f.verifiedFindings = findings
    f.manualPoints = manual
    return f
}

/// A small month worked out by hand with the default weights: on time 40, satisfaction 40, volume 20 (target 20
/// cases), −2 per 差评, −2 per breach, −3 per verified finding, manual ×1.
struct EvaluationEngineTests {
    var configuration: GovDeskConfiguration.Evaluation {
        var c = GovDeskConfiguration.Evaluation()
        c.awards.bestWindows = 3
        c.awards.serviceStars = 2
        c.awards.businessModels = 1
        c.awards.minimumRatings = 3
        c.awards.minimumCases = 2
        return c
    }

    var month: [EvaluationFigures] {
        [
            // 40×9/10 + 40×5/5 + 20×10/20 = 36 + 40 + 10 = 86.00; only 2 ratings.
            makeFigures(.staff, "w01", cases: 10, onTime: 9, ratings: [5, 5]),
            // 40 + 40×4.5/5 + 10 − 2 (breach) = 84.00
            makeFigures(.staff, "w02", cases: 10, onTime: 10, ratings: [5, 5, 4, 4], breaches: 1),
            // 40 + 36 + 20×5/20 + 2.5 (业务考试) = 83.50
            makeFigures(.staff, "w03", cases: 5, onTime: 5, ratings: [5, 5, 4, 4], manual: 2.5),
            // 40×15/20 + 40×17/25 + 20 − 2 (差评) − 3 (finding) = 30 + 27.2 + 20 − 5 = 72.20
            makeFigures(.staff, "w04", cases: 20, onTime: 15, ratings: [5, 4, 4, 3, 1], findings: 1),
            // 40 + 40×20/25 + 10 − 2 (差评) + 4 = 40 + 32 + 10 − 2 + 4 = 84.00: ties w02
            makeFigures(.staff, "w05", cases: 10, onTime: 10, ratings: [5, 5, 5, 4, 1], manual: 4),
            // 40×19/20 + 40×28/30 + 20 − 2 = 38 + 37.333… + 20 − 2 = 93.33
            makeFigures(.window, "A01", cases: 20, onTime: 19, ratings: [5, 5, 5, 5, 4, 4], breaches: 1),
            // No cases, no ratings: nothing to be satisfied with, so 0 + 0 + 0 = 0.00, never an award (an idle window
            // once earned 24.00 here, as if rated 基本满意).
            makeFigures(.window, "A02", cases: 0, onTime: 0, ratings: []),
            // 40 + 40×20/25 + 20 − 2 − 3 = 87.00
            makeFigures(.window, "A03", cases: 25, onTime: 25, ratings: [5, 5, 5, 4, 1], findings: 1),
        ]
    }

    func result(_ outcome: EvaluationOutcome, _ code: String) -> EvaluationResult? {
        outcome.results.first { $0.figures.code == code }
    }

    @Test func scoresMatchTheHandWorkedFigures() {
        let outcome = EvaluationEngine.evaluate(month, configuration: configuration)
        let expected: [String: Double] = [
            "w01": 86, "w02": 84, "w03": 83.5, "w04": 72.2, "w05": 84, "A01": 93.33, "A02": 0, "A03": 87,
        ]
        for (code, score) in expected {
            #expect(result(outcome, code)?.score == score, "\(code)")
        }
        #expect(result(outcome, "w04")?.breakdown["satisfaction"] == 27.2)
        #expect(result(outcome, "w04")?.breakdown["findings"] == -3)
        #expect(result(outcome, "A02")?.breakdown["satisfaction"] == 0)
    }

    @Test func finishedCasesWithoutRatingsCountAsFairAndNoCasesAsNothing() {
        let w = GovDeskConfiguration.Evaluation().weights
        // 40×5/5 + 40×3/5 + 20×5/20 = 40 + 24 + 5 = 69.00: the applicants were not asked, not dissatisfied.
        let unrated = EvaluationEngine.score(makeFigures(.window, "A04", cases: 5, onTime: 5, ratings: []), w)
        #expect(unrated.0 == 69)
        #expect(unrated.1["satisfaction"] == 24)
        // A rating of a case finished last month counts though nothing was finished this month: 40×4/5 = 32.
        let lastMonths = EvaluationEngine.score(makeFigures(.window, "A05", cases: 0, onTime: 0, ratings: [4]), w)
        #expect(lastMonths.1["satisfaction"] == 32)
        #expect(EvaluationEngine.score(makeFigures(.window, "A06", cases: 0, onTime: 0, ratings: []), w).0 == 0)
    }

    @Test func aTieOnScoreIsBrokenByFewerBadRatings() {
        let outcome = EvaluationEngine.evaluate(month, configuration: configuration)
        let staff = outcome.results.filter { $0.figures.subject == .staff }.map(\.figures.code)
        // w02 and w05 both score 84.00; w02 has no 差评, w05 one, so w02 ranks 2nd and w05 3rd.
        #expect(staff == ["w01", "w02", "w05", "w03", "w04"])
        #expect(result(outcome, "w02")?.rank == 2)
        #expect(result(outcome, "w05")?.rank == 3)
    }

    @Test func serviceStarNeedsTheMinimumNumberOfRatings() {
        let outcome = EvaluationEngine.evaluate(month, configuration: configuration)
        let stars = outcome.awards.filter { $0.award == .serviceStar }
        // w01 averages 5.0 but has 2 ratings (< 3): not eligible. w02 and w03 both average 4.5; the tie goes to
        // the higher score (84.00 against 83.50).
        #expect(stars.map(\.code) == ["w02", "w03"])
        #expect(stars.first?.reasonZh.contains("与 w03 并列，按得分高者排在其前") == true)
        #expect(stars.first?.reasonEn.contains("4.50 (4 ratings, at least 3 needed") == true)
    }

    @Test func businessModelIsVolumeAndAccuracy() {
        let outcome = EvaluationEngine.evaluate(month, configuration: configuration)
        // On-time cases less breaches: w01 9, w02 9, w03 5, w04 15, w05 10.
        #expect(outcome.awards.filter { $0.award == .businessModel }.map(\.code) == ["w04"])
    }

    @Test func bestWindowsNeedFinishedCases() {
        let outcome = EvaluationEngine.evaluate(month, configuration: configuration)
        // Three places, but A02 finished nothing.
        #expect(outcome.awards.filter { $0.award == .bestWindow }.map(\.code) == ["A01", "A03"])
    }

    @Test func aCompleteTieFallsBackToTheCode() {
        let twins = [
            makeFigures(.staff, "w09", cases: 4, onTime: 4, ratings: [5]),
            makeFigures(.staff, "w08", cases: 4, onTime: 4, ratings: [5]),
        ]
        let outcome = EvaluationEngine.evaluate(twins, configuration: configuration)
        #expect(outcome.results.map(\.figures.code) == ["w08", "w09"])
    }
}
