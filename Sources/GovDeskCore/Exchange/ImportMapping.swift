import Foundation

/// `Config/mappings/*.yaml`: how another system's ticket export maps onto GovDesk tickets (DESIGN §7).
///
/// Column names are the source file's header names. Unknown keys and values of the wrong type are errors that
/// name the key, like any configuration file.
public struct ImportMapping: Decodable, Sendable {
    public static let currentVersion = 1

    public var version: Int
    /// Stored with every imported ticket; with the source id it makes a re-import add nothing.
    public var sourceSystem: String
    /// IANA zone in which the source's wall-clock timestamps are read.
    public var timeZone: String
    /// Layouts of the source's timestamps, tried in order (see `TimestampPattern`).
    public var timestampFormats: [String]
    public var columns: Columns
    /// Status values that mean the ticket is closed (compared after trimming, ignoring case). Without a status column
    /// a ticket is closed when its closed-time column has a value.
    public var closedStatuses: [String]
    /// The ticket description, from columns: `{Complaint Type}: {Descriptor}`.
    public var description: String
    /// The answer recorded when the ticket closed, from columns; empty means none.
    public var closingText: String
    public var type: ValueMapping<TicketType>
    public var channel: ValueMapping<Channel>
    public var urgency: ValueMapping<Urgency>
    public var department: DepartmentMapping
    public var topic: TopicMapping
    /// Removes the apostrophe that GovDesk's CSV export puts before cells starting with `= + - @`, tab or CR.
    public var undoFormulaGuard: Bool

    /// Source columns for the ticket's own fields.
    public struct Columns: Decodable, Sendable {
        public var sourceId: String
        public var createdAt: String
        public var closedAt: String?
        public var dueAt: String?
        public var status: String?
        public var callerName: String?
        public var callerPhone: String?
        public var address: String?
        public var street: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case sourceId, createdAt, closedAt, dueAt, status, callerName, callerPhone, address, street
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sourceId = try c.decode(String.self, forKey: .sourceId)
            createdAt = try c.decode(String.self, forKey: .createdAt)
            closedAt = try c.decodeIfPresent(String.self, forKey: .closedAt)
            dueAt = try c.decodeIfPresent(String.self, forKey: .dueAt)
            status = try c.decodeIfPresent(String.self, forKey: .status)
            callerName = try c.decodeIfPresent(String.self, forKey: .callerName)
            callerPhone = try c.decodeIfPresent(String.self, forKey: .callerPhone)
            address = try c.decodeIfPresent(String.self, forKey: .address)
            street = try c.decodeIfPresent(String.self, forKey: .street)
        }
    }

    /// A source column whose values map onto one of GovDesk's enumerations; the enumeration's own names are accepted
    /// as they are.
    public struct ValueMapping<Value: RawRepresentable & CaseIterable & Sendable>: Decodable, Sendable
    where Value.RawValue == String {
        public var column: String?
        public var values: [String: Value]
        /// For empty and unmapped values; without it such a value is an error.
        public var defaultValue: Value?

        public init(column: String? = nil, values: [String: Value] = [:], defaultValue: Value?) {
            self.column = column
            self.values = values
            self.defaultValue = defaultValue
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case column, values
            case defaultValue = "default"
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            column = try c.decodeIfPresent(String.self, forKey: .column)
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            func value(_ raw: String, _ path: String) throws -> Value {
                guard let v = Value(rawValue: raw) else {
                    throw ConfigValueError(path: path, message: "'\(raw)' is not allowed; use one of \(allowed)")
                }
                return v
            }
            let prefix = decoder.codingPath.map(\.stringValue).joined(separator: ".")
            var mapped: [String: Value] = [:]
            for (key, raw) in try c.decodeIfPresent([String: String].self, forKey: .values) ?? [:] {
                mapped[Self.normalise(key)] = try value(raw, "\(prefix).values.\(key)")
            }
            values = mapped
            defaultValue = try c.decodeIfPresent(String.self, forKey: .defaultValue).map {
                try value($0, "\(prefix).default")
            }
        }

        /// Keys compare trimmed and case-insensitively.
        static func normalise(_ text: String) -> String {
            FastText.lowercased(FastText.trimmed(text))
        }

        /// The value for a source cell, or nil when it is not mapped and there is no default.
        public func map(_ source: String) -> Value? {
            let key = Self.normalise(source)
            if key.isEmpty { return defaultValue }
            return values[key] ?? Value(rawValue: key) ?? defaultValue
        }
    }

    /// The lead department: mapped values, then department codes and names as they are, then the default; a ticket
    /// with none is imported undispatched.
    public struct DepartmentMapping: Decodable, Sendable {
        public var column: String?
        public var values: [String: String]
        public var defaultValue: String?

        public init(column: String? = nil, values: [String: String] = [:], defaultValue: String? = nil) {
            self.column = column
            self.values = values
            self.defaultValue = defaultValue
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case column, values
            case defaultValue = "default"
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            column = try c.decodeIfPresent(String.self, forKey: .column)
            values = try c.decodeIfPresent([String: String].self, forKey: .values) ?? [:]
            defaultValue = try c.decodeIfPresent(String.self, forKey: .defaultValue)
        }
    }

    /// The topic path: a source value mapped to a path (or used as it is), then a detail column as a further level
    /// while the path has fewer than three levels.
    public struct TopicMapping: Decodable, Sendable {
        public var column: String?
        public var detailColumn: String?
        public var values: [String: String]
        /// For unmapped values; `{value}` stands for the source value. Defaults to `{value}`.
        public var defaultValue: String

        public init(
            column: String? = nil, detailColumn: String? = nil, values: [String: String] = [:],
            defaultValue: String = "{value}"
        ) {
            self.column = column
            self.detailColumn = detailColumn
            self.values = values
            self.defaultValue = defaultValue
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case column, detailColumn, values
            case defaultValue = "default"
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            column = try c.decodeIfPresent(String.self, forKey: .column)
            detailColumn = try c.decodeIfPresent(String.self, forKey: .detailColumn)
            var mapped: [String: String] = [:]
            for (key, path) in try c.decodeIfPresent([String: String].self, forKey: .values) ?? [:] {
                mapped[key.trimmingCharacters(in: .whitespaces).lowercased()] = path
            }
            values = mapped
            defaultValue = try c.decodeIfPresent(String.self, forKey: .defaultValue) ?? "{value}"
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, sourceSystem, timeZone, timestampFormats, columns, closedStatuses, description, closingText
        case type, channel, urgency, department, topic, undoFormulaGuard
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? Self.currentVersion
        guard version == Self.currentVersion else {
            throw ConfigValueError(
                path: "version", message: "\(version) is not supported; this build reads version \(Self.currentVersion)"
            )
        }
        sourceSystem = try c.decode(String.self, forKey: .sourceSystem).trimmingCharacters(in: .whitespaces)
        guard !sourceSystem.isEmpty, !TextLength.exceeds(sourceSystem, 32) else {
            throw ConfigValueError(
                path: "sourceSystem", message: "give a short name of 1 to 32 characters, e.g. nyc311")
        }
        timeZone = try c.decode(String.self, forKey: .timeZone)
        guard TimeZone(identifier: timeZone) != nil else {
            throw ConfigValueError(
                path: "timeZone",
                message: "'\(timeZone)' is not a known time zone; use an IANA name such as America/New_York")
        }
        timestampFormats = try c.decode([String].self, forKey: .timestampFormats)
        guard !timestampFormats.isEmpty else {
            throw ConfigValueError(
                path: "timestampFormats", message: "give at least one format, e.g. yyyy-MM-dd HH:mm:ss")
        }
        for (index, format) in timestampFormats.enumerated() {
            do {
                _ = try TimestampPattern(format)
            } catch {
                throw ConfigValueError(path: "timestampFormats[\(index)]", message: error.description)
            }
        }
        columns = try c.decode(Columns.self, forKey: .columns)
        closedStatuses = try c.decodeIfPresent([String].self, forKey: .closedStatuses) ?? []
        description = try c.decode(String.self, forKey: .description)
        closingText = try c.decodeIfPresent(String.self, forKey: .closingText) ?? ""
        type = try c.decodeIfPresent(ValueMapping<TicketType>.self, forKey: .type) ?? .init(defaultValue: .complaint)
        channel = try c.decodeIfPresent(ValueMapping<Channel>.self, forKey: .channel) ?? .init(defaultValue: .other)
        urgency = try c.decodeIfPresent(ValueMapping<Urgency>.self, forKey: .urgency) ?? .init(defaultValue: .normal)
        department = try c.decodeIfPresent(DepartmentMapping.self, forKey: .department) ?? DepartmentMapping()
        topic = try c.decodeIfPresent(TopicMapping.self, forKey: .topic) ?? TopicMapping()
        undoFormulaGuard = try c.decodeIfPresent(Bool.self, forKey: .undoFormulaGuard) ?? false
        if topic.column == nil, topic.defaultValue.contains("{value}") {
            throw ConfigValueError(path: "topic", message: "name a column, or give a default path without {value}")
        }
    }

    /// The time zone named by `timeZone`; validated at decoding.
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)! }
}
