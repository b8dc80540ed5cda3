import Foundation

/// `Config/govdesk.yaml`: every key has a default here, so a missing file or key means the default (DESIGN §9).
public struct GovDeskConfiguration: Equatable, Sendable, Codable {
    /// The configuration format version this build reads.
    public static let currentVersion = 1

    public var version: Int = GovDeskConfiguration.currentVersion
    /// IANA time zone in which days and months are counted.
    public var timeZone: String = "Asia/Shanghai"
    /// Label language of human-readable output.
    public var language: Language = .zh
    public var limits: Limits = Limits()
    public var letters: Letters = Letters()
    public var evaluation: Evaluation = Evaluation()
    public var backdating: Backdating = Backdating()

    public init() {}

    /// 补录 (DESIGN §11.2): how much earlier than its recording an entry may take effect before it counts as
    /// back-dated and needs a reason and a supervisor.
    public struct Backdating: Equatable, Sendable, Codable {
        /// Minutes; at least 1 (entries recorded within a minute of taking effect are never back-dated), at most a
        /// day.
        public var graceMinutes: Int = 60

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable { case graceMinutes }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            graceMinutes = try c.decodeIfPresent(Int.self, forKey: .graceMinutes) ?? 60
            try ConfigRange.check(graceMinutes, 1...1440, key: CodingKeys.graceMinutes, in: decoder)
        }
    }

    /// Clock limits of DESIGN §3.
    public struct Limits: Equatable, Sendable, Codable {
        /// 签收时限 in natural hours, by urgency.
        public var signHours: ByUrgency = ByUrgency(normal: 24, urgent: 2)
        /// 办理时限 in working days, by type (normal urgency).
        public var handlingDays: ByType = ByType()
        /// Urgent tickets' handling limit in natural hours.
        public var urgentHandlingHours: Int = 24

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case signHours, handlingDays, urgentHandlingHours
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = Limits()
            signHours = try c.decodeIfPresent(ByUrgency.self, forKey: .signHours) ?? defaults.signHours
            handlingDays = try c.decodeIfPresent(ByType.self, forKey: .handlingDays) ?? defaults.handlingDays
            urgentHandlingHours =
                try c.decodeIfPresent(Int.self, forKey: .urgentHandlingHours) ?? defaults.urgentHandlingHours
            try ConfigRange.check(urgentHandlingHours, 1...720, key: CodingKeys.urgentHandlingHours, in: decoder)
        }
    }

    /// Hours by urgency.
    public struct ByUrgency: Equatable, Sendable, Codable {
        public var normal: Int
        public var urgent: Int

        public init(normal: Int, urgent: Int) {
            self.normal = normal
            self.urgent = urgent
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case normal, urgent }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            normal = try c.decodeIfPresent(Int.self, forKey: .normal) ?? 24
            urgent = try c.decodeIfPresent(Int.self, forKey: .urgent) ?? 2
            try ConfigRange.check(normal, 1...720, key: CodingKeys.normal, in: decoder)
            try ConfigRange.check(urgent, 1...720, key: CodingKeys.urgent, in: decoder)
        }

        public subscript(urgency: Urgency) -> Int {
            urgency == .urgent ? urgent : normal
        }
    }

    /// Working days by ticket type.
    public struct ByType: Equatable, Sendable, Codable {
        public var consult = 3
        public var help = 5
        public var complaint = 10
        public var report = 10
        public var suggestion = 10
        public var praise = 3

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case consult, help, complaint, report, suggestion, praise
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = ByType()
            consult = try c.decodeIfPresent(Int.self, forKey: .consult) ?? d.consult
            help = try c.decodeIfPresent(Int.self, forKey: .help) ?? d.help
            complaint = try c.decodeIfPresent(Int.self, forKey: .complaint) ?? d.complaint
            report = try c.decodeIfPresent(Int.self, forKey: .report) ?? d.report
            suggestion = try c.decodeIfPresent(Int.self, forKey: .suggestion) ?? d.suggestion
            praise = try c.decodeIfPresent(Int.self, forKey: .praise) ?? d.praise
            for key in CodingKeys.allCases {
                try ConfigRange.check(self[key], 1...60, key: key, in: decoder)
            }
        }

        private subscript(key: CodingKeys) -> Int {
            switch key {
            case .consult: return consult
            case .help: return help
            case .complaint: return complaint
            case .report: return report
            case .suggestion: return suggestion
            case .praise: return praise
            }
        }

        public subscript(type: TicketType) -> Int {
            switch type {
            case .consult: return consult
            case .help: return help
            case .complaint: return complaint
            case .report: return report
            case .suggestion: return suggestion
            case .praise: return praise
            }
        }
    }

    /// Supervision letter thresholds (DESIGN §4).
    public struct Letters: Equatable, Sendable, Codable {
        /// Share of the allowed time after which a reminder letter (提醒函) is due.
        public var reminderShare: Double = 0.8
        /// The number prefix of reminder letters: `潞热线提〔2025〕第12号`.
        public var reminderPrefix: String = "潞热线提"
        /// The number prefix of warning letters: `潞热线警〔2025〕第3号`.
        public var warningPrefix: String = "潞热线警"

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable { case reminderShare, reminderPrefix, warningPrefix }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            reminderShare = try c.decodeIfPresent(Double.self, forKey: .reminderShare) ?? 0.8
            reminderPrefix = try c.decodeIfPresent(String.self, forKey: .reminderPrefix) ?? "潞热线提"
            warningPrefix = try c.decodeIfPresent(String.self, forKey: .warningPrefix) ?? "潞热线警"
            for (key, prefix) in [(CodingKeys.reminderPrefix, reminderPrefix), (.warningPrefix, warningPrefix)] {
                // Letters only: a number is read back by its prefix (brackets, digits and '/' would blur where the
                // prefix ends), and a control or direction character would reach file names and the terminal.
                let letters = prefix.unicodeScalars.allSatisfy {
                    switch $0.properties.generalCategory {
                    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
                    default: false
                    }
                }
                guard (1...20).contains(prefix.unicodeScalars.count), letters else {
                    throw ConfigRange.error(
                        "'\(Printable.quoted(prefix))' is not allowed; use 1 to 20 letters, such as 潞热线提",
                        key: key, in: decoder)
                }
            }
            // Each kind is numbered on its own from 1 each year: one prefix for both would give two letters the
            // same number, and the second could never be issued.
            guard reminderPrefix != warningPrefix || decoder.userInfo[.storedRules] as? Bool == true else {
                throw ConfigRange.error(
                    "'\(Printable.quoted(warningPrefix))' is not allowed: it is the reminders' prefix too; give each "
                        + "kind its own, as 潞热线提 for reminders and 潞热线警 for warnings", key: CodingKeys.warningPrefix,
                    in: decoder)
            }
            guard reminderShare > 0, reminderShare < 1 else {
                throw ConfigRange.error(
                    "\(reminderShare) is not allowed; use a fraction between 0 and 1 such as 0.8",
                    key: CodingKeys.reminderShare, in: decoder)
            }
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, timeZone, language, limits, letters, evaluation, backdating
    }

    /// Keys of earlier versions that are refused by name, with what replaced them.
    enum RemovedKeys: String, CodingKey, CaseIterable {
        case defaultActor
    }

    public init(from decoder: Decoder) throws {
        if let removed = try? decoder.container(keyedBy: RemovedKeys.self), removed.contains(.defaultActor) {
            throw ConfigValueError(
                path: "defaultActor",
                message: "this key is gone: there is no implicit actor any more (DESIGN §11.1); remove it and name "
                    + "the actor of each write with --actor or GOVDESK_ACTOR")
        }
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = GovDeskConfiguration()
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? d.version
        guard version == Self.currentVersion else {
            throw ConfigRange.error(
                "version \(version) is not supported; this build reads version \(Self.currentVersion)",
                key: CodingKeys.version, in: decoder)
        }
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? d.timeZone
        guard TimeZone(identifier: timeZone) != nil else {
            throw ConfigRange.error(
                "'\(timeZone)' is not a known time zone; use an IANA name such as Asia/Shanghai",
                key: CodingKeys.timeZone, in: decoder)
        }
        language = try c.decodeIfPresent(Language.self, forKey: .language) ?? d.language
        limits = try c.decodeIfPresent(Limits.self, forKey: .limits) ?? d.limits
        letters = try c.decodeIfPresent(Letters.self, forKey: .letters) ?? d.letters
        evaluation = try c.decodeIfPresent(Evaluation.self, forKey: .evaluation) ?? d.evaluation
        backdating = try c.decodeIfPresent(Backdating.self, forKey: .backdating) ?? d.backdating
    }

    /// The configured time zone; validated at decoding, so the fallback is never used in practice.
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Asia/Shanghai")! }
}

/// A configuration value outside what is allowed; `path` is the key path such as `limits.signHours.urgent`.
public struct ConfigValueError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Range checks that produce errors naming the key.
enum ConfigRange {
    static func check(_ value: Int, _ range: ClosedRange<Int>, key: some CodingKey, in decoder: Decoder) throws {
        guard range.contains(value) else {
            throw error(
                "\(value) is not allowed; use a whole number from \(range.lowerBound) to \(range.upperBound)",
                key: key, in: decoder)
        }
    }

    static func error(_ message: String, key: some CodingKey, in decoder: Decoder) -> ConfigValueError {
        ConfigValueError(path: (decoder.codingPath + [key]).map(\.stringValue).joined(separator: "."), message: message)
    }
}

/// A coding key that accepts any name, used to list the keys a file actually has.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws when the keyed value has a key that `Keys` does not declare: a misspelt key is an error, not a no-op.
    public func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_: Keys.Type) throws {
        guard let container = try? container(keyedBy: AnyCodingKey.self) else { return }
        let known = Set(Keys.allCases.map(\.stringValue))
        for key in container.allKeys where !known.contains(key.stringValue) {
            let path = (codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw ConfigValueError(
                path: path,
                message: "unknown key; allowed here: \(Keys.allCases.map(\.stringValue).joined(separator: ", "))")
        }
    }
}
