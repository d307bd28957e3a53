import AssignmentEngine
import DiaBanCore
import Foundation
import LinearModel

/// The outcome of planning, in a planner's words.
public enum PlanStatus: String, Sendable, Codable {
    /// The plan is proven optimal.
    case optimal
    /// A valid plan, not proven optimal: the gap says how far from optimal it may be.
    case feasible
    /// No plan satisfies the hard rules.
    case infeasible
    /// No plan was found within the time limit.
    case noSolution = "no-solution"
    /// Stopped by the user; the best plan so far, if any, is kept.
    case interrupted
    /// The solver failed.
    case failed

    /// The status of a whole made of parts solved apart (provinces): the worst failure any part
    /// had, else optimal when every part is, else feasible.
    public static func joined(_ parts: [PlanStatus]) -> PlanStatus {
        parts.contains(.failed) ? .failed
            : parts.contains(.infeasible) ? .infeasible
            : parts.contains(.interrupted) ? .interrupted
            : parts.contains(.noSolution) ? .noSolution
            : parts.allSatisfy { $0 == .optimal } ? .optimal : .feasible
    }
}

/// How to plan: the scenario's solver settings, overridden by the command line.
public struct PlanRequest: Sendable {
    public var timeLimit: Double?
    public var gap: Double
    public var solverOptions: SolverOptions
    /// Hand the heuristic's plan to the solver as its first incumbent.
    public var warmStart: Bool
    /// Remove pairs the LP relaxation proves useless before searching (needs the warm start).
    /// Off by default: on the Nghệ An baseline GLPK's search was slower on the smaller model
    /// (no proof in 400 s against a proof in 3,095 nodes without it).
    public var reducedCostFixing = false
    /// A plan to offer as the first incumbent as well (e.g. the previous point of a sweep):
    /// used when it keeps every hard rule and is no worse than the heuristic's plan.
    public var start: Assignment?
    /// Skip the heuristic when `start` keeps every hard rule: the start alone is the first
    /// incumbent (a re-solve of a slightly changed scenario from its baseline's plan).
    public var startSuffices = false
    /// How to solve each level: the decomposition engine (default) or GLPK on the compact model alone.
    public var engine: Engine = .decomposition
    /// Threads the solve may use; nil for every processor.
    public var threads: Int?
    /// With the compact engine: add exactly separated knapsack covers on the capacity rows
    /// (``KnapsackCoverSeparator``) through the solver's cut callback.
    public var exactCovers = false
    /// The decomposition engine's switches (its time limit, gap, threads and GLPK options are
    /// set per level from this request).
    public var engineOptions = EngineOptions()
    /// Another solve's root (``PlanOutcome/rootCertificate``) for the decomposition engine to
    /// start from — its duals and its columns — instead of the compact LP: a re-solve of a
    /// slightly changed scenario (an advice's candidate) then takes a few rounds, not the
    /// whole column generation. Used when the scenario solves as one weighted problem.
    public var rootStart: LagrangianCertificate?

    public enum Engine: String, Sendable, Codable, CaseIterable {
        /// Column generation, price-and-branch, reduced-cost fixing, then GLPK on what is left
        /// (`DecompositionEngine`).
        case decomposition
        /// GLPK's branch-and-cut on the compact model, warm-started.
        case compact
    }
    public init(scenario: Scenario, timeLimit: Double? = nil, gap: Double? = nil, warmStart: Bool = true, solverOptions: SolverOptions = SolverOptions()) {
        self.timeLimit = timeLimit ?? scenario.solver.timeLimit
        self.gap = gap ?? scenario.solver.gap
        self.warmStart = warmStart
        self.solverOptions = solverOptions
    }
}

/// One solved level of a priorities (lexicographic) solve, or the single weighted level.
public struct LevelResult: Sendable {
    public var terms: [ObjectiveTerm]
    public var result: SolveResult
    /// The limit fixed for later levels (nil for the last level).
    public var limit: Double?
}

/// Everything a solve reports.
public struct PlanOutcome: Sendable {
    public var scenarioName: String
    public var status: PlanStatus
    /// The plan (nil when none was found).
    public var plan: Assignment?
    /// Terms and points of the current assignment and of the plan.
    public var before: TermValues
    public var after: TermValues?
    public var beforePoints: [ObjectiveTerm: Double]
    public var afterPoints: [ObjectiveTerm: Double]?
    /// Objective recomputed from the plan (points), and the solver's own numbers.
    public var objective: Double?
    public var bestBound: Double?
    public var gap: Double?
    public var nodes: Int
    /// Hard rules the current assignment breaks (it may predate today's rules).
    public var currentViolations: [RuleViolation]
    /// Hard rules the plan breaks: always empty for a valid plan (checked on every solve).
    public var planViolations: [RuleViolation]
    public var findings: [Finding]
    public var kpisBefore: KPIs
    public var kpisAfter: KPIs?
    public var proposal: Proposal
    public var levels: [LevelResult]
    public var heuristic: Heuristic.Result?
    /// Why there is no valid plan, when there is none.
    public var explanation: InfeasibilityExplanation?
    public var stats: Stats
    public var timings: Timings
    /// The duals of the decomposition's root bound (one weighted level only), to bound changed
    /// scenarios without solving them (``Planner/lowerBound(of:at:threads:)``).
    public var rootCertificate: LagrangianCertificate?
    /// When the scenario was solved province by province: each province's part and solve
    /// (their points add up to this outcome's).
    public var provinces: [ProvinceOutcome]?

    public struct Stats: Sendable, Codable, Equatable {
        public var variables: Int
        public var binaries: Int
        public var constraints: Int
        public var nonZeros: Int
        public var eligiblePairs: Int
        public var prunedPairs: Int
        public var startAccepted: Bool
        public var startObjective: Double?
        /// Pairs removed by reduced-cost fixing before the search (they cannot be in an optimal plan).
        public var fixedByReducedCost: Int = 0
        /// The LP relaxation's bound used for that fixing.
        public var rootBound: Double?
        /// What the decomposition engine did, one entry per level it solved.
        public var engine: [EngineStats]?
        public var peakSolverBytes: Int
    }
    public struct Timings: Sendable, Codable, Equatable {
        public var buildSeconds: Double
        public var heuristicSeconds: Double
        public var solveSeconds: Double
        public var reportSeconds: Double
        public var firstIncumbentSeconds: Double?
    }
}

/// Scenario → integer program → plan, KPIs and proposal. Solver-agnostic: give it any
/// `MIPSolver` (the command line gives GLPK).
public struct Planner: Sendable {
    public let solver: any MIPSolver
    public init(solver: any MIPSolver) { self.solver = solver }

    public func plan(
        _ scenario: Scenario, request: PlanRequest,
        progress: (@Sendable (SolveProgress) -> ProgressDecision)? = nil
    ) throws -> PlanOutcome {
        var clock = Clock()
        // The search stops early enough to leave time for the KPIs and the proposal: the time
        // limit is a promise for the whole run.
        let deadline = request.timeLimit.map { Date().addingTimeInterval($0 - min(1.0, 0.1 * $0)) }
        let context = PlanContext(scenario: scenario)
        if let provinces = ProvinceSplit.provinces(of: context) {
            return try planByProvince(context, provinces: provinces, request: request, progress: progress)
        }
        let findings = QuickChecks.run(context)
        let before = context.evaluate(scenario.current)
        let kpisBefore = context.kpis(scenario.current)
        let base = PlanModel(context: context)
        let buildSeconds = clock.lap()

        var outcome = PlanOutcome(
            scenarioName: scenario.name, status: .infeasible, plan: nil, before: before, after: nil,
            beforePoints: before.points(scenario.weights, coverage: scenario.rules.coverage), afterPoints: nil,
            objective: nil, bestBound: nil, gap: nil, nodes: 0,
            currentViolations: context.hardViolations(scenario.current), planViolations: [], findings: findings,
            kpisBefore: kpisBefore, kpisAfter: nil, proposal: Proposal(moves: []), levels: [], heuristic: nil, explanation: nil,
            stats: .init(variables: base.model.variables.count, binaries: base.model.integerVariableCount,
                         constraints: base.model.constraints.count, nonZeros: base.model.nonZeroCount,
                         eligiblePairs: context.eligibility.pairs.count, prunedPairs: context.eligibility.prunedCount,
                         startAccepted: false, startObjective: nil, peakSolverBytes: 0),
            timings: .init(buildSeconds: buildSeconds, heuristicSeconds: 0, solveSeconds: 0, reportSeconds: 0, firstIncumbentSeconds: nil))

        func explain() throws {
            var options = request.solverOptions
            options.relativeGap = 1e-6
            // The time limit is a promise for the whole run: the explanation gets what is left
            // (at least a moment, so that small scenarios are still explained).
            options.timeLimit = deadline.map { max(0.2, $0.timeIntervalSinceNow) } ?? 60
            outcome.explanation = try explainInfeasibility(context, options: options)
        }
        if findings.contains(where: { $0.severity == .error }) {
            outcome.status = .infeasible
            try explain()
            return outcome
        }

        // First incumbent: the repaired current assignment, improved by local search.
        var start: Assignment?
        let givenIsValid = request.start.map { context.hardViolations($0).isEmpty } ?? false
        if request.warmStart && !(request.startSuffices && givenIsValid) {
            // The deadline is a safety net for very large scenarios; on a province the local
            // search reaches its local optimum long before, so the start is reproducible.
            let budget = request.timeLimit.map { max(1, $0 * 0.25) } ?? 60
            let h = Heuristic(context: context).run(deadline: Date().addingTimeInterval(budget))
            outcome.heuristic = h
            if h.isFeasible { start = h.assignment; outcome.stats.startObjective = h.objective }
        }
        if let given = request.start, givenIsValid {
            let value = context.objective(given)
            if start == nil || value <= (outcome.stats.startObjective ?? .infinity) {
                start = given
                outcome.stats.startObjective = value
            }
        }
        outcome.timings.heuristicSeconds = clock.lap()

        // A smaller model: drop pairs the LP relaxation proves no plan better than the start uses.
        var model = base
        let levels: [[ObjectiveTerm]] = Self.levels(scenario.priorities)
        if request.reducedCostFixing, request.engine == .compact, levels.count == 1, start != nil, let startObjective = outcome.stats.startObjective {
            var options = request.solverOptions
            if let deadline { options.timeLimit = max(0.05, deadline.timeIntervalSinceNow) }
            if let fixing = try ReducedCostFixing.run(base, incumbent: startObjective, solver: solver, options: options), !fixing.excluded.isEmpty {
                model = PlanModel(context: context, levels: [], excluded: fixing.excluded)
                outcome.stats.fixedByReducedCost = fixing.excluded.count
                outcome.stats.rootBound = fixing.lpBound
            }
        }
        outcome.timings.buildSeconds += clock.lap()

        // One weighted level, or the priority levels in order.
        var fixed: [(terms: [ObjectiveTerm], limit: Double)] = []
        var last: SolveResult?
        var lastModel = model
        var solveSeconds = 0.0
        for (n, terms) in levels.enumerated() {
            let pm = levels.count == 1 ? model : PlanModel(context: context, levels: fixed, objectiveTerms: terms)
            var options = request.solverOptions
            options.relativeGap = request.gap
            // An earlier level is fixed with a tolerance (priorityTolerance) anyway: solving it
            // closer than half of that changes nothing the later levels may use.
            if n + 1 < levels.count { options.relativeGap = max(request.gap, scenario.priorityTolerance / 2) }
            // Each remaining level gets an equal share of the time that is left.
            if let deadline { options.timeLimit = max(0.05, deadline.timeIntervalSinceNow / Double(levels.count - n)) }
            let (result, engineStats, certificate) = try solveLevel(
                pm, levels: levels.count == 1 ? [] : fixed, objectiveTerms: levels.count == 1 ? nil : terms,
                start: start, options: options, request: request, progress: progress)
            if let engineStats { outcome.stats.engine = (outcome.stats.engine ?? []) + [engineStats] }
            if levels.count == 1 { outcome.rootCertificate = certificate }
            solveSeconds += result.wallSeconds
            if n == 0 { outcome.stats.startAccepted = result.startAccepted }
            outcome.stats.peakSolverBytes = max(outcome.stats.peakSolverBytes, result.peakSolverBytes)
            if outcome.timings.firstIncumbentSeconds == nil, let t = result.firstIncumbentSeconds {
                outcome.timings.firstIncumbentSeconds = outcome.timings.buildSeconds + outcome.timings.heuristicSeconds + t
            }
            last = result
            lastModel = pm
            var limit: Double?
            if result.primal != .none, let value = result.objective, n + 1 < levels.count {
                let l = value + max(scenario.priorityTolerance * abs(value), 1e-6)
                fixed.append((terms, l))
                limit = l
                start = pm.assignment(from: result.values)
            }
            outcome.levels.append(LevelResult(terms: terms, result: result, limit: limit))
            if result.primal == .none || result.termination == .interrupted { break }
        }
        outcome.timings.solveSeconds = solveSeconds
        var reportClock = Clock()

        guard let result = last else { return outcome }
        outcome.nodes = outcome.levels.reduce(0) { $0 + $1.result.nodes }
        let completed = outcome.levels.count == levels.count
        switch (result.termination, result.primal) {
        case (.infeasible, _): outcome.status = .infeasible
        case (.unbounded, _), (.solverFailure, _): outcome.status = .failed
        case (.interrupted, _): outcome.status = .interrupted
        case (_, .none): outcome.status = .noSolution
        case (.optimal, .optimal) where completed: outcome.status = .optimal
        // Stopped at the requested gap: optimal when that gap is a solver's usual tolerance.
        case (.gapReached, _) where completed && request.gap <= Self.optimalityTolerance: outcome.status = .optimal
        default: outcome.status = .feasible
        }
        if result.primal != .none {
            let plan = lastModel.assignment(from: result.values)
            let after = context.evaluate(plan)
            outcome.plan = plan
            outcome.after = after
            outcome.afterPoints = after.points(scenario.weights, coverage: scenario.rules.coverage)
            outcome.objective = context.objective(of: after)
            if levels.count == 1 {
                outcome.bestBound = result.bestBound
                outcome.gap = result.relativeGap ?? (result.primal == .optimal ? 0 : nil)
            } else {
                outcome.gap = result.primal == .optimal && completed ? 0 : result.relativeGap
            }
            outcome.planViolations = context.hardViolations(plan)
            outcome.kpisAfter = context.kpis(plan)
            outcome.proposal = context.proposal(for: plan)
        }
        if outcome.status == .infeasible { try explain() }
        outcome.timings.reportSeconds = reportClock.lap()
        return outcome
    }

    /// A plan within this relative gap of the best bound is reported as optimal (as MIP solvers
    /// do by default); the gap itself is always reported too.
    public static let optimalityTolerance = 1e-4

    /// The levels of a priority list: each term once, in order; terms not named come last, together.
    static func levels(_ priorities: [ObjectiveTerm]?) -> [[ObjectiveTerm]] {
        guard let priorities, !priorities.isEmpty else { return [ObjectiveTerm.allCases] }
        var seen = Set<ObjectiveTerm>()
        var levels: [[ObjectiveTerm]] = []
        for term in priorities where seen.insert(term).inserted {
            // `balance` (mountain then workload balance, side by side) is one level.
            if term == .workloadBalance, levels.last == [.mountainBalance] { levels[levels.count - 1].append(term) } else { levels.append([term]) }
        }
        let rest = ObjectiveTerm.allCases.filter { !seen.contains($0) }
        if !rest.isEmpty { levels.append(rest) }
        return levels
    }
}

/// Monotonic lap timer.
struct Clock {
    private var last = DispatchTime.now().uptimeNanoseconds
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
