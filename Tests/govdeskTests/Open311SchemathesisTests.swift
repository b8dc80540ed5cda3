#if canImport(GovDeskService)
    import Foundation
    import GovDeskStore
    import Testing

    /// docs/open311.yaml against the running `govdesk serve` (DESIGN §12): schemathesis generates requests from the
    /// OpenAPI description — the documented ones and broken ones — and checks that the service never fails (5xx) and
    /// answers each with a status, a content type and a body the description documents. It needs schemathesis, which
    /// the product never does, so it runs only when `GOVDESK_SCHEMATHESIS` names its command (`.ci/run` installs it in
    /// a throwaway venv); otherwise it is skipped, saying so.
    struct Open311SchemathesisTests {
        static let schemathesis = ProcessInfo.processInfo.environment["GOVDESK_SCHEMATHESIS"].flatMap {
            $0.isEmpty ? nil : $0
        }

        static let skipped: Comment = """
            the Open311 schema check did not run: GOVDESK_SCHEMATHESIS is not set. To run it: python3 -m venv \
            /tmp/st && /tmp/st/bin/pip install schemathesis; GOVDESK_SCHEMATHESIS=/tmp/st/bin/schemathesis swift test \
            --filter Open311SchemathesisTests
            """

        static let topic = "城市管理/市容环境/占道经营"

        /// What schemathesis checks: the service never fails, and answers as docs/open311.yaml documents.
        static let checks = [
            "not_a_server_error", "status_code_conformance", "content_type_conformance",
            "response_schema_conformance", "negative_data_rejection",
        ]

        @Test(
            .enabled(if: Open311SchemathesisTests.schemathesis != nil, Open311SchemathesisTests.skipped),
            .timeLimit(.minutes(10)))
        func theServiceAnswersAsItsOpenAPIDescriptionSays() throws {
            let cli = try CLIHarness(language: "en")
            defer { cli.cleanUp() }
            try cli.ok(["init", "--training"])
            // A key, so that some POSTs get through; the rest are refused with the documented 403.
            try cli.ok(["--actor", "admin", "apikey", "add", "schemathesis"])
            // A ticket and a service that exist, so that the operations taking one in their path reach the store.
            let number = try cli.ok([
                "--actor", "op01", "ticket", "new", "--type", "help", "--topic", Self.topic, "--channel", "phone",
                "--caller", "张建国", "--phone", "13835512345", "--text", "早市摊贩占用人行道经营",
            ])
            try """
            [parameters]
            "path.service_code" = "\(Open311Service.code(of: Self.topic))"
            "path.service_request_id" = "\(number)"
            """.write(
                to: cli.folder.appendingPathComponent("schemathesis.toml"), atomically: true, encoding: .utf8)
            let (server, port) = try Self.startServer(cli)
            defer {
                server.terminate()
                server.waitUntilExit()
            }
            let schema = CLIHarness.repositoryRoot.appendingPathComponent("docs/open311.yaml")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(Self.schemathesis))
            process.arguments = [
                "run", schema.path, "--url", "http://127.0.0.1:\(port)/open311/v2", "--checks",
                Self.checks.joined(separator: ","), "--max-examples", "30", "--workers", "1", "--no-color",
                "--suppress-health-check", "all",
            ]
            process.currentDirectoryURL = cli.folder
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
            DispatchQueue.global().asyncAfter(deadline: .now() + 480, execute: watchdog)
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            watchdog.cancel()
            #expect(
                process.terminationStatus == 0,
                "schemathesis exited \(process.terminationStatus):\n\(text.split(separator: "\n").suffix(60).joined(separator: "\n"))"
            )
        }

        /// `govdesk serve` on a free port, once its banner says it listens.
        static func startServer(_ cli: CLIHarness) throws -> (Process, Int) {
            for _ in 0..<10 {
                let port = Int.random(in: 20_000...60_000)
                let process = Process()
                process.executableURL = CLIHarness.binary
                process.arguments = ["--db", cli.database, "--lang", "en", "serve", "--port", String(port)]
                process.currentDirectoryURL = cli.folder
                process.environment = cli.environment
                let errors = Pipe()
                process.standardError = errors
                process.standardOutput = FileHandle.nullDevice
                process.standardInput = FileHandle.nullDevice
                try process.run()
                let banner = Banner()
                errors.fileHandleForReading.readabilityHandler = { handle in
                    banner.append(handle.availableData)
                }
                let deadline = Date().addingTimeInterval(30)
                while Date() < deadline, process.isRunning, !banner.text.contains("GovDesk serving") {
                    Thread.sleep(forTimeInterval: 0.1)
                }
                if banner.text.contains("GovDesk serving") { return (process, port) }
                if process.isRunning { process.terminate() }
                process.waitUntilExit()
            }
            throw CocoaError(.fileNoSuchFile)
        }
    }

    /// What the server wrote on standard error so far.
    final class Banner: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()

        func append(_ more: Data) { lock.withLock { data.append(more) } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }
#endif
