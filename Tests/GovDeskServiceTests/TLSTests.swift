import Foundation
import GovDeskCore
import GovDeskService
import GovDeskStore
import GovDeskTestSupport
import Hummingbird
import HummingbirdTLS
import HummingbirdTesting
import NIOPosix
import Testing

/// `serve --tls-cert --tls-key` (DESIGN §12): the service speaks HTTPS itself, its cookies are Secure, and files that
/// are not a certificate or a key are refused before it listens, naming the file.
struct TLSTests {
    /// A self-signed certificate for localhost and 127.0.0.1, made for these tests only (EC P-256, valid for a century).
    static let certificate = """
        -----BEGIN CERTIFICATE-----
        MIIBmzCCAUGgAwIBAgIUaXfZvBh1ILgynKQiDCDrk2BcGLgwCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNjAyNDIwMloYDzIxMjYxMTEy
        MDI0MjAyWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
        PQMBBwNCAARnLw36pOaRY3kHJbEmzOm4m5bTTamQvubkw3KHw99VvvUMpkZ+tzJG
        9ZLs3KH5tsrUAZkoVIIRz7v7cHxQegmbo28wbTAdBgNVHQ4EFgQU73ThM7qHi9RB
        07SMe2wSmoZVS2gwHwYDVR0jBBgwFoAU73ThM7qHi9RB07SMe2wSmoZVS2gwDwYD
        VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
        zj0EAwIDSAAwRQIgODYW/Tkfarbb9mztDSfgCaCf/1py6XH/Y7ZWRqch8gQCIQCL
        Lfv1OFGjviKMW1hwn4yRWSg+BzoPIxHoQQ80hq0A2A==
        -----END CERTIFICATE-----
        """

    static let key = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMuVIjneKe3hQwvoR
        5hM4CTb5oqiXIVlyZhPi/DNfCjWhRANCAARnLw36pOaRY3kHJbEmzOm4m5bTTamQ
        vubkw3KHw99VvvUMpkZ+tzJG9ZLs3KH5tsrUAZkoVIIRz7v7cHxQegmb
        -----END PRIVATE KEY-----
        """

    static func files() throws -> (ServiceConfiguration.TLSFiles, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("govdesk-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cert = folder.appendingPathComponent("cert.pem")
        let key = folder.appendingPathComponent("key.pem")
        try certificate.write(to: cert, atomically: true, encoding: .utf8)
        try Self.key.write(to: key, atomically: true, encoding: .utf8)
        return (ServiceConfiguration.TLSFiles(certificateChain: cert.path, privateKey: key.path), folder)
    }

    /// A real TLS client against the listening server. Not HummingbirdTesting's `.ahc`, whose 15 s deadline is
    /// shorter than a request can wait on a two-core machine running the whole suite at once.
    @Test func theServiceSpeaksHTTPSWithSecureCookies() async throws {
        let fixture = try ServiceFixture()
        let (tls, folder) = try Self.files()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = fixture.configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.secureCookies = true
        configuration.tls = tls
        // Threads of its own: the shared pool may be busy with every other test's bcrypt for minutes.
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        configuration.threadPool = pool
        // The server closes a connection that sends nothing for its idle time (30 s), and under the whole suite this
        // client may wait that long for a thread between connecting and its first request ("I/O on closed channel").
        configuration.idleTimeout = .seconds(600)
        defer { pool.shutdownGracefully { _ in } }
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let app = try buildApplication(database: fixture.database, configuration: configuration) { port in
            bound.yield(port)
            bound.finish()
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var waiting = ports.makeAsyncIterator()
            let port = try #require(await waiting.next())
            var client = TLSConfiguration.makeClientConfiguration()
            client.certificateVerification = .none
            let https = TestClient(
                host: "127.0.0.1", port: port,
                configuration: .init(tlsConfiguration: client, timeout: .seconds(600), serverName: "localhost"))
            https.connect()
            let health = try await https.get("/healthz")
            #expect(health.status == .ok)
            let login = try await https.get("/login")
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly"), "\(cookie)")
            try await https.shutdown()
            group.cancelAll()
        }
    }

    @Test func aFileThatIsNotAKeyIsRefusedNamingIt() async throws {
        let fixture = try ServiceFixture()
        let (tls, folder) = try Self.files()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = fixture.configuration
        configuration.tls = ServiceConfiguration.TLSFiles(
            certificateChain: tls.certificateChain, privateKey: tls.certificateChain)
        do {
            _ = try buildApplication(database: fixture.database, configuration: configuration)
            Issue.record("a certificate taken for a key")
        } catch let error as GovDeskError {
            #expect(error.message(.zh).contains("--tls-key \(tls.certificateChain)：不是可读的 PEM 私钥"))
            #expect(error.message(.en).contains("not a readable PEM private key"))
        }
        configuration.tls = ServiceConfiguration.TLSFiles(
            certificateChain: folder.appendingPathComponent("missing.pem").path, privateKey: tls.privateKey)
        #expect(throws: (any Error).self) {
            _ = try buildApplication(database: fixture.database, configuration: configuration)
        }
    }
}
