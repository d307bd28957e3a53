import Foundation
import GAPLibrary
import LinearModel
@testable import BenchKit

/// Hand-made results for the tests: every number is chosen here, none comes from a solve.

func same(_ x: Double) -> Summary { Summary(median: x, min: x, max: x) }

func ladderRun(status: String = "optimal", wall: Double = 1, objective: Double? = 100, bound: Double? = 100, gap: Double? = 0,
               violations: Int = 0, engine: EngineCounts? = nil) -> LadderRun {
    LadderRun(
        wallSeconds: wall, cpuSeconds: nil, readSeconds: 0.01, buildSeconds: 0.01, heuristicSeconds: 0.1, glpkSeconds: wall - 0.2,
        reportSeconds: 0.01, firstFeasibleSeconds: 0.2, status: status, objective: objective, bound: bound, gap: gap, nodes: 0,
        peakRSSBytes: 50_000_000, peakGLPKBytes: 10_000_000, startAccepted: true, heuristicObjective: nil, planViolations: violations,
        communes: 130, officers: 44, variables: 6000, binaries: 5700, constraints: 480, nonZeros: 20000, solveEngine: "decomposition",
        engine: engine)
}

func engineCounts(rounds: Int = 50, nodes: Int = 0, bound: Double? = 100) -> EngineCounts {
    EngineCounts(solves: 1, columnGenerationRounds: rounds, columns: 5000, branchNodes: nodes, dives: 0, fixedPairs: 0,
                 remainingPairs: 0, converged: true, decompositionBound: bound, relaxationBound: 90)
}

/// A ladder case over `runs` (each with its own status, time, gap…), summarised as `run` does.
func ladderCase(_ name: String, runs: [LadderRun], timeLimit: Double = 60, gapTolerance: Double = 1e-6, error: String? = nil) -> LadderCaseResult {
    let c = LadderCase(name: name, title: name, source: .invented(communes: 10), timeLimit: timeLimit, repeats: runs.count, peers: false, quick: false)
    return LadderCaseResult.summarize(c, runs: runs, gapTolerance: gapTolerance, error: error)
}

func ladderCase(_ name: String, wall: Double, status: String = "optimal", objective: Double = 100, gap: Double = 0) -> LadderCaseResult {
    ladderCase(name, runs: [ladderRun(status: status, wall: wall, objective: objective, bound: objective * (1 - gap), gap: gap)])
}

func peerRun(_ status: String, seconds: Double, objective: Double? = nil, bound: Double? = nil) -> Peers.Run {
    Peers.Run(status: status, objective: objective, bound: bound ?? objective, seconds: seconds, cpuSeconds: seconds, peakRSSBytes: 0, command: "test")
}

func peers(_ name: String, diaban: LadderCaseResult, cbc: Peers.Run?, glpsol: Peers.Run? = nil) -> PeerComparison {
    PeerComparison(
        name: name, timeLimit: diaban.timeLimit, gapTolerance: diaban.gapTolerance, diabanSeconds: diaban.wall.median,
        diabanGLPKSeconds: diaban.glpk.median, diabanStatus: diaban.status, diabanObjective: diaban.objective?.median,
        diabanBound: diaban.perRun.compactMap(\.bound).max(), objectiveConstant: 0, glpsol: glpsol, cbc: cbc,
        ratioGlpsol: nil, ratioCBC: cbc.map { diaban.wall.median / $0.seconds }, mismatch: nil)
}

func batchItem(_ label: String, _ status: String, objective: Double? = nil, bound: Double? = nil, seconds: Double = 1) -> BatchItem {
    BatchItem(label: label, status: status, objective: objective, bound: bound ?? objective,
              gap: objective.map { o in ((bound ?? o) - o) / o }, seconds: seconds)
}

func batchRun(_ items: [BatchItem], wall: Double, jobs: Int? = 2) -> BatchRun {
    BatchRun(wallSeconds: wall, reportedSeconds: wall - 0.1, jobs: jobs, exitCode: 0, cpuSeconds: wall, peakRSSBytes: 0, items: items)
}

func batchCase(_ kind: BatchCase.Kind, runs: [BatchRun], error: String? = nil) -> BatchCaseResult {
    let c = BatchCase.all.first { $0.kind == kind }!
    return BatchCaseResult.summarize(c, command: "diaban \(kind.rawValue)", runs: runs, error: error)
}

func published(_ name: String, _ sense: String, _ value: Int, proven: Bool) -> PublishedOptimum {
    PublishedOptimum.parseTable("instance,sense,best_known,proven_optimal,source\n\(name),\(sense),\(value),\(proven),test\n")[0]
}

/// A GAP set row: `proven` of `count` instances proven optimal at their published values, the
/// rest stopped with `unprovenGap` (nil: no bound), each instance taking `seconds`.
func gapRow(_ set: GAPSet, solver: String, count: Int, proven: Int, seconds: Double, unprovenGap: Double? = 0.01) -> GAPSetResult {
    let instances = (0..<count).map { i -> GAPInstanceResult in
        let value = 1000.0 + Double(i)
        let p = published("i\(i)", set == .orlib ? "max" : "min", Int(value), proven: true)
        if i < proven {
            return GAPInstanceResult.judge(instance: "i\(i)", sense: set.sense, status: "optimal", objective: value, bound: value,
                                           seconds: seconds, nodes: 1, published: p)
        }
        // Worse than the optimum, with a bound on the right side of it.
        let worse = set.sense == .minimize ? value + 10 : value - 10
        let bound = unprovenGap.map { g in set.sense == .minimize ? value * (1 - g) : value * (1 + g) }
        return GAPInstanceResult.judge(instance: "i\(i)", sense: set.sense, status: "feasible", objective: worse, bound: bound,
                                       seconds: seconds, nodes: 1, published: p)
    }
    return GAPSetResult(set: set, solver: solver, options: "test", timeLimit: set.defaultTimeLimit, instances: instances)
}

func gapSummary(_ set: GAPSet, diaban: GAPSetResult, cbc: GAPSetResult?, timeLimit: Double? = nil) -> GAPSetSummary {
    GAPSetSummary(set: set, title: set.title, timeLimit: timeLimit ?? set.defaultTimeLimit, diaban: diaban, glpkCompact: nil, glpsol: nil, cbc: cbc)
}

func pieceResult(_ name: String, run: LadderRun?) -> PieceResult {
    PieceResult(name: name, what: name, engine: "decomposition", settings: [], timeLimit: 60, run: run, error: run == nil ? "failed" : nil)
}

/// An advice case of `name` over these runs, summarised as `run` does.
func adviceCase(_ name: String, runs: [AdviceRun], bruteForce: [AdviceRun] = [], error: String? = nil) -> AdviceCaseResult {
    AdviceCaseResult.summarize(AdviceCase.all.first { $0.name == name }!, runs: runs, bruteForce: bruteForce, error: error)
}

/// An advice run taking `wall` seconds, of which the baseline `baseline` and the joint choice
/// `joint` (with `status` and `gap`); the first ones exact unless `exact` is false.
func adviceRun(wall: Double, baseline: Double = 2, joint: Double = 10, status: String = "optimal", gap: Double = 0,
               exact: Bool = true, solveAll: Bool = false) -> AdviceRun {
    let first = (1...3).map { AdviceSingle(kind: "train", key: "train-\($0)", rank: $0, gain: 100 - Double($0), gainLow: nil, gainHigh: nil, exact: exact) }
    return AdviceRun(wallSeconds: wall, exitCode: 0, cpuSeconds: wall, peakRSSBytes: 0, solveAll: solveAll, baselineStatus: "optimal",
                     baselineObjective: 1000, baselineSeconds: baseline, ranking: solveAll ? "exact" : "screened",
                     priced: ["train": 10], screenedOut: solveAll ? [:] : ["train": 6], first: first, gains: [:], bounds: [:],
                     joint: AdviceJoint(status: status, keys: ["train-1"], gain: 99, objective: 901, bound: 901 * (1 - gap), gap: gap, seconds: joint),
                     departures: nil)
}

/// The advice fixtures were written with `--top 2`.
let adviceFixtureTop = 2

/// The fixtures' screened run and its brute force (`--solve-all`).
func screenedFixture() throws -> AdviceRun { try AdviceRun.parseAdvice(try fixture("advice-screened.json"), top: adviceFixtureTop) }
func bruteForceFixture() throws -> AdviceRun { try AdviceRun.parseAdvice(try fixture("advice-solve-all.json"), top: adviceFixtureTop) }

/// The singles case of a results file holding the fixtures' pair.
func adviceFixtureCase(_ screened: AdviceRun, _ brute: AdviceRun) -> AdviceCaseResult {
    var c = adviceCase("nghe-an-advice-singles", runs: [screened], bruteForce: [brute])
    c.top = adviceFixtureTop
    return c
}

/// A resilience run: `wall` seconds, departures by status.
func resilienceRun(wall: Double, departures: [String: Int]) -> AdviceRun {
    AdviceRun(wallSeconds: wall, exitCode: 0, cpuSeconds: wall, peakRSSBytes: 0, solveAll: false, baselineStatus: nil, baselineObjective: 1000,
              baselineSeconds: nil, ranking: nil, priced: [:], screenedOut: [:], first: [], gains: [:], bounds: [:], joint: nil,
              departures: departures)
}

/// A results file of these parts, with its bugs and targets evaluated as `run` does.
func resultsFile(ladder: [LadderCaseResult] = [], peers: [PeerComparison] = [], gap: [GAPSetSummary] = [],
                 batches: [BatchCaseResult] = [], pieces: [PieceResult] = [], sweep: [SweepCaseResult] = [],
                 advice: [AdviceCaseResult] = [], load: Double = 0.5) -> ResultsFile {
    var f = ResultsFile(
        schema: ResultsFile.currentSchema, date: "2026-01-01T00:00:00Z", revision: Revision(commit: "abc", dirty: false),
        machine: Machine(cores: 2, memoryBytes: 1 << 34, cpu: "test", os: "test", glpsol: nil, cbc: nil),
        loadAverage: .init(start: load, end: load),
        settings: .init(command: "test", quick: false, cases: [], repeatOverride: nil, ladderOptions: "x", gapOptions: ["orlib": "y"],
                        gapTimeLimits: [:], seed: 1, engineSettings: "smoothing=0.5"),
        ladder: ladder, gap: gap, peers: peers, batches: batches, pieces: pieces, sweep: sweep, advice: advice, targets: [], bugs: [],
        totalSeconds: 1)
    f.bugs = BugChecks.find(in: f)
    f.targets = Targets.evaluate(f)
    return f
}

/// A sweep case: DiaBan's run (`status` in `seconds` with `objective`), and the peers when given.
func sweepCase(_ province: String, seed: UInt64 = 1, ratio: Double = 1.25, status: String = "optimal", seconds: Double = 1,
               objective: Double? = 100, bound: Double? = nil, violations: Int = 0, cbc: Peers.Run? = nil, highs: Peers.Run? = nil) -> SweepCaseResult {
    let run = ladderRun(status: status, wall: seconds, objective: objective, bound: bound ?? (status == "optimal" ? objective : nil),
                        gap: status == "optimal" ? 0 : nil, violations: violations)
    let c = SweepCase(province: province, provinceName: "P\(province)", seed: seed, capacityRatio: ratio, peers: cbc != nil || highs != nil)
    return SweepCaseResult(name: c.name, province: province, provinceName: c.provinceName, seed: seed, capacityRatio: ratio,
                           timeLimit: 30, gapTolerance: 1e-4, diaban: run, cbc: cbc, highs: highs, objectiveConstant: 0, error: nil)
}

func target(_ file: ResultsFile, _ name: String) -> Target? {
    file.targets.first { $0.name == name }
}

/// A fixture file's bytes (Fixtures/, copied into the test bundle).
func fixture(_ name: String) throws -> Data {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
        throw BenchError("no fixture \(name)")
    }
    return try Data(contentsOf: url)
}
