import CGLPK
import LinearModel

/// One solve of a loaded problem: `glp_simplex` alone for the LP relaxation, or
/// `glp_simplex` (when the MIP presolver is off) followed by `glp_intopt`.
struct SolveSession {
    let model: LinearModel
    let options: SolverOptions
    let problem: NativeProblem
    let clock: Stopwatch
    let memory: MemoryMeter
    /// A checked, feasible start with integral integer columns, or nil.
    let start: [Double]?
    let progress: (@Sendable (SolveProgress) -> ProgressDecision)?
    var separator: (any CutSeparator)? = nil

    private var deadline: Double? { options.sanitizedTimeLimit }

    /// The LP relaxation only (`glp_simplex`, read with `glp_get_*`).
    func solveRelaxation() throws(SolverError) -> SolveResult {
        var parameters = glp_smcp.make(
            options: options, presolve: options.presolve, timeLimit: glpkMilliseconds(until: deadline, clock: clock))
        let code = try problem.simplex(&parameters)
        guard let pointer = problem.pointer else { throw SolverError("The GLPK problem is no longer available.") }
        let verdict = Verdict.relaxation(
            code: code, status: glp_get_status(pointer), primalFeasible: glp_get_prim_stat(pointer) == GLP_FEAS)
        var result = SolveResult(termination: verdict.termination, primal: verdict.primal, message: verdict.message)
        if verdict.primal != .none {
            result.values = (0..<model.variables.count).map { glp_get_col_prim(pointer, Int32($0 + 1)) }
            result.objective = glp_get_obj_val(pointer)
        }
        if verdict.primal == .optimal {
            result.reducedCosts = (0..<model.variables.count).map { glp_get_col_dual(pointer, Int32($0 + 1)) }
            result.rowDuals = (0..<model.constraints.count).map { glp_get_row_dual(pointer, Int32($0 + 1)) }
        }
        if verdict.primal == .optimal {
            result.bestBound = result.objective
            result.relativeGap = 0
        }
        result.peakSolverBytes = memory.peak
        return result
    }

    /// The mixed-integer program (`glp_intopt`, read with `glp_mip_*`). A start is offered
    /// through the callback, which only lines up with the columns when the MIP presolver is
    /// off; without the presolver `glp_intopt` needs an optimal LP basis, so `glp_simplex`
    /// runs first and its infeasible or unbounded verdict is final.
    func solveMIP() throws(SolverError) -> SolveResult {
        // The presolver renumbers columns: a start or a cut must line up with the model's.
        let presolve = options.presolve && start == nil && separator == nil
        let context = SearchContext(
            clock: clock, deadline: deadline, start: presolve ? nil : start, memory: memory, progress: progress,
            progressInterval: max(0, options.progressInterval), target: options.objectiveTarget.map { ($0, model.sense == .minimize) })
        context.separator = separator
        if !presolve {
            var parameters = glp_smcp.make(
                options: options, presolve: false, timeLimit: glpkMilliseconds(until: deadline, clock: clock))
            let code = try problem.simplex(&parameters)
            guard let pointer = problem.pointer else { throw SolverError("The GLPK problem is no longer available.") }
            if let verdict = Verdict.root(code: code, status: glp_get_status(pointer)) {
                return finish(verdict, context: context, searched: false)
            }
            context.bound = glp_get_obj_val(pointer)
            memory.sample()
        }
        var parameters = glp_iocp.make(
            options: options, presolve: presolve, timeLimit: glpkMilliseconds(until: deadline, clock: clock))
        context.attach(to: &parameters)
        let code = try withExtendedLifetime(context) { () throws(SolverError) -> Int32 in
            try problem.intopt(&parameters)
        }
        guard let pointer = problem.pointer else { throw SolverError("The GLPK problem is no longer available.") }
        let status = glp_mip_status(pointer)
        let hasIncumbent = status == GLP_FEAS || status == GLP_OPT
        var provenOptimal = false
        if hasIncumbent, let bound = context.bound {
            // GLPK prunes a node whose bound is within tol_obj·(1 + |incumbent|) of the
            // incumbent; a gap that small is what it calls optimal.
            let objective = glp_mip_obj_val(pointer)
            provenOptimal = abs(objective - bound) <= parameters.tol_obj * (1 + abs(objective))
        }
        let verdict = Verdict.mip(
            code: code, status: status, hasIncumbent: hasIncumbent, stopCause: context.stopCause,
            provenOptimal: provenOptimal)
        return finish(verdict, context: context, searched: true)
    }

    private func finish(_ verdict: Verdict, context: SearchContext, searched: Bool) -> SolveResult {
        var result = SolveResult(termination: verdict.termination, primal: verdict.primal, message: verdict.message)
        let finished = verdict.termination == .optimal || verdict.termination == .infeasible
        result.nodes = finished ? context.nodesCreated : context.nodes
        result.startAccepted = context.startAccepted
        result.separatedCuts = context.cutsAdded
        result.firstIncumbent = context.firstIncumbent
        result.firstIncumbentSeconds = context.firstIncumbentSeconds
        var notes: [String] = verdict.message.map { [$0] } ?? []

        if searched, verdict.primal != .none, let pointer = problem.pointer {
            result.values = model.variables.indices.map { j in
                let value = glp_mip_col_val(pointer, Int32(j + 1))
                let integral = value.rounded()
                return model.variables[j].kind != .continuous && abs(value - integral) <= 1e-6 ? integral : value
            }
            result.objective = glp_mip_obj_val(pointer)
            if result.firstIncumbent == nil {
                // Found where no callback saw it (the presolver, or a heuristic at the last node).
                result.firstIncumbent = result.objective
                result.firstIncumbentSeconds = clock.seconds
            }
        } else if verdict.primal == .none, let start,
                  [.timeLimit, .interrupted, .solverFailure].contains(verdict.termination) {
            result.primal = .feasible
            result.values = start
            result.objective = model.objectiveValue(start)
            notes.append("GLPK stopped before it held a solution; the result is the starting solution.")
        }

        if verdict.termination != .infeasible && verdict.termination != .unbounded {
            result.bestBound = result.primal == .optimal ? result.objective : context.bound
        }
        if let objective = result.objective, let bound = result.bestBound {
            result.relativeGap = result.primal == .optimal ? 0 : SolveResult.relativeGap(objective: objective, bound: bound)
        }
        if !result.values.isEmpty, let why = model.violation(of: result.values, tolerance: 1e-5) {
            notes.append("GLPK's solution misses a constraint by more than 1e-5: \(why).")
        }
        result.message = notes.isEmpty ? nil : notes.joined(separator: " ")
        result.peakSolverBytes = memory.peak
        return result
    }
}
