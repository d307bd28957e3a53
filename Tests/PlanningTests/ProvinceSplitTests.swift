import DiaBanCore
import GLPKSolver
import LinearModel
import Planning
import Testing

/// With provincial officers the plan splits by province; the joined plan must be exactly as
/// good as solving the whole scenario at once (forced here by a non-binding national change
/// limit, which keeps the scenario whole).
@Suite struct ProvinceSplitTests {
    func twoProvinces(seed: UInt64) -> Scenario {
        let a = smallScenario(officers: 3, communes: 6, seed: seed)
        let b = smallScenario(officers: 3, communes: 5, seed: seed + 100)
        var sc = a
        sc.name = "two provinces"
        sc.officers = a.officers.map { var o = $0; o.province = "A"; o.id = "A-" + o.id; o.homeCommune = o.homeCommune.map { "A" + $0 }; return o }
            + b.officers.map { var o = $0; o.province = "B"; o.id = "B-" + o.id; o.homeCommune = o.homeCommune.map { "B" + $0 }; return o }
        sc.communes = a.communes.map { var c = $0; c.province = "A"; c.code = "A" + c.code; return c }
            + b.communes.map { var c = $0; c.province = "B"; c.code = "B" + c.code; return c }
        func rename(_ p: Pair, _ prefix: String) -> Pair { Pair(officer: prefix + "-" + p.officer, commune: prefix + p.commune) }
        sc.current = Assignment(a.current.pairs.map { rename($0, "A") } + b.current.pairs.map { rename($0, "B") })
        sc.locked = a.locked.map { rename($0, "A") } + b.locked.map { rename($0, "B") }
        sc.forbidden = a.forbidden.map { rename($0, "A") } + b.forbidden.map { rename($0, "B") }
        return sc
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func joinedPlanEqualsWholeSolve(seed: UInt64) throws {
        let split = twoProvinces(seed: seed)
        var whole = split
        whole.rules.maxChanges = 10_000  // couples the provinces: solved as one model
        let planner = Planner(solver: GLPKSolver())
        let a = try planner.plan(split, request: PlanRequest(scenario: split, timeLimit: 30))
        let b = try planner.plan(whole, request: PlanRequest(scenario: whole, timeLimit: 30))
        #expect(a.status == b.status)
        guard let pa = a.plan, let pb = b.plan else { return }
        #expect(a.status == .optimal)
        #expect(abs(a.objective! - b.objective!) < 1e-6, "split \(a.objective!) whole \(b.objective!)")
        #expect(a.planViolations.isEmpty && b.planViolations.isEmpty)
        // No officer crosses a province.
        for pair in pa.pairs + pb.pairs { #expect(pair.officer.prefix(1) == pair.commune.prefix(1)) }
        // Bound and objective agree for a proven split plan.
        #expect(abs((a.bestBound ?? .nan) - a.objective!) < 1e-6)
        // The joined outcome reports the engine's work in both provinces, not only the first's.
        #expect((a.stats.engine?.count ?? 0) >= 2)
        #expect(b.stats.engine?.count == 1)
    }
}
