import AssignmentEngine
import DiaBanCore
import Foundation
import LinearModel

extension Planner {
    /// Solves one level's model with the engine the request names; returns the result in the
    /// terms of `planModel`'s columns, and what the decomposition engine did when it ran.
    func solveLevel(
        _ planModel: PlanModel, levels: [(terms: [ObjectiveTerm], limit: Double)], objectiveTerms: [ObjectiveTerm]?,
        start: Assignment?, options: SolverOptions, request: PlanRequest,
        progress: (@Sendable (SolveProgress) -> ProgressDecision)?
    ) throws -> (SolveResult, EngineStats?) {
        guard request.engine == .decomposition, let lpSolver = solver as? any LiveProgramSolver else {
            let startVector = start.flatMap { planModel.completeVector(for: $0) }
            if request.exactCovers, let cutting = solver as? any CuttingPlaneSolver {
                let separator = KnapsackCoverSeparator(model: planModel.model)
                return (try cutting.solve(planModel.model, options: options, start: startVector, progress: progress, separator: separator), nil)
            }
            return (try solver.solve(planModel.model, options: options, start: startVector, progress: progress), nil)
        }
        let decomposition = PlanDecomposition(planModel, levels: levels, objectiveTerms: objectiveTerms)
        var engineOptions = request.engineOptions
        engineOptions.timeLimit = options.timeLimit
        engineOptions.relativeGap = options.relativeGap
        engineOptions.threads = request.threads ?? ProcessInfo.processInfo.activeProcessorCount
        engineOptions.solverOptions = options
        let engine = DecompositionEngine(solver: solver, lpSolver: lpSolver)
        let incumbent = start.flatMap { decomposition.pairIndices(of: $0) }
        let began = Date()
        let r = try engine.solve(decomposition.problem, compact: decomposition.compactModel, incumbent: incumbent, options: engineOptions, progress: progress)
        var result = SolveResult(
            termination: r.termination, primal: r.primal, objective: r.objective, bestBound: r.bestBound,
            relativeGap: r.relativeGap, nodes: r.nodes,
            wallSeconds: Date().timeIntervalSince(began), startAccepted: incumbent != nil,
            firstIncumbent: nil, firstIncumbentSeconds: r.firstIncumbentSeconds, peakSolverBytes: r.peakSolverBytes, message: r.message)
        if let plan = r.plan {
            guard let values = planModel.completeVector(for: decomposition.assignment(of: plan)) else {
                throw SolverError("The engine's plan uses a pair the model has no column for.")
            }
            result.values = values
            result.objective = planModel.model.objectiveValue(values)
        }
        return (result, r.stats)
    }
}
