import Foundation
import DiaBanCore
import GLPKSolver
import LinearModel
import Planning
import Testing

/// The tradeoff sweep: each point is the exact optimum of its own constrained problem, and
/// allowing more moves never gives a worse objective.
@Suite struct TradeoffTests {
    static let cases: [(officers: Int, communes: Int, seed: UInt64)] = [(2, 4, 1), (3, 4, 2), (3, 5, 3), (3, 5, 4), (4, 5, 5), (2, 6, 6)]

    @Test(arguments: cases)
    func maxChangesPointsAreExactAndMonotone(officers: Int, communes: Int, seed: UInt64) throws {
        var scenario = smallScenario(officers: officers, communes: communes, seed: seed * 104_729)
        scenario.weights.change = 2
        let sweep = TradeoffSweep(scenario: scenario, parameter: .maxChanges, values: (0...communes).reversed().map(Double.init))
        #expect(sweep.values == (0...communes).map(Double.init), "values are solved in increasing order")
        let points = try sweep.run(planner: Planner(solver: GLPKSolver()), request: PlanRequest(scenario: scenario, timeLimit: 30))
        #expect(points.count == communes + 1)
        var previous: Double?
        var sawPlan = false
        for point in points {
            let constrained = sweep.scenario(at: point.value)
            let context = PlanContext(scenario: constrained)
            // The optimum by enumeration of every assignment that keeps the hard rules.
            let best = everyAssignment(constrained).filter { context.hardViolations($0).isEmpty }.map(context.objective).min()
            if let best {
                #expect(point.outcome.status == .optimal)
                let objective = try #require(point.outcome.objective)
                #expect(abs(objective - best) <= 1e-6 * max(1, abs(best)), "at most \(point.value): \(objective) vs \(best)")
                #expect((point.moves ?? .max) <= Int(point.value))
                if let previous { #expect(objective <= previous + 1e-6, "more moves allowed gave a worse objective") }
                previous = objective
                sawPlan = true
            } else {
                #expect(point.outcome.plan == nil)
                #expect(!sawPlan, "a point with more moves allowed lost the plan of a point with fewer")
            }
            #expect(point.previousPlanOffered == (point.value > 0 && points.first { $0.value < point.value && $0.outcome.plan != nil } != nil))
        }
    }

    @Test(arguments: cases.prefix(4))
    func continuityWeightsTradeMovesForPoints(officers: Int, communes: Int, seed: UInt64) throws {
        let scenario = smallScenario(officers: officers, communes: communes, seed: seed * 7_919)
        let sweep = TradeoffSweep(scenario: scenario, parameter: .continuityWeight, values: [0.5, 5, 50, 500])
        let points = try sweep.run(planner: Planner(solver: GLPKSolver()), request: PlanRequest(scenario: scenario, timeLimit: 30))
        let moves = points.compactMap(\.moves)
        #expect(moves == moves.sorted(by: >), "a higher weight per move never gives more moves: \(moves)")
        for p in points where p.outcome.plan != nil {
            #expect(sweep.scenario(at: p.value).weights.change == p.value)
            #expect(p.outcome.status == .optimal)
        }
    }

    @Test func theWarmStartFromThePreviousPointIsUsed() throws {
        let scenario = WhatIfTests.base()
        let sweep = TradeoffSweep(scenario: scenario, parameter: .maxChanges, values: [1, 3])
        let points = try sweep.run(planner: Planner(solver: GLPKSolver()), request: PlanRequest(scenario: scenario, warmStart: false))
        #expect(points.map(\.previousPlanOffered) == [false, true])
        #expect(points[0].outcome.stats.startAccepted == false)
        #expect(points[1].outcome.stats.startAccepted == true, "the previous plan is the only start offered")
    }
}

/// Independent solves on several threads give the same answers as one after another.
@Suite struct PlanBatchTests {
    static func scenarios() -> [Scenario] {
        (0..<8).map { i in smallScenario(officers: 2 + i % 3, communes: 4 + i % 3, seed: UInt64(31 * i + 7), variant: i % 6) }
    }

    @Test func parallelEqualsSequential() {
        let work = Self.scenarios().map { PlanBatch.Job(scenario: $0, request: PlanRequest(scenario: $0, timeLimit: 30)) }
        let planner = Planner(solver: GLPKSolver())
        let sequential = PlanBatch(planner: planner, jobs: 1).run(work)
        let parallel = PlanBatch(planner: planner, jobs: 4).run(work)
        #expect(sequential.count == work.count && parallel.count == work.count)
        for (i, (a, b)) in zip(sequential, parallel).enumerated() {
            guard case .success(let x) = a.outcome, case .success(let y) = b.outcome else {
                Issue.record("scenario \(i) failed")
                continue
            }
            #expect(x.scenarioName == work[i].scenario.name && y.scenarioName == work[i].scenario.name, "results are placed by index")
            #expect(x.status == y.status)
            #expect(x.objective == y.objective)
            #expect(x.plan == y.plan)
            #expect(x.after == y.after)
        }
    }

    @Test func theSameScenarioTwiceGivesTheSamePlan() {
        let s = WhatIfTests.base()
        let results = PlanBatch(planner: Planner(solver: GLPKSolver()), jobs: 2).run([.init(scenario: s, request: PlanRequest(scenario: s)), .init(scenario: s, request: PlanRequest(scenario: s))])
        let outcomes = results.compactMap { try? $0.outcome.get() }
        #expect(outcomes.count == 2)
        #expect(outcomes[0].plan == outcomes[1].plan)
        #expect(outcomes[0].objective == outcomes[1].objective)
    }

    @Test func everyJobIsReportedOnceAsItFinishes() {
        let work = Self.scenarios().map { PlanBatch.Job(scenario: $0, request: PlanRequest(scenario: $0)) }
        let seen = Seen()
        _ = PlanBatch(planner: Planner(solver: GLPKSolver()), jobs: 3).run(work, finished: { index, _ in seen.add(index) })
        #expect(seen.all.sorted() == Array(work.indices))
    }
}

final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int] = []
    func add(_ i: Int) { lock.withLock { items.append(i) } }
    var all: [Int] { lock.withLock { items } }
}
