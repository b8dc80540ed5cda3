import Foundation

extension GovDeskConfiguration {
    /// Weights and award rules of the monthly evaluation (DESIGN §5.5), `evaluation:` in govdesk.yaml.
    ///
    /// score = onTime × on-time rate + satisfaction × (average rating ÷ 5) + volume × min(cases ÷ volumeTarget, 1)
    ///       − badRating × 差评 − breach × 一次性告知 breaches − finding × verified findings + manual × manual points.
    /// A subject with finished cases but no ratings counts as 基本满意 (3 of 5); with no finished cases and no ratings
    /// it has no satisfaction points (an idle window earns nothing), and its on-time rate is 0.
    public struct Evaluation: Equatable, Sendable, Codable {
        public var weights = Weights()
        public var awards = Awards()
        /// Keys that order subjects whose main figure is equal; the code (ascending) decides last.
        public var tieBreak: [TieBreak] = [.higherScore, .fewerBadRatings, .moreCases, .fewerBreaches]

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable { case weights, awards, tieBreak }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Evaluation()
            weights = try c.decodeIfPresent(Weights.self, forKey: .weights) ?? d.weights
            awards = try c.decodeIfPresent(Awards.self, forKey: .awards) ?? d.awards
            let names = try c.decodeIfPresent([String].self, forKey: .tieBreak)
            if let names {
                guard !names.isEmpty else {
                    throw ConfigRange.error(
                        "an empty list is not allowed; list the tie-break keys in order, from "
                            + TieBreak.allCases.map(\.rawValue).joined(separator: ", "),
                        key: CodingKeys.tieBreak, in: decoder)
                }
                var keys: [TieBreak] = []
                for name in names {
                    guard let key = TieBreak(rawValue: name) else {
                        throw ConfigRange.error(
                            "'\(name)' is not a tie-break key; use \(TieBreak.allCases.map(\.rawValue).joined(separator: ", "))",
                            key: CodingKeys.tieBreak, in: decoder)
                    }
                    guard !keys.contains(key) else {
                        throw ConfigRange.error("'\(name)' is listed twice", key: CodingKeys.tieBreak, in: decoder)
                    }
                    keys.append(key)
                }
                tieBreak = keys
            }
        }
    }

    /// The evaluation's weights, in points.
    public struct Weights: Equatable, Sendable, Codable {
        public var onTime: Double = 40
        public var satisfaction: Double = 40
        public var volume: Double = 20
        /// Finished cases in a month that earn the whole volume weight.
        public var volumeTarget: Int = 20
        /// Points off per 差评.
        public var badRating: Double = 2
        /// Points off per 一次性告知 breach.
        public var breach: Double = 2
        /// Points off per verified finding.
        public var finding: Double = 3
        /// Multiplier of manual points (业务考试 and the like).
        public var manual: Double = 1

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case onTime, satisfaction, volume, volumeTarget, badRating, breach, finding, manual
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Weights()
            func weight(_ key: CodingKeys, _ fallback: Double) throws -> Double {
                let value = try c.decodeIfPresent(Double.self, forKey: key) ?? fallback
                guard value >= 0, value <= 100, value.isFinite else {
                    throw ConfigRange.error(
                        "\(value) is not allowed; use a number from 0 to 100", key: key, in: decoder)
                }
                return value
            }
            onTime = try weight(.onTime, d.onTime)
            satisfaction = try weight(.satisfaction, d.satisfaction)
            volume = try weight(.volume, d.volume)
            badRating = try weight(.badRating, d.badRating)
            breach = try weight(.breach, d.breach)
            finding = try weight(.finding, d.finding)
            manual = try weight(.manual, d.manual)
            volumeTarget = try c.decodeIfPresent(Int.self, forKey: .volumeTarget) ?? d.volumeTarget
            try ConfigRange.check(volumeTarget, 1...10_000, key: CodingKeys.volumeTarget, in: decoder)
        }
    }

    /// How many are named for each award, and who may be.
    public struct Awards: Equatable, Sendable, Codable {
        /// 优秀窗口
        public var bestWindows = 3
        /// 服务之星
        public var serviceStars = 5
        /// 业务标兵
        public var businessModels = 3
        /// Ratings a staff member needs in the month to be a 服务之星.
        public var minimumRatings = 5
        /// Finished cases a staff member needs in the month to be a 业务标兵.
        public var minimumCases = 5

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case bestWindows, serviceStars, businessModels, minimumRatings, minimumCases
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Awards()
            bestWindows = try c.decodeIfPresent(Int.self, forKey: .bestWindows) ?? d.bestWindows
            serviceStars = try c.decodeIfPresent(Int.self, forKey: .serviceStars) ?? d.serviceStars
            businessModels = try c.decodeIfPresent(Int.self, forKey: .businessModels) ?? d.businessModels
            minimumRatings = try c.decodeIfPresent(Int.self, forKey: .minimumRatings) ?? d.minimumRatings
            minimumCases = try c.decodeIfPresent(Int.self, forKey: .minimumCases) ?? d.minimumCases
            try ConfigRange.check(bestWindows, 0...100, key: CodingKeys.bestWindows, in: decoder)
            try ConfigRange.check(serviceStars, 0...100, key: CodingKeys.serviceStars, in: decoder)
            try ConfigRange.check(businessModels, 0...100, key: CodingKeys.businessModels, in: decoder)
            try ConfigRange.check(minimumRatings, 1...1000, key: CodingKeys.minimumRatings, in: decoder)
            try ConfigRange.check(minimumCases, 1...1000, key: CodingKeys.minimumCases, in: decoder)
        }
    }

    /// A tie-break key; whichever is listed first decides, and the code decides last.
    public enum TieBreak: String, CaseIterable, Sendable, Codable, Labelled {
        case higherScore, fewerBadRatings, moreCases, fewerBreaches, higherOnTimeRate, moreRatings

        public var chineseLabel: String {
            switch self {
            case .higherScore: return "得分高者"
            case .fewerBadRatings: return "差评少者"
            case .moreCases: return "办结多者"
            case .fewerBreaches: return "告知违规少者"
            case .higherOnTimeRate: return "按时率高者"
            case .moreRatings: return "评价多者"
            }
        }

        public var englishLabel: String {
            switch self {
            case .higherScore: return "higher score"
            case .fewerBadRatings: return "fewer bad ratings"
            case .moreCases: return "more cases"
            case .fewerBreaches: return "fewer breaches"
            case .higherOnTimeRate: return "higher on-time rate"
            case .moreRatings: return "more ratings"
            }
        }
    }
}
