import LinearModel

/// The fewest soft needs a plan can leave unmet, bounded from below.
///
/// Column generation on a second problem — the same agents, items, pairs, rules and needs, but
/// costing only 1 per unmet soft need (the side rows left out, which only relaxes it) — gives a
/// Dantzig–Wolfe bound `z` on how many needs every plan leaves unmet. A plan leaves a whole
/// number of them unmet, so every plan leaves at least `k = ⌈z⌉`, and its slacks sum to at
/// least its unmet needs: the row Σ slacks ≥ k holds in every plan of the real problem and may
/// join its master (``MasterLayout``) at the root and at every node.
///
/// Why it pays: when specialists are scarce, the real master's LP meets needs *fractionally* —
/// a ward half in one specialist's set, half in another's — and pays for, say, 1.34 unmet
/// needs where every plan leaves 2. The floor row makes it pay for two.
struct UnmetFloor {
    /// The floor (0 when the bound says nothing), the bound it came from and the rounds run.
    struct Outcome {
        var floor: Int
        var bound: Double
        var rounds: Int
    }

    /// The problem whose optimum is the fewest unmet soft needs.
    static func coverageProblem(of problem: AssignmentProblem) -> AssignmentProblem {
        var coverage = problem
        var costs = AssignmentProblem.Costs(pairs: problem.pairs.count, agents: problem.agents.count)
        costs.unmetNeed = 1
        coverage.objective = costs
        coverage.sideRows = []
        coverage.integralObjective = true
        return coverage
    }

    /// How many soft needs `plan` leaves unmet (nil when it is not a plan of `problem`).
    static func unmet(in problem: AssignmentProblem, plan: [Int]) -> Int? {
        let coverage = coverageProblem(of: problem)
        guard let value = coverage.evaluate(plan: plan)?.objective else { return nil }
        return Int(value.rounded())
    }

    /// Runs the column generation until it proves `target` unmet needs (no floor can be higher
    /// than a plan's count), converges, or `stop` says so. `seeds` are plans whose sets start
    /// the master.
    static func compute(
        _ problem: AssignmentProblem, lpSolver: any LiveProgramSolver, options: SolverOptions, threads: Int,
        alternatives: Int, seeds: [[Int]], target: Int, stop: ColumnGeneration.Stop
    ) throws -> Outcome {
        let coverage = coverageProblem(of: problem)
        let soft = problem.needs.filter { !$0.hard }.count
        guard soft > 0, target > 0 else { return Outcome(floor: 0, bound: 0, rounds: 0) }
        // An artificial unit costs more than every need together: using one never pays.
        let layout = MasterLayout(problem: coverage, artificialCost: 10 * Double(soft + 1))
        var lpOptions = options
        lpOptions.relaxationOnly = true
        var outcome = Outcome(floor: 0, bound: 0, rounds: 0)
        try lpSolver.withLiveProgram(layout.base, options: lpOptions) { live in
            let generation = ColumnGeneration(problem: coverage, layout: layout, threads: threads, smoothing: 0.5, alternatives: alternatives)
            try generation.seed(plans: seeds, to: live)
            var limited = stop
            // Stop once the bound rounds up to the target: the floor cannot go higher.
            limited.target = Double(target - 1) + 1e-5
            try generation.run(live, stop: limited, report: { _, _, _ in })
            outcome.rounds = generation.iterations
            if generation.bound.isFinite {
                outcome.bound = generation.bound
                outcome.floor = min(target, max(0, Int((generation.bound - 1e-6).rounded(.up))))
            }
        }
        return outcome
    }
}
