import Foundation
import Testing

@testable import govdesk

/// The hall commands as a new user runs them, with the built binary.
@Suite(.serialized)
struct HallCommandTests {
    @Test func aNewUserTakesACaseThroughABadRatingToAVerifiedFindingAndAnAward() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let initialised = try cli.ok(["init", "--training"])
        #expect(initialised.contains("28 windows, 43 service items, 17 experience officers"))
        try cli.ok([
            "--actor", "admin", "staff", "add", "--code", "w31", "--name", "赵敏", "--dept", "XZSP", "--role", "window",
        ])
        try cli.ok([
            "--actor", "admin", "window", "add", "--code", "A05", "--name", "企业开办综合窗口5", "--dept", "XZSP", "--staff",
            "w31",
        ])
        try cli.ok([
            "--actor", "admin", "item", "add", "--code", "QY007", "--name", "企业名称变更登记", "--dept", "XZSP", "--days", "1",
            "--window", "A05",
        ])

        let created = try cli.ok([
            "--actor", "w31", "--now", "2025-09-30T10:00", "case", "new", "--item", "QY007", "--window", "A05",
            "--applicant", "张建国", "--phone", "13835512345",
        ])
        let number = try #require(created.split(separator: "\n").first.map(String.init))
        #expect(number == "BJ20250930-000001")
        #expect(created.contains("2025-10-09 24:00"))

        let other = try cli.run(["--actor", "w01", "--now", "2025-09-30T10:30", "case", "complete", number])
        #expect(other.status == 1)
        #expect(other.stderr.contains("w01 不在窗口 A05 工作"))

        try cli.ok([
            "--actor", "w31", "--now", "2025-09-30T10:20", "case", "request-materials", number, "--materials", "章程",
        ])
        let breach = try cli.ok([
            "--actor", "w31", "--now", "2025-10-09T09:00", "case", "request-materials", number, "--materials", "股东身份证",
        ])
        #expect(breach.contains("违反一次性告知"))
        try cli.ok(["--actor", "w31", "--now", "2025-10-09T15:00", "case", "complete", number])
        let rated = try cli.ok([
            "--actor", "db01", "--now", "2025-10-09T15:10", "rate", number, "--score", "2", "--comment", "来回跑了三次",
        ])
        #expect(rated.contains("ZG20251009-000001"))
        #expect(rated.contains("2025-10-29 24:00"))

        let shown = try cli.ok(["--json", "case", "show", number])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect(object["visits"] as? Int == 3)
        #expect(object["breaches"] as? Int == 1)
        #expect(object["firstResponsible"] as? String == "w31")
        #expect(object["phone"] as? String == "138****2345")
        #expect(object["finding"] as? String == "ZG20251009-000001")

        let refused = try cli.run([
            "--actor", "ty01", "--now", "2025-10-10T10:00", "finding", "verify", "ZG20251009-000001",
        ])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("整改事项 ZG20251009-000001 当前为「整改中」，不能核验；现在可以：整改"))
        try cli.ok([
            "--actor", "ty02", "--now", "2025-10-15T10:00", "finding", "rectify", "ZG20251009-000001", "--note",
            "一次性告知清单上墙",
        ])
        try cli.ok(["--actor", "ty01", "--now", "2025-10-16T10:00", "finding", "verify", "ZG20251009-000001"])
        let finding = try cli.ok(["--json", "finding", "show", "ZG20251009-000001"])
        #expect(finding.contains("\"state\" : \"verified\""))

        let run = try cli.ok(["--actor", "db01", "--now", "2025-11-01T09:00", "eval", "run", "--month", "2025-10"])
        #expect(run.contains("优秀窗口 #1  A05"))
        try cli.ok(["--actor", "db01", "--now", "2025-11-02T09:00", "eval", "finalize", "--month", "2025-10"])
        let again = try cli.run(["--actor", "db01", "--now", "2025-11-03T09:00", "eval", "run", "--month", "2025-10"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("2025-10 的考评已定稿"))
        let json = try cli.ok(["--json", "eval", "show", "--month", "2025-10"])
        let evaluation = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(evaluation["finalized"] as? Bool == true)
        let results = try #require(evaluation["results"] as? [[String: Any]])
        // w31: 40 + 40×2/5 + 20×1/20 − 2 (差评) − 2 (breach) − 3 (verified finding) = 50.00
        #expect(results.first { $0["code"] as? String == "w31" }?["score"] as? Double == 50)
    }

    @Test func badInputGetsTheDocumentedExitStatus() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let score = try cli.run(["rate", "BJ20250101-000001", "--score", "7"])
        #expect(score.status == 64)
        let unknown = try cli.run(["--actor", "w01", "rate", "BJ20250101-000001", "--score", "5"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no case BJ20250101-000001"))
        let month = try cli.run(["eval", "show", "--month", "2025-13"])
        #expect(month.status == 64)
        let none = try cli.run(["eval", "show", "--month", "2025-10"])
        #expect(none.status == 1)
        let days = try cli.run([
            "item", "add", "--code", "X1", "--name", "x", "--dept", "XZSP", "--days", "61", "--window", "A01",
        ])
        #expect(days.status == 64)
        let notHere = try cli.run([
            "--actor", "w01", "case", "new", "--item", "QY003", "--window", "A01", "--applicant", "张三",
        ])
        #expect(notHere.status == 1)
        #expect(notHere.stderr.contains("item QY003 is not received at window A01; it is received at A02, A03"))
    }

    /// `eval run` and `eval finalize` wait for the month to end at the command's clock; months outside 2000–2100
    /// are not months anyone evaluates.
    @Test func theEvaluationOfAMonthThatHasNotEndedIsRefused() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        for (month, status) in [("9999-12", Int32(64)), ("1999-12", 64), ("2101-01", 64)] {
            for command in ["run", "finalize", "show"] {
                let result = try cli.run(["--actor", "db01", "eval", command, "--month", month])
                #expect(result.status == status, "eval \(command) --month \(month): \(result.stderr)")
                #expect(result.stderr.contains("2000-01 to 2100-12"), "\(result.stderr)")
            }
        }
        let run = try cli.run(["--actor", "db01", "--now", "2025-10-20T09:00", "eval", "run", "--month", "2025-10"])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "the evaluation of 2025-10 cannot be run yet: the month has not ended (it ends at 2025-11-01 00:00)"),
            "\(run.stderr)")
        let future = try cli.run(["--actor", "db01", "--now", "2025-10-20T09:00", "eval", "run", "--month", "2026-12"])
        #expect(future.status == 1)
        #expect(future.stderr.contains("2026-12"), "\(future.stderr)")

        // An evaluation run once the month ended cannot be finalised by a clock inside the month either.
        try cli.ok(["--actor", "db01", "--now", "2025-11-01T09:00", "eval", "run", "--month", "2025-10"])
        let early = try cli.run([
            "--actor", "db01", "--now", "2025-10-31T18:00", "eval", "finalize", "--month", "2025-10",
        ])
        #expect(early.status == 1)
        #expect(early.stderr.contains("cannot be finalised yet"), "\(early.stderr)")
        #expect(early.stderr.contains("2025-11-01 00:00"), "\(early.stderr)")
        try cli.ok(["--actor", "db01", "--now", "2025-11-01T00:00", "eval", "finalize", "--month", "2025-10"])
    }

    @Test func overdueCasesAndFindingsAreListed() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let number =
            try cli.ok([
                "--actor", "w01", "--now", "2025-10-09T10:00", "case", "new", "--item", "QY002", "--window", "A01",
                "--applicant", "李四",
            ]).split(separator: "\n").first.map(String.init) ?? ""
        let before = try cli.ok(["--now", "2025-10-09T23:00", "case", "list", "--overdue"])
        #expect(!before.contains(number))
        let after = try cli.ok(["--now", "2025-10-10T09:00", "case", "list", "--overdue"])
        #expect(after.contains(number))
        let finding = try cli.ok([
            "--actor", "ty01", "--now", "2025-10-13T10:00", "finding", "new", "--source", "officer", "--reporter",
            "TYY01",
            "--kind", "slow", "--window", "B01", "--text", "午间只开一个窗口",
        ])
        try cli.ok(["--actor", "ty01", "--now", "2025-10-13T11:00", "finding", "assign", finding, "--days", "5"])
        #expect(try !cli.ok(["--now", "2025-10-20T12:00", "finding", "list", "--overdue"]).contains(finding))
        #expect(try cli.ok(["--now", "2025-10-21T09:00", "finding", "list", "--overdue"]).contains(finding))
        let report = try cli.ok(["--json", "report", "findings", "--month", "2025-10"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["reported"] as? Int == 1)
        #expect(total["overdue"] as? Int == 1)
        let windows = try cli.ok(["--json", "report", "windows", "--month", "2025-10"])
        #expect(windows.contains("\"overdueAtEnd\" : 1"))
    }

    @Test func theEvaluationSectionOfTheConfigurationIsValidated() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let config = cli.folder.appendingPathComponent("Config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let file = config.appendingPathComponent("govdesk.yaml")
        try "evaluation:\n  awards:\n    minimumRatings: 0\n".write(to: file, atomically: true, encoding: .utf8)
        let bad = try cli.run(["--config", config.path, "init"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("evaluation.awards.minimumRatings"))
        try "evaluation:\n  tieBreak: [fewerBadRatings, byLuck]\n".write(to: file, atomically: true, encoding: .utf8)
        let key = try cli.run(["--config", config.path, "init"])
        #expect(key.status == 65)
        #expect(key.stderr.contains("'byLuck' is not a tie-break key"))
        try "evaluation:\n  weights: {onTime: 50}\n  awards: {serviceStars: 1}\n".write(
            to: file, atomically: true, encoding: .utf8)
        try cli.ok(["--config", config.path, "init", "--training"])
    }
}
