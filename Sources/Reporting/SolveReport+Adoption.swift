import DiaBanCore
import Planning

extension SolveReport {
    /// The plan as `diaban register adopt` adopts it (`name`: how messages call it).
    public func adoptedPlan(name: String) -> AdoptedPlan {
        let base = Assignment(kpisBefore.communes.flatMap { c in c.officers.map { Pair(officer: $0, commune: c.code) } })
        let officerNames = Dictionary(((kpis?.officers ?? []) + kpisBefore.officers).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let communeNames = Dictionary(kpisBefore.communes.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        return AdoptedPlan(name: name, status: status, hasPlan: kpis != nil, honoursItsDecisions: decisions?.allHonoured ?? true, base: base,
                           moves: moves, officerNames: officerNames, communeNames: communeNames, fingerprint: planFingerprint, roster: roster ?? [])
    }

    /// What a decisions file to adopt with this plan is checked against: the plan's own roster
    /// and the assignment it started from.
    public var adoptionRoster: DecisionRoster {
        let plan = adoptedPlan(name: "")
        return DecisionRoster(officers: plan.officerNames, communes: plan.communeNames, current: plan.base.officersByCommune)
    }
}
