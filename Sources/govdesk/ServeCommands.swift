import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

#if canImport(GovDeskService)
    import GovDeskService

    /// The commands of the web service; none in a build without it (`GOVDESK_WITHOUT_SERVICE`, Package.swift).
    enum ServiceCommands {
        static let top: [ParsableCommand.Type] = [Serve.self]
        static let staff: [ParsableCommand.Type] = [Staff.Password.self]
        static let canServe = true

        /// The password every staff member of a demo database logs in with (README): a training database only, which
        /// holds no real person's data.
        static let demoPassword = "govdesk-demo"

        /// bcrypt (cost 12) of `demoPassword`, made once and kept here, so that the same seed builds the same database,
        /// seal included (DESIGN §12: the demo stays deterministic). A test checks that it verifies.
        static let demoPasswordHash = "$2b$12$bRBtVLhuPy3ObQt60RNvyOZWpsfTBThUK3h2llgeL..GgYxcgw12S"

        /// Gives every active staff member of the demo database `demoPassword`.
        static func setDemoPasswords(_ database: GovDeskDatabase, at now: Date) throws {
            for member in try database.staff() where member.active {
                try database.setPassword(of: member.code, hash: demoPasswordHash, actor: "admin", at: now)
            }
        }

        /// The demo's last lines: how to open it in a browser.
        static func demoHint(path: String, language: Language) -> String {
            let command = "govdesk serve --db \(path)"
            switch language {
            case .zh:
                return "在浏览器中查看：运行 `\(command)`，打开 http://127.0.0.1:8312/ ，"
                    + "用任一演示账号登录（如承办人 cgj1、审核员 sh01、督办 db01），密码均为 \(demoPassword)（仅限培训库）。"
            case .en:
                return "To open it in a browser: run `\(command)`, open http://127.0.0.1:8312/ and log in as any demo "
                    + "staff member (e.g. the liaison cgj1, the reviewer sh01, the supervisor db01) with the password "
                    + "\(demoPassword) (training databases only)."
            }
        }
    }

    extension Staff {
        /// `govdesk staff password CODE`: the password `govdesk serve` logs CODE in with (DESIGN §12).
        struct Password: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "password",
                abstract:
                    "Set a staff member's password for the web service (your own, or anyone's as an administrator).",
                discussion: """
                    The password is read from the terminal without echo (asked twice), or as the first line of standard \
                    input when that is not a terminal — never from an argument, which other users could see in the \
                    process list. At least \(PasswordPolicy.minimumLength) characters and at most \
                    \(PasswordPolicy.maximumBytes) bytes of UTF-8. It is stored as a bcrypt hash (cost 12); the person's \
                    web sessions end. Audited. Example: printf '%s\\n' "$PW" | govdesk --actor admin staff password cgj1
                    """)
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The staff code whose password to set.") var code: String

            /// Where the password comes from; a test binds its own for the task it runs in
            /// (`Staff.Password.$readPassword.withValue`), so tests running side by side do not see each other's.
            @TaskLocal static var readPassword: @Sendable (_ prompt: Bool) throws -> String = {
                try PasswordInput.read(prompt: $0)
            }

            func run() throws {
                let context = try CommandContext(global)
                let database = try context.database()
                let actor = try context.actorCode
                // Refused before anyone types a password.
                try database.checkPasswordChange(of: code, actor: actor)
                let password = try Self.readPassword(true)
                let hash = try Passwords.hash(password)
                try database.setPassword(of: code, hash: hash, actor: actor, at: context.now)
                if context.json {
                    Output.print(Output.json(["code": code, "passwordSet": true]))
                } else {
                    Output.print(
                        context.language == .zh
                            ? "已设置 \(code) 的密码（其网页会话已结束）" : "password of \(code) set (their web sessions ended)")
                }
            }
        }
    }

    /// Reads a password from the terminal without echo, or one line of standard input.
    enum PasswordInput {
        static func read(prompt: Bool) throws -> String {
            if isatty(STDIN_FILENO) == 1 {
                let first = try readHidden("Password: ")
                let second = try readHidden("Again: ")
                guard first == second else { throw UsageError(.passwordsDiffer) }
                return first
            }
            guard let line = readLine(strippingNewline: true) else {
                throw UsageError(.noPasswordOnInput)
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }

        /// One line from the terminal with echo off, restored whatever happens.
        static func readHidden(_ prompt: String) throws -> String {
            Output.writeError(prompt)
            var saved = termios()
            guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw UsageError(.terminalUnreadable) }
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
            defer {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                Output.writeError("\n")
            }
            guard let line = readLine(strippingNewline: true) else { throw UsageError(.noPasswordTyped) }
            return line
        }
    }

    /// `govdesk serve`: the web service of DESIGN §12 over this database.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the web pages (log in, queues, tickets) over this database.",
            discussion: """
                Listens on --host and --port (127.0.0.1:8312 by default: put a TLS-terminating proxy in front of it for \
                other machines, and give --secure-cookies). People log in with the password set by `govdesk staff \
                password CODE`. Time is the server's clock, on a training database too. The command line keeps working \
                on the same database meanwhile. SIGINT or SIGTERM stops it after the requests in flight. Example: \
                govdesk serve --db hall.sqlite --port 8312
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The address to listen on.") var host = "127.0.0.1"
        @Option(help: "The port to listen on.") var port = 8312
        @Flag(help: "Mark cookies Secure: the service is reached over HTTPS (a TLS proxy in front of it).")
        var secureCookies = false
        @Option(help: "Speak HTTPS: the certificate chain, a PEM file (with --tls-key).") var tlsCert: String?
        @Option(help: "The certificate's private key, a PEM file (with --tls-cert).") var tlsKey: String?
        @Option(help: "Log lines as text (default) or json, one object a line, on standard error.")
        var logFormat: LogFormat = .text
        @Option(
            help: """
                The address of a reverse proxy in front of the service (repeatable): requests from it count as the \
                client its X-Forwarded-For names, for the log-in and /track throttles.
                """)
        var trustedProxy: [String] = []

        enum LogFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func validate() throws {
            guard (1...65535).contains(port) else { throw ValidationError(CLIText.port(port).early) }
            guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError(CLIText.tlsPair.early) }
            for address in trustedProxy where !Self.isIPAddress(address) {
                throw ValidationError(CLIText.trustedProxy(address).early)
            }
        }

        /// An IPv4 or IPv6 address as written (what a connection's address is compared with), not a name.
        static func isIPAddress(_ text: String) -> Bool {
            var v4 = in_addr()
            var v6 = in6_addr()
            return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
        }

        func run() throws {
            // JSON lines from the first: the warnings of opening the database and the banner too.
            if logFormat == .json {
                ServiceLogging.useJSON()
                Output.warningSink = { ServiceLogging.notice($0) }
                Output.errorSink = { ServiceLogging.error($0) }
            }
            let context = try CommandContext(global)
            let database = try context.database()
            guard try database.isInitialized() else { throw StoreError.notInitialized(path: context.databasePath) }
            // 64 MB of pages: the server's memory stays well under its 300 MB bound (issue 14).
            try database.prepareForServing(cacheMegabytes: 64)
            let tls = tlsCert.flatMap { cert in
                tlsKey.map { ServiceConfiguration.TLSFiles(certificateChain: cert, privateKey: $0) }
            }
            var configuration = ServiceConfiguration(
                host: host, port: port, secureCookies: secureCookies || tls != nil, rules: try context.deadlineRules(),
                localTime: context.localTime, reminderShare: context.configuration.letters.reminderShare)
            configuration.tls = tls
            configuration.trustedProxies = Set(trustedProxy)
            configuration.letters = context.configuration.letters
            configuration.evaluation = context.configuration.evaluation
            let zh = context.language == .zh
            // The web service's clock is the server's, and every action is the signed-in person's.
            if global.now != nil || global.actor != nil || global.backdateReason != nil {
                Output.warn(
                    zh
                        ? "注意：网页服务不使用 --now、--actor 和 --backdate-reason：时间为服务器时钟，操作者为登录的人"
                        : "note: the web service ignores --now, --actor and --backdate-reason: its time is the server's "
                            + "clock and every action is the signed-in person's")
            }
            if !["127.0.0.1", "localhost", "::1"].contains(host), !configuration.secureCookies {
                Output.warn(
                    zh
                        ? "注意：\(host) 可从其他机器访问，而 Cookie 未标记 Secure：请在前面放置 TLS 代理并加 --secure-cookies"
                        : "note: \(host) is reachable from other machines and cookies are not marked Secure: put a TLS "
                            + "proxy in front and add --secure-cookies")
            }
            let scheme = tls == nil ? "http" : "https"
            do {
                // The bound port, so that `--port 0` says which one the system gave.
                try runService(database: database, configuration: configuration) { bound in
                    Output.warn(
                        zh
                            ? "GovDesk 网页服务：\(scheme)://\(host):\(bound)/（Ctrl-C 停止）"
                            : "GovDesk serving \(scheme)://\(host):\(bound)/ (Ctrl-C stops)")
                }
                Output.warn(
                    zh ? "GovDesk 网页服务已停止（进行中的请求均已答复）" : "GovDesk stopped serving (requests in flight were answered)")
            } catch let error as GovDeskError {
                throw error
            } catch {
                throw FileFailure(.cannotServe("\(host):\(port)", CLIText.describe(error, context.language)))
            }
        }
    }

#else

    /// A build without the web service (`GOVDESK_WITHOUT_SERVICE`, Package.swift): no `serve`, no `staff password`.
    enum ServiceCommands {
        static let top: [ParsableCommand.Type] = []
        static let staff: [ParsableCommand.Type] = []
        static let canServe = false
        static func setDemoPasswords(_ database: GovDeskDatabase, at now: Date) throws {}
        static func demoHint(path: String, language: Language) -> String { "" }
    }

#endif
