// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "GovDesk",
    platforms: [.macOS(.v13)],
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
        .executableTarget(
            name: "govdesk",
            dependencies: [
                "GovDeskCore",
                "GovDeskStore",
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
            name: "govdeskTests",
            dependencies: [
                "govdesk", "GovDeskStore", "GovDeskCore", "GovDeskTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v5]
)
