#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AssignmentEngine
import Foundation
import LinearModel
import Planning

/// What `diaban-bench run` measures and how.
public struct BenchConfig: Sendable {
    public enum Group: String, Sendable, CaseIterable {
        /// The scale ladder (``LadderCase``).
        case ladder
        /// glpsol and CBC on the ladder's exported models and on the GAP files.
        case peers
        /// The public GAP sets (``GAPSet``).
        case gap
        /// `diaban compare` of every Nghệ An scenario (``BatchCase``).
        case compare
        /// `diaban tradeoff` of the Nghệ An baseline (``BatchCase``).
        case tradeoff
        /// `diaban advise` of the Nghệ An baseline: the singles screened and by brute force, the
        /// joint choice, resilience (``AdviceCase``).
        case advice
        /// The engine's pieces, each switched off on its own, on the Nghệ An baseline (``PieceCase``).
        case pieces
        /// Every province of the national table, three seeds, two capacity ratios, with CBC and
        /// HiGHS on one seed per province and ratio (``SweepCase``). About an hour.
        case sweep
    }

    /// The name `--only` selects the pieces by.
    public static let piecesName = "nghe-an-pieces"

    public var groups: Set<Group> = Set(Group.allCases)
    /// Ladder cases, GAP sets, batch cases and `nghe-an-pieces` by name; nil for all (of the
    /// `--quick` selection when quick).
    public var only: Set<String>?
    /// `--repeat`: runs per ladder, batch and advice case (the pieces run once each).
    public var repeatOverride: Int?
    public var quick = false
    /// Seconds per GAP instance for every set; nil: each set's own (``GAPSet/defaultTimeLimit``).
    public var gapTimeLimit: Double?
    /// GLPK options of every GAP set; nil: each set's own (``GAPSet/bestOptions``).
    public var gapOptions: String?
    public var command = "diaban-bench run"
    /// `--sweep-provinces`: the sweep's provinces by code (nil: every province).
    public var sweepProvinces: Set<String>?
    /// `--sweep-seeds`: seeds per province and ratio (1 to 3; default 3, 1 with `--quick`).
    public var sweepSeeds: Int?

    public init() {}

    /// Every name `--only` knows.
    public static var knownNames: [String] {
        LadderCase.all.map(\.name) + GAPSet.allCases.map(\.rawValue) + BatchCase.all.map(\.name) + AdviceCase.all.map(\.name)
            + [piecesName, sweepName]
    }

    /// The name `--only` selects the province sweep by.
    public static let sweepName = "sweep"

    /// The sweep's cases (none unless the group runs and `--only`, if given, names `sweep`).
    /// `--quick` keeps one seed of two provinces (Nghệ An, Hà Tĩnh).
    public func sweepCases(table: String) throws -> [SweepCase] {
        guard groups.contains(.sweep), only.map({ $0.contains(Self.sweepName) }) ?? true else { return [] }
        let provinces = sweepProvinces ?? (quick ? ["40", "42"] : nil)
        return try SweepCase.all(table: table, provinces: provinces, seeds: sweepSeeds ?? (quick ? 1 : SweepCase.seeds.count))
    }

    public var ladderCases: [LadderCase] {
        guard groups.contains(.ladder) else { return [] }
        return LadderCase.all.filter { c in
            if let only { return only.contains(c.name) }
            return !quick || c.quick
        }
    }

    /// Runs of a ladder case: `--repeat`, else the case's own (at most 3 with `--quick`).
    public func repeats(_ c: LadderCase) -> Int {
        repeatOverride ?? (quick ? min(3, c.repeats) : c.repeats)
    }

    public var batchCases: [BatchCase] {
        BatchCase.all.filter { c in
            guard groups.contains(c.kind == .compare ? .compare : .tradeoff) else { return false }
            return only.map { $0.contains(c.name) } ?? true
        }
    }

    /// Runs of a batch case: `--repeat`, else the case's own (one with `--quick`).
    public func repeats(_ c: BatchCase) -> Int {
        repeatOverride ?? (quick ? 1 : c.repeats)
    }

    /// The advice cases: none with `--quick` unless `--only` names them (the brute force alone
    /// takes minutes).
    public var adviceCases: [AdviceCase] {
        guard groups.contains(.advice) else { return [] }
        return AdviceCase.all.filter { c in
            if let only { return only.contains(c.name) }
            return !quick
        }
    }

    /// Runs of an advice case: `--repeat`, else the case's own (one with `--quick`).
    public func repeats(_ c: AdviceCase) -> Int {
        repeatOverride ?? (quick ? 1 : c.repeats)
    }

    public var pieceCases: [PieceCase] {
        guard groups.contains(.pieces), only.map({ $0.contains(Self.piecesName) }) ?? true else { return [] }
        return PieceCase.all
    }

    public var gapSets: [GAPSet] {
        guard groups.contains(.gap) else { return [] }
        return GAPSet.allCases.filter { s in
            if let only { return only.contains(s.rawValue) }
            return true
        }
    }

    /// With `--quick`: gap12 (the largest OR-Library file) and one Chu–Beasley instance of
    /// each type.
    public var gapQuickInstances: Set<String>? {
        guard quick else { return nil }
        return Set((1...5).map { "gap12-\($0)" } + ["a05100", "b05100", "c05100", "d05100"])
    }
}

/// Runs the benchmark and assembles its results file. One measured process at a time, so no
/// two measured solves share the two cores (a compare runs its own solves side by side, as a
/// planner's does).
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
        var failures: [String] = []

        // 1. The scale ladder.
        var ladder: [LadderCaseResult] = []
        var scenarioPaths: [String: String] = [:]
        for c in config.ladderCases {
            let path = try c.prepare(root: paths.root, scratch: paths.scratch)
            scenarioPaths[c.name] = path
            let result = try runLadderCase(c, path: path)
            ladder.append(result)
            if let e = result.error { failures.append("\(c.name): \(e)") }
        }

        // 2. Peers on the ladder cases that have them.
        var peers: [PeerComparison] = []
        if config.groups.contains(.peers) {
            for c in config.ladderCases where c.peers {
                guard let result = ladder.first(where: { $0.name == c.name }), let path = scenarioPaths[c.name] else { continue }
                peers.append(try comparePeers(c, result: result, scenario: path))
            }
        }

        // 3. The engine's pieces on the Nghệ An baseline.
        var pieces: [PieceResult] = []
        for p in config.pieceCases {
            let result = try runPiece(p)
            if let e = result.error { failures.append("piece \(p.name): \(e)") }
            pieces.append(result)
        }

        // 4. A planner's batches: compare and trade-off.
        var batches: [BatchCaseResult] = []
        for b in config.batchCases {
            let result = try runBatch(b)
            if let e = result.error { failures.append("\(b.name): \(e)") }
            batches.append(result)
        }

        // 5. Staffing advice: the singles screened and by brute force, the joint choice, resilience.
        var advice: [AdviceCaseResult] = []
        for c in config.adviceCases {
            let result = try runAdvice(c)
            if let e = result.error { failures.append("\(c.name): \(e)") }
            advice.append(result)
        }

        // 6. The GAP library, with its peers.
        var gap: [GAPSetSummary] = []
        for set in config.gapSets { gap.append(try runGAPSet(set)) }

        // 7. The province sweep.
        var sweep: [SweepCaseResult] = []
        let sweepCases = try config.sweepCases(table: paths.root + "/scenarios/vietnam/data/communes.csv")
        for (i, c) in sweepCases.enumerated() {
            let result = try runSweepCase(c, index: i + 1, of: sweepCases.count)
            if let e = result.error { failures.append("\(c.name): \(e)") }
            sweep.append(result)
        }

        var file = ResultsFile(
            schema: ResultsFile.currentSchema, date: date, revision: Revision.of(checkout: paths.root), machine: Machine.current(),
            loadAverage: .init(start: loadStart, end: Self.loadAverage()),
            settings: .init(
                command: config.command, quick: config.quick,
                cases: config.ladderCases.map(\.name) + (config.groups.contains(.peers) ? ["peers"] : [])
                    + (config.pieceCases.isEmpty ? [] : [BenchConfig.piecesName]) + config.batchCases.map(\.name)
                    + config.adviceCases.map(\.name) + config.gapSets.map(\.rawValue) + (sweepCases.isEmpty ? [] : [BenchConfig.sweepName]),
                repeatOverride: config.repeatOverride, ladderOptions: GLPKSettings.describe(SolverOptions()),
                gapOptions: Dictionary(uniqueKeysWithValues: config.gapSets.map { ($0.rawValue, config.gapOptions ?? $0.bestOptions) }),
                gapTimeLimits: Dictionary(uniqueKeysWithValues: config.gapSets.map { ($0.rawValue, config.gapTimeLimit ?? $0.defaultTimeLimit) }),
                seed: LadderCase.seed, engineSettings: EngineOptions().settingsDescription),
            ladder: ladder, gap: gap, peers: peers, batches: batches, pieces: pieces, sweep: sweep, advice: advice, targets: [], bugs: [],
            totalSeconds: 0)
        file.bugs = failures + BugChecks.find(in: file)
        file.targets = Targets.evaluate(file)
        file.totalSeconds = ChildProcess.now() - started
        return file
    }

    // MARK: Ladder

    func runLadderCase(_ c: LadderCase, path: String) throws -> LadderCaseResult {
        let repeats = config.repeats(c)
        var runs: [LadderRun] = []
        var error: String?
        for i in 1...repeats {
            let json = paths.scratch + "/run-\(c.name)-\(i).json"
            unlink(json)
            let child = ChildProcess(
                executable: paths.executable,
                arguments: ["solve", path, "--time-limit", String(c.timeLimit), "--json", json] + (c.gap.map { ["--gap", String($0)] } ?? []),
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
            log("\(c.name) run \(i)/\(repeats): \(run.status) in \(Text.seconds(run.wallSeconds)) (solve \(Text.seconds(run.glpkSeconds)))"
                + (run.gap.map { ", gap \(Text.percent($0))" } ?? "") + (run.objective.map { ", objective \(Text.number($0))" } ?? ""))
            if runs.count >= 2 && limited == 2 && i < repeats {
                // Runs stopped by the limit measure the gap, not the time: two are enough.
                log("\(c.name): two runs reached the time limit; no more runs")
                break
            }
        }
        return LadderCaseResult.summarize(c, runs: runs, gapTolerance: try c.gap ?? Self.gapTolerance(path), error: error)
    }

    static func gapTolerance(_ path: String) throws -> Double {
        try LadderRun.scenarioGap(path: path)
    }

    // MARK: Peers on ladder cases

    func comparePeers(_ c: LadderCase, result: LadderCaseResult, scenario: String) throws -> PeerComparison {
        let folder = paths.scratch + "/models"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let mps = folder + "/\(c.name).mps"
        let constant = try LadderRun.exportMPS(path: scenario, to: mps).objectiveConstant
        let flags = GLPKSettings.glpsolFlags(SolverOptions())
        var comparison = PeerComparison(
            name: c.name, timeLimit: c.timeLimit, gapTolerance: result.gapTolerance, diabanSeconds: result.wall.median,
            diabanGLPKSeconds: result.glpk.median, diabanStatus: result.status, diabanObjective: result.objective?.median,
            diabanBound: result.perRun.compactMap(\.bound).max(), objectiveConstant: constant,
            glpsol: nil, cbc: nil, ratioGlpsol: nil, ratioCBC: nil, mismatch: nil)
        for kind in Peers.Kind.allCases {
            let run = try Peers.run(kind, mps: mps, sense: .minimize, timeLimit: c.timeLimit, gap: result.gapTolerance,
                                    glpsolFlags: flags, scratch: paths.scratch)
            log("\(c.name) \(kind.rawValue): \(run.status) in \(Text.seconds(run.seconds))" + (run.objective.map { ", objective \(Text.number($0))" } ?? ""))
            let ratio = run.status == "missing" || run.seconds <= 0 ? nil : comparison.diabanSeconds / run.seconds
            switch kind {
            case .glpsol: comparison.glpsol = run; comparison.ratioGlpsol = ratio
            case .cbc: comparison.cbc = run; comparison.ratioCBC = ratio
            case .highs: comparison.highs = run; comparison.ratioHiGHS = ratio
            }
        }
        let claims = result.perRun.enumerated().map { i, r in
            BugChecks.Claim(source: "DiaBan run \(i + 1)", objective: r.objective, bound: r.bound, proven: r.status == "optimal")
        } + comparison.peerClaims()
        let disagreements = BugChecks.consistency(claims, subject: c.name, tolerance: result.gapTolerance)
        comparison.mismatch = disagreements.isEmpty ? nil : disagreements.joined(separator: "; ")
        return comparison
    }

    // MARK: Province sweep

    /// One DiaBan run of the case (its own process), then, where the case has them, CBC and
    /// HiGHS on the exported model, each alone with the same limit and gap.
    func runSweepCase(_ c: SweepCase, index: Int, of total: Int) throws -> SweepCaseResult {
        let path = try c.prepare(root: paths.root, scratch: paths.scratch)
        var result = SweepCaseResult(
            name: c.name, province: c.province, provinceName: c.provinceName, seed: c.seed, capacityRatio: c.capacityRatio,
            timeLimit: SweepCase.timeLimit, gapTolerance: SweepCase.gap, diaban: nil, cbc: nil, highs: nil, objectiveConstant: nil, error: nil)
        let json = paths.scratch + "/sweep-\(c.name).json"
        unlink(json)
        let child = ChildProcess(
            executable: paths.executable,
            arguments: ["solve", path, "--time-limit", String(SweepCase.timeLimit), "--gap", String(SweepCase.gap), "--json", json],
            timeout: SweepCase.timeLimit * 2 + 120, scratch: paths.scratch)
        let outcome = try child.run()
        if outcome.exitCode == 0, !outcome.killedByTimeout, let data = FileManager.default.contents(atPath: json),
           var run = try? JSONDecoder().decode(LadderRun.self, from: data) {
            run.cpuSeconds = outcome.cpuSeconds
            run.peakRSSBytes = max(run.peakRSSBytes, outcome.peakRSSBytes)
            result.diaban = run
        } else {
            let why = outcome.killedByTimeout ? "killed after \(Int(child.timeout)) s" : "exit \(outcome.exitCode)"
            result.error = "failed (\(why)): " + outcome.stderr.split(separator: "\n").suffix(3).joined(separator: " / ")
        }
        unlink(json)
        var line = "sweep \(index)/\(total) \(c.name) (\(c.provinceName)): "
        if let r = result.diaban {
            line += "\(r.status) in \(Text.seconds(r.wallSeconds))" + (r.gap.map { ", gap \(Text.percent($0))" } ?? "")
                + (r.objective.map { ", objective \(Text.number($0))" } ?? "") + (r.engine.map { ", \($0.branchNodes) B&P nodes" } ?? "")
        } else {
            line += "FAILED, \(result.error!)"
        }
        log(line)
        guard c.peers, config.groups.contains(.peers) else { return result }
        let folder = paths.scratch + "/models"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let mps = folder + "/\(c.name).mps"
        result.objectiveConstant = try LadderRun.exportMPS(path: path, to: mps).objectiveConstant
        defer { unlink(mps) }
        for kind in [Peers.Kind.cbc, .highs] {
            let run = try Peers.run(kind, mps: mps, sense: .minimize, timeLimit: SweepCase.timeLimit, gap: SweepCase.gap,
                                    glpsolFlags: [], scratch: paths.scratch)
            log("sweep \(c.name) \(kind.rawValue): \(run.status) in \(Text.seconds(run.seconds))" + (run.objective.map { ", objective \(Text.number($0))" } ?? ""))
            if kind == .cbc { result.cbc = run } else { result.highs = run }
        }
        return result
    }

    // MARK: Pieces

    func runPiece(_ p: PieceCase) throws -> PieceResult {
        let json = paths.scratch + "/piece-\(p.name).json"
        unlink(json)
        let child = ChildProcess(
            executable: paths.executable, arguments: ["solve", paths.root + "/" + PieceCase.scenario, "--json", json] + p.arguments,
            timeout: PieceCase.timeLimit * 2 + 120, scratch: paths.scratch)
        let outcome = try child.run()
        var result = PieceResult(name: p.name, what: p.what, engine: p.engine.rawValue, settings: p.settings, timeLimit: PieceCase.timeLimit,
                                 run: nil, error: nil)
        guard outcome.exitCode == 0, !outcome.killedByTimeout, let data = FileManager.default.contents(atPath: json),
              var run = try? JSONDecoder().decode(LadderRun.self, from: data) else {
            let why = outcome.killedByTimeout ? "killed after \(Int(child.timeout)) s" : "exit \(outcome.exitCode)"
            result.error = "failed (\(why)): " + outcome.stderr.split(separator: "\n").suffix(3).joined(separator: " / ")
            log("piece \(p.name): FAILED, \(result.error!)")
            return result
        }
        unlink(json)
        run.cpuSeconds = outcome.cpuSeconds
        run.peakRSSBytes = max(run.peakRSSBytes, outcome.peakRSSBytes)
        result.run = run
        let counts = run.engine.map { ", \($0.columnGenerationRounds) rounds, \($0.branchNodes) B&P nodes" } ?? ", \(run.nodes) GLPK nodes"
        log("piece \(p.name): \(run.status) in \(Text.seconds(run.wallSeconds))" + (run.gap.map { ", gap \(Text.percent($0))" } ?? "") + counts)
        return result
    }

    // MARK: Compare and trade-off

    func runBatch(_ b: BatchCase) throws -> BatchCaseResult {
        let repeats = config.repeats(b)
        let command = try b.command(root: paths.root)
        guard FileManager.default.isExecutableFile(atPath: paths.diaban) else {
            return BatchCaseResult.summarize(b, command: command, runs: [], error:
                "no diaban at \(paths.diaban): build it with `swift build -c release --product diaban` in benchmarks/ (benchmarks/run does)")
        }
        let arguments = try b.arguments(root: paths.root)
        var runs: [BatchRun] = []
        var failure: String?
        for i in 1...repeats {
            let child = ChildProcess(executable: paths.diaban, arguments: arguments, timeout: 1800, scratch: paths.scratch)
            let outcome = try child.run()
            let data = Data(outcome.stdout.utf8)
            var run: BatchRun
            do {
                guard !outcome.killedByTimeout else { throw BenchError("killed after \(Int(child.timeout)) s") }
                run = try b.kind == .compare ? BatchRun.parseCompare(data) : BatchRun.parseTradeoff(data)
            } catch {
                failure = "run \(i) failed (exit \(outcome.exitCode)): \(error) " + outcome.stderr.split(separator: "\n").suffix(3).joined(separator: " / ")
                log("\(b.name) run \(i)/\(repeats): FAILED, \(failure!)")
                break
            }
            run.wallSeconds = outcome.wallSeconds
            run.exitCode = outcome.exitCode
            run.cpuSeconds = outcome.cpuSeconds
            run.peakRSSBytes = outcome.peakRSSBytes
            runs.append(run)
            let open = run.items.filter { !b.kind.decided($0.status) }
            log("\(b.name) run \(i)/\(repeats): \(run.decided(b.kind))/\(run.items.count) decided in \(Text.seconds(run.wallSeconds))"
                + (open.isEmpty ? "" : "; not: " + open.map { "\($0.label) \($0.status)" }.joined(separator: ", ")))
            if runs.count >= 2 && i < repeats && runs.suffix(2).allSatisfy({ $0.decided(b.kind) < $0.items.count }) {
                // Items stopped by their time limits measure the limits: two runs are enough.
                log("\(b.name): two runs left items undecided; no more runs")
                break
            }
        }
        return BatchCaseResult.summarize(b, command: command, runs: runs, error: failure)
    }

    // MARK: Staffing advice

    /// Each run one `diaban advise` process; for the singles, the screened run and then the
    /// brute force (`--solve-all`), so that both see the same state of the machine. A joint
    /// choice left unproven in two runs ran to its time limits: two runs are enough.
    func runAdvice(_ c: AdviceCase) throws -> AdviceCaseResult {
        let repeats = config.repeats(c)
        guard FileManager.default.isExecutableFile(atPath: paths.diaban) else {
            return AdviceCaseResult.summarize(c, runs: [], bruteForce: [], error:
                "no diaban at \(paths.diaban): build it with `swift build -c release --product diaban` in benchmarks/ (benchmarks/run does)")
        }
        var runs: [AdviceRun] = [], bruteForce: [AdviceRun] = []
        var failure: String?
        repeating: for i in 1...repeats {
            for solveAll in c.variants {
                let label = "\(c.name)\(solveAll ? " (brute force)" : "") run \(i)/\(repeats)"
                let child = ChildProcess(executable: paths.diaban, arguments: try c.arguments(root: paths.root, bruteForce: solveAll),
                                         timeout: 3600, scratch: paths.scratch)
                let outcome = try child.run()
                var run: AdviceRun
                do {
                    guard !outcome.killedByTimeout else { throw BenchError("killed after \(Int(child.timeout)) s") }
                    let data = Data(outcome.stdout.utf8)
                    run = try c.kind == .resilience ? AdviceRun.parseResilience(data) : AdviceRun.parseAdvice(data, top: c.top ?? 10)
                } catch {
                    failure = "\(label) failed (exit \(outcome.exitCode)): \(error) " + outcome.stderr.split(separator: "\n").suffix(3).joined(separator: " / ")
                    log("\(label): FAILED, \(failure!)")
                    break repeating
                }
                run.wallSeconds = outcome.wallSeconds
                run.exitCode = outcome.exitCode
                run.cpuSeconds = outcome.cpuSeconds
                run.peakRSSBytes = outcome.peakRSSBytes
                run.solveAll = solveAll
                if solveAll { bruteForce.append(run) } else { runs.append(run) }
                log("\(label): " + Self.describe(run, kind: c.kind))
            }
            if c.kind == .joint && runs.count >= 2 && i < repeats && runs.suffix(2).allSatisfy({ $0.joint?.status != "optimal" }) {
                log("\(c.name): two runs left the joint choice unproven; no more runs")
                break
            }
        }
        return AdviceCaseResult.summarize(c, runs: runs, bruteForce: bruteForce, error: failure)
    }

    static func describe(_ run: AdviceRun, kind: AdviceCase.Kind) -> String {
        var line = Text.seconds(run.wallSeconds)
        switch kind {
        case .resilience:
            line += ", \(run.departuresDecided)/\(run.departuresCount) departures proven"
        case .singles, .joint:
            line += " (singles \(run.singlesSeconds.map(Text.seconds) ?? "–"), joint \(run.joint.map { Text.seconds($0.seconds) } ?? "–"))"
            line += "; \(run.solved) solved, " + run.priced.keys.sorted().map { "\($0) \(run.priced[$0]!) priced, \(run.screenedOut[$0] ?? 0) left out" }.joined(separator: ", ")
            line += run.firstExact ? "; first ones exact" : "; NOT all of the first ones exact"
            if let j = run.joint {
                line += "; joint \(j.status)" + (j.gap.map { ", gap \(Text.percent($0))" } ?? "") + (j.bound.map { ", bound \(Text.number($0))" } ?? "")
            }
        }
        return line
    }

    // MARK: GAP

    func runGAPSet(_ set: GAPSet) throws -> GAPSetSummary {
        let limit = config.gapTimeLimit ?? set.defaultTimeLimit
        let settings = config.gapOptions ?? set.bestOptions
        let only = config.gapQuickInstances
        var rows: [GAPRunner.Solver: GAPSetResult] = [:]
        for solver in GAPRunner.Solver.allCases {
            let json = paths.scratch + "/gap-\(set.rawValue)-\(solver.rawValue).json"
            unlink(json)
            var args = ["gap", "--set", set.rawValue, "--solver", solver.rawValue, "--time-limit", String(limit), "--glpk", settings,
                        "--json", json, "--quiet"]
            if let only { args += ["--only", only.sorted().joined(separator: ",")] }
            log("GAP \(set.rawValue): \(solver.rowName) (\(solver == .engine ? "decomposition engine, one thread" : "GLPKSolver, " + settings)), \(Text.seconds(limit)) per instance …")
            let outcome = try ChildProcess(executable: paths.executable, arguments: args, timeout: 3 * 3600, scratch: paths.scratch).run()
            guard let data = FileManager.default.contents(atPath: json), let row = try? JSONDecoder().decode(GAPSetResult.self, from: data) else {
                throw BenchError("The GAP run of \(set.rawValue) (\(solver.rowName)) failed (exit \(outcome.exitCode)): \(outcome.stderr.suffix(2000))")
            }
            unlink(json)
            log("GAP \(set.rawValue): \(solver.rowName) proved \(row.provenOptimal)/\(row.count) in \(Text.seconds(row.totalSeconds)), wrong \(row.wrong)")
            rows[solver] = row
        }
        var summary = GAPSetSummary(set: set, title: set.title, timeLimit: limit, diaban: rows[.engine]!, glpkCompact: rows[.compact],
                                    glpsol: nil, cbc: nil)
        guard config.groups.contains(.peers) else { return summary }

        let models = try GAPRunner.exportMPS(set, dataFolder: paths.gapData, to: paths.scratch + "/models/gap-\(set.rawValue)", only: only)
        let optima = try set.optima(dataFolder: paths.gapData)
        var options = SolverOptions()
        try GLPKSettings.apply([settings], to: &options)
        for kind in [Peers.Kind.glpsol, .cbc] where kind == .cbc || set.glpsolPeer {
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
            nodes: Summary(runs.map { Double($0.nodes) }) ?? zero, engine: EngineSummary(runs.map(\.engine)),
            peakRSSBytes: Summary(runs.map { Double($0.peakRSSBytes) }) ?? zero,
            peakGLPKBytes: Summary(runs.map { Double($0.peakGLPKBytes) }) ?? zero,
            startAccepted: runs.contains { $0.startAccepted }, perRun: runs, error: error)
    }
}
