@testable import AssignmentEngine
import DiaBanTestSupport
import GLPKSolver
import LinearModel
import ScenarioIO
import Testing

/// The engine against enumeration on random small problems: the optimum it proves, the bounds
/// it reports on the way (the Lagrangian bound at every round, the bound with each pair), and
/// infeasibility.
@Suite struct EngineTests {
    struct Case: Sendable, CustomStringConvertible {
        var agents: Int
        var items: Int
        var features: Features
        var seed: UInt64
        var description: String { "\(agents)x\(items) \(features) seed \(seed)" }
    }

    static let cases: [Case] = {
        var out: [Case] = []
        for (m, features) in Features.mixes.enumerated() {
            for seed in 0..<UInt64(4) {
                let agents = 2 + Int(seed % 3)
                let items = 4 + Int((seed + UInt64(m)) % 3)
                out.append(Case(agents: agents, items: items, features: features, seed: seed * 101 + UInt64(m)))
            }
        }
        return out
    }()

    static func engine() -> DecompositionEngine { DecompositionEngine(solver: GLPKSolver(), lpSolver: GLPKSolver()) }

    @Test(arguments: cases)
    func provenOptimumEqualsEnumeration(_ c: Case) throws {
        let problem = randomProblem(agents: c.agents, items: c.items, features: c.features, seed: c.seed)
        let truth = bruteForce(problem).best
        let result = try Self.engine().solve(problem, incumbent: nil, options: EngineOptions(timeLimit: 60, threads: 2))
        guard let truth else {
            #expect(result.plan == nil, "\(c): enumeration finds no plan, the engine returned one")
            #expect(result.termination == .infeasible, "\(c): \(result.termination)")
            return
        }
        #expect(result.primal == .optimal, "\(c): \(result.termination) \(result.primal)")
        let plan = try #require(result.plan)
        let value = try #require(referenceObjective(problem, plan: plan), "\(c): the engine's plan breaks a rule")
        #expect(abs(value - truth) <= 1e-6 * max(1, abs(truth)), "\(c): engine \(value), enumeration \(truth)")
        #expect(abs((result.objective ?? .nan) - truth) <= 1e-6 * max(1, abs(truth)))
        let bound = try #require(result.bestBound)
        #expect(bound <= truth + 1e-6 * max(1, abs(truth)), "\(c): bound \(bound) above the optimum \(truth)")
    }

    /// Rounds stopped within a gap of their master's value prove a bound below the optimum and
    /// no more than that gap below the converged root's, in no more rounds.
    @Test(arguments: cases.filter { $0.seed % 2 == 1 })
    func rootRoundsStoppedWithinAGapProveABound(_ c: Case) throws {
        let problem = randomProblem(agents: c.agents, items: c.items, features: c.features, seed: c.seed)
        guard let truth = bruteForce(problem).best else { return }
        var options = EngineOptions(timeLimit: 60, threads: 1, branchAndPrice: false, localSearch: false)
        options.masterIntegerShare = 0
        let full = try Self.engine().solve(problem, incumbent: nil, options: options)
        let gap = 0.05
        options.rootRoundsGap = gap
        let early = try Self.engine().solve(problem, incumbent: nil, options: options)
        let bound = try #require(early.bestBound ?? early.stats.decompositionBound)
        #expect(bound <= truth + 1e-6 * max(1, abs(truth)), "\(c): bound \(bound) above the optimum \(truth)")
        #expect(early.stats.columnGenerationRounds <= full.stats.columnGenerationRounds)
        // The agents' use is read from the last master solved, not lost with the columns added after it.
        let usage = try #require(early.rootAgentUsage)
        #expect(usage.reduce(0, +) > 0.5, "\(c): the root's agents used \(usage)")
        let root = try #require(full.stats.decompositionBound)
        if root >= 1 {
            #expect(bound >= root * (1 - gap) - 1e-6 * root, "\(c): bound \(bound), the converged root's \(root)")
        }
    }

    /// Starting from a feasible plan (the worst one) exercises fixing against an incumbent.
    @Test(arguments: cases.filter { $0.seed % 2 == 0 })
    func warmStartedOptimumEqualsEnumeration(_ c: Case) throws {
        let problem = randomProblem(agents: c.agents, items: c.items, features: c.features, seed: c.seed)
        let plans = everyPlan(problem).compactMap { plan in referenceObjective(problem, plan: plan).map { (plan, $0) } }
        guard let worst = plans.max(by: { $0.1 < $1.1 }), let truth = plans.map(\.1).min() else { return }
        let result = try Self.engine().solve(problem, incumbent: worst.0, options: EngineOptions(timeLimit: 60, threads: 1))
        #expect(result.primal == .optimal, "\(c)")
        #expect(abs((result.objective ?? .nan) - truth) <= 1e-6 * max(1, abs(truth)), "\(c): engine \(result.objective ?? .nan), enumeration \(truth)")
    }

    /// Every round's Lagrangian bound is below the optimum, the converged bound is at least the
    /// compact LP's, and the bound with each pair is below the best plan that uses the pair —
    /// which is what makes leaving a pair out exact.
    @Test(arguments: cases.filter { !$0.features.contains(.offGrid) })
    func boundsAreValid(_ c: Case) throws {
        let problem = randomProblem(agents: c.agents, items: c.items, features: c.features, seed: c.seed)
        let (truth, bestWith) = bruteForce(problem)
        guard let truth else { return }
        let layout = MasterLayout(problem: problem, artificialCost: 1e7)
        try GLPKSolver().withLiveProgram(layout.base, options: SolverOptions(relaxationOnly: true)) { live in
            let generation = ColumnGeneration(problem: problem, layout: layout, threads: 1, smoothing: 0.5, alternatives: 2)
            var bounds: [Double] = []
            try generation.run(live, stop: .init(deadline: nil, clock: { 0 }, target: nil, shouldStop: { false }), report: { _, _, b in bounds.append(b) })
            #expect(generation.converged)
            for b in bounds { #expect(b <= truth + 1e-6 * max(1, abs(truth)), "\(c): a round's bound \(b) is above the optimum \(truth)") }
            let duals = try #require(generation.boundDuals)
            let withPair = generation.pairBounds(duals: duals, bound: generation.bound)
            for (k, bound) in withPair.enumerated() where bestWith[k].isFinite {
                #expect(bound <= bestWith[k] + 1e-6 * max(1, abs(bestWith[k])), "\(c): pair \(k): bound \(bound) > best plan with it \(bestWith[k])")
            }
        }
    }

    /// A master LP that the clock stops (a busy machine, a short limit) ends the rounds with the
    /// bound proved so far; it is not a solver failure.
    @Test func aMasterStoppedByTheClockEndsTheRounds() throws {
        let problem = randomProblem(agents: 4, items: 9, features: [.penalties], seed: 11)
        let layout = MasterLayout(problem: problem, artificialCost: 1e7)
        try GLPKSolver().withLiveProgram(layout.base, options: SolverOptions(relaxationOnly: true)) { live in
            let clocked = ClockedLive(live, optimalSolves: 2)
            let generation = ColumnGeneration(problem: problem, layout: layout, threads: 1, smoothing: 0, alternatives: 0)
            var rounds = 0
            try generation.run(clocked, stop: .init(deadline: 1e9, clock: { 0 }, target: nil, shouldStop: { false }), report: { _, _, _ in rounds += 1 })
            #expect(clocked.solves == 3, "the rounds went on after the master was stopped")
            #expect(rounds == 2 && generation.iterations == 2)
            #expect(!generation.converged)
            #expect(generation.bound.isFinite, "the bound proved before the stop was lost")
        }
    }

    /// A time limit that ends the rounds before their first master solve still leaves a plan
    /// with a bound: the cheapest-pair Lagrangian bound, which is below the optimum and, with
    /// the incumbent, gives a gap (what `--time-limit` promises on a large scenario).
    @Test(arguments: cases.filter { $0.seed % 2 == 1 })
    func aLimitBeforeTheFirstRoundStillGivesABound(_ c: Case) throws {
        let problem = randomProblem(agents: c.agents, items: c.items, features: c.features, seed: c.seed)
        let plans = everyPlan(problem).compactMap { plan in referenceObjective(problem, plan: plan).map { (plan, $0) } }
        guard let worst = plans.max(by: { $0.1 < $1.1 }), let truth = plans.map(\.1).min() else { return }
        let result = try Self.engine().solve(problem, incumbent: worst.0, options: EngineOptions(timeLimit: 0, threads: 1, dualStart: false))
        #expect(result.stats.columnGenerationRounds == 0, "\(c): the rounds ran past a zero time limit")
        let bound = try #require(result.bestBound, "\(c): a plan without a bound")
        #expect(bound <= truth + 1e-6 * max(1, abs(truth)), "\(c): bound \(bound) above the optimum \(truth)")
        #expect(result.relativeGap != nil)
    }

    /// The root's duals bound a *changed* problem from below: an agent who may meet every
    /// need, or one agent fewer. Checked against enumeration of the changed problem.
    @Test(arguments: cases.filter { $0.features.contains(.softNeeds) || $0.features.contains(.hardNeeds) || $0.seed % 4 == 0 })
    func theRootCertificateBoundsChangedProblems(_ c: Case) throws {
        let problem = randomProblem(agents: c.agents, items: c.items, features: c.features, seed: c.seed)
        guard let truth = bruteForce(problem).best else { return }
        let result = try Self.engine().solve(problem, incumbent: nil, options: EngineOptions(timeLimit: 60, threads: 1))
        let certificate = try #require(result.rootCertificate, "\(c): no certificate from a solved root")
        let tolerance = 1e-6 * max(1, abs(truth))
        #expect(certificate.bound(on: problem) <= truth + tolerance, "\(c): the certificate's bound is above the optimum")

        // Agent 0 may meet every need.
        let trained = Self.trained(problem)
        if let best = bruteForce(trained).best {
            let b = certificate.bound(on: trained)
            #expect(b <= best + 1e-6 * max(1, abs(best)), "\(c): bound \(b) above the trained optimum \(best)")
            #expect(best <= truth + tolerance, "more holders never cost points")
        }

        // The last agent leaves: its pairs go, the needs forget it.
        guard let without = Self.withoutLastAgent(problem) else { return }
        if let best = bruteForce(without).best {
            let b = certificate.bound(on: without)
            #expect(b <= best + 1e-6 * max(1, abs(best)), "\(c): bound \(b) above the optimum without an agent \(best)")
        }
    }

    /// A solve of a changed problem that starts from another root — its duals and its columns,
    /// matched by names (`warm`) — proves the changed problem's own optimum.
    @Test(arguments: cases.filter { $0.seed % 2 == 0 })
    func aSolveStartedFromAnotherRootProvesTheChangedOptimum(_ c: Case) throws {
        let problem = randomProblem(agents: c.agents, items: c.items, features: c.features, seed: c.seed)
        guard bruteForce(problem).best != nil else { return }
        let first = try Self.engine().solve(problem, incumbent: nil, options: EngineOptions(timeLimit: 60, threads: 1))
        let certificate = try #require(first.rootCertificate, "\(c): no certificate from a solved root")
        #expect(certificate.columnCount > 0)
        for (label, changed) in [("trained", Self.trained(problem)), ("without the last agent", Self.withoutLastAgent(problem))] {
            guard let changed else { continue }
            let truth = bruteForce(changed).best
            let result = try Self.engine().solve(changed, incumbent: nil, warm: certificate, options: EngineOptions(timeLimit: 60, threads: 1))
            guard let truth else {
                #expect(result.plan == nil, "\(c) \(label): a plan where enumeration finds none")
                continue
            }
            #expect(result.stats.relaxationBound == nil, "\(c) \(label): the compact LP ran though the solve started from a root")
            #expect(result.termination == .optimal, "\(c) \(label): \(result.termination)")
            let value = try #require(result.objective, "\(c) \(label): no plan")
            #expect(abs(value - truth) <= 1e-6 * max(1, abs(truth)), "\(c) \(label): \(value) against the enumerated \(truth)")
        }
    }

    /// A cutoff below the optimum ends the search with a bound at or above the cutoff and
    /// never above the optimum (termination `.cutoff`); a cutoff above it changes nothing.
    @Test(arguments: cases.filter { $0.seed % 2 == 1 })
    func aCutoffEndsTheSearchWithAProof(_ c: Case) throws {
        let problem = randomProblem(agents: c.agents, items: c.items, features: c.features, seed: c.seed)
        let plans = everyPlan(problem).compactMap { plan in referenceObjective(problem, plan: plan).map { (plan, $0) } }
        guard let worst = plans.max(by: { $0.1 < $1.1 }), let truth = plans.map(\.1).min(), worst.1 > truth + 1e-3 else { return }
        let below = truth - max(1, abs(truth)) * 0.05
        var options = EngineOptions(timeLimit: 60, threads: 1)
        options.cutoff = below
        let cut = try Self.engine().solve(problem, incumbent: worst.0, options: options)
        if cut.termination == .cutoff {
            let bound = try #require(cut.bestBound)
            #expect(bound >= below, "\(c): stopped at bound \(bound) below the cutoff \(below)")
            #expect(bound <= truth + 1e-6 * max(1, abs(truth)), "\(c): bound \(bound) above the optimum \(truth)")
        } else {
            // The search may prove the optimum before its bound passes the cutoff.
            #expect(cut.termination == .optimal, "\(c): \(cut.termination)")
            #expect(abs((cut.objective ?? .nan) - truth) <= 1e-6 * max(1, abs(truth)))
        }
        options.cutoff = worst.1 + 1
        let full = try Self.engine().solve(problem, incumbent: worst.0, options: options)
        #expect(full.termination == .optimal, "\(c): \(full.termination) with a cutoff above every plan")
        #expect(abs((full.objective ?? .nan) - truth) <= 1e-6 * max(1, abs(truth)), "\(c): \(full.objective ?? .nan) against \(truth)")
    }

    /// `problem` with agent 0 able to meet every need.
    static func trained(_ problem: AssignmentProblem) -> AssignmentProblem {
        var trained = problem
        for n in trained.needs.indices where !trained.needs[n].holders.contains(0) {
            trained.needs[n] = .init(name: trained.needs[n].name, item: trained.needs[n].item, holders: trained.needs[n].holders + [0], hard: trained.needs[n].hard)
        }
        return trained
    }

    /// `problem` without its last agent: its pairs go, the needs forget it (nil for one agent).
    static func withoutLastAgent(_ problem: AssignmentProblem) -> AssignmentProblem? {
        let leaving = problem.agents.count - 1
        guard leaving > 0 else { return nil }
        let keep = problem.pairs.indices.filter { problem.pairs[$0].agent != leaving }
        var objective = AssignmentProblem.Costs(pairs: keep.count, agents: leaving)
        objective.pair = keep.map { problem.objective.pair[$0] }
        objective.classDeviation = Array(problem.objective.classDeviation.prefix(leaving))
        objective.loadDeviation = Array(problem.objective.loadDeviation.prefix(leaving))
        objective.unmetNeed = problem.objective.unmetNeed
        objective.largestClassDeviation = problem.objective.largestClassDeviation
        objective.largestUtilisation = problem.objective.largestUtilisation
        let sideRows = problem.sideRows.map { row -> AssignmentProblem.SideRow in
            var costs = AssignmentProblem.Costs(pairs: keep.count, agents: leaving)
            costs.pair = keep.map { row.costs.pair[$0] }
            return .init(name: row.name, costs: costs, limit: row.limit)
        }
        return AssignmentProblem(
            agents: Array(problem.agents.prefix(leaving)), items: problem.items, pairs: keep.map { problem.pairs[$0] },
            needs: problem.needs.map { .init(name: $0.name, item: $0.item, holders: $0.holders.filter { $0 != leaving }, hard: $0.hard) },
            objective: objective, sideRows: sideRows)
    }

    @Test func anInfeasibleProblemIsReportedSo() throws {
        // Two items of weight 2 and one agent of capacity 3: no plan.
        let problem = AssignmentProblem(
            agents: [.init(name: "a", capacity: 3)], items: [.init(name: "x"), .init(name: "y")],
            pairs: [.init(agent: 0, item: 0, weight: 2), .init(agent: 0, item: 1, weight: 2)],
            objective: .init(pairs: 2, agents: 1))
        let result = try Self.engine().solve(problem, incumbent: nil, options: EngineOptions(timeLimit: 10))
        #expect(result.plan == nil)
        #expect(result.termination == .infeasible)
    }

    @Test func aStopKeepsTheIncumbent() throws {
        let problem = randomProblem(agents: 4, items: 7, features: [.penalties, .softNeeds], seed: 7)
        let plans = everyPlan(problem).compactMap { plan in referenceObjective(problem, plan: plan).map { (plan, $0) } }
        let start = try #require(plans.max(by: { $0.1 < $1.1 }))
        let result = try Self.engine().solve(problem, incumbent: start.0, options: EngineOptions(timeLimit: 60), progress: { _ in .stop })
        #expect(result.termination == .interrupted || result.primal == .optimal)
        let plan = try #require(result.plan)
        #expect(referenceObjective(problem, plan: plan) != nil)
        #expect((result.objective ?? .infinity) <= start.1 + 1e-9)
    }

    @Test func engineSettingsParseAndRefuse() throws {
        var options = EngineOptions()
        try options.apply(setting: "smoothing=0.3")
        try options.apply(setting: "branching=off")
        try options.apply(setting: "alternatives=7")
        #expect(options.smoothing == 0.3 && !options.branchAndPrice && options.alternatives == 7)
        #expect(options.settingsDescription.contains("branching=off"))
        #expect(throws: EngineOptions.SettingError.self) { try options.apply(setting: "smoothing=2") }
        #expect(throws: EngineOptions.SettingError.self) { try options.apply(setting: "colour=blue") }
        #expect(throws: EngineOptions.SettingError.self) { try options.apply(setting: "branching") }
    }
}

/// A live program whose solves after the first `optimalSolves` end at the time limit, as
/// GLPK's do when the clock runs out in the middle of a simplex.
final class ClockedLive: LiveLinearProgram {
    let inner: any LiveLinearProgram
    let optimalSolves: Int
    private(set) var solves = 0
    init(_ inner: any LiveLinearProgram, optimalSolves: Int) {
        self.inner = inner
        self.optimalSolves = optimalSolves
    }
    var columnCount: Int { inner.columnCount }
    var rowCount: Int { inner.rowCount }
    func addColumns(_ columns: [LiveColumn]) throws -> Int { try inner.addColumns(columns) }
    func addRows(_ rows: [LiveRow]) throws -> Int { try inner.addRows(rows) }
    func setColumnBounds(_ column: Int, lower: Double, upper: Double) throws { try inner.setColumnBounds(column, lower: lower, upper: upper) }
    func solve(timeLimit: Double?) throws -> LiveSolution {
        solves += 1
        return solves > optimalSolves ? LiveSolution(termination: .timeLimit) : try inner.solve(timeLimit: timeLimit)
    }
}
