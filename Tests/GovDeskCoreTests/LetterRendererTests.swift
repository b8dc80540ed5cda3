import Foundation
import GovDeskTestSupport
import Testing

@testable import GovDeskCore

/// The Markdown of supervision letters: tickets as they always read, hall subjects in their own tables.
struct LetterRendererTests {
    let renderer = LetterRenderer(issuer: "12345热线中心", reminderShare: 0.8, localTime: makeLocalTime())

    let ticket = LetterCandidate(
        subjectKind: .ticket, reference: "20251010-000003", department: "XZSP", title: "政务服务/企业开办/登记",
        clock: .handling, clockStart: makeLocal("2025-10-10T10:00"), deadline: makeLocal("2025-10-24T00:00"))

    let finding = LetterCandidate(
        subjectKind: .finding, reference: "ZG20251013-000001", department: "XZSP", title: "窗口排队|叫号混乱\n无人引导",
        detail: "办事慢", clock: .rectification, clockStart: makeLocal("2025-10-13T10:00"),
        deadline: makeLocal("2025-10-21T00:00"))

    @Test func aTicketOnlyLetterHasOneTableAndTheHotlineHeading() {
        let text = renderer.markdown(
            kind: .reminder, number: "潞热线提〔2025〕第7号", departmentName: "行政审批局",
            issuedAt: makeLocal("2025-10-21T16:00"), items: [ticket])

        #expect(
            text == """
                # 12345热线督办提醒函

                **潞热线提〔2025〕第7号**

                行政审批局：

                截至2025-10-21 16:00，贵单位承办的下列 1 件事项已用去时限的 80% 以上，尚未答复。请抓紧办理，在时限内答复；\
                确需延期的，请按规定及时申请。

                | 序号 | 编号 | 事项 | 时限类别 | 时限 | 剩余时间 |
                | --- | --- | --- | --- | --- | --- |
                | 1 | 20251010-000003 | 政务服务/企业开办/登记 | 办理时限 | 2025-10-23 24:00 | 2天8小时 |

                12345热线中心
                2025-10-21

                """)
    }

    @Test func aMixedLetterHasANumberedTablePerKindOfSubject() {
        let text = renderer.markdown(
            kind: .warning, number: "潞热线警〔2025〕第8号", departmentName: "行政审批局",
            issuedAt: makeLocal("2025-10-24T09:00"), items: [finding, ticket])

        #expect(text.hasPrefix("# 政务服务督办预警函"))
        #expect(text.contains("下列 2 件事项已超过时限，仍未办结。"))
        let ticketTable = text.range(of: "**一、12345工单（1 件）**\n\n| 序号 | 编号 | 事项 | 时限类别 | 时限 | 已超期 |")
        let findingTable = text.range(of: "**二、整改事项（1 件）**\n\n| 序号 | 问题编号 | 问题类别 | 问题描述 | 整改时限 | 已超期 |")
        #expect(ticketTable != nil && findingTable != nil)
        #expect(ticketTable?.lowerBound ?? text.endIndex < findingTable?.lowerBound ?? text.startIndex)
        // Each table numbers from 1; a cell's bar and line break cannot break the table.
        #expect(text.contains("| 1 | ZG20251013-000001 | 办事慢 | 窗口排队／叫号混乱 无人引导 | 2025-10-20 24:00 | 3天9小时 |"))
    }

    /// A department name or topic that people typed cannot add a heading, hide the rest of the letter in an HTML
    /// comment, break its table or reach a terminal as an escape sequence (DESIGN §11.5).
    @Test func typedTextCannotChangeTheLettersStructure() throws {
        var hostile = ticket
        hostile.title = "城市管理/<!-- 以下隐藏 | 列 |\n# 伪造标题 \u{1B}[2J & <script>alert(1)</script>"
        let text = renderer.markdown(
            kind: .warning, number: "潞热线警〔2025〕第8号", departmentName: "行政审批局\n# 伪造标题\r\n\u{202E}反向",
            issuedAt: makeLocal("2025-10-24T09:00"), items: [hostile])
        let lines = text.components(separatedBy: "\n")
        #expect(lines.filter { $0.hasPrefix("#") } == ["# 12345热线督办预警函"])
        #expect(lines.contains("行政审批局 # 伪造标题 \\u{202E}反向："))
        for mark in ["<!--", "<script", "\u{1B}", "\u{202E}", "\r"] { #expect(!text.contains(mark), "\(mark)") }
        let row = try #require(lines.first { $0.hasPrefix("| 1 |") })
        #expect(row.filter { $0 == "|" }.count == 7)
        #expect(row.contains("城市管理/&lt;!-- 以下隐藏 ／ 列 ／ # 伪造标题 \\u{1B}\\[2J &amp; &lt;script&gt;"))
    }

    @Test(arguments: [
        ("# 标题", "\\# 标题"), ("- 列表", "\\- 列表"), ("a*b*_c_", "a\\*b\\*\\_c\\_"), ("[链接](x)", "\\[链接\\](x)"),
        ("行一\r\n行二\n行三", "行一 行二 行三"), ("普通文字", "普通文字"), ("A&B <b>", "A&amp;B &lt;b&gt;"),
        ("1. 有序部门", "1\\. 有序部门"), ("12) 部门", "12\\) 部门"), ("2025年", "2025年"), ("3.5 号", "3\\.5 号"),
    ])
    func markdownTextIsInert(text: String, expected: String) {
        #expect(MarkdownText.inline(text) == expected)
    }

    @Test func aFindingIsACandidateOnlyWhileAssigned() {
        var f = Finding(
            number: "ZG20251013-000001", source: .officer, reporter: "TYY01", reportedAt: makeLocal("2025-10-13T09:00"),
            window: "A01", item: nil, department: "XZSP", kind: .slow, description: String(repeating: "慢", count: 31))
        #expect(LetterCandidate(finding: f) == nil)  // open: no deadline yet
        f.state = .assigned
        f.assignedAt = makeLocal("2025-10-13T10:00")
        f.deadline = makeLocal("2025-10-21T00:00")
        let candidate = LetterCandidate(finding: f)
        #expect(candidate?.title == String(repeating: "慢", count: 30) + "…")
        #expect(candidate?.detail == "办事慢")
        #expect(candidate?.clockStart == makeLocal("2025-10-13T10:00"))
        f.state = .rectified
        #expect(LetterCandidate(finding: f) == nil)
    }
}
