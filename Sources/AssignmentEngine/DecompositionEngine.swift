import Foundation
import LinearModel

/// The compact integer program of the same problem (a column per pair), whose LP relaxation
/// gives the engine a first bound and the duals its column generation starts from.
public struct CompactModel {
    public var model: LinearModel
    /// The model's row for each item's demand, each need and each side row (nil where it has
    /// none), in the ``AssignmentProblem``'s order.
    public var itemRows: [ConstraintIndex?]
    public var needRows: [ConstraintIndex?]
    public var sideRows: [ConstraintIndex?]
    /// Each pair's column (empty when unknown): a plan the compact search finds is read back
    /// through it when the engine races that search.
    public var pairColumns: [VariableIndex]

    public init(
        model: LinearModel, itemRows: [ConstraintIndex?], needRows: [ConstraintIndex?] = [], sideRows: [ConstraintIndex?] = [],
        pairColumns: [VariableIndex] = []
    ) {
        self.model = model
        self.itemRows = itemRows
        self.needRows = needRows
        self.sideRows = sideRows
        self.pairColumns = pairColumns
    }
}

public struct EngineOptions: Sendable {
    /// Seconds for the whole solve; nil for none.
    public var timeLimit: Double?
    /// A plan within this relative gap of the bound is optimal.
    public var relativeGap: Double
    /// Threads for pricing.
    public var threads: Int
    /// Dual smoothing weight (0 = none).
    public var smoothing: Double
    /// GLPK's options for the integer phases (master and compact).
    public var solverOptions: SolverOptions
    /// Share of the remaining time the integer master may take when a gap is left.
    public var masterIntegerShare: Double
    /// Sets besides its best one that each agent's pricing offers per round.
    public var alternatives: Int
    /// Start the column generation from the compact LP's duals.
    public var dualStart: Bool
    /// Close a gap the root leaves by branch-and-price (else stop at the root's bound).
    public var branchAndPrice: Bool
    /// Dive for plans when branch-and-price starts and every this many nodes (0: never).
    public var diveEvery: Int
    /// Build plans from the root master's values every few rounds, and polish every new
    /// incumbent by shifts and swaps (the engine's local search).
    public var localSearch: Bool
    /// Branch on the fractional pair whose branching is expected to raise the bound most, by
    /// the rises seen so far (pseudo-costs), instead of the most fractional pair.
    public var pseudoCosts: Bool
    /// Race GLPK's branch-and-cut on the compact model on a thread of its own: whichever proves
    /// first ends both, and the better plan and the better bound are kept.
    public var raceCompact: Bool
    /// Bound the fewest unmet soft needs by a column generation of their own, and give the
    /// master the row Σ slacks ≥ that floor (`UnmetFloor`).
    public var unmetFloor: Bool
    /// Only plans below this value are wanted: once the bound reaches it the search stops
    /// (termination `.cutoff`) with the plan it holds and the bound — a proof that no plan is
    /// below it, at the price of the root or a few nodes instead of a whole proof. An advice's
    /// candidate that cannot enter the list shown is settled so.
    public var cutoff: Double?
    /// Without branch-and-price, the root's rounds stop once their Lagrangian bound is within
    /// this relative gap of the master's value: the bound they prove is then at most that
    /// much below the root's, and the tail of rounds that closes it is saved. Nil runs the
    /// rounds until no set prices out. For callers that need a bound only (an advice's priced
    /// problems), not a plan.
    public var rootRoundsGap: Double?

    public init(timeLimit: Double? = nil, relativeGap: Double = 1e-6, threads: Int = 1, smoothing: Double = 0.5,
                solverOptions: SolverOptions = SolverOptions(), masterIntegerShare: Double = 0.25, alternatives: Int = 5, dualStart: Bool = true, branchAndPrice: Bool = true, diveEvery: Int = 100, localSearch: Bool = true, pseudoCosts: Bool = true, raceCompact: Bool = false, unmetFloor: Bool = true) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.threads = threads
        self.smoothing = smoothing
        self.solverOptions = solverOptions
        self.masterIntegerShare = masterIntegerShare
        self.alternatives = alternatives
        self.dualStart = dualStart
        self.branchAndPrice = branchAndPrice
        self.diveEvery = diveEvery
        self.localSearch = localSearch
        self.pseudoCosts = pseudoCosts
        self.raceCompact = raceCompact
        self.unmetFloor = unmetFloor
    }
}

/// What the engine did, phase by phase. Counts and bounds are the same on every run of the
/// same input (they are what a report shows); the seconds are not, and are left out of the
/// encoded form, so that a saved result is reproducible byte for byte.
public struct EngineStats: Sendable, Codable, Equatable {
    /// The compact LP relaxation's bound, when it was solved first.
    public var relaxationBound: Double?
    public var columnGenerationRounds = 0
    public var columns = 0
    /// Whether no set priced out at the end (the bound is the Dantzig–Wolfe bound itself).
    public var converged = false
    /// The Lagrangian / Dantzig–Wolfe bound reached at the root.
    public var decompositionBound: Double?
    /// The integer master's plan value (price-and-branch), when it ran.
    public var masterPlanObjective: Double?
    /// Pairs left out by reduced-cost fixing at the root, and pairs left.
    public var fixedPairs = 0
    public var remainingPairs = 0
    /// Branch-and-price nodes solved, and the deepest.
    public var branchNodes = 0
    public var deepestBranch = 0
    /// Diving heuristics run during branch-and-price.
    public var dives = 0
    /// Pairs left out by reduced-cost fixing at branch-and-price nodes, summed over the nodes.
    public var pairsFixedInTree = 0
    /// Incumbents the local search improved (``EngineOptions/localSearch``).
    public var localSearchGains = 0
    /// The raced compact search's nodes, and whether it proved the problem infeasible.
    public var raceNodes = 0
    public var raceProvedInfeasible = false
    /// The floor on unmet soft needs the master carried (0: none), and its column generation's rounds.
    public var unmetFloor = 0
    public var unmetFloorRounds = 0
    /// Seconds, phase by phase (not encoded).
    public var relaxationSeconds = 0.0
    public var columnGenerationSeconds = 0.0
    public var pricingSeconds = 0.0
    public var masterSeconds = 0.0
    public var masterIntegerSeconds = 0.0
    public var fixingSeconds = 0.0
    public var branchSeconds = 0.0
    public var unmetFloorSeconds = 0.0
    public var localSearchSeconds = 0.0
    public init() {}

    enum CodingKeys: String, CodingKey {
        case relaxationBound, columnGenerationRounds, columns, converged, decompositionBound, masterPlanObjective
        case fixedPairs, remainingPairs, branchNodes, deepestBranch, dives, pairsFixedInTree, localSearchGains, raceNodes, raceProvedInfeasible
        case unmetFloor, unmetFloorRounds
    }
}

public struct EngineResult: Sendable {
    public var termination: TerminationReason
    public var primal: PrimalStatus
    /// The plan: pair indices, sorted.
    public var plan: [Int]?
    public var objective: Double?
    public var bestBound: Double?
    public var relativeGap: Double?
    public var nodes: Int
    public var stats: EngineStats
    public var firstIncumbentSeconds: Double?
    public var peakSolverBytes: Int
    public var message: String?
    /// The duals of the root's best bound by row name, to bound changed problems without
    /// solving them (nil when the root gave no finite bound).
    public var rootCertificate: LagrangianCertificate?
    /// How much the root's last master solution uses each agent (Σ of its sets' values; nil
    /// when the root ended before its first master solve): how far a fractional plan leans to
    /// each version of a group.
    public var rootAgentUsage: [Double]? = nil
}

/// Solves an ``AssignmentProblem`` by what its structure allows:
///
/// 0. The compact LP (when a ``CompactModel`` is given): a first bound, and duals to start from
///    — or, when the solve is `warm` from another root (a slightly changed problem), that root's
///    duals and its cheapest sets, which save most of the rounds.
/// A `cutoff` in the options ends any step once the bound proves no plan below it.
/// 1. **Column generation** (`ColumnGeneration`) to the Dantzig–Wolfe bound, starting from
///    the incumbent's sets; it stops early when the bound meets the incumbent.
/// 2. **Price-and-branch**: the restricted master as an integer program (a set per agent) —
///    GLPK on a few hundred rows — whose plan is often optimal.
/// 3. **Reduced-cost fixing**: with the bound `L` at duals `y`, a pair (agent `i`, item `j`)
///    is in no plan better than the incumbent `U` when `L − v_i + v_i(j) > U`, where `v_i` is
///    agent `i`'s least pricing value and `v_i(j)` its least value over sets containing the
///    pair (a lower bound, from the same tables). Every plan using that pair costs more than
///    `U`, so leaving it out keeps every plan at least as good as `U`: **a proof on the smaller
///    problem is a proof on the whole one.** The incumbent's pairs are never left out.
/// 4. **Branch-and-price** (`BranchAndPrice`) on the pairs that are left, when a gap remains.
///
/// A bound is reported only when it is valid for the whole problem.
public struct DecompositionEngine {
    public let solver: any MIPSolver
    public let lpSolver: any LiveProgramSolver

    public init(solver: any MIPSolver, lpSolver: any LiveProgramSolver) {
        self.solver = solver
        self.lpSolver = lpSolver
    }

    public func solve(
        _ problem: AssignmentProblem, compact: CompactModel? = nil, incumbent: [Int]?, hints: [[Int]] = [],
        warm: LagrangianCertificate? = nil, options: EngineOptions, progress: (@Sendable (SolveProgress) -> ProgressDecision)? = nil
    ) throws -> EngineResult {
        let start = Date()
        func now() -> Double { Date().timeIntervalSince(start) }
        let deadline = options.timeLimit.map { max(0, $0) }
        var stats = EngineStats()
        var stopped = false
        var peakBytes = 0

        // The incumbent.
        var best: [Int]?
        var upper = Double.infinity
        var firstIncumbentSeconds: Double?
        let localSearch = options.localSearch ? LocalSearch(problem: problem) : nil
        /// A plan: the incumbent when it is better, polished by shifts and swaps before anyone
        /// compares with it unless it is `polished` already (no move improves it).
        func offer(_ plan: [Int], polished: Bool = false) {
            let sorted = plan.sorted()
            if let value = problem.objectiveValue(ofPlan: sorted), value < upper - 1e-9 * max(1, abs(value)) {
                upper = value
                best = sorted
                if firstIncumbentSeconds == nil { firstIncumbentSeconds = now() }
                guard !polished, let search = localSearch else { return }
                let t0 = now()
                let better = search.improve(sorted, stop: { stopped || (deadline.map { now() >= $0 } ?? false) })
                stats.localSearchSeconds += now() - t0
                if let better {
                    stats.localSearchGains += 1
                    offer(better, polished: true)
                }
            }
        }
        if let incumbent { offer(incumbent) }
        for hint in hints { offer(hint) }

        var lower = -Double.infinity
        func roundedBound(_ b: Double) -> Double {
            problem.integralObjective && b.isFinite ? (b - 1e-6).rounded(.up) : b
        }
        /// The bound has reached the caller's cutoff: no plan below it exists.
        func cutOff() -> Bool {
            guard let cutoff = options.cutoff, lower.isFinite else { return false }
            return lower >= cutoff && !(upper < cutoff)
        }
        func closed() -> Bool {
            guard upper.isFinite, lower.isFinite else { return false }
            let gap = upper - lower
            return gap <= max(options.relativeGap * abs(upper), 1e-9 * max(1, abs(upper)))
        }
        /// A plan at most this good closes the gap with the bound held: searches may stop there.
        func goodEnough() -> Double? {
            guard lower.isFinite else { return nil }
            return lower + max(options.relativeGap * abs(lower), 1e-9 * max(1, abs(lower)))
        }
        func report(nodes: Int = 0) -> Bool {
            guard let progress else { return false }
            let incumbent: Double? = upper.isFinite ? upper : nil
            let bound: Double? = lower.isFinite ? lower : nil
            let gap = incumbent.flatMap { u in bound.map { SolveResult.relativeGap(objective: u, bound: $0) } }
            if progress(SolveProgress(elapsedSeconds: now(), incumbent: incumbent, bestBound: bound, gap: gap, nodes: nodes)) == .stop {
                stopped = true
            }
            return stopped
        }

        // The race: GLPK's own search on the compact model, on a thread of its own.
        var options = options
        let race = CompactRace()
        var raceThread: Thread?
        let raceDone = DispatchSemaphore(value: 0)
        if options.raceCompact, let compact, compact.pairColumns.count == problem.pairs.count {
            var raceOptions = options.solverOptions
            raceOptions.relaxationOnly = false
            raceOptions.relativeGap = options.relativeGap
            raceOptions.timeLimit = options.timeLimit
            raceOptions.progressInterval = 0.02
            let model = compact.model, solver = self.solver, settings = raceOptions
            let thread = Thread {
                defer { raceDone.signal() }
                let result = try? solver.solve(model, options: settings, start: nil, progress: { _ in race.isOver ? .stop : .proceed })
                race.finish(result)
            }
            thread.stackSize = 16 << 20
            thread.start()
            raceThread = thread
            options.threads = max(1, options.threads - 1)
        }
        func takeRace() {
            guard raceThread != nil else { return }
            race.end()
            raceDone.wait()
            raceThread = nil
            guard let result = race.result, let compact else { return }
            stats.raceNodes = result.nodes
            if result.primal != .none {
                offer(compact.pairColumns.indices.filter { result.values[compact.pairColumns[$0].rawValue] > 0.5 })
            }
            if result.primal == .optimal, let value = result.objective { lower = max(lower, roundedBound(min(value, upper))) }
            if let b = result.bestBound, result.termination != .infeasible { lower = max(lower, roundedBound(min(b, upper))) }
            if result.termination == .infeasible { stats.raceProvedInfeasible = true }
        }

        // A thrown error must not leave the raced search running.
        defer {
            if raceThread != nil {
                race.end()
                raceDone.wait()
            }
        }

        // 0. The compact LP: a first bound, and duals to start the column generation from.
        var startDuals: (items: [Double], needs: [Double], sides: [Double])?
        var lpSeconds = 0.0
        if options.dualStart, warm == nil, let full = compact {
            let t0 = now()
            var relaxation = options.solverOptions
            relaxation.relaxationOnly = true
            relaxation.timeLimit = deadline.map { max(0.01, ($0 - now()) * 0.2) }
            let lp = try solver.solve(full.model, options: relaxation, start: nil, progress: nil)
            if lp.termination == .optimal, let z = lp.objective, lp.rowDuals.count == full.model.constraints.count {
                lower = max(lower, roundedBound(z))
                stats.relaxationBound = z
                startDuals = Self.masterDuals(from: lp.rowDuals, of: full, problem: problem)
            }
            lpSeconds = now() - t0
        }

        func timeLeft() -> Double? { deadline.map { max(0, $0 - now()) } }
        func outOfTime() -> Bool { deadline.map { now() >= $0 } ?? false }
        func tolerance(_ value: Double) -> Double { max(options.relativeGap * abs(value), 1e-9 * max(1, abs(value))) }

        // 0b. A floor on unmet soft needs, when the best plan leaves some unmet (and, starting from
        // another root, when that root carried one).
        var floor = 0
        if options.unmetFloor, warm?.hadUnmetFloor ?? true, problem.objective.unmetNeed > 0, let best, let unmet = UnmetFloor.unmet(in: problem, plan: best), unmet > 0 {
            let t0 = now()
            let outcome = try UnmetFloor.compute(
                problem, lpSolver: lpSolver, options: options.solverOptions, threads: options.threads, alternatives: options.alternatives,
                seeds: [best], target: unmet,
                stop: .init(deadline: timeLeft().map { now() + 0.1 * $0 }, clock: now, target: nil, shouldStop: { stopped || race.proved }))
            floor = outcome.floor
            stats.unmetFloor = floor
            stats.unmetFloorRounds = outcome.rounds
            stats.unmetFloorSeconds = now() - t0
        }

        let artificialCost = upper.isFinite ? 10 * abs(upper) + 1e4 : 1e7
        let layout = MasterLayout(problem: problem, artificialCost: artificialCost, unmetFloor: floor)
        var lpOptions = options.solverOptions
        lpOptions.relaxationOnly = true
        var nodes = 0
        var exhausted = false
        var certificate: LagrangianCertificate?
        var rootUsage: [Double]?
        try lpSolver.withLiveProgram(layout.base, options: lpOptions) { live in
            // 1. Column generation at the root.
            let cgStart = now()
            let generation = ColumnGeneration(
                problem: problem, layout: layout, threads: options.threads, smoothing: options.smoothing, alternatives: options.alternatives)
            defer {
                stats.columns = generation.columns.count
                stats.pricingSeconds = generation.pricingSeconds
                stats.masterSeconds = generation.masterSeconds
            }
            var seeds: [[Int]] = hints
            if let best { seeds.insert(best, at: 0) }
            try generation.seed(plans: seeds, to: live)
            if let warm {
                // Where another solve's root ended: its sets as columns, its duals as the start.
                let y = warm.duals(for: layout)
                // Each agent's 30 cheapest sets there (Nghệ An, re-solving a changed roster: 0.37 s
                // with 30, 0.61 s with all ~7,000, 0.72 s with 3 — too few, more rounds).
                try generation.seed(sets: warm.sets(in: problem), duals: y, perAgent: 30, to: live)
                try generation.warmStart(duals: y, live: live, clock: now)
                lower = max(lower, roundedBound(generation.bound))
            } else if let startDuals {
                var y = [Double](repeating: 0, count: layout.rowCount)
                for (j, row) in layout.staffRow.enumerated() { y[row] = startDuals.items[j] }
                for (n, row) in layout.needRow.enumerated() { y[row] = startDuals.needs[n] }
                for (r, row) in layout.sideRow.enumerated() { y[row] = startDuals.sides[r] }
                try generation.warmStart(duals: y, live: live, clock: now)
                lower = max(lower, roundedBound(generation.bound))
            }
            /// The rounds may stop when their bound meets the incumbent, or the caller's cutoff.
            func roundsTarget() -> Double? {
                let meet = upper.isFinite ? upper - tolerance(upper) : Double.infinity
                let target = min(meet, options.cutoff ?? .infinity)
                return target.isFinite ? target : nil
            }
            // Without a plan, the rounds leave part of the time to the steps that make plans
            // from the columns (a branch-and-price root goes on with the rounds afterwards).
            let roundsDeadline = best == nil ? deadline.map { d in now() + 0.6 * max(0, d - now()) } : deadline
            try generation.run(
                live,
                stop: .init(deadline: roundsDeadline, clock: now, target: roundsTarget(), shouldStop: { stopped || race.proved },
                            gap: options.branchAndPrice ? nil : options.rootRoundsGap),
                report: { round, _, bound in
                    lower = max(lower, roundedBound(bound))
                    // Every so many rounds, a plan from the master's values, polished even when it
                    // starts above the incumbent.
                    if round % Self.roundingEvery == 0, let search = localSearch, let x = generation.lastPairValues(), let plan = search.plan(from: x) {
                        offer(search.improve(plan, stop: { stopped || outOfTime() }) ?? plan, polished: true)
                    }
                    _ = report()
                })
            // A short time limit on a large problem may stop the rounds before their duals
            // give a finite bound: one pricing round at duals of its own gives one all the same.
            if !generation.bound.isFinite { generation.cheapestPairBound(clock: now) }
            lower = max(lower, roundedBound(generation.bound))
            stats.columnGenerationRounds = generation.iterations
            stats.converged = generation.converged
            stats.decompositionBound = generation.bound.isFinite ? generation.bound : nil
            stats.columnGenerationSeconds = now() - cgStart
            stats.relaxationSeconds = lpSeconds

            // 2. Price-and-branch: the restricted master as an integer program.
            func integerMasterPlan(share: Double) throws {
                guard !closed() && !cutOff() && !stopped && !race.proved && !outOfTime() && share > 0 else { return }
                let t0 = now()
                var masterOptions = options.solverOptions
                masterOptions.presolve = false
                masterOptions.relaxationOnly = false
                masterOptions.relativeGap = options.relativeGap
                masterOptions.timeLimit = timeLeft().map { $0 * share }
                masterOptions.objectiveTarget = goodEnough()
                let (model, startVector) = integerMaster(layout: layout, columns: generation.columns, incumbent: best)
                if raceThread != nil { masterOptions.progressInterval = 0.02 }
                let result = try solver.solve(model, options: masterOptions, start: startVector, progress: { [upper, lower] p in
                    if race.proved { return .stop }
                    var q = p
                    if let i = q.incumbent { q.incumbent = min(i, upper) } else if upper.isFinite { q.incumbent = upper }
                    q.bestBound = lower.isFinite ? lower : nil
                    q.gap = q.incumbent.flatMap { u in q.bestBound.map { SolveResult.relativeGap(objective: u, bound: $0) } }
                    return progress?(q) ?? .proceed
                })
                peakBytes = max(peakBytes, result.peakSolverBytes)
                if result.termination == .interrupted && !race.proved { stopped = true }
                if result.primal != .none {
                    let fixed = layout.fixedColumnCount
                    let plan = generation.columns.indices.filter { result.values[fixed + $0] > 0.5 }.flatMap { generation.columns[$0].pairs }
                    offer(plan)
                    if stats.masterPlanObjective == nil { stats.masterPlanObjective = problem.objectiveValue(ofPlan: plan.sorted()) }
                }
                stats.masterIntegerSeconds += now() - t0
                _ = report()
            }
            let search = BranchAndPrice(generation: generation, pseudoCosts: options.pseudoCosts)
            let hooks = BranchAndPrice.Hooks(
                now: now, deadline: deadline, shouldStop: { stopped || race.proved || cutOff() }, upper: { upper }, tolerance: tolerance,
                roundBound: roundedBound, offer: { offer($0) },
                heuristic: { try integerMasterPlan(share: 0.1) }, heuristicInterval: 50,
                report: { bound, solved in
                    lower = max(lower, bound)
                    _ = report(nodes: solved)
                }, diveEvery: options.diveEvery,
                round: localSearch.map { search in
                    { x in if let plan = search.plan(from: x) { offer(search.improve(plan, stop: { stopped || outOfTime() }) ?? plan, polished: true) } }
                })
            // The root's bound and duals, kept for the fixing: a dive moves the master elsewhere.
            let rootBound = generation.bound, rootDuals = generation.boundDuals
            if let rootDuals, rootBound.isFinite { certificate = LagrangianCertificate(layout: layout, duals: rootDuals, bound: rootBound, columns: generation.columns) }
            rootUsage = generation.agentUsage()
            // A dive from the root first: it often finds the optimal plan at once, in less time
            // than the integer master takes (Nghệ An: 0.9 s against 1.2 s end to end).
            var masterShare = options.masterIntegerShare
            if options.branchAndPrice && options.diveEvery > 0 && !closed() && !cutOff() && !stopped && !race.proved && !outOfTime() {
                let before = upper
                try search.dive(live, from: BranchRules(), hooks: hooks)
                try generation.enter(BranchRules(), live: live)
                stats.dives = search.dives
                // A plan from the dive leaves the integer master a second opinion: a fifth of its
                // time (the joint advice, Nghệ An --train 3 --hire 2: 11.4 s of master searching
                // past the dive's optimal plan; 2.5 s with a fifth).
                if upper < before { masterShare *= 0.2 }
            }
            try integerMasterPlan(share: masterShare)

            // 3. Reduced-cost fixing at the root, then branch-and-price on what is left.
            guard options.branchAndPrice && !closed() && !cutOff() && !stopped && !race.proved && !outOfTime() else { return }
            var root = BranchRules()
            if upper.isFinite, let duals = rootDuals, rootBound.isFinite {
                let t0 = now()
                let margin = tolerance(upper)
                let (pairBound, agentBound) = generation.fixingBounds(duals: duals, bound: rootBound)
                let keep = Set(best ?? [])
                root.fixedOut = Set(problem.pairs.indices.filter { pairBound[$0] > upper + margin && !keep.contains($0) })
                // Versions of a person that no plan better than the incumbent chooses.
                if let agentBound, let best {
                    var byAgent = [[Int]](repeating: [], count: problem.agents.count)
                    for k in best { byAgent[problem.pairs[k].agent].append(k) }
                    let used = Set(problem.chosenAgents(byAgent: byAgent) ?? [])
                    for group in problem.groups { for i in group where agentBound[i] > upper + margin && !used.contains(i) { root.closedAgents.insert(i) } }
                }
                stats.fixedPairs = root.fixedOut.count
                stats.remainingPairs = problem.pairs.count - root.fixedOut.count
                stats.fixingSeconds = now() - t0
            }
            let t1 = now()
            let outcome = try search.run(live, root: root, rootBound: lower, hooks: hooks)
            stats.dives = search.dives
            stats.pairsFixedInTree = search.fixedInTree
            nodes = search.nodesSolved
            stats.branchNodes = search.nodesSolved
            stats.deepestBranch = search.deepest
            stats.branchSeconds = now() - t1
            if outcome.exhausted {
                // Every node was closed or its bound came within the tolerance of the incumbent.
                exhausted = true
                if upper.isFinite { lower = max(lower, upper - tolerance(upper)) }
            } else {
                lower = max(lower, roundedBound(outcome.bound))
            }
        }
        takeRace()
        let infeasible = (exhausted && !upper.isFinite) || (stats.raceProvedInfeasible && best == nil)

        var result = EngineResult(
            termination: .optimal, primal: .none, plan: best, objective: best == nil ? nil : upper,
            bestBound: nil, relativeGap: nil, nodes: nodes, stats: stats, firstIncumbentSeconds: firstIncumbentSeconds,
            peakSolverBytes: peakBytes, message: nil, rootCertificate: certificate, rootAgentUsage: rootUsage)
        if best == nil {
            result.termination = infeasible ? .infeasible : cutOff() ? .cutoff : stopped ? .interrupted : outOfTime() ? .timeLimit : .solverFailure
            // No plan, but the bound holds all the same.
            result.bestBound = lower.isFinite && !infeasible ? lower : nil
            return result
        }
        let bound = lower.isFinite ? min(lower, upper) : nil
        result.bestBound = bound
        result.relativeGap = bound.map { SolveResult.relativeGap(objective: upper, bound: $0) }
        (result.termination, result.primal) = Self.verdict(
            plan: upper, bound: bound, exhausted: exhausted, closed: closed(), stopped: stopped, relativeGap: options.relativeGap,
            cutOff: cutOff())
        return result
    }

    /// Root rounds between two plans built from the master's values (``LocalSearch/plan(from:)``).
    static let roundingEvery = 20

    /// What a search that has a plan of value `plan` ended with. `exhausted`: every node of the
    /// tree was closed, each within the requested gap of the plan (so the gap is reached, even
    /// where the bound taken from it, `plan − tolerance`, lands a rounding error beyond it);
    /// `closed`: the bound held is within the requested gap.
    static func verdict(
        plan upper: Double, bound: Double?, exhausted: Bool, closed: Bool, stopped: Bool, relativeGap: Double, cutOff: Bool = false
    ) -> (TerminationReason, PrimalStatus) {
        let meets = bound.map { upper - $0 <= provenTolerance * max(1, abs(upper)) * (1 + 1e-9) } ?? false
        if meets || (exhausted && relativeGap <= provenTolerance) {
            // The bound meets the plan, or the tree was searched to a proof's tolerance.
            return (.optimal, .optimal)
        }
        if cutOff { return (.cutoff, .feasible) }
        if exhausted || closed {
            // Within the requested gap, which is wider than a proof's tolerance.
            return (.gapReached, .feasible)
        }
        return (stopped ? .interrupted : .timeLimit, .feasible)
    }

    /// A plan this close to the bound (relative) is optimal, as MIP solvers count it.
    public static let provenTolerance = 1e-6

    /// The compact LP's duals of the rows the master shares with it (0 where the model has no
    /// such row).
    static func masterDuals(from duals: [Double], of model: CompactModel, problem: AssignmentProblem) -> (items: [Double], needs: [Double], sides: [Double]) {
        func pick(_ rows: [ConstraintIndex?], _ count: Int) -> [Double] {
            (0..<count).map { k in k < rows.count ? rows[k].map { duals[$0.rawValue] } ?? 0 : 0 }
        }
        return (pick(model.itemRows, problem.items.count), pick(model.needRows, problem.needs.count), pick(model.sideRows, problem.sideRows.count))
    }

    /// The restricted master with a binary per set column (artificials fixed at zero), and the
    /// incumbent as a full start vector when its sets are columns.
    func integerMaster(layout: MasterLayout, columns: [SetColumn], incumbent: [Int]?) -> (LinearModel, [Double]?) {
        var model = LinearModel(name: "master_ip", sense: .minimize)
        for (v, variable) in layout.base.variables.enumerated() {
            let upper = layout.artificial[v] ? 0 : variable.upper
            model.addVariable(variable.name, kind: .continuous, lower: variable.lower, upper: upper, objective: variable.objective)
        }
        var rowTerms = [[(VariableIndex, Double)]](repeating: [], count: layout.rowCount)
        for (v, rows) in layout.fixedColumnRows.enumerated() { for (r, a) in rows { rowTerms[r].append((VariableIndex(v), a)) } }
        for (n, column) in columns.enumerated() {
            let v = model.addVariable("set_\(column.agent)_\(n)", kind: .binary, lower: 0, upper: 1, objective: column.objective)
            for (r, a) in layout.entries(of: column) { rowTerms[r].append((v, a)) }
        }
        for (r, constraint) in layout.base.constraints.enumerated() {
            model.addConstraint(constraint.name, rowTerms[r], lower: constraint.lower, upper: constraint.upper)
        }
        guard let incumbent else { return (model, nil) }
        let problem = layout.problem
        var byAgent = [[Int]](repeating: [], count: problem.agents.count)
        for k in incumbent { byAgent[problem.pairs[k].agent].append(k) }
        var values = [Double](repeating: 0, count: model.variables.count)
        let fixed = layout.fixedColumnCount
        // One column per unit: its chosen agent's set.
        guard let chosenAgents = problem.chosenAgents(byAgent: byAgent) else { return (model, nil) }
        let isChosen = Set(chosenAgents)
        var chosen = 0
        for (n, column) in columns.enumerated() where isChosen.contains(column.agent) && byAgent[column.agent] == column.pairs {
            values[fixed + n] = 1
            chosen += 1
        }
        guard chosen == problem.units.count else { return (model, nil) }
        // Slacks and min-max columns at the least values the rows allow.
        let agentsOfItem = Dictionary(grouping: incumbent, by: { problem.pairs[$0].item }).mapValues { Set($0.map { problem.pairs[$0].agent }) }
        for (n, need) in problem.needs.enumerated() {
            if let slack = layout.needSlackColumn[n] {
                let met = need.holders.contains { agentsOfItem[need.item]?.contains($0) ?? false }
                values[slack] = met ? 0 : 1
            }
        }
        let chosenColumns = columns.indices.filter { values[fixed + $0] == 1 }.map { columns[$0] }
        if let c = layout.classMaxColumn { values[c] = chosenColumns.map(\.classDeviation).max() ?? 0 }
        if let c = layout.utilMaxColumn { values[c] = chosenColumns.map(\.utilisation).max() ?? 0 }
        return (model, values)
    }

}

/// The state the engine shares with a raced compact search: its result, and who ended first.
final class CompactRace: @unchecked Sendable {
    private let lock = NSLock()
    private var over = false
    private var finished: SolveResult?

    /// Whether the engine has finished (the raced search should stop).
    var isOver: Bool { lock.withLock { over } }
    /// Whether the raced search has proven its answer (the engine may stop).
    var proved: Bool { lock.withLock { finished.map { $0.primal == .optimal || $0.termination == .infeasible } ?? false } }
    var result: SolveResult? { lock.withLock { finished } }

    func end() { lock.withLock { over = true } }
    func finish(_ result: SolveResult?) { lock.withLock { finished = result } }
}
