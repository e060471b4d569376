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
//   HRSyncEngine the use cases: pull, plan, apply, behind client protocols
//   hrsync-bench measurements (storage, pull speed, API economy)
let package = Package(
    name: "hrsync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hrsync", targets: ["hrsync"]),
        .executable(name: "hrsync-bench", targets: ["hrsync-bench"]),
        .executable(name: "hrsync-sandbox", targets: ["hrsync-sandbox"]),
        .library(name: "HRSyncCore", targets: ["HRSyncCore"]),
        .library(name: "HRSyncStore", targets: ["HRSyncStore"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        // These are already there through AsyncHTTPClient and Hummingbird; named because code imports them.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        // The TLS tests make a throw-away CA with it (HRSyncTestSupport only; already there through Hummingbird).
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0")
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
                .product(name: "Crypto", package: "swift-crypto")
            ]),
        .target(
            name: "HRSyncHTTP",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl")
            ]),
        .target(name: "Personio", dependencies: ["HRSyncCore", "HRSyncHTTP"]),
        .target(name: "Learning360", dependencies: ["HRSyncHTTP"]),
        // The emulated vendor APIs. Shares no wire types with the clients on purpose; a replica
        // (serve --from-state) reads snapshots through the store's own codec.
        .target(
            name: "HRSyncSandbox",
            dependencies: [
                "HRSyncCore", "HRSyncStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log")
            ]),
        // The use cases (pull, plan, apply): I/O through the client protocols and the store.
        .target(name: "HRSyncEngine", dependencies: ["HRSyncCore", "HRSyncStore", "HRSyncHTTP", "Personio", "Learning360"]),
        // Test support: vendor OpenAPI documents and a schema validator.
        .target(name: "HRSyncSpecSupport", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Test support: in-memory vendors and an in-memory platform for the planner's properties;
        // the end-to-end setup (the built binary against the sandbox) every CLI suite shares.
        // A throw-away CA and an HTTPS server for the TLS trust tests (TLSTestServer.swift).
        .target(
            name: "HRSyncTestSupport",
            dependencies: [
                "HRSyncCore", "HRSyncEngine", "Learning360", "Personio", "HRSyncSandbox",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto")
            ]),
        .target(
            name: "HRSyncCLI",
            dependencies: [
                "HRSyncCore", "HRSyncStore", "HRSyncHTTP", "Personio", "Learning360", "HRSyncEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ],
            // The environment's test hooks (TestHooks.swift) exist in debug builds only.
            swiftSettings: [.define("HRSYNC_TEST_HOOKS", .when(configuration: .debug))]),
        .executableTarget(name: "hrsync", dependencies: ["HRSyncCLI"]),
        .executableTarget(
            name: "hrsync-sandbox",
            dependencies: [
                "HRSyncSandbox", "HRSyncCLI", "HRSyncCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams")
            ]),
        .executableTarget(
            name: "hrsync-bench",
            dependencies: [
                "HRSyncCore", "HRSyncTestSupport", "HRSyncStore", "HRSyncSandbox", "Personio", "Learning360", "HRSyncEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]),
        .testTarget(name: "HRSyncCoreTests", dependencies: ["HRSyncCore", "HRSyncTestSupport"]),
        .testTarget(name: "HRSyncStoreTests", dependencies: ["HRSyncStore", "HRSyncTestSupport"]),
        .testTarget(name: "HRSyncEngineTests", dependencies: ["HRSyncEngine", "HRSyncCore", "HRSyncStore", "HRSyncTestSupport", "Learning360"]),
        .testTarget(name: "HRSyncHTTPTests", dependencies: ["HRSyncHTTP", "HRSyncTestSupport"]),
        .testTarget(name: "Learning360Tests", dependencies: ["Learning360", "HRSyncSandbox", "HRSyncHTTP", "HRSyncSpecSupport"]),
        .testTarget(name: "PersonioTests", dependencies: ["Personio", "HRSyncSandbox", "HRSyncHTTP", "HRSyncCore", "HRSyncSpecSupport"]),
        .testTarget(
            name: "HRSyncCLITests",
            dependencies: [
                "HRSyncCLI", "HRSyncStore", "HRSyncCore", "HRSyncHTTP", "HRSyncSandbox", "HRSyncSpecSupport", "HRSyncTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ])
    ]
)
