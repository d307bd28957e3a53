import DiaBanCore
import GLPKSolver
import LinearModel
import Planning
import Testing

@Suite struct InfeasibilityTests {
    /// Two officers, three communes of workload 2; capacities 3 and 2: 1 unit short in total.
    func shortScenario() -> Scenario {
        let p = GeoPoint(lat: 18.7, lon: 105.6)
        let communes = (0..<3).map { Commune(code: "1000\($0)", name: "Xã \($0)", terrain: .lowland, location: p, workload: 2) }
        let officers = [
            Officer(id: "A", name: "Nguyễn Văn A", base: p, capacity: 3),
            Officer(id: "B", name: "Trần Thị B", base: p, capacity: 2),
        ]
        return Scenario(name: "short", headquarters: p, communes: communes, officers: officers)
    }

    @Test func capacityShortIsNamedBeforeSolving() throws {
        let outcome = try Planner(solver: GLPKSolver()).plan(shortScenario(), request: PlanRequest(scenario: shortScenario(), timeLimit: 10))
        #expect(outcome.status == .infeasible)
        #expect(outcome.plan == nil)
        #expect(outcome.findings.contains { $0.code == "capacity-short" && $0.message.contains("1 units short") })
        // The elastic re-solve: with 2+2+2 = 6 units and capacities 3 and 2, someone needs 1 more unit.
        let explanation = try #require(outcome.explanation)
        let capacity = explanation.relaxations.filter { $0.rule == "capacity" }
        #expect(capacity.count == 1)
        #expect(capacity.first?.amount == 1)
        #expect(capacity.first?.message.contains("1 more workload units") == true)
        #expect(explanation.relaxedPlan.count == 3)
    }

    /// Quick checks pass, the solver proves infeasibility: a hard mountain band with a lock.
    @Test func bandWithLockIsExplainedByTheElasticResolve() throws {
        let p = GeoPoint(lat: 18.7, lon: 105.6)
        let communes = [
            Commune(code: "20001", name: "Xã Núi 1", terrain: .mountain, location: p, workload: 1),
            Commune(code: "20002", name: "Xã Núi 2", terrain: .mountain, location: p, workload: 1),
            Commune(code: "20003", name: "Xã Đồng", terrain: .lowland, location: p, workload: 1),
        ]
        let officers = [Officer(id: "A", name: "A", base: p, capacity: 5), Officer(id: "B", name: "B", base: p, capacity: 5)]
        var sc = Scenario(name: "band", headquarters: p, communes: communes, officers: officers)
        // Each officer: exactly one mountain commune; but A is locked to both mountain communes.
        sc.rules.mountainBand = .init(measure: .count, lower: 1, upper: 1)
        sc.locked = [Pair(officer: "A", commune: "20001"), Pair(officer: "A", commune: "20002")]
        let outcome = try Planner(solver: GLPKSolver()).plan(sc, request: PlanRequest(scenario: sc, timeLimit: 10))
        #expect(outcome.findings.filter { $0.severity == .error }.isEmpty)
        #expect(outcome.status == .infeasible)
        let explanation = try #require(outcome.explanation)
        #expect(!explanation.relaxations.isEmpty)
        #expect(explanation.relaxations.allSatisfy { ["bandhigh", "bandlow", "lock"].contains($0.rule) })
        #expect(explanation.relaxations.reduce(0) { $0 + $1.amount } == 1)
    }

    @Test func noEligibleOfficerAndOverDemandedSpecialty() throws {
        let p = GeoPoint(lat: 18.7, lon: 105.6)
        let communes = [
            Commune(code: "30001", name: "Xã Biên giới", terrain: .mountain, location: p, workload: 1, requiredSpecialties: ["border-security"]),
            Commune(code: "30002", name: "Xã Biên giới 2", terrain: .mountain, location: p, workload: 1, requiredSpecialties: ["border-security"]),
        ]
        var officers = [Officer(id: "A", name: "A", base: p, specialties: ["border-security"], capacity: 1, homeCommune: "30001"),
                        Officer(id: "B", name: "B", base: p, capacity: 5)]
        officers[1].status = .leave
        var sc = Scenario(name: "none", headquarters: p, communes: communes, officers: officers)
        sc.rules.coverage = .hard
        let findings = QuickChecks.run(PlanContext(scenario: sc))
        #expect(findings.contains { $0.code == "no-eligible-officer" && $0.culprits == ["30001"] })
        #expect(findings.contains { $0.code == "capacity-short" })
        let outcome = try Planner(solver: GLPKSolver()).plan(sc, request: PlanRequest(scenario: sc, timeLimit: 10))
        #expect(outcome.status == .infeasible)
        #expect(outcome.explanation?.relaxations.contains { $0.rule == "staffing" && $0.subject == "30001" } == true)
    }
}
