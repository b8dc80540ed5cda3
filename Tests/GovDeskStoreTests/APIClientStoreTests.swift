import Foundation
import GRDB
import GovDeskCore
import GovDeskTestSupport
import Testing

@testable import GovDeskStore

/// API clients, their keys and the tickets they create in the store (DESIGN §12, migration v19).
struct APIClientStoreTests {
    let now = makeInstant("2025-06-16T10:00+08:00")
    static let topic = "城市管理/市容环境/占道经营"

    func makeDatabaseWithClient() throws -> (GovDeskDatabase, NewAPIKey) {
        let database = try makeDatabase()
        try database.addTopic(TopicNode(path: Self.topic, department: "CGJ"), actor: "admin", at: now)
        let added = try database.addAPIClient(name: "fms", channel: .app, actor: "admin", at: now)
        return (database, added)
    }

    @Test func aKeyIsShownOnceStoredAsItsHashAndAuthenticatesUntilRevoked() throws {
        let (database, added) = try makeDatabaseWithClient()
        #expect(added.key.hasPrefix("gd_") && added.key.count == 46)
        #expect(try database.authenticateAPIKey(added.key).name == "fms")
        #expect(throws: APIClientError.unknownKey) { try database.authenticateAPIKey(added.key + "x") }
        #expect(throws: APIClientError.unknownKey) { try database.authenticateAPIKey("") }
        #expect(!(try database.dumpAllTables()).contains(added.key))
        let clients = try database.apiClients(actor: "admin")
        #expect(clients.map(\.name) == ["fms"] && clients[0].channel == .app && !clients[0].isRevoked)
        #expect(throws: PermissionError.self) { try database.apiClients(actor: "db1") }
        #expect(throws: PermissionError.self) {
            try database.addAPIClient(name: "other", channel: .web, actor: "db1", at: now)
        }
        #expect(throws: APIClientError.exists("fms")) {
            try database.addAPIClient(name: "fms", channel: .web, actor: "admin", at: now)
        }
        try database.revokeAPIClient(name: "fms", actor: "admin", at: now)
        #expect(throws: APIClientError.revokedKey) { try database.authenticateAPIKey(added.key) }
        #expect(throws: APIClientError.self) { try database.revokeAPIClient(name: "fms", actor: "admin", at: now) }
        #expect(try database.apiClients(actor: "admin").first?.revokedBy == "admin")
        #expect(try database.auditEntries().map(\.action).suffix(2) == ["apikey-add", "apikey-revoke"])
        #expect(try database.check().isClean, "ledgered and audited like reference data")
    }

    @Test(arguments: ["", "FMS", "-fms", "a b", "fms:x", String(repeating: "a", count: 29), "ümlaut"])
    func aNameOutsideTheRuleIsRefused(name: String) throws {
        let database = try makeDatabase()
        #expect(throws: APIClientError.self) {
            try database.addAPIClient(name: name, channel: .web, actor: "admin", at: now)
        }
        #expect(try database.apiClients(actor: "admin").isEmpty)
    }

    @Test func aClientsTicketNamesItsActorAndGetsAUniqueTrackingCode() throws {
        let (database, added) = try makeDatabaseWithClient()
        var codes: Set<String> = []
        for index in 0..<50 {
            let receipt = try database.createOpen311Request(
                Open311Submission(
                    topic: Self.topic, description: "占道经营 \(index)", callerName: "李四", callerPhone: "13900001111",
                    latitude: 36.2, longitude: 113.1),
                apiKey: added.key, at: now, localTime: makeLocalTime())
            #expect(receipt.trackingCode.count == 6)
            #expect(
                receipt.trackingCode.allSatisfy {
                    !"0O1IL".contains($0) && GovDeskDatabase.trackingAlphabet.contains($0)
                })
            #expect(try database.ticketNumber(trackingCode: receipt.trackingCode) == receipt.ticket.number)
            #expect(receipt.ticket.channel == .app && receipt.ticket.type == .help)
            #expect(receipt.ticket.address == "经纬度 36.200000, 113.100000")
            codes.insert(receipt.trackingCode)
        }
        #expect(codes.count == 50)
        #expect(try database.ticketNumber(trackingCode: "ABCDE") == nil)
        #expect(try database.ticketNumber(trackingCode: "000000") == nil)
        let number = try #require(
            try database.publicRequests(
                PublicRequestQuery(from: now.addingTimeInterval(-60), to: now, limit: 1)
            ).first?.number)
        #expect(try database.events(of: number).first?.actor == "api:fms")
        // The client's actor acts only through its key.
        #expect(throws: APIClientError.self) {
            try database.createTicket(makeIntake(), actor: "api:fms", at: now, localTime: makeLocalTime())
        }
        #expect(try database.check().isClean, "the ledger, the chains and the replay agree")
        #expect(!(try database.staff()).contains { $0.code.hasPrefix("api:") })
    }

    /// Group commit: a batch in one transaction, each request checked on its own — a refused one gets its own
    /// refusal, takes no number, and the others are created in order.
    @Test func aBatchCreatesEachRequestOrRefusesItAlone() throws {
        let (database, added) = try makeDatabaseWithClient()
        func arrival(_ topic: String, _ text: String, key: String = added.key) -> GovDeskDatabase.Open311Arrival {
            .init(
                submission: Open311Submission(topic: topic, description: text, addressString: "人民路 1 号"),
                apiKey: key, at: now)
        }
        let before = try database.auditEntries().count
        let outcomes = try database.createOpen311Requests(
            [
                arrival(Self.topic, "第一件"), arrival("没有/这个/分类", "分类不存在"),
                arrival(Self.topic, "密钥不对", key: String(repeating: "x", count: 43)),
                arrival(Self.topic, String(repeating: "长", count: 4001)), arrival(Self.topic, "第二件"),
            ], localTime: makeLocalTime())
        #expect(outcomes.count == 5)
        let made = outcomes.compactMap { try? $0.get() }
        #expect(made.map(\.ticket.description) == ["第一件", "第二件"])
        // The refused took no number: the two are consecutive.
        let numbers = made.map(\.ticket.number)
        #expect(numbers.count == 2 && numbers[1].hasSuffix(String(Int(numbers[0].suffix(6))! + 1).leftPadded(6)))
        if case .failure(let error) = outcomes[1] { #expect(error is ReferenceError) } else { Issue.record("created") }
        if case .failure(let error) = outcomes[2] { #expect(error is APIClientError) } else { Issue.record("created") }
        if case .failure = outcomes[3] {} else { Issue.record("a 4,001-character description was created") }
        #expect(try database.count(matching: TicketFilter()) == 2)
        #expect(try database.auditEntries().count == before)
        #expect(try database.check().isClean)
    }

    @Test func publicRequestsShowNoPersonalData() throws {
        let (database, added) = try makeDatabaseWithClient()
        let phoneTicket = try database.makeTicket(at: "2025-06-16T09:00+08:00")
        let receipt = try database.createOpen311Request(
            Open311Submission(
                topic: Self.topic, description: "路灯不亮", callerName: "李四", callerPhone: "13900001111",
                addressString: "人民路 100 号"),
            apiKey: added.key, at: now, localTime: makeLocalTime())
        let all = try database.publicRequests(
            PublicRequestQuery(from: now.addingTimeInterval(-86400), to: now, limit: 10))
        #expect(all.map(\.number) == [receipt.ticket.number, phoneTicket])
        #expect(all[0].description == "路灯不亮" && all[0].address == "人民路 100 号")
        #expect(all[1].description == nil && all[1].address == "城关街道")
        #expect(!"\(all)".contains("李四") && !"\(all)".contains("13900001111") && !"\(all)".contains("张三"))
    }
}

extension String {
    /// The string with zeros before it up to `width` characters.
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
