@testable import AssignmentEngine
import DiaBanTestSupport
import GLPKSolver
import LinearModel
import ScenarioIO
import Testing

/// Groups of agents — versions of one person, exactly one of which takes a set — against
/// enumeration of the plain problems they stand for: an officer trained or not (a version that
/// meets every need, counted by a training budget row), a hire made or not (a version with
/// pairs beside an empty default, counted by a hire row, "at most one" or "exactly one").
@Suite struct GroupTests {
    struct Case: Sendable, CustomStringConvertible {
        var agents: Int
        var items: Int
        var features: Features
        var seed: UInt64
        var exactHire: Bool
        var description: String { "\(agents)x\(items) \(features) seed \(seed)\(exactHire ? " exactly one hire" : "")" }
    }

    static let cases: [Case] = {
        let mixes: [Features] = [[.softNeeds], [.penalties, .softNeeds], [.hardNeeds, .penalties], [.softNeeds, .minMax, .penalties],
                                 [.softNeeds, .sideRow, .counts], [.forced, .softNeeds, .penalties]]
        var out: [Case] = []
        for (m, features) in mixes.enumerated() {
            for seed in 0..<UInt64(2) {
                out.append(Case(agents: 2 + Int(seed), items: 4 + (m % 2), features: features, seed: 500 + seed * 37 + UInt64(m), exactHire: seed == 1))
            }
        }
        return out
    }()

    /// Agent 0 with every need it does not meet yet.
    static func trained(_ p: AssignmentProblem, agent: Int) -> [AssignmentProblem.Need] {
        p.needs.map { n in n.holders.contains(agent) ? n : .init(name: n.name, item: n.item, holders: n.holders + [agent], hard: n.hard) }
    }

    /// The plain problem with agent 0 trained (or not) and a hire (or not): the hire is a copy
    /// of the last agent with its own pair costs, tracking at least one item.
    static func plain(_ p: AssignmentProblem, train: Bool, hire: Bool, hireCosts: [Double]) -> AssignmentProblem {
        var agents = p.agents, pairs = p.pairs, needs = train ? trained(p, agent: 0) : p.needs
        var objective = p.objective
        var sideRows = p.sideRows
        if hire {
            let h = agents.count, model = p.agents.count - 1
            var a = p.agents[model]
            a.name = "hire"
            a.minItems = max(a.minItems ?? 0, 1)
            agents.append(a)
            let copied = p.pairs.indices.filter { p.pairs[$0].agent == model }
            for (n, k) in copied.enumerated() {
                pairs.append(.init(agent: h, item: p.pairs[k].item, weight: p.pairs[k].weight))
                objective.pair.append(hireCosts[n])
                for r in sideRows.indices { sideRows[r].costs.pair.append(0) }
            }
            objective.classDeviation.append(p.objective.classDeviation[model])
            objective.loadDeviation.append(p.objective.loadDeviation[model])
            objective.agent.append(0)
            for r in sideRows.indices {
                sideRows[r].costs.classDeviation.append(0)
                sideRows[r].costs.loadDeviation.append(0)
                sideRows[r].costs.agent.append(0)
            }
            needs = needs.map { n in n.holders.contains(model) ? .init(name: n.name, item: n.item, holders: n.holders + [h], hard: n.hard) : n }
        }
        return AssignmentProblem(agents: agents, items: p.items, pairs: pairs, needs: needs, objective: objective, sideRows: sideRows)
    }

    /// One problem with both choices as groups: agent 0 and its trained version; an empty
    /// default and the hire. A training row (at most one) and a hire row (at most one, or
    /// exactly one as two rows).
    static func versioned(_ p: AssignmentProblem, hireCosts: [Double], exactHire: Bool) -> AssignmentProblem {
        var agents = p.agents, pairs = p.pairs, needs = p.needs
        var objective = p.objective, sideRows = p.sideRows
        let n0 = p.agents.count
        let trainedAgent = n0, dummy = n0 + 1, hire = n0 + 2, model = n0 - 1
        func addAgent(_ a: AssignmentProblem.Agent, classRate: Double, loadRate: Double) {
            agents.append(a)
            objective.classDeviation.append(classRate)
            objective.loadDeviation.append(loadRate)
            objective.agent.append(0)
            for r in sideRows.indices {
                sideRows[r].costs.classDeviation.append(0)
                sideRows[r].costs.loadDeviation.append(0)
                sideRows[r].costs.agent.append(0)
            }
        }
        func copyPairs(of source: Int, to agent: Int, costs: [Double]?) {
            for (n, k) in p.pairs.indices.filter({ p.pairs[$0].agent == source }).enumerated() {
                pairs.append(.init(agent: agent, item: p.pairs[k].item, weight: p.pairs[k].weight, forced: p.pairs[k].forced))
                objective.pair.append(costs?[n] ?? p.objective.pair[k])
                for r in sideRows.indices { sideRows[r].costs.pair.append(p.sideRows[r].costs.pair[k]) }
            }
        }
        var t = p.agents[0]
        t.name = "a0-trained"
        addAgent(t, classRate: p.objective.classDeviation[0], loadRate: p.objective.loadDeviation[0])
        copyPairs(of: 0, to: trainedAgent, costs: nil)
        addAgent(.init(name: "no-hire", capacity: 0), classRate: 0, loadRate: 0)
        var h = p.agents[model]
        h.name = "hire"
        addAgent(h, classRate: p.objective.classDeviation[model], loadRate: p.objective.loadDeviation[model])
        // The hire's pairs carry no side-row cost (it changes nothing the rows count).
        for (n, k) in p.pairs.indices.filter({ p.pairs[$0].agent == model }).enumerated() {
            pairs.append(.init(agent: hire, item: p.pairs[k].item, weight: p.pairs[k].weight))
            objective.pair.append(hireCosts[n])
            for r in sideRows.indices { sideRows[r].costs.pair.append(0) }
        }
        needs = needs.map { n in
            var holders = n.holders + [trainedAgent]
            if n.holders.contains(model) { holders.append(hire) }
            return .init(name: n.name, item: n.item, holders: holders, hard: n.hard)
        }
        var training = AssignmentProblem.Costs(pairs: pairs.count, agents: agents.count)
        training.agent[trainedAgent] = 1
        sideRows.append(.init(name: "training", costs: training, limit: 1))
        var hires = AssignmentProblem.Costs(pairs: pairs.count, agents: agents.count)
        hires.agent[hire] = 1
        sideRows.append(.init(name: "hires", costs: hires, limit: 1))
        if exactHire {
            var atLeast = AssignmentProblem.Costs(pairs: pairs.count, agents: agents.count)
            atLeast.agent[hire] = -1
            sideRows.append(.init(name: "hires-at-least", costs: atLeast, limit: -1))
        }
        return AssignmentProblem(agents: agents, items: p.items, pairs: pairs, needs: needs, objective: objective, sideRows: sideRows,
                                 groups: [[0, trainedAgent], [dummy, hire]])
    }

    @Test(arguments: cases)
    func versionsEqualTheBestPlainProblem(_ c: Case) throws {
        let p = randomProblem(agents: c.agents, items: c.items, features: c.features, seed: c.seed)
        var rng = SplitMix64(seed: c.seed ^ 0x5eed)
        let hireCosts = p.pairs.filter { $0.agent == p.agents.count - 1 }.map { _ in Double(rng.int(0...40)) / 4 }
        var truth: Double?
        for train in [false, true] {
            for hire in (c.exactHire ? [true] : [false, true]) {
                if let z = bruteForce(Self.plain(p, train: train, hire: hire, hireCosts: hireCosts)).best { truth = min(truth ?? z, z) }
            }
        }
        let versioned = Self.versioned(p, hireCosts: hireCosts, exactHire: c.exactHire)
        let result = try EngineTests.engine().solve(versioned, incumbent: nil, options: EngineOptions(timeLimit: 60, threads: 2))
        guard let truth else {
            #expect(result.plan == nil && result.termination == .infeasible, "\(c): no plain problem has a plan; the engine says \(result.termination)")
            return
        }
        #expect(result.primal == .optimal, "\(c): \(result.termination)")
        let plan = try #require(result.plan, "\(c): no plan")
        let value = try #require(versioned.objectiveValue(ofPlan: plan), "\(c): the engine's plan breaks a rule")
        #expect(abs(value - truth) <= 1e-6 * max(1, abs(truth)), "\(c): engine \(value), best plain problem \(truth)")
        let bound = try #require(result.bestBound)
        #expect(bound <= truth + 1e-6 * max(1, abs(truth)))
        // The plan's versions: at most one of each group has pairs.
        let agentsUsed = Set(plan.map { versioned.pairs[$0].agent })
        for group in versioned.groups { #expect(group.filter { agentsUsed.contains($0) }.count <= 1) }
    }

    /// Every agent with a trained version (meeting every need) beside it, at most `budget`
    /// trainings: a problem whose master spreads the budget over several people in part.
    static func everyoneTrainable(_ p: AssignmentProblem, budget: Int) -> AssignmentProblem {
        var agents = p.agents, pairs = p.pairs, objective = p.objective, sideRows = p.sideRows
        var needs = p.needs, groups: [[Int]] = []
        for a in p.agents.indices {
            let t = agents.count
            var version = p.agents[a]
            version.name += "-trained"
            agents.append(version)
            objective.classDeviation.append(p.objective.classDeviation[a])
            objective.loadDeviation.append(p.objective.loadDeviation[a])
            objective.agent.append(0)
            for r in sideRows.indices {
                sideRows[r].costs.classDeviation.append(p.sideRows[r].costs.classDeviation[a])
                sideRows[r].costs.loadDeviation.append(p.sideRows[r].costs.loadDeviation[a])
                sideRows[r].costs.agent.append(0)
            }
            for k in p.pairs.indices where p.pairs[k].agent == a {
                pairs.append(.init(agent: t, item: p.pairs[k].item, weight: p.pairs[k].weight, forced: p.pairs[k].forced))
                objective.pair.append(p.objective.pair[k])
                for r in sideRows.indices { sideRows[r].costs.pair.append(p.sideRows[r].costs.pair[k]) }
            }
            needs = needs.map { .init(name: $0.name, item: $0.item, holders: $0.holders + [t], hard: $0.hard) }
            groups.append([a, t])
        }
        var training = AssignmentProblem.Costs(pairs: pairs.count, agents: agents.count)
        for g in groups { training.agent[g[1]] = 1 }
        sideRows.append(.init(name: "training", costs: training, limit: Double(budget)))
        return AssignmentProblem(agents: agents, items: p.items, pairs: pairs, needs: needs, objective: objective, sideRows: sideRows,
                                 groups: groups)
    }

    /// A dive from the root settles each person's version before the pairs: every plan it
    /// offers takes one version per person and keeps the training budget, costs no less than
    /// the proven optimum, and the dive finds one on every case. (The seeds are cases whose
    /// root master uses versions in part: the dive chooses among them.)
    @Test(arguments: [UInt64(9), 16, 23, 30, 39])
    func aDiveFromTheRootChoosesOneVersionOfEachPerson(_ seed: UInt64) throws {
        let p = randomProblem(agents: 7, items: 16, features: [.softNeeds, .penalties, .counts], seed: seed)
        let versioned = Self.everyoneTrainable(p, budget: 1)
        let optimum = try EngineTests.engine().solve(versioned, incumbent: nil, options: EngineOptions(timeLimit: 60, threads: 2))
        #expect(optimum.primal == .optimal, "seed \(seed): \(optimum.termination)")
        let best = try #require(optimum.objective)

        let layout = MasterLayout(problem: versioned, artificialCost: 1e7)
        var lpOptions = SolverOptions()
        lpOptions.relaxationOnly = true
        var offered: [[Int]] = []
        try GLPKSolver().withLiveProgram(layout.base, options: lpOptions) { live in
            let generation = ColumnGeneration(problem: versioned, layout: layout, threads: 1, smoothing: 0.5, alternatives: 5)
            try generation.run(live, stop: .init(deadline: nil, clock: { 0 }, target: nil, shouldStop: { false }), report: { _, _, _ in })
            let search = BranchAndPrice(generation: generation)
            try search.dive(live, from: BranchRules(), hooks: .init(
                now: { 0 }, deadline: nil, shouldStop: { false }, upper: { .infinity }, tolerance: { _ in 1e-9 }, roundBound: { $0 },
                offer: { offered.append($0) }, heuristic: {}, heuristicInterval: 0, report: { _, _ in }))
        }
        #expect(!offered.isEmpty, "seed \(seed): the dive found no plan")
        for plan in offered {
            let value = try #require(versioned.objectiveValue(ofPlan: plan), "seed \(seed): the dive's plan breaks a rule")
            #expect(value >= best - 1e-6 * max(1, abs(best)), "seed \(seed): dive \(value) below the optimum \(best)")
            let used = Set(plan.map { versioned.pairs[$0].agent })
            for group in versioned.groups { #expect(group.filter { used.contains($0) }.count <= 1, "seed \(seed): two versions of one person") }
        }
    }
}
