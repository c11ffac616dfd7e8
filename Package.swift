// swift-tools-version:6.2
import PackageDescription

/// CI builds with CFETCH_STRICT=1 (see .ci/run): every warning in cfetch's own targets is
/// an error there, and C gets -Wall -Wextra. Dependencies keep their own settings, and a
/// local build is not stopped by a warning in code still being written.
let strict = Context.environment["CFETCH_STRICT"] == "1"
let swiftSettings: [SwiftSetting] = strict ? [.treatAllWarnings(as: .error)] : []
let cSettings: [CSetting] =
    strict ? [.treatAllWarnings(as: .error), .enableWarning("all"), .enableWarning("extra")] : []

let package = Package(
    name: "cfetch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cfetch", targets: ["cfetch"]),
        .library(name: "FetchKit", targets: ["FetchKit"]),
        .library(name: "FetchBench", targets: ["FetchBench"]),
        .library(name: "FetchTestServer", targets: ["FetchTestServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLinuxCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CHiredis",
            // No pkgConfig: hiredis.pc adds -D_FILE_OFFSET_BITS=64, which SwiftPM refuses with
            // a warning on every build; the headers are in /usr/include/hiredis, where the
            // compiler looks anyway, and module.modulemap links the library.
            providers: [.apt(["libhiredis-dev"])]
        ),
        .target(
            name: "CLinuxSystem",
            cSettings: cSettings
        ),
        .target(
            name: "CCoroutine",
            cSettings: cSettings
        ),
        .target(
            name: "FetchKit",
            dependencies: [
                "CLinuxCurl",
                "CLinuxSystem",
                "CCoroutine",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FetchBench",
            dependencies: [
                "FetchKit",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FetchTestServer",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Queue mode (issue 13): the Redis client, the stream's layout and commands, and the
        // worker that feeds a run from the stream and settles its records there.
        .target(
            name: "FetchQueue",
            dependencies: ["CHiredis", "FetchKit"],
            swiftSettings: swiftSettings
        ),
        // Test fixtures more than one test target needs: a private redis-server.
        .target(
            name: "RedisTestSupport",
            dependencies: ["FetchKit", "FetchQueue", "FetchTestServer"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "cfetch",
            dependencies: [
                "FetchKit",
                "FetchBench",
                "FetchTestServer",
                "FetchQueue",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FetchTestServerTests",
            dependencies: ["FetchTestServer"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FetchKitTests",
            dependencies: ["FetchKit", "FetchTestServer"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FetchBenchTests",
            dependencies: ["FetchBench", "FetchKit", "FetchTestServer"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FetchQueueTests",
            dependencies: ["FetchQueue", "FetchKit", "FetchTestServer", "RedisTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CFetchEndToEndTests",
            dependencies: ["cfetch", "FetchBench", "FetchTestServer", "FetchQueue", "RedisTestSupport"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
