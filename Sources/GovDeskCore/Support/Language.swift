/// The language of labels in human-readable output; JSON keys stay English whatever this is.
public enum Language: String, CaseIterable, Sendable, Codable {
    case zh
    case en
}

/// A value with a label in each supported language.
public protocol Labelled {
    var chineseLabel: String { get }
    var englishLabel: String { get }
}

extension Labelled {
    public func label(_ language: Language) -> String {
        switch language {
        case .zh: return chineseLabel
        case .en: return englishLabel
        }
    }

    /// `待签收 (dispatched)`: both names, for messages that must be understood by people and scripts.
    public var bothLabels: String { "\(chineseLabel) (\(englishLabel))" }
}
