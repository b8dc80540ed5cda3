import Foundation

/// 综合得分: one number per department for the ranking and the red and black lists (红黑榜).
///
/// ```
/// score = 100 × (0.35·按时办结率 + 0.20·及时签收率 + 0.25·满意率 + 0.20·办结率) ÷ (sum of the weights present)
///         − 20 × 回退率 − 20 × 重办率
/// ```
/// A rate with no cases (denominator 0) is left out and the remaining weights are scaled up, so a department is
/// neither rewarded nor punished for what it had no occasion to do; a missing return or reopen rate costs nothing.
/// The result is clamped to 0–100 and rounded to one decimal; the ranking compares the rounded scores, and equal
/// scores are ordered by department code. A department without any of the four rates has no score and ranks last.
/// Only departments that received at least `minimumTickets` tickets in the month enter the lists: the red list is
/// the best `listSize`, the black list the worst `listSize` of the others.
public enum DepartmentScore {
    public static let onTimeWeight = 0.35
    public static let responseWeight = 0.20
    public static let satisfactionWeight = 0.25
    public static let closureWeight = 0.20
    /// Points taken off per unit of return rate and of reopen rate.
    public static let returnPenalty = 20.0
    public static let reopenPenalty = 20.0
    public static let minimumTickets = 5
    public static let listSize = 5

    /// The score of a department's figures; nil when none of the weighted rates has a case.
    public static func score(_ f: ReportFigures) -> Double? {
        let parts: [(Double?, Double)] = [
            (f.onTimeRate.value, onTimeWeight), (f.responseRate.value, responseWeight),
            (f.satisfactionRate.value, satisfactionWeight), (f.closureRate.value, closureWeight),
        ]
        var weighted = 0.0
        var weights = 0.0
        for (rate, weight) in parts {
            guard let rate else { continue }
            weighted += rate * weight
            weights += weight
        }
        guard weights > 0 else { return nil }
        var score = 100 * weighted / weights
        score -= returnPenalty * (f.returnRate.value ?? 0)
        score -= reopenPenalty * (f.reopenRate.value ?? 0)
        return (min(100, max(0, score)) * 10).rounded() / 10
    }

    /// The ordering of the ranking: higher score first, then department code; no score last.
    public static func ranksBefore(_ a: (code: String, score: Double?), _ b: (code: String, score: Double?)) -> Bool {
        switch (a.score, b.score) {
        case (let x?, let y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.code < b.code
        }
    }

    /// The formula in one line, for the report's footnote.
    public static func formula(_ language: Language) -> String {
        switch language {
        case .zh:
            return "综合得分 = 100 ×（0.35×按时办结率 + 0.20×及时签收率 + 0.25×满意率 + 0.20×办结率）÷ 有数据指标的权重之和"
                + " − 20×回退率 − 20×重办率，取0–100分、保留一位小数；无数据的指标不计入，权重按比例放大。"
                + "同分按单位代码排序。当月派件不少于\(minimumTickets)件的单位参加红黑榜：红榜为得分前\(listSize)名，黑榜为其余单位中得分后\(listSize)名。"
        case .en:
            return "Score = 100 × (0.35 on-time rate + 0.20 response rate + 0.25 satisfaction rate + 0.20 closure rate)"
                + " ÷ (sum of the weights of the rates that have cases) − 20 × return rate − 20 × reopen rate, clamped to"
                + " 0–100 and rounded to one decimal; equal scores are ordered by department code. Departments that"
                + " received at least \(minimumTickets) tickets in the month enter the lists: the red list is the top"
                + " \(listSize), the black list the bottom \(listSize) of the others."
        }
    }
}
