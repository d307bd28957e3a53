import DiaBanCore
import DiaBanTestSupport
import GLPKSolver
import LinearModel
import Planning
import ScenarioIO
import Testing

/// Gives every current pair a start date some whole years before `asOf`, from 0 to 7.
func withTenure(_ scenario: Scenario, seed: UInt64, rotation: Rotation) -> Scenario {
    var s = scenario
    var rng = SplitMix64(seed: seed)
    s.asOf = Day(iso: "2026-07-01")!
    for p in s.current.pairs { s.since[p] = Day(year: 2026 - rng.int(0...7), month: 7, day: 1)! }
    s.rules.rotation = rotation
    s.weights.rotation = 40
    return s
}

/// The best valid assignment by enumeration and the evaluator's objective (nil: none).
func bruteForceOptimum(_ scenario: Scenario) -> Double? {
    let context = PlanContext(scenario: scenario)
    var best: Double?
    for a in everyAssignment(scenario) where context.hardViolations(a).isEmpty {
        let v = context.objective(a)
        if best == nil || v < best! { best = v }
    }
    return best
}

@Suite struct RotationTests {
    static let cases: [(Int, Int, UInt64)] = [(2, 3, 1), (2, 4, 2), (3, 3, 3), (3, 4, 4), (3, 5, 5), (4, 4, 6), (2, 5, 7), (3, 5, 8)]

    @Test("soft rotation: the optimum equals enumeration, and the model's coefficients equal the evaluator's", arguments: cases)
    func soft(nO: Int, nC: Int, seed: UInt64) throws {
        let scenario = withTenure(smallScenario(officers: nO, communes: nC, seed: seed * 31), seed: seed, rotation: Rotation(maxYears: 3, mode: .soft))
        let context = PlanContext(scenario: scenario)
        #expect(!context.yearsDue.isEmpty || scenario.current.pairs.allSatisfy { scenario.yearsDue($0) == 0 })
        // The current assignment's continuity is exactly the years due it carries.
        let due = scenario.current.pairs.reduce(0) { $0 + scenario.yearsDue($1) }
        #expect(context.evaluate(scenario.current).rotationYearsDue == due)
        let outcome = try Planner(solver: GLPKSolver()).plan(scenario, request: PlanRequest(scenario: scenario, timeLimit: 30))
        let best = bruteForceOptimum(scenario)
        guard let best else { #expect(outcome.plan == nil); return }
        let plan = try #require(outcome.plan)
        #expect(outcome.status == .optimal)
        #expect(abs((outcome.objective ?? .nan) - best) <= 1e-6 * max(1, best), "solver \(outcome.objective ?? .nan) vs enumeration \(best)")
        let model = PlanModel(context: context)
        let vector = try #require(model.completeVector(for: plan))
        let points = context.evaluate(plan).points(scenario.weights, coverage: scenario.rules.coverage)
        #expect(abs(model.termValue(.changes, vector) - (points[.changes] ?? 0)) < 1e-9)
    }

    @Test("hard rotation: no pair due stays, each such move names the rule, and the optimum equals enumeration", arguments: cases)
    func hard(nO: Int, nC: Int, seed: UInt64) throws {
        var scenario = withTenure(smallScenario(officers: nO, communes: nC, seed: seed * 31), seed: seed, rotation: Rotation(maxYears: 4, mode: .hard))
        scenario.locked = scenario.locked.filter { scenario.yearsDue($0) == 0 }
        let due = scenario.pairsDueForRotation
        scenario.forbidPairsDueForRotation()
        let outcome = try Planner(solver: GLPKSolver()).plan(scenario, request: PlanRequest(scenario: scenario, timeLimit: 30))
        let best = bruteForceOptimum(scenario)
        guard let best else {
            #expect(outcome.plan == nil)
            return
        }
        let plan = try #require(outcome.plan)
        #expect(abs((outcome.objective ?? .nan) - best) <= 1e-6 * max(1, best))
        for pair in due {
            #expect(!plan.contains(pair), "\(pair) is due for rotation and stayed")
            let move = try #require(outcome.proposal.moves.first { $0.commune == pair.commune && $0.from.contains(pair.officer) })
            #expect(move.reason.contains("the rotation rule (4 years, hard) asks for a change"), "\(move.reason)")
            #expect(move.forcedBy == "rotation" || move.forcedBy == "leave" || move.forcedBy == "home-commune")
        }
    }

    @Test("when the rotation rule leaves a commune nobody, the quick checks name the rule")
    func hardInfeasible() throws {
        var scenario = smallScenario(officers: 1, communes: 2, seed: 11)
        scenario.locked = []
        scenario.forbidden = []
        scenario.officers[0].homeCommune = nil
        scenario = withTenure(scenario, seed: 1, rotation: Rotation(maxYears: 1, mode: .hard))
        for p in scenario.current.pairs { scenario.since[p] = Day(iso: "2020-01-01")! }
        scenario.forbidPairsDueForRotation()
        let outcome = try Planner(solver: GLPKSolver()).plan(scenario, request: PlanRequest(scenario: scenario, timeLimit: 10))
        #expect(outcome.status == .infeasible)
        #expect(outcome.findings.contains { $0.code == "no-eligible-officer" && $0.message.contains("the hard rotation rule (1 years)") }, "\(outcome.findings)")
    }
}

@Suite struct DecisionTests {
    /// Random decisions on a plan's moves: each accepted, rejected, kept, held or left pending.
    static func decide(_ proposal: Proposal, seed: UInt64) -> [Decision] {
        var rng = SplitMix64(seed: seed)
        return proposal.moves.enumerated().map { i, m in
            let verdict = [Decision.Verdict.accept, .reject, .keep, .hold, .pending][rng.int(0...4)]
            return Decision(move: i + 1, commune: m.commune, from: m.from, to: m.to, gain: m.totalGain, verdict: verdict, note: "", line: i + 2)
        }
    }

    @Test("a re-plan honours every decision, and is the optimum of the decided scenario", arguments: Array(UInt64(1)...12))
    func honoured(seed: UInt64) throws {
        let scenario = smallScenario(officers: 3, communes: 5, seed: seed * 101)
        let planner = Planner(solver: GLPKSolver())
        let first = try planner.plan(scenario, request: PlanRequest(scenario: scenario, timeLimit: 30))
        guard first.plan != nil, !first.proposal.moves.isEmpty else { return }
        let decisions = Self.decide(first.proposal, seed: seed)
        // The plan the decisions were made on is the proposal's.
        #expect(scenario.proposedPlan(decisions) == first.plan)
        let decided = scenario.applying(decisions)
        let outcome = try planner.plan(decided, request: PlanRequest(scenario: decided, timeLimit: 30))
        let best = bruteForceOptimum(decided)
        guard let plan = outcome.plan, let best else {
            #expect(outcome.plan == nil && best == nil, "solver and enumeration disagree on feasibility")
            return
        }
        #expect(abs((outcome.objective ?? .nan) - best) <= 1e-6 * max(1, best))
        for d in decisions {
            switch d.verdict {
            case .accept: #expect(d.newPairs.allSatisfy(plan.contains), "accepted \(d.commune) not honoured")
            case .reject: #expect(!d.newPairs.contains(where: plan.contains), "rejected \(d.commune) not honoured")
            case .keep: #expect(d.currentPairs.allSatisfy(plan.contains), "kept \(d.commune) not honoured")
            case .hold:
                // The held officer keeps what they had and gets nothing new, this commune included.
                for o in d.to { #expect(scenario.newCommunes(of: o, in: plan).isEmpty, "held \(o) given \(scenario.newCommunes(of: o, in: plan))") }
                #expect(!d.newPairs.contains(where: plan.contains))
            case .pending: break
            }
        }
        let review = PlanContext(scenario: scenario).review(decisions, file: "decisions.csv", plan: plan, proposal: outcome.proposal)
        #expect(review.allHonoured)
        // The cost is the difference of the two plans' objectives, measured the same way.
        let context = PlanContext(scenario: scenario)
        #expect(abs((review.cost ?? .nan) - (context.objective(plan) - context.objective(first.plan!))) < 1e-5)
        // With the proposal optimal, decisions never make the plan better.
        #expect((review.cost ?? -1) >= -1e-6)
        // Every move of the re-plan that the proposal did not have is listed as appeared.
        let proposed = Set(decisions.map { "\($0.commune)>\($0.to.sorted())" })
        let appeared = outcome.proposal.moves.filter { !proposed.contains("\($0.commune)>\($0.to.sorted())") }
        #expect(review.appeared.map(\.commune) == appeared.map(\.commune))
    }
}
