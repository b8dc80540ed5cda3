import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// `/track`: the citizens' progress lookup (办理进度自助查询, DESIGN §12). A ticket number and the last four digits
/// of the caller's phone show the state, the department, the deadlines and the approved answer — no personal data. No
/// log-in; posted, so that the digits stay out of addresses and logs; throttled per ticket and per client, because four
/// digits are only ten thousand guesses.
struct TrackController {
    let desk: Desk
    let throttle: LookupThrottle

    func addRoutes(to router: Router<DeskContext>) {
        router.get("/track", use: show)
        router.post("/track", use: lookUp)
    }

    @Sendable func show(_ request: Request, context: DeskContext) async throws -> Response {
        page(context: context, number: "")
    }

    @Sendable func lookUp(_ request: Request, context: DeskContext) async throws -> Response {
        let form = try await Form.read(request)
        let words = Words(context.language)
        let number = (form.text("number") ?? "").replacingOccurrences(of: " ", with: "")
        let ending = (form.text("phone") ?? "").replacingOccurrences(of: " ", with: "")
        let client = desk.client(request, context)
        let now = desk.configuration.now
        let key = (form.text("code") ?? "").isEmpty ? number : "code"
        guard await throttle.allows(number: key, client: client, at: now) else {
            return page(
                context: context, number: number, status: .tooManyRequests,
                error: words.t(
                    "查询失败次数过多，请一小时后再试，或拨打 12345 热线查询。",
                    "Too many failed lookups; try again in an hour, or call the 12345 hotline."))
        }
        // A tracking code (an Open311 client's, six letters and digits) alone, or a ticket number and four digits.
        let code = (form.text("code") ?? "").replacingOccurrences(of: " ", with: "")
        let found: TrackedTicket?
        if !code.isEmpty {
            found = try await desk.store { try $0.trackedTicket(trackingCode: code) }
        } else if RecordNumberShape.isPlausible(number) {
            found = try await desk.store { try $0.trackedTicket(number: number, phoneEnding: ending) }
        } else {
            found = nil
        }
        guard let found else {
            await throttle.fail(number: key, client: client, at: now)
            return page(
                context: context, number: number, status: .notFound,
                error: words.t(
                    "未找到：请核对工单编号和来电号码后四位，或查询码。",
                    "Not found: check the ticket number and the last four digits of the phone you called from, or the "
                        + "tracking code."))
        }
        return page(context: context, number: number, found: found)
    }

    func page(
        context: DeskContext, number: String, found: TrackedTicket? = nil, status: HTTPResponse.Status = .ok,
        error: String? = nil
    ) -> Response {
        let words = Words(context.language)
        var values: [String: Any] = ["number": Printable.escaped(number)]
        if let found {
            let clocks = Clocks(desk: desk, words: words, now: desk.configuration.now)
            var shown: [String: Any] = [
                "number": found.number, "state": words.label(found.state), "stateCode": found.state.rawValue,
                "type": words.label(found.type), "topic": Printable.escaped(found.topic),
                "department": found.department.map { Printable.escaped($0) } ?? words.t("尚未派单", "not yet dispatched"),
                "createdAt": desk.time(found.createdAt), "signDeadline": clocks.deadline(found.signDeadline),
                "deadline": clocks.deadline(found.deadline), "closedAt": desk.time(found.closedAt),
            ]
            shown["answer"] = found.answer.map { Printable.escaped($0, keepsLines: true) }
            shown["mergedInto"] = found.mergedInto
            values["found"] = shown
        }
        return desk.page(
            "track", title: words.t("办理进度查询", "Track your request"), values: values, context: context,
            status: status, error: error)
    }
}

/// Failures remembered for a while (`window`) by key — a ticket number, a client address, a staff code — so that a key
/// with too many recent failures can be refused before any work is done. Kept in memory: a restart forgets them. The
/// table is bounded: what is older than the window goes once it grows, and past a bound no honest load reaches it
/// starts again rather than run out of memory.
actor RecentFailures {
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(window: TimeInterval) { self.window = window }

    /// The failures of `key` within the window before `now`.
    func count(_ key: String, at now: Date) -> Int {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }.count
    }

    /// One failure at `now` for each of `keys`.
    func record(_ keys: [String], at now: Date) {
        for key in keys {
            var recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            recent.append(now)
            failures[key] = recent
        }
        if failures.count > 50_000 {
            failures = failures.compactMapValues { dates in
                let recent = dates.filter { now.timeIntervalSince($0) < window }
                return recent.isEmpty ? nil : recent
            }
        }
        if failures.count > 200_000 { failures = [:] }
    }
}

/// Failed lookups remembered for an hour: a client with `perNumberAndClient` failures on one number, any clients with
/// `perNumber` on it together, or a client with `perClient` in all, is refused until the oldest is an hour old.
/// One person's wrong guesses lock only themselves out of a ticket, so nobody can shut a citizen out of their own
/// lookup by guessing ten times; guessing from many addresses is still bounded per ticket (a phone's last four digits
/// are 10,000 guesses: at 100 an hour, days). A client's own bound is higher because many citizens may come through
/// one address (a mobile carrier's gateway; behind a proxy the client is the address the proxy names, `Desk.client`).
struct LookupThrottle: Sendable {
    let perNumberAndClient: Int
    let perNumber: Int
    let perClient: Int
    let failures: RecentFailures

    init(perNumberAndClient: Int = 10, perNumber: Int = 100, perClient: Int = 100, window: TimeInterval = 3600) {
        self.perNumberAndClient = perNumberAndClient
        self.perNumber = perNumber
        self.perClient = perClient
        self.failures = RecentFailures(window: window)
    }

    func allows(number: String, client: String, at now: Date) async -> Bool {
        let mine = await failures.count("number " + number + " client " + client, at: now)
        let byNumber = await failures.count("number " + number, at: now)
        let byClient = await failures.count("client " + client, at: now)
        return mine < perNumberAndClient && byNumber < perNumber && byClient < perClient
    }

    func fail(number: String, client: String, at now: Date) async {
        await failures.record(
            ["number " + number + " client " + client, "number " + number, "client " + client], at: now)
    }
}
