import Testing
@testable import BenchKit

private func ladderCase(_ name: String, wall: Double, status: String = "optimal", objective: Double = 100, gap: Double = 0) -> LadderCaseResult {
    let s = { (x: Double) in Summary(median: x, min: x, max: x) }
    return LadderCaseResult(
        name: name, title: name, communes: 130, officers: 44, variables: 6000, binaries: 5700, constraints: 480, nonZeros: 20000,
        timeLimit: 60, gapTolerance: 1e-6, runs: 1, status: status, statuses: [status], wall: s(wall), cpu: nil,
        read: s(0.01), build: s(0.01), heuristic: s(0.1), glpk: s(wall - 0.2), report: s(0.01), overheadShare: s(0.1),
        firstFeasible: s(0.2), timeToOptimal: status == "optimal" ? s(wall) : nil, objective: s(objective), bound: s(objective),
        gap: s(gap), nodes: s(10), peakRSSBytes: s(50e6), peakGLPKBytes: s(10e6), startAccepted: true, perRun: [], error: nil)
}

private func file(_ ladder: [LadderCaseResult], load: Double = 0.5) -> ResultsFile {
    var f = ResultsFile(
        schema: ResultsFile.currentSchema, date: "2026-01-01T00:00:00Z", revision: Revision(commit: "abc", dirty: false),
        machine: Machine(cores: 2, memoryBytes: 1 << 34, cpu: "test", os: "test", glpsol: nil, cbc: nil),
        loadAverage: .init(start: load, end: load),
        settings: .init(command: "test", quick: false, cases: [], repeatOverride: nil, ladderOptions: "x", gapOptions: ["orlib": "y"],
                        gapTimeLimits: [:], seed: 1),
        ladder: ladder, gap: [], peers: [], targets: [], bugs: [], totalSeconds: 1)
    f.targets = Targets.evaluate(f)
    return f
}

@Test func aSlowerMedianBeyondTheNoiseBandIsARegression() {
    let c = Comparison(old: file([ladderCase("nghe-an", wall: 10)]), new: file([ladderCase("nghe-an", wall: 12)]), noise: 0.15)
    #expect(c.regressions.map(\.text) == ["end to end 10.0 s → 12.0 s (+20 %)", "GLPK 9.80 s → 11.8 s (+20 %)"])
}

@Test func withinTheNoiseBandNothingIsFlagged() {
    let c = Comparison(old: file([ladderCase("nghe-an", wall: 10)]), new: file([ladderCase("nghe-an", wall: 11)]), noise: 0.15)
    #expect(c.regressions.isEmpty)
    let faster = Comparison(old: file([ladderCase("nghe-an", wall: 10)]), new: file([ladderCase("nghe-an", wall: 5)]), noise: 0.15)
    #expect(faster.regressions.isEmpty)
    #expect(faster.findings.contains { $0.kind == .improvement && $0.text.hasPrefix("end to end") })
}

@Test func worseStatusObjectiveAndMovedOptimumAreRegressions() {
    let status = Comparison(old: file([ladderCase("a", wall: 60, status: "feasible", gap: 0.01)]),
                            new: file([ladderCase("a", wall: 60, status: "no-solution", gap: 0.01)]))
    #expect(status.regressions.contains { $0.text == "status feasible → no-solution" })
    let moved = Comparison(old: file([ladderCase("a", wall: 1, objective: 100)]), new: file([ladderCase("a", wall: 1, objective: 101)]))
    #expect(moved.regressions.contains { $0.text == "the proven optimum moved: 100 → 101" })
    let worse = Comparison(old: file([ladderCase("a", wall: 60, status: "feasible", objective: 100, gap: 0.01)]),
                           new: file([ladderCase("a", wall: 60, status: "feasible", objective: 110, gap: 0.05)]))
    #expect(worse.regressions.contains { $0.text == "objective worse: 100 → 110" })
    #expect(worse.regressions.contains { $0.text.hasPrefix("gap ") })
}

@Test func aTargetNoLongerMetIsARegressionAndABusyMachineIsNoted() {
    let c = Comparison(old: file([ladderCase("nghe-an", wall: 0.5)]), new: file([ladderCase("nghe-an", wall: 0.5, status: "feasible")], load: 4))
    #expect(c.regressions.contains { $0.subject == "target" && $0.text.hasPrefix("Nghệ An: proven optimal") })
    #expect(c.findings.contains { $0.kind == .note && $0.text.contains("load average of 4.0") })
}
