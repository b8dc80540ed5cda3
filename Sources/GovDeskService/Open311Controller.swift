import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// Open311 GeoReport v2 under `/open311/v2/` (DESIGN §12), JSON and XML: discovery, services (the topic tree),
/// service definitions, POST requests (an API key per client), GET requests (the spec's filters, its 90-day and
/// 1,000-request defaults, page and page_size), GET one request, tokens (the tracking code), and mySociety's
/// servicerequestupdates. No session, no CSRF token: a key for POST, nothing for reading, which shows nothing personal.
/// Errors are the spec's `[{code, description}]`, in Chinese unless `lang=en`.
struct Open311Controller {
    let desk: Desk
    /// New requests are written in batches, one commit for all that arrived meanwhile (group commit).
    let intake: Open311Intake

    init(desk: Desk) {
        self.desk = desk
        self.intake = Open311Intake(desk: desk)
    }

    static let base = "/open311/v2"
    /// The spec's defaults: a span of 90 days, at most 1,000 requests.
    static let defaultSpan: TimeInterval = 90 * 86400
    static let maximumPageSize = 1000
    /// When this interface last changed, for discovery's `changeset`.
    static let changeset = "2026-12-06 00:00"

    func addRoutes(to router: RouterGroup<DeskContext>) {
        let group = router.group("/open311/v2")
        for format in Open311Format.allCases {
            let ext = "." + format.rawValue
            group.get("discovery\(ext)") { request, _ in try await self.discovery(request, format) }
            group.get("services\(ext)") { request, _ in try await self.services(request, format) }
            group.get("services/{code}\(ext)") { request, context in
                try await self.definition(request, context, format)
            }
            group.post("requests\(ext)") { request, _ in try await self.create(request, format) }
            group.get("requests\(ext)") { request, _ in try await self.requests(request, format) }
            group.get("requests/{id}\(ext)") { request, context in try await self.request(request, context, format) }
            group.get("tokens/{token}\(ext)") { request, context in try await self.token(request, context, format) }
            group.get("servicerequestupdates\(ext)") { request, _ in try await self.updates(request, format) }
        }
        // Anything else under the base: the spec's 404, as JSON (the format is not known).
        for method in [HTTPRequest.Method.get, .post] {
            group.on("**", method: method) { request, _ in
                Open311Format.json.error(.notFound, Self.text(request).noSuchResource)
            }
        }
    }

    static func text(_ request: Request) -> Open311Text {
        Open311Text(request.uri.queryParameters.get("lang") == "en" ? .en : .zh)
    }

    // MARK: - Discovery and services

    func discovery(_ request: Request, _ format: Open311Format) async throws -> Response {
        let text = Self.text(request)
        let (centre, kind) = try await desk.store { database in
            (
                try database.departments().first { $0.kind == .centre && $0.active }?.name,
                database.kind
            )
        }
        let scheme = desk.configuration.secureCookies ? "https" : "http"
        let authority = request.head.authority ?? "\(desk.configuration.host):\(desk.configuration.port)"
        let node = Open311Node.record([
            ("changeset", .text(Self.changeset)),
            ("contact", .text(text.contact(centre))),
            ("key_service", .text(text.keyService)),
            (
                "endpoints",
                .list(
                    item: "endpoint",
                    [
                        .record([
                            ("specification", .text("http://wiki.open311.org/GeoReport_v2")),
                            ("url", .text("\(scheme)://\(authority)\(Self.base)")),
                            ("changeset", .text(Self.changeset)),
                            // A training database is for trying things out: nothing sent to it is acted upon.
                            ("type", .text(kind == .training ? "test" : "production")),
                            ("formats", .list(item: "format", [.text("text/xml"), .text("application/json")])),
                        ])
                    ])
            ),
        ])
        return format.response(node, root: "discovery")
    }

    func services(_ request: Request, _ format: Open311Format) async throws -> Response {
        let services = try await desk.store { try $0.open311Services() }.filter(\.active)
        return format.response(.list(item: "service", services.map(Self.service)), root: "services")
    }

    static func service(_ service: Open311Service) -> Open311Node {
        let levels = service.levels
        return .record([
            ("service_code", .text(service.code)),
            ("service_name", .text(levels.last ?? service.path)),
            ("description", .text(service.path)),
            ("metadata", .bool(false)),
            ("type", .text("realtime")),
            ("keywords", .text(levels.joined(separator: ", "))),
            ("group", .text(levels.first ?? service.path)),
        ])
    }

    func definition(_ request: Request, _ context: DeskContext, _ format: Open311Format) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let service = try await activeService(code) else {
            return format.error(.notFound, Self.text(request).noSuchService(code))
        }
        // Topics ask nothing beyond the spec's own fields: no attributes.
        return format.response(
            .record([("service_code", .text(service.code)), ("attributes", .list(item: "attribute", []))]),
            root: "service_definition")
    }

    func activeService(_ code: String) async throws -> Open311Service? {
        guard Self.isServiceCode(code) else { return nil }
        return try await desk.store { try $0.open311Service(code: code) }.flatMap { $0.active ? $0 : nil }
    }

    static func isServiceCode(_ text: String) -> Bool {
        text.utf8.count == 8 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    // MARK: - POST requests

    func create(_ request: Request, _ format: Open311Format) async throws -> Response {
        let text = Self.text(request)
        // GeoReport v2 posts a form: anything else (JSON, multipart) would be read as nothing but missing fields.
        if let type = request.headers[.contentType],
            !type.lowercased().hasPrefix("application/x-www-form-urlencoded")
        {
            return format.error(.unsupportedMediaType, text.notAForm)
        }
        // A form in another encoding is not read as UTF-8 by luck.
        if let charset = request.headers[.contentType]?.lowercased().firstRange(of: "charset=").map({ range in
            request.headers[.contentType]!.lowercased()[range.upperBound...].prefix { $0 != ";" && $0 != " " }
        }), !["utf-8", "utf8", "\"utf-8\""].contains(String(charset)) {
            return format.error(.unsupportedMediaType, text.notUTF8)
        }
        let form = Form(body: try await request.body.collect(upTo: Form.limit))
        if form.notUTF8 { return format.error(.badRequest, text.notUTF8) }
        if !form.undecodable.isEmpty {
            return format.error(.badRequest, text.undecodable(form.undecodable.map { Printable.quoted($0, limit: 40) }))
        }
        func field(_ name: String) -> String? {
            guard let value = form[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                return nil
            }
            return value
        }
        // The key first: without a valid one, nothing about the request is looked at or answered.
        guard let key = field("api_key") else { return format.error(.forbidden, text.missingKey) }
        let code = field("service_code")
        // The key and the service in one trip to the store (the write checks both again in its transaction).
        let (refusal, found) = try await desk.store { db -> (APIClientError?, Open311Service?) in
            do {
                _ = try db.authenticateAPIKey(key)
            } catch let error as APIClientError {
                return (error, nil)
            }
            guard let code, Self.isServiceCode(code) else { return (nil, nil) }
            return (nil, try db.open311Service(code: code).flatMap { $0.active ? $0 : nil })
        }
        if let refusal { return format.error(.forbidden, refusal.message(text.language)) }
        guard let code else { return format.error(.badRequest, text.missing("service_code")) }
        guard let service = found else { return format.error(.notFound, text.noSuchService(code)) }
        var submission = Open311Submission(topic: service.path, description: "")
        let latitude = field("lat")
        let longitude = field("long")
        if latitude != nil || longitude != nil {
            guard let lat = latitude.flatMap(Double.init), let long = longitude.flatMap(Double.init),
                (-90...90).contains(lat), (-180...180).contains(long)
            else { return format.error(.badRequest, text.badCoordinates) }
            submission.latitude = lat
            submission.longitude = long
        }
        submission.addressString = field("address_string")
        if let address = submission.addressString, TextLength.exceeds(address, 500) {
            return format.error(.badRequest, text.tooLong("address_string", 500))
        }
        guard submission.latitude != nil || submission.addressString != nil else {
            return format.error(
                .badRequest, field("address_id") != nil ? text.addressIdUnsupported : text.missingLocation)
        }
        guard let description = field("description") else {
            return format.error(.badRequest, text.missing("description"))
        }
        submission.description = description
        // The spec's first and last names; a Chinese name is written family name first, without a space.
        let names = [field("last_name"), field("first_name")].compactMap { $0 }
        let chinese = names.contains { name in name.unicodeScalars.contains { $0.properties.isIdeographic } }
        submission.callerName = chinese ? names.joined() : names.reversed().joined(separator: " ")
        submission.callerPhone = field("phone") ?? ""
        let now = desk.configuration.now
        let localTime = desk.configuration.localTime
        let submitted = submission
        do {
            let receipt = try await intake.create(
                GovDeskDatabase.Open311Arrival(submission: submitted, apiKey: key, at: now), localTime: localTime)
            return format.response(
                .list(
                    item: "request",
                    [
                        .record([
                            ("service_request_id", .text(receipt.ticket.number)),
                            ("service_notice", .text(text.notice(receipt.ticket.number, code: receipt.trackingCode))),
                            ("account_id", .text(nil)),
                        ])
                    ]), root: "service_requests")
        } catch let error as APIClientError {
            return format.error(.forbidden, error.message(text.language))
        } catch ReferenceError.unknown {
            return format.error(.notFound, text.noSuchService(code))
        } catch let error as GovDeskError {
            return format.error(
                error.kind == .storage ? .internalServerError : .badRequest, error.message(text.language))
        }
    }

    // MARK: - GET requests

    func requests(_ request: Request, _ format: Open311Format) async throws -> Response {
        let text = Self.text(request)
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? {
            guard let raw = parameters.get(name)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        let now = desk.configuration.now
        let range: ClosedRange<Date>
        switch dateRange(value("start_date"), value("end_date"), now: now, text: text) {
        case .success(let found): range = found
        case .failure(let refusal): return format.error(.badRequest, refusal.message)
        }
        var query = PublicRequestQuery(from: range.lowerBound, to: range.upperBound, limit: Self.maximumPageSize)
        if let ids = value("service_request_id") {
            let numbers = ids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard numbers.count <= Self.maximumPageSize, numbers.allSatisfy(RecordNumberShape.isPlausible) else {
                return format.error(.badRequest, text.badParameter("service_request_id"))
            }
            query.numbers = numbers
        }
        if let codes = value("service_code") {
            let wanted = Set(codes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            let services = try await desk.store { try $0.open311Services() }
            query.topics = services.filter { wanted.contains($0.code) }.map(\.path)
        }
        // Exactly as docs/open311.yaml lists it: an empty or other value is refused, not read as "any".
        if let status = parameters.get("status") {
            let asked = Set(status.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
            guard ["open", "closed", "open,closed", "closed,open"].contains(status),
                asked.isSubset(of: ["open", "closed"])
            else { return format.error(.badRequest, text.badStatus) }
            query.open = asked.count == 2 ? nil : asked.contains("open")
        }
        // Whole numbers as given: an empty or padded value is no integer, as docs/open311.yaml says.
        let page = parameters.get("page").map { Int(String($0)) } ?? 1
        let size = parameters.get("page_size").map { Int(String($0)) } ?? Self.maximumPageSize
        guard let page, page >= 1, page <= 1_000_000 else {
            return format.error(.badRequest, text.badParameter("page"))
        }
        guard let size, (1...Self.maximumPageSize).contains(size) else {
            return format.error(.badRequest, text.badPageSize(Self.maximumPageSize))
        }
        query.limit = size
        query.offset = (page - 1) * size
        let localTime = desk.configuration.localTime
        let asked = query
        let found = try await desk.store { try $0.publicRequests(asked) }
        return format.response(
            .list(item: "request", found.map { Self.node($0, localTime) }), root: "service_requests")
    }

    func request(_ request: Request, _ context: DeskContext, _ format: Open311Format) async throws -> Response {
        let id = try context.parameters.require("id")
        let text = Self.text(request)
        guard RecordNumberShape.isPlausible(id), let found = try await desk.store({ try $0.publicRequest(id) }) else {
            return format.error(.notFound, text.noSuchRequest(id))
        }
        return format.response(
            .list(item: "request", [Self.node(found, desk.configuration.localTime)]), root: "service_requests")
    }

    /// A ticket as the spec's request: nothing personal (`PublicRequest`).
    static func node(_ ticket: PublicRequest, _ localTime: LocalTime) -> Open311Node {
        .record([
            ("service_request_id", .text(ticket.number)),
            ("status", .text(ticket.state.isOpen ? "open" : "closed")),
            ("status_notes", .text(ticket.state.chineseLabel)),
            ("service_name", .text(ticket.topic.split(separator: "/").last.map(String.init) ?? ticket.topic)),
            ("service_code", .text(Open311Service.code(of: ticket.topic))),
            ("description", .text(ticket.description)),
            ("agency_responsible", .text(ticket.agency)),
            ("service_notice", .text(nil)),
            ("requested_datetime", .text(localTime.iso(ticket.createdAt))),
            ("updated_datetime", .text(localTime.iso(ticket.updatedAt))),
            ("expected_datetime", .text(ticket.deadline.map(localTime.iso))),
            ("address", .text(ticket.address)),
            ("address_id", .text(nil)),
            ("zipcode", .text(nil)),
            ("lat", .coordinate(ticket.latitude)),
            ("long", .coordinate(ticket.longitude)),
            ("media_url", .text(nil)),
        ])
    }

    // MARK: - Tokens and updates

    /// A token is the tracking code a POST answered with (its requests are created at once, so the token is only
    /// another way to find the request).
    func token(_ request: Request, _ context: DeskContext, _ format: Open311Format) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let number = try await desk.store({ try $0.ticketNumber(trackingCode: token) }) else {
            return format.error(.notFound, Self.text(request).noSuchToken(token))
        }
        return format.response(
            .list(
                item: "request",
                [.record([("service_request_id", .text(number)), ("token", .text(token.uppercased()))])]),
            root: "service_requests")
    }

    /// mySociety's extension: one update per public step of a ticket between start_date and end_date (the same
    /// defaults and limit as GET requests), oldest first.
    func updates(_ request: Request, _ format: Open311Format) async throws -> Response {
        let text = Self.text(request)
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? {
            guard let raw = parameters.get(name)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        let range: ClosedRange<Date>
        switch dateRange(value("start_date"), value("end_date"), now: desk.configuration.now, text: text) {
        case .success(let found): range = found
        case .failure(let refusal): return format.error(.badRequest, refusal.message)
        }
        let updates = try await desk.store {
            try $0.publicUpdates(from: range.lowerBound, to: range.upperBound, limit: Self.maximumPageSize)
        }
        let localTime = desk.configuration.localTime
        return format.response(
            .list(item: "request_update", updates.map { Self.node($0, localTime) }), root: "service_request_updates")
    }

    /// A public step as mySociety's update. `internal_referral` is not used: FixMyStreet counts it as closed, and a
    /// dispatched ticket is not.
    static func node(_ update: PublicUpdate, _ localTime: LocalTime) -> Open311Node {
        let status: String
        let description: String
        switch update.action {
        case .dispatch:
            status = "action_scheduled"
            description = "已派发至\(update.agency ?? "承办单位")办理"
        case .sign:
            status = "in_progress"
            description = "承办单位已签收，正在办理"
        case .reply:
            status = "in_progress"
            description = "承办单位已答复，正在审核"
        case .reopen:
            status = "reopen"
            description = "工单已重新办理"
        case .merge:
            status = "duplicate"
            description = "与工单 \(update.mergedInto ?? "") 诉求相同，已合并办理"
        default:
            status = "closed"
            description = "已办结" + (update.answer.map { "。答复：\($0)" } ?? "")
        }
        return .record([
            ("update_id", .text(String(update.id))),
            ("service_request_id", .text(update.number)),
            ("status", .text(status)),
            ("updated_datetime", .text(localTime.iso(update.at))),
            ("description", .text(description)),
            ("media_url", .text(nil)),
            ("external_status_code", .text(update.state.rawValue)),
        ])
    }

    // MARK: - Dates

    struct Refusal: Error {
        var message: String
    }

    /// The spec's range: both ends given, at most 90 days apart; one end, 90 days from or to it; none, the last 90
    /// days. Times must carry their offset (`Z` or `+08:00`); a date alone is local midnight.
    func dateRange(_ start: String?, _ end: String?, now: Date, text: Open311Text) -> Result<ClosedRange<Date>, Refusal>
    {
        let zone = desk.configuration.localTime.timeZone
        var from: Date?
        var to: Date?
        if let start {
            guard let date = Self.parseDate(start, zone: zone) else {
                return .failure(Refusal(message: text.badDate("start_date")))
            }
            from = date
        }
        if let end {
            guard let date = Self.parseDate(end, zone: zone) else {
                return .failure(Refusal(message: text.badDate("end_date")))
            }
            to = date
        }
        switch (from, to) {
        case (let from?, let to?):
            guard from <= to else { return .failure(Refusal(message: text.startAfterEnd)) }
            guard to.timeIntervalSince(from) <= Self.defaultSpan else {
                return .failure(Refusal(message: text.spanTooLong))
            }
            return .success(from...to)
        case (let from?, nil): return .success(from...from.addingTimeInterval(Self.defaultSpan))
        case (nil, let to?): return .success(to.addingTimeInterval(-Self.defaultSpan)...to)
        case (nil, nil): return .success(now.addingTimeInterval(-Self.defaultSpan)...now)
        }
    }

    /// `2025-06-16T10:00:00+08:00`, `…Z`, with or without fractional seconds; `2025-06-16` as local midnight. A `+`
    /// that a client's query encoding turned into a space is read as the `+` it was.
    static func parseDate(_ text: String, zone: TimeZone) -> Date? {
        let value = text.replacingOccurrences(of: " ", with: "+")
        guard value.utf8.count <= 40 else { return nil }
        if value.utf8.count == 10 {
            var components = DateComponents()
            let parts = value.split(separator: "-")
            guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                (1970...2200).contains(y), (1...12).contains(m), (1...31).contains(d)
            else { return nil }
            components.year = y
            components.month = m
            components.day = d
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            guard let date = calendar.date(from: components),
                calendar.dateComponents([.day], from: date).day == d
            else { return nil }
            return date
        }
        let plain = Date.ISO8601FormatStyle()
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        guard let date = (try? plain.parse(value)) ?? (try? fractional.parse(value)) else { return nil }
        guard StoredInstant.date(StoredInstant.seconds(date)) != nil else { return nil }
        return date
    }
}

/// Open311's new requests, written together (group commit). Each transaction of SQLite in WAL mode with
/// `synchronous = FULL` ends with a flush of the log to the disk, which costs more than writing one ticket: while a batch
/// is being written the requests that arrive wait here, and the next transaction writes them all (at most
/// `maximumBatch`) with one flush. A lone request waits for nothing: it is written at once. Each request still gets
/// its own answer: its ticket, or its own refusal.
actor Open311Intake {
    typealias Outcome = Result<Open311Receipt, any Error>

    let desk: Desk
    static let maximumBatch = 256
    private var waiting: [(GovDeskDatabase.Open311Arrival, CheckedContinuation<Outcome, Never>)] = []
    private var writing = false

    init(desk: Desk) { self.desk = desk }

    func create(_ arrival: GovDeskDatabase.Open311Arrival, localTime: LocalTime) async throws -> Open311Receipt {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            waiting.append((arrival, continuation))
            if !writing {
                writing = true
                Task { await self.write(localTime: localTime) }
            }
        }
        return try outcome.get()
    }

    /// Writes batches until nobody waits.
    private func write(localTime: LocalTime) async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.maximumBatch))
            waiting.removeFirst(batch.count)
            let arrivals = batch.map(\.0)
            let outcomes: [Outcome]
            do {
                outcomes = try await desk.store { try $0.createOpen311Requests(arrivals, localTime: localTime) }
            } catch {
                outcomes = Array(repeating: .failure(error), count: batch.count)
            }
            for ((_, continuation), outcome) in zip(batch, outcomes) { continuation.resume(returning: outcome) }
        }
        writing = false
    }
}
