import Foundation
import GovDeskCore
import GovDeskService
import GovDeskStore
import GovDeskTestSupport
import Hummingbird
import Testing

/// Open311 GeoReport v2 under /open311/v2/ (DESIGN §12), in-process: every endpoint in JSON and XML, checked field by
/// field against the spec's own examples; the API key; nothing personal in any GET.
struct Open311RouteTests {
    /// The fields of the spec's examples, in the spec's order.
    static let serviceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
    static let requestFields = [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
        "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
        "address",
        "address_id", "zipcode", "lat", "long", "media_url",
    ]
    static let createdFields = ["service_request_id", "service_notice", "account_id"]
    static let discoveryFields = ["changeset", "contact", "key_service", "endpoints"]
    static let endpointFields = ["specification", "url", "changeset", "type", "formats"]
    static let updateFields = [
        "update_id", "service_request_id", "status", "updated_datetime", "description", "media_url",
        "external_status_code",
    ]
    static let v2 = "/open311/v2"

    @Test func discoveryNamesTheEndpointInBothFormats() async throws {
        let fixture = try Open311Fixture()
        try await fixture.withClient { client in
            let json = try await client.get("\(Self.v2)/discovery.json")
            #expect(json.status == .ok)
            #expect(json.headers[.contentType] == "application/json; charset=utf-8")
            let object = try #require(try jsonValue(json.body) as? [String: Any])
            #expect(Set(object.keys) == Set(Self.discoveryFields))
            let endpoint = try #require((object["endpoints"] as? [[String: Any]])?.first)
            #expect(Set(endpoint.keys) == Set(Self.endpointFields))
            #expect(endpoint["specification"] as? String == "http://wiki.open311.org/GeoReport_v2")
            #expect((endpoint["url"] as? String)?.hasSuffix("/open311/v2") == true)
            #expect(endpoint["type"] as? String == "test", "a training database is a test endpoint")
            #expect(endpoint["formats"] as? [String] == ["text/xml", "application/json"])
            #expect((object["contact"] as? String)?.contains("潞州区12345政务服务便民热线中心") == true)

            let xml = try await client.get("\(Self.v2)/discovery.xml")
            #expect(xml.headers[.contentType] == "text/xml; charset=utf-8")
            #expect(xml.body.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>"))
            let root = try #require(parseXML(xml.body))
            #expect(root.name == "discovery")
            #expect(root.children.map(\.name) == Self.discoveryFields)
            let xmlEndpoint = try #require(root.child("endpoints")?.child("endpoint"))
            #expect(xmlEndpoint.children.map(\.name) == Self.endpointFields)
            #expect(xmlEndpoint.child("formats")?.children.map(\.text) == ["text/xml", "application/json"])
        }
    }

    @Test func servicesAreTheActiveTopicsAndEachHasADefinition() async throws {
        let fixture = try Open311Fixture()
        try fixture.database.setActive(
            .topic, code: "城乡建设/建筑施工/夜间施工扰民", active: false, actor: "admin", at: ServiceFixture.now)
        let code = fixture.serviceCode
        try await fixture.withClient { client in
            let services = try jsonList(try await client.get("\(Self.v2)/services.json").body)
            let active = try fixture.database.topics().filter(\.active).count
            #expect(services.count == active && active == 3, "the inactive topic is not offered")
            let service = try #require(services.first { $0["service_code"] as? String == code })
            #expect(Set(service.keys) == Set(Self.serviceFields))
            #expect(service["service_name"] as? String == "占道经营")
            #expect(service["description"] as? String == Open311Fixture.topic)
            #expect(service["group"] as? String == "城市管理")
            #expect(service["keywords"] as? String == "城市管理, 市容环境, 占道经营")
            #expect(service["metadata"] as? Bool == false && service["type"] as? String == "realtime")

            let xml = try #require(parseXML(try await client.get("\(Self.v2)/services.xml").body))
            #expect(xml.name == "services" && xml.children.count == active)
            let first = try #require(xml.children.first { $0["service_code"] == code })
            #expect(first.name == "service" && first.children.map(\.name) == Self.serviceFields)
            #expect(first["metadata"] == "false")

            let definition = try #require(
                try jsonValue(try await client.get("\(Self.v2)/services/\(code).json").body) as? [String: Any])
            #expect(definition["service_code"] as? String == code)
            #expect((definition["attributes"] as? [Any])?.isEmpty == true)
            let definitionXML = try #require(parseXML(try await client.get("\(Self.v2)/services/\(code).xml").body))
            #expect(definitionXML.name == "service_definition")
            #expect(definitionXML.children.map(\.name) == ["service_code", "attributes"])

            let missing = try await client.get("\(Self.v2)/services/0000abcd.json")
            #expect(missing.status == .notFound)
            let errors = try jsonList(missing.body)
            #expect(errors.count == 1 && errors[0]["code"] as? Int == 404 && errors[0]["description"] is String)
            let missingXML = try await client.get("\(Self.v2)/services/0000abcd.xml")
            let errorXML = try #require(parseXML(missingXML.body))
            #expect(errorXML.name == "errors" && errorXML.child("error")?["code"] == "404")
        }
    }

    @Test(arguments: ["json", "xml"])
    func aClientWithAKeyCreatesATicketAndGetsItsTrackingCode(format: String) async throws {
        let fixture = try Open311Fixture()
        let form = fixture.report()
        let created = try await Self.post(fixture, format: format, form)
        #expect(created.status == .ok, "\(created.body)")
        let (number, notice, accountIsNull): (String, String, Bool)
        if format == "json" {
            let answer = try jsonList(created.body)
            #expect(answer.count == 1 && Set(answer[0].keys) == Set(Self.createdFields))
            number = try #require(answer[0]["service_request_id"] as? String)
            notice = try #require(answer[0]["service_notice"] as? String)
            accountIsNull = answer[0]["account_id"] is NSNull
        } else {
            let root = try #require(parseXML(created.body))
            #expect(root.name == "service_requests" && root.children.map(\.name) == ["request"])
            let request = try #require(root.child("request"))
            #expect(request.children.map(\.name) == Self.createdFields)
            number = try #require(request["service_request_id"])
            notice = try #require(request["service_notice"])
            accountIsNull = request["account_id"] == ""
        }
        #expect(accountIsNull)
        // The ticket: the client is its operator, its channel the client's, its type 求助, the caller's data kept.
        let ticket = try fixture.database.ticket(number)
        #expect(ticket.channel == .web && ticket.type == .help && ticket.topic == Open311Fixture.topic)
        #expect(ticket.callerName == "张建国" && ticket.callerPhone == "13912345678")
        #expect(ticket.address == "人民路 100 号" && ticket.description == "人民路路灯不亮，夜间行人看不清。")
        let creation = try #require(try fixture.database.events(of: number).first)
        #expect(creation.actor == "api:fixmystreet" && creation.at == ServiceFixture.now)
        // The notice carries the six-character tracking code, which finds the ticket.
        let code = try #require(notice.firstMatch(of: #/查询码 ([2-9A-HJKMNP-Z]{6})/#)?.1)
        #expect(try fixture.database.ticketNumber(trackingCode: String(code)) == number)
        #expect(try fixture.database.ticketNumber(trackingCode: String(code).lowercased()) == number)
        #expect(notice.contains(number))
    }

    @Test func aMissingUnknownOrRevokedKeyIsRefusedWith403AndWritesNothing() async throws {
        let fixture = try Open311Fixture()
        let count = try fixture.database.count(matching: TicketFilter())
        let missing = try await Self.post(fixture, format: "json", fixture.report().filter { $0.0 != "api_key" })
        #expect(missing.status == .forbidden)
        #expect(try jsonList(missing.body).first?["code"] as? Int == 403)
        let unknown = try await Self.post(
            fixture, format: "xml", fixture.report(key: "gd_" + String(repeating: "A", count: 43)))
        #expect(unknown.status == .forbidden)
        #expect(try #require(parseXML(unknown.body)).child("error")?["code"] == "403")
        try fixture.database.revokeAPIClient(name: "fixmystreet", actor: "admin", at: ServiceFixture.now)
        let revoked = try await Self.post(fixture, format: "json", fixture.report())
        #expect(revoked.status == .forbidden)
        #expect((try jsonList(revoked.body).first?["description"] as? String)?.contains("吊销") == true)
        #expect(try fixture.database.count(matching: TicketFilter()) == count)
    }

    @Test func badRequestsAreRefusedAsTheSpecSays() async throws {
        let fixture = try Open311Fixture()
        let noDescription = try await Self.post(
            fixture, format: "json", fixture.report().filter { $0.0 != "description" })
        #expect(noDescription.status == .badRequest)
        #expect((try jsonList(noDescription.body).first?["description"] as? String)?.contains("description") == true)
        let noPlace = try await Self.post(
            fixture, format: "json", fixture.report().filter { !["lat", "long", "address_string"].contains($0.0) })
        #expect(noPlace.status == .badRequest)
        let halfPlace = try await Self.post(fixture, format: "json", fixture.report().filter { $0.0 != "long" })
        #expect(halfPlace.status == .badRequest)
        let unknownService = try await Self.post(
            fixture, format: "json", fixture.report().map { $0.0 == "service_code" ? ($0.0, "ffffffff") : $0 })
        #expect(unknownService.status == .notFound)
        let tooLong = try await Self.post(
            fixture, format: "json", fixture.report(description: String(repeating: "长", count: 4001)))
        #expect(tooLong.status == .badRequest, "the command line's limit: \(tooLong.body)")
        let badPhone = try await Self.post(fixture, format: "json", fixture.report(phone: "call me"))
        #expect(badPhone.status == .badRequest)
        let english = try await Self.post(
            fixture, format: "json", fixture.report().filter { $0.0 != "description" }, query: "?lang=en")
        #expect((try jsonList(english.body).first?["description"] as? String) == "description is missing")
    }

    /// Requests that arrive together are written together (group commit), each answered on its own: every good one
    /// gets its own ticket and tracking code, a bad key among them its own 403.
    @Test func requestsArrivingTogetherEachGetTheirOwnAnswer() async throws {
        let fixture = try Open311Fixture()
        let answers = PageList()
        try await fixture.withClient { client in
            try await withThrowingTaskGroup(of: Browser.Page.self) { group in
                for index in 0..<24 {
                    let fields =
                        index == 7
                        ? fixture.report(key: String(repeating: "k", count: 43))
                        : fixture.report(description: "同时到达的第 \(index) 件")
                    group.addTask { try await client.post("\(Self.v2)/requests.json", fields) }
                }
                for try await page in group { answers.append(page) }
            }
        }
        let pages = answers.pages
        #expect(pages.count == 24)
        #expect(pages.filter { $0.status == .forbidden }.count == 1)
        let created = pages.filter { $0.status == .ok }
        #expect(created.count == 23)
        let ids = try created.compactMap { try jsonList($0.body).first?["service_request_id"] as? String }
        #expect(Set(ids).count == 23)
        let notices = try created.compactMap { try jsonList($0.body).first?["service_notice"] as? String }
        #expect(Set(notices).count == 23)
        for id in ids { #expect(try fixture.database.ticket(id).description.hasPrefix("同时到达的第")) }
        #expect(try fixture.database.check().isClean)
    }

    @Test func anonymousReportsNeedNoNameNorPhone() async throws {
        let fixture = try Open311Fixture()
        let created = try await Self.post(fixture, format: "json", fixture.report(name: nil, phone: nil))
        #expect(created.status == .ok, "\(created.body)")
        let number = try #require(try jsonList(created.body).first?["service_request_id"] as? String)
        let ticket = try fixture.database.ticket(number)
        #expect(ticket.callerName.isEmpty && ticket.callerPhone.isEmpty)
    }

    @Test(arguments: ["json", "xml"])
    func getRequestsShowsTheSpecsFieldsAndNothingPersonal(format: String) async throws {
        let fixture = try Open311Fixture()
        let created = try await Self.post(fixture, format: "json", fixture.report())
        let number = try #require(try jsonList(created.body).first?["service_request_id"] as? String)
        // The hotline dispatches and the department signs: the answer follows.
        try fixture.database.apply(
            .dispatch(lead: "CGJ", co: []), to: number, actor: "pd1", at: ServiceFixture.now, rules: makeRules())
        try fixture.database.apply(.sign, to: number, actor: "cgj1", at: ServiceFixture.now, rules: makeRules())
        let ticket = try fixture.database.ticket(number)
        try await fixture.withClient { client in
            for path in ["requests.\(format)", "requests/\(number).\(format)"] {
                let answer = try await client.get("\(Self.v2)/\(path)")
                #expect(answer.status == .ok)
                for personal in [
                    "张建国", "建国", "13912345678", "zhang@example.com", "张三", "13812341234", "人民路 1 号", "tt222111",
                ] {
                    #expect(!answer.body.contains(personal), "\(path) shows \(personal)")
                }
                let rows: [[String: String]]
                if format == "json" {
                    let list = try jsonList(answer.body)
                    for row in list { #expect(Set(row.keys) == Set(Self.requestFields)) }
                    rows = list.map { row in
                        row.mapValues { value in (value as? String) ?? (value is NSNull ? "" : "\(value)") }
                    }
                } else {
                    let root = try #require(parseXML(answer.body))
                    #expect(root.name == "service_requests")
                    for request in root.children { #expect(request.children.map(\.name) == Self.requestFields) }
                    rows = root.children.map {
                        Dictionary(uniqueKeysWithValues: $0.children.map { ($0.name, $0.text) })
                    }
                }
                let row = try #require(rows.first { $0["service_request_id"] == number })
                #expect(row["status"] == "open" && row["status_notes"] == "办理中")
                #expect(row["agency_responsible"] == "潞州区城市管理局")
                #expect(row["expected_datetime"] == makeLocalTime().iso(ticket.deadline!))
                #expect(row["expected_datetime"]?.hasSuffix("+08:00") == true)
                #expect(row["requested_datetime"] == "2025-06-16T10:00:00+08:00")
                #expect(row["service_code"] == fixture.serviceCode && row["service_name"] == "占道经营")
                #expect(row["description"] == "人民路路灯不亮，夜间行人看不清。")
                #expect(row["address"] == "人民路 100 号")
                #expect(row["lat"] == "36.195" && row["long"] == "113.116")
                #expect(row["service_notice"] == "" && row["media_url"] == "")
                // A phone ticket: its text and address were an operator's notes of a call; only the street shows.
                if let phone = rows.first(where: { $0["service_request_id"] == fixture.base.cgjTicket }) {
                    #expect(phone["description"] == "" && phone["address"] == "城关街道")
                }
            }
        }
    }

    @Test func getRequestsFiltersPagesAndRefusesBadRanges() async throws {
        let fixture = try Open311Fixture()
        var numbers: [String] = []
        for text in ["路灯一", "路灯二", "路灯三"] {
            let created = try await Self.post(fixture, format: "json", fixture.report(description: text))
            numbers.append(try #require(try jsonList(created.body).first?["service_request_id"] as? String))
        }
        let created = numbers
        try await fixture.withClient { client in
            func ids(_ query: String) async throws -> [String] {
                let answer = try await client.get("\(Self.v2)/requests.json\(query)")
                #expect(answer.status == .ok, "\(query): \(answer.body)")
                return try jsonList(answer.body).compactMap { $0["service_request_id"] as? String }
            }
            // The fixture's two phone tickets and the three reports, newest first.
            #expect(try await ids("").count == 5)
            #expect(
                try await ids("?service_request_id=\(created[0]),\(created[2])").sorted() == [created[0], created[2]])
            #expect(try await ids("?service_code=\(fixture.serviceCode)").count == 5)
            #expect(try await ids("?service_code=\(Open311Service.code(of: "城市管理/市政设施/路灯不亮"))").isEmpty)
            #expect(try await ids("?status=closed").isEmpty)
            #expect(try await ids("?status=open,closed").count == 5)
            #expect(try await ids("?page_size=2") == Array(try await ids("").prefix(2)))
            #expect(try await ids("?page_size=2&page=3").count == 1)
            #expect(try await ids("?start_date=2025-06-17T00:00:00%2B08:00").isEmpty)
            #expect(try await ids("?start_date=2025-06-16T09:30:00Z&end_date=2025-06-16T23:59:59Z").isEmpty)
            #expect(try await ids("?start_date=2025-06-16&end_date=2025-06-17").count == 5)
            #expect(try await ids("?end_date=2025-03-01T00:00:00Z").isEmpty, "the 90 days before")
            for bad in [
                "?start_date=yesterday", "?start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z",
                "?start_date=2025-06-02T00:00:00Z&end_date=2025-06-01T00:00:00Z", "?status=pending", "?status=",
                "?status=OPEN", "?status=open,", "?status=open%2C%20closed", "?page=",
                "?page_size=", "?page=%201",
                "?page_size=1001", "?page=0", "?service_request_id=a%20b",
            ] {
                let refused = try await client.get("\(Self.v2)/requests.json\(bad)")
                #expect(refused.status == .badRequest, "\(bad)")
                #expect(try jsonList(refused.body).first?["code"] as? Int == 400)
            }
            let unknown = try await client.get("\(Self.v2)/requests/20250101-000009.xml")
            #expect(unknown.status == .notFound)
            #expect(try #require(parseXML(unknown.body)).name == "errors")
        }
    }

    /// A report's text is public as GeoReport requests are, but not the caller in it: their name, phone and any
    /// long number are masked in every GET.
    @Test func theCallerTypedIntoAReportIsMaskedInItsGet() async throws {
        let fixture = try Open311Fixture()
        let created = try await Self.post(
            fixture, format: "json", fixture.report(description: "我叫张建国，电话13912345678，身份证140402199001011234，路灯不亮"))
        let number = try #require(try jsonList(created.body).first?["service_request_id"] as? String)
        try await fixture.withClient { client in
            let one = try jsonList(try await client.get("\(Self.v2)/requests/\(number).json").body)
            let description = try #require(one.first?["description"] as? String)
            #expect(description == "我叫张**，电话139****5678，身份证140***********1234，路灯不亮", "\(description)")
            let xml = try await client.get("\(Self.v2)/requests/\(number).xml").body
            #expect(!xml.contains("13912345678") && !xml.contains("张建国") && xml.contains("我叫张**"), "\(xml)")
        }
    }

    /// A body the service cannot read for certain is refused saying why, and nothing is created: not UTF-8 (a client
    /// posting GBK), a broken percent-escape, or not a form at all.
    @Test func aBodyThatIsNotAUTF8FormIsRefusedSayingWhy() async throws {
        let fixture = try Open311Fixture()
        let before = try fixture.database.count(matching: TicketFilter())
        let form = fixture.report().map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
        // 路灯不亮 in GBK, sent raw
        let gbk: [UInt8] = [0xC2, 0xB7, 0xB5, 0xC6, 0xB2, 0xBB, 0xC1, 0xC1]
        let urlencoded = "application/x-www-form-urlencoded"
        try await fixture.withClient { client in
            let path = "\(Self.v2)/requests.json"
            let raw = try await client.post(
                path, bytes: Array((form + "&description=").utf8) + gbk, contentType: urlencoded + "; charset=gbk")
            #expect(raw.status == .unsupportedMediaType && raw.body.contains("不是 UTF-8 文本"), "\(raw.body)")
            let unlabelled = try await client.post(
                path, bytes: Array((form + "&description=").utf8) + gbk, contentType: urlencoded)
            #expect(unlabelled.status == .badRequest && unlabelled.body.contains("不是 UTF-8 文本"), "\(unlabelled.body)")
            let brokenName = try await client.post(
                path, bytes: Array((form + "&descr%zzption=x").utf8), contentType: urlencoded)
            #expect(brokenName.status == .badRequest && brokenName.body.contains("descr%zzption"), "\(brokenName.body)")
            for broken in ["%C2%B7%B5%C6", "%E4%BF", "100%zz%"] {
                let answer = try await client.post(
                    path, bytes: Array((form + "&description=\(broken)").utf8), contentType: urlencoded)
                #expect(answer.status == .badRequest, "\(broken): \(answer.body)")
                #expect(answer.body.contains("description") && answer.body.contains("无法解码"), "\(answer.body)")
            }
            let multipart = try await client.post(
                path, bytes: Array("--x\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\nk\r\n--x--".utf8),
                contentType: "multipart/form-data; boundary=x")
            #expect(multipart.status == .unsupportedMediaType, "\(multipart.body)")
            let json = try await client.post(path, bytes: Array("{}".utf8), contentType: "application/json")
            #expect(json.status == .unsupportedMediaType)
            // The same form as UTF-8 goes through, with or without a charset.
            let good = try await client.post(path, bytes: Array(form.utf8), contentType: urlencoded + "; charset=utf-8")
            #expect(good.status == .ok, "\(good.body)")
        }
        #expect(try fixture.database.count(matching: TicketFilter()) == before + 1)
    }

    @Test func aTokenIsTheTrackingCode() async throws {
        let fixture = try Open311Fixture()
        let created = try await Self.post(fixture, format: "json", fixture.report())
        let answer = try #require(try jsonList(created.body).first)
        let number = try #require(answer["service_request_id"] as? String)
        let code = try #require((answer["service_notice"] as? String)?.firstMatch(of: #/查询码 ([A-Z0-9]{6})/#)?.1)
        try await fixture.withClient { client in
            let json = try jsonList(try await client.get("\(Self.v2)/tokens/\(code).json").body)
            #expect(json.count == 1 && Set(json[0].keys) == ["service_request_id", "token"])
            #expect(json[0]["service_request_id"] as? String == number && json[0]["token"] as? String == String(code))
            let xml = try #require(parseXML(try await client.get("\(Self.v2)/tokens/\(code).xml").body))
            #expect(xml.child("request")?.children.map(\.name) == ["service_request_id", "token"])
            #expect(xml.child("request")?["service_request_id"] == number)
            #expect(try await client.get("\(Self.v2)/tokens/ZZZZZZ.json").status == .notFound)
        }
    }

    @Test(arguments: ["json", "xml"])
    func updatesFollowThePublicStepsOfATicket(format: String) async throws {
        let fixture = try Open311Fixture()
        let number = fixture.base.cgjTicket
        try fixture.database.apply(.sign, to: number, actor: "cgj1", at: ServiceFixture.now, rules: makeRules())
        try await fixture.withClient { client in
            let answer = try await client.get(
                "\(Self.v2)/servicerequestupdates.\(format)?start_date=2025-06-16T00:00:00%2B08:00&end_date=2025-06-17")
            #expect(answer.status == .ok, "\(answer.body)")
            let rows: [[String: String]]
            if format == "json" {
                let list = try jsonList(answer.body)
                for row in list { #expect(Set(row.keys) == Set(Self.updateFields)) }
                rows = list.map { $0.mapValues { ($0 as? String) ?? "" } }
            } else {
                let root = try #require(parseXML(answer.body))
                #expect(root.name == "service_request_updates")
                for update in root.children {
                    #expect(update.name == "request_update" && update.children.map(\.name) == Self.updateFields)
                }
                rows = root.children.map { Dictionary(uniqueKeysWithValues: $0.children.map { ($0.name, $0.text) }) }
            }
            let mine = rows.filter { $0["service_request_id"] == number }
            #expect(mine.map { $0["status"] } == ["action_scheduled", "in_progress"])
            #expect(mine.map { $0["external_status_code"] } == ["dispatched", "handling"])
            #expect(mine.first?["description"]?.contains("潞州区城市管理局") == true)
            #expect(mine.last?["updated_datetime"] == "2025-06-16T10:00:00+08:00")
            #expect(Set(rows.compactMap { $0["update_id"] }).count == rows.count)
            #expect(!answer.body.contains("张三") && !answer.body.contains("13812341234"))
        }
    }

    @Test func aScriptInTheDescriptionComesBackAsData() async throws {
        let fixture = try Open311Fixture()
        let hostile = "<script>alert('x')</script> & \"引号\" ]]> \u{1}"
        let created = try await Self.post(fixture, format: "xml", fixture.report(description: hostile))
        #expect(created.status == .ok, "\(created.body)")
        let number = try #require(parseXML(created.body)?.child("request")?["service_request_id"])
        try await fixture.withClient { client in
            let json = try await client.get("\(Self.v2)/requests/\(number).json")
            #expect(!json.body.contains("<script>"))
            #expect(try jsonList(json.body).first?["description"] as? String == hostile)
            let xml = try await client.get("\(Self.v2)/requests/\(number).xml")
            #expect(!xml.body.contains("<script>") && xml.body.contains("&lt;script&gt;"))
            let parsed = try #require(parseXML(xml.body), "well-formed XML: \(xml.body)")
            // XML 1.0 cannot carry U+0001: it comes back as U+FFFD, the rest as it was.
            #expect(
                parsed.child("request")?["description"] == hostile.replacingOccurrences(of: "\u{1}", with: "\u{FFFD}"))
        }
    }

    @Test func theInterfaceSetsNoCookieAndAnswersUnknownPathsWith404() async throws {
        let fixture = try Open311Fixture()
        try await fixture.withClient { client in
            let answer = try await client.get("\(Self.v2)/services.json?lang=en")
            #expect(answer.status == .ok)
            #expect(answer.headers[values: .setCookie].isEmpty)
            let unknown = try await client.get("\(Self.v2)/nothing.json")
            #expect(unknown.status == .notFound)
            #expect(try jsonList(unknown.body).first?["code"] as? Int == 404)
        }
    }

    static func post(
        _ fixture: Open311Fixture, format: String, _ fields: [(String, String)], query: String = ""
    ) async throws -> Browser.Page {
        let box = PageBox()
        try await fixture.withClient { client in
            box.page = try await client.post("\(v2)/requests.\(format)\(query)", fields)
        }
        return try #require(box.page)
    }
}

/// Pages gathered from concurrent requests.
final class PageList: @unchecked Sendable {
    private let lock = NSLock()
    private var gathered: [Browser.Page] = []

    func append(_ page: Browser.Page) { lock.withLock { gathered.append(page) } }
    var pages: [Browser.Page] { lock.withLock { gathered } }
}

/// Carries a page out of the client's closure.
final class PageBox: @unchecked Sendable {
    var page: Browser.Page?
}
