@testable import AssignmentEngine
import GLPKSolver
import LinearModel
import Testing

/// The floor on unmet soft needs against enumeration: it never claims more unmet needs than
/// the best plan must leave, and the engine that carries it still finds the true optimum.
@Suite struct UnmetFloorTests {
    typealias Case = EngineTests.Case

    static let cases: [Case] = {
        let mixes: [Features] = [
            [.softNeeds], [.softNeeds, .penalties], [.softNeeds, .sparse, .penalties], [.softNeeds, .counts, .penalties],
            [.softNeeds, .classCount], [.softNeeds, .sideRow, .penalties], [.softNeeds, .forced, .minMax, .penalties],
        ]
        var out: [Case] = []
        for (m, features) in mixes.enumerated() {
            for seed in 0..<UInt64(5) {
                out.append(Case(agents: 2 + Int(seed % 3), items: 5 + Int((seed + UInt64(m)) % 3), features: features, seed: 7 * seed + 1000 * UInt64(m) + 3))
            }
        }
        return out
    }()

    /// Unmet soft needs of a plan, counted from the problem's data alone.
    static func unmetNeeds(_ p: AssignmentProblem, plan: [Int]) -> Int {
        var agentsOf = [Set<Int>](repeating: [], count: p.items.count)
        for k in plan { agentsOf[p.pairs[k].item].insert(p.pairs[k].agent) }
        return p.needs.filter { !$0.hard && agentsOf[$0.item].isDisjoint(with: $0.holders) }.count
    }

    @Test(arguments: cases)
    func theFloorIsAtMostTheFewestUnmetNeeds(_ c: Case) throws {
        let problem = randomProblem(agents: c.agents, items: c.items, features: c.features, seed: c.seed)
        let plans = everyPlan(problem).filter { referenceObjective(problem, plan: $0) != nil }
        guard let fewest = plans.map({ Self.unmetNeeds(problem, plan: $0) }).min() else { return }
        let soft = problem.needs.filter { !$0.hard }.count
        let outcome = try UnmetFloor.compute(
            problem, lpSolver: GLPKSolver(), options: SolverOptions(), threads: 1, alternatives: 2, seeds: [plans[0]],
            target: max(1, soft), stop: .init(deadline: nil, clock: { 0 }, target: nil, shouldStop: { false }))
        #expect(outcome.bound <= Double(fewest) + 1e-6, "\(c): bound \(outcome.bound) above the fewest unmet needs \(fewest)")
        #expect(outcome.floor <= fewest, "\(c): floor \(outcome.floor) above the fewest unmet needs \(fewest)")
        #expect(outcome.floor >= 0 && Double(outcome.floor) >= outcome.bound - 1e-6, "\(c): the floor \(outcome.floor) does not round the bound \(outcome.bound) up")
        #expect(UnmetFloor.unmet(in: problem, plan: plans[0]) == Self.unmetNeeds(problem, plan: plans[0]))
    }

    /// From the plan that leaves the most needs unmet, the engine computes a floor and, carrying
    /// it in every master, still proves the enumeration's optimum; with the floor switched off
    /// it proves the same value, and its root bound is never above the one with the floor.
    @Test(arguments: cases.filter { $0.seed % 2 == 1 })
    func theEngineWithTheFloorFindsTheOptimum(_ c: Case) throws {
        let problem = randomProblem(agents: c.agents, items: c.items, features: c.features, seed: c.seed)
        let plans = everyPlan(problem).compactMap { plan in referenceObjective(problem, plan: plan).map { (plan, $0) } }
        guard let truth = plans.map(\.1).min(),
              let start = plans.max(by: { (Self.unmetNeeds(problem, plan: $0.0), $0.1) < (Self.unmetNeeds(problem, plan: $1.0), $1.1) })
        else { return }
        let fewest = plans.map { Self.unmetNeeds(problem, plan: $0.0) }.min()!
        // The start stays the worst plan (a local search would mend it before the floor's turn).
        var on = EngineOptions(timeLimit: 60, threads: 1, localSearch: false)
        on.unmetFloor = true
        var off = on
        off.unmetFloor = false
        let with = try EngineTests.engine().solve(problem, incumbent: start.0, options: on)
        let without = try EngineTests.engine().solve(problem, incumbent: start.0, options: off)
        for (name, result) in [("with", with), ("without", without)] {
            #expect(result.primal == .optimal, "\(c) \(name): \(result.termination)")
            #expect(abs((result.objective ?? .nan) - truth) <= 1e-6 * max(1, abs(truth)), "\(c) \(name): \(result.objective ?? .nan) vs enumeration \(truth)")
            #expect((result.bestBound ?? .infinity) <= truth + 1e-6 * max(1, abs(truth)))
        }
        #expect(with.stats.unmetFloor <= fewest, "\(c): floor \(with.stats.unmetFloor) above \(fewest)")
        if Self.unmetNeeds(problem, plan: start.0) > 0 && problem.objective.unmetNeed > 0 {
            #expect(with.stats.unmetFloorRounds > 0, "\(c): no floor was computed")
        }
        #expect(without.stats.unmetFloor == 0 && without.stats.unmetFloorRounds == 0)
    }

    /// Three wards need one of two specialists, each with room for one ward: every plan leaves
    /// one unmet, and the floor says so (a hand-solved case).
    @Test func scarceSpecialistsLeaveOneNeedUnmet() throws {
        var pairs: [AssignmentProblem.Pair] = []
        // Agents 0, 1: specialists (capacity 3, wards weigh 2); agent 2: anyone, room for all.
        for j in 0..<3 { for i in 0..<3 { pairs.append(.init(agent: i, item: j, weight: 2)) } }
        pairs.sort { ($0.agent, $0.item) < ($1.agent, $1.item) }
        var objective = AssignmentProblem.Costs(pairs: pairs.count, agents: 3)
        objective.unmetNeed = 100
        let problem = AssignmentProblem(
            agents: [.init(name: "s0", capacity: 3), .init(name: "s1", capacity: 3), .init(name: "g", capacity: 6)],
            items: (0..<3).map { .init(name: "w\($0)") }, pairs: pairs,
            needs: (0..<3).map { .init(name: "n\($0)", item: $0, holders: [0, 1], hard: false) }, objective: objective)
        let allToGeneralist = pairs.indices.filter { pairs[$0].agent == 2 }
        let outcome = try UnmetFloor.compute(
            problem, lpSolver: GLPKSolver(), options: SolverOptions(), threads: 1, alternatives: 0, seeds: [allToGeneralist],
            target: 3, stop: .init(deadline: nil, clock: { 0 }, target: nil, shouldStop: { false }))
        #expect(outcome.floor == 1)
        let result = try EngineTests.engine().solve(problem, incumbent: allToGeneralist, options: EngineOptions(timeLimit: 30))
        #expect(result.primal == .optimal)
        #expect(result.objective == 100)
        #expect(result.stats.unmetFloor == 1)
    }

    @Test func theSettingSwitchesTheFloor() throws {
        var options = EngineOptions()
        #expect(options.unmetFloor)
        try options.apply(setting: "unmet-floor=off")
        #expect(!options.unmetFloor)
        #expect(options.settingsDescription.hasSuffix("unmet-floor=off"))
        #expect(throws: EngineOptions.SettingError.self) { try options.apply(setting: "unmet-floor=maybe") }
    }
}
