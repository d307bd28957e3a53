import AssignmentEngine
import DiaBanCore
import Foundation
import LinearModel

extension Planner {
    /// Solves one level's model with the engine the request names; returns the result in the
    /// terms of `planModel`'s columns, what the decomposition engine did when it ran, and the
    /// duals of its root bound.
    func solveLevel(
        _ planModel: PlanModel, levels: [(terms: [ObjectiveTerm], limit: Double)], objectiveTerms: [ObjectiveTerm]?,
        start: Assignment?, options: SolverOptions, request: PlanRequest,
        progress: (@Sendable (SolveProgress) -> ProgressDecision)?
    ) throws -> (SolveResult, EngineStats?, LagrangianCertificate?) {
        guard request.engine == .decomposition, let lpSolver = solver as? any LiveProgramSolver else {
            let startVector = start.flatMap { planModel.completeVector(for: $0) }
            if request.exactCovers, let cutting = solver as? any CuttingPlaneSolver {
                let separator = KnapsackCoverSeparator(model: planModel.model)
                return (try cutting.solve(planModel.model, options: options, start: startVector, progress: progress, separator: separator), nil, nil)
            }
            return (try solver.solve(planModel.model, options: options, start: startVector, progress: progress), nil, nil)
        }
        let decomposition = PlanDecomposition(planModel, levels: levels, objectiveTerms: objectiveTerms)
        var engineOptions = request.engineOptions
        engineOptions.timeLimit = options.timeLimit
        engineOptions.relativeGap = options.relativeGap
        engineOptions.threads = request.threads ?? ProcessInfo.processInfo.activeProcessorCount
        engineOptions.solverOptions = options
        // A cutoff is on the whole weighted objective: a level of priorities has another.
        if !(levels.isEmpty && objectiveTerms == nil) { engineOptions.cutoff = nil }
        let engine = DecompositionEngine(solver: solver, lpSolver: lpSolver)
        let incumbent = start.flatMap { decomposition.pairIndices(of: $0) }
        let began = Date()
        let warm = levels.isEmpty && objectiveTerms == nil ? request.rootStart : nil
        let r = try engine.solve(
            decomposition.problem, compact: decomposition.compactModel, incumbent: incumbent, warm: warm, options: engineOptions, progress: progress)
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
        return (result, r.stats, r.rootCertificate)
    }
}

extension Planner {
    /// A proven lower bound on the points of every valid plan of `scenario`, read at the duals
    /// of another solve's root (``PlanOutcome/rootCertificate``) without solving it: how a
    /// changed roster can be screened (see `LagrangianCertificate` in AssignmentEngine). Nil when the scenario is
    /// solved in parts (by province) or by priority levels, where one bound does not cover the
    /// whole answer, or when the duals give no finite bound.
    public static func lowerBound(of scenario: Scenario, at certificate: LagrangianCertificate, threads: Int = 1) -> Double? {
        let context = PlanContext(scenario: scenario)
        guard solvesAsOne(context) else { return nil }
        let decomposition = PlanDecomposition(PlanModel(context: context))
        let bound = certificate.bound(on: decomposition.problem, threads: threads)
        return bound.isFinite ? bound : nil
    }
}

extension Planner {
    /// Whether the scenario is solved as one weighted problem — not by priority levels, not
    /// province by province — so that one decomposition (``PlanDecomposition``) is its whole model.
    public static func solvesAsOne(_ context: PlanContext) -> Bool {
        levels(context.scenario.priorities).count == 1 && ProvinceSplit.provinces(of: context) == nil
    }
}
