import LinearModel
import Testing
@testable import BenchKit

// Bugs a results file may reveal: runs or solvers disagreeing on a proven optimum, a bound
// beyond a plan's value, a trade-off out of order, a GAP answer against a peer's proof.

private typealias Claim = BugChecks.Claim

@Test func agreeingClaimsAreNoBug() {
    let claims = [Claim(source: "a", objective: 100, bound: 100, proven: true),
                  Claim(source: "b", objective: 100.00001, bound: 99, proven: true),
                  Claim(source: "c", objective: 105, bound: 98, proven: false)]
    #expect(BugChecks.consistency(claims, subject: "x", tolerance: 1e-6).isEmpty)
}

@Test func differentProvenOptimaAreABug() {
    let claims = [Claim(source: "DiaBan run 1", objective: 100, bound: 100, proven: true),
                  Claim(source: "cbc", objective: 101, bound: 101, proven: true)]
    let found = BugChecks.consistency(claims, subject: "nghe-an", tolerance: 1e-6)
    #expect(found.contains("nghe-an: DiaBan run 1 proved the optimum 100, cbc 101"))
}

@Test func aBoundAboveAKnownOptimumIsABug() {
    let claims = [Claim(source: "cbc", objective: 100, bound: 100, proven: true),
                  Claim(source: "DiaBan run 1", objective: 103, bound: 100.5, proven: false)]
    #expect(BugChecks.consistency(claims, subject: "ha-tinh", tolerance: 1e-6)
            == ["ha-tinh: DiaBan run 1's bound 100.5 is above the optimum 100 that cbc proved"])
    // Above any plan's value, proven or not.
    let plans = [Claim(source: "piece compact", objective: 99, bound: 90, proven: false),
                 Claim(source: "piece default", objective: 100, bound: 99.5, proven: false)]
    #expect(BugChecks.consistency(plans, subject: "nghe-an", tolerance: 1e-6)
            == ["nghe-an: piece default's bound 99.5 is above the value 99 of piece compact's plan"])
    // Maximising, a bound below the best plan is the bug.
    let max = [Claim(source: "cbc", objective: 336, bound: 336, proven: true),
               Claim(source: "diaban", objective: 330, bound: 335, proven: false)]
    #expect(BugChecks.consistency(max, subject: "GAP gap1-1", tolerance: 1e-6, sense: .maximize)
            == ["GAP gap1-1: diaban's bound 335 is below the optimum 336 that cbc proved"])
}

@Test func theNgheAnModelIsCheckedAcrossLadderPeersPiecesAndCompare() {
    let na = ladderCase("nghe-an", runs: [ladderRun(objective: 3083.24, bound: 3083.24)])
    let piece = pieceResult("branching=off", run: ladderRun(status: "feasible", objective: 3090, bound: 3085, gap: 0.002))
    let clean = resultsFile(ladder: [na], pieces: [pieceResult("default", run: ladderRun(objective: 3083.24, bound: 3083.24))])
    #expect(clean.bugs.isEmpty)
    let f = resultsFile(ladder: [na], pieces: [piece])
    #expect(f.bugs == ["nghe-an: piece branching=off's bound 3085 is above the optimum 3083.24 that DiaBan run 1 proved"])

    let items = [batchItem("baseline", "optimal", objective: 3090), batchItem("leave", "optimal", objective: 30211)]
    let g = resultsFile(ladder: [na], batches: [batchCase(.compare, runs: [batchRun(items, wall: 20)])])
    #expect(g.bugs == ["nghe-an: DiaBan run 1 proved the optimum 3083.24, nghe-an-compare run 1 baseline 3090",
                       "nghe-an: nghe-an-compare run 1 baseline's bound 3090 is above the optimum 3083.24 that DiaBan run 1 proved"])

    let cbc = peers("nghe-an", diaban: na, cbc: peerRun("optimal", seconds: 3, objective: 3080))
    let h = resultsFile(ladder: [na], peers: [cbc])
    #expect(h.bugs.contains("nghe-an: DiaBan run 1 proved the optimum 3083.24, cbc 3080"))
}

@Test func aPeerReadingTheObjectiveConstantWithTheOtherSignIsNoBug() {
    let na = ladderCase("nghe-an", runs: [ladderRun(objective: 150, bound: 150)])
    var p = peers("nghe-an", diaban: na, cbc: peerRun("optimal", seconds: 3, objective: 100))
    p.objectiveConstant = 50
    #expect(resultsFile(ladder: [na], peers: [p]).bugs.isEmpty)
    p.objectiveConstant = 0
    #expect(!resultsFile(ladder: [na], peers: [p]).bugs.isEmpty)
}

@Test func runsOfABatchMustAgree() {
    let a = batchRun([batchItem("baseline", "optimal", objective: 100), batchItem("leave", "infeasible")], wall: 10)
    let b = batchRun([batchItem("baseline", "optimal", objective: 101), batchItem("leave", "optimal", objective: 300)], wall: 10)
    let f = resultsFile(batches: [batchCase(.compare, runs: [a, b])])
    #expect(f.bugs.contains("nghe-an-compare baseline: run 1 proved the optimum 100, run 2 101"))
    #expect(f.bugs.contains("nghe-an-compare leave: infeasible in one run, a plan in another"))
}

@Test func scenariosWithPriorityLevelsReportNoBoundAndTheirPointsMayDiffer() {
    // Two proven plans of a lexicographic scenario may differ in total points: no bug.
    let a = batchRun([BatchItem(label: "priorities", status: "optimal", objective: 3789, bound: nil, gap: 0, seconds: 5)], wall: 10)
    let b = batchRun([BatchItem(label: "priorities", status: "optimal", objective: 3795, bound: nil, gap: 0, seconds: 5)], wall: 10)
    #expect(resultsFile(batches: [batchCase(.compare, runs: [a, b])]).bugs.isEmpty)
    // Two proofs within the tolerance of each other: no bug either.
    let near = [Claim(source: "a", objective: 3482.1365, bound: 3482.1330, proven: true),
                Claim(source: "b", objective: 3482.1400, bound: 3482.1365, proven: true)]
    #expect(BugChecks.consistency(near, subject: "x", tolerance: 1e-6).isEmpty)
}

@Test func aTradeoffAllowingMoreChangesIsNeverWorse() {
    let ordered = batchRun([batchItem("0", "infeasible"), batchItem("4", "optimal", objective: 200), batchItem("8", "optimal", objective: 150)],
                           wall: 5, jobs: nil)
    #expect(resultsFile(batches: [batchCase(.tradeoff, runs: [ordered])]).bugs.isEmpty)
    let worse = batchRun([batchItem("4", "optimal", objective: 200), batchItem("8", "optimal", objective: 210)], wall: 5, jobs: nil)
    #expect(resultsFile(batches: [batchCase(.tradeoff, runs: [worse])]).bugs
            == ["nghe-an-tradeoff run 1: the bound 210 at most 8 changes is above the plan 200 at most 4"])
    let lost = batchRun([batchItem("4", "optimal", objective: 200), batchItem("8", "infeasible")], wall: 5, jobs: nil)
    #expect(resultsFile(batches: [batchCase(.tradeoff, runs: [lost])]).bugs
            == ["nghe-an-tradeoff run 1: at most 8 changes reported infeasible, but at most 4 has a plan"])
}

@Test func gapAnswersAreCheckedAgainstPublishedValuesAndPeers() {
    // DiaBan's bound on instance i3 passes the published optimum: the verdict says so.
    var diaban = gapRow(.chuBeasley, solver: "diaban", count: 4, proven: 3, seconds: 1)
    diaban.instances[3] = GAPInstanceResult.judge(instance: "i3", sense: .minimize, status: "feasible", objective: 1013, bound: 1005,
                                                  seconds: 10, nodes: 5, published: published("i3", "min", 1003, proven: true))
    let f = resultsFile(gap: [gapSummary(.chuBeasley, diaban: diaban, cbc: nil)])
    #expect(f.bugs == ["GAP i3 (diaban): WRONG — bound 1005 excludes the published optimum 1003"])

    // No published value, but CBC proved one the bound passes.
    var open = gapRow(.chuBeasley, solver: "diaban", count: 1, proven: 0, seconds: 10)
    open.instances[0] = GAPInstanceResult.judge(instance: "x", sense: .minimize, status: "feasible", objective: 520, bound: 505,
                                                seconds: 10, nodes: 5, published: nil)
    var cbc = gapRow(.chuBeasley, solver: "cbc", count: 1, proven: 1, seconds: 3)
    cbc.instances[0] = GAPInstanceResult.judge(instance: "x", sense: .minimize, status: "optimal", objective: 500, bound: 500,
                                               seconds: 3, nodes: nil, published: nil)
    let g = resultsFile(gap: [gapSummary(.chuBeasley, diaban: open, cbc: cbc)])
    #expect(g.bugs == ["GAP x: diaban's bound 505 is above the optimum 500 that cbc proved"])
}
