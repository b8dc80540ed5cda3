import Foundation
import GovDeskCore
import GovDeskService
import GovDeskStore
import GovDeskTestSupport
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

/// A database with the test hall, passwords for the liaisons, and tickets dispatched to each of their departments,
/// served by the router the command line serves, at a fixed server clock.
struct ServiceFixture {
    static let password = "城管承办人的密码2025"
    /// One bcrypt hash (cost 12) for every fixture: bcrypt is slow on purpose.
    static let hash = Passwords.hash(unchecked: password)
    static let now = makeInstant("2025-06-16T10:00+08:00")

    let database: GovDeskDatabase
    /// Dispatched to CGJ (cgj1's department) and to ZJJ (zjj1's).
    let cgjTicket: String
    let zjjTicket: String
    var secureCookies = false

    /// The staff who can log in: one of each role the pages serve.
    static let passwordHolders = ["admin", "cgj1", "zjj1", "op1", "pd1", "sh1", "db1", "ck1", "gl1"]

    init(description: String = "人民路夜市占道经营，噪音扰民。") throws {
        database = try GovDeskDatabase.inMemory()
        try database.load(
            ReferenceData(
                departments: [
                    Department(code: "RX12345", name: "潞州区12345政务服务便民热线中心", kind: .centre),
                    Department(code: "CGJ", name: "潞州区城市管理局", kind: .bureau),
                    Department(code: "ZJJ", name: "潞州区住房和城乡建设局", kind: .bureau),
                ],
                staff: [
                    StaffMember(code: "admin", name: "系统管理员", department: "RX12345", roles: [.admin]),
                    StaffMember(code: "op1", name: "受理员一", department: "RX12345", roles: [.operator]),
                    StaffMember(code: "pd1", name: "派单员一", department: "RX12345", roles: [.dispatcher]),
                    StaffMember(code: "cgj1", name: "城管承办人", department: "CGJ", roles: [.liaison]),
                    StaffMember(code: "zjj1", name: "住建承办人", department: "ZJJ", roles: [.liaison]),
                    StaffMember(code: "sh1", name: "审核员一", department: "RX12345", roles: [.reviewer]),
                    StaffMember(code: "db1", name: "督办员一", department: "RX12345", roles: [.supervisor]),
                    StaffMember(code: "ck1", name: "窗口人员一", department: "RX12345", roles: [.window]),
                    StaffMember(code: "gl1", name: "体验员管理员", department: "RX12345", roles: [.officerAdmin]),
                ]))
        try database.addTopic(
            TopicNode(path: "城市管理/市容环境/占道经营", department: "CGJ"), actor: "admin", at: Self.now)
        try database.addTopic(
            TopicNode(path: "住房城建/物业管理/物业服务", department: "ZJJ"), actor: "admin", at: Self.now)
        for code in Self.passwordHolders {
            try database.setPassword(of: code, hash: Self.hash, actor: "admin", at: Self.now)
        }
        cgjTicket = try Self.dispatchedTicket(database, to: "CGJ", description: description)
        zjjTicket = try Self.dispatchedTicket(database, to: "ZJJ", description: description)
    }

    static func dispatchedTicket(_ database: GovDeskDatabase, to department: String, description: String) throws
        -> String
    {
        let intake = Ticket.Intake(
            channel: .phone, type: .complaint, topic: "城市管理/市容环境/占道经营", callerName: "张三",
            callerPhone: "13812341234", address: "人民路 1 号", street: "城关街道", description: description)
        let ticket = try database.createTicket(
            intake, actor: "op1", at: makeInstant("2025-06-16T09:00+08:00"), localTime: makeLocalTime())
        try database.apply(
            .dispatch(lead: department, co: []), to: ticket.number, actor: "pd1",
            at: makeInstant("2025-06-16T09:30+08:00"), rules: makeRules())
        return ticket.number
    }

    var configuration: ServiceConfiguration {
        ServiceConfiguration(
            secureCookies: secureCookies, rules: makeRules(), localTime: makeLocalTime(), clock: { Self.now })
    }

    /// Runs `body` with a browser against the service in-process.
    func withBrowser(_ body: @escaping @Sendable (Browser) async throws -> Void) async throws {
        let router = try buildRouter(database: database, configuration: configuration)
        let app = Application(router: router)
        try await app.test(.router) { client in
            try await body(Browser(client: client))
        }
    }
}

extension Passwords {
    /// bcrypt without the policy, for fixtures.
    static func hash(unchecked password: String) -> String { Bcrypt.hash(password, cost: cost) }
}

/// A browser for the tests: keeps the cookies the service sets and sends them back, and reads forms' tokens.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// Every Set-Cookie header received, newest last.
    var setCookies: [String] = []

    init(client: any TestClientProtocol) { self.client = client }

    struct Page {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        var location: String? { headers[.location] }

        /// The `_csrf` field of the page's first form, or of the form posting to `action`.
        func csrf(action: String? = nil) -> String? {
            var text = body[...]
            if let action, let range = body.range(of: "action=\"\(action)\"") { text = body[range.upperBound...] }
            guard let field = text.range(of: "name=\"_csrf\" value=\"") else { return nil }
            return String(text[field.upperBound...].prefix(64))
        }
    }

    func get(_ path: String) async throws -> Page {
        try await send(path, method: .get, body: nil)
    }

    func post(_ path: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, body: body)
    }

    func send(_ path: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for header in response.headers[values: .setCookie] {
            setCookies.append(header)
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if header.contains("Max-Age=0") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        return Page(
            status: response.status, headers: response.headers,
            body: String(decoding: response.body.readableBytesView, as: UTF8.self))
    }

    /// A POST of raw bytes with the content type given (none: no header), as a client that is no browser sends.
    func post(_ path: String, bytes: [UInt8], contentType: String?) async throws -> Page {
        var headers: HTTPFields = [:]
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
        return Page(
            status: response.status, headers: response.headers,
            body: String(decoding: response.body.readableBytesView, as: UTF8.self))
    }

    /// Logs in through the form; returns the answer to the post.
    @discardableResult
    func logIn(_ code: String, password: String = ServiceFixture.password) async throws -> Page {
        let form = try await get("/login")
        return try await post(
            "/login",
            [("_csrf", form.csrf(action: "/login") ?? ""), ("code", code), ("password", password), ("next", "/queue")])
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// How Mustache writes a value into a page.
func htmlEscaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}
