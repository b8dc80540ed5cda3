import Foundation
import GRDB
import Testing

/// `kill -9` at a random moment of the short writes that reach outside one transaction (DESIGN §11.3): a backup, the
/// issue of letters with their files, the addition of a calendar year with its recomputations, a month close. After
/// each kill the database checks whole (ledger included) and the outcome is one of the two a finished or an unstarted
/// run leaves.
@Suite(.serialized)
struct ShortCommandCrashTests {
    static let trials = longTests ? 40 : 8

    /// Makes a database with an overdue ticket, a case and a finding whose deadlines cross into 2027; saves a template.
    static func prepare() throws -> (cli: CLIHarness, template: String) {
        let cli = try CLIHarness()
        try cli.ok(["init", "--training"])
        let number = try cli.ok([
            "--now", "2026-12-24T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张三", "--phone", "13800001111", "--text", "占道",
        ])
        try cli.ok(["--now", "2026-12-24T09:30", "--actor", "pd01", "ticket", "dispatch", number, "--to", "CGJ"])
        try cli.ok(["--now", "2026-12-24T10:00", "--actor", "cgj1", "ticket", "sign", number])
        let finding = try cli.ok([
            "--now", "2026-12-28T10:00", "--actor", "ty01", "finding", "new", "--source", "walkthrough", "--kind",
            "slow", "--window", "E01", "--text", "叫号系统故障",
        ])
        try cli.ok(["--now", "2026-12-28T10:05", "--actor", "ty01", "finding", "assign", finding, "--days", "10"])
        try cli.ok([
            "--now", "2026-12-30T10:00", "--actor", "w19", "case", "new", "--item", "ZH001", "--window", "E01",
            "--applicant", "李华",
        ])
        // A second ticket, overdue for signing by the letters' time.
        let late = try cli.ok([
            "--now", "2026-12-24T11:00", "--actor", "op01", "ticket", "new", "--type", "help", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "web", "--caller", "李四", "--phone", "13800002222", "--text", "占道",
        ])
        try cli.ok(["--now", "2026-12-24T11:30", "--actor", "pd01", "ticket", "dispatch", late, "--to", "CGJ"])
        let template = cli.folder.appendingPathComponent("template.sqlite").path
        try copy(cli.database, to: template)
        return (cli, template)
    }

    static func copy(_ database: String, to target: String) throws {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: target + suffix)
            if FileManager.default.fileExists(atPath: database + suffix) {
                try FileManager.default.copyItem(atPath: database + suffix, toPath: target + suffix)
            }
        }
    }

    /// Runs `arguments` once whole, then `trials` times killed at a random moment within that run's time, each from
    /// the template; `verify(killed)` checks what each left.
    static func trials(
        _ cli: CLIHarness, template: String, _ arguments: [String], before: () throws -> Void = {},
        verify: (_ killed: Bool, _ trial: Int) throws -> Void
    ) throws -> Int {
        try copy(template, to: cli.database)
        try before()
        let started = Date()
        let whole = try cli.run(arguments)
        var duration = Date().timeIntervalSince(started)
        #expect(whole.status == 0, "\(arguments): \(whole.stderr)")
        try verify(false, -1)
        var generator = SystemRandomNumberGenerator()
        var killedCount = 0
        for trial in 0..<Self.trials {
            try copy(template, to: cli.database)
            try before()
            let begun = Date()
            let process = try cli.start(arguments)
            let killed = CrashSafetyTests.kill(process, after: Double.random(in: 0...duration, using: &generator))
            if killed { killedCount += 1 } else { duration = min(duration, Date().timeIntervalSince(begun)) }
            #expect(killed || process.terminationStatus == 0, "trial \(trial): exit \(process.terminationStatus)")
            let check = try cli.run(["db", "check"])
            #expect(check.status == 0, "trial \(trial): \(check.stdout)\(check.stderr)")
            try verify(killed, trial)
        }
        return killedCount
    }

    @Test func aKilledBackupLeavesAWholeCopyOrNone() throws {
        let (cli, template) = try Self.prepare()
        defer { cli.cleanUp() }
        let target = cli.folder.appendingPathComponent("backup.sqlite").path
        let tickets = try cli.count("SELECT count(*) FROM ticket")
        let killed = try Self.trials(
            cli, template: template, ["--actor", "db01", "db", "backup", target],
            before: { try? FileManager.default.removeItem(atPath: target) },
            verify: { killed, trial in
                guard FileManager.default.fileExists(atPath: target) else {
                    #expect(killed, "trial \(trial): a finished backup leaves its file")
                    return
                }
                let copy = try cli.run(["--db", target, "db", "check"])
                #expect(copy.status == 0, "trial \(trial): the copy \(copy.stdout)\(copy.stderr)")
                let queue = try DatabaseQueue(path: target)
                #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ticket") } == tickets)
                try queue.close()
            })
        print("backup: \(killed) of \(Self.trials) runs killed")
    }

    @Test func aKilledLetterIssueLeavesLettersWhoseFilesCanBeWritten() throws {
        let (cli, template) = try Self.prepare()
        defer { cli.cleanUp() }
        let folder = cli.folder.appendingPathComponent("letters").path
        var expected: [String: Data] = [:]
        let killed = try Self.trials(
            cli, template: template,
            ["--now", "2027-01-20T09:00", "--actor", "db01", "letters", "issue", "--out", folder],
            before: { try? FileManager.default.removeItem(atPath: folder) },
            verify: { killed, trial in
                let issued = try cli.count("SELECT count(*) FROM letter")
                let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                if trial == -1 {
                    #expect(issued > 0 && files.count == issued, "the whole run: \(issued) letters, \(files)")
                    for file in files {
                        expected[file] = FileManager.default.contents(atPath: folder + "/" + file)
                    }
                    return
                }
                // Files only of issued letters, each whole; the rest written again by `letters write`.
                #expect(issued == 0 || issued == expected.count, "trial \(trial): \(issued) letters")
                // A killed run may leave its temporary file (`.NAME.PID.partial`): the next write of that letter
                // removes it, checked below.
                for file in files {
                    if !file.hasPrefix(".") {
                        #expect(
                            FileManager.default.contents(atPath: folder + "/" + file) == expected[file],
                            "trial \(trial): \(file) is not whole")
                    }
                }
                if issued == 0 {
                    #expect(files.filter { !$0.hasPrefix(".") }.isEmpty, "trial \(trial): files of unissued letters")
                } else {
                    try cli.ok(["letters", "write", "--out", folder, "--month", "2027-01"])
                    let again = try FileManager.default.contentsOfDirectory(atPath: folder)
                    #expect(Set(again) == Set(expected.keys), "trial \(trial): \(again), no temporary file left")
                    for file in again {
                        #expect(
                            FileManager.default.contents(atPath: folder + "/" + file) == expected[file],
                            "trial \(trial): \(file) written again whole")
                    }
                }
                _ = killed
            })
        print("letters issue: \(killed) of \(Self.trials) runs killed")
    }

    @Test func aKilledCalendarAdditionRecomputesAllOrNothing() throws {
        let (cli, template) = try Self.prepare()
        defer { cli.cleanUp() }
        let file = cli.folder.appendingPathComponent("2027.json").path
        try CalendarCommandTests.fictional2027.write(toFile: file, atomically: true, encoding: .utf8)
        var recomputed = 0
        let killed = try Self.trials(
            cli, template: template, ["--now", "2026-12-31T11:00", "--actor", "admin", "calendar", "add", file],
            verify: { _, trial in
                let years = try cli.count("SELECT count(*) FROM calendarYear WHERE year = 2027")
                let events = try cli.count(
                    """
                    SELECT (SELECT count(*) FROM ticketEvent WHERE action = 'recompute')
                         + (SELECT count(*) FROM caseEvent WHERE action = 'recompute')
                         + (SELECT count(*) FROM findingEvent WHERE action = 'recompute')
                    """)
                if trial == -1 {
                    #expect(years == 1 && events > 0)
                    recomputed = events
                    return
                }
                #expect(
                    (years == 0 && events == 0) || (years == 1 && events == recomputed),
                    "trial \(trial): year stored \(years), \(events) recomputations")
            })
        print("calendar add: \(killed) of \(Self.trials) runs killed")
    }

    /// A month close (DESIGN §11.2) killed at any moment leaves the month closed whole — its figures, its
    /// evaluation final, its audit entry and ledger entry — or not closed at all.
    @Test func aKilledMonthCloseClosesWholeOrNotAtAll() throws {
        let (cli, template) = try Self.prepare()
        defer { cli.cleanUp() }
        let killed = try Self.trials(
            cli, template: template, ["--now", "2027-01-05T09:00", "--actor", "db01", "month", "close", "2026-12"],
            verify: { _, trial in
                let closed = try cli.count("SELECT count(*) FROM monthClose")
                let final = try cli.count("SELECT count(*) FROM evaluationMonth WHERE state = 'finalized'")
                let audited = try cli.count("SELECT count(*) FROM auditLog WHERE action = 'month-close'")
                let ledgered = try cli.count("SELECT count(*) FROM ledger WHERE content LIKE '%+ monthClose %'")
                let counts = [closed, final, audited, ledgered]
                #expect(
                    counts == [0, 0, 0, 0] || counts == [1, 1, 1, 1],
                    "trial \(trial): \(closed) closed, \(final) final, \(audited) audited, \(ledgered) ledgered")
                if closed == 1 {
                    // The head stored with the month is the one the close's own entry follows.
                    let head = try cli.count(
                        """
                        SELECT count(*) FROM monthClose JOIN ledger previous
                            ON previous.id + 1 = (SELECT id FROM ledger WHERE content LIKE '%+ monthClose %')
                            AND lower(hex(previous.hash)) = monthClose.ledgerHead
                        """)
                    #expect(head == 1, "trial \(trial): the stored head is not the one before the close")
                    let report = try cli.run(["report", "monthly", "--month", "2026-12"])
                    #expect(report.status == 0 && report.stdout.contains("月结"), "trial \(trial): \(report.stderr)")
                }
            })
        print("month close: \(killed) of \(Self.trials) runs killed")
    }
}
