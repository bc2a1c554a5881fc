// swift-tools-version: 6.0
// Scratch package (not part of Forge): times the two CSV libraries of the package mirror on the
// same file as Forge's own CSVUsageReader, for the "library or own parser" decision.
// Run through Benchmarks/csv-libraries.sh.
import PackageDescription

let package = Package(
    name: "CSVLibraries",
    dependencies: [
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        .executableTarget(name: "csv-yaslab", dependencies: [.product(name: "CSV", package: "CSV.swift")]),
        .executableTarget(name: "csv-swiftcsv", dependencies: [.product(name: "SwiftCSV", package: "SwiftCSV")]),
    ]
)
