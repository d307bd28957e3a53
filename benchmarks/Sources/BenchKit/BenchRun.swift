#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LinearModel

/// What `diaban-bench run` measures and how.
public struct BenchConfig: Sendable {
    public enum Group: String, Sendable, CaseIterable { case ladder, gap, peers }

    public var groups: Set<Group> = Set(Group.allCases)
    /// Ladder cases and GAP sets by name; nil for all (of the `--quick` selection when quick).
    public var only: Set<String>?
    public var repeatOverride: Int?
    public var quick = false
    /// Seconds per GAP instance for every set; nil: each set's own (``GAPSet/defaultTimeLimit``).
    public var gapTimeLimit: Double?
    /// GLPK options of every GAP set; nil: each set's own (``GAPSet/bestOptions``).
    public var gapOptions: String?
    public var command = "diaban-bench run"

    public init() {}

    public var ladderCases: [LadderCase] {
        guard groups.contains(.ladder) else { return [] }
        return LadderCase.all.filter { c in
            if let only { return only.contains(c.name) }
            return !quick || c.quick
        }
    }

    public var gapSets: [GAPSet] {
        guard groups.contains(.gap) else { return [] }
        return GAPSet.allCases.filter { s in
            if let only { return only.contains(s.rawValue) }
            return true
        }
    }

    /// With `--quick`: the OR-Library set only, and gap12 (the largest) of it, plus one
    /// Chu–Beasley instance of each type.
    public var gapQuickInstances: Set<String>? {
        guard quick else { return nil }
        return Set((1...5).map { "gap12-\($0)" } + ["a05100", "b05100", "c05100", "d05100"])
    }
}

/// Runs the benchmark and assembles its results file. One measured solve at a time, each in a
/// process of its own; the two cores are never shared by two measured solves.
public struct BenchRun {
    public let config: BenchConfig
    public let paths: BenchPaths
    public let log: (String) -> Void

    public init(config: BenchConfig, paths: BenchPaths, log: @escaping (String) -> Void) {
        self.config = config
        self.paths = paths
        self.log = log
    }

    public func run() throws -> ResultsFile {
        let started = ChildProcess.now()
        let date = ISO8601DateFormatter().string(from: Date())
        let loadStart = Self.loadAverage()
        try FileManager.default.createDirectory(atPath: paths.scratch, withIntermediateDirectories: true)
        log("DiaBan at \(paths.root); scratch \(paths.scratch); load average \(String(format: "%.2f", loadStart))")
        var bugs: [String] = []

        // 1. The scale ladder.
        var ladder: [LadderCaseResult] = []
        var scenarioPaths: [String: String] = [:]
        for c in config.ladderCases {
            let path = try c.prepare(root: paths.root, scratch: paths.scratch)
            scenarioPaths[c.name] = path
            let result = try runLadderCase(c, path: path)
            ladder.append(result)
            if let e = result.error { bugs.append("\(c.name): \(e)") }
            for (i, r) in result.perRun.enumerated() where r.planViolations > 0 {
                bugs.append("\(c.name) run \(i + 1): the plan breaks \(r.planViolations) hard rule(s)")
            }
        }

        // 2. Peers on the ladder cases that have them.
        var peers: [PeerComparison] = []
        if config.groups.contains(.peers) {
            // --quick: Nghệ An only, the headline case.
            for c in config.ladderCases where c.peers && (!config.quick || c.name == "nghe-an") {
                guard let result = ladder.first(where: { $0.name == c.name }), let path = scenarioPaths[c.name] else { continue }
                let p = try comparePeers(c, result: result, scenario: path)
                if let m = p.mismatch { bugs.append("\(c.name): \(m)") }
                peers.append(p)
            }
        }

        // 3. The GAP library, with its peers.
        var gap: [GAPSetSummary] = []
        for set in config.gapSets {
            let summary = try runGAPSet(set)
            for r in summary.diaban.instances where r.verdict == .wrong {
                bugs.append("GAP \(r.instance): WRONG — \(r.note ?? "")")
            }
            gap.append(summary)
        }

        var file = ResultsFile(
            schema: ResultsFile.currentSchema, date: date, revision: Revision.of(checkout: paths.root), machine: Machine.current(),
            loadAverage: .init(start: loadStart, end: Self.loadAverage()),
            settings: .init(
                command: config.command, quick: config.quick,
                cases: config.ladderCases.map(\.name) + config.gapSets.map(\.rawValue) + (config.groups.contains(.peers) ? ["peers"] : []),
                repeatOverride: config.repeatOverride, ladderOptions: GLPKSettings.describe(SolverOptions()),
                gapOptions: Dictionary(uniqueKeysWithValues: config.gapSets.map { ($0.rawValue, config.gapOptions ?? $0.bestOptions) }),
                gapTimeLimits: Dictionary(uniqueKeysWithValues: config.gapSets.map { ($0.rawValue, config.gapTimeLimit ?? $0.defaultTimeLimit) }),
                seed: LadderCase.seed),
            ladder: ladder, gap: gap, peers: peers, targets: [], bugs: bugs, totalSeconds: 0)
        file.targets = Targets.evaluate(file)
        file.totalSeconds = ChildProcess.now() - started
        return file
    }

    // MARK: Ladder

    func runLadderCase(_ c: LadderCase, path: String) throws -> LadderCaseResult {
        let repeats = config.repeatOverride ?? c.repeats
        var runs: [LadderRun] = []
        var error: String?
        for i in 1...repeats {
            let json = paths.scratch + "/run-\(c.name)-\(i).json"
            unlink(json)
            let child = ChildProcess(
                executable: paths.executable,
                arguments: ["solve", path, "--time-limit", String(c.timeLimit), "--json", json],
                timeout: c.timeLimit * 2 + 120, scratch: paths.scratch)
            let outcome = try child.run()
            guard outcome.exitCode == 0, !outcome.killedByTimeout, let data = FileManager.default.contents(atPath: json),
                  var run = try? JSONDecoder().decode(LadderRun.self, from: data) else {
                let why = outcome.killedByTimeout ? "killed after \(Int(child.timeout)) s" : "exit \(outcome.exitCode)"
                error = "run \(i) failed (\(why)): " + outcome.stderr.split(separator: "\n").suffix(3).joined(separator: " / ")
                log("\(c.name) run \(i)/\(repeats): FAILED, \(error!)")
                break
            }
            unlink(json)
            run.cpuSeconds = outcome.cpuSeconds
            run.peakRSSBytes = max(run.peakRSSBytes, outcome.peakRSSBytes)
            runs.append(run)
            let limited = runs.suffix(2).filter { $0.wallSeconds >= 0.95 * c.timeLimit }.count
            log("\(c.name) run \(i)/\(repeats): \(run.status) in \(Text.seconds(run.wallSeconds)) (GLPK \(Text.seconds(run.glpkSeconds)))"
                + (run.gap.map { ", gap \(Text.percent($0))" } ?? "") + (run.objective.map { ", objective \(Text.number($0))" } ?? ""))
            if runs.count >= 2 && limited == 2 && i < repeats {
                // Runs stopped by the limit measure the gap, not the time: two are enough.
                log("\(c.name): two runs reached the time limit; no more runs")
                break
            }
        }
        return LadderCaseResult.summarize(c, runs: runs, gapTolerance: try Self.gapTolerance(path), error: error)
    }

    static func gapTolerance(_ path: String) throws -> Double {
        try LadderRun.scenarioGap(path: path)
    }

    // MARK: Peers on ladder cases

    func comparePeers(_ c: LadderCase, result: LadderCaseResult, scenario: String) throws -> PeerComparison {
        let folder = paths.scratch + "/models"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let mps = folder + "/\(c.name).mps"
        // GLPK writes an objective constant as the objective row's right-hand side, which readers
        // take with either sign: a proven optimum may differ from DiaBan's by ±constant.
        let constant = try LadderRun.exportMPS(path: scenario, to: mps).objectiveConstant
        let flags = GLPKSettings.glpsolFlags(SolverOptions())
        var comparison = PeerComparison(
            name: c.name, timeLimit: c.timeLimit, gapTolerance: result.gapTolerance, diabanSeconds: result.wall.median,
            diabanGLPKSeconds: result.glpk.median, diabanStatus: result.status, diabanObjective: result.objective?.median,
            glpsol: nil, cbc: nil, ratioGlpsol: nil, ratioCBC: nil, mismatch: nil)
        for kind in Peers.Kind.allCases {
            let run = try Peers.run(kind, mps: mps, sense: .minimize, timeLimit: c.timeLimit, gap: result.gapTolerance,
                                    glpsolFlags: flags, scratch: paths.scratch)
            log("\(c.name) \(kind.rawValue): \(run.status) in \(Text.seconds(run.seconds))" + (run.objective.map { ", objective \(Text.number($0))" } ?? ""))
            let ratio = run.status == "missing" || run.seconds <= 0 ? nil : comparison.diabanSeconds / run.seconds
            if kind == .glpsol { comparison.glpsol = run; comparison.ratioGlpsol = ratio } else { comparison.cbc = run; comparison.ratioCBC = ratio }
            if run.status == "optimal", result.status == "optimal", let mine = result.objective?.median, let theirs = run.objective {
                let tolerance = max(result.gapTolerance, 1e-6) * max(1, abs(mine)) + 1e-6
                let d = mine - theirs
                if min(abs(d), abs(d - constant), abs(d + constant)) > tolerance {
                    comparison.mismatch = (comparison.mismatch.map { $0 + "; " } ?? "")
                        + "\(kind.rawValue) proved the optimum \(Text.number(theirs)), DiaBan \(Text.number(mine))"
                }
            }
        }
        return comparison
    }

    // MARK: GAP

    func runGAPSet(_ set: GAPSet) throws -> GAPSetSummary {
        let limit = config.gapTimeLimit ?? set.defaultTimeLimit
        let settings = config.gapOptions ?? set.bestOptions
        let json = paths.scratch + "/gap-\(set.rawValue).json"
        unlink(json)
        var args = ["gap", "--set", set.rawValue, "--time-limit", String(limit), "--glpk", settings, "--json", json, "--quiet"]
        let only = config.gapQuickInstances
        if let only { args += ["--only", only.sorted().joined(separator: ",")] }
        log("GAP \(set.rawValue): DiaBan (GLPKSolver, \(settings)), \(Text.seconds(limit)) per instance …")
        let outcome = try ChildProcess(executable: paths.executable, arguments: args, timeout: 3 * 3600, scratch: paths.scratch).run()
        guard let data = FileManager.default.contents(atPath: json), let diaban = try? JSONDecoder().decode(GAPSetResult.self, from: data) else {
            throw BenchError("The GAP run of \(set.rawValue) failed (exit \(outcome.exitCode)): \(outcome.stderr.suffix(2000))")
        }
        unlink(json)
        log("GAP \(set.rawValue): DiaBan proved \(diaban.provenOptimal)/\(diaban.count) in \(Text.seconds(diaban.totalSeconds)), wrong \(diaban.wrong)")
        var summary = GAPSetSummary(set: set, title: set.title, timeLimit: limit, diaban: diaban, glpsol: nil, cbc: nil)
        guard config.groups.contains(.peers) else { return summary }

        let models = try GAPRunner.exportMPS(set, dataFolder: paths.gapData, to: paths.scratch + "/models/gap-\(set.rawValue)", only: only)
        let optima = try set.optima(dataFolder: paths.gapData)
        var options = SolverOptions()
        try GLPKSettings.apply([settings], to: &options)
        for kind in Peers.Kind.allCases where kind == .cbc || set.glpsolPeer {
            var results: [GAPInstanceResult] = []
            for (name, path) in models {
                let run = try Peers.run(kind, mps: path, sense: set.sense, timeLimit: limit, gap: options.relativeGap,
                                        glpsolFlags: GLPKSettings.glpsolFlags(options), scratch: paths.scratch)
                if run.status == "missing" { break }
                var status = run.status
                if status == "feasible", let o = run.objective, let b = run.bound, abs(o - b) < 1 - 1e-6 { status = "optimal" }
                results.append(GAPInstanceResult.judge(
                    instance: name, sense: set.sense, status: status, objective: run.objective, bound: run.bound,
                    seconds: run.seconds, nodes: nil, published: optima[name]))
            }
            guard !results.isEmpty else { continue }
            let flags = kind == .glpsol ? GLPKSettings.glpsolFlags(options).joined(separator: " ") : "-threads 1 -timeMode elapsed"
            let r = GAPSetResult(set: set, solver: kind.rawValue, options: flags, timeLimit: limit, instances: results)
            log("GAP \(set.rawValue): \(kind.rawValue) proved \(r.provenOptimal)/\(r.count) in \(Text.seconds(r.totalSeconds)), wrong \(r.wrong)")
            if kind == .glpsol { summary.glpsol = r } else { summary.cbc = r }
        }
        return summary
    }

    static func loadAverage() -> Double {
        var loads = [Double](repeating: 0, count: 3)
        return getloadavg(&loads, 3) > 0 ? loads[0] : -1
    }
}

extension LadderCaseResult {
    static let statusOrder = ["optimal", "feasible", "no-solution", "interrupted", "infeasible", "failed"]

    static func worst(_ statuses: [String]) -> String {
        statuses.max { (statusOrder.firstIndex(of: $0) ?? 99) < (statusOrder.firstIndex(of: $1) ?? 99) } ?? "failed"
    }

    static func summarize(_ c: LadderCase, runs: [LadderRun], gapTolerance: Double, error: String?) -> LadderCaseResult {
        let first = runs.first
        let zero = Summary(median: 0, min: 0, max: 0)
        let statuses = runs.map(\.status)
        let allOptimal = !runs.isEmpty && statuses.allSatisfy { $0 == "optimal" }
        return LadderCaseResult(
            name: c.name, title: c.title, communes: first?.communes ?? 0, officers: first?.officers ?? 0,
            variables: first?.variables ?? 0, binaries: first?.binaries ?? 0, constraints: first?.constraints ?? 0,
            nonZeros: first?.nonZeros ?? 0, timeLimit: c.timeLimit, gapTolerance: gapTolerance, runs: runs.count,
            status: error != nil ? "failed" : worst(statuses), statuses: statuses,
            wall: Summary(runs.map(\.wallSeconds)) ?? zero, cpu: Summary(runs.map(\.cpuSeconds)),
            read: Summary(runs.map(\.readSeconds)) ?? zero, build: Summary(runs.map(\.buildSeconds)) ?? zero,
            heuristic: Summary(runs.map(\.heuristicSeconds)) ?? zero, glpk: Summary(runs.map(\.glpkSeconds)) ?? zero,
            report: Summary(runs.map(\.reportSeconds)) ?? zero,
            overheadShare: Summary(runs.map { ($0.readSeconds + $0.buildSeconds + $0.reportSeconds) / max(1e-9, $0.wallSeconds) }) ?? zero,
            firstFeasible: Summary(runs.map(\.firstFeasibleSeconds)),
            timeToOptimal: allOptimal ? Summary(runs.map(\.wallSeconds)) : nil,
            objective: Summary(runs.map(\.objective)), bound: Summary(runs.map(\.bound)), gap: Summary(runs.map(\.gap)),
            nodes: Summary(runs.map { Double($0.nodes) }) ?? zero,
            peakRSSBytes: Summary(runs.map { Double($0.peakRSSBytes) }) ?? zero,
            peakGLPKBytes: Summary(runs.map { Double($0.peakGLPKBytes) }) ?? zero,
            startAccepted: runs.contains { $0.startAccepted }, perRun: runs, error: error)
    }
}
