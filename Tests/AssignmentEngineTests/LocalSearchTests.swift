@testable import AssignmentEngine
import DiaBanTestSupport
import ScenarioIO
import Testing

@Suite("Local search on plans")
struct LocalSearchTests {
    /// The mixes whose costs are local (no largest-deviation or utilisation term).
    static let localMixes = Features.mixes.filter { !$0.contains(.minMax) }

    @Test("From every feasible plan of small random problems, it returns nothing or a feasible plan that costs less by the reference", arguments: localMixes)
    func neverWorseNeverInvalid(features: Features) throws {
        var improved = 0
        for seed in UInt64(1)...6 {
            let p = randomProblem(agents: 3, items: 5, features: features, seed: seed)
            let search = try #require(LocalSearch(problem: p))
            let valued = everyPlan(p).compactMap { plan in referenceObjective(p, plan: plan).map { (plan.sorted(), $0) } }
            for (plan, value) in valued {
                guard let better = search.improve(plan, stop: { false }) else { continue }
                let after = try #require(referenceObjective(p, plan: better), "seed \(seed): the improved plan breaks a hard rule")
                #expect(after < value - 1e-9, "seed \(seed): \(after) is not below \(value)")
                improved += 1
            }
        }
        // Some start plan of these problems is not locally optimal (the worst, at least).
        #expect(improved > 0)
    }

    @Test("A plan one swap away from the optimum gets there")
    func oneSwap() throws {
        // Two agents of capacity 2, two items of weight 2: each agent takes one item. Agent 0
        // costs 1 on item 0 and 5 on item 1; agent 1 the other way round. Neither item can shift
        // (the other agent is full): only a swap moves from 10 to 2.
        let pairs: [AssignmentProblem.Pair] = [
            .init(agent: 0, item: 0, weight: 2), .init(agent: 0, item: 1, weight: 2),
            .init(agent: 1, item: 0, weight: 2), .init(agent: 1, item: 1, weight: 2),
        ]
        var costs = AssignmentProblem.Costs(pairs: 4, agents: 2)
        costs.pair = [1, 5, 5, 1]
        let p = AssignmentProblem(
            agents: [.init(name: "a", capacity: 2), .init(name: "b", capacity: 2)],
            items: [.init(name: "i"), .init(name: "j")], pairs: pairs, objective: costs)
        let search = try #require(LocalSearch(problem: p))
        let better = try #require(search.improve([1, 2], stop: { false }))
        #expect(better == [0, 3])
        #expect(p.objectiveValue(ofPlan: better) == 2)
        #expect(search.improve([0, 3], stop: { false }) == nil)
    }

    @Test("A plan built from a plan's own values is that plan", arguments: localMixes)
    func roundingAPlanGivesItBack(features: Features) throws {
        for seed in UInt64(1)...6 {
            let p = randomProblem(agents: 3, items: 5, features: features, seed: seed)
            let search = try #require(LocalSearch(problem: p))
            for plan in everyPlan(p).map({ $0.sorted() }) where referenceObjective(p, plan: plan) != nil {
                var x = [Double](repeating: 0, count: p.pairs.count)
                for k in plan { x[k] = 1 }
                #expect(search.plan(from: x) == plan, "seed \(seed)")
            }
        }
    }

    @Test("Built from fractional values, a plan keeps every hard rule, or there is none")
    func roundingKeepsTheRules() throws {
        var built = 0
        for features in Self.localMixes {
            for seed in UInt64(1)...6 {
                let p = randomProblem(agents: 3, items: 5, features: features, seed: seed)
                let search = try #require(LocalSearch(problem: p))
                var rng = SplitMix64(seed: seed)
                let x = p.pairs.map { _ in rng.uniform(0...1) }
                guard let plan = search.plan(from: x) else { continue }
                #expect(referenceObjective(p, plan: plan) != nil, "\(features) seed \(seed)")
                built += 1
            }
        }
        #expect(built > 0)
    }

    @Test("An item whose only agent is full takes its room by moving another item away")
    func makingRoom() throws {
        // Agent a (capacity 3) can take items p and q (weight 2 each), agent b (capacity 2)
        // only p. The values lean p to a first; q then finds a full, and p moves to b.
        let pairs: [AssignmentProblem.Pair] = [
            .init(agent: 0, item: 0, weight: 2), .init(agent: 0, item: 1, weight: 2), .init(agent: 1, item: 0, weight: 2),
        ]
        let p = AssignmentProblem(
            agents: [.init(name: "a", capacity: 3), .init(name: "b", capacity: 2)],
            items: [.init(name: "p"), .init(name: "q")], pairs: pairs, objective: .init(pairs: 3, agents: 2))
        let search = try #require(LocalSearch(problem: p))
        #expect(search.plan(from: [1, 0.5, 0]) == [1, 2])
    }

    @Test("A problem that prices the largest deviation or utilisation is left alone")
    func largestTermsAreNotLocal() {
        let p = randomProblem(agents: 3, items: 5, features: [.minMax, .penalties], seed: 3)
        #expect(LocalSearch(problem: p) == nil)
    }
}
