@testable import AssignmentEngine
import DiaBanTestSupport
import ScenarioIO
import Testing

/// The exact pricing (two knapsack tables joined over the convex penalties) against
/// enumeration of every subset, on random single agents: the least value, the set returned,
/// the bound with each pair forced in, the alternatives, and a branch's forced and forbidden pairs.
@Suite struct PricingTests {
    struct Case: Sendable, CustomStringConvertible {
        var problem: AssignmentProblem
        var cost: [Double]
        var classRate: Double
        var loadRate: Double
        var restriction: AgentPricer.Restriction
        var exactGrid: Bool
        var seed: UInt64
        var description: String { "seed \(seed)" }
    }

    static func makeCase(_ seed: UInt64) -> Case {
        var rng = SplitMix64(seed: 0xC0FFEE &+ seed)
        let n = rng.int(1...10)
        let exact = seed % 5 != 4
        let items = (0..<n).map { AssignmentProblem.Item(name: "i\($0)", inClass: rng.chance(0.5)) }
        let weights = (0..<n).map { _ -> Double in
            let w = rng.uniform(0.5...3)
            return exact ? (w * 100).rounded() / 100 : w
        }
        var pairs = (0..<n).map { AssignmentProblem.Pair(agent: 0, item: $0, weight: weights[$0]) }
        if seed % 7 == 3 { pairs[rng.below(n)].forced = true }
        let total = weights.reduce(0, +)
        var agent = AssignmentProblem.Agent(name: "a", capacity: (total * rng.uniform(0.3...0.8) * 100).rounded() / 100)
        let classTotal = zip(weights, items).reduce(0) { $0 + ($1.1.inClass ? $1.0 : 0) }
        agent.classBand = (classTotal * 0.25)...(classTotal * 0.4)
        agent.loadBand = (agent.capacity * 0.6)...(agent.capacity * 0.8)
        switch seed % 6 {
        case 1: agent.minItems = 2
        case 2: agent.maxItems = 3
        case 3: agent.classRule = .init(measure: .count, lower: 1, upper: 2)
        case 4: agent.classRule = .init(measure: .share, lower: 0.3, upper: 0.7)
        default: break
        }
        let problem = AssignmentProblem(
            agents: [agent], items: items, pairs: pairs, objective: .init(pairs: n, agents: 1))
        var restriction = AgentPricer.Restriction()
        if seed % 4 == 1 && n > 2 {
            restriction.fixedIn = [rng.below(n)]
            let out = rng.below(n)
            if !restriction.fixedIn.contains(out) && !pairs[out].forced { restriction.forbidden = [out] }
        }
        return Case(
            // Positive costs too: filling a band can be worth an item that costs something.
            problem: problem, cost: (0..<n).map { _ in rng.uniform(-15...30) },
            classRate: seed % 3 == 0 ? 0 : rng.uniform(5...40), loadRate: seed % 2 == 0 ? 0 : rng.uniform(5...30),
            restriction: restriction, exactGrid: exact, seed: seed)
    }

    /// min over feasible subsets (containing `required`) by enumeration; +∞ when none.
    static func enumerate(_ c: Case, containing required: Int? = nil) -> Double {
        let p = c.problem, a = p.agents[0], n = p.pairs.count
        func dev(_ x: Double, _ band: ClosedRange<Double>) -> Double { max(0, x - band.upperBound) + max(0, band.lowerBound - x) }
        var best = Double.infinity
        for mask in 0..<(1 << n) {
            let chosen = (0..<n).filter { mask & (1 << $0) != 0 }
            if let required, !chosen.contains(required) { continue }
            if p.pairs.indices.contains(where: { p.pairs[$0].forced && !chosen.contains($0) }) { continue }
            if c.restriction.fixedIn.contains(where: { !chosen.contains($0) }) { continue }
            if chosen.contains(where: { c.restriction.forbidden.contains($0) }) { continue }
            let load = chosen.reduce(0) { $0 + p.pairs[$1].weight }
            let classLoad = chosen.reduce(0) { $0 + (p.items[$1].inClass ? p.pairs[$1].weight : 0) }
            let classCount = chosen.filter { p.items[$0].inClass }.count
            if load > a.capacity + 1e-9 { continue }
            if let lo = a.minItems, chosen.count < lo { continue }
            if let hi = a.maxItems, chosen.count > hi { continue }
            if let rule = a.classRule, !rule.allows(classCount: classCount, otherCount: chosen.count - classCount) { continue }
            let value = chosen.reduce(0) { $0 + c.cost[$1] } + c.classRate * dev(classLoad, a.classBand) + c.loadRate * dev(load, a.loadBand)
            best = min(best, value)
        }
        return best
    }

    static func value(of set: [Int], _ c: Case) -> Double {
        let m = c.problem.measure(agent: 0, pairs: set)
        return set.reduce(0) { $0 + c.cost[$1] } + c.classRate * c.problem.classDeviation(agent: 0, m) + c.loadRate * c.problem.loadDeviation(agent: 0, m)
    }

    @Test(arguments: (0..<240).map { UInt64($0) })
    func pricingEqualsEnumeration(seed: UInt64) throws {
        let c = Self.makeCase(seed)
        let pricer = AgentPricer(problem: c.problem, agent: 0, pairs: Array(c.problem.pairs.indices))
        #expect(pricer.grid.exact == c.exactGrid, "seed \(seed): grid \(pricer.grid)")
        let result = pricer.price(cost: c.cost, classRate: c.classRate, loadRate: c.loadRate, restriction: c.restriction,
                                  boundsWithEachPair: true, alternatives: 3)
        let truth = Self.enumerate(c)
        let tolerance = 1e-9 * max(1, abs(truth))
        if truth == .infinity {
            #expect(result.value == .infinity && result.set == nil, "seed \(seed): no feasible set, pricing says \(result.value)")
            return
        }
        if c.exactGrid {
            #expect(abs(result.value - truth) <= tolerance, "seed \(seed): pricing \(result.value), enumeration \(truth)")
        } else {
            #expect(result.value <= truth + tolerance, "seed \(seed): relaxed pricing \(result.value) above the true least \(truth)")
        }
        // The set returned keeps every rule and, on an exact grid, reaches the value.
        let set = try #require(result.set)
        let measure = c.problem.measure(agent: 0, pairs: set)
        #expect(c.problem.isFeasible(agent: 0, pairs: set, measure: measure), "seed \(seed): infeasible set \(set)")
        #expect(c.restriction.fixedIn.allSatisfy(set.contains) && !set.contains(where: c.restriction.forbidden.contains))
        if c.exactGrid { #expect(abs(Self.value(of: set, c) - truth) <= tolerance) }
        // With each pair forced in: a valid lower bound (exact unless the tables reuse the pair).
        let withPair = try #require(result.withPair)
        for (j, position) in pricer.free.enumerated() {
            let forced = Self.enumerate(c, containing: position)
            #expect(withPair[j] <= forced + 1e-9 * max(1, abs(forced)), "seed \(seed): bound with pair \(position) is \(withPair[j]) > \(forced)")
        }
        // Alternatives: feasible, no better than the best, and (exact grid) worth what they say.
        for alternative in result.alternatives {
            let m = c.problem.measure(agent: 0, pairs: alternative.set)
            #expect(c.problem.isFeasible(agent: 0, pairs: alternative.set, measure: m))
            #expect(alternative.value >= result.value - tolerance)
            if c.exactGrid { #expect(abs(Self.value(of: alternative.set, c) - alternative.value) <= 1e-9 * max(1, abs(alternative.value))) }
        }
    }

    @Test func gridIsExactOnTwoDecimalsAndRelaxedOtherwise() {
        let exact = LoadGrid.make(weights: [1.25, 2.37, 0.5], capacity: 6.25, maxItems: 3)
        #expect(exact.exact && exact.quantum == 0.01 && exact.capacity == 625)
        let integral = LoadGrid.make(weights: [3, 17, 40], capacity: 80, maxItems: 3)
        #expect(integral.exact && integral.quantum == 1 && integral.capacity == 80)
        let relaxed = LoadGrid.make(weights: [1.0 / 3, 2.0 / 7], capacity: 5, maxItems: 2)
        #expect(!relaxed.exact && relaxed.slack == 2)
        // Rounded down: a set that fits the capacity fits on the grid.
        #expect(relaxed.units(1.0 / 3) + relaxed.units(2.0 / 7) <= relaxed.capacity)
    }
}
