import Foundation
import GovDeskCore
import GovDeskStore
import Testing

@testable import govdesk

/// `export letters`: the export rules of tickets for supervision letters, selected by issue time.
struct LetterExportTests {
    /// In Asia/Shanghai: case BJ20251009-000001 (QY001, 1 working day) received at A01 on Thursday 2025-10-09 10:00,
    /// due 2025-10-10 24:00, gets warning 1 on 2025-10-13 09:00; case BJ20251028-000001 received on Tuesday 10-28
    /// 10:00, due 10-29 24:00, gets warning 2 on 2025-11-03 09:00 (the first case is named only once). The letters'
    /// own line breaks are LF, so splitting the CSV at CRLF gives its records.
    func makeWorkspace() throws -> Workspace {
        let w = try Workspace(timeZone: "Asia/Shanghai")
        for day in ["2025-10-09", "2025-10-28"] {
            try w.run(
                ["case", "new", "--item", "QY001", "--window", "A01", "--applicant", "张建国", "--phone", "13835512345"],
                actor: "w01", now: day + "T10:00")
        }
        try w.run(["letters", "issue"], actor: "db01", now: "2025-10-13T09:00")
        try w.run(["letters", "issue"], actor: "db01", now: "2025-11-03T09:00")
        return w
    }

    @Test func oneRowPerLetterIssuedInTheMonthWithItsMarkdownLast() throws {
        let w = try makeWorkspace()
        let (data, records) = try w.export("letters", ["--month", "2025-10"])

        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(records.count == 2)
        #expect(
            records[0]
                == "\u{FEFF}number,kind,year,department,departmentName,issuedAt,issuedBy,subjectCount,subjectKinds,"
                + "subjects,text")
        #expect(
            records[1].hasPrefix(
                "潞热线警〔2025〕第1号,warning,2025,XZSP,潞州区行政审批服务管理局,2025-10-13T09:00:00+08:00,db01,1,case,"
                    + "BJ20251009-000001,\"> 【培训环境】本督办函出自培训数据库，不是正式公文。\n\n# 政务服务督办预警函\n"))
        #expect(records[1].contains("| 1 | BJ20251009-000001 | 有限责任公司设立登记 | A01 企业开办综合窗口1 | 2025-10-10 24:00 |"))
        #expect(records[1].hasSuffix("\n\""))
        #expect(!records.joined().contains("张建国"))
    }

    @Test func rangesSelectByIssueTimeAndEveryExportIsAudited() throws {
        let w = try makeWorkspace()

        let november = try w.export("letters", ["--month", "2025-11", "--no-bom"]).lines
        let both = try w.export("letters", ["--from", "2025-10-13", "--to", "2025-11-03", "--no-bom"]).lines
        let before = try w.export("letters", ["--from", "2025-10-01", "--to", "2025-10-12"]).lines

        #expect(november.count == 2)
        #expect(november[1].hasPrefix("潞热线警〔2025〕第2号,warning,2025,XZSP,"))
        #expect(november[1].contains(",1,case,BJ20251028-000001,"))
        #expect(both.count == 3)
        #expect(before.count == 1)  // the header only
        let audit = try w.database().auditEntries().filter { $0.action == "export" }
        #expect(audit.map { $0.details["kind"] } == ["letters", "letters", "letters"])
        #expect(audit.map { $0.details["rows"] } == ["1", "2", "0"])
        #expect(audit[1].details["from"] == "2025-10-13")
        #expect(audit[1].details["to"] == "2025-11-03")
        #expect(audit[1].details["includePII"] == "false")
    }

    @Test func jsonLinesCarryTheSameKeysAndTheWholeText() throws {
        let w = try makeWorkspace()
        let data = try w.export("letters", ["--month", "2025-10", "--format", "jsonl"]).data
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        // JSON lines escape the letter's line breaks, so there is one line per letter and no header.
        #expect(lines.count == 1)
        let row = try #require(
            try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
        #expect(Set(row.keys) == Set(LetterExport().headers))
        #expect(row["subjects"] as? String == "BJ20251009-000001")
        #expect(row["subjectCount"] as? Int == 1)
        #expect(row["year"] as? Int == 2025)
        let letter = try w.database().letter("潞热线警〔2025〕第1号")
        #expect(row["text"] as? String == letter.text)
    }
}
