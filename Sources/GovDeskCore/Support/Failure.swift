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

/// An error a person caused and can act on: it knows its exit status and has a one-line message.
public protocol GovDeskError: Error, CustomStringConvertible {
    var kind: FailureKind { get }
}
