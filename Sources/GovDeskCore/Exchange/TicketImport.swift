import Foundation

/// Errors of `govdesk import tickets`: they name the file, the row (1-based data row and its line) and the column,
/// and say what is allowed (DESIGN §7).
public enum ImportError: GovDeskError, Equatable {
    /// A cell that cannot be imported.
    case cell(file: String, row: Int, line: Int, column: String, message: Phrase)
    /// The mapping names a column the file's header lacks.
    case missingColumn(file: String, mappingKey: String, column: String, available: [String])
    /// The mapping maps to a department code that does not exist.
    case unknownDepartment(mapping: String, key: String, code: String)
    /// The file has no header line.
    case noHeader(file: String)
    /// Two rows carry the same source id.
    case duplicateSourceId(file: String, row: Int, line: Int, column: String, sourceId: String)
    /// The actor may not import.
    case actorDenied(actor: String)

    public var kind: FailureKind {
        switch self {
        case .actorDenied: return .refused
        case .cell, .missingColumn, .unknownDepartment, .noHeader, .duplicateSourceId: return .badData
        }
    }

}

/// One source row, checked and turned into what GovDesk records.
public struct ImportedTicket: Sendable {
    public var row: Int
    public var line: Int
    public var intake: Ticket.Intake
    public var createdAt: Int64
    public var closedAt: Int64?
    public var dueAt: Int64?
    public var department: String?
    public var closingText: String?
    /// The source's topic, when the mapping lists topics and this one is not among them: the row took
    /// `topic.default` (an import's summary counts them, so a mapping's gaps show).
    public var unmappedTopic: String?

    /// The events an import records: create, then dispatch when there is a department, then import-close when closed.
    public func events(number: String, actor: String) -> [TicketEvent] {
        let created = Date(timeIntervalSince1970: TimeInterval(createdAt))
        let ticket = Ticket(number: number, intake: intake, createdAt: created)
        var events = [
            TicketEvent(
                sequence: 1, action: .create, from: nil, to: .received, actor: actor, at: created,
                details: ticket.creationDetails)
        ]
        var state = TicketState.received
        if let department {
            var d = [DetailKey.lead: department, DetailKey.co: ""]
            if let dueAt { d[DetailKey.deadline] = String(dueAt) }
            events.append(
                TicketEvent(
                    sequence: events.count + 1, action: .dispatch, from: state, to: .dispatched, actor: actor,
                    at: created, details: d))
            state = .dispatched
        }
        if let closedAt {
            var d: [String: String] = [:]
            d[DetailKey.text] = closingText
            if let dueAt {
                d[DetailKey.onTime] = String(closedAt <= dueAt)
                d[DetailKey.deadline] = String(dueAt)
            }
            events.append(
                TicketEvent(
                    sequence: events.count + 1, action: .importClose, from: state, to: .closed, actor: actor,
                    at: Date(timeIntervalSince1970: TimeInterval(closedAt)), details: d))
        }
        return events
    }
}

/// A mapping bound to one file's header and the department directory: reads rows into `ImportedTicket`s.
public final class TicketImport {
    public let mapping: ImportMapping
    public let mappingFile: String
    public let file: String
    private let reader: CSVReader
    private let timestamps: TimestampReader
    private let header: [String]
    private let directory: [String: String]
    private let closed: Set<String>
    private let departmentValues: [String: String]
    private let defaultTopicParts: (String, String)?
    private let defaultDepartment: String?
    public private(set) var rowCount = 0

    private struct Template {
        enum Part { case text(String), column(Int, String) }
        var parts: [Part]
    }

    private let sourceId: Int, createdAt: Int
    private let closedAt: Int?, dueAt: Int?, status: Int?, callerName: Int?, callerPhone: Int?
    private let address: Int?, street: Int?
    private let typeColumn: Int?, channelColumn: Int?, urgencyColumn: Int?, departmentColumn: Int?
    private let topicColumn: Int?, detailColumn: Int?
    private let description: Template, closingText: Template

    /// Opens `file`, reads its header and resolves every column the mapping names.
    ///
    /// - Parameter directory: department codes and names (lower-cased) to their codes.
    public init(
        file: String, mapping: ImportMapping, mappingFile: String, directory: [String: String]
    ) throws {
        self.mapping = mapping
        self.mappingFile = mappingFile
        self.file = file
        reader = try CSVReader(path: file)
        guard let header = try reader.next() else { throw ImportError.noHeader(file: file) }
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        self.directory = directory
        if let range = mapping.topic.defaultValue.range(of: "{value}") {
            defaultTopicParts = (
                String(mapping.topic.defaultValue[..<range.lowerBound]),
                String(mapping.topic.defaultValue[range.upperBound...])
            )
        } else {
            defaultTopicParts = nil
        }
        departmentValues = Dictionary(
            mapping.department.values.map {
                ($0.key.trimmingCharacters(in: .whitespaces).lowercased(), directory[$0.value.lowercased()] ?? $0.value)
            },
            uniquingKeysWith: { first, _ in first })
        defaultDepartment = mapping.department.defaultValue.flatMap { directory[$0.lowercased()] }
        closed = Set(mapping.closedStatuses.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        let patterns = try mapping.timestampFormats.map { try TimestampPattern($0) }
        timestamps = TimestampReader(patterns: patterns, clock: ZoneClock(timeZone: mapping.zone))

        let names = self.header
        func index(_ column: String?, _ key: String) throws -> Int? {
            guard let column else { return nil }
            guard let i = names.firstIndex(of: column.trimmingCharacters(in: .whitespaces)) else {
                throw ImportError.missingColumn(file: file, mappingKey: key, column: column, available: names)
            }
            return i
        }
        func template(_ text: String, _ key: String) throws -> Template {
            var parts: [Template.Part] = []
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{") {
                if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
                guard let close = rest[open...].firstIndex(of: "}") else {
                    parts.append(.text(String(rest[open...])))
                    rest = ""
                    break
                }
                let name = String(rest[rest.index(after: open)..<close])
                guard let i = try index(name, key) else { break }
                parts.append(.column(i, name))
                rest = rest[rest.index(after: close)...]
            }
            if !rest.isEmpty { parts.append(.text(String(rest))) }
            return Template(parts: parts)
        }
        let c = mapping.columns
        sourceId = try index(c.sourceId, "columns.sourceId") ?? 0
        createdAt = try index(c.createdAt, "columns.createdAt") ?? 0
        closedAt = try index(c.closedAt, "columns.closedAt")
        dueAt = try index(c.dueAt, "columns.dueAt")
        status = try index(c.status, "columns.status")
        callerName = try index(c.callerName, "columns.callerName")
        callerPhone = try index(c.callerPhone, "columns.callerPhone")
        address = try index(c.address, "columns.address")
        street = try index(c.street, "columns.street")
        typeColumn = try index(mapping.type.column, "type.column")
        channelColumn = try index(mapping.channel.column, "channel.column")
        urgencyColumn = try index(mapping.urgency.column, "urgency.column")
        departmentColumn = try index(mapping.department.column, "department.column")
        topicColumn = try index(mapping.topic.column, "topic.column")
        detailColumn = try index(mapping.topic.detailColumn, "topic.detailColumn")
        description = try template(mapping.description, "description")
        closingText = try template(mapping.closingText, "closingText")

        for (key, code) in mapping.department.values where directory[code.lowercased()] == nil {
            throw ImportError.unknownDepartment(mapping: mappingFile, key: "department.values.\(key)", code: code)
        }
        if let code = mapping.department.defaultValue, directory[code.lowercased()] == nil {
            throw ImportError.unknownDepartment(mapping: mappingFile, key: "department.default", code: code)
        }
    }

    /// Where the current row is, for messages.
    private struct Position {
        var file: String
        var row: Int
        var line: Int
        var header: [String]
        /// The row's cells and where its caller name and phone are: a message never shows them (DESIGN §11.5). Read
        /// only when a message is made, so that a good row costs nothing here.
        var cells: [String] = []
        var personalColumns: [Int] = []

        var personal: [String] { personalColumns.compactMap { TicketImport.cell(cells, $0) } }

        func fail(_ column: Int?, _ name: String? = nil, _ message: CoreText) -> ImportError {
            fail(column, name, message.phrase)
        }

        func fail(_ column: Int?, _ name: String? = nil, _ message: Phrase) -> ImportError {
            .cell(
                file: file, row: row, line: line, column: name ?? column.map { header[$0] } ?? "?",
                message: Phrase(
                    chinese: ImportText.masking(personal, in: message.chinese),
                    english: ImportText.masking(personal, in: message.english)))
        }

        /// Whether `value` may be quoted: it holds none of the row's personal data.
        func mayShow(_ value: String) -> Bool {
            let digits = ImportText.digits(value)
            let personal = self.personal
            return !personal.contains { value.contains($0) || ImportText.holdsPhone(digits, $0) }
        }
    }

    fileprivate static func cell(_ cells: [String], _ i: Int?) -> String? {
        guard let i else { return nil }
        let value = FastText.trimmed(cells[i])
        return value.isEmpty ? nil : value
    }

    private static func render(_ template: Template, _ cells: [String]) -> String {
        var out = ""
        for part in template.parts {
            switch part {
            case .text(let text): out += text
            case .column(let i, _): out += FastText.trimmed(cells[i])
            }
        }
        return FastText.trimmed(out)
    }

    private func time(_ cells: [String], _ i: Int?, _ at: Position) throws -> Int64? {
        guard let column = i, let value = Self.cell(cells, column) else { return nil }
        guard let epoch = timestamps.epoch(value) else {
            // A cell that is not a time may be another column's (a stray quote, a mapping naming the wrong column):
            // it is shown only when it looks like a mistyped time and holds none of the row's personal data.
            guard ImportText.looksLikeTime(value) && at.mayShow(value) else {
                throw at.fail(
                    column, nil, .notATimestampHidden(characters: TextLength.of(value), allowed: timestamps.allowed))
            }
            throw at.fail(column, nil, .notATimestamp(value: Printable.quoted(value), allowed: timestamps.allowed))
        }
        // What GovDesk stores is read back as a time (`StoredInstant`): the year 0 is not one.
        guard StoredInstant.range.contains(epoch) else {
            throw at.fail(column, nil, .notAStoredTime(value: Printable.quoted(value)))
        }
        return epoch
    }

    private static func enumValue<V>(
        _ m: ImportMapping.ValueMapping<V>, _ cells: [String], _ column: Int?, _ key: String, _ at: Position
    ) throws -> V {
        let source = column.map { cells[$0] } ?? ""
        guard let value = m.map(source) else {
            let names = m.values.keys.sorted() + V.allCases.map(\.rawValue)
            throw at.fail(
                column, nil,
                .notMapped(value: Printable.quoted(source), key: key, known: names))
        }
        return value
    }

    /// The next row, checked; nil at the end of the file.
    public func next() throws -> ImportedTicket? {
        guard var cells = try reader.next() else { return nil }
        rowCount += 1
        var at = Position(file: file, row: rowCount, line: reader.recordLine, header: header)
        guard cells.count == header.count else {
            throw at.fail(
                nil, "(all)",
                .fieldCount(cells.count, header: header.count))
        }
        if mapping.undoFormulaGuard { Self.undoFormulaGuard(&cells) }
        at.cells = cells
        at.personalColumns = [callerName, callerPhone].compactMap { $0 }

        guard let id = Self.cell(cells, sourceId) else {
            throw at.fail(sourceId, nil, .emptySourceId)
        }
        guard let created = try time(cells, createdAt, at) else {
            throw at.fail(createdAt, nil, .emptyCreationTime)
        }
        var closedTime = try time(cells, closedAt, at)
        let due = try time(cells, dueAt, at)
        if let status {
            let value = FastText.lowercased(Self.cell(cells, status) ?? "")
            if closed.contains(value) {
                if closedTime == nil {
                    throw at.fail(
                        closedAt, closedAt == nil ? "closedAt" : nil,
                        .closedWithoutTime(status: Printable.quoted(cells[status])))
                }
            } else {
                closedTime = nil
            }
        }
        if let closedTime, closedTime < created {
            throw at.fail(closedAt, nil, .closesBeforeCreated)
        }
        let type = try Self.enumValue(mapping.type, cells, typeColumn, "type", at)
        let channel = try Self.enumValue(mapping.channel, cells, channelColumn, "channel", at)
        let urgency = try Self.enumValue(mapping.urgency, cells, urgencyColumn, "urgency", at)

        var department: String?
        if let value = Self.cell(cells, departmentColumn) {
            let key = FastText.lowercased(value)
            if let mapped = departmentValues[key] {
                department = mapped
            } else {
                department = directory[key]
            }
        }
        if department == nil { department = defaultDepartment }

        let topicSource = Self.cell(cells, topicColumn) ?? ""
        let mappedTopic = mapping.topic.values[FastText.lowercased(topicSource)]
        var topic = Self.normaliseTopic(mappedTopic ?? defaultTopic(topicSource))
        if let detail = Self.cell(cells, detailColumn), topic.split(separator: "/").count < 3 {
            topic = Self.normaliseTopic(topic + "/" + FastText.slashesToDashes(detail))
        }
        if topic.isEmpty {
            throw at.fail(
                topicColumn, topicColumn == nil ? "topic" : nil, .emptyTopic)
        }

        let intake = Ticket.Intake(
            channel: channel, type: type, topic: topic, urgency: urgency,
            callerName: Self.cell(cells, callerName) ?? "", callerPhone: Self.cell(cells, callerPhone) ?? "",
            address: Self.cell(cells, address), street: Self.cell(cells, street),
            description: Self.render(description, cells), sourceSystem: mapping.sourceSystem, sourceId: id)
        if let error = Self.check(intake) {
            throw at.fail(nil, column(forField: error.name), error.message)
        }
        let answer = Self.render(closingText, cells)
        return ImportedTicket(
            row: at.row, line: at.line, intake: intake, createdAt: created, closedAt: closedTime, dueAt: due,
            department: department, closingText: closedTime == nil || answer.isEmpty ? nil : answer,
            unmappedTopic: mappedTopic == nil && !mapping.topic.values.isEmpty ? topicSource : nil)
    }

    private static func undoFormulaGuard(_ cells: inout [String]) {
        for i in cells.indices where cells[i].hasPrefix("'") {
            if let second = cells[i].unicodeScalars.dropFirst().first, "=+-@\t\r".unicodeScalars.contains(second) {
                cells[i].removeFirst()
            }
        }
    }

    /// The intake checks of `ticket new`, as a field name and message.
    private static func check(_ intake: Ticket.Intake) -> (name: String, message: Phrase)? {
        if surelyValid(intake) { return nil }
        do {
            try TicketMachine.validate(intake)
            return nil
        } catch {
            if case .invalidField(let name, let message) = error { return (name, message) }
            return ("intake", Phrase(chinese: error.chineseMessage, english: error.englishMessage))
        }
    }

    /// A cheap test that implies `TicketMachine.validate` passes, so that the common row skips its Foundation
    /// trimming and character counting; anything doubtful goes through `validate` for its message.
    static func surelyValid(_ intake: Ticket.Intake) -> Bool {
        func plain(_ text: String?, max: Int) -> Bool {
            guard let text else { return true }
            return text.utf8.count <= max && !text.utf8.contains(0)
        }
        // A description whose first character is not white space is not empty once trimmed.
        guard let first = intake.description.unicodeScalars.first, !first.properties.isWhitespace,
            plain(intake.description, max: TicketMachine.maximumTextLength), plain(intake.topic, max: 4000),
            plain(intake.callerName, max: 100), plain(intake.address, max: 4000), plain(intake.street, max: 4000),
            intake.callerPhone.isEmpty || PhoneNumber.isPlausible(intake.callerPhone)
        else { return false }
        // At most three non-empty levels with no white space around a slash, and no non-ASCII white space at all.
        return isNormalTopic(intake.topic)
            && !intake.topic.unicodeScalars.contains(where: { $0.value >= 0x80 && $0.properties.isWhitespace })
    }

    private func column(forField name: String) -> String {
        switch name {
        case "description": return "description: " + mapping.description
        case "phone": return mapping.columns.callerPhone ?? name
        case "caller name": return mapping.columns.callerName ?? name
        case "address": return mapping.columns.address ?? name
        case "street": return mapping.columns.street ?? name
        default: return mapping.topic.column ?? name
        }
    }

    /// At most three non-empty levels: deeper levels are folded into the third with `-`.
    static func normaliseTopic(_ path: String) -> String {
        if isNormalTopic(path) { return path }
        var parts = path.split(separator: "/").map { FastText.trimmed(String($0)) }.filter { !$0.isEmpty }
        if parts.count > 3 {
            parts = Array(parts[..<2]) + [parts[2...].joined(separator: "-")]
        }
        return parts.joined(separator: "/")
    }

    /// Whether a path already has 1–3 non-empty levels with no space around a `/`: most rows, checked cheaply.
    static func isNormalTopic(_ path: String) -> Bool {
        var slashes = 0
        var previous: UInt8 = 0x2F
        for byte in path.utf8 {
            if byte == 0x2F {
                if previous == 0x2F || FastText.isSpace(previous) { return false }
                slashes += 1
            } else if previous == 0x2F, FastText.isSpace(byte) {
                return false
            }
            previous = byte
        }
        return slashes <= 2 && previous != 0x2F && !FastText.isSpace(previous)
    }

    /// `topic.default` with `{value}` replaced, split once into the text around the placeholder.
    private func defaultTopic(_ value: String) -> String {
        switch defaultTopicParts {
        case .none: return mapping.topic.defaultValue
        case .some(let (before, after)): return before + value + after
        }
    }

    /// About how many data rows the file has, known after the header without reading on (see
    /// `CSVReader.estimatedLineCount`): what decides how a large import writes, never what it writes.
    public var estimatedRowCount: Int { max(0, reader.estimatedLineCount - 1) }

    /// The name of the mapping's source-id column, for messages.
    public var sourceIdColumn: String { header[sourceId] }

    /// The columns of the times an import records as effective times, and the zone they are read in: for the store's
    /// clock check (DESIGN §11.2), which names the column and shows the time as the file's zone reads it.
    public var timeColumns: ImportTimeColumns {
        ImportTimeColumns(created: header[createdAt], closed: closedAt.map { header[$0] }, zone: mapping.zone)
    }
}

/// Where an import's effective times come from, for messages: the creation and closing columns and the source's zone.
public struct ImportTimeColumns: Sendable {
    public var created: String
    public var closed: String?
    public var zone: TimeZone

    public init(created: String, closed: String?, zone: TimeZone) {
        self.created = created
        self.closed = closed
        self.zone = zone
    }
}

/// What an import's messages may show of a cell (DESIGN §11.5: never a full name or phone number).
enum ImportText {
    /// The characters a timestamp in any mapping's form is written with: digits, separators, AM/PM and their
    /// Chinese forms.
    private static let timeCharacters = Set("0123456789 -/.:TZ+,AaMmPp年月日时分秒上下午".unicodeScalars)

    /// A value that looks like a mistyped time, not like a phone number or a name: at most 32 characters of a
    /// timestamp's own, no run of more than four digits (a year), and either a `:`, `/` or `年`, or a year first.
    static func looksLikeTime(_ value: String) -> Bool {
        let scalars = value.unicodeScalars
        guard scalars.count <= 32, scalars.allSatisfy(timeCharacters.contains) else { return false }
        let runs = value.split { !($0.isASCII && $0.isNumber) }.map(\.count)
        guard let first = runs.first, runs.allSatisfy({ $0 <= 4 }) else { return false }
        return first == 4 || value.contains(":") || value.contains("/") || value.contains("年")
    }

    /// The ASCII digits of `text`, for comparing phone numbers however they are spaced.
    static func digits(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }))
    }

    /// Whether `digits` (of a cell) hold the digits of `personal` when they are enough to be a phone number.
    static func holdsPhone(_ digits: String, _ personal: String) -> Bool {
        let phone = self.digits(personal)
        return phone.count >= 5 && digits.contains(phone)
    }

    /// `message` with each of `personal` masked where it appears.
    static func masking(_ personal: [String], in message: String) -> String {
        var out = message
        for value in personal where out.contains(value) {
            let masked = PhoneNumber.isPlausible(value) ? PersonalData.maskPhone(value) : PersonalData.maskName(value)
            out = out.replacingOccurrences(of: value, with: masked)
        }
        return out
    }
}
