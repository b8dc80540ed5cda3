import Foundation
import GovDeskCore
import GovDeskStore
import Testing

@testable import govdesk

/// A fresh folder with a database and a configuration in America/New_York, where commands run in-process.
struct Workspace {
    let folder: URL
    let config: URL
    var db: String { folder.appendingPathComponent("govdesk.sqlite").path }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func mapping(_ name: String) -> String {
        packageRoot.appendingPathComponent("Config/mappings/\(name).yaml").path
    }

    init(timeZone: String = "America/New_York") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("govdesk-io-\(UUID().uuidString)")
        config = folder.appendingPathComponent("Config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "timeZone: \(timeZone)\n".write(
            to: config.appendingPathComponent("govdesk.yaml"), atomically: true, encoding: .utf8)
        try run(["init", "--training"])
    }

    func run(_ arguments: [String], actor: String = "admin", now: String = "2022-06-15T09:00") throws {
        var command = try GovDesk.parseAsRoot(
            arguments + ["--db", db, "--config", config.path, "--actor", actor, "--now", now])
        try command.run()
    }

    /// The exit status `govdesk` would give for these arguments, run in-process.
    func status(_ arguments: [String], actor: String = "admin") -> (status: Int32, message: String) {
        do {
            try run(arguments, actor: actor)
            return (0, "")
        } catch let error as GovDeskError {
            return (error.kind.exitStatus, error.description)
        } catch {
            return (-1, "\(error)")
        }
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func database() throws -> GovDeskDatabase { try GovDeskDatabase(path: db) }

    /// Runs `export KIND` to a new file in the folder and returns the file, and its CSV records without the empty
    /// rest after the last CRLF.
    func export(_ kind: String, _ extra: [String], now: String = "2025-11-05T09:00") throws -> (
        data: Data, lines: [String]
    ) {
        let out = folder.appendingPathComponent("\(kind)-\(UUID().uuidString).csv").path
        try run(["export", kind, "--out", out] + extra, now: now)
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return (data, lines)
    }

    func tickets() throws -> [GovDeskCore.Ticket] {
        var filter = TicketFilter()
        filter.limit = 10_000
        return try database().tickets(matching: filter).sorted { $0.number < $1.number }
    }
}

/// A five-row file in the NYC 311 "Export → CSV" layout (a subset of its columns, in its order).
func makeNYCFile(badCreatedOnRow3: Bool = false) -> String {
    let header =
        "Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,Location Type,"
        + "Incident Zip,Incident Address,Status,Due Date,Resolution Description,Borough,Open Data Channel Type\r\n"
    let created3 = badCreatedOnRow3 ? "05/02/2022 13:00:00 PM" : "05/02/2022 01:00:00 PM"
    let rows = [
        // Closed just after midnight on 1 May in New York (04:20Z).
        "54000001,04/30/2022 11:50:00 PM,05/01/2022 12:20:00 AM,NYPD,New York City Police Department,"
            + "Noise - Residential,Loud Music/Party,Residential Building/House,10452,1006 GERARD AVENUE,Closed,,"
            + "The Police Department responded.,BRONX,ONLINE",
        // Open, dispatched to sanitation.
        "54000002,05/01/2022 09:15:30 AM,,DSNY,Department of Sanitation,Missed Collection,Recycling,Street,11201,"
            + "100 COURT STREET,In Progress,,,BROOKLYN,PHONE",
        // Closed before its due date: on time.
        "54000003,\(created3),05/03/2022 10:00:00 AM,DOT,Department of Transportation,Street Condition,Pothole,"
            + "Street,10001,5 AVENUE,Closed,05/05/2022 01:00:00 PM,The Department repaired the pothole.,MANHATTAN,MOBILE",
        // Closed at 21:30 on 31 May in New York: 01:30Z on 1 June. An agency with no mapping: undispatched.
        "54000004,05/31/2022 08:00:00 PM,05/31/2022 09:30:00 PM,XYZ,Unknown Agency,Consumer Complaint,Refund,,"
            + "10002,,Closed,,Resolved.,QUEENS,UNKNOWN",
        // Open with a due date and a quoted address holding a comma.
        "54000005,05/15/2022 10:00:00 AM,,HPD,Housing Preservation,HEAT/HOT WATER,ENTIRE BUILDING,RESIDENTIAL,"
            + "10468,\"12 MAIN ST, APT 3\",Open,05/20/2022 12:00:00 AM,,BRONX,ONLINE",
    ]
    return header + rows.joined(separator: "\r\n") + "\r\n"
}

/// Seconds since 1970 of a New York wall time, worked out by hand: EDT is UTC-4 from March to November 2022.
func newYork(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int) -> Date {
    let day = LocalDate(year: y, month: mo, day: d).dayNumber
    return Date(timeIntervalSince1970: TimeInterval(day * 86400 + (h + 4) * 3600 + mi * 60))
}

struct ImportTests {
    @Test func importsANYCFileWithStatesClocksAndNumbers() throws {
        let w = try Workspace()
        let file = try w.write("nyc.csv", makeNYCFile())
        try w.run(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        let tickets = try w.tickets()
        #expect(
            tickets.map(\.number) == [
                "20220430-000001", "20220501-000001", "20220502-000001", "20220515-000001", "20220531-000001",
            ])
        #expect(tickets.map(\.state) == [.closed, .dispatched, .closed, .dispatched, .closed])
        #expect(tickets.map(\.leadDepartment) == ["JJDD", "CGJ", "JTJ", "ZJJ", nil])
        #expect(tickets.map(\.sourceId) == ["54000001", "54000002", "54000003", "54000005", "54000004"])
        #expect(tickets.allSatisfy { $0.sourceSystem == "nyc311" && $0.signDeadline == nil })

        let first = tickets[0]
        #expect(first.createdAt == newYork(2022, 4, 30, 23, 50))
        #expect(first.closedAt == newYork(2022, 5, 1, 0, 20))
        #expect(first.answerText == "The Police Department responded.")
        #expect(first.onTime == nil)  // no due date: left out of the on-time rate
        #expect(first.topic == "社区治理/邻里关系/Loud Music-Party")
        #expect(first.channel == .web)
        #expect(first.description == "Noise - Residential: Loud Music/Party")

        let pothole = tickets[2]
        #expect(pothole.deadline == newYork(2022, 5, 5, 13, 0))
        #expect(pothole.onTime == true)
        #expect(pothole.channel == .app)

        let heat = tickets[3]
        #expect(heat.deadline == newYork(2022, 5, 20, 0, 0))
        #expect(heat.address == "12 MAIN ST, APT 3")
        #expect(heat.topic == "公用事业/供暖/ENTIRE BUILDING")

        // The events are create, dispatch (with the source's deadline), import-close.
        let events = try w.database().events(of: "20220502-000001")
        #expect(events.map(\.action) == [.create, .dispatch, .importClose])
        #expect(events[0].details[DetailKey.sourceId] == "54000003")
        #expect(events[1].details[DetailKey.lead] == "JTJ")
        #expect(events[1].at == events[0].at)
        #expect(events[2].details[DetailKey.onTime] == "true")
        // Replaying the events rebuilds the stored columns.
        #expect(try GovDeskCore.Ticket.replay(events) == pothole)

        // The monthly definitions count closings by the local month: May in New York has three,
        // including the one at 21:30 on 31 May (June in UTC), and not the open ones.
        let mayStart = newYork(2022, 5, 1, 0, 0)
        let juneStart = newYork(2022, 6, 1, 0, 0)
        let closedInMay = tickets.filter {
            $0.state == .closed && $0.closedAt.map { $0 >= mayStart && $0 < juneStart } == true
        }
        #expect(closedInMay.map(\.sourceId) == ["54000001", "54000003", "54000004"])
        let receivedInMay = tickets.filter { $0.createdAt >= mayStart && $0.createdAt < juneStart }
        #expect(receivedInMay.count == 4)

        let audit = try w.database().auditEntries().filter { $0.action == "import-tickets" }
        #expect(audit.count == 1)
        #expect(audit.first?.details["new"] == "5")
    }

    @Test func reImportAddsNothing() throws {
        let w = try Workspace()
        let file = try w.write("nyc.csv", makeNYCFile())
        try w.run(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        let before = try w.tickets()
        try w.run(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        let after = try w.tickets()
        #expect(after == before)
        let audit = try w.database().auditEntries().filter { $0.action == "import-tickets" }
        #expect(audit.map { $0.details["new"] } == ["5", "0"])
        #expect(audit.map { $0.details["existing"] } == ["0", "5"])
        // The imported events are hash-chained.
        let report = try w.database().check()
        #expect(report.isClean, "\(report.problems)")
    }

    @Test func ticketsLoggedLaterContinueTheImportedDaysNumbering() throws {
        let w = try Workspace()
        let file = try w.write("nyc.csv", makeNYCFile())
        try w.run(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        try w.run(
            [
                "ticket", "new", "--type", "help", "--topic", "城市管理/市政设施/路灯不亮", "--channel", "phone",
                "--caller", "Ann", "--phone", "2125550100", "--text", "Street light out",
            ], actor: "op01", now: "2022-05-01T18:00")
        #expect(try w.tickets().map(\.number).contains("20220501-000002"))
    }

    @Test func anUnbalancedQuoteNamesItsLine() throws {
        let w = try Workspace()
        let file = try w.write(
            "open.csv", makeNYCFile().replacingOccurrences(of: "\"12 MAIN ST, APT 3\"", with: "\"12 MAIN ST"))
        let result = w.status(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        #expect(result.status == 65)
        #expect(
            result.message
                == "\(file), line 6: a quoted field opened on this line is never closed; check for an unbalanced quote")
        #expect(try w.tickets().isEmpty)
    }

    @Test func dryRunWritesNothing() throws {
        let w = try Workspace()
        let file = try w.write("nyc.csv", makeNYCFile())
        try w.run(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311"), "--dry-run"])
        #expect(try w.tickets().isEmpty)
        #expect(try w.database().auditEntries().filter { $0.action == "import-tickets" }.isEmpty)
    }

    @Test func aBadTimestampOnRow3NamesRowAndColumnAndWritesNothing() throws {
        let w = try Workspace()
        let file = try w.write("bad.csv", makeNYCFile(badCreatedOnRow3: true))
        let result = w.status(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        #expect(result.status == 65)
        #expect(result.message.contains("row 3 (line 4)"))
        #expect(result.message.contains("column 'Created Date'"))
        #expect(
            result.message.contains("'05/02/2022 13:00:00 PM' is not a timestamp in the form MM/dd/yyyy hh:mm:ss a"))
        #expect(try w.tickets().isEmpty)
    }

    @Test func aDuplicateSourceIdInOneFileIsRefused() throws {
        let w = try Workspace()
        var text = makeNYCFile()
        text +=
            "54000002,05/01/2022 10:00:00 AM,,DSNY,Sanitation,Missed Collection,Trash,Street,1,X,Open,,,BROOKLYN,PHONE\r\n"
        let file = try w.write("dup.csv", text)
        let result = w.status(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        #expect(result.status == 65)
        #expect(result.message.contains("row 6 (line 7), column 'Unique Key'"))
        #expect(try w.tickets().isEmpty)
    }

    @Test func anUnknownMappingKeyIsNamed() throws {
        let w = try Workspace()
        let file = try w.write("nyc.csv", makeNYCFile())
        let original = try String(contentsOfFile: Workspace.mapping("nyc311"), encoding: .utf8)
        let mapping = try w.write(
            "bad.yaml", original.replacingOccurrences(of: "closedStatuses: [Closed]", with: "closedStatus: [Closed]"))
        let result = w.status(["import", "tickets", file, "--mapping", mapping])
        #expect(result.status == 65)
        #expect(result.message.contains(mapping))
        #expect(result.message.contains("closedStatus: unknown key"))
        #expect(try w.tickets().isEmpty)
    }

    @Test func aMappingNestedKeyOfTheWrongTypeIsNamed() throws {
        let w = try Workspace()
        let file = try w.write("nyc.csv", makeNYCFile())
        let original = try String(contentsOfFile: Workspace.mapping("nyc311"), encoding: .utf8)
        let mapping = try w.write(
            "bad.yaml", original.replacingOccurrences(of: "    Lost Property: help", with: "    Lost Property: helpful")
        )
        let result = w.status(["import", "tickets", file, "--mapping", mapping])
        #expect(result.status == 65)
        #expect(result.message.contains("type.values.Lost Property: 'helpful' is not allowed"))
    }

    @Test func aMissingColumnIsNamed() throws {
        let w = try Workspace()
        let file = try w.write("nyc.csv", makeNYCFile().replacingOccurrences(of: "Unique Key", with: "Key"))
        let result = w.status(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")])
        #expect(result.status == 65)
        #expect(result.message.contains("no column 'Unique Key' (mapping key columns.sourceId)"))
    }

    @Test func aWindowStaffMemberMayNotImport() throws {
        let w = try Workspace()
        let file = try w.write("nyc.csv", makeNYCFile())
        let result = w.status(["import", "tickets", file, "--mapping", Workspace.mapping("nyc311")], actor: "w01")
        #expect(result.status == 1)
        #expect(try w.tickets().isEmpty)
    }

    @Test func importsAChineseSpreadsheet() throws {
        let w = try Workspace(timeZone: "Asia/Shanghai")
        let text = """
            工单编号,受理时间,办结时间,承办单位,诉求类型,问题分类,工单状态,来电人,联系电话,来源渠道,紧急程度,诉求地址,所属街道,诉求内容,办理时限,办理结果
            GD0001,2024-03-01 09:30:00,2024-03-05 16:00:00,潞州区城市管理局,投诉,城市管理/市容环境/占道经营,已办结,张三,13812345678,电话,一般,英雄中路,紫金街道,门口占道经营,2024/3/15 0:00,已取缔
            GD0002,2024/3/2 8:05,,住建局,求助,城乡建设/物业管理/电梯故障,办理中,李四,13900001111,微信,紧急,,,电梯停运,,

            """
        let file = try w.write("cn.csv", "\u{FEFF}" + text)
        try w.run(["import", "tickets", file, "--mapping", Workspace.mapping("cn-spreadsheet")])
        let tickets = try w.tickets()
        #expect(tickets.map(\.number) == ["20240301-000001", "20240302-000001"])
        #expect(tickets.map(\.state) == [.closed, .dispatched])
        #expect(tickets.map(\.leadDepartment) == ["CGJ", "ZJJ"])
        #expect(tickets.map(\.type) == [.complaint, .help])
        #expect(tickets.map(\.urgency) == [.normal, .urgent])
        #expect(tickets[0].callerPhone == "13812345678")
        #expect(tickets[0].onTime == true)
        #expect(tickets[0].answerText == "已取缔")
        // 2024-03-01 09:30 in Shanghai is 01:30Z.
        #expect(
            tickets[0].createdAt
                == Date(
                    timeIntervalSince1970: TimeInterval(
                        LocalDate(year: 2024, month: 3, day: 1).dayNumber * 86400 + 5400)))
    }
}

struct ExportTests {
    /// One ticket with a formula-like description and a caller's phone, created in May 2022.
    func makeWorkspaceWithTicket() throws -> Workspace {
        let w = try Workspace()
        try w.run(
            [
                "ticket", "new", "--type", "complaint", "--topic", "城市管理/市容环境/占道经营", "--channel", "phone",
                "--caller", "张三丰", "--phone", "13812345678", "--text", "=1+2",
            ], actor: "op01", now: "2022-05-10T10:00")
        return w
    }

    func export(_ w: Workspace, _ extra: [String], kind: String = "tickets") throws -> Data {
        let out = w.folder.appendingPathComponent("out-\(UUID().uuidString).csv").path
        try w.run(["export", kind, "--month", "2022-05", "--out", out] + extra)
        return try Data(contentsOf: URL(fileURLWithPath: out))
    }

    @Test func aByteOrderMarkLeadsByDefaultAndNotWithNoBom() throws {
        let w = try makeWorkspaceWithTicket()
        let withMark = try export(w, [])
        #expect(Array(withMark.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let without = try export(w, ["--no-bom"])
        #expect(String(decoding: without.prefix(7), as: UTF8.self) == "number,")
    }

    @Test func formulasAreNeutralisedAndPersonalDataMasked() throws {
        let w = try makeWorkspaceWithTicket()
        let text = String(decoding: try export(w, ["--no-bom"]), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 3)  // header, one ticket, the empty rest after the last CRLF
        #expect(lines[1].hasPrefix("20220510-000001,received,complaint,phone,normal,城市管理/市容环境/占道经营,张**,138****5678,"))
        #expect(lines[1].contains(",'=1+2,"))
        #expect(lines[1].contains("2022-05-10T10:00:00-04:00"))
        #expect(!text.contains("13812345678"))
        let full = String(decoding: try export(w, ["--include-pii"]), as: UTF8.self)
        #expect(full.contains(",张三丰,13812345678,"))
    }

    @Test func everyExportIsAudited() throws {
        let w = try makeWorkspaceWithTicket()
        _ = try export(w, ["--include-pii"])
        let entries = try w.database().auditEntries().filter { $0.action == "export" }
        #expect(entries.count == 1)
        let details = try #require(entries.first).details
        #expect(details["kind"] == "tickets")
        #expect(details["from"] == "2022-05-01")
        #expect(details["to"] == "2022-05-31")
        #expect(details["rows"] == "1")
        #expect(details["includePII"] == "true")
        #expect(details["file"]?.hasSuffix(".csv") == true)
        #expect(entries.first?.actor == "admin")
    }

    @Test func eventsExportMasksCreationDetailsUnlessAsked() throws {
        let w = try makeWorkspaceWithTicket()
        try w.run(["ticket", "dispatch", "20220510-000001", "--to", "CGJ"], actor: "pd01", now: "2022-05-10T11:00")
        let masked = String(decoding: try export(w, ["--format", "jsonl"], kind: "events"), as: UTF8.self)
        let lines = masked.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["number"] as? String == "20220510-000001")
        #expect(first?["action"] as? String == "create")
        #expect(first?["at"] as? String == "2022-05-10T10:00:00-04:00")
        // The details are an object in JSON lines, typed as `ticket show --json` types them.
        let details = first?["details"] as? [String: Any]
        #expect(details?[DetailKey.callerPhone] as? String == "138****5678")
        #expect(details?[DetailKey.callerName] as? String == "张**")
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        #expect(second?["action"] as? String == "dispatch")
        #expect(second?["from"] as? String == "received")
        #expect(second?["actor"] as? String == "pd01")
        let full = String(decoding: try export(w, ["--include-pii"], kind: "events"), as: UTF8.self)
        #expect(full.contains("13812345678"))
    }

    @Test func aRangeOfDaysIsInclusiveAndLocal() throws {
        let w = try makeWorkspaceWithTicket()
        let out = w.folder.appendingPathComponent("range.csv").path
        try w.run(["export", "tickets", "--from", "2022-05-10", "--to", "2022-05-10", "--out", out, "--no-bom"])
        #expect(try String(contentsOfFile: out, encoding: .utf8).components(separatedBy: "\r\n").count == 3)
        try w.run([
            "export", "tickets", "--from", "2022-05-11", "--to", "2022-05-31", "--out", out, "--no-bom", "--force",
        ])
        #expect(try String(contentsOfFile: out, encoding: .utf8).components(separatedBy: "\r\n").count == 2)
    }

    @Test(arguments: [
        ["--month", "2022-13"], ["--from", "2022-05-01"],
        ["--month", "2022-05", "--from", "2022-05-01", "--to", "2022-05-02"],
        ["--from", "2022-05-02", "--to", "2022-05-01"],
    ])
    func badRangesAreUsageErrors(arguments: [String]) throws {
        let w = try Workspace()
        #expect(w.status(["export", "tickets"] + arguments).status == 64)
    }

    @Test func aRoundTripThroughGovDesksOwnFormatKeepsCounts() throws {
        let w = try makeWorkspaceWithTicket()
        try w.run(
            [
                "ticket", "new", "--type", "consult", "--topic", "教育/招生入学/义务教育入学", "--channel", "web",
                "--caller", "李四", "--phone", "13900001111", "--text", "入学咨询, \"划片\"",
            ], actor: "op01", now: "2022-05-11T09:00")
        try w.run(["ticket", "resolve", "20220511-000001", "--text", "已答复"], actor: "op01", now: "2022-05-11T09:05")
        try w.run(["ticket", "dispatch", "20220510-000001", "--to", "CGJ"], actor: "pd01", now: "2022-05-10T11:00")
        let out = w.folder.appendingPathComponent("tickets.csv").path
        try w.run(["export", "tickets", "--month", "2022-05", "--out", out, "--include-pii"])

        let other = try Workspace()
        try other.run(["import", "tickets", out, "--mapping", Workspace.mapping("govdesk")])
        let original = try w.tickets()
        let copied = try other.tickets()
        #expect(copied.count == original.count)
        #expect(copied.map(\.state) == original.map(\.state))
        #expect(copied.map(\.description) == original.map(\.description))
        #expect(copied.map(\.callerPhone) == original.map(\.callerPhone))
        #expect(copied.map(\.leadDepartment) == original.map(\.leadDepartment))
        #expect(copied.map(\.createdAt) == original.map(\.createdAt))
        #expect(copied.map(\.closedAt) == original.map(\.closedAt))
        #expect(copied.map(\.sourceId) == original.map(\.number))
        #expect(copied.map(\.number) == original.map(\.number))  // the same days, first of each
    }
}
