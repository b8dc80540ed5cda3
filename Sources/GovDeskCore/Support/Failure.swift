/// How a failure is reported to a person or a script: each maps to one documented exit status (DESIGN §10).
public enum FailureKind: Sendable, Equatable {
    /// The request was understood and refused: invalid transition, permission, business rule. Exit 1.
    case refused
    /// The command line itself is malformed: a value of the wrong form or outside what is allowed. Exit 64.
    case usage
    /// The input data is wrong: an unknown ticket, department or actor, a bad config or import file. Exit 65.
    case badData
    /// The database could not be opened, read or written. Exit 74.
    case storage

    public var exitStatus: Int32 {
        switch self {
        case .refused: return 1
        case .usage: return 64
        case .badData: return 65
        case .storage: return 74
        }
    }
}

/// An error a person caused and can act on: it knows its exit status and has a one-line message in each language.
///
/// Both messages are required, with no default, so that no error speaks one language only (issue 13). Each module
/// keeps its Chinese messages in its `Messages+zh.swift` and its English ones in its `Messages+en.swift`.
public protocol GovDeskError: Error, CustomStringConvertible {
    var kind: FailureKind { get }
    /// The message in Chinese, from the module's `Messages+zh.swift`.
    var chineseMessage: String { get }
    /// The message in English, from the module's `Messages+en.swift`.
    var englishMessage: String { get }
}

extension GovDeskError {
    /// The message in the reader's language.
    public func message(_ language: Language) -> String {
        switch language {
        case .zh: return chineseMessage
        case .en: return englishMessage
        }
    }

    /// The English message: what logs and tests that do not ask for a language see.
    public var description: String { englishMessage }
}

/// Part of a message in both languages, as a module's catalog words it: what an error carries when the wording is
/// the thrower's (`invalidField`, a storage failure), so that the error can still speak either language.
public struct Phrase: Sendable, Equatable, CustomStringConvertible {
    public var chinese: String
    public var english: String

    public init(chinese: String, english: String) {
        self.chinese = chinese
        self.english = english
    }

    /// The same text in both languages: a value that is data, not words (a system's own error text, a path).
    public init(verbatim text: String) {
        self.init(chinese: text, english: text)
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .zh: return chinese
        case .en: return english
        }
    }

    public var description: String { english }
}

extension Labelled {
    /// Both labels, as a phrase an error can carry.
    public var phrase: Phrase { Phrase(chinese: chineseLabel, english: englishLabel) }
}
