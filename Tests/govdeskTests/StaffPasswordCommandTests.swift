#if canImport(GovDeskService)
    import Foundation
    import GRDB
    import GovDeskCore
    import GovDeskService
    import GovDeskStore
    import Testing

    @testable import govdesk

    /// `govdesk staff password CODE` (DESIGN §12): the password from standard input or the terminal, never an argument;
    /// the policy's length; one's own or, as an administrator, anyone's; audited without the password or its hash.
    @Suite(.serialized)
    struct StaffPasswordCommandTests {
        @Test func aLiaisonSetsHisOwnPasswordAndItChecksWithBcrypt() throws {
            let w = try Workspace()
            defer { try? FileManager.default.removeItem(at: w.folder) }
            try Staff.Password.$readPassword.withValue({ _ in "城管承办人的密码2025" }) {
                try w.run(["staff", "password", "cgj1"], actor: "cgj1")
            }
            let database = try w.database()
            #expect(try database.hasPassword("cgj1"))
            let session = try database.logIn(staff: "cgj1", at: Date()) { hash in
                Passwords.verify("城管承办人的密码2025", against: hash)
            }
            #expect(session.staff.code == "cgj1")
            let entry = try #require(try database.auditEntries().last { $0.action == "password-set" })
            #expect(entry.actor == "cgj1" && entry.details["staff"] == "cgj1")
            #expect(!entry.details.values.contains { $0.contains("密码") || $0.hasPrefix("$2") })
        }

        @Test func aShortPasswordIsRefusedWithTheMinimum() throws {
            let w = try Workspace()
            defer { try? FileManager.default.removeItem(at: w.folder) }
            let (status, message) = Staff.Password.$readPassword.withValue({ _ in "short" }) {
                w.status(["staff", "password", "cgj1"], actor: "cgj1")
            }
            #expect(status == 64)
            #expect(message.contains("at least \(PasswordPolicy.minimumLength)"), "\(message)")
            #expect(!(try w.database().hasPassword("cgj1")))
        }

        @Test func anotherPersonsPasswordNeedsAnAdministratorAndIsRefusedBeforeItIsRead() throws {
            let w = try Workspace()
            defer { try? FileManager.default.removeItem(at: w.folder) }
            final class Asked: @unchecked Sendable { var value = false }
            let asked = Asked()
            try Staff.Password.$readPassword.withValue({ _ in
                asked.value = true
                return "a long enough password"
            }) {
                let (status, message) = w.status(["staff", "password", "zjj1"], actor: "cgj1")
                #expect(status == 1)
                #expect(message.contains("may not set another person's password"), "\(message)")
                #expect(!asked.value)
                try w.run(["staff", "password", "cgj1"], actor: "admin")
            }
            #expect(asked.value)
            #expect(try w.database().hasPassword("cgj1"))
        }

        /// The demo's documented password opens every demo staff member's log-in, and the same seed stores the same
        /// hashes (made once, not salted anew each run).
        @Test func theDemoPasswordOpensTheDemoAndKeepsItDeterministic() throws {
            #expect(Passwords.verify(ServiceCommands.demoPassword, against: ServiceCommands.demoPasswordHash))
            let first = try makeDatabasePath()
            let second = try makeDatabasePath()
            for path in [first, second] {
                try runCommand(["demo", "--db", path, "--tickets", "50", "--seed", "5", "--json"])
            }
            let database = try GovDeskDatabase(path: first)
            // The same hashes, set at the demo's own clock: the password part of the demo is deterministic.
            let stored = { (path: String) in
                try DatabaseQueue(path: path).read { db in
                    try Row.fetchAll(db, sql: "SELECT staff, hash, setAt FROM staffPassword ORDER BY staff")
                }
            }
            let hashes = try stored(first)
            #expect(hashes.count > 40)
            #expect(hashes == (try stored(second)))
            for code in ["cgj1", "sh01", "db01"] {
                let session = try database.logIn(staff: code, at: Date()) {
                    Passwords.verify(ServiceCommands.demoPassword, against: $0)
                }
                #expect(session.staff.code == code)
            }
        }

        @Test func thePasswordIsNotAnArgument() throws {
            #expect(throws: (any Error).self) {
                _ = try GovDesk.parseAsRoot(["staff", "password", "cgj1", "secret123456"])
            }
            #expect(throws: (any Error).self) {
                _ = try GovDesk.parseAsRoot(["staff", "password", "cgj1", "--password", "x"])
            }
        }

        /// `serve --tls-cert` without `--tls-key` is a usage error; files that are not PEM are refused naming them,
        /// before anything listens.
        @Test func serveRefusesHalfATLSPairAndFilesThatAreNotPEM() throws {
            let cli = try CLIHarness()
            defer { try? FileManager.default.removeItem(at: cli.folder) }
            try cli.ok(["init"])
            let half = try cli.run(["serve", "--port", "18999", "--tls-cert", "cert.pem"])
            #expect(half.status == 64 && half.stderr.contains("--tls-key"), "\(half)")
            let junk = cli.folder.appendingPathComponent("junk.pem")
            try "not a certificate".write(to: junk, atomically: true, encoding: .utf8)
            let refused = try cli.run(["serve", "--port", "18999", "--tls-cert", junk.path, "--tls-key", junk.path])
            #expect(refused.status == 74, "\(refused)")
            #expect(refused.stderr.contains("--tls-cert \(junk.path)：不是可读的 PEM 证书链"), "\(refused)")
        }

        /// A trusted proxy is an address as a connection shows it, never a name (a name would never match).
        @Test(arguments: ["proxy.example", "10.0.0.300", ""])
        func serveRefusesATrustedProxyThatIsNoAddress(_ proxy: String) throws {
            let cli = try CLIHarness()
            defer { try? FileManager.default.removeItem(at: cli.folder) }
            try cli.ok(["init"])
            let refused = try cli.run(["serve", "--port", "18999", "--trusted-proxy", proxy])
            #expect(refused.status == 64, "\(refused)")
            #expect(refused.stderr.contains("--trusted-proxy") && refused.stderr.contains("IPv4 或 IPv6"), "\(refused)")
        }
    }
#endif
