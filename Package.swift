// swift-tools-version:6.2
import PackageDescription

// Layout (see README "Architecture"):
//   HRSyncCore   pure models, config, rules; no I/O
//   HRSyncStore  the git-style state directory (objects, refs, log, lock)
//   HRSyncCLI    the commands; `hrsync` is a thin executable over it
//   hrsync-bench measurements (storage now; speed and API economy later)
let package = Package(
    name: "hrsync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hrsync", targets: ["hrsync"]),
        .executable(name: "hrsync-bench", targets: ["hrsync-bench"]),
        .library(name: "HRSyncCore", targets: ["HRSyncCore"]),
        .library(name: "HRSyncStore", targets: ["HRSyncStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
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
            name: "HRSyncCLI",
            dependencies: [
                "HRSyncCore", "HRSyncStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(name: "hrsync", dependencies: ["HRSyncCLI"]),
        .executableTarget(name: "hrsync-bench", dependencies: ["HRSyncCore", "HRSyncStore"]),
        .testTarget(name: "HRSyncCoreTests", dependencies: ["HRSyncCore"]),
        .testTarget(name: "HRSyncStoreTests", dependencies: ["HRSyncStore", "HRSyncCore"]),
        .testTarget(
            name: "HRSyncCLITests",
            dependencies: ["HRSyncCLI", "HRSyncStore", "HRSyncCore"],
            resources: []),
    ]
)
