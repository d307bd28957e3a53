@testable import AssignmentEngine
import DiaBanTestSupport
import LinearModel
import ScenarioIO
import Testing

/// Branch-and-price's choice of pair, on problems built to need it: interchangeable agents
/// (one capacity, one band, the same cost for every item but a few pairs), no dive, no integer
/// master and no local search, so that plans come from the tree alone.
@Suite("Branching rules against enumeration")
struct BranchingTests {
    /// Three interchangeable agents and seven items whose weights make the capacities tight.
    static func symmetric(seed: UInt64) -> AssignmentProblem {
        var rng = SplitMix64(seed: seed)
        let nA = 3, nI = 7
        let items = (0..<nI).map { AssignmentProblem.Item(name: "i\($0)", demand: 1, inClass: rng.chance(0.5)) }
        let weights = items.map { _ in Double(rng.int(4...10)) / 4 }
        let total = weights.reduce(0, +)
        var pairs: [AssignmentProblem.Pair] = []
        for i in 0..<nA { for j in 0..<nI { pairs.append(.init(agent: i, item: j, weight: weights[j])) } }
        let capacity = (total / Double(nA) * 1.12 * 4).rounded(.up) / 4
        let agents = (0..<nA).map { i in
            var a = AssignmentProblem.Agent(name: "a\(i)", capacity: capacity)
            a.loadBand = (total / Double(nA) * 0.95)...(total / Double(nA) * 1.05)
            return a
        }
        var objective = AssignmentProblem.Costs(pairs: pairs.count, agents: nA)
        let itemCost = (0..<nI).map { _ in Double(rng.int(0...8)) }
        for (k, p) in pairs.enumerated() {
            // Equal for every agent, but for a few pairs (an officer's current communes).
            objective.pair[k] = itemCost[p.item] + (rng.chance(0.15) ? -Double(rng.int(1...3)) : 0)
        }
        for i in 0..<nA { objective.loadDeviation[i] = 10 }
        return AssignmentProblem(agents: agents, items: items, pairs: pairs, needs: [], objective: objective, sideRows: [])
    }

    @Test("With pseudo-costs and with the most fractional pair, the proven optimum is the enumerated one", arguments: [true, false])
    func provenOptimumEqualsEnumeration(pseudoCosts: Bool) throws {
        var branched = 0
        for seed in UInt64(1)...12 {
            let problem = Self.symmetric(seed: seed)
            guard let truth = bruteForce(problem).best else { continue }
            let options = EngineOptions(timeLimit: 60, threads: 1, masterIntegerShare: 0, diveEvery: 0, localSearch: false,
                                        pseudoCosts: pseudoCosts)
            let result = try EngineTests.engine().solve(problem, incumbent: nil, options: options)
            #expect(result.primal == .optimal, "seed \(seed): \(result.termination)")
            let plan = try #require(result.plan, "seed \(seed)")
            let value = try #require(referenceObjective(problem, plan: plan), "seed \(seed): the plan breaks a rule")
            #expect(abs(value - truth) <= 1e-6 * max(1, abs(truth)), "seed \(seed): engine \(value), enumeration \(truth)")
            if result.stats.branchNodes > 0 { branched += 1 }
        }
        // The cases are built to need the tree: most of them branch.
        #expect(branched >= 6, "only \(branched) of 12 cases branched")
    }
}
