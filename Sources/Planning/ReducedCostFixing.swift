import DiaBanCore
import LinearModel

/// Reduced-cost fixing: pairs that no plan better than a known one can use.
///
/// With the LP relaxation's optimum `z` and a column's reduced cost `d ≥ 0` at its lower
/// bound 0, every plan with that column at 1 costs at least `z + d`. When `z + d` exceeds the
/// objective `H` of a valid plan we already hold, the column is 0 in every plan at least as
/// good as that one — so removing it keeps the optimum (and a proof of it on the smaller
/// model is a proof for the whole model). The plan we hold never loses a column: each of its
/// pairs costs at most `H` by definition.
public struct ReducedCostFixing: Sendable {
    /// Pairs removed.
    public var excluded: Set<Pair>
    /// The LP relaxation's optimum: a lower bound on every plan.
    public var lpBound: Double
    /// The incumbent's objective used as `H`.
    public var incumbent: Double

    /// `nil` when the relaxation did not solve to optimality (then nothing is removed).
    public static func run(
        _ planModel: PlanModel, incumbent: Double, solver: any MIPSolver, options: SolverOptions
    ) throws -> ReducedCostFixing? {
        var lpOptions = options
        lpOptions.relaxationOnly = true
        let lp = try solver.solve(planModel.model, options: lpOptions, start: nil, progress: nil)
        guard lp.termination == .optimal, let z = lp.objective, lp.reducedCosts.count == planModel.model.variables.count else { return nil }
        // Margin for the simplex's tolerances: fix only what is clearly beyond the incumbent.
        let margin = 1e-6 * max(1, abs(incumbent)) + 1e-6
        let slack = incumbent - z + margin
        var excluded = Set<Pair>()
        for (pair, column) in zip(planModel.pairs, planModel.xColumns) {
            let v = column.rawValue
            if lp.values[v] < 1e-9 && lp.reducedCosts[v] > slack && planModel.model.variables[v].lower == 0 {
                excluded.insert(pair)
            }
        }
        return ReducedCostFixing(excluded: excluded, lpBound: z, incumbent: incumbent)
    }
}
