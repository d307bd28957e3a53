@testable import AssignmentEngine
import LinearModel
import Testing

/// How a search with a plan ends: the cases of ``DecompositionEngine/verdict``.
@Suite struct EngineVerdictTests {
    @Test func anExhaustedTreeReachesTheAskedGapDespiteRounding() {
        // A tree whose every node closed within 10⁻⁴ of the plan: the bound is taken as
        // plan − 10⁻⁴·plan, and on this plan's value that lands a rounding error beyond 10⁻⁴.
        let plan = 838.737646706639
        let bound = plan - 1e-4 * plan
        #expect((plan - bound) > 1e-4 * plan)
        let (termination, primal) = DecompositionEngine.verdict(
            plan: plan, bound: bound, exhausted: true, closed: false, stopped: false, relativeGap: 1e-4)
        #expect(termination == .gapReached)
        #expect(primal == .feasible)
    }

    @Test func aProofAndAnOpenSearchKeepTheirVerdicts() {
        // The bound meets the plan.
        #expect(DecompositionEngine.verdict(plan: 100, bound: 100, exhausted: false, closed: true, stopped: false, relativeGap: 1e-4) == (.optimal, .optimal))
        // An exhausted tree at a proof's tolerance.
        #expect(DecompositionEngine.verdict(plan: 100, bound: 99.99, exhausted: true, closed: false, stopped: false, relativeGap: 1e-6) == (.optimal, .optimal))
        // Within the asked gap but not a proof.
        #expect(DecompositionEngine.verdict(plan: 100, bound: 99.995, exhausted: false, closed: true, stopped: false, relativeGap: 1e-4) == (.gapReached, .feasible))
        // Neither: the clock or the caller stopped it.
        #expect(DecompositionEngine.verdict(plan: 100, bound: 90, exhausted: false, closed: false, stopped: false, relativeGap: 1e-4) == (.timeLimit, .feasible))
        #expect(DecompositionEngine.verdict(plan: 100, bound: nil, exhausted: false, closed: false, stopped: true, relativeGap: 1e-4) == (.interrupted, .feasible))
    }
}
