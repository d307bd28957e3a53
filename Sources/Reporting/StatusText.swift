import Planning

/// A plan's status in a sentence, the same in every report.
func statusSentence(_ status: String, gap: Double?, hasPlan: Bool, failure: String? = nil) -> String {
    switch status {
    case PlanStatus.optimal.rawValue: return "optimal (proven)"
    case PlanStatus.feasible.rawValue: return "feasible, not proven optimal" + (gap.map { " (gap \(decimal(100 * $0, 2))%)" } ?? " (no bound yet: gap unknown)")
    case PlanStatus.infeasible.rawValue: return "infeasible: no plan satisfies the hard rules"
    case PlanStatus.noSolution.rawValue: return "no solution within the time limit"
    case PlanStatus.interrupted.rawValue: return hasPlan ? "interrupted: best plan so far, NOT proven optimal" : "interrupted, no plan found yet"
    default: return "solver failure" + (failure.map { ": \($0)" } ?? "")
    }
}
