import AssignmentEngine
import Foundation
import GAPLibrary
import GLPKSolver
import LinearModel

/// Solves the GAP sets in process, one instance at a time on the calling thread: with DiaBan's
/// decomposition engine (GLPK for its LPs and integer masters), or with GLPK's branch-and-cut
/// on the compact model through DiaBan's binding (``GLPKSolver``); and exports them as MPS for
/// the peers.
public enum GAPRunner {
    /// The options measured best on OR-Library gap1–gap12 (CPU seconds for all 60, one thread,
    /// each proven optimal): DiaBan's defaults (presolve, MIR + cover + clique cuts, Driebeck–
    /// Tomlin branching, best-local-bound backtracking) ~8 s; + Gomory cuts ~18 s; MIR alone ~8 s;
    /// pseudo-cost branching ~7.5 s; best-projection backtracking ~6 s; most-fractional
    /// branching ~4.5 s; most-fractional without the MIP presolver ~3.8 s (this).
    public static let orlibOptions = "presolve=off,mir=on,cover=on,clique=on,gomory=off,branching=mfv,backtracking=blb"

    /// On the Chu–Beasley instances GLPK proves within half a minute (a20200, b05100, b10100,
    /// c05100, c05200, c10100, c20100) these and DiaBan's defaults were even (18 and 17 CPU
    /// seconds): the benchmark uses the same options for both sets.
    public static let chuBeasleyOptions = orlibOptions

    /// DiaBan's defaults, spelled out.
    public static let defaultOptions = "presolve=on,mir=on,cover=on,clique=on,gomory=off,branching=dth,backtracking=blb"

    /// Who solves a GAP instance in process.
    public enum Solver: String, Codable, Sendable, CaseIterable {
        /// DiaBan's decomposition engine (``DecompositionEngine``), racing GLPK's branch-and-cut
        /// on the compact model (the set's options) on the second core: the row called "diaban".
        case engine
        /// GLPK's branch-and-cut on the compact model with the set's options: the row called
        /// "glpk compact", so that the engine's gain over it shows.
        case compact

        /// The solver's name in a results file.
        public var rowName: String { self == .engine ? "diaban" : "glpk compact" }
    }

    /// The engine's options on a GAP instance: its defaults, the time limit, and both cores —
    /// one for the decomposition, one for GLPK's own search on the compact model with the
    /// set's GLPK options (`settings`), whichever proves first.
    /// `engineSettings` (`key=value`, as `diaban solve --engine-setting`) change the engine's own.
    public static func engineOptions(timeLimit: Double, settings: String = orlibOptions, engineSettings: [String] = []) throws -> EngineOptions {
        var glpk = SolverOptions()
        try? GLPKSettings.apply([settings], to: &glpk)
        var options = EngineOptions(timeLimit: timeLimit, threads: 2, solverOptions: glpk, raceCompact: true)
        for setting in engineSettings {
            do { try options.apply(setting: setting) } catch { throw BenchError("--engine-setting: \(error.description)") }
        }
        return options
    }

    public static func solve(
        _ set: GAPSet, dataFolder: String, timeLimit: Double, solver: Solver = .engine, options settings: String,
        engineSettings: [String] = [], only: Set<String>? = nil, each: (GAPInstanceResult) -> Void = { _ in }
    ) throws -> GAPSetResult {
        var options = SolverOptions()
        try GLPKSettings.apply([settings], to: &options)
        options.timeLimit = timeLimit
        let optima = try set.optima(dataFolder: dataFolder)
        var results: [GAPInstanceResult] = []
        for instance in try set.instances(dataFolder: dataFolder) where only?.contains(instance.name) ?? true {
            let r: GAPInstanceResult
            switch solver {
            case .compact:
                let start = ChildProcess.now()
                let model = instance.model(sense: set.sense)
                let result = try GLPKSolver().solve(model, options: options)
                let seconds = ChildProcess.now() - start
                let status = status(of: result, integerCosts: instance.cost.joined().allSatisfy { $0 == $0.rounded() })
                r = GAPInstanceResult.judge(
                    instance: instance.name, sense: set.sense, status: status, objective: result.objective,
                    bound: result.bestBound, seconds: seconds, nodes: result.nodes, published: optima[instance.name])
            case .engine:
                r = try solveWithEngine(instance, sense: set.sense, timeLimit: timeLimit, settings: settings, engineSettings: engineSettings,
                                        published: optima[instance.name])
            }
            each(r)
            results.append(r)
        }
        let described = solver == .engine
            ? "decomposition engine, " + (try engineOptions(timeLimit: timeLimit, settings: settings, engineSettings: engineSettings)).settingsDescription + ",threads=2 (the race: " + GLPKSettings.describe(options) + ")"
            : GLPKSettings.describe(options)
        return GAPSetResult(set: set, solver: solver.rowName, options: described, timeLimit: timeLimit, instances: results)
    }

    /// One instance through the decomposition engine: its value and bound in the instance's
    /// sense (the engine minimizes), proven optimal when the engine says its plan is.
    static func solveWithEngine(
        _ instance: GAPInstance, sense: LinearModel.Sense, timeLimit: Double, settings: String = orlibOptions, engineSettings: [String] = [],
        published: PublishedOptimum?
    ) throws -> GAPInstanceResult {
        let start = ChildProcess.now()
        let engine = DecompositionEngine(solver: GLPKSolver(), lpSolver: GLPKSolver())
        let result = try engine.solve(
            instance.assignmentProblem(sense: sense), compact: instance.compactModel(sense: sense), incumbent: nil,
            options: try engineOptions(timeLimit: timeLimit, settings: settings, engineSettings: engineSettings))
        let seconds = ChildProcess.now() - start
        let objective = result.objective.map { GAPInstance.objective(ofEngineValue: $0, sense: sense) }
        let bound = result.bestBound.map { GAPInstance.objective(ofEngineValue: $0, sense: sense) }
        var r = GAPInstanceResult.judge(
            instance: instance.name, sense: sense, status: engineStatus(result), objective: objective, bound: bound,
            seconds: seconds, nodes: result.stats.branchNodes, published: published)
        r.columnGenerationRounds = result.stats.columnGenerationRounds
        return r
    }

    /// optimal (the engine's primal status) / feasible / infeasible / no-solution / failed.
    static func engineStatus(_ result: EngineResult) -> String {
        switch (result.termination, result.primal) {
        case (_, .optimal): return "optimal"
        case (.infeasible, _): return "infeasible"
        case (.solverFailure, _), (.unbounded, _): return "failed"
        case (_, .none): return "no-solution"
        case (_, .feasible): return "feasible"
        }
    }

    /// optimal / feasible / infeasible / no-solution / failed. With integer costs, a bound
    /// less than 1 away from the incumbent proves it optimal (GLPK stops on its relative gap
    /// tolerance before it says so itself).
    static func status(of result: SolveResult, integerCosts: Bool) -> String {
        switch (result.termination, result.primal) {
        case (_, .optimal): return "optimal"
        case (.infeasible, _): return "infeasible"
        case (.solverFailure, _), (.unbounded, _): return "failed"
        case (_, .none): return "no-solution"
        case (_, .feasible):
            if integerCosts, let o = result.objective, let b = result.bestBound, abs(o - b) < 1 - 1e-6 { return "optimal" }
            return "feasible"
        }
    }

    /// Writes each instance of `set` as `folder/NAME.mps` (free MPS, GLPK's writer). Free MPS
    /// carries no objective sense: the peers are told to maximise the OR-Library set.
    public static func exportMPS(_ set: GAPSet, dataFolder: String, to folder: String, only: Set<String>? = nil) throws -> [(name: String, path: String)] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var out: [(String, String)] = []
        for instance in try set.instances(dataFolder: dataFolder) where only?.contains(instance.name) ?? true {
            let path = folder + "/" + instance.name + ".mps"
            try GLPKSolver().writeMPS(instance.model(sense: set.sense), to: path)
            out.append((instance.name, path))
        }
        return out
    }
}
