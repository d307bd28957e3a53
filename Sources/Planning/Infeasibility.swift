import DiaBanCore
import LinearModel

/// Why a scenario has no valid plan: the quick checks' findings, then the smallest relaxation
/// of the hard rules that makes it feasible (from an elastic re-solve), and the plan that
/// relaxation gives — which breaks the named rules and is therefore not a valid plan.
public struct InfeasibilityExplanation: Sendable, Equatable, Codable {
    public struct Needed: Sendable, Equatable, Codable {
        public var rule: String
        public var subject: String
        public var amount: Double
        public var message: String
    }
    /// The relaxations, largest first.
    public var relaxations: [Needed]
    /// Pairs of the relaxed plan (not valid: it breaks the rules above).
    public var relaxedPlan: [Pair]
    /// Whether the elastic re-solve finished (false: it ran out of time, relaxations may be fewer).
    public var complete: Bool
}

extension Planner {
    /// Re-solves with every hard rule elastic and names what had to give.
    func explainInfeasibility(_ context: PlanContext, options: SolverOptions) throws -> InfeasibilityExplanation? {
        let pm = PlanModel(context: context, levels: [], elastic: true)
        let result = try solver.solve(pm.model, options: options, start: nil, progress: nil)
        guard result.primal != .none else { return nil }
        let sc = context.scenario
        var needed: [InfeasibilityExplanation.Needed] = []
        for r in pm.relaxations {
            let amount = result.values[r.column.rawValue]
            guard amount > 1e-6 else { continue }
            needed.append(.init(rule: r.kind.rawValue, subject: r.subject, amount: round2(amount), message: message(r, amount, sc)))
        }
        needed.sort { ($0.amount, $1.subject) > ($1.amount, $0.subject) }
        return InfeasibilityExplanation(relaxations: needed, relaxedPlan: pm.assignment(from: result.values).pairs,
                                        complete: result.termination == .optimal)
    }

    private func message(_ r: Relaxation, _ amount: Double, _ sc: Scenario) -> String {
        func officer(_ id: String) -> String { sc.officer(id).map { "officer \($0.name) (\(id))" } ?? "officer \(id)" }
        func commune(_ code: String) -> String { sc.commune(code).map { "commune \($0.name) (\(code))" } ?? "commune \(code)" }
        let n = fmt(amount)
        switch r.kind {
        case .staffing: return "\(commune(r.subject)) would need \(n) more officer(s) than can be assigned to it"
        case .lockedPair:
            let parts = r.subject.split(separator: "_", maxSplits: 1).map(String.init)
            return "the locked pair \(parts.first ?? "")–\(parts.last ?? "") cannot be kept"
        case .capacity: return "\(officer(r.subject)) would need \(n) more workload units of capacity"
        case .minCommunes: return "\(officer(r.subject)) would need to track \(n) fewer communes than the minimum"
        case .maxCommunes: return "\(officer(r.subject)) would need to track \(n) more communes than the maximum allows"
        case .mountainBandLow, .mountainBandHigh:
            let band = sc.rules.mountainBand.map { "[\(fmt($0.lower)), \($0.upper)]" } ?? ""
            return "the mountain band \(band) cannot hold for \(officer(r.subject)) (off by \(n))"
        case .coverage:
            let parts = r.subject.split(separator: "_", maxSplits: 1).map(String.init)
            return "\(commune(parts.first ?? "")) would stay without \(parts.last ?? "a required specialty") expertise"
        case .maxChanges: return "the plan needs \(n) more changes than maxChanges (\(sc.rules.maxChanges ?? 0)) allows"
        }
    }
}
