import CGLPK
import LinearModel
import _CGLPKGuard

/// Solves a ``LinearModel`` with GLPK's simplex method (`glp_simplex`) and branch-and-cut
/// (`glp_intopt`).
///
/// Every GLPK object of a solve is created, used and deleted inside one synchronous call on
/// the calling thread: Debian's GLPK keeps its environment per thread. Independent solves may
/// run in parallel on separate threads. GLPK's terminal output never reaches stdout; it goes
/// to stderr when ``SolverOptions/verbosity`` is above `.off`.
public struct GLPKSolver: CuttingPlaneSolver {
    public init() {}

    public func solve(
        _ model: LinearModel, options: SolverOptions, start: [Double]?,
        progress: (@Sendable (SolveProgress) -> ProgressDecision)?
    ) throws -> SolveResult {
        try solve(model, options: options, start: start, progress: progress, separator: nil)
    }

    /// Solves with `separator` asked for cuts at each node (`GLP_ICUTGEN`); its cuts are checked
    /// in Swift and added with `glp_ios_add_row`. The MIP presolver is then off, so that the
    /// node's columns are the model's.
    public func solve(
        _ model: LinearModel, options: SolverOptions, start: [Double]?,
        progress: (@Sendable (SolveProgress) -> ProgressDecision)?, separator: (any CutSeparator)?
    ) throws -> SolveResult {
        try model.validate()
        let clock = Stopwatch()
        var startNote: String?
        var acceptedStart: [Double]?
        if let start, !options.relaxationOnly {
            if let why = model.violation(of: start) {
                startNote = "The starting solution was ignored: \(why)."
            } else {
                acceptedStart = Self.snapped(start, of: model)
            }
        } else if start != nil {
            startNote = "The starting solution was ignored: only the LP relaxation was solved."
        }
        if model.variables.isEmpty { return Self.solveWithoutColumns(model, clock: clock, note: startNote) }
        let log = TerminalLog(echo: options.verbosity > .off)
        return try log.installed {
            let memory = MemoryMeter()
            let problem = try NativeProblem(model, log: log)
            defer { problem.delete() }
            let session = SolveSession(
                model: model, options: options, problem: problem, clock: clock, memory: memory,
                start: acceptedStart, progress: progress, separator: separator)
            var result = try options.relaxationOnly ? session.solveRelaxation() : session.solveMIP()
            result.message = [startNote, result.message].compactMap { $0 }.joined(separator: " ").nonEmpty
            result.wallSeconds = clock.seconds
            return result
        }
    }

    /// A model without columns is decided here: GLPK 5.0's `glp_intopt` without presolver
    /// fails on it with an internal error (`glp_add_cols: ncs = 0`). Its rows are feasible
    /// exactly when each admits the activity 0.
    static func solveWithoutColumns(_ model: LinearModel, clock: Stopwatch, note: String?) -> SolveResult {
        if let why = model.violation(of: []) {
            return SolveResult(
                termination: .infeasible, primal: .none, wallSeconds: clock.seconds,
                message: [note, "The model has no variables and \(why)."].compactMap { $0 }.joined(separator: " "))
        }
        return SolveResult(
            termination: .optimal, primal: .optimal, objective: model.objectiveConstant,
            bestBound: model.objectiveConstant, relativeGap: 0, wallSeconds: clock.seconds, message: note)
    }

    /// A feasible start with its integer columns rounded to exact integers:
    /// `glp_ios_heur_sol` rejects any integer column value `x` with `x != floor(x)`.
    static func snapped(_ values: [Double], of model: LinearModel) -> [Double] {
        zip(values, model.variables).map { value, variable in
            variable.kind == .continuous ? min(max(value, variable.lower), variable.upper) : value.rounded()
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// Monotonic wall-clock seconds since creation.
struct Stopwatch {
    private let origin = ContinuousClock.now

    var seconds: Double {
        let elapsed = origin.duration(to: ContinuousClock.now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
}
