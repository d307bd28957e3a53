import AssignmentEngine

/// What the decomposition engine did in one solve, from the planner's `stats.engine` (one
/// entry per level, province and pass it solved): counts that do not depend on the machine's
/// load, unlike seconds — except where a time limit cut the work short.
public struct EngineCounts: Codable, Sendable, Equatable {
    /// Engine solves added up (levels × provinces × passes).
    public var solves: Int
    public var columnGenerationRounds: Int
    /// Set columns generated.
    public var columns: Int
    /// Branch-and-price nodes.
    public var branchNodes: Int
    /// Diving heuristics run during branch-and-price.
    public var dives: Int
    /// Pairs left out by reduced-cost fixing, and pairs left, in the last restricted models.
    public var fixedPairs: Int
    public var remainingPairs: Int
    /// Whether every column generation converged (no set priced out at its end).
    public var converged: Bool
    /// The Dantzig–Wolfe bound of the last level, when the run solved one model (not split by
    /// province: the national bound is then the run's own `bound`).
    public var decompositionBound: Double?
    /// The compact LP relaxation's bound of the last level, likewise.
    public var relaxationBound: Double?

    public init(solves: Int, columnGenerationRounds: Int, columns: Int, branchNodes: Int, dives: Int, fixedPairs: Int,
                remainingPairs: Int, converged: Bool, decompositionBound: Double?, relaxationBound: Double?) {
        self.solves = solves
        self.columnGenerationRounds = columnGenerationRounds
        self.columns = columns
        self.branchNodes = branchNodes
        self.dives = dives
        self.fixedPairs = fixedPairs
        self.remainingPairs = remainingPairs
        self.converged = converged
        self.decompositionBound = decompositionBound
        self.relaxationBound = relaxationBound
    }

    /// The counts of `stats` added up; nil when the engine did not run. `oneModel`: the run
    /// solved a single model (its levels in order), so the last entry's bounds are the run's.
    public init?(_ stats: [EngineStats]?, oneModel: Bool) {
        guard let stats, let last = stats.last else { return nil }
        func sum(_ key: KeyPath<EngineStats, Int>) -> Int { stats.reduce(0) { $0 + $1[keyPath: key] } }
        self.init(
            solves: stats.count, columnGenerationRounds: sum(\.columnGenerationRounds), columns: sum(\.columns),
            branchNodes: sum(\.branchNodes), dives: sum(\.dives), fixedPairs: sum(\.fixedPairs), remainingPairs: sum(\.remainingPairs),
            converged: stats.allSatisfy(\.converged),
            decompositionBound: oneModel ? last.decompositionBound : nil, relaxationBound: oneModel ? last.relaxationBound : nil)
    }
}

/// The engine counts of a ladder case over its runs.
public struct EngineSummary: Codable, Sendable, Equatable {
    public var columnGenerationRounds: Summary
    public var columns: Summary
    public var branchNodes: Summary
    public var decompositionBound: Summary?

    /// Nil when no run used the engine.
    public init?(_ runs: [EngineCounts?]) {
        let counts = runs.compactMap { $0 }
        guard let rounds = Summary(counts.map { Double($0.columnGenerationRounds) }),
              let columns = Summary(counts.map { Double($0.columns) }),
              let nodes = Summary(counts.map { Double($0.branchNodes) }) else { return nil }
        columnGenerationRounds = rounds
        self.columns = columns
        branchNodes = nodes
        decompositionBound = Summary(counts.map(\.decompositionBound))
    }
}
