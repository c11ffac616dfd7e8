// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cfetch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cfetch", targets: ["cfetch"]),
        .library(name: "FetchKit", targets: ["FetchKit"]),
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
        .target(
            name: "CLinuxSystem"
        ),
        .target(
            name: "CCoroutine"
        ),
        .target(
            name: "FetchKit",
            dependencies: [
                "CLinuxCurl",
                "CLinuxSystem",
                "CCoroutine",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "FetchTestServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "cfetch",
            dependencies: [
                "FetchKit",
                "FetchTestServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "FetchTestServerTests",
            dependencies: ["FetchTestServer"]
        ),
        .testTarget(
            name: "FetchKitTests",
            dependencies: ["FetchKit", "FetchTestServer"]
        ),
        .testTarget(
            name: "CFetchEndToEndTests",
            dependencies: ["cfetch", "FetchTestServer"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
