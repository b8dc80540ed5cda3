import Foundation
import Testing

#if canImport(GovDeskService)
    /// Issue 14's scenario through the web service in headless Chromium at 1280 px: the Selenium check of
    /// `Tests/Browser/service_scenario.py`, run against the built `govdesk`. One ticket goes from the operator's
    /// intake through dispatch, sign, reply, a rejection, a second reply and approval to the citizen's `/track` and
    /// the supervisor's monthly report, each step through the pages' forms and checked for its state, deadlines,
    /// notice, escaping, width and fonts. It needs a Python with selenium, chromium and chromium-driver, which the
    /// product never does, so it runs only when `GOVDESK_BROWSER_PYTHON` names that Python (`.ci/run` makes one in a
    /// throwaway venv); otherwise it is skipped, saying so. A build without the web service has no `serve`: there is
    /// nothing to check.
    struct BrowserServiceTests {
        static let environment = ProcessInfo.processInfo.environment
        static let python = environment["GOVDESK_BROWSER_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }

        static let skipped: Comment = """
            the browser scenario did not run: GOVDESK_BROWSER_PYTHON is not set. To run it: apt-get install chromium \
            chromium-driver fonts-noto-cjk; python3 -m venv /tmp/venv && /tmp/venv/bin/pip install selenium; \
            GOVDESK_BROWSER_PYTHON=/tmp/venv/bin/python swift test --filter BrowserServiceTests \
            (GOVDESK_CHROMEDRIVER=PATH for another driver, GOVDESK_BROWSER_ARTIFACTS=DIR to keep the screenshots)
            """

        @Test(.enabled(if: BrowserServiceTests.python != nil, BrowserServiceTests.skipped), .timeLimit(.minutes(5)))
        func oneTicketGoesFromIntakeToTrackThroughThePagesInChromium() throws {
            let script = CLIHarness.repositoryRoot.appendingPathComponent("Tests/Browser/service_scenario.py")
            let artifacts =
                Self.environment["GOVDESK_BROWSER_ARTIFACTS"].flatMap {
                    $0.isEmpty ? nil : URL(fileURLWithPath: $0).appendingPathComponent("service")
                }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                    "govdesk-service-\(UUID().uuidString)")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(Self.python))
            process.arguments = [script.path, CLIHarness.binary.path, artifacts.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            // A browser or a server that hangs must not hold the whole run: four minutes, then the check is stopped
            // (SIGTERM: the script's own cleanup stops the server it started).
            let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
            DispatchQueue.global().asyncAfter(deadline: .now() + 240, execute: watchdog)
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            watchdog.cancel()
            let lines = text.split(separator: "\n").map(String.init)
            let summary = lines.last ?? ""
            // The failed checks, or the end of the output when the script itself broke (a traceback, say).
            let failures = lines.filter { $0.hasPrefix("FAIL") }
            let shown = failures.isEmpty ? Array(lines.suffix(20)) : failures + [summary]
            #expect(
                process.terminationStatus == 0,
                """
                service_scenario.py exited \(process.terminationStatus) (artifacts in \(artifacts.path)):
                \(shown.joined(separator: "\n"))
                """)
            #expect(summary.hasPrefix("service scenario: ") && summary.hasSuffix(" passed, 0 failed"), "\(summary)")
        }
    }
#endif
