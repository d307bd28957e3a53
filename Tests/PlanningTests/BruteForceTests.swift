import DiaBanCore
import GLPKSolver
import LinearModel
import Planning
import Testing

/// The solver's optimum equals brute-force enumeration over every assignment, on many small
/// random scenarios (1–4 officers × 1–6 communes), and every plan keeps every hard rule.
@Suite struct BruteForceTests {
    static let cases: [(Int, Int, UInt64, Int)] = {
        var out: [(Int, Int, UInt64, Int)] = []
        for nO in 1...4 { for nC in 1...6 { for seed in 0..<UInt64(3) { out.append((nO, nC, seed, Int((seed + UInt64(nO * nC)) % 6))) } } }
        return out
    }()

    @Test(arguments: cases)
    func optimumEqualsEnumeration(nO: Int, nC: Int, seed: UInt64, variant: Int) throws {
        if nO == 4 && nC == 6 && seed > 0 { return }  // 4^6 × variants: keep the run short; seed 0 covers the size
        let scenario = smallScenario(officers: nO, communes: nC, seed: seed * 7919 + UInt64(nO * 10 + nC), variant: variant)
        let context = PlanContext(scenario: scenario)
        // Enumerate: the best valid assignment by the evaluator's objective.
        var best: Double?
        for a in everyAssignment(scenario) where context.hardViolations(a).isEmpty {
            let v = context.objective(a)
            if best == nil || v < best! { best = v }
        }
        let outcome = try Planner(solver: GLPKSolver()).plan(scenario, request: PlanRequest(scenario: scenario, timeLimit: 30))
        if let best {
            #expect(outcome.status == .optimal, "\(scenario.name): expected a plan, got \(outcome.status)")
            let plan = try #require(outcome.plan)
            #expect(outcome.planViolations.isEmpty, "\(scenario.name): \(outcome.planViolations)")
            #expect(context.hardViolations(plan).isEmpty)
            #expect(abs((outcome.objective ?? .nan) - best) <= 1e-6 * max(1, abs(best)),
                    "\(scenario.name) variant \(variant): solver \(outcome.objective ?? .nan) vs enumeration \(best)")
            // The solver's own objective value agrees with the independent recomputation.
            let solverObjective = try #require(outcome.levels.last?.result.objective)
            #expect(abs(solverObjective - best) <= 1e-6 * max(1, abs(best)))
        } else {
            #expect(outcome.plan == nil, "\(scenario.name): enumeration finds no valid plan, the solver returned one")
            #expect(outcome.status == .infeasible)
        }
    }
}
