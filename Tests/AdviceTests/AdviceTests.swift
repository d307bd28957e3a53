@testable import Advice
import DiaBanCore
import DiaBanTestSupport
import Foundation
import GLPKSolver
import LinearModel
import Planning
import ScenarioIO
import Testing

/// A random small scenario: `officers` × `communes`, two needed specialties, few holders.
func smallScenario(officers nO: Int, communes nC: Int, seed: UInt64) -> Scenario {
    var rng = SplitMix64(seed: seed)
    let hq = GeoPoint(lat: 18.67, lon: 105.66)
    let specialties: [Specialty] = ["border-security", "ethnic-affairs"]
    var communes: [Commune] = []
    for c in 0..<nC {
        var req: [Specialty] = []
        if rng.chance(0.5) { req.append(specialties[rng.int(0...1)]) }
        communes.append(Commune(
            code: String(format: "%05d", 10000 + c), name: "Xã Thử \(c)", terrain: rng.chance(0.5) ? .mountain : .lowland,
            location: GeoPoint(lat: 18.5 + rng.uniform(0...1), lon: 104.8 + rng.uniform(0...1)),
            workload: (rng.uniform(1...3) * 4).rounded() / 4, staffing: 1,
            visitsPerYear: Double(rng.int(6...12)), requiredSpecialties: req))
    }
    let totalWork = communes.reduce(0) { $0 + $1.workload }
    var officers: [Officer] = []
    for o in 0..<nO {
        var spec: [Specialty] = []
        for s in specialties where rng.chance(0.25) { spec.append(s) }
        officers.append(Officer(
            id: "O\(o + 1)", name: "Cán bộ \(o + 1)",
            base: rng.chance(0.5) ? GeoPoint(lat: 18.5 + rng.uniform(0...1), lon: 104.8 + rng.uniform(0...1)) : hq,
            specialties: spec, capacity: (totalWork * rng.uniform(1.2...1.9) / Double(nO) * 4).rounded(.up) / 4))
    }
    let current = communes.map { Pair(officer: officers[rng.int(0...(nO - 1))].id, commune: $0.code) }
    return Scenario(name: "advice-\(nO)x\(nC)-\(seed)", headquarters: hq, communes: communes, officers: officers, current: Assignment(current))
}

/// The optimum of a scenario by enumerating every assignment (each commune one officer).
func enumeratedOptimum(_ scenario: Scenario) -> Double? {
    let context = PlanContext(scenario: scenario)
    let ids = scenario.officers.map(\.id)
    var best: Double?
    var choice = [Int](repeating: 0, count: scenario.communes.count)
    while true {
        let a = Assignment(scenario.communes.indices.map { Pair(officer: ids[choice[$0]], commune: scenario.communes[$0].code) })
        if context.hardViolations(a).isEmpty {
            let v = context.objective(a)
            if best == nil || v < best! { best = v }
        }
        var i = 0
        while i < choice.count {
            choice[i] += 1
            if choice[i] < ids.count { break }
            choice[i] = 0
            i += 1
        }
        if i == choice.count { break }
    }
    return best
}

@Suite struct AdviceTests {
    let advisor = Advisor(planner: Planner(solver: GLPKSolver()), solver: GLPKSolver())

    func request(_ s: Scenario) -> PlanRequest { PlanRequest(scenario: s, timeLimit: 30, gap: 1e-9) }

    static func close(_ a: Double?, _ b: Double?, _ tol: Double = 1e-4) -> Bool {
        guard let a, let b else { return false }
        return abs(a - b) <= tol * max(1, abs(b))
    }

    @Test("Each single gain is the difference of the baseline's and the what-if's enumerated optima", arguments: [UInt64(1), 2, 3])
    func singleGainsEqualEnumeration(seed: UInt64) throws {
        let s = smallScenario(officers: 3, communes: 5, seed: seed)
        var options = AdviceOptions(budgets: [.train: 1, .hire: 1, .moveBase: 1, .capacity: 1])
        options.jobs = 2
        let (advice, _) = try advisor.advise(s, options: options, request: request(s))
        let a = try #require(advice)
        let z0 = try #require(enumeratedOptimum(s))
        #expect(Self.close(a.baseline.objective, z0))
        #expect(!a.singles.isEmpty)
        for g in a.singles {
            let changed = try [g.action].applied(to: s)
            let z1 = try #require(enumeratedOptimum(changed))
            #expect(Self.close(g.gain, z0 - z1), "\(g.action.key): claimed \(g.gain ?? .nan), enumerated \(z0 - z1)")
            #expect(g.isExact, "\(g.action.key) is proven on a small case")
            if case .train = g.action { #expect((g.gain ?? -1) >= -1e-6, "a training never costs points") }
        }
        // Ranked within each kind: gains do not increase.
        for kind in AdviceAction.Kind.allCases {
            let gains = a.ranked(kind).compactMap(\.gain)
            #expect(zip(gains, gains.dropFirst()).allSatisfy { $0 >= $1 - 1e-9 })
        }
    }

    /// The least enumerated optimum over every combination of trainings and hires within the
    /// options' budgets.
    static func bestCombination(_ s: Scenario, options: AdviceOptions, where keep: (AdviceAction) -> Bool = { _ in true }) throws -> Double {
        let candidates = AdviceCandidates.all(s, options: options).filter(keep)
        let trainings = candidates.filter { $0.kind == .train }, hires = candidates.filter { $0.kind == .hire }
        let moves = candidates.filter { $0.kind == .moveBase }
        var best = Double.infinity
        for t in JointDecomposition.subsets(trainings, atMost: options.budget(.train)) {
            for h in JointDecomposition.subsets(hires, atMost: options.budget(.hire)) {
                for m in JointDecomposition.subsets(moves, atMost: options.budget(.moveBase)) {
                    if let z = enumeratedOptimum(try (t + h + m).applied(to: s)) { best = min(best, z) }
                }
            }
        }
        return best
    }

    /// The joint choice of `s` under `options`, checked against enumeration of every combination
    /// within the budgets: the same points, a bound below every combination, proven, and its
    /// changes re-solving to its points.
    func jointMatchingEnumeration(_ s: Scenario, options: AdviceOptions) throws -> JointChoice {
        let (advice, _) = try advisor.advise(s, options: options, request: request(s))
        let a = try #require(advice)
        let joint = try #require(a.joint)
        let best = try Self.bestCombination(s, options: options)
        #expect(Self.close(joint.with.objective, best), "joint \(joint.with.objective ?? .nan) (\(joint.actions.map(\.key))), enumeration \(best)")
        #expect((joint.bound ?? .infinity) <= best + 1e-6 * max(1, abs(best)), "the bound is below every combination")
        #expect(joint.status == .optimal)
        // The combination's changes re-solve to the stated points.
        let changed = try Scenario.applying(joint.changes, to: s)
        #expect(Self.close(enumeratedOptimum(changed), joint.with.objective))
        return joint
    }

    @Test("The joint choice equals enumeration of every combination within the budgets", arguments: [UInt64(1), 2, 3, 4])
    func jointEqualsEnumeration(seed: UInt64) throws {
        let s = smallScenario(officers: 3, communes: 5, seed: seed + 100)
        var options = AdviceOptions(budgets: [.train: 2, .hire: 1])
        options.jobs = 2
        let joint = try jointMatchingEnumeration(s, options: options)
        #expect(joint.actions.filter { $0.kind == .train }.count <= 2 && joint.actions.filter { $0.kind == .hire }.count <= 1)
    }

    @Test("The joint choice with base moves equals enumeration of every combination within the budgets", arguments: [UInt64(11), 12, 13])
    func jointWithBaseMovesEqualsEnumeration(seed: UInt64) throws {
        let s = smallScenario(officers: 3, communes: 5, seed: seed + 100)
        var options = AdviceOptions(budgets: [.train: 1, .hire: 1, .moveBase: 1])
        options.jobs = 2
        #expect(AdviceCandidates.all(s, options: options).contains { $0.kind == .moveBase }, "seed \(seed): no base move to choose")
        let joint = try jointMatchingEnumeration(s, options: options)
        #expect(joint.actions.filter { $0.kind == .moveBase }.count <= 1)
        #expect(!joint.notes.contains { $0.contains("base moves are ranked one by one") })
    }

    @Test("The joint choice under a hard mountain band and a limit on changes equals enumeration", arguments: [UInt64(7), 8])
    func jointWithRulesEqualsEnumeration(seed: UInt64) throws {
        var s = smallScenario(officers: 3, communes: 5, seed: seed + 300)
        s.rules.mountainBand = .init(measure: .count, lower: 0, upper: 2)
        s.rules.maxChanges = 3
        var options = AdviceOptions(budgets: [.train: 1, .hire: 1])
        options.jobs = 2
        _ = try jointMatchingEnumeration(s, options: options)
    }

    /// A small scenario's advice with every candidate solved, and screened to the first `top`
    /// of each kind with the solves' `gap` (the tests' own when nil).
    func screenedAndAll(seed: UInt64, top: Int, gap: Double?) throws -> (all: Advice, screened: Advice) {
        let s = smallScenario(officers: 5, communes: 10, seed: seed)
        var options = AdviceOptions(budgets: [.train: 1, .hire: 1, .moveBase: 1, .capacity: 1])
        options.jobs = 2
        let all = try #require(try advisor.advise(s, options: options, request: request(s)).advice)
        options.screenTop = top
        var r = request(s)
        if let gap { r.gap = gap }
        let screened = try #require(try advisor.advise(s, options: options, request: r).advice)
        return (all, screened)
    }

    @Test("Screening solves fewer candidates and keeps the first ones of every kind as solving every candidate does", arguments: [UInt64(21), 22, 23])
    func screeningKeepsTheFirstOnes(seed: UInt64) throws {
        let top = 2
        let (all, screened) = try screenedAndAll(seed: seed, top: top, gap: nil)
        let truth = Dictionary(uniqueKeysWithValues: all.singles.map { ($0.action, $0) })
        for kind in AdviceAction.Kind.allCases {
            let exact = all.ranked(kind).compactMap(\.gain)
            let kept = screened.ranked(kind)
            // The first ones: the same gains, in the same order.
            let first = kept.prefix(top).compactMap(\.gain)
            #expect(first.count == min(top, exact.count), "\(kind): \(first.count) solved among the first \(top)")
            for (a, b) in zip(first, exact.prefix(top)) { #expect(Self.close(a, b), "\(kind): screened \(a), every candidate solved \(b)") }
            let nth = exact.count >= top ? exact[top - 1] : -Double.infinity
            for g in kept {
                let solved = try #require(truth[g.action]?.gain, "\(g.action.key) has a gain when every candidate is solved")
                if let bound = g.gainBound {
                    #expect(solved <= bound + 1e-6 * max(1, abs(bound)), "\(g.action.key): gain \(solved) above its bound \(bound)")
                }
                if g.screenedOut {
                    #expect(g.gain == nil && g.gainBound != nil)
                    #expect(solved <= nth + 1e-6 * max(1, abs(nth)), "\(g.action.key) left out with gain \(solved) above the \(top)-th \(nth)")
                } else {
                    #expect(Self.close(g.gain, solved), "\(g.action.key): \(g.gain ?? .nan) against \(solved)")
                }
            }
        }
        let left = screened.singles.filter(\.screenedOut).count
        #expect(screened.ranking == (left > 0 ? .screened : .exact))
        #expect(left > 0, "a bound left nothing out of \(screened.singles.count) candidates")
    }

    @Test("Screening at a loose gap leaves out only candidates that cannot beat the n-th gain by more than that gap", arguments: [UInt64(21), 24, 25])
    func screeningWithinTheGap(seed: UInt64) throws {
        let top = 2, gap = 0.05
        let (all, screened) = try screenedAndAll(seed: seed, top: top, gap: gap)
        let z0 = try #require(screened.baseline.objective)
        let tolerance = gap * max(1, abs(z0))
        let truth = Dictionary(uniqueKeysWithValues: all.singles.map { ($0.action, $0) })
        for kind in AdviceAction.Kind.allCases {
            let exact = all.ranked(kind).compactMap(\.gain)
            let nth = exact.count >= top ? exact[top - 1] : -Double.infinity
            for g in screened.ranked(kind) where g.screenedOut {
                let solved = try #require(truth[g.action]?.gain)
                #expect(g.gain == nil && g.gainBound != nil)
                if let within = g.leftOutWithin {
                    #expect(Self.close(within, tolerance), "\(g.action.key): left out within \(within), the gap is \(tolerance) points")
                    #expect(solved <= nth + within + 1e-6 * max(1, abs(nth)), "\(g.action.key) left out with gain \(solved) above the \(top)-th \(nth) by more than the gap")
                } else {
                    #expect(solved <= nth + 1e-6 * max(1, abs(nth)), "\(g.action.key) left out with gain \(solved) above the \(top)-th \(nth)")
                }
            }
        }
        let left = screened.singles.filter(\.screenedOut)
        #expect(!left.isEmpty, "a bound left nothing out of \(screened.singles.count) candidates")
        #expect(screened.ranking == (left.contains { $0.leftOutWithin != nil } ? .screenedWithinGap : .screened))
    }

    @Test("Training someone in a specialty nobody needs gains 0, without an error")
    func uselessTraining() throws {
        let s = smallScenario(officers: 3, communes: 4, seed: 7)
        let (outcome, point) = try advisor.baseline(s, request: request(s))
        let useless = AdviceAction.train(officer: "O1", specialty: "no-commune-needs-this")
        let gains = try advisor.singles(s, candidates: [useless], baseline: outcome, point: point, request: request(s), jobs: 1)
        #expect(gains.count == 1)
        #expect(gains[0].gain == 0)
        #expect(gains[0].isExact)
    }

    /// Every officer's departure costs the enumerated optimum without them less `z0`, and the
    /// whole scenario without them has those points; no plan without them gives reasons.
    static func expectDeparturesEqualEnumeration(_ r: Resilience, of s: Scenario, baseline z0: Double) throws {
        #expect(Set(r.departures.map(\.officer)) == Set(s.officers.map(\.id)))
        for d in r.departures {
            var without = s
            try ScenarioChange.removeOfficer(d.officer).apply(to: &without)
            if let z1 = enumeratedOptimum(without) {
                #expect(close(d.cost, z1 - z0), "\(d.officer): \(d.cost ?? .nan) against \(z1 - z0)")
                #expect(close(d.without.objective, z1), "\(d.officer): without them \(d.without.objective ?? .nan), enumerated \(z1)")
            } else {
                #expect(d.cost == nil && !d.reasons.isEmpty, "\(d.officer): no plan without them, so reasons")
            }
        }
    }

    @Test("Each departure's cost is the enumerated optimum without the officer minus the baseline's", arguments: [UInt64(5), 6])
    func departuresEqualEnumeration(seed: UInt64) throws {
        let s = smallScenario(officers: 3, communes: 5, seed: seed)
        let (outcome, point) = try advisor.baseline(s, request: request(s))
        let r = try advisor.resilience(s, baseline: outcome, point: point, request: request(s), training: nil, jobs: 2)
        let z0 = try #require(enumeratedOptimum(s))
        try Self.expectDeparturesEqualEnumeration(r, of: s, baseline: z0)
        for d in r.departures {
            // The last holder of a need is the only eligible holder of it.
            for need in d.lastHolderOf {
                let holders = s.officers.filter { $0.holds(need.specialty) && $0.homeCommune != need.commune }
                #expect(holders.map(\.id) == [d.officer])
            }
        }
        let needed = Set(s.communes.flatMap(\.requiredSpecialties))
        #expect(Set(r.bench.map(\.specialty)) == needed)
        for b in r.bench {
            #expect(b.holders == s.officers.filter { $0.holds(b.specialty) }.map(\.id).sorted())
            #expect(b.communesNeeding == s.communes.filter { $0.requiredSpecialties.contains(b.specialty) }.count)
        }
    }

    @Test("The same input gives the same advice, in the same order")
    func deterministic() throws {
        let s = smallScenario(officers: 3, communes: 5, seed: 11)
        var options = AdviceOptions(budgets: [.train: 1, .hire: 1])
        options.jobs = 2
        let one = try #require(try advisor.advise(s, options: options, request: request(s)).advice)
        options.jobs = 1
        let two = try #require(try advisor.advise(s, options: options, request: request(s)).advice)
        #expect(one.singles.map(\.action) == two.singles.map(\.action))
        #expect(one.singles.map(\.gain) == two.singles.map(\.gain))
        #expect(one.joint?.actions == two.joint?.actions)
    }
}

extension Scenario {
    static func applying(_ changes: [ScenarioChange], to s: Scenario) throws -> Scenario {
        var out = s
        for c in changes { try c.apply(to: &out) }
        return out
    }
}

/// Advice on a scenario solved province by province, against enumeration of the whole.
@Suite struct ProvinceAdviceTests {
    let advisor = Advisor(planner: Planner(solver: GLPKSolver()), solver: GLPKSolver())

    /// Two small scenarios side by side as provinces A and B (B's officers and communes
    /// renamed), which nothing couples.
    static func twoProvinces(seed: UInt64) -> Scenario {
        var a = smallScenario(officers: 2, communes: 3, seed: seed)
        let b = smallScenario(officers: 2, communes: 3, seed: seed + 1000)
        for i in a.officers.indices { a.officers[i].province = "A" }
        for i in a.communes.indices { a.communes[i].province = "A" }
        for var o in b.officers {
            o.id = "B" + o.id
            o.province = "B"
            a.officers.append(o)
        }
        for var c in b.communes {
            c.code = String(Int(c.code)! + 5000)
            c.province = "B"
            a.communes.append(c)
        }
        a.current = Assignment(a.current.pairs + b.current.pairs.map { Pair(officer: "B" + $0.officer, commune: String(Int($0.commune)! + 5000)) })
        a.name = "two-provinces-\(seed)"
        return a
    }

    @Test("By province: each gain is the whole scenario's enumerated optimum less the one with the action, and the joint choice re-solves to its points",
          arguments: [UInt64(31), 32, 33])
    func gainsByProvinceEqualEnumerationOfTheWhole(seed: UInt64) throws {
        let s = Self.twoProvinces(seed: seed)
        #expect(Planner.provinces(of: s) == ["A", "B"])
        var options = AdviceOptions(budgets: [.train: 1, .hire: 1, .moveBase: 1])
        options.jobs = 2
        let request = PlanRequest(scenario: s, timeLimit: 30, gap: 1e-9)
        let a = try #require(try advisor.advise(s, options: options, request: request).advice)
        let z0 = try #require(enumeratedOptimum(s))
        #expect(AdviceTests.close(a.baseline.objective, z0), "baseline \(a.baseline.objective ?? .nan), enumerated \(z0)")
        #expect(a.baseline.status == .optimal)
        // A hire at the headquarters joins no province: it is no candidate.
        #expect(!a.singles.contains { if case .hire(.headquarters, _, _) = $0.action { true } else { false } })
        #expect(a.singles.contains { $0.action.kind == .hire } && a.singles.contains { $0.action.kind == .train })
        for g in a.singles where g.provenWithoutSolve == nil {
            let z1 = try #require(enumeratedOptimum(try [g.action].applied(to: s)))
            #expect(AdviceTests.close(g.gain, z0 - z1), "\(g.action.key): claimed \(g.gain ?? .nan), enumerated \(z0 - z1)")
            #expect(AdviceTests.close(g.with?.objective, z1), "\(g.action.key): the whole scenario with it \(g.with?.objective ?? .nan), enumerated \(z1)")
            #expect(g.isExact)
        }
        let joint = try #require(a.joint)
        for kind in [AdviceAction.Kind.train, .hire, .moveBase] { #expect(joint.actions.filter { $0.kind == kind }.count <= 1) }
        let z = try #require(enumeratedOptimum(try Scenario.applying(joint.changes, to: s)))
        #expect(AdviceTests.close(joint.with.objective, z), "joint \(joint.with.objective ?? .nan), its what-if enumerated \(z)")
        #expect(AdviceTests.close(joint.gain, z0 - z))
        // No worse than the best single action.
        let bestSingle = a.singles.compactMap(\.gain).max() ?? 0
        #expect((joint.gain ?? 0) >= bestSingle - 1e-6 * max(1, abs(bestSingle)))
        #expect(joint.notes.contains(JointChoice.Note.byProvince) && joint.notes.contains(JointChoice.Note.byProvinceBound))
        // The priced bound lies below every combination of the provinces' candidates within the
        // budgets, however they are shared (a hire at the headquarters is none of them).
        let best = try AdviceTests.bestCombination(s, options: options) { action in
            if case .hire(.headquarters, _, _) = action { false } else { true }
        }
        let bound = try #require(joint.bound)
        #expect(bound <= best + 1e-6 * max(1, abs(best)), "bound \(bound), enumerated best combination \(best)")
        #expect(bound <= (joint.with.objective ?? -.infinity) + 1e-9 && (joint.gap ?? -1) >= 0)
        #expect(joint.status == .optimal || (joint.gap ?? 0) > Planner.optimalityTolerance)
    }

    @Test("By province with a candidate limit: the priced bound lies below every combination within the budgets",
          arguments: [UInt64(34), 35])
    func pricedBoundWithACandidateLimit(seed: UInt64) throws {
        var s = Self.twoProvinces(seed: seed)
        s.rules.candidateLimit = 1
        var options = AdviceOptions(budgets: [.train: 1, .hire: 1])
        options.jobs = 2
        let request = PlanRequest(scenario: s, timeLimit: 30, gap: 1e-9)
        let a = try #require(try advisor.advise(s, options: options, request: request).advice)
        let joint = try #require(a.joint)
        let z = try #require(enumeratedOptimum(try Scenario.applying(joint.changes, to: s)))
        #expect(AdviceTests.close(joint.with.objective, z), "joint \(joint.with.objective ?? .nan), its what-if enumerated \(z)")
        let best = try AdviceTests.bestCombination(s, options: options) { action in
            if case .hire(.headquarters, _, _) = action { false } else { true }
        }
        let bound = try #require(joint.bound)
        #expect(bound <= best + 1e-6 * max(1, abs(best)), "bound \(bound), enumerated best combination \(best)")
    }

    @Test("With a candidate limit, the priced problem keeps every pair the scenario of any combination keeps",
          arguments: [UInt64(51), 52, 53])
    func relaxedPairsHoldEveryCombinationsPairs(seed: UInt64) throws {
        var s = smallScenario(officers: 4, communes: 6, seed: seed)
        s.rules.candidateLimit = 1
        let options = AdviceOptions(budgets: [.train: 2, .hire: 2])
        let candidates = AdviceCandidates.all(s, options: options)
        let trainings = candidates.filter { $0.kind == .train }, hires = candidates.filter { $0.kind == .hire }
        var all = s
        for (j, action) in hires.enumerated() { for c in action.changes(in: s, hireNumber: j + 1) { try c.apply(to: &all) } }
        let relaxed = try JointDecomposition.everyPairAnyCombinationKeeps(s, all: all, trainings: trainings, hires: hires)
        let kept = Set(Eligibility(scenario: relaxed).pairs)
        #expect(kept.count > Eligibility(scenario: all).pairs.count, "the limit removed pairs that some combination keeps")
        var checked = 0
        for t in JointDecomposition.subsets(trainings, atMost: 2) {
            for h in JointDecomposition.subsets(hires.indices.map { $0 }, atMost: 2) {
                // The combination, its hires under the ids the relaxed scenario gives them.
                var changed = s
                for c in t.flatMap({ $0.changes(in: s) }) { try c.apply(to: &changed) }
                for j in h { for c in hires[j].changes(in: s, hireNumber: j + 1) { try c.apply(to: &changed) } }
                for pair in Eligibility(scenario: changed).pairs {
                    #expect(kept.contains(pair), "\(pair.officer)–\(pair.commune) kept with \(t.map(\.key)) and hires \(h)")
                }
                checked += 1
            }
        }
        #expect(checked > 10)
    }

    @Test("By province: each departure's cost is the whole scenario's enumerated optimum without the officer less the baseline's",
          arguments: [UInt64(41), 42])
    func departuresByProvinceEqualEnumerationOfTheWhole(seed: UInt64) throws {
        let s = Self.twoProvinces(seed: seed)
        let request = PlanRequest(scenario: s, timeLimit: 30, gap: 1e-9)
        let (outcome, point) = try advisor.baseline(s, request: request)
        #expect(outcome.provinces?.map(\.province) == ["A", "B"], "solved province by province")
        let r = try advisor.resilience(s, baseline: outcome, point: point, request: request, training: nil, jobs: 2)
        let z0 = try #require(enumeratedOptimum(s))
        #expect(AdviceTests.close(r.baseline.objective, z0))
        try AdviceTests.expectDeparturesEqualEnumeration(r, of: s, baseline: z0)
        for d in r.departures where d.cost != nil {
            #expect(d.costLow == d.costHigh, "\(d.officer): both province solves are proven")
        }
    }
}
