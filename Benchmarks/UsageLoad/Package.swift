// swift-tools-version: 6.0
// Scratch package (not part of Forge's build): times ForgeKit's usage loader on a generated
// file, until `forge build` exists to be timed as a whole. Run through Benchmarks/usage-vs-hugo.sh.
import PackageDescription

let package = Package(
    name: "UsageLoad",
    dependencies: [.package(name: "Forge", path: "../..")],
    targets: [
        .executableTarget(name: "usage-load", dependencies: [.product(name: "ForgeKit", package: "Forge")]),
    ]
)
