// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Forge",
    products: [
        .executable(name: "forge", targets: ["forge"]),
        .library(name: "ForgeKit", targets: ["ForgeKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // OpenAPI 3.0/3.1 documents for the API reference; its ExternalLoading trait (network,
        // Swift Concurrency, slower to compile) is not needed.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0", traits: []),
    ],
    targets: [
        // Every cmark_* call goes through MarkdownRenderer.swift; this target only exposes the headers.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The default theme, the starter site and the version, compiled in at build time from
        // Themes/default/, Starter/ and VERSION (see Plugins/EmbedForgeFiles).
        .plugin(name: "EmbedForgeFiles", capability: .buildTool()),
        .target(name: "ForgeEmbedded", plugins: ["EmbedForgeFiles"]),
        .target(
            name: "ForgeKit",
            dependencies: [
                "CCmarkGFM",
                "ForgeEmbedded",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "OpenAPIKitCompat", package: "OpenAPIKit"),
            ]
        ),
        .executableTarget(
            name: "forge",
            dependencies: [
                "ForgeKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer over the loaders (README.md, "Fuzzing"); built as usual, it replays inputs.
        .executableTarget(
            name: "forge-fuzz",
            dependencies: ["ForgeKit"]
        ),
        .testTarget(
            name: "ForgeKitTests",
            dependencies: ["ForgeKit"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
