// swift-tools-version:6.0
import PackageDescription

// DiaBan's benchmark suite: its own package, so that `swift build` and `swift test` of the main
// package never compile it. Run it with `benchmarks/run`; compare two results with
// `benchmarks/compare` (see the README's "Benchmarks" section).

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// The DiaBan package measured: this repository by default; DIABAN_MAIN=/path/to/a/checkout
// measures another copy (an older commit, say) with the same benchmark code.
let mainPath = Context.environment["DIABAN_MAIN"] ?? ".."

let package = Package(
    name: "DiaBanBenchmarks",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "diaban-bench", targets: ["diaban-bench"]),
    ],
    dependencies: [
        .package(name: "DiaBan", path: mainPath),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Cases, runs, results files, peers, comparison: everything but the command line.
        .target(name: "BenchKit", dependencies: [
            .product(name: "DiaBan", package: "DiaBan"),
        ], swiftSettings: strict),
        .executableTarget(name: "diaban-bench", dependencies: [
            "BenchKit",
            .product(name: "DiaBan", package: "DiaBan"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),
        // Fixtures/: `diaban compare` and `diaban tradeoff` JSON of tiny scenarios (see its README).
        .testTarget(name: "BenchKitTests", dependencies: [
            "BenchKit",
            .product(name: "DiaBan", package: "DiaBan"),
        ], resources: [.copy("Fixtures")], swiftSettings: strict),
    ]
)
