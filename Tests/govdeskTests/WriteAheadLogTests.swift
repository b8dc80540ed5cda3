import Foundation
import Testing

/// Every command closes the database when it ends, done or refused: SQLite folds the write-ahead log into the file and
/// removes it, so the file alone holds everything and a plain copy of it misses nothing. (A context kept for the
/// warnings after a command once kept the connection open to the end of the process, leaving every change of the
/// command in a `-wal` beside the file: a copy made with `cp` then had none of them.)
@Suite(.serialized)
struct WriteAheadLogTests {
    func expectOneFile(_ cli: CLIHarness, after what: String) {
        for suffix in ["-wal", "-shm"] {
            #expect(!FileManager.default.fileExists(atPath: cli.database + suffix), "\(suffix) left after \(what)")
        }
    }

    @Test func theFileAloneHoldsEveryCommandsWork() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        expectOneFile(cli, after: "init")
        let number = try cli.ok([
            "--actor", "op01", "--now", "2025-06-16T09:00", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张三", "--phone", "13800000000", "--text", "占道经营",
        ]).trimmingCharacters(in: .whitespacesAndNewlines)
        expectOneFile(cli, after: "ticket new")
        let refused = try cli.run(["--actor", "cgj1", "--now", "2025-06-16T09:10", "ticket", "sign", number])
        #expect(refused.status == 1)
        expectOneFile(cli, after: "a refusal")
        // A copy of the file alone has the ticket.
        let copy = cli.database + ".copy"
        try FileManager.default.copyItem(atPath: cli.database, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let listed = try cli.ok(["--db", copy, "ticket", "list"])
        #expect(listed.contains(number), "\(listed)")
    }
}
