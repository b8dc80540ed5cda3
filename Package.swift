// swift-tools-version:6.1
import PackageDescription

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
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    ],
    targets: [
        .target(name: "GovDeskCore"),
        .target(
            name: "GovDeskStore",
            dependencies: [
                "GovDeskCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The web service of DESIGN §12: routes over the store's methods, no SQL of its own.
        .target(
            name: "GovDeskService",
            dependencies: [
                "GovDeskCore", "GovDeskStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "govdesk",
            dependencies: [
                "GovDeskCore",
                "GovDeskStore",
                "GovDeskService",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Fixtures shared by the test targets (the real 2024–2026 calendars, instants); never linked into govdesk.
        .target(name: "GovDeskTestSupport", dependencies: ["GovDeskCore"], path: "Tests/GovDeskTestSupport"),
        .testTarget(name: "GovDeskCoreTests", dependencies: ["GovDeskCore", "GovDeskTestSupport"]),
        .testTarget(
            name: "GovDeskStoreTests",
            dependencies: [
                "GovDeskStore", "GovDeskCore", "GovDeskTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "GovDeskServiceTests",
            dependencies: [
                "GovDeskService", "GovDeskStore", "GovDeskCore", "GovDeskTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .testTarget(
            name: "govdeskTests",
            dependencies: [
                "govdesk", "GovDeskStore", "GovDeskCore", "GovDeskService", "GovDeskTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v5]
)
