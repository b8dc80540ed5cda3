import Foundation

/// One entry of a ticket's audit trail (DESIGN §2.4): appended once, never changed.
///
/// The details carry every value the action set (including computed deadlines), so that replaying a ticket's
/// events rebuilds its current columns without consulting the calendar or the configuration again.
public struct TicketEvent: Equatable, Sendable {
    public var sequence: Int
    public var action: TicketAction
    public var from: TicketState?
    public var to: TicketState
    public var actor: String
    /// The effective time: when it happened.
    public var at: Date
    public var details: [String: String]
    /// When it was recorded (DESIGN §11.2); nil for events written before two times existed, and on bulk paths.
    public var recordedAt: Date?

    public init(
        sequence: Int, action: TicketAction, from: TicketState?, to: TicketState, actor: String, at: Date,
        details: [String: String], recordedAt: Date? = nil
    ) {
        self.recordedAt = recordedAt
        self.sequence = sequence
        self.action = action
        self.from = from
        self.to = to
        self.actor = actor
        self.at = at
        self.details = details
    }

    /// The details as compact JSON with sorted keys, the form stored in the database.
    public var detailsJSON: String {
        Self.encodeDetails(details)
    }

    public static func encodeDetails(_ details: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(details) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    public static func decodeDetails(_ json: String) -> [String: String]? {
        try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))
    }
}

/// Keys of event details, spelled once.
public enum DetailKey {
    public static let number = "number"
    public static let channel = "channel"
    public static let type = "type"
    public static let topic = "topic"
    public static let urgency = "urgency"
    public static let callerName = "callerName"
    public static let callerPhone = "callerPhone"
    public static let address = "address"
    public static let street = "street"
    public static let description = "description"
    public static let sourceSystem = "sourceSystem"
    public static let sourceId = "sourceId"
    public static let lead = "lead"
    public static let co = "co"
    public static let signDeadline = "signDeadline"
    public static let deadline = "deadline"
    public static let previousDeadline = "previousDeadline"
    public static let text = "text"
    public static let outcome = "outcome"
    public static let reason = "reason"
    public static let days = "days"
    public static let onTime = "onTime"
    public static let satisfaction = "satisfaction"
    public static let resolved = "resolved"
    public static let note = "note"
    public static let into = "into"
    public static let signedLate = "signedLate"
}

/// Instants in event details: whole seconds since 1970 in UTC, as text.
public enum EpochText {
    public static func encode(_ date: Date) -> String { String(StoredInstant.seconds(date)) }
    /// Nil when absent, not a whole number, or outside the times GovDesk stores (`StoredInstant.range`).
    public static func decode(_ text: String?) -> Date? {
        guard let text, let seconds = Int64(text) else { return nil }
        return StoredInstant.date(seconds)
    }
}
