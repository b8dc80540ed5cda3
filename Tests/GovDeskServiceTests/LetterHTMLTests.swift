import Foundation
import GovDeskCore
import Testing

@testable import GovDeskService

/// The letter page shows a letter as the document it is (`LetterHTML`), and whatever people typed into its names and
/// titles stays text: no mark of Markdown or HTML in them does anything.
struct LetterHTMLTests {
    static let hostile = #"<script>alert(1)</script> **粗** *斜* \反斜 [链接](javascript:x) & "引号" ' ＃"#

    static func letter(trainingNote: String? = nil) -> String {
        var renderer = LetterRenderer(
            issuer: "潞州区12345热线 <b>中心</b>", reminderShare: 0.8,
            formatTime: { _ in "2025-06-20 10:00" }, formatDeadline: { _ in "2025-06-19 24:00" })
        renderer.trainingNote = trainingNote
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        return renderer.markdown(
            kind: .warning, number: "潞热线警〔2025〕第1号", departmentName: "城管局 " + hostile,
            issuedAt: start.addingTimeInterval(86_400 * 3),
            items: [
                LetterCandidate(
                    subjectKind: .ticket, reference: "20250616-000001", department: "CGJ", title: hostile,
                    clock: .handling, clockStart: start, deadline: start.addingTimeInterval(86_400)),
                LetterCandidate(
                    subjectKind: .ticket, reference: "20250616-000002", department: "CGJ", title: "路灯\u{202E}不亮|坏了",
                    clock: .sign, clockStart: start, deadline: start.addingTimeInterval(3_600)),
            ])
    }

    @Test func aLetterIsAHeadingParagraphsAndATable() {
        let html = LetterHTML.render(Self.letter(trainingNote: LetterRenderer.trainingNoteText))
        #expect(html.contains("<h2 class=\"letter-title\">12345热线督办预警函</h2>"), "\(html)")
        #expect(html.contains("<blockquote>\(LetterRenderer.trainingNoteText)</blockquote>"), "\(html)")
        #expect(html.contains("<p><strong>潞热线警〔2025〕第1号</strong></p>"), "\(html)")
        #expect(html.contains("<tr><th>序号</th><th>编号</th><th>事项</th><th>时限类别</th><th>时限</th><th>已超期</th></tr>"))
        #expect(html.contains("<td>20250616-000001</td>"))
        #expect(html.components(separatedBy: "<tr>").count - 1 == 3, "a header and two rows: \(html)")
        #expect(!html.contains("---") && !html.contains("| "), "no Markdown left: \(html)")
    }

    @Test func whatPeopleTypedStaysText() {
        let html = LetterHTML.render(Self.letter())
        #expect(!html.contains("<script") && !html.contains("<b>"), "\(html)")
        let shown =
            "&lt;script&gt;alert(1)&lt;/script&gt; **粗** *斜* \\反斜 [链接](javascript:x) &amp; &quot;引号&quot; &#39; ＃"
        #expect(html.contains("城管局 " + shown), "\(html)")
        #expect(html.contains("<td>" + shown + "</td>"), "\(html)")
        #expect(html.contains("潞州区12345热线 &lt;b&gt;中心&lt;/b&gt;"), "\(html)")
        // A bar in a title keeps the table's columns; a control character is shown by name.
        #expect(html.contains("<td>路灯\\u{202E}不亮／坏了</td>"), "\(html)")
        #expect(html.components(separatedBy: "<strong>").count == 2, "only the number is bold: \(html)")
    }

    @Test func aStoredTextIsEscapedWhateverItHolds() {
        let html = LetterHTML.render(
            "# <i>x</i>\n> \u{07}bell\n| a | <b> |\n| --- | --- |\n| **x | &lt;y&gt; |\ntext & more")
        #expect(html.contains("<h2 class=\"letter-title\">&lt;i&gt;x&lt;/i&gt;</h2>"), "\(html)")
        #expect(html.contains("<blockquote>\\u{7}bell</blockquote>"), "\(html)")
        #expect(html.contains("<th>&lt;b&gt;</th>"), "\(html)")
        #expect(
            html.contains("<td><strong>x</strong></td><td>&lt;y&gt;</td>"),
            "an unclosed bold ends with its cell: \(html)")
        #expect(html.contains("<p>text &amp; more</p>"), "\(html)")
    }
}

extension LetterHTMLTests {
    /// A name that reads as a Markdown list (`1. 有序部门`) stays a name in the letter's source and on its page.
    @Test func aNameLikeAnOrderedListStaysText() {
        let html = LetterHTML.render("\(MarkdownText.inline("1. 有序部门"))：\n\n正文")
        #expect(html.contains("<p>1. 有序部门：</p>"), "\(html)")
    }
}
