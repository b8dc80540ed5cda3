import Foundation
import GRDB
import Testing

/// Whether the long variants of the reliability tests run (`GOVDESK_LONG_TESTS=1`).
let longTests = ProcessInfo.processInfo.environment["GOVDESK_LONG_TESTS"] == "1"

/// Eight `govdesk` processes writing one database file at once (issue 5).
@Suite(.serialized)
struct ConcurrencyTests {
    /// One worker's record of the tickets it logged, read by the worker that advances them.
    final class Ledger: @unchecked Sendable {
        private let lock = NSLock()
        private var numbers: [[String]]
        private(set) var failures: [String] = []
        private(set) var commands = 0

        init(workers: Int) { numbers = Array(repeating: [], count: workers) }

        func add(_ number: String, worker: Int) {
            lock.withLock { numbers[worker].append(number) }
        }

        func number(worker: Int, index: Int) -> String? {
            lock.withLock { index < numbers[worker].count ? numbers[worker][index] : nil }
        }

        private var finished: Set<Int> = []
        func finish(_ worker: Int) { _ = lock.withLock { finished.insert(worker) } }
        func isFinished(_ worker: Int) -> Bool { lock.withLock { finished.contains(worker) } }

        func all() -> [String] { lock.withLock { numbers.flatMap { $0 } } }

        func record(_ result: CLIHarness.Result, _ arguments: [String]) {
            lock.withLock {
                commands += 1
                if result.status != 0 {
                    failures.append("\(arguments.joined(separator: " ")) → \(result.status): \(result.stderr)")
                }
            }
        }
    }

    /// Runs `body(0..<count)` on `count` threads at once (`concurrentPerform` would use one per core only).
    func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread.detachNewThread {
                body(index)
                group.leave()
            }
        }
        group.wait()
    }

    @Test func eightProcessesLogAndAdvanceTicketsWithoutLosingOrDuplicatingAny() throws {
        let workers = 8
        let perWorker = longTests ? 100 : 30
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        let ledger = Ledger(workers: workers)
        let departments = ["CGJ", "ZJJ", "GSGS", "JJDD"]
        let liaisons = ["CGJ": "cgj1", "ZJJ": "zjj1", "GSGS": "gsgs1", "JJDD": "jjdd1"]

        // Worker k logs its own tickets and, between them, dispatches and signs the tickets of worker k+1: only
        // one worker ever advances a given ticket, so every command is valid whatever the interleaving.
        runOnThreads(workers) { worker in
            let neighbour = (worker + 1) % workers
            var advanced = 0
            func step(_ arguments: [String]) -> CLIHarness.Result? {
                guard let result = try? cli.runWithoutPipes(arguments) else {
                    ledger.record(CLIHarness.Result(status: -1, stdout: "", stderr: "could not run"), arguments)
                    return nil
                }
                ledger.record(result, arguments)
                return result
            }
            func advance() {
                guard let number = ledger.number(worker: neighbour, index: advanced) else { return }
                let lead = departments[advanced % departments.count]
                _ = step(["--actor", "pd01", "--now", "2025-03-03T15:00", "ticket", "dispatch", number, "--to", lead])
                _ = step(["--actor", liaisons[lead] ?? "admin", "--now", "2025-03-03T16:00", "ticket", "sign", number])
                advanced += 1
            }
            for i in 0..<perWorker {
                let minute = String(format: "%02d", i % 60)
                let arguments = [
                    "--actor", "op0\(worker % 6 + 1)", "--now",
                    "2025-03-03T\(String(format: "%02d", 9 + i / 60 % 5)):\(minute)", "--json",
                    "ticket", "new", "--type", "help", "--topic", "公用事业/供水/停水", "--channel", "phone", "--caller",
                    "工人\(worker)", "--phone", "1390000\(String(format: "%04d", worker * 1000 + i))", "--text",
                    "第\(worker)组第\(i)件",
                ]
                if let result = step(arguments), result.status == 0,
                    let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                    let number = object["number"] as? String
                {
                    ledger.add(number, worker: worker)
                }
                advance()
            }
            // Catch up with the neighbour's last tickets (giving up if it stopped logging them).
            ledger.finish(worker)
            while advanced < perWorker {
                let done = ledger.isFinished(neighbour)
                if ledger.number(worker: neighbour, index: advanced) != nil {
                    advance()
                } else if done {
                    break
                } else {
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
        }

        #expect(ledger.failures.isEmpty, "\(ledger.failures.prefix(5).joined(separator: "\n"))")
        let total = workers * perWorker
        let numbers = ledger.all().sorted()
        #expect(numbers.count == total)
        #expect(numbers == (1...total).map { String(format: "20250303-%06d", $0) })

        let queue = try DatabaseQueue(path: cli.database)
        let (rows, states) = try queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket") ?? -1,
                try String.fetchAll(db, sql: "SELECT DISTINCT state FROM ticket")
            )
        }
        try queue.close()
        #expect(rows == total)
        #expect(states == ["handling"])
        let check = try cli.run(["db", "check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("已检查工单 \(total) 件、事件 \(3 * total) 个：无问题"))
    }
}

extension CLIHarness {
    /// Like `run`, with the output going through files: pipes made on several threads at once can be inherited by
    /// the wrong child, and then a read never ends.
    func runWithoutPipes(_ arguments: [String]) throws -> Result {
        let base = folder.appendingPathComponent("out-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("stdout")
        let errURL = base.appendingPathExtension("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--db", database] + arguments
        process.currentDirectoryURL = folder
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
