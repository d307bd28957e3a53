import Testing
@testable import BenchKit

// The staffing-advice targets on hand-made advice runs: met, not met, not run.

@Test func theSinglesTargetCountsTheSinglesShareOfTheProcess() {
    // 45 s in all, of which the joint choice 20 s and the baseline 2 s: the singles took 23 s.
    let screenedRuns = [adviceRun(wall: 45, joint: 20), adviceRun(wall: 44, joint: 20), adviceRun(wall: 50, joint: 20)]
    let brute = [adviceRun(wall: 250, joint: 20, solveAll: true), adviceRun(wall: 240, joint: 20, solveAll: true),
                 adviceRun(wall: 260, joint: 20, solveAll: true)]
    let c = adviceCase("nghe-an-advice-singles", runs: screenedRuns, bruteForce: brute)
    #expect(c.singles == Summary(median: 23, min: 22, max: 28))
    #expect(c.bruteForceSingles?.median == 228)
    #expect(abs((c.ratio ?? 0) - 228.0 / 23) < 1e-9)
    let f = resultsFile(advice: [c])
    let t = target(f, "Nghệ An advice: singles ranked")
    #expect(t?.met == true)
    #expect(t?.value.hasPrefix("singles 23.0 s vs brute force 228.0 s (9.91×); 4 of 10 solved; the first ones exact (3 runs)") == true)

    let slow = resultsFile(advice: [adviceCase("nghe-an-advice-singles", runs: [adviceRun(wall: 55, joint: 20)])])
    #expect(target(slow, "Nghệ An advice: singles ranked")?.met == false)
    let inexact = resultsFile(advice: [adviceCase("nghe-an-advice-singles", runs: [adviceRun(wall: 30, joint: 20)],
                                                  bruteForce: [adviceRun(wall: 200, joint: 20, exact: false, solveAll: true)])])
    #expect(target(inexact, "Nghệ An advice: singles ranked")?.met == false)
    #expect(target(inexact, "Nghệ An advice: singles ranked")?.value.contains("not all of the first ones exact") == true)
    let failed = resultsFile(advice: [adviceCase("nghe-an-advice-singles", runs: [], error: "killed")])
    #expect(target(failed, "Nghệ An advice: singles ranked")?.met == false)
}

@Test func theJointTargetNeedsAProofWithinSixtySeconds() {
    let proven = resultsFile(advice: [adviceCase("nghe-an-advice-joint", runs: [adviceRun(wall: 90, joint: 40), adviceRun(wall: 95, joint: 45)])])
    #expect(target(proven, "Nghệ An advice: joint choice proven")?.met == true)
    let open = resultsFile(advice: [adviceCase("nghe-an-advice-joint", runs: [
        adviceRun(wall: 250, joint: 200, status: "feasible", gap: 0.488), adviceRun(wall: 240, joint: 190, status: "feasible", gap: 0.5)])])
    let t = target(open, "Nghệ An advice: joint choice proven")
    #expect(t?.met == false)
    #expect(t?.value == "feasible, gap 50.00 % (worst), bound \(Text.number(901 * (1 - 0.488))), 195.0 s (2 runs)")
    // Proven, but slower than the target.
    let late = resultsFile(advice: [adviceCase("nghe-an-advice-joint", runs: [adviceRun(wall: 90, joint: 70)])])
    #expect(target(late, "Nghệ An advice: joint choice proven")?.met == false)
}

@Test func theResilienceTargetNeedsEveryDepartureProvenWithinThirtySeconds() {
    let fast = resultsFile(advice: [adviceCase("nghe-an-advice-resilience", runs: [resilienceRun(wall: 25, departures: ["optimal": 43, "infeasible": 1])])])
    #expect(target(fast, "Nghệ An advice: resilience")?.met == true)
    #expect(target(fast, "Nghệ An advice: resilience")?.value == "median 25.0 s; 44/44 departures proven (1 run)")
    let slow = resultsFile(advice: [adviceCase("nghe-an-advice-resilience", runs: [resilienceRun(wall: 113, departures: ["optimal": 44])])])
    #expect(target(slow, "Nghệ An advice: resilience")?.met == false)
    let open = resultsFile(advice: [adviceCase("nghe-an-advice-resilience", runs: [resilienceRun(wall: 20, departures: ["optimal": 43, "feasible": 1])])])
    #expect(target(open, "Nghệ An advice: resilience")?.met == false)
    #expect(target(open, "Nghệ An advice: resilience")?.value.contains("43/44") == true)
}

@Test func adviceTargetsNotRunAreNotJudged() {
    let f = resultsFile()
    for name in ["Nghệ An advice: singles ranked", "Nghệ An advice: joint choice proven", "Nghệ An advice: resilience"] {
        #expect(target(f, name)?.met == nil, "\(name)")
        #expect(target(f, name)?.value == "not run", "\(name)")
    }
}

@Test func anAdviceTargetNoLongerMetIsARegression() {
    let old = resultsFile(advice: [adviceCase("nghe-an-advice-joint", runs: [adviceRun(wall: 90, joint: 40)])])
    let new = resultsFile(advice: [adviceCase("nghe-an-advice-joint", runs: [adviceRun(wall: 250, joint: 200, status: "feasible", gap: 0.4)])])
    let c = Comparison(old: old, new: new)
    #expect(c.regressions.contains { $0.subject == "target" && $0.text.hasPrefix("Nghệ An advice: joint choice proven: met before") })
    #expect(Comparison(old: new, new: old).findings.contains { $0.kind == .improvement && $0.text.hasPrefix("Nghệ An advice: joint choice proven: met now") })
}
