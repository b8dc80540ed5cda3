import Crypto
import Foundation
import GRDB
import GovDeskCore

/// What an Open311 client sends to create a ticket (DESIGN §12), as the service read it from the form.
public struct Open311Submission: Sendable, Equatable {
    /// The topic path the service code stands for.
    public var topic: String
    public var description: String
    /// Optional here: a citizen may report without a name or a phone.
    public var callerName: String
    public var callerPhone: String
    public var addressString: String?
    public var latitude: Double?
    public var longitude: Double?

    public init(
        topic: String, description: String, callerName: String = "", callerPhone: String = "",
        addressString: String? = nil, latitude: Double? = nil, longitude: Double? = nil
    ) {
        self.topic = topic
        self.description = description
        self.callerName = callerName
        self.callerPhone = callerPhone
        self.addressString = addressString
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The ticket's address: the address the client gave, else the coordinates as text, so that the ticket's own
    /// page says where.
    var ticketAddress: String? {
        if let addressString { return addressString }
        guard let latitude, let longitude else { return nil }
        return "经纬度 " + String(format: "%.6f, %.6f", latitude, longitude)
    }
}

/// A ticket created through Open311: its row, its tracking code and the client that made it.
public struct Open311Receipt: Sendable {
    public var ticket: Ticket
    public var trackingCode: String
    public var client: APIClient
}

/// One ticket as the Open311 interface shows it to anyone (DESIGN §12): nothing personal. No caller name or phone;
/// the text and the address only of a ticket a client sent through the interface (a phone ticket's text and address
/// were typed by an operator from a call and may name the caller or their home), else the street (街道) alone.
public struct PublicRequest: Sendable, Equatable {
    public var number: String
    public var state: TicketState
    public var topic: String
    public var description: String?
    /// The lead department's name.
    public var agency: String?
    public var createdAt: Date
    /// When it closed, for a closed ticket; else its latest event.
    public var updatedAt: Date
    /// The deadline in force.
    public var deadline: Date?
    public var address: String?
    public var latitude: Double?
    public var longitude: Double?
}

/// Which tickets `publicRequests` returns, newest first.
public struct PublicRequestQuery: Sendable, Equatable {
    /// These numbers only, whatever the rest says (the spec's `service_request_id`).
    public var numbers: [String] = []
    /// Topic paths; nil for all.
    public var topics: [String]?
    /// Created within this range (both ends included).
    public var from: Date
    public var to: Date
    /// Open (`true`) or closed (`false`) only; nil for both.
    public var open: Bool?
    public var limit: Int
    public var offset: Int = 0

    public init(from: Date, to: Date, limit: Int) {
        self.from = from
        self.to = to
        self.limit = limit
    }
}

/// One public step of a ticket (DESIGN §12, the mySociety updates): dispatched, signed, replied, closed, reopened,
/// merged.
public struct PublicUpdate: Sendable, Equatable {
    /// The event's id, unique in the database.
    public var id: Int64
    public var number: String
    public var action: TicketAction
    /// The ticket's state after it.
    public var state: TicketState
    public var at: Date
    /// Dispatch: the lead department's name.
    public var agency: String?
    /// A closing: the answer that closed it (the approved reply, or the answer given at intake).
    public var answer: String?
    /// A merge: the ticket it was folded into.
    public var mergedInto: String?

    /// The actions that are public steps.
    public static let actions: [TicketAction] = [
        .dispatch, .sign, .reply, .approve, .resolve, .importClose, .reopen, .merge,
    ]
}

extension GovDeskDatabase {
    /// Creates a ticket for the client whose key is `apiKey` (DESIGN §12): the client `api:<name>` is its operator, its
    /// channel the client's, its type 求助 (help: topics carry no type of their own yet), its topic an active one of
    /// the tree. It gets a tracking code. One transaction; an unknown or revoked key writes nothing.
    public func createOpen311Request(
        _ submission: Open311Submission, apiKey: String, at now: Date, localTime: LocalTime
    ) throws -> Open311Receipt {
        try write { db in
            let checked = try checkOpen311Request(submission, apiKey: apiKey, db)
            return try insertOpen311Request(checked, at: now, localTime: localTime, db)
        }
    }

    /// One Open311 request of a batch: its submission, the key it came with and when it came.
    public struct Open311Arrival: Sendable {
        public var submission: Open311Submission
        public var apiKey: String
        public var at: Date

        public init(submission: Open311Submission, apiKey: String, at: Date) {
            self.submission = submission
            self.apiKey = apiKey
            self.at = at
        }
    }

    /// Several Open311 requests in one transaction (group commit): one commit — one flush of the log to the disk —
    /// serves them all; the service hands over together the requests that arrived while the previous batch was being
    /// written. Each is checked exactly as `createOpen311Request` checks it, before anything of it is written: one
    /// that is refused (a revoked key, an inactive topic, a description too long) gets its own refusal and the
    /// others are created. A failure while writing (a full disk) fails the whole batch, and nothing of it is written.
    public func createOpen311Requests(_ arrivals: [Open311Arrival], localTime: LocalTime) throws
        -> [Result<Open311Receipt, any Error>]
    {
        try write { db in
            try arrivals.map { arrival in
                let checked: CheckedOpen311Request
                do {
                    checked = try checkOpen311Request(arrival.submission, apiKey: arrival.apiKey, db)
                } catch {
                    return .failure(error)
                }
                return .success(try insertOpen311Request(checked, at: arrival.at, localTime: localTime, db))
            }
        }
    }

    /// A request that passed every check: its client, the operator it acts as, and the intake to log.
    struct CheckedOpen311Request {
        var client: APIClient
        var operatorActor: StaffMember
        var intake: Ticket.Intake
        var submission: Open311Submission
    }

    /// Every check of a request, reading only.
    func checkOpen311Request(_ submission: Open311Submission, apiKey: String, _ db: Database) throws
        -> CheckedOpen311Request
    {
        let client = try authenticateAPIKey(apiKey, db)
        guard
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT active FROM topic WHERE code = ?"), arguments: [submission.topic])
                == true
        else { throw ReferenceError.unknown(kind: "topic", code: submission.topic) }
        let row = try staffMember(client.actor, db)
        // The client acts as an operator for this one action; its staff row keeps no role, so nobody else can.
        let operatorActor = StaffMember(
            code: row.code, name: row.name, department: row.department, roles: [.operator])
        let intake = Ticket.Intake(
            channel: client.channel, type: .help, topic: submission.topic, callerName: submission.callerName,
            callerPhone: submission.callerPhone, address: submission.ticketAddress,
            description: submission.description)
        try TicketMachine.validate(intake)
        return CheckedOpen311Request(
            client: client, operatorActor: operatorActor, intake: intake, submission: submission)
    }

    /// The writes of a checked request: its number, ticket, creation event and tracking code.
    func insertOpen311Request(
        _ checked: CheckedOpen311Request, at now: Date, localTime: LocalTime, _ db: Database
    ) throws -> Open311Receipt {
        let now = Date(epochSeconds: now.epochSeconds)
        let number = try nextNumber(for: localTime.localDate(of: now), db)
        let (ticket, created) = try TicketMachine.create(
            number: number, intake: checked.intake, by: checked.operatorActor, at: now)
        var event = created
        event.recordedAt = try stamp(
            at: now, actor: checked.operatorActor, subject: "ticket \(number)", deadlines: [], details: &event.details,
            db)
        try db.cachedStatement(sql: TicketRow.insertSQL).execute(
            arguments: StatementArguments(TicketRow.values(ticket)))
        let ticketId = db.lastInsertedRowID
        try TicketEventRow.insert(event, ticketId: ticketId, db)
        let code = try newTrackingCode(db)
        let submission = checked.submission
        try db.cachedStatement(
            sql: """
                INSERT INTO ticketTracking (ticketId, code, client, addressString, latitude, longitude)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                ticketId, code, checked.client.name, submission.addressString, submission.latitude,
                submission.longitude,
            ])
        return Open311Receipt(ticket: ticket, trackingCode: code, client: checked.client)
    }

    /// Tickets as anyone may see them (`PublicRequest`), newest first.
    public func publicRequests(_ query: PublicRequestQuery) throws -> [PublicRequest] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
        if !query.numbers.isEmpty {
            clauses.append("t.number IN (\(marks(query.numbers.count)))")
            arguments += StatementArguments(query.numbers)
        } else {
            clauses.append("t.createdAt BETWEEN ? AND ?")
            arguments += [query.from.epochSeconds, query.to.epochSeconds]
            if let topics = query.topics {
                clauses.append("t.topic IN (\(marks(topics.count)))")
                arguments += StatementArguments(topics)
            }
            if let open = query.open {
                clauses.append(open ? "t.state NOT IN ('closed', 'merged')" : "t.state IN ('closed', 'merged')")
            }
        }
        arguments += [query.limit, query.offset]
        let sql =
            Self.publicRequestSQL + " WHERE " + clauses.joined(separator: " AND ")
            + " ORDER BY t.createdAt DESC, t.id DESC LIMIT ? OFFSET ?"
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.publicRequest(from:))
        }
    }

    /// One ticket as anyone may see it, or nil when there is none.
    public func publicRequest(_ number: String) throws -> PublicRequest? {
        try read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: Self.publicRequestSQL + " WHERE t.number = ?"), arguments: [number]
            )
            .map(Self.publicRequest(from:))
        }
    }

    static let publicRequestSQL = """
        SELECT t.number, t.state, t.topic, t.description, t.street, t.deadline, t.createdAt, t.closedAt,
            t.callerName, t.callerPhone,
            d.name AS agency, tr.ticketId IS NOT NULL AS viaOpen311, tr.addressString, tr.latitude, tr.longitude,
            (SELECT max(e.at) FROM ticketEvent e WHERE e.ticketId = t.id) AS lastAt
        FROM ticket t
        LEFT JOIN department d ON d.code = t.leadDepartment
        LEFT JOIN ticketTracking tr ON tr.ticketId = t.id
        """

    static func publicRequest(from row: Row) throws -> PublicRequest {
        let number: String = row["number"]
        let record = "ticket \(number)"
        let state = TicketState(rawValue: row["state"]) ?? .received
        let created = try row.requiredDate("createdAt", of: record)
        let last = try row.date("lastAt", of: record) ?? created
        let viaOpen311: Bool = row["viaOpen311"]
        let description: String = row["description"]
        let addressString: String? = row["addressString"]
        let street: String? = row["street"]
        let closedAt = try row.date("closedAt", of: record)
        // What the client sent is public as GeoReport requests are, but the caller's name and phone, and any number
        // typed into it, are masked (DESIGN §12: no personal data in any GET).
        func redacted(_ text: String?) -> String? {
            text.map { PersonalData.redacted($0, names: [row["callerName"]], phones: [row["callerPhone"]]) }
        }
        return PublicRequest(
            number: number, state: state, topic: row["topic"], description: viaOpen311 ? redacted(description) : nil,
            agency: row["agency"], createdAt: created, updatedAt: state == .closed ? (closedAt ?? last) : last,
            deadline: try row.date("deadline", of: record), address: viaOpen311 ? redacted(addressString) : street,
            latitude: row["latitude"], longitude: row["longitude"])
    }

    /// The public steps (`PublicUpdate.actions`) that took effect between `from` and `to` (both included), oldest
    /// first, at most `limit`.
    public func publicUpdates(from: Date, to: Date, limit: Int) throws -> [PublicUpdate] {
        let actions = PublicUpdate.actions.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try read { db in
            let names = Dictionary(
                try Row.fetchAll(db, sql: "SELECT code, name FROM department").map {
                    ($0["code"] as String, $0["name"] as String)
                }, uniquingKeysWith: { a, _ in a })
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, t.number, t.callerName, t.callerPhone, e.action, e.toState, e.at, e.details,
                        (SELECT r.details FROM ticketEvent r
                         WHERE r.ticketId = e.ticketId AND r.action = 'reply' AND r.sequence < e.sequence
                         ORDER BY r.sequence DESC LIMIT 1) AS replyDetails
                    FROM ticketEvent e JOIN ticket t ON t.id = e.ticketId
                    WHERE e.action IN (\(actions)) AND e.at BETWEEN ? AND ?
                    ORDER BY e.at, e.id LIMIT ?
                    """, arguments: [from.epochSeconds, to.epochSeconds, limit]
            ).map { row in
                let id: Int64 = row["id"]
                let action = TicketAction(rawValue: row["action"]) ?? .create
                let details = TicketEvent.decodeDetails(row["details"]) ?? [:]
                let reply = (row["replyDetails"] as String?).flatMap(TicketEvent.decodeDetails) ?? [:]
                var update = PublicUpdate(
                    id: id, number: row["number"], action: action,
                    state: TicketState(rawValue: row["toState"]) ?? .received,
                    at: try row.requiredDate("at", of: "ticket event \(id)"))
                // The answer as anyone may read it: the caller's name and phone, and any number, masked.
                let redacted = { (text: String?) -> String? in
                    text.map { PersonalData.redacted($0, names: [row["callerName"]], phones: [row["callerPhone"]]) }
                }
                switch action {
                case .dispatch: update.agency = details[DetailKey.lead].map { names[$0] ?? $0 }
                case .approve: update.answer = redacted(reply[DetailKey.text])
                case .resolve: update.answer = redacted(details[DetailKey.text])
                case .merge: update.mergedInto = details[DetailKey.into]
                default: break
                }
                return update
            }
        }
    }
}

/// A topic of the tree as an Open311 service (DESIGN §12: topics as service codes). Its code is derived from its
/// path, which never changes (topics are deactivated, never renamed), so a client's stored codes stay valid.
public struct Open311Service: Sendable, Equatable {
    /// Eight lower-case hexadecimal digits of SHA-256 over `govdesk:topic:` and the path.
    public var code: String
    public var path: String
    public var active: Bool

    public init(path: String, active: Bool) {
        self.code = Self.code(of: path)
        self.path = path
        self.active = active
    }

    /// The levels of the path: 大类/小类/具体问题.
    public var levels: [String] { path.split(separator: "/").map(String.init) }

    public static func code(of path: String) -> String {
        codes.withLock { known in
            if let code = known[path] { return code }
            let code = String(Ledger.hex(Data(SHA256.hash(data: Data("govdesk:topic:\(path)".utf8)))).prefix(8))
            // A district has some hundreds of topics; a process that somehow meets far more forgets and starts again.
            if known.count >= 10_000 { known.removeAll() }
            known[path] = code
            return code
        }
    }

    /// The codes of the paths met so far: a code is a function of the path alone, and every Open311 request looks
    /// its service up by code among all the topics.
    private static let codes = Locked<[String: String]>([:])
}

/// A value behind a lock, for the few caches a process keeps across store calls.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

extension GovDeskDatabase {
    /// Every topic of the tree as a service, inactive ones too (old tickets keep them), in path order.
    public func open311Services() throws -> [Open311Service] {
        try topics().map { Open311Service(path: $0.path, active: $0.active) }
    }

    /// The service of one code, active or not; nil when no topic has it.
    public func open311Service(code: String) throws -> Open311Service? {
        try open311Services().first { $0.code == code }
    }
}
