import Foundation
import GovDeskCore
import GovDeskService
import GovDeskStore
import GovDeskTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The service fixture with a topic tree and an API client, and helpers that read the interface's answers.
struct Open311Fixture {
    let base: ServiceFixture
    let key: String
    static let topic = "城市管理/市容环境/占道经营"

    var database: GovDeskDatabase { base.database }

    init(description: String = "人民路夜市占道经营，噪音扰民。") throws {
        base = try ServiceFixture(description: description)
        for (path, department) in [
            (Self.topic, "CGJ"), ("城市管理/市政设施/路灯不亮", "CGJ"), ("城乡建设/建筑施工/夜间施工扰民", "ZJJ"),
        ] where try !base.database.topics().contains(where: { $0.path == path }) {
            try base.database.addTopic(
                TopicNode(path: path, department: department), actor: "admin", at: ServiceFixture.now)
        }
        key = try base.database.addAPIClient(name: "fixmystreet", channel: .web, actor: "admin", at: ServiceFixture.now)
            .key
    }

    var serviceCode: String { Open311Service.code(of: Self.topic) }

    /// Runs `body` with a client of the service in-process (no cookies kept: the interface uses none).
    func withClient(_ body: @escaping @Sendable (Browser) async throws -> Void) async throws {
        try await base.withBrowser(body)
    }

    /// The form of a citizen's report, the spec's example request in our terms.
    func report(
        key: String? = nil, description: String = "人民路路灯不亮，夜间行人看不清。", name: (String, String)? = ("建国", "张"),
        phone: String? = "13912345678"
    ) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("api_key", key ?? self.key), ("jurisdiction_id", "luzhou.gov.cn"), ("service_code", serviceCode),
            ("lat", "36.195"), ("long", "113.116"), ("address_string", "人民路 100 号"), ("email", "zhang@example.com"),
            ("device_id", "tt222111"), ("account_id", "123456"), ("description", description),
            ("media_url", "http://example.com/1.jpg"),
        ]
        if let name { fields += [("first_name", name.0), ("last_name", name.1)] }
        if let phone { fields.append(("phone", phone)) }
        return fields
    }
}

/// JSON as Foundation reads it, for field-by-field checks.
func jsonValue(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

func jsonList(_ text: String) throws -> [[String: Any]] {
    try #require(try jsonValue(text) as? [[String: Any]], "\(text)")
}

/// An XML element as a test reads it.
final class XMLElementNode: @unchecked Sendable {
    let name: String
    var text = ""
    var children: [XMLElementNode] = []

    init(name: String) { self.name = name }

    /// The text of the first child named `name`.
    subscript(_ name: String) -> String? { children.first { $0.name == name }?.text }

    func child(_ name: String) -> XMLElementNode? { children.first { $0.name == name } }
}

/// Parses `text` with Foundation's XML parser; nil when it is not well-formed XML.
func parseXML(_ text: String) -> XMLElementNode? {
    final class Delegate: NSObject, XMLParserDelegate {
        var stack: [XMLElementNode] = []
        var root: XMLElementNode?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let node = XMLElementNode(name: elementName)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            stack.removeLast()
        }
    }
    let parser = XMLParser(data: Data(text.utf8))
    let delegate = Delegate()
    parser.delegate = delegate
    guard parser.parse() else { return nil }
    return delegate.root
}
