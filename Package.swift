// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "DiaBan",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DiaBan", targets: ["DiaBanCore", "LinearModel", "GLPKSolver", "AssignmentEngine", "ScenarioIO", "Planning", "Advice", "Reporting", "GAPLibrary", "Register", "DurableFiles", "WorkPlan"]),
        .executable(name: "diaban", targets: ["diaban"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        // `swift package generate-documentation`: the DocC catalogs of the library's modules.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // GLPK, as Debian ships it (no pkg-config file).
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        // The setjmp guard around GLPK's error hook: C, because Swift cannot call setjmp.
        .target(name: "_CGLPKGuard", dependencies: ["CGLPK"], path: "Sources/_CGLPKGuard"),
        // The one atomic, durable writer of every file DiaBan writes.
        .target(name: "DurableFiles", swiftSettings: strict),
        // Solver-independent mixed-integer model, results and statuses.
        .target(name: "LinearModel", swiftSettings: strict),
        // The only module that imports GLPK.
        .target(name: "GLPKSolver", dependencies: ["LinearModel", "CGLPK", "_CGLPKGuard", "DurableFiles"], swiftSettings: strict),
        // The solve engine: Dantzig–Wolfe column generation with exact pricing, price-and-branch,
        // reduced-cost fixing and branch-and-price. Knows agents and items, not communes.
        .target(name: "AssignmentEngine", dependencies: ["LinearModel"], swiftSettings: strict),
        // Officers, communes, scenarios, assignments: what a planner talks about.
        .target(name: "DiaBanCore", swiftSettings: strict),
        // Public generalized-assignment instances (OR-Library format) as models.
        .target(name: "GAPLibrary", dependencies: ["LinearModel", "AssignmentEngine"], swiftSettings: strict),
        // Reading, validating and generating scenarios (YAML + CSV).
        .target(name: "ScenarioIO", dependencies: [
            "DiaBanCore", "DurableFiles",
            .product(name: "Yams", package: "Yams"),
            .product(name: "CSV", package: "CSV.swift"),
        ], swiftSettings: strict),
        // Scenario -> integer program -> plan, KPIs and proposal. Never imports GLPK.
        .target(name: "Planning", dependencies: ["DiaBanCore", "LinearModel", "AssignmentEngine"], swiftSettings: strict),
        // Staffing advice: what a training, a hire, a base move or more capacity is worth, each
        // priced by solving, and the best combination within budgets. Never imports GLPK.
        .target(name: "Advice", dependencies: ["DiaBanCore", "LinearModel", "AssignmentEngine", "Planning"], swiftSettings: strict),
        // The area work plan: each officer's trips and their days over a period, given an assignment. Never imports GLPK.
        .target(name: "WorkPlan", dependencies: ["DiaBanCore", "LinearModel"], swiftSettings: strict),
        // Text, JSON, CSV, Markdown, HTML and GeoJSON output; what `check` says.
        .target(name: "Reporting", dependencies: ["DiaBanCore", "Planning", "Advice", "LinearModel", "AssignmentEngine", "DurableFiles", "WorkPlan"], swiftSettings: strict),
        // The assignment register: who tracked which commune, since when, under which decision (SQLite through GRDB).
        .target(name: "Register", dependencies: ["DiaBanCore", "DurableFiles", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        // `diaban serve`: the planner's workspace in the browser (HTTP server, page, solve pool).
        .target(name: "Workspace", dependencies: [
            "DiaBanCore", "LinearModel", "GLPKSolver", "ScenarioIO", "Planning", "Advice", "Reporting", "DurableFiles", "Register", "WorkPlan",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Resources/page")], swiftSettings: strict),
        .executableTarget(name: "diaban", dependencies: [
            "DiaBanCore", "LinearModel", "GLPKSolver", "AssignmentEngine", "ScenarioIO", "Planning", "Advice", "Reporting", "GAPLibrary", "Register", "DurableFiles", "Workspace", "WorkPlan",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),

        // Shared by the test targets: the built binary's location, seeded draws.
        .target(name: "DiaBanTestSupport", dependencies: ["ScenarioIO"], path: "Tests/DiaBanTestSupport", swiftSettings: strict),
        .testTarget(name: "LinearModelTests", dependencies: ["LinearModel"], swiftSettings: strict),
        .testTarget(name: "GLPKSolverTests", dependencies: ["GLPKSolver", "LinearModel"], swiftSettings: strict),
        .testTarget(name: "AssignmentEngineTests", dependencies: ["AssignmentEngine", "GLPKSolver", "LinearModel", "DiaBanTestSupport"], swiftSettings: strict),
        .testTarget(name: "ScenarioIOTests", dependencies: ["ScenarioIO", "DiaBanCore", "DiaBanTestSupport"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "DiaBanCore", "LinearModel", "GLPKSolver", "ScenarioIO", "DiaBanTestSupport"], swiftSettings: strict),
        .testTarget(name: "AdviceTests", dependencies: ["Advice", "Planning", "DiaBanCore", "LinearModel", "GLPKSolver", "ScenarioIO", "DiaBanTestSupport"], swiftSettings: strict),
        .testTarget(name: "WorkPlanTests", dependencies: ["WorkPlan", "DiaBanCore", "LinearModel", "GLPKSolver", "ScenarioIO", "DiaBanTestSupport"], swiftSettings: strict),
        .testTarget(name: "GAPLibraryTests", dependencies: ["GAPLibrary", "AssignmentEngine", "GLPKSolver", "LinearModel"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["diaban", "DiaBanTestSupport"], swiftSettings: strict),
        .testTarget(name: "RobustnessTests", dependencies: ["ScenarioIO", "Planning", "DiaBanCore", "LinearModel", "GLPKSolver", "diaban", "DiaBanTestSupport"], resources: [.copy("Corpus")], swiftSettings: strict),
        .testTarget(name: "RegisterTests", dependencies: ["Register", "DiaBanCore", "ScenarioIO", "Planning", "DurableFiles", "DiaBanTestSupport"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "DurableFilesTests", dependencies: ["DurableFiles"], swiftSettings: strict),
        .testTarget(name: "WorkspaceTests", dependencies: [
            "Workspace", "ScenarioIO", "DiaBanCore", "DiaBanTestSupport", "Register", "Reporting",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ], swiftSettings: strict),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Advice", "Planning", "DiaBanCore", "GLPKSolver", "ScenarioIO", "WorkPlan"], exclude: ["Golden"], swiftSettings: strict),
    ]
)
