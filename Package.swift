// swift-tools-version:6.2
import PackageDescription

// Layout (see README "Architecture"):
//   HRSyncCore   pure models, config, rules; no I/O
//   HRSyncStore  the git-style state directory (objects, refs, log, lock)
//   HRSyncCLI    the commands; `hrsync` is a thin executable over it
//   HRSyncHTTP   the transport protocol (AsyncHTTPClient behind it), rate limiting, retries
//   Personio     the Personio API client (read-only)
//   Learning360  the 360Learning API v2 client
//   HRSyncSandbox emulated vendor APIs (Hummingbird), for tests, the demo and benchmarks
//   hrsync-bench measurements (storage, pull speed; API economy later)
let package = Package(
    name: "hrsync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hrsync", targets: ["hrsync"]),
        .executable(name: "hrsync-bench", targets: ["hrsync-bench"]),
        .executable(name: "hrsync-sandbox", targets: ["hrsync-sandbox"]),
        .library(name: "HRSyncCore", targets: ["HRSyncCore"]),
        .library(name: "HRSyncStore", targets: ["HRSyncStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .target(
            name: "HRSyncCore",
            dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "HRSyncStore",
            dependencies: [
                "HRSyncCore", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "HRSyncHTTP",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "Personio", dependencies: ["HRSyncCore", "HRSyncHTTP"]),
        .target(name: "Learning360", dependencies: ["HRSyncCore", "HRSyncHTTP"]),
        // The emulated vendor APIs. Shares no wire types with the clients on purpose.
        .target(
            name: "HRSyncSandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // The pull (and later plan/apply) engines: I/O through the clients and the store.
        .target(name: "HRSyncEngine", dependencies: ["HRSyncCore", "HRSyncStore", "HRSyncHTTP", "Personio", "Learning360"]),
        // Test support: vendor OpenAPI documents and a schema validator.
        .target(name: "HRSyncSpecSupport", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "HRSyncCLI",
            dependencies: [
                "HRSyncCore", "HRSyncStore", "HRSyncHTTP", "Personio", "Learning360", "HRSyncEngine", "HRSyncSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(name: "hrsync", dependencies: ["HRSyncCLI"]),
        .executableTarget(
            name: "hrsync-sandbox",
            dependencies: ["HRSyncSandbox", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "hrsync-bench",
            dependencies: ["HRSyncCore", "HRSyncStore", "HRSyncSandbox", "Personio", "Learning360", "HRSyncHTTP", "HRSyncEngine"]),
        .testTarget(name: "HRSyncCoreTests", dependencies: ["HRSyncCore"]),
        .testTarget(name: "HRSyncStoreTests", dependencies: ["HRSyncStore", "HRSyncCore"]),
        .testTarget(name: "HRSyncHTTPTests", dependencies: ["HRSyncHTTP"]),
        .testTarget(name: "Learning360Tests", dependencies: ["Learning360", "HRSyncSandbox", "HRSyncHTTP", "HRSyncSpecSupport"]),
        .testTarget(name: "PersonioTests", dependencies: ["Personio", "HRSyncSandbox", "HRSyncHTTP", "HRSyncCore", "HRSyncSpecSupport"]),
        .testTarget(
            name: "HRSyncCLITests",
            dependencies: ["HRSyncCLI", "HRSyncStore", "HRSyncCore", "HRSyncSandbox"]),
    ]
)
