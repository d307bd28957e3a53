import Dispatch
import Foundation
import LinearModel

/// Dantzig–Wolfe column generation over agents' sets: the restricted master LP (a live
/// program, re-solved warm after each round of columns) gives duals; each agent's exact
/// pricing (``AgentPricer``) gives its cheapest set at those duals; every set with a negative
/// reduced cost joins the master. At every round the Lagrangian function at the (projected)
/// duals is a valid lower bound on every plan, and when no set prices out it equals the master's
/// LP value: the Dantzig–Wolfe bound, which — unlike the compact LP — sees that an agent's
/// deviation penalties are paid on a whole set.
///
/// Duals are smoothed (Wentges): pricing happens at `α·best + (1 − α)·current`, which damps the
/// oscillation that makes plain column generation tail off; a round that finds nothing at the
/// smoothed point prices again at the master's own duals, so convergence is never lost.
final class ColumnGeneration {
    let problem: AssignmentProblem
    let layout: MasterLayout
    let pairsOfAgent: [[Int]]
    let pricers: [AgentPricer]
    let threads: Int
    /// Weight of the best duals in the smoothed point.
    let smoothing: Double
    /// Sets besides the best one each agent may add per round.
    let alternatives: Int

    private(set) var columns: [SetColumn] = []
    private var known: Set<ColumnKey> = []
    /// Each pair's position in its agent's list (the pricer's order).
    let positionOfPair: [Int]
    /// The branch whose subproblem is being solved: what it decides, each agent's share of it
    /// for pricing, and which columns it leaves open (the others are held at zero).
    private(set) var rules = BranchRules()
    private var restrictions: [AgentPricer.Restriction]
    private var columnOpen: [Bool] = []
    /// Fixed columns whose bounds the branch changes (need slacks), with those bounds.
    private(set) var fixedColumnBounds: [Int: (lower: Double, upper: Double)] = [:]
    /// Column values of the last master solve (fixed columns first, then the set columns).
    private(set) var lastValues: [Double] = []
    /// The best Lagrangian bound so far, the duals that gave it and each agent's value there.
    private(set) var bound = -Double.infinity
    private(set) var boundDuals: [Double]?
    private(set) var boundAgentValues: [Double] = []
    private(set) var iterations = 0
    private(set) var masterValue: Double?
    private(set) var converged = false
    private(set) var pricingSeconds = 0.0
    private(set) var masterSeconds = 0.0

    struct ColumnKey: Hashable {
        let agent: Int
        let pairs: [Int]
    }

    init(problem: AssignmentProblem, layout: MasterLayout, threads: Int, smoothing: Double, alternatives: Int) {
        self.problem = problem
        self.alternatives = max(0, alternatives)
        self.layout = layout
        self.threads = max(1, threads)
        self.smoothing = smoothing
        let byAgent = problem.pairsByAgent()
        pairsOfAgent = byAgent
        var position = [Int](repeating: 0, count: problem.pairs.count)
        for pairs in byAgent { for (p, k) in pairs.enumerated() { position[k] = p } }
        positionOfPair = position
        restrictions = Array(repeating: AgentPricer.Restriction(), count: problem.agents.count)
        pricers = problem.agents.indices.map { AgentPricer(problem: problem, agent: $0, pairs: byAgent[$0]) }
    }

    /// Adds an agent's set as a column when it is new and keeps the agent's own rules; returns
    /// whether it was added.
    @discardableResult
    func offer(agent: Int, pairs set: [Int], to live: any LiveLinearProgram) throws -> Bool {
        let sorted = set.sorted()
        guard !known.contains(ColumnKey(agent: agent, pairs: sorted)) else { return false }
        let measure = problem.measure(agent: agent, pairs: sorted)
        guard problem.isFeasible(agent: agent, pairs: sorted, measure: measure) else { return false }
        try add([layout.column(agent: agent, pairs: sorted)], to: live)
        return true
    }

    /// Starts the master from plans: each plan's set of each agent, then each agent's forced
    /// pairs alone, as columns.
    func seed(plans: [[Int]], to live: any LiveLinearProgram) throws {
        for plan in plans {
            var byAgent = [[Int]](repeating: [], count: problem.agents.count)
            for k in plan where k >= 0 && k < problem.pairs.count { byAgent[problem.pairs[k].agent].append(k) }
            for (i, set) in byAgent.enumerated() { try offer(agent: i, pairs: set, to: live) }
        }
        for (i, pairs) in pairsOfAgent.enumerated() {
            try offer(agent: i, pairs: pairs.filter { problem.pairs[$0].forced }, to: live)
        }
    }

    /// Adds sets from elsewhere (another solve's root) as columns, in one call: of those that
    /// are new and keep their agent's own rules, each agent's `perAgent` cheapest at duals `y`
    /// (by reduced cost). A master of every set the other root priced is slower to re-solve
    /// than the few rounds that bring back any set it misses. Returns how many were added.
    @discardableResult
    func seed(sets: [(agent: Int, pairs: [Int])], duals y: [Double], perAgent: Int, to live: any LiveLinearProgram) throws -> Int {
        var candidates = [[(reducedCost: Double, column: SetColumn)]](repeating: [], count: problem.agents.count)
        var seen = Set<ColumnKey>()
        for (agent, set) in sets {
            let sorted = set.sorted()
            let key = ColumnKey(agent: agent, pairs: sorted)
            guard !known.contains(key), seen.insert(key).inserted else { continue }
            let measure = problem.measure(agent: agent, pairs: sorted)
            guard problem.isFeasible(agent: agent, pairs: sorted, measure: measure) else { continue }
            let column = layout.column(agent: agent, pairs: sorted)
            let reducedCost = layout.entries(of: column).reduce(column.objective) { $0 - y[$1.row] * $1.coefficient }
            candidates[agent].append((reducedCost, column))
        }
        var new: [SetColumn] = []
        for list in candidates {
            // Ties by the sets' pairs, so that the same input gives the same master.
            let chosen = list.sorted { a, b in
                a.reducedCost != b.reducedCost ? a.reducedCost < b.reducedCost : a.column.pairs.lexicographicallyPrecedes(b.column.pairs)
            }.prefix(perAgent)
            new += chosen.map(\.column)
        }
        try add(new, to: live)
        return new.count
    }

    private func add(_ new: [SetColumn], to live: any LiveLinearProgram) throws {
        guard !new.isEmpty else { return }
        let base = layout.fixedColumnCount + columns.count
        let open = new.map { rules.allows($0, problem: problem) }
        try live.addColumns(new.enumerated().map { n, column in
            LiveColumn(name: "set_\(column.agent)_\(base + n)", lower: 0, upper: open[n] ? .infinity : 0, objective: column.objective,
                       terms: layout.entries(of: column))
        })
        for column in new {
            columns.append(column)
            known.insert(ColumnKey(agent: column.agent, pairs: column.pairs))
        }
        columnOpen += open
    }

    /// Moves to the subproblem of `branch`: pricing follows its decisions, and the columns
    /// that break them are held at zero. The bound found so far belonged to another
    /// subproblem and is forgotten.
    func enter(_ branch: BranchRules, live: any LiveLinearProgram) throws {
        rules = branch
        restrictions = Array(repeating: AgentPricer.Restriction(), count: problem.agents.count)
        for k in branch.fixedIn {
            let owner = problem.pairs[k].agent
            restrictions[owner].fixedIn.append(positionOfPair[k])
            for other in problem.units[problem.unitOfAgent[owner]] where other != owner { restrictions[other].closed = true }
        }
        for i in branch.closedAgents { restrictions[i].closed = true }
        for k in branch.fixedOut { restrictions[problem.pairs[k].agent].forbidden.insert(positionOfPair[k]) }
        for i in restrictions.indices { restrictions[i].fixedIn.sort() }
        var slackBounds: [Int: (lower: Double, upper: Double)] = [:]
        for n in branch.needsMet { if let v = layout.needSlackColumn[n] { slackBounds[v] = (0, 0) } }
        for n in branch.needsWaived { if let v = layout.needSlackColumn[n] { slackBounds[v] = (1, 1) } }
        for v in Set(fixedColumnBounds.keys).union(slackBounds.keys) {
            let variable = layout.base.variables[v]
            let (lower, upper) = slackBounds[v] ?? (variable.lower, variable.upper)
            try live.setColumnBounds(v, lower: lower, upper: upper)
        }
        fixedColumnBounds = slackBounds
        let fixed = layout.fixedColumnCount
        for (n, column) in columns.enumerated() {
            let open = branch.allows(column, problem: problem)
            if open != columnOpen[n] {
                try live.setColumnBounds(fixed + n, lower: 0, upper: open ? .infinity : 0)
                columnOpen[n] = open
            }
        }
        bound = -.infinity
        boundDuals = nil
        boundAgentValues = []
        converged = false
    }

    /// Prices every agent at duals `y` (projected), in parallel when allowed.
    func priceAll(_ y: [Double], boundsWithEachPair: Bool = false, alternatives: Int = 0) -> [AgentPricer.Result] {
        let n = problem.agents.count
        let slots = PricingSlots(count: n)
        let layout = layout, pairsOfAgent = pairsOfAgent, pricers = pricers, restrictions = restrictions
        let work: @Sendable (Int) -> Void = { i in
            let data = layout.pricing(agent: i, pairs: pairsOfAgent[i], duals: y)
            var result = pricers[i].price(cost: data.cost, classRate: data.classRate, loadRate: data.loadRate, restriction: restrictions[i],
                                          boundsWithEachPair: boundsWithEachPair, alternatives: alternatives)
            // The agent's constant (its objective and side rows), which every set of it carries.
            let constant = layout.agentConstant(i, duals: y)
            if constant != 0 {
                result.value += constant
                result.withPair = result.withPair?.map { $0 + constant }
            }
            slots.set(i, result)
        }
        let lanes = min(threads, n)
        if lanes > 1 {
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                var i = lane
                while i < n { work(i); i += lanes }
            }
        } else {
            for i in 0..<n { work(i) }
        }
        return slots.values()
    }

    /// Starts from duals that come from elsewhere (the compact LP's): prices every agent there,
    /// keeps the bound they give as the first stability center, and adds the sets found.
    func warmStart(duals y0: [Double], live: any LiveLinearProgram, clock: () -> Double) throws {
        let y = layout.projected(y0)
        let t0 = clock()
        let results = priceAll(y, alternatives: alternatives)
        pricingSeconds += clock() - t0
        let value = layout.lagrangianBound(duals: y, agentValues: results.map(\.value), bounds: fixedColumnBounds)
        if value > bound {
            bound = value
            boundDuals = y
            boundAgentValues = results.map(\.value)
        }
        for (i, result) in results.enumerated() {
            for set in (result.set.map { [$0] } ?? []) + result.alternatives.map(\.set) {
                try offer(agent: i, pairs: set, to: live)
            }
        }
    }

    /// A bound that needs no master solve: the Lagrangian bound at duals that price each
    /// item's staffing row at its cheapest pair and every other row at nothing. Any duals of
    /// the right signs give a valid bound when every agent is priced exactly there, so this
    /// one holds even when the clock stopped the rounds before their first bound (a short time
    /// limit on a large problem); it is kept when it is better than the rounds' own.
    @discardableResult
    func cheapestPairBound(clock: () -> Double) -> Double {
        var cheapest = [Double](repeating: .infinity, count: problem.items.count)
        for (k, pair) in problem.pairs.enumerated() { cheapest[pair.item] = min(cheapest[pair.item], problem.objective.pair[k]) }
        var y = [Double](repeating: 0, count: layout.rowCount)
        for (j, row) in layout.staffRow.enumerated() where cheapest[j].isFinite { y[row] = cheapest[j] }
        y = layout.projected(y)
        let t0 = clock()
        let results = priceAll(y)
        pricingSeconds += clock() - t0
        let value = layout.lagrangianBound(duals: y, agentValues: results.map(\.value), bounds: fixedColumnBounds)
        if value > bound {
            bound = value
            boundDuals = y
            boundAgentValues = results.map(\.value)
        }
        return value
    }

    /// The value of each soft need's slack in the last master solution (nil for hard needs).
    func needSlackValues() -> [Double?] {
        layout.needSlackColumn.map { $0.flatMap { $0 < lastValues.count ? lastValues[$0] : nil } }
    }

    /// How much each agent is used in the last master solution (Σ of its columns' values):
    /// which version of a group the master leans to. Columns added since that solution (rounds
    /// stopped before they converged end with a round that added some) are not in it.
    func agentUsage() -> [Double] {
        let fixed = layout.fixedColumnCount
        var u = [Double](repeating: 0, count: problem.agents.count)
        guard lastValues.count >= fixed, lastValues.count <= fixed + columns.count else { return u }
        for (n, column) in columns.prefix(lastValues.count - fixed).enumerated() { u[column.agent] += lastValues[fixed + n] }
        return u
    }

    /// The value of every pair in the last master solution (Σ of its columns' values), or nil
    /// when that solution leans on an artificial column (no plan in the current branch).
    func pairValues() -> [Double]? {
        let fixed = layout.fixedColumnCount
        guard lastValues.count == fixed + columns.count else { return nil }
        if layout.artificial.indices.contains(where: { layout.artificial[$0] && lastValues[$0] > 1e-6 }) { return nil }
        var x = [Double](repeating: 0, count: problem.pairs.count)
        for (n, column) in columns.enumerated() {
            let v = lastValues[fixed + n]
            if v > 1e-9 { for k in column.pairs { x[k] += v } }
        }
        return x
    }

    /// The value of every pair in the last master solution even when columns were added after
    /// it (they were at zero there), or nil when that solution leans on an artificial column:
    /// what a heuristic rounds during the rounds.
    func lastPairValues() -> [Double]? {
        let fixed = layout.fixedColumnCount
        guard lastValues.count >= fixed, lastValues.count <= fixed + columns.count else { return nil }
        if layout.artificial.indices.contains(where: { layout.artificial[$0] && lastValues[$0] > 1e-6 }) { return nil }
        var x = [Double](repeating: 0, count: problem.pairs.count)
        for n in 0..<(lastValues.count - fixed) {
            let v = lastValues[fixed + n]
            if v > 1e-9 { for k in columns[n].pairs { x[k] += v } }
        }
        return x
    }

    /// For each pair, a lower bound on every plan that uses it: `L − v_i + v_i(j)` at the
    /// duals of the best bound `L` (−∞ for forced pairs, which every plan uses).
    func pairBounds(duals: [Double], bound: Double) -> [Double] { fixingBounds(duals: duals, bound: bound).pairs }

    /// The bounds reduced-cost fixing compares with the incumbent, from one pricing round at
    /// the duals of the bound `L`: for each pair, ``pairBounds(duals:bound:)``; for each agent of a
    /// group (nil without groups), a lower bound on every plan in which its group chooses it,
    /// `L − min over the group's values + its own value` — the same argument, for a whole
    /// version of a person.
    func fixingBounds(duals: [Double], bound: Double) -> (pairs: [Double], agents: [Double]?) {
        var out = [Double](repeating: -.infinity, count: problem.pairs.count)
        let results = priceAll(duals, boundsWithEachPair: true)
        let artificial = layout.artificialCost
        // The bound takes the least value of each agent's unit; a pair or a version forces this agent.
        let unitMin = problem.units.map { members in members.map { min(results[$0].value, artificial) }.min() ?? 0 }
        for (i, result) in results.enumerated() {
            let pricer = pricers[i]
            guard let withPair = result.withPair else { continue }
            let base = unitMin[problem.unitOfAgent[i]]
            for (j, position) in pricer.free.enumerated() {
                out[pricer.pairs[position]] = bound - base + min(withPair[j], artificial)
            }
        }
        guard !problem.groups.isEmpty else { return (out, nil) }
        let agents = results.indices.map { bound - unitMin[problem.unitOfAgent[$0]] + min(results[$0].value, artificial) }
        return (out, agents)
    }

    /// Reduced cost of a set column at duals `y`.
    private func reducedCost(_ column: SetColumn, _ y: [Double]) -> Double {
        layout.entries(of: column).reduce(column.objective) { $0 - $1.coefficient * y[$1.row] }
    }

    struct Stop {
        var deadline: Double?
        var clock: () -> Double
        /// Stop once the bound reaches this (an incumbent's value minus the gap tolerance).
        var target: Double?
        var shouldStop: () -> Bool
        /// At most this many rounds (a heuristic's budget); nil for no limit.
        var maxRounds: Int? = nil
        /// Stop once the bound is within this relative gap of the master's value; nil for none.
        var gap: Double? = nil
    }

    /// Runs rounds until no set prices out, the bound reaches `stop.target`, or time runs out.
    func run(_ live: any LiveLinearProgram, stop: Stop, report: (Int, Double?, Double) -> Void) throws {
        var center: [Double]?
        var rounds = 0
        while true {
            if let deadline = stop.deadline, stop.clock() >= deadline { return }
            if let limit = stop.maxRounds, rounds >= limit { return }
            rounds += 1
            if stop.shouldStop() { return }
            let t0 = stop.clock()
            let solution = try live.solve(timeLimit: stop.deadline.map { max(0.01, $0 - stop.clock()) })
            masterSeconds += stop.clock() - t0
            guard solution.termination == .optimal, let z = solution.objective else {
                // The clock ran out (or the caller stopped) while the master was being solved: the
                // rounds end with what they proved, as when time is up between two rounds.
                if solution.termination == .timeLimit || solution.termination == .interrupted { return }
                throw SolverError("The master problem of the column generation did not solve to optimality (\(solution.termination.rawValue)).")
            }
            masterValue = z
            lastValues = solution.values
            iterations += 1
            let y = layout.projected(solution.rowDuals)
            var priceAt = y
            if let center, smoothing > 0 {
                priceAt = zip(center, y).map { smoothing * $0 + (1 - smoothing) * $1 }
            }
            var found = try round(priceAt: priceAt, masterDuals: y, live: live, clock: stop.clock)
            if found == 0 && priceAt != y {
                // Nothing at the smoothed point: price at the master's own duals.
                found = try round(priceAt: y, masterDuals: y, live: live, clock: stop.clock)
            }
            if let duals = boundDuals { center = duals }
            report(iterations, masterValue, bound)
            if found == 0 {
                converged = true
                return
            }
            if let target = stop.target, bound >= target { return }
            if let gap = stop.gap, bound.isFinite, z - bound <= gap * max(1, abs(z)) { return }
        }
    }

    /// One pricing round at `priceAt`: updates the bound and adds the sets whose reduced cost
    /// at the master's duals is negative. Returns how many columns were added.
    private func round(priceAt: [Double], masterDuals y: [Double], live: any LiveLinearProgram, clock: () -> Double) throws -> Int {
        let t0 = clock()
        let results = priceAll(priceAt, alternatives: alternatives)
        pricingSeconds += clock() - t0
        let values = results.map(\.value)
        let value = layout.lagrangianBound(duals: priceAt, agentValues: values, bounds: fixedColumnBounds)
        if value > bound {
            bound = value
            boundDuals = priceAt
            boundAgentValues = values
        }
        let scale = max(1, abs(masterValue ?? 0))
        var new: [SetColumn] = []
        var seen = Set<ColumnKey>()
        for (i, result) in results.enumerated() {
            guard let set = result.set else { continue }
            for candidate in [set] + result.alternatives.map(\.set) {
                let key = ColumnKey(agent: i, pairs: candidate)
                if known.contains(key) || !seen.insert(key).inserted { continue }
                if !rules.isEmpty && !rules.allows(agent: i, pairs: candidate, problem: problem) { continue }
                let column = layout.column(agent: i, pairs: candidate)
                if reducedCost(column, y) < -1e-9 * scale { new.append(column) }
            }
        }
        try add(new, to: live)
        return new.count
    }
}

/// Per-agent pricing results written by parallel workers (each index by one worker).
private final class PricingSlots: @unchecked Sendable {
    private var slots: [AgentPricer.Result?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: AgentPricer.Result) { lock.withLock { slots[i] = r } }
    func values() -> [AgentPricer.Result] { lock.withLock { slots.map { $0! } } }
}
