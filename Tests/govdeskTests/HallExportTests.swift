import Foundation
import GovDeskCore
import GovDeskStore
import Testing

@testable import govdesk

/// `export cases|ratings|findings|evaluations`: the ticket export's rules for the hall.
struct HallExportTests {
    /// October 2025 in Asia/Shanghai: case BJ20251009-000001 (张建国, 13835512345) at A01 completed and rated 2 with a
    /// formula-like comment, which opens finding ZG20251010-000001; case BJ20251020-000001 (李四) at A02 left open; a
    /// November case outside the month; the October evaluation run on 1 November.
    func makeWorkspace() throws -> Workspace {
        let w = try Workspace(timeZone: "Asia/Shanghai")
        try w.run(
            [
                "case", "new", "--item", "QY001", "--window", "A01", "--applicant", "张建国", "--phone", "13835512345",
            ], actor: "w01", now: "2025-10-09T10:00")
        try w.run(["case", "complete", "BJ20251009-000001"], actor: "w01", now: "2025-10-10T15:00")
        try w.run(
            ["rate", "BJ20251009-000001", "--score", "2", "--comment", "=cmd|' /C calc'!A0"], actor: "w02",
            now: "2025-10-10T16:00")
        try w.run(
            ["case", "new", "--item", "QY002", "--window", "A02", "--applicant", "李四", "--phone", "13900001111"],
            actor: "w03", now: "2025-10-20T10:00")
        try w.run(
            ["case", "new", "--item", "QY002", "--window", "A02", "--applicant", "王五"], actor: "w03",
            now: "2025-11-03T10:00")
        try w.run(["eval", "run", "--month", "2025-10"], actor: "db01", now: "2025-11-04T09:00")
        return w
    }

    /// The export's file as text, and its lines without the empty rest after the last CRLF.
    func export(_ w: Workspace, _ kind: String, _ extra: [String] = ["--month", "2025-10"]) throws -> (
        data: Data, lines: [String]
    ) {
        try w.export(kind, extra)
    }

    @Test func casesLeadWithAByteOrderMarkAndMaskApplicants() throws {
        let w = try makeWorkspace()
        let (data, lines) = try export(w, "cases")
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(lines.count == 3)  // header and the two October cases
        #expect(lines[0] == "\u{FEFF}" + CaseExport().headers.joined(separator: ","))
        #expect(
            lines[1].hasPrefix(
                "BJ20251009-000001,QY001,A01,XZSP,w01,张**,138****2345,completed,2025-10-09T10:00:00+08:00,"))
        #expect(lines[1].contains(",2025-10-10T15:00:00+08:00,true,,1,0,0,2"))
        #expect(lines[2].hasPrefix("BJ20251020-000001,QY002,A02,XZSP,w03,李*,139****1111,open,"))
        #expect(!lines.joined().contains("13835512345"))

        let (plain, full) = try export(w, "cases", ["--month", "2025-10", "--no-bom", "--include-pii"])
        #expect(String(decoding: plain.prefix(7), as: UTF8.self) == "number,")
        #expect(full[1].contains(",张建国,13835512345,"))
        #expect(try export(w, "cases", ["--from", "2025-11-01", "--to", "2025-11-30"]).lines.count == 2)
    }

    @Test func ratingsNeutraliseFormulasInComments() throws {
        let w = try makeWorkspace()
        let (_, lines) = try export(w, "ratings", ["--month", "2025-10", "--no-bom"])
        #expect(lines.count == 2)
        #expect(
            lines[1]
                == "BJ20251009-000001,A01,w01,张**,138****2345,2,'=cmd|' /C calc'!A0,2025-10-10T16:00:00+08:00,w02,"
                + "ZG20251010-000001")
    }

    @Test func findingsAndEvaluationsAndTheirAudit() throws {
        let w = try makeWorkspace()
        let findings = try export(w, "findings", ["--month", "2025-10", "--no-bom", "--include-pii"]).lines
        #expect(findings.count == 2)
        #expect(findings[1].hasPrefix("ZG20251010-000001,rating,other,assigned,,2025-10-10T16:00:00+08:00,XZSP,A01,"))
        #expect(findings[1].contains(",BJ20251009-000001,"))

        let record = try w.database().evaluation(month: Month(year: 2025, month: 10)!)
        let evaluations = try export(w, "evaluations", ["--month", "2025-10", "--no-bom"]).lines
        #expect(evaluations.count == 1 + record.outcome.results.count)
        #expect(evaluations.dropFirst().allSatisfy { $0.hasPrefix("2025-10,computed,") })
        for award in record.outcome.awards {
            let row = evaluations.first { $0.contains(",\(award.subject.rawValue),\(award.code),") }
            #expect(row?.contains("\(award.award.rawValue)#\(award.position)") == true)
        }
        // Evaluations are kept by month: a range overlapping October finds it, September finds nothing.
        #expect(
            try export(w, "evaluations", ["--from", "2025-10-31", "--to", "2025-11-02"]).lines.count
                == evaluations.count)
        #expect(try export(w, "evaluations", ["--month", "2025-09"]).lines.count == 1)

        let audit = try w.database().auditEntries().filter { $0.action == "export" }
        #expect(audit.map { $0.details["kind"] } == ["findings", "evaluations", "evaluations", "evaluations"])
        #expect(
            audit.map { $0.details["rows"] } == [
                "1", String(record.outcome.results.count), String(record.outcome.results.count), "0",
            ])
        // Findings carry no personal data, so --include-pii shows nothing more and is audited as false.
        #expect(audit[0].details["includePII"] == "false")
        #expect(audit[0].details["from"] == "2025-10-01")
        #expect(audit[0].details["to"] == "2025-10-31")
        #expect(audit[0].actor == "admin")
    }

    @Test func ratingsExportIsAuditedWithItsPersonalData() throws {
        let w = try makeWorkspace()
        let lines = try export(w, "ratings", ["--month", "2025-10", "--include-pii", "--format", "jsonl"]).lines
        let row = try #require(
            try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
        #expect(row["applicantName"] as? String == "张建国")
        #expect(row["comment"] as? String == "=cmd|' /C calc'!A0")  // JSON lines are data, not a spreadsheet
        let entry = try #require(try w.database().auditEntries().last { $0.action == "export" })
        #expect(entry.details["kind"] == "ratings")
        #expect(entry.details["includePII"] == "true")
        #expect(entry.details["rows"] == "1")
    }
}
