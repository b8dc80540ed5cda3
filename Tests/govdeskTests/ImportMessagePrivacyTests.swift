import Foundation
import Testing

/// DESIGN §11.5: an import's error names the file, row, line and column and says what is allowed, but never shows a
/// caller's name or phone number — not when a timestamp cell holds one, nor when a mapping points at the wrong column.
@Suite(.serialized)
struct ImportMessagePrivacyTests {
    static let header =
        "工单编号,受理时间,办结时间,承办单位,诉求类型,问题分类,工单状态,来电人,联系电话,来源渠道,紧急程度,诉求地址,所属街道,诉求内容,办理时限,办理结果"

    static func row(created: String, closed: String = "", status: String = "办理中") -> String {
        "GD-1,\(created),\(closed),CGJ,投诉,城市管理/市容环境/占道经营,\(status),诸葛明亮,13812345678,电话,一般,幸福路1号,东街,占道经营,,"
    }

    func importRow(_ row: String, _ cli: CLIHarness) throws -> CLIHarness.Result {
        let path = cli.folder.appendingPathComponent("ledger.csv").path
        try (Self.header + "\r\n" + row + "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        return try cli.run(["--actor", "op01", "import", "tickets", path, "--mapping", "cn-spreadsheet"])
    }

    @Test(arguments: [
        "2025-05-01 10:00 13812345678", "13812345678", "138 1234 5678", "诸葛明亮 2025-05-01", "2025-05-01 诸葛明亮",
    ])
    func aBadTimestampHoldingPersonalDataIsNamedByRowAndColumnOnly(_ created: String) throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let result = try importRow(Self.row(created: created), cli)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("row 1 (line 2), column '受理时间'"), "\(result.stderr)")
        #expect(result.stderr.contains("yyyy-MM-dd HH:mm"), "it says what is allowed: \(result.stderr)")
        for secret in ["13812345678", "1234 5678", "12345678", "诸葛明亮", "葛明亮"] {
            #expect(!result.stderr.contains(secret), "\(secret) in \(result.stderr)")
        }
    }

    @Test func aStatusCellHoldingTheCallersNameIsMasked() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let result = try importRow(Self.row(created: "2025-05-01 10:00", status: "已办结"), cli)
        #expect(result.status == 65, "\(result.stderr)")
        let named = try importRow(Self.row(created: "2025-05-01 诸葛明亮", closed: "13812345678", status: "已办结"), cli)
        #expect(!named.stderr.contains("诸葛明亮") && !named.stderr.contains("13812345678"), "\(named.stderr)")
    }

    @Test func anOrdinaryMistakeIsStillShown() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let result = try importRow(Self.row(created: "2025-13-01 10:00"), cli)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("'2025-13-01 10:00' is not a timestamp"), "\(result.stderr)")
    }
}
