// swift-tools-version:6.1
import Foundation
import PackageDescription

/// `GOVDESK_WITHOUT_SERVICE=1` builds GovDesk without its web service (`serve`, `staff password`) and so without
/// Hummingbird and SwiftNIO: CI's address-sanitizer step uses it, where the service's dependencies would double the
/// build for code that is not ours; the service's own tests run in the ordinary build.
let withService = ProcessInfo.processInfo.environment["GOVDESK_WITHOUT_SERVICE"].map { $0.isEmpty || $0 == "0" } ?? true

let package = Package(
    name: "GovDesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "govdesk", targets: ["govdesk"]),
        .library(name: "GovDeskCore", targets: ["GovDeskCore"]),
        .library(name: "GovDeskStore", targets: ["GovDeskStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ]
        + (withService
            ? [
                .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
                .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.0.0"),
                .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
                .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
                .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
                .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
            ] : []),
    targets: [
        .target(name: "GovDeskCore"),
        .target(
            name: "GovDeskStore",
            dependencies: [
                "GovDeskCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The demo beside the product: deterministic tickets, letters and a service hall, written through the store's
        // public methods and its documented bulk paths (`bulkInsert`, `batch`).
        .target(name: "GovDeskDemo", dependencies: ["GovDeskCore", "GovDeskStore"]),
        .executableTarget(
            name: "govdesk",
            dependencies: [
                "GovDeskCore",
                "GovDeskStore",
                "GovDeskDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ] + (withService ? ["GovDeskService"] : [])
        ),
        // Fixtures shared by the test targets (the real 2024–2026 calendars, instants); never linked into govdesk.
        .target(name: "GovDeskTestSupport", dependencies: ["GovDeskCore"], path: "Tests/GovDeskTestSupport"),
        .testTarget(name: "GovDeskCoreTests", dependencies: ["GovDeskCore", "GovDeskTestSupport"]),
        .testTarget(
            name: "GovDeskDemoTests",
            dependencies: ["GovDeskDemo", "GovDeskStore", "GovDeskCore", "GovDeskTestSupport"]),
        .testTarget(
            name: "GovDeskStoreTests",
            dependencies: [
                "GovDeskStore", "GovDeskCore", "GovDeskDemo", "GovDeskTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "govdeskTests",
            dependencies: [
                "govdesk", "GovDeskStore", "GovDeskCore", "GovDeskDemo", "GovDeskTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ] + (withService ? ["GovDeskService"] : [])
        ),
    ]
        + (withService
            ? [
                // The web service of DESIGN §12: routes over the store's methods, no SQL of its own.
                .target(
                    name: "GovDeskService",
                    dependencies: [
                        "GovDeskCore", "GovDeskStore",
                        .product(name: "Hummingbird", package: "hummingbird"),
                        .product(name: "HummingbirdCore", package: "hummingbird"),
                        .product(name: "HummingbirdTLS", package: "hummingbird"),
                        .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                        .product(name: "Mustache", package: "swift-mustache"),
                        .product(name: "Logging", package: "swift-log"),
                        .product(name: "NIOCore", package: "swift-nio"),
                        .product(name: "NIOPosix", package: "swift-nio"),
                        .product(name: "Prometheus", package: "swift-prometheus"),
                    ]
                ),
                .testTarget(
                    name: "GovDeskServiceTests",
                    dependencies: [
                        "GovDeskService", "GovDeskStore", "GovDeskCore", "GovDeskTestSupport",
                        .product(name: "HummingbirdTesting", package: "hummingbird"),
                        .product(name: "HummingbirdTLS", package: "hummingbird"),
                        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                        .product(name: "NIOPosix", package: "swift-nio"),
                    ]
                ),
            ] : []),
    swiftLanguageModes: [.v5]
)
