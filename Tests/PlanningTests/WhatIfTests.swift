import DiaBanCore
import GLPKSolver
import LinearModel
import Planning
import Testing

/// Every what-if change applied to a small scenario, then solved: the plan keeps every hard
/// rule and shows what the change means.
@Suite struct WhatIfTests {
    /// Five communes, three officers; C1 needs border security, C4 (a phường) urban management.
    static func base() -> Scenario {
        func p(_ lat: Double, _ lon: Double) -> GeoPoint { GeoPoint(lat: lat, lon: lon) }
        let communes = [
            Commune(code: "30001", name: "Xã Biên", terrain: .mountain, location: p(19.3, 104.2), workload: 2, requiredSpecialties: ["border-security"]),
            Commune(code: "30002", name: "Xã Núi", terrain: .mountain, location: p(19.1, 104.6), workload: 1.5),
            Commune(code: "30003", name: "Xã Đồng", terrain: .lowland, location: p(18.9, 105.5), workload: 1),
            Commune(code: "30004", name: "Phường Phố", kind: .phuong, terrain: .lowland, location: p(18.68, 105.66), workload: 2,
                    requiredSpecialties: ["urban-management"]),
            Commune(code: "30005", name: "Xã Biển", terrain: .lowland, location: p(18.8, 105.75), workload: 1.5),
        ]
        let hq = p(18.675, 105.66)
        let officers = [
            Officer(id: "O1", name: "Lương Văn Một", base: p(19.2, 104.4), specialties: ["border-security"], capacity: 5),
            Officer(id: "O2", name: "Trần Thị Hai", base: hq, specialties: ["urban-management"], capacity: 5),
            Officer(id: "O3", name: "Lê Văn Ba", base: hq, capacity: 4),
        ]
        let current = Assignment([("O1", "30001"), ("O1", "30002"), ("O2", "30003"), ("O2", "30004"), ("O3", "30005")].map { Pair(officer: $0, commune: $1) })
        return Scenario(name: "what-if base", headquarters: hq, communes: communes, officers: officers, current: current)
    }

    /// Applies the changes, solves, and checks the plan against every hard rule.
    func solve(_ changes: [ScenarioChange], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (Scenario, PlanOutcome, Assignment) {
        var s = Self.base()
        for c in changes { try c.apply(to: &s) }
        let outcome = try Planner(solver: GLPKSolver()).plan(s, request: PlanRequest(scenario: s, timeLimit: 30))
        #expect(outcome.status == .optimal, sourceLocation: sourceLocation)
        let plan = try #require(outcome.plan, sourceLocation: sourceLocation)
        #expect(PlanContext(scenario: s).hardViolations(plan).isEmpty, sourceLocation: sourceLocation)
        return (s, outcome, plan)
    }

    func load(_ plan: Assignment, _ s: Scenario, _ officer: String) -> Double {
        plan.pairs.filter { $0.officer == officer }.reduce(0) { $0 + s.commune($1.commune)!.workload }
    }

    @Test func removeOfficer() throws {
        let (s, _, plan) = try solve([.removeOfficer("O3")])
        #expect(s.officers.map(\.id) == ["O1", "O2"])
        #expect(!plan.pairs.contains { $0.officer == "O3" })
        #expect(plan.pairs.count == 5)
    }

    @Test func addOfficer() throws {
        let new = Officer(id: "N1", name: "Vi Thị Mới", base: GeoPoint(lat: 19.1, lon: 104.6), specialties: ["border-security"], capacity: 3)
        let (_, _, plan) = try solve([.addOfficer(new), .lock(Pair(officer: "N1", commune: "30002"))])
        #expect(plan.contains(Pair(officer: "N1", commune: "30002")))
    }

    @Test func leaveUncoversWhatOnlyTheOfficerHeld() throws {
        let (_, outcome, plan) = try solve([.setOfficerStatus(officer: "O2", status: .leave)])
        #expect(!plan.pairs.contains { $0.officer == "O2" })
        #expect(outcome.after?.uncoveredNeeds == 1)
        let (_, trained, _) = try solve([.setOfficerStatus(officer: "O2", status: .leave), .setSpecialties(officer: "O3", add: ["urban-management"], remove: [])])
        #expect(trained.after?.uncoveredNeeds == 0)
    }

    @Test func capacityAndWorkload() throws {
        let (s, _, plan) = try solve([.setCapacity(officer: "O1", capacity: 2)])
        #expect(load(plan, s, "O1") <= 2)
        let (grown, _, grownPlan) = try solve([.setWorkload(select: CommuneSelection(terrain: [.mountain]), value: .scale(1.5))])
        #expect(grown.commune("30001")?.workload == 3)
        #expect(grown.commune("30002")?.workload == 2.25)
        for o in grown.officers { #expect(load(grownPlan, grown, o.id) <= o.capacity + 1e-9) }
        let (fixed, _, _) = try solve([.setWorkload(select: CommuneSelection(communes: ["30003"]), value: .absolute(2.5))])
        #expect(fixed.commune("30003")?.workload == 2.5)
    }

    @Test func baseMovesTravel() throws {
        let (_, before, _) = try solve([.lock(Pair(officer: "O3", commune: "30001"))])
        let (s, after, _) = try solve([.setBase(officer: "O3", base: .commune("30001")), .lock(Pair(officer: "O3", commune: "30001"))])
        #expect(s.officer("O3")?.base == s.commune("30001")?.location)
        #expect(s.officer("O3")?.baseLabel == "Xã Biên")
        #expect(after.after!.travelKm < before.after!.travelKm)
        var hq = Self.base()
        try ScenarioChange.setBase(officer: "O1", base: .headquarters).apply(to: &hq)
        #expect(hq.officer("O1")?.base == hq.headquarters)
        try ScenarioChange.setBase(officer: "O1", base: .point(GeoPoint(lat: 19, lon: 105), label: "Nhà")).apply(to: &hq)
        #expect(hq.officer("O1")?.baseLabel == "Nhà")
    }

    @Test func staffingAndRequiredSpecialties() throws {
        let (_, _, plan) = try solve([.setStaffing(select: CommuneSelection(communes: ["30003"]), staffing: 2)])
        #expect(plan.officersByCommune["30003"]?.count == 2)
        let (s, outcome, _) = try solve([.setRequiredSpecialties(select: CommuneSelection(kinds: [.phuong]), specialties: [])])
        #expect(s.commune("30004")?.requiredSpecialties == [])
        #expect(s.communes.reduce(0) { $0 + $1.requiredSpecialties.count } == 1)
        #expect(outcome.after?.uncoveredNeeds == 0)
    }

    @Test func requireSpecialtyNobodyHolds() throws {
        let rule = SpecialtyRequirement(specialty: "agriculture", select: CommuneSelection(terrain: [.lowland]))
        let (s, outcome, _) = try solve([.requireSpecialty(rule)])
        #expect(s.communes.filter { $0.requiredSpecialties.contains("agriculture") }.map(\.code) == ["30003", "30004", "30005"])
        #expect(outcome.after?.uncoveredNeeds == 3)
        #expect(outcome.findings.contains { $0.severity == .warning })
    }

    @Test func lockAndForbid() throws {
        let (_, _, plan) = try solve([.lock(Pair(officer: "O3", commune: "30004")), .forbid(Pair(officer: "O1", commune: "30001"))])
        #expect(plan.contains(Pair(officer: "O3", commune: "30004")))
        #expect(!plan.contains(Pair(officer: "O1", commune: "30001")))
    }

    @Test("A change that names what does not exist throws and leaves the scenario as it was", arguments: [
        ScenarioChange.removeOfficer("ZZ"),
        .setOfficerStatus(officer: "ZZ", status: .leave),
        .setCapacity(officer: "O1", capacity: 0),
        .setBase(officer: "O1", base: .commune("99999")),
        .setSpecialties(officer: "ZZ", add: ["agriculture"], remove: []),
        .setWorkload(select: CommuneSelection(communes: ["30001", "99999"]), value: .scale(2)),
        .setStaffing(select: CommuneSelection(kinds: [.dacKhu]), staffing: 2),
        .setStaffing(select: CommuneSelection(communes: ["30001"]), staffing: 0),
        .setRequiredSpecialties(select: CommuneSelection(formerDistricts: ["Nowhere"]), specialties: []),
        .requireSpecialty(SpecialtyRequirement(specialty: "agriculture", select: CommuneSelection(provinces: ["Hà Tĩnh"]))),
        .lock(Pair(officer: "O1", commune: "99999")),
        .forbid(Pair(officer: "ZZ", commune: "30001")),
        .addOfficer(Officer(id: "O1", name: "Trùng", base: GeoPoint(lat: 19, lon: 105), capacity: 3)),
    ])
    func refused(change: ScenarioChange) {
        var s = Self.base()
        #expect(throws: ScenarioChangeError.self) { try change.apply(to: &s) }
        #expect(s.officers == Self.base().officers && s.communes == Self.base().communes && s.locked.isEmpty && s.forbidden.isEmpty)
    }

    @Test func lockedOfficerCannotBeRemoved() throws {
        var s = Self.base()
        try ScenarioChange.lock(Pair(officer: "O1", commune: "30001")).apply(to: &s)
        do {
            try ScenarioChange.removeOfficer("O1").apply(to: &s)
            Issue.record("a locked officer was removed")
        } catch {
            #expect(error.message == "Officer O1 cannot be removed: they are locked to commune 30001.")
        }
        #expect(s.officer("O1") != nil)
    }

    @Test("Rules and weights of a what-if: bands, change limits, hard coverage, priorities, candidate limit")
    func settings() throws {
        var band = Self.base()
        band.rules.mountainBand = .init(measure: .count, lower: 0, upper: 1)
        var outcome = try Planner(solver: GLPKSolver()).plan(band, request: PlanRequest(scenario: band))
        #expect(outcome.plan?.pairs.filter { $0.officer == "O1" && band.commune($0.commune)!.isMountain }.count ?? 9 <= 1)

        var limited = Self.base()
        limited.rules.maxChanges = 1
        outcome = try Planner(solver: GLPKSolver()).plan(limited, request: PlanRequest(scenario: limited))
        #expect((outcome.after?.newPairs ?? 9) <= 1)

        var hard = Self.base()
        hard.rules.coverage = .hard
        try ScenarioChange.setOfficerStatus(officer: "O2", status: .leave).apply(to: &hard)
        outcome = try Planner(solver: GLPKSolver()).plan(hard, request: PlanRequest(scenario: hard))
        #expect(outcome.status == .infeasible)

        var ranked = Self.base()
        ranked.priorities = [.coverage, .travel]
        outcome = try Planner(solver: GLPKSolver()).plan(ranked, request: PlanRequest(scenario: ranked))
        #expect(outcome.levels.count == 3)
        #expect(outcome.status == .optimal)

        var pruned = Self.base()
        pruned.rules.candidateLimit = 1
        let context = PlanContext(scenario: pruned)
        #expect(context.eligibility.prunedCount > 0)
        outcome = try Planner(solver: GLPKSolver()).plan(pruned, request: PlanRequest(scenario: pruned))
        #expect(outcome.planViolations.isEmpty)
    }
}
