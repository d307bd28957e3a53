import Testing
@testable import BenchKit

// The targets evaluated on hand-made results files: met, not met, not run, not judged.

@Test func anEmptyFileRunsNoTargetButHasNoBug() {
    let f = resultsFile()
    for t in f.targets where t.name != "No bug" {
        #expect(t.met == nil, "\(t.name)")
        #expect(t.value.hasPrefix("not run"), "\(t.name): \(t.value)")
    }
    #expect(target(f, "No bug")?.met == true)
    // Every target of the issue is there.
    for name in ["Nghệ An: proven optimal", "Nghệ An: time vs CBC", "Nghệ An: under 1 s (stretch)", "Hà Tĩnh: proven optimal",
                 "Gia Lai: time vs CBC", "Thanh Hóa: proven optimal", "invented-500: time vs CBC", "central-1000: gap within 30.0 s",
                 "Whole country: gap within 60.0 s", "Whole country: peak memory", "Nghệ An compare: every item decided",
                 "Nghệ An compare: total time", "Nghệ An trade-off 0–40 by 4: every item decided", "Nghệ An trade-off 0–40 by 4: total time",
                 "OR-Library gap1–gap12: proven optimal, equal to the published optima", "OR-Library gap1–gap12: total time vs CBC",
                 "Chu–Beasley A–D: proven vs CBC", "Chu–Beasley A–D: the bound's gap for the rest"] {
        #expect(target(f, name) != nil, "missing target \(name)")
    }
}

@Test func ngheAnProvenAndFasterThanCBCMeetsEveryTarget() {
    let na = ladderCase("nghe-an", runs: [ladderRun(wall: 0.8), ladderRun(wall: 0.9), ladderRun(wall: 0.7)])
    let f = resultsFile(ladder: [na], peers: [peers("nghe-an", diaban: na, cbc: peerRun("optimal", seconds: 3, objective: 100))])
    #expect(target(f, "Nghệ An: proven optimal")?.met == true)
    #expect(target(f, "Nghệ An: proven optimal")?.value == "3/3 optimal")
    #expect(target(f, "Nghệ An: time vs CBC")?.met == true)
    #expect(target(f, "Nghệ An: time vs CBC")?.value.contains("0.27×") == true)
    #expect(target(f, "Nghệ An: under 1 s (stretch)")?.met == true)
}

@Test func oneUnprovenRunOrASlowerMedianMissesTheTargets() {
    let na = ladderCase("nghe-an", runs: [ladderRun(wall: 1.5), ladderRun(status: "feasible", wall: 60, gap: 0.001), ladderRun(wall: 1.4)])
    let f = resultsFile(ladder: [na], peers: [peers("nghe-an", diaban: na, cbc: peerRun("optimal", seconds: 1.0, objective: 100))])
    #expect(target(f, "Nghệ An: proven optimal")?.met == false)
    #expect(target(f, "Nghệ An: proven optimal")?.value == "2/3 optimal")
    #expect(target(f, "Nghệ An: time vs CBC")?.met == false)
    #expect(target(f, "Nghệ An: under 1 s (stretch)")?.met == false)
}

@Test func anUnprovenRunIsNotFasterThanCBCWhateverItsTime() {
    let th = ladderCase("thanh-hoa", runs: [ladderRun(status: "feasible", wall: 29, objective: 100, bound: 99.9, gap: 0.001)], timeLimit: 30)
    let f = resultsFile(ladder: [th], peers: [peers("thanh-hoa", diaban: th, cbc: peerRun("feasible", seconds: 30, objective: 101, bound: 99))])
    #expect(target(f, "Thanh Hóa: time vs CBC")?.met == false)
    #expect(target(f, "Thanh Hóa: time vs CBC")?.value == "median 29.0 s (feasible) vs CBC 30.0 s (feasible): 0.97×")
    #expect(f.bugs.isEmpty)
}

@Test func withoutCBCTheRatioIsNotRun() {
    let na = ladderCase("nghe-an", runs: [ladderRun(wall: 0.5)])
    let missing = resultsFile(ladder: [na], peers: [peers("nghe-an", diaban: na, cbc: peerRun("missing", seconds: 0))])
    #expect(target(missing, "Nghệ An: time vs CBC")?.met == nil)
    #expect(target(missing, "Nghệ An: time vs CBC")?.value == "not run (CBC not installed)")
    let untimed = resultsFile(ladder: [na])
    #expect(target(untimed, "Nghệ An: time vs CBC")?.value == "not run (CBC not timed on it)")
    #expect(target(untimed, "Nghệ An: proven optimal")?.met == true)
}

@Test func theProvincesAndInvented500HaveTheirOwnTargets() {
    let ht = ladderCase("ha-tinh", runs: [ladderRun(wall: 2)], timeLimit: 30)
    let ia = ladderCase("invented-500", runs: [ladderRun(status: "feasible", wall: 60, objective: 100, bound: 99, gap: 0.01)])
    let f = resultsFile(ladder: [ht, ia], peers: [
        peers("ha-tinh", diaban: ht, cbc: peerRun("optimal", seconds: 5, objective: 100)),
        peers("invented-500", diaban: ia, cbc: peerRun("optimal", seconds: 17, objective: 99.5)),
    ])
    #expect(target(f, "Hà Tĩnh: proven optimal")?.met == true)
    #expect(target(f, "Hà Tĩnh: time vs CBC")?.met == true)
    #expect(target(f, "invented-500: proven optimal")?.met == false)
    #expect(target(f, "invented-500: time vs CBC")?.met == false)
    #expect(target(f, "Gia Lai: proven optimal")?.met == nil)
    #expect(f.bugs.isEmpty)
}

@Test func largeCasesAreJudgedByTheirGapWithinTheBudget() {
    let good = ladderCase("central-1000", runs: [ladderRun(status: "feasible", wall: 30, objective: 1000, bound: 996, gap: 0.004)], timeLimit: 30)
    #expect(target(resultsFile(ladder: [good]), "central-1000: gap within 30.0 s")?.met == true)
    let oneBad = ladderCase("central-1000", runs: [
        ladderRun(status: "feasible", wall: 30, objective: 1000, bound: 996, gap: 0.004),
        ladderRun(status: "feasible", wall: 30, objective: 1000, bound: 994, gap: 0.006),
    ], timeLimit: 30)
    #expect(target(resultsFile(ladder: [oneBad]), "central-1000: gap within 30.0 s")?.met == false)
    let noPlan = ladderCase("central-1000", runs: [ladderRun(status: "no-solution", wall: 30, objective: nil, bound: 900, gap: nil)], timeLimit: 30)
    #expect(target(resultsFile(ladder: [noPlan]), "central-1000: gap within 30.0 s")?.met == false)
    // A longer limit than the target's budget is not judged.
    let longer = ladderCase("central-1000", runs: [ladderRun(status: "feasible", wall: 60, objective: 1000, bound: 999, gap: 0.001)], timeLimit: 60)
    #expect(target(resultsFile(ladder: [longer]), "central-1000: gap within 30.0 s")?.met == nil)

    var heavy = ladderRun(status: "feasible", wall: 60, objective: 1000, bound: 995, gap: 0.005)
    heavy.peakRSSBytes = 1_200_000_000
    let country = resultsFile(ladder: [ladderCase("country", runs: [heavy])])
    #expect(target(country, "Whole country: gap within 60.0 s")?.met == true)
    #expect(target(country, "Whole country: peak memory")?.met == false)
}

@Test func compareTargetsNeedEveryScenarioProvenWithinThirtySeconds() {
    let nine = (0..<9).map { batchItem("s\($0)", "optimal", objective: 100) }
    let fast = batchCase(.compare, runs: [batchRun(nine, wall: 20), batchRun(nine, wall: 22)])
    let f = resultsFile(batches: [fast])
    #expect(target(f, "Nghệ An compare: every item decided")?.met == true)
    #expect(target(f, "Nghệ An compare: total time")?.met == true)

    var oneOpen = nine
    oneOpen[3] = batchItem("s3", "feasible", objective: 100, bound: 99.9)
    let slow = batchCase(.compare, runs: [batchRun(nine, wall: 40), batchRun(oneOpen, wall: 70)])
    let g = resultsFile(batches: [slow])
    #expect(target(g, "Nghệ An compare: every item decided")?.met == false)
    #expect(target(g, "Nghệ An compare: every item decided")?.value.contains("s3 feasible") == true)
    #expect(target(g, "Nghệ An compare: total time")?.met == false)

    // An infeasible scenario is not proven optimal.
    var infeasible = nine
    infeasible[8] = batchItem("s8", "infeasible")
    #expect(target(resultsFile(batches: [batchCase(.compare, runs: [batchRun(infeasible, wall: 10)])]), "Nghệ An compare: every item decided")?.met == false)
}

@Test func tradeoffTargetsCountInfeasiblePointsAsDecided() {
    let points = [batchItem("0", "infeasible"), batchItem("4", "infeasible")] + (2...10).map { batchItem(String(4 * $0), "optimal", objective: 100 - Double($0)) }
    let f = resultsFile(batches: [batchCase(.tradeoff, runs: [batchRun(points, wall: 12, jobs: nil)])])
    #expect(target(f, "Nghệ An trade-off 0–40 by 4: every item decided")?.met == true)
    #expect(target(f, "Nghệ An trade-off 0–40 by 4: every item decided")?.value.hasPrefix("11/11 decided (9 optimal, 2 infeasible)") == true)
    #expect(target(f, "Nghệ An trade-off 0–40 by 4: total time")?.met == true)
    var open = points
    open[5] = batchItem("20", "no-solution")
    let g = resultsFile(batches: [batchCase(.tradeoff, runs: [batchRun(open, wall: 31, jobs: nil)])])
    #expect(target(g, "Nghệ An trade-off 0–40 by 4: every item decided")?.met == false)
    #expect(target(g, "Nghệ An trade-off 0–40 by 4: total time")?.met == false)
    // A failed run decides nothing.
    let failed = resultsFile(batches: [batchCase(.tradeoff, runs: [], error: "killed")])
    #expect(target(failed, "Nghệ An trade-off 0–40 by 4: every item decided")?.met == false)
}

@Test func orlibTargetsAreJudgedOnTheWholeSetOnly() {
    let whole = gapSummary(.orlib, diaban: gapRow(.orlib, solver: "diaban", count: 60, proven: 60, seconds: 0.05),
                           cbc: gapRow(.orlib, solver: "cbc", count: 60, proven: 60, seconds: 0.3))
    let f = resultsFile(gap: [whole])
    #expect(target(f, "OR-Library gap1–gap12: proven optimal, equal to the published optima")?.met == true)
    #expect(target(f, "OR-Library gap1–gap12: total time vs CBC")?.met == true)
    let slower = gapSummary(.orlib, diaban: gapRow(.orlib, solver: "diaban", count: 60, proven: 59, seconds: 0.5),
                            cbc: gapRow(.orlib, solver: "cbc", count: 60, proven: 60, seconds: 0.3))
    let g = resultsFile(gap: [slower])
    #expect(target(g, "OR-Library gap1–gap12: proven optimal, equal to the published optima")?.met == false)
    #expect(target(g, "OR-Library gap1–gap12: total time vs CBC")?.met == false)
    let subset = gapSummary(.orlib, diaban: gapRow(.orlib, solver: "diaban", count: 5, proven: 5, seconds: 0.05), cbc: nil)
    let h = resultsFile(gap: [subset])
    #expect(target(h, "OR-Library gap1–gap12: proven optimal, equal to the published optima")?.met == nil)
    #expect(target(h, "OR-Library gap1–gap12: proven optimal, equal to the published optima")?.value.hasSuffix("(subset of 5)") == true)
}

@Test func chuBeasleyNeedsMoreProofsThanCBCAndAGapForTheRest() {
    let better = gapSummary(.chuBeasley, diaban: gapRow(.chuBeasley, solver: "diaban", count: 24, proven: 18, seconds: 5),
                            cbc: gapRow(.chuBeasley, solver: "cbc", count: 24, proven: 12, seconds: 6))
    let f = resultsFile(gap: [better])
    #expect(target(f, "Chu–Beasley A–D: proven vs CBC")?.met == true)
    #expect(target(f, "Chu–Beasley A–D: proven vs CBC")?.value == "DiaBan 18/24, CBC 12/24")
    #expect(target(f, "Chu–Beasley A–D: the bound's gap for the rest")?.met == true)
    #expect(target(f, "Chu–Beasley A–D: the bound's gap for the rest")?.value.hasPrefix("i18 ") == true)

    let even = gapSummary(.chuBeasley, diaban: gapRow(.chuBeasley, solver: "diaban", count: 24, proven: 12, seconds: 5, unprovenGap: nil),
                          cbc: gapRow(.chuBeasley, solver: "cbc", count: 24, proven: 12, seconds: 6))
    let g = resultsFile(gap: [even])
    #expect(target(g, "Chu–Beasley A–D: proven vs CBC")?.met == false)
    #expect(target(g, "Chu–Beasley A–D: the bound's gap for the rest")?.met == false)
    #expect(target(g, "Chu–Beasley A–D: the bound's gap for the rest")?.value.contains("no bound") == true)

    // Another time limit than 10 s is not judged.
    let longer = gapSummary(.chuBeasley, diaban: gapRow(.chuBeasley, solver: "diaban", count: 24, proven: 20, seconds: 5),
                            cbc: gapRow(.chuBeasley, solver: "cbc", count: 24, proven: 12, seconds: 6), timeLimit: 60)
    #expect(target(resultsFile(gap: [longer]), "Chu–Beasley A–D: proven vs CBC")?.met == nil)
}

@Test func aBugMissesTheNoBugTarget() {
    let broken = ladderCase("nghe-an", runs: [ladderRun(wall: 1, violations: 2)])
    let f = resultsFile(ladder: [broken])
    #expect(f.bugs == ["nghe-an run 1: the plan breaks 2 hard rule(s)"])
    #expect(target(f, "No bug")?.met == false)
    #expect(target(f, "No bug")?.value == "1 found")
}
