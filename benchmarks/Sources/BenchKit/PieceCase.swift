import Planning

/// One variant of the solve engine on the Nghệ An baseline: the default engine, the engine with
/// one piece switched off (as `diaban solve --engine-setting key=value`), or GLPK's
/// branch-and-cut alone (`--engine compact`). Each runs once, in a process of its own
/// (`diaban-bench solve`); what it measures is first the counts — column-generation rounds,
/// columns, branch-and-price nodes, pairs fixed — which do not depend on the machine's load.
public struct PieceCase: Sendable, Equatable {
    public var name: String
    /// What the variant leaves out, in a few words.
    public var what: String
    public var engine: PlanRequest.Engine
    /// `key=value` engine settings.
    public var settings: [String]

    public static let scenario = "scenarios/nghe-an/baseline.yaml"
    public static let timeLimit = 60.0

    public static let all: [PieceCase] = [
        PieceCase(name: "default", what: "the engine as it ships", engine: .decomposition, settings: []),
        PieceCase(name: "dual-start=off", what: "column generation from zero duals, not the compact LP's",
                  engine: .decomposition, settings: ["dual-start=off"]),
        PieceCase(name: "smoothing=0", what: "no dual smoothing", engine: .decomposition, settings: ["smoothing=0"]),
        PieceCase(name: "alternatives=0", what: "one set per officer per pricing round", engine: .decomposition, settings: ["alternatives=0"]),
        PieceCase(name: "master-share=0", what: "no integer master (price-and-branch) at the root", engine: .decomposition,
                  settings: ["master-share=0"]),
        PieceCase(name: "branching=off", what: "no branch-and-price: stop at the root", engine: .decomposition, settings: ["branching=off"]),
        PieceCase(name: "local-search=off", what: "no plans rounded from the root's values, no shifts and swaps on new plans",
                  engine: .decomposition, settings: ["local-search=off"]),
        PieceCase(name: "pseudo-costs=off", what: "branch on the most fractional pair, not by the bound's rises seen so far",
                  engine: .decomposition, settings: ["pseudo-costs=off"]),
        PieceCase(name: "compact", what: "GLPK's branch-and-cut on the compact model alone", engine: .compact, settings: []),
    ]

    /// The `diaban-bench solve` arguments after the scenario path.
    public var arguments: [String] {
        ["--time-limit", String(Self.timeLimit), "--engine", engine.rawValue] + settings.flatMap { ["--engine-setting", $0] }
    }
}

/// One engine variant's run.
public struct PieceResult: Codable, Sendable, Equatable {
    public var name: String
    public var what: String
    public var engine: String
    public var settings: [String]
    public var timeLimit: Double
    /// The run (status, objective, bound, gap, times, GLPK nodes, engine counts); nil when it failed.
    public var run: LadderRun?
    public var error: String?
}
