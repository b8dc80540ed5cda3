import Foundation

/// Whom an evaluation result is about.
public enum EvaluationSubject: String, CaseIterable, Sendable, Codable, Labelled {
    case staff
    case window

    public var chineseLabel: String { self == .staff ? "窗口工作人员" : "窗口" }
    public var englishLabel: String { rawValue }
}

/// The three monthly awards (DESIGN §5.5).
public enum AwardKind: String, CaseIterable, Sendable, Codable, Labelled {
    /// 优秀窗口: the best-scoring windows.
    case bestWindow = "best-window"
    /// 服务之星: the best average rating among staff with enough ratings.
    case serviceStar = "service-star"
    /// 业务标兵: the most cases finished on time without a 一次性告知 breach.
    case businessModel = "business-model"

    public var chineseLabel: String {
        switch self {
        case .bestWindow: return "优秀窗口"
        case .serviceStar: return "服务之星"
        case .businessModel: return "业务标兵"
        }
    }

    public var englishLabel: String {
        switch self {
        case .bestWindow: return "best window"
        case .serviceStar: return "service star"
        case .businessModel: return "business model"
        }
    }
}

/// One subject's figures for a month, gathered from the month's data.
public struct EvaluationFigures: Equatable, Sendable {
    public var subject: EvaluationSubject
    public var code: String
    public var name: String
    /// Cases finished (completed or refused) in the month.
    public var cases = 0
    public var onTimeCases = 0
    /// Finished cases the applicant came to only once (跑动一次).
    public var oneVisitCases = 0
    public var ratings = 0
    public var ratingSum = 0
    public var badRatings = 0
    public var breaches = 0
    public var verifiedFindings = 0
    public var manualPoints: Double = 0

    public init(subject: EvaluationSubject, code: String, name: String) {
        self.subject = subject
        self.code = code
        self.name = name
    }

    public var onTimeRate: Double? { cases == 0 ? nil : Double(onTimeCases) / Double(cases) }
    public var averageRating: Double? { ratings == 0 ? nil : Double(ratingSum) / Double(ratings) }
    /// 业务标兵's figure: cases finished on time, less 一次性告知 breaches.
    public var accurateCases: Int { onTimeCases - breaches }
}

/// A subject's computed score with its parts, so that a person can see why.
public struct EvaluationResult: Equatable, Sendable {
    public var figures: EvaluationFigures
    /// Rounded to hundredths.
    public var score: Double
    /// 1-based place among subjects of the same kind, ties broken by the configured keys then the code.
    public var rank: Int
    /// Points per component: onTime, satisfaction, volume, badRatings, breaches, findings, manual.
    public var breakdown: [String: Double]

    public init(figures: EvaluationFigures, score: Double, rank: Int, breakdown: [String: Double]) {
        self.figures = figures
        self.score = score
        self.rank = rank
        self.breakdown = breakdown
    }
}

/// An award given, with its reason in both languages.
public struct EvaluationAward: Equatable, Sendable, Codable {
    public var award: AwardKind
    public var position: Int
    public var subject: EvaluationSubject
    public var code: String
    public var name: String
    public var reasonZh: String
    public var reasonEn: String

    public init(
        award: AwardKind, position: Int, subject: EvaluationSubject, code: String, name: String, reasonZh: String,
        reasonEn: String
    ) {
        self.award = award
        self.position = position
        self.subject = subject
        self.code = code
        self.name = name
        self.reasonZh = reasonZh
        self.reasonEn = reasonEn
    }
}

/// The month's evaluation: scores for every subject and the awards.
public struct EvaluationOutcome: Equatable, Sendable {
    public var results: [EvaluationResult]
    public var awards: [EvaluationAward]

    public init(results: [EvaluationResult], awards: [EvaluationAward]) {
        self.results = results
        self.awards = awards
    }
}

/// Scores and awards from figures (DESIGN §5.5); pure, so a small month can be worked out by hand.
///
/// Ranking: higher score first; equal scores (to the hundredth) are ordered by the configured tie-break keys,
/// then by code ascending. 优秀窗口: the top windows with at least one finished case. 服务之星: staff with at
/// least `minimumRatings` ratings, by average rating, then the tie-break keys. 业务标兵: staff with at least
/// `minimumCases` finished cases, by cases finished on time less breaches, then the tie-break keys.
public enum EvaluationEngine {
    public static func score(_ f: EvaluationFigures, _ w: GovDeskConfiguration.Weights) -> (Double, [String: Double]) {
        let parts: [String: Double] = [
            "onTime": w.onTime * (f.onTimeRate ?? 0),
            "satisfaction": w.satisfaction * ((f.averageRating ?? (f.cases > 0 ? 3 : 0)) / 5),
            "volume": w.volume * min(Double(f.cases) / Double(w.volumeTarget), 1),
            "badRatings": -w.badRating * Double(f.badRatings),
            "breaches": -w.breach * Double(f.breaches),
            "findings": -w.finding * Double(f.verifiedFindings),
            "manual": w.manual * f.manualPoints,
        ]
        let rounded = parts.mapValues(round2)
        let total = parts.values.reduce(0, +)
        return (round2(total), rounded)
    }

    static func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    public static func evaluate(
        _ figures: [EvaluationFigures], configuration: GovDeskConfiguration.Evaluation
    ) -> EvaluationOutcome {
        var scored: [EvaluationResult] = figures.map {
            let (total, parts) = score($0, configuration.weights)
            return EvaluationResult(figures: $0, score: total, rank: 0, breakdown: parts)
        }
        var results: [EvaluationResult] = []
        for subject in EvaluationSubject.allCases {
            var group = scored.filter { $0.figures.subject == subject }
            group.sort { precedes($0, $1, primary: nil, keys: configuration.tieBreak) }
            for index in group.indices { group[index].rank = index + 1 }
            results += group
        }
        scored = results
        var awards: [EvaluationAward] = []
        let windows = scored.filter { $0.figures.subject == .window && $0.figures.cases > 0 }
        let tie = configuration.tieBreak
        for (i, r) in windows.prefix(configuration.awards.bestWindows).enumerated() {
            var zh = "得分 \(fmt(r.score))，窗口第 \(r.rank) 名（办结 \(r.figures.cases) 件"
            var en = "score \(fmt(r.score)), rank \(r.rank) of the windows (\(r.figures.cases) cases"
            zh += "，按时率 \(pct(r.figures.onTimeRate))，差评 \(r.figures.badRatings)）"
            en += ", on time \(pct(r.figures.onTimeRate)), \(r.figures.badRatings) bad ratings)"
            let (tz, te) = tieNote(r, among: windows, primary: nil, keys: tie)
            awards.append(award(.bestWindow, i + 1, r, zh + tz, en + te))
        }
        let staff = scored.filter { $0.figures.subject == .staff }
        let minimum = configuration.awards.minimumRatings
        let stars = staff.filter { $0.figures.ratings >= minimum }
            .sorted { precedes($0, $1, primary: .averageRating, keys: tie) }
        for (i, r) in stars.prefix(configuration.awards.serviceStars).enumerated() {
            let zh =
                "平均评价 \(fmt(r.figures.averageRating ?? 0))（\(r.figures.ratings) 次评价，不少于 \(minimum) 次；差评 \(r.figures.badRatings)）"
            let en =
                "average rating \(fmt(r.figures.averageRating ?? 0)) (\(r.figures.ratings) ratings, at least \(minimum) needed; \(r.figures.badRatings) bad)"
            let (tz, te) = tieNote(r, among: stars, primary: .averageRating, keys: tie)
            awards.append(award(.serviceStar, i + 1, r, zh + tz, en + te))
        }
        let minimumCases = configuration.awards.minimumCases
        let models = staff.filter { $0.figures.cases >= minimumCases && $0.figures.accurateCases > 0 }
            .sorted { precedes($0, $1, primary: .accurateCases, keys: tie) }
        for (i, r) in models.prefix(configuration.awards.businessModels).enumerated() {
            let zh =
                "按时办结 \(r.figures.onTimeCases) 件、一次性告知违规 \(r.figures.breaches) 次，计 \(r.figures.accurateCases) 件（办结 \(r.figures.cases) 件，不少于 \(minimumCases) 件）"
            let en =
                "\(r.figures.onTimeCases) cases on time less \(r.figures.breaches) breach\(r.figures.breaches == 1 ? "" : "es") = \(r.figures.accurateCases) (\(r.figures.cases) finished, at least \(minimumCases) needed)"
            let (tz, te) = tieNote(r, among: models, primary: .accurateCases, keys: tie)
            awards.append(award(.businessModel, i + 1, r, zh + tz, en + te))
        }
        return EvaluationOutcome(results: scored, awards: awards)
    }

    enum Primary { case averageRating, accurateCases }

    private static func award(
        _ kind: AwardKind, _ position: Int, _ r: EvaluationResult, _ zh: String, _ en: String
    ) -> EvaluationAward {
        EvaluationAward(
            award: kind, position: position, subject: r.figures.subject, code: r.figures.code, name: r.figures.name,
            reasonZh: zh, reasonEn: en)
    }

    /// -1, 0 or 1: how `a` compares with `b` on one key, 1 meaning `a` goes first.
    static func compare(_ a: EvaluationResult, _ b: EvaluationResult, key: GovDeskConfiguration.TieBreak) -> Int {
        func order<T: Comparable>(_ x: T, _ y: T, higherFirst: Bool) -> Int {
            if x == y { return 0 }
            return (x > y) == higherFirst ? 1 : -1
        }
        let fa = a.figures
        let fb = b.figures
        switch key {
        case .higherScore: return order(cents(a.score), cents(b.score), higherFirst: true)
        case .fewerBadRatings: return order(fa.badRatings, fb.badRatings, higherFirst: false)
        case .moreCases: return order(fa.cases, fb.cases, higherFirst: true)
        case .fewerBreaches: return order(fa.breaches, fb.breaches, higherFirst: false)
        case .moreRatings: return order(fa.ratings, fb.ratings, higherFirst: true)
        case .higherOnTimeRate:
            // Compared as fractions, exactly: a/b > c/d ⇔ a·d > c·b.
            let x = fa.onTimeCases * max(fb.cases, 1) * (fa.cases == 0 ? 0 : 1)
            let y = fb.onTimeCases * max(fa.cases, 1) * (fb.cases == 0 ? 0 : 1)
            return order(x, y, higherFirst: true)
        }
    }

    static func comparePrimary(_ a: EvaluationResult, _ b: EvaluationResult, _ primary: Primary?) -> Int {
        switch primary {
        case nil: return compare(a, b, key: .higherScore)
        case .averageRating?:
            let x = a.figures.ratingSum * b.figures.ratings
            let y = b.figures.ratingSum * a.figures.ratings
            return x == y ? 0 : (x > y ? 1 : -1)
        case .accurateCases?:
            let x = a.figures.accurateCases
            let y = b.figures.accurateCases
            return x == y ? 0 : (x > y ? 1 : -1)
        }
    }

    static func precedes(
        _ a: EvaluationResult, _ b: EvaluationResult, primary: Primary?, keys: [GovDeskConfiguration.TieBreak]
    ) -> Bool {
        let p = comparePrimary(a, b, primary)
        if p != 0 { return p > 0 }
        for key in keys {
            let c = compare(a, b, key: key)
            if c != 0 { return c > 0 }
        }
        return a.figures.code < b.figures.code
    }

    /// When `r` ties on the main figure with a neighbour, says which key set them apart.
    static func tieNote(
        _ r: EvaluationResult, among list: [EvaluationResult], primary: Primary?, keys: [GovDeskConfiguration.TieBreak]
    ) -> (String, String) {
        let tied = list.filter { $0.figures.code != r.figures.code && comparePrimary($0, r, primary) == 0 }
        guard !tied.isEmpty else { return ("", "") }
        var zh: [String] = []
        var en: [String] = []
        for other in tied {
            let key = keys.first { compare(r, other, key: $0) != 0 }
            let won = precedes(r, other, primary: primary, keys: keys)
            let keyZh = key.map(label) ?? "代码顺序"
            let keyEn = key?.englishLabel ?? "code order"  // its words, not its configuration name
            zh.append("与 \(other.figures.code) 并列，按\(keyZh)\(won ? "排在其前" : "排在其后")")
            en.append("tied with \(other.figures.code); \(won ? "ahead" : "behind") by \(keyEn)")
        }
        return ("；" + zh.joined(separator: "；"), "; " + en.joined(separator: "; "))
    }

    static func label(_ key: GovDeskConfiguration.TieBreak) -> String {
        switch key {
        case .higherScore: return "得分高者"
        case .fewerBadRatings: return "差评少者"
        case .moreCases: return "办件多者"
        case .fewerBreaches: return "违规少者"
        case .higherOnTimeRate: return "按时率高者"
        case .moreRatings: return "评价多者"
        }
    }

    static func cents(_ value: Double) -> Int { Int((value * 100).rounded()) }

    /// `87.50`.
    public static func fmt(_ value: Double) -> String { String(format: "%.2f", value) }

    /// `95.0%`, or `—` when there is nothing to divide.
    public static func pct(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    }
}
