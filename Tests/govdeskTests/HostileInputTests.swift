import ArgumentParser
import Foundation
import GRDB
import GovDeskCore
import Testing

@testable import govdesk

/// One malformed input: the command, the files it reads, and what govdesk must answer.
struct HostileCase: CustomTestStringConvertible, Sendable {
    var name: String
    var arguments: [String]
    var status: Int32
    var fragment: String
    /// Files written into the workspace first, by name; `{folder}` in arguments is the workspace folder.
    var files: [String: Data] = [:]
    var actor = "admin"

    var testDescription: String { name }
}

/// The ticket every case may refer to: dispatched to CGJ on 16 June 2025.
let hostileTicket = "20250616-000001"
let hostileNow = "2025-06-16T09:00"

/// NYC 311 layout with `rows` appended after the header, for the CSV cases.
func nycCSV(_ rows: [String], header: String? = nil) -> Data {
    let head =
        header
        ?? "Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,Location Type,Incident Zip,"
        + "Incident Address,Status,Due Date,Resolution Description,Borough,Open Data Channel Type"
    return Data((head + "\r\n" + rows.joined(separator: "\r\n") + "\r\n").utf8)
}

let nycRow =
    "54000001,04/30/2025 11:50:00 PM,,DSNY,Department of Sanitation,Missed Collection,Recycling,Street,11201,"
    + "100 COURT STREET,Open,,,BROOKLYN,PHONE"
let nycRow2 =
    "54000002,05/01/2025 09:15:30 AM,,DSNY,Department of Sanitation,Missed Collection,Recycling,Street,11201,"
    + "100 COURT STREET,In Progress,,,BROOKLYN,PHONE"

/// A row whose Descriptor holds bytes that are not UTF-8.
func invalidUTF8CSV() -> Data {
    var data = nycCSV([nycRow])
    let row = nycRow2.components(separatedBy: "Recycling")
    data += Data((row[0]).utf8) + Data([0xFF, 0xFE, 0xC3, 0x28]) + Data((row[1] + "\r\n").utf8)
    return data
}

func newTicket(_ overrides: [String: String]) -> [String] {
    var fields = [
        "--type": "help", "--topic": "公用事业/供水/停水", "--channel": "phone", "--caller": "周敏", "--phone": "13900001111",
        "--text": "小区停水",
    ]
    for (key, value) in overrides { fields[key] = value }
    return ["ticket", "new"] + fields.keys.sorted().flatMap { [$0, fields[$0] ?? ""] }
}

let mappingPath = CLIHarness.repositoryRoot.appendingPathComponent("Config/mappings/nyc311.yaml").path
let nycMappingText = (try? String(contentsOfFile: mappingPath, encoding: .utf8)) ?? ""

let hostileCases: [HostileCase] = [
    // Text options.
    HostileCase(name: "NUL in --text", arguments: newTicket(["--text": "停水\u{0}三天"]), status: 64, fragment: "NUL"),
    HostileCase(name: "NUL in --caller", arguments: newTicket(["--caller": "周\u{0}敏"]), status: 64, fragment: "caller"),
    HostileCase(
        name: "NUL in --address", arguments: newTicket(["--address": "幸福路\u{0}1号"]), status: 64, fragment: "address"),
    HostileCase(
        name: "10 MB description", arguments: newTicket(["--text": String(repeating: "水", count: 10_000_000)]),
        status: 64, fragment: "4000"),
    HostileCase(name: "empty description", arguments: newTicket(["--text": ""]), status: 64, fragment: "description"),
    HostileCase(
        name: "caller name of 101 characters", arguments: newTicket(["--caller": String(repeating: "名", count: 101)]),
        status: 64, fragment: "100"),
    HostileCase(
        name: "phone with letters", arguments: newTicket(["--phone": "1390000abcd"]), status: 64, fragment: "phone"),
    HostileCase(
        name: "SQL in phone", arguments: newTicket(["--phone": "'; DROP TABLE ticket; --"]), status: 64,
        fragment: "phone"),
    HostileCase(name: "unknown type", arguments: newTicket(["--type": "wish"]), status: 64, fragment: "type"),
    HostileCase(name: "unknown channel", arguments: newTicket(["--channel": "fax"]), status: 64, fragment: "channel"),
    HostileCase(name: "empty topic", arguments: newTicket(["--topic": ""]), status: 64, fragment: "topic"),
    HostileCase(name: "four-level topic", arguments: newTicket(["--topic": "a/b/c/d"]), status: 64, fragment: "topic"),
    HostileCase(name: "unknown actor", arguments: newTicket([:]), status: 65, fragment: "nobody", actor: "nobody"),
    HostileCase(
        name: "SQL actor", arguments: newTicket([:]), status: 65, fragment: "DROP", actor: "x' OR '1'='1; DROP"),
    HostileCase(
        name: "window staff logs a ticket", arguments: newTicket([:]), status: 1, fragment: "w01", actor: "w01"),
    // Times.
    HostileCase(
        name: "--now month 13", arguments: ["--now", "2025-13-01", "ticket", "list"], status: 64, fragment: "--now"),
    HostileCase(
        name: "--now 30 February", arguments: ["--now", "2025-02-30", "ticket", "list"], status: 64, fragment: "--now"),
    HostileCase(
        name: "--now unpadded hour", arguments: ["--now", "2025-06-16T9:00", "ticket", "list"], status: 64,
        fragment: "--now"),
    HostileCase(
        name: "--now hour 25", arguments: ["--now", "2025-06-16T25:00", "ticket", "list"], status: 64, fragment: "--now"
    ),
    HostileCase(
        name: "--now zone name", arguments: ["--now", "2025-06-16T09:00 Asia/Shanghai", "ticket", "list"], status: 64,
        fragment: "--now"),
    HostileCase(
        name: "--now offset +25:00", arguments: ["--now", "2025-06-16T09:00+25:00", "ticket", "list"], status: 64,
        fragment: "--now"),
    HostileCase(
        name: "--now American date", arguments: ["--now", "06/16/2025", "ticket", "list"], status: 64, fragment: "--now"
    ),
    HostileCase(
        name: "list --from month 13", arguments: ["ticket", "list", "--from", "2025-13-01"], status: 64,
        fragment: "--from"),
    HostileCase(
        name: "list --due-within words", arguments: ["ticket", "list", "--due-within", "soon"], status: 64,
        fragment: "--due-within"),
    HostileCase(
        name: "list --due-within negative", arguments: ["ticket", "list", "--due-within", "-5h"], status: 64,
        fragment: "due-within"),
    HostileCase(
        name: "list --limit 0", arguments: ["ticket", "list", "--limit", "0"], status: 64, fragment: "--limit"),
    HostileCase(
        name: "list --limit huge", arguments: ["ticket", "list", "--limit", "99999999999999999999"], status: 64,
        fragment: "limit"),
    HostileCase(
        name: "list unknown state", arguments: ["ticket", "list", "--state", "lost"], status: 64, fragment: "state"),
    // Months and day counts.
    HostileCase(
        name: "report month 13", arguments: ["report", "monthly", "--month", "2024-13"], status: 64, fragment: "2024-13"
    ),
    HostileCase(
        name: "report month 0", arguments: ["report", "monthly", "--month", "2024-00"], status: 64, fragment: "2024-00"),
    HostileCase(
        name: "report month words", arguments: ["report", "monthly", "--month", "March"], status: 64, fragment: "March"),
    HostileCase(
        name: "report unknown format", arguments: ["report", "monthly", "--month", "2025-05", "--format", "pdf"],
        status: 64, fragment: "format"),
    HostileCase(
        name: "export month 13", arguments: ["export", "tickets", "--month", "2024-13"], status: 64, fragment: "2024-13"
    ),
    HostileCase(
        name: "export reversed range", arguments: ["export", "tickets", "--from", "2025-06-30", "--to", "2025-06-01"],
        status: 64, fragment: "--from"),
    HostileCase(
        name: "export to a missing folder",
        arguments: ["export", "tickets", "--month", "2025-06", "--out", "/nonexistent/folder/t.csv"], status: 74,
        fragment: "/nonexistent/folder"),
    HostileCase(
        name: "extend --days -1", arguments: ["ticket", "extend", hostileTicket, "--days", "-1", "--reason", "待查"],
        status: 64, fragment: "days"),
    HostileCase(
        name: "extend --days 0", arguments: ["ticket", "extend", hostileTicket, "--days", "0", "--reason", "待查"],
        status: 64, fragment: "days"),
    HostileCase(
        name: "extend --days huge",
        arguments: ["ticket", "extend", hostileTicket, "--days", "99999999999999999999", "--reason", "待查"], status: 64,
        fragment: "days"),
    HostileCase(
        name: "calendar --working-days huge",
        arguments: ["calendar", "check", "--from", "2025-06-16", "--working-days", "99999999999"], status: 64,
        fragment: "working-days"),
    HostileCase(
        name: "calendar --working-days -1",
        arguments: ["calendar", "check", "--from", "2025-06-16", "--working-days", "-1"], status: 64,
        fragment: "working-days"),
    HostileCase(
        name: "calendar of 2099", arguments: ["calendar", "show", "2099"], status: 1, fragment: "2099"),
    HostileCase(
        name: "revisit satisfaction 6",
        arguments: ["ticket", "revisit", hostileTicket, "--satisfaction", "6", "--resolved", "yes"], status: 64,
        fragment: "--satisfaction"),
    HostileCase(
        name: "assign unknown finding", arguments: ["finding", "assign", "F-nope", "--days", "0"], status: 65,
        fragment: "F-nope"),
    HostileCase(
        name: "item add --days -3",
        arguments: ["item", "add", "--code", "ZZ001", "--name", "测试", "--dept", "XZSP", "--days", "-3"], status: 64,
        fragment: "days"),
    // Unknown things.
    HostileCase(
        name: "unknown ticket", arguments: ["ticket", "show", "20250616-009999"], status: 65,
        fragment: "20250616-009999"),
    HostileCase(
        name: "malformed ticket number", arguments: ["ticket", "sign", "'; DROP TABLE ticket; --"], status: 65,
        fragment: "DROP TABLE"),
    HostileCase(
        name: "dispatch to unknown department", arguments: ["ticket", "dispatch", hostileTicket, "--to", "NOPE"],
        status: 65, fragment: "NOPE"),
    HostileCase(
        name: "list unknown department", arguments: ["ticket", "list", "--dept", "NOPE"], status: 65, fragment: "NOPE"),
    HostileCase(
        name: "merge into unknown ticket", arguments: ["ticket", "merge", hostileTicket, "--into", "20250101-000001"],
        status: 65, fragment: "20250101-000001"),
    HostileCase(
        name: "case at unknown window",
        arguments: [
            "case", "new", "--item", "QY001", "--window", "Z99", "--applicant", "张三", "--phone", "13900001111",
        ], status: 65, fragment: "Z99", actor: "w01"),
    HostileCase(
        name: "case for unknown item",
        arguments: [
            "case", "new", "--item", "NOPE1", "--window", "A01", "--applicant", "张三", "--phone", "13900001111",
        ], status: 65, fragment: "NOPE1", actor: "w01"),
    HostileCase(
        name: "window show unknown", arguments: ["window", "show", "'; DROP TABLE window; --"], status: 65,
        fragment: "DROP TABLE"),
    HostileCase(
        name: "window add code with quote",
        arguments: ["window", "add", "--code", "A'1", "--name", "窗口", "--dept", "XZSP", "--area", "综合"], status: 64,
        fragment: "A'1"),
    HostileCase(name: "letters show unknown", arguments: ["letters", "show", "L-0"], status: 65, fragment: "L-0"),
    HostileCase(
        name: "rate unknown case", arguments: ["rate", "C-nope", "--score", "5"], status: 65, fragment: "C-nope"),
    HostileCase(name: "rate score 9", arguments: ["rate", "C-nope", "--score", "9"], status: 64, fragment: "score"),
    // Import files.
    HostileCase(
        name: "CSV with invalid UTF-8", arguments: ["import", "tickets", "{folder}/bad.csv", "--mapping", mappingPath],
        status: 65, fragment: "UTF-8", files: ["bad.csv": invalidUTF8CSV()]),
    HostileCase(
        name: "CSV with an unbalanced quote",
        arguments: ["import", "tickets", "{folder}/q.csv", "--mapping", mappingPath],
        status: 65, fragment: "quote",
        files: ["q.csv": nycCSV([nycRow, nycRow2.replacingOccurrences(of: "100 COURT", with: "\"100 COURT")])]),
    HostileCase(
        name: "CSV with duplicated source ids",
        arguments: ["import", "tickets", "{folder}/d.csv", "--mapping", mappingPath],
        status: 65, fragment: "54000001", files: ["d.csv": nycCSV([nycRow, nycRow])]),
    HostileCase(
        name: "CSV missing a column", arguments: ["import", "tickets", "{folder}/m.csv", "--mapping", mappingPath],
        status: 65, fragment: "Created Date",
        files: ["m.csv": nycCSV(["54000001,DSNY"], header: "Unique Key,Agency")]),
    HostileCase(
        name: "CSV row with too many fields",
        arguments: ["import", "tickets", "{folder}/x.csv", "--mapping", mappingPath],
        status: 65, fragment: "row", files: ["x.csv": nycCSV([nycRow + ",EXTRA,MORE"])]),
    HostileCase(
        name: "CSV row with too few fields",
        arguments: ["import", "tickets", "{folder}/f.csv", "--mapping", mappingPath],
        status: 65, fragment: "row", files: ["f.csv": nycCSV(["54000001,04/30/2025 11:50:00 PM"])]),
    HostileCase(
        name: "CSV timestamp in the wrong format",
        arguments: ["import", "tickets", "{folder}/t.csv", "--mapping", mappingPath],
        status: 65, fragment: "Created Date",
        files: [
            "t.csv": nycCSV([nycRow.replacingOccurrences(of: "04/30/2025 11:50:00 PM", with: "2025-04-30 23:50 EST")])
        ]),
    HostileCase(
        name: "empty CSV", arguments: ["import", "tickets", "{folder}/e.csv", "--mapping", mappingPath],
        status: 65, fragment: "e.csv", files: ["e.csv": Data()]),
    HostileCase(
        name: "missing CSV", arguments: ["import", "tickets", "{folder}/none.csv", "--mapping", mappingPath],
        status: 74, fragment: "none.csv"),
    HostileCase(
        name: "mapping with an unknown key",
        arguments: ["import", "tickets", "{folder}/ok.csv", "--mapping", "{folder}/k.yaml"],
        status: 65, fragment: "colour",
        files: ["ok.csv": nycCSV([nycRow]), "k.yaml": Data((nycMappingText + "\ncolour: blue\n").utf8)]),
    HostileCase(
        name: "mapping with a wrong type",
        arguments: ["import", "tickets", "{folder}/ok.csv", "--mapping", "{folder}/w.yaml"],
        status: 65, fragment: "version",
        files: [
            "ok.csv": nycCSV([nycRow]),
            "w.yaml": Data(nycMappingText.replacingOccurrences(of: "version: 1", with: "version: [one]").utf8),
        ]),
    HostileCase(
        name: "mapping that is not YAML",
        arguments: ["import", "tickets", "{folder}/ok.csv", "--mapping", "{folder}/n.yaml"],
        status: 65, fragment: "n.yaml",
        files: ["ok.csv": nycCSV([nycRow]), "n.yaml": Data("columns: [unclosed\n\t: :".utf8)]),
    HostileCase(
        name: "mapping with an unknown time zone",
        arguments: ["import", "tickets", "{folder}/ok.csv", "--mapping", "{folder}/z.yaml"],
        status: 65, fragment: "Mars/Base",
        files: [
            "ok.csv": nycCSV([nycRow]),
            "z.yaml": Data(nycMappingText.replacingOccurrences(of: "America/New_York", with: "Mars/Base").utf8),
        ]),
    HostileCase(
        name: "config with an unknown key", arguments: ["--config", "{folder}/cfg1", "ticket", "list"], status: 65,
        fragment: "colour", files: ["cfg1/govdesk.yaml": Data("timeZone: America/New_York\ncolour: blue\n".utf8)]),
    HostileCase(
        name: "config with a wrong type", arguments: ["--config", "{folder}/cfg2", "ticket", "list"], status: 65,
        fragment: "timeZone", files: ["cfg2/govdesk.yaml": Data("timeZone: [1, 2]\n".utf8)]),
    HostileCase(
        name: "config with an unknown zone", arguments: ["--config", "{folder}/cfg3", "ticket", "list"], status: 65,
        fragment: "Mars/Base", files: ["cfg3/govdesk.yaml": Data("timeZone: Mars/Base\n".utf8)]),
]

/// A table of malformed inputs across commands and files: each refused with its status and a message that names
/// the problem, the database untouched (issue 5).
@Suite(.serialized)
struct HostileInputTests {
    /// The exit status and message the `govdesk` binary would give, run in-process as `main()` maps them.
    static func outcome(_ arguments: [String]) -> (status: Int32, message: String) {
        do {
            var command = try GovDesk.parseAsRoot(arguments)
            try command.run()
            return (0, "")
        } catch let error as GovDeskError {
            return (error.kind.exitStatus, error.description)
        } catch let error as DatabaseError {
            return (74, "storage failure: \(error.message ?? "\(error.resultCode)")")
        } catch let error as CocoaError {
            return (74, "file error: \(error.localizedDescription)")
        } catch {
            return (GovDesk.exitCode(for: error).rawValue, GovDesk.message(for: error))
        }
    }

    static func dump(_ path: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var text = ""
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            for table in tables {
                text += "## \(table)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") { text += "\(row)\n" }
            }
            return text
        }
    }

    final class Scene: @unchecked Sendable {
        let workspace: Workspace
        init() throws {
            workspace = try Workspace()
            try workspace.run(newTicket([:]), now: hostileNow)
            try workspace.run(["ticket", "dispatch", hostileTicket, "--to", "CGJ"], now: hostileNow)
        }
    }

    static let scene = Result { try Scene() }

    @Test(arguments: hostileCases)
    func isRefusedClearlyAndWritesNothing(_ hostile: HostileCase) throws {
        let scene = try Self.scene.get()
        let w = scene.workspace
        for (name, data) in hostile.files {
            let url = w.folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let before = try Self.dump(w.db)
        let arguments = hostile.arguments.map { $0.replacingOccurrences(of: "{folder}", with: w.folder.path) }
        var global = ["--db", w.db, "--actor", hostile.actor, "--now", hostileNow]
        if !arguments.contains("--config") { global += ["--config", w.config.path] }
        let (status, message) = Self.outcome(global + arguments)
        #expect(status == hostile.status, "\(hostile.name): \(status) \(message)")
        #expect(message.contains(hostile.fragment), "\(hostile.name): \(message)")
        // One line, except ArgumentParser's own usage errors, which list the allowed values below it.
        #expect(!message.contains("\n") || status == 64, "\(message)")
        #expect(!message.contains("Fatal error"))
        #expect(try Self.dump(w.db) == before, "\(hostile.name) wrote to the database")
    }

    @Test func sqlMetaCharactersAreStoredVerbatimInEveryTextField() throws {
        let w = try Workspace()
        defer { try? FileManager.default.removeItem(at: w.folder) }
        let hostile = "'; DROP TABLE ticket; --"
        let quoted = "Robert'); DELETE FROM ticketEvent WHERE ('1'='1 \"双引号\" `反引号` %_\\"
        try w.run(
            newTicket([
                "--caller": hostile, "--address": quoted, "--street": hostile, "--text": hostile + quoted,
            ]), now: hostileNow)
        // A topic outside the tree is refused whatever it holds.
        #expect(w.status(newTicket(["--topic": "城市管理/\(hostile)"])).status == 65)
        let number = "20250616-000001"
        try w.run(["ticket", "dispatch", number, "--to", "CGJ"], now: hostileNow)
        try w.run(["ticket", "sign", number], now: hostileNow)
        try w.run(["ticket", "extend", number, "--days", "2", "--reason", hostile], now: hostileNow)
        try w.run(["ticket", "deny-extension", number, "--reason", quoted], now: hostileNow)
        try w.run(["ticket", "reply", number, "--text", quoted], now: hostileNow)
        try w.run(["ticket", "reject", number, "--reason", hostile], now: hostileNow)

        let ticket = try #require(try w.tickets().first)
        #expect(ticket.callerName == hostile)
        #expect(ticket.address == quoted)
        #expect(ticket.street == hostile)
        #expect(ticket.description == hostile + quoted)
        #expect(ticket.topic == "公用事业/供水/停水")
        let events = try w.database().events(of: number)
        #expect(events.count == 7)
        #expect(events.map { $0.details["reason"] }.contains(hostile))
        #expect(events.map { $0.details["reason"] }.contains(quoted))
        let tables = try Self.dump(w.db)
        #expect(tables.contains("## ticket\n"))
        #expect(tables.contains("## ticketEvent\n"))
        #expect(Self.outcome(["--db", w.db, "--config", w.config.path, "db", "check"]).status == 0)
    }

    @Test func aCSVWithABOMAndCRLFImportsOnceAndAgainAddsNothing() throws {
        let w = try Workspace()
        defer { try? FileManager.default.removeItem(at: w.folder) }
        let file = w.folder.appendingPathComponent("bom.csv")
        try (Data([0xEF, 0xBB, 0xBF]) + nycCSV([nycRow, nycRow2])).write(to: file)
        try w.run(["import", "tickets", file.path, "--mapping", mappingPath], now: hostileNow)
        #expect(try w.tickets().map(\.sourceId) == ["54000001", "54000002"])
        let before = try Self.dump(w.db)
        try w.run(["import", "tickets", file.path, "--mapping", mappingPath], now: hostileNow)
        let after = try Self.dump(w.db)
        // Only the audit log grows: the second import is recorded, and brings no ticket.
        #expect(after.components(separatedBy: "## ticket\n")[1] == before.components(separatedBy: "## ticket\n")[1])
    }

    @Test func theCorpusIsLargeEnough() {
        #expect(hostileCases.count >= 60)
        #expect(Set(hostileCases.map(\.name)).count == hostileCases.count)
    }
}
