import Foundation
import GovDeskCore
import GovDeskStore
import Testing

@testable import govdesk

/// What people see of hall letters: the kind of subject in `letters list`, the letter on a case's timeline.
struct HallLetterCommandTests {
    /// Case BJ20251009-000001 (QY001 at A01, received Thursday 2025-10-09 10:00, due 10-10 24:00) and warning 1 on
    /// 2025-10-13 09:00, in Asia/Shanghai.
    func makeWorkspace() throws -> (Workspace, CommandContext) {
        let w = try Workspace(timeZone: "Asia/Shanghai")
        try w.run(
            ["case", "new", "--item", "QY001", "--window", "A01", "--applicant", "张建国"], actor: "w01",
            now: "2025-10-09T10:00")
        try w.run(["letters", "issue"], actor: "db01", now: "2025-10-13T09:00")
        let context = try CommandContext(GlobalOptions.parse(["--db", w.db, "--config", w.config.path]))
        return (w, context)
    }

    @Test func listShowsTheKindOfSubject() throws {
        let (w, context) = try makeWorkspace()
        let letters = try w.database().letters(matching: LetterFilter())
        let presenter = LetterPresenter(context)

        let table = presenter.table(letters)
        let json = try #require(letters.first.map(presenter.json))

        #expect(table.contains("对象"))
        #expect(table.contains("潞热线警〔2025〕第1号  预警函  办件"))
        #expect(json["subjects"] as? [String] == ["case"])
    }

    @Test func theCaseTimelineNamesTheLetter() throws {
        let (w, context) = try makeWorkspace()
        let database = try w.database()
        let c = try database.windowCase("BJ20251009-000001")

        let text = HallPresenter(context).show(
            c, events: try database.caseEvents(of: c.number), item: nil, window: nil, finding: nil)

        #expect(text.hasSuffix("  2. 2025-10-13 09:00  督办函  db01  潞热线警〔2025〕第1号 预警函（时限 2025-10-10 24:00）"))
    }
}
