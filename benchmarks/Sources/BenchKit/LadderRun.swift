import AssignmentEngine
import DiaBanCore
import Foundation
import GLPKSolver
import LinearModel
import Planning
import Reporting
import ScenarioIO

/// One end-to-end solve of a scenario, as `diaban solve` does it: read the scenario, plan
/// (model, heuristic, GLPK, KPIs, proposal), render the report (text and JSON). Runs in a
/// process of its own (`diaban-bench solve`), so that its peak memory is its own.
public struct LadderRun: Codable, Sendable, Equatable {
    /// Read + plan + render, seconds.
    public var wallSeconds: Double
    /// CPU seconds of the process (filled by the parent).
    public var cpuSeconds: Double?
    public var readSeconds: Double
    /// Model building (context, quick checks, model), from ``PlanOutcome/Timings``.
    public var buildSeconds: Double
    public var heuristicSeconds: Double
    /// GLPK's share: every level's solve, from ``SolveResult/wallSeconds``.
    public var glpkSeconds: Double
    /// The planner's own reporting (plan evaluation, KPIs, proposal) plus rendering text and JSON.
    public var reportSeconds: Double
    /// From the start (reading included) to the first valid plan: the heuristic's, when it
    /// found one, else GLPK's first incumbent. Nil when there was none.
    public var firstFeasibleSeconds: Double?
    public var status: String
    /// GLPK's objective of the last level (the model's value, what the peers report); when the
    /// planner solved the provinces apart (no levels), the plan's objective in points, which
    /// is the same weighted sum.
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    public var nodes: Int
    public var peakRSSBytes: Int
    public var peakGLPKBytes: Int
    public var startAccepted: Bool
    public var heuristicObjective: Double?
    /// Hard rules the plan breaks: must be 0 (a bug otherwise).
    public var planViolations: Int
    public var communes: Int
    public var officers: Int
    public var variables: Int
    public var binaries: Int
    public var constraints: Int
    public var nonZeros: Int
    /// The engine that solved (`decomposition` or `compact`), and what the decomposition engine
    /// did (nil with `compact`), added up over levels and provinces.
    public var solveEngine: String?
    public var engine: EngineCounts?

    /// Solves `path` with a time limit of `timeLimit` seconds, the scenario's gap (or `gap`) and
    /// DiaBan's default options, or the engine and engine settings given (`key=value`, as
    /// `diaban solve --engine-setting`).
    public static func measure(
        path: String, timeLimit: Double, gap: Double? = nil, engine: PlanRequest.Engine = .decomposition, engineSettings: [String] = []
    ) throws -> LadderRun {
        let t0 = ChildProcess.now()
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: path)
        } catch {
            throw BenchError("The scenario \(path) does not load:\n\(error.description)")
        }
        let t1 = ChildProcess.now()
        var request = PlanRequest(scenario: scenario, timeLimit: timeLimit, gap: gap)
        request.engine = engine
        try applyEngineSettings(engineSettings, to: &request.engineOptions)
        let outcome = try Planner(solver: GLPKSolver()).plan(scenario, request: request)
        let t2 = ChildProcess.now()
        let report = SolveReport(outcome, scenario: scenario)
        let rendered = report.text().utf8.count + (try report.jsonData()).count
        let t3 = ChildProcess.now()
        precondition(rendered > 0)

        let read = t1 - t0, timings = outcome.timings
        var firstFeasible: Double?
        if let h = outcome.heuristic, h.isFeasible { firstFeasible = read + timings.buildSeconds + timings.heuristicSeconds }
        if let t = timings.firstIncumbentSeconds { firstFeasible = min(firstFeasible ?? .infinity, read + t) }
        let last = outcome.levels.last?.result
        return LadderRun(
            wallSeconds: t3 - t0, cpuSeconds: nil, readSeconds: read, buildSeconds: timings.buildSeconds,
            heuristicSeconds: timings.heuristicSeconds, glpkSeconds: timings.solveSeconds,
            reportSeconds: timings.reportSeconds + (t3 - t2), firstFeasibleSeconds: firstFeasible,
            status: outcome.status.rawValue, objective: last?.objective ?? outcome.objective,
            bound: last?.bestBound ?? outcome.bestBound,
            gap: outcome.gap, nodes: outcome.nodes, peakRSSBytes: processPeakRSSBytes(),
            peakGLPKBytes: outcome.stats.peakSolverBytes, startAccepted: outcome.stats.startAccepted,
            heuristicObjective: outcome.heuristic?.objective, planViolations: outcome.planViolations.count,
            communes: scenario.communes.count, officers: scenario.officers.count,
            variables: outcome.stats.variables, binaries: outcome.stats.binaries, constraints: outcome.stats.constraints,
            nonZeros: outcome.stats.nonZeros, solveEngine: engine.rawValue,
            engine: EngineCounts(outcome.stats.engine, oneModel: !outcome.levels.isEmpty))
    }

    /// Applies `key=value` engine settings (see ``EngineOptions/apply(setting:)``).
    public static func applyEngineSettings(_ settings: [String], to options: inout EngineOptions) throws {
        for setting in settings {
            do { try options.apply(setting: setting) } catch { throw BenchError("Engine setting: \(error.description).") }
        }
    }

    /// Writes the model the planner solves (its single weighted level) as free MPS.
    public static func exportMPS(path: String, to file: String) throws -> LinearModel {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: path)
        } catch {
            throw BenchError("The scenario \(path) does not load:\n\(error.description)")
        }
        let model = PlanModel(context: PlanContext(scenario: scenario)).model
        try GLPKSolver().writeMPS(model, to: file)
        return model
    }
}

extension LadderRun {
    /// The relative gap tolerance a scenario asks for (its `solver.gap`).
    public static func scenarioGap(path: String) throws -> Double {
        do {
            return try ScenarioLoader.load(path: path).solver.gap
        } catch {
            throw BenchError("The scenario \(path) does not load:\n\(error.description)")
        }
    }
}
