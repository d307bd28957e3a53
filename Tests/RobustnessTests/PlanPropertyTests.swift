import DiaBanCore
import DiaBanTestSupport
import Foundation
import GLPKSolver
import LinearModel
import Planning
import ScenarioIO
import Testing


/// A random small scenario: 2–6 officers × 3–15 communes with every kind of rule drawn at
/// random — locks, forbidden pairs, mountain bands, change limits, hard or soft coverage,
/// staffing 2, officers on leave, home communes, commune-count limits, candidate limits and
/// priorities.
func randomScenario(seed: UInt64) -> Scenario {
    var rng = SplitMix64(seed: seed)
    let nO = rng.int(2...6), nC = rng.int(3...15)
    let specialties: [Specialty] = ["border-security", "ethnic-affairs", "urban-management"]
    let hq = GeoPoint(lat: 18.67, lon: 105.66)
    var communes: [Commune] = []
    for c in 0..<nC {
        var required: [Specialty] = []
        for s in specialties where rng.chance(0.15) { required.append(s) }
        communes.append(Commune(
            code: String(format: "%05d", 20_000 + c), name: "Xã Ngẫu Nhiên \(c)", terrain: rng.pick(Terrain.allCases),
            location: GeoPoint(lat: 18.3 + rng.uniform(0...1.5), lon: 104.5 + rng.uniform(0...1.3)),
            workload: (rng.uniform(0.5...3) * 4).rounded() / 4, staffing: nO >= 3 && rng.chance(0.1) ? 2 : 1,
            visitsPerYear: Double(rng.int(4...24)), requiredSpecialties: required))
    }
    let total = communes.reduce(0) { $0 + $1.workload * Double($1.staffing) }
    var officers: [Officer] = []
    for o in 0..<nO {
        var held: [Specialty] = []
        for s in specialties where rng.chance(0.4) { held.append(s) }
        let limits = rng.chance(0.15)
        officers.append(Officer(
            id: "R\(o + 1)", name: "Cán bộ \(o + 1)",
            base: rng.chance(0.6) ? GeoPoint(lat: 18.3 + rng.uniform(0...1.5), lon: 104.5 + rng.uniform(0...1.3)) : hq,
            specialties: held, capacity: (total * rng.uniform(1.05...2.2) / Double(max(1, nO - 1)) * 4).rounded(.up) / 4,
            minCommunes: limits ? rng.int(0...1) : nil, maxCommunes: limits ? rng.int(max(1, nC / 3)...nC) : nil,
            status: o >= 2 && rng.chance(0.15) ? .leave : .active,
            homeCommune: rng.chance(0.15) ? communes[rng.int(0...(nC - 1))].code : nil))
    }
    var current: [Pair] = []
    for c in communes {
        var ids = officers.map(\.id).shuffled(using: &rng)
        if rng.chance(0.1) { ids.removeLast() }  // sometimes under-staffed history
        current += ids.prefix(c.staffing).map { Pair(officer: $0, commune: c.code) }
    }
    var s = Scenario(name: "random-\(seed)-\(nO)x\(nC)", headquarters: hq, communes: communes, officers: officers, current: Assignment(current))
    s.weights.travel = rng.pick([0.001, 0.005, 0.02])
    s.weights.change = rng.pick([0, 5, 10, 40])
    s.weights.workloadMax = rng.chance(0.3) ? 1 : 0
    s.weights.mountainMaxDeviation = rng.chance(0.3) ? 5 : 0
    s.rules.coverage = rng.chance(0.3) ? .hard : .soft
    if rng.chance(0.25) {
        s.rules.mountainBand = rng.chance(0.5)
            ? .init(measure: .count, lower: Double(rng.int(0...1)), upper: Double(rng.int(2...5)))
            : .init(measure: .share, lower: rng.pick([0, 0.1, 0.25]), upper: rng.pick([0.6, 0.8, 1]))
    }
    if rng.chance(0.25) { s.rules.maxChanges = rng.int(0...nC) }
    if rng.chance(0.15) { s.rules.candidateLimit = rng.int(2...nO) }
    if rng.chance(0.2) { s.rules.bandCommuneFraction = 0.5 }
    if rng.chance(0.15) { s.priorities = [.coverage, .mountainBalance, .workloadBalance, .travel] }
    // Locks the loader would accept: an active officer, not their home, at most staffing per commune.
    var perCommune: [String: Int] = [:]
    for _ in 0..<rng.int(0...2) {
        let o = rng.pick(officers), c = rng.pick(communes)
        let p = Pair(officer: o.id, commune: c.code)
        guard o.isActive, o.homeCommune != c.code, !s.locked.contains(p), perCommune[c.code, default: 0] < c.staffing else { continue }
        perCommune[c.code, default: 0] += 1
        s.locked.append(p)
    }
    for _ in 0..<rng.int(0...3) {
        let p = Pair(officer: rng.pick(officers).id, commune: rng.pick(communes).code)
        if !s.locked.contains(p) && !s.forbidden.contains(p) { s.forbidden.append(p) }
    }
    return s
}

/// Every plan the planner returns keeps every hard rule; its objective is the one recomputed
/// from the plan and the solver's own; it is never worse than the repaired current
/// assignment; and where the scenario is small enough to enumerate, "infeasible" and
/// "optimal" are checked against every assignment.
@Suite("Plans on 200 random scenarios")
struct PlanPropertyTests {
    static let seeds = Array(UInt64(1)...200)

    @Test("every hard rule, the objective three ways, never worse than the start", arguments: seeds)
    func plan(seed: UInt64) throws {
        let scenario = randomScenario(seed: seed)
        let name = scenario.name
        let context = PlanContext(scenario: scenario)
        let outcome = try Planner(solver: GLPKSolver()).plan(scenario, request: PlanRequest(scenario: scenario, timeLimit: 30))
        #expect([.optimal, .feasible, .infeasible].contains(outcome.status), "\(name): status \(outcome.status)")

        let enumerated = Self.enumerate(scenario, context: context, limit: 3000)
        guard let plan = outcome.plan else {
            #expect(outcome.status == .infeasible, "\(name): no plan, status \(outcome.status)")
            if let enumerated { #expect(enumerated.best == nil, "\(name): reported infeasible, but \(enumerated.best!.1) is valid") }
            return
        }
        #expect(outcome.status == .optimal || outcome.status == .feasible)
        #expect(outcome.planViolations.isEmpty, "\(name): \(outcome.planViolations)")
        #expect(context.hardViolations(plan).isEmpty, "\(name): \(context.hardViolations(plan))")
        for problem in Self.independentCheck(plan, scenario) { Issue.record("\(name): \(problem)") }

        // The reported objective is the plan's, recomputed, and the solver's own.
        let recomputed = context.objective(plan)
        let reported = try #require(outcome.objective)
        #expect(Self.close(reported, recomputed), "\(name): reported \(reported), recomputed \(recomputed)")
        if outcome.levels.count == 1, let own = outcome.levels[0].result.objective {
            #expect(Self.close(own, recomputed), "\(name): GLPK says \(own), the plan is worth \(recomputed)")
        }

        // Never worse than where it started (a weighted solve; priorities order terms instead).
        if outcome.levels.count == 1, let h = outcome.heuristic {
            if context.hardViolations(h.repaired).isEmpty {
                #expect(recomputed <= context.objective(h.repaired) + 1e-6 * max(1, abs(recomputed)),
                        "\(name): plan \(recomputed) is worse than the repaired current assignment \(context.objective(h.repaired))")
            }
            if h.isFeasible {
                #expect(recomputed <= h.objective + 1e-6 * max(1, abs(recomputed)), "\(name): plan \(recomputed) worse than the heuristic's \(h.objective)")
            }
        }
        if let enumerated, let best = enumerated.best {
            if outcome.levels.count == 1 && outcome.status == .optimal {
                #expect(Self.close(recomputed, best.0), "\(name): optimal \(recomputed), but \(best.1) is worth \(best.0)")
            }
        } else if enumerated != nil {
            Issue.record("\(name): a plan was returned, but enumeration finds no valid assignment")
        }
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(a), abs(b)) }

    /// The hard rules, written again here from the model's definition, without PlanContext.
    static func independentCheck(_ plan: Assignment, _ s: Scenario) -> [String] {
        var problems: [String] = []
        let officers = Dictionary(uniqueKeysWithValues: s.officers.map { ($0.id, $0) })
        let communes = Dictionary(uniqueKeysWithValues: s.communes.map { ($0.code, $0) })
        if Set(plan.pairs).count != plan.pairs.count { problems.append("a pair appears twice") }
        var load: [String: Double] = [:], count: [String: Int] = [:], mountain: [String: Int] = [:]
        var staff: [String: [String]] = [:]
        for p in plan.pairs {
            guard let o = officers[p.officer], let c = communes[p.commune] else { problems.append("unknown pair \(p)"); continue }
            load[o.id, default: 0] += c.workload
            count[o.id, default: 0] += 1
            if c.isMountain { mountain[o.id, default: 0] += 1 }
            staff[c.code, default: []].append(o.id)
            if !o.isActive { problems.append("\(o.id) is on leave but tracks \(c.code)") }
            if o.homeCommune == c.code { problems.append("\(o.id) tracks their home commune \(c.code)") }
            if s.forbidden.contains(p) { problems.append("forbidden pair \(p) used") }
        }
        for c in s.communes {
            let n = staff[c.code]?.count ?? 0
            if n != c.staffing { problems.append("staffing: \(c.code) has \(n) officers, needs \(c.staffing)") }
            if s.rules.coverage == .hard {
                for need in c.requiredSpecialties where !(staff[c.code] ?? []).contains(where: { officers[$0]?.specialties.contains(need) == true }) {
                    problems.append("coverage: \(c.code) needs \(need)")
                }
            }
        }
        for o in s.officers {
            if load[o.id, default: 0] > o.capacity + 1e-6 { problems.append("capacity: \(o.id) carries \(load[o.id]!) > \(o.capacity)") }
            guard o.isActive else { continue }
            let n = count[o.id, default: 0]
            if let lo = o.minCommunes, n < lo { problems.append("\(o.id) tracks \(n) < min \(lo)") }
            if let hi = o.maxCommunes, n > hi { problems.append("\(o.id) tracks \(n) > max \(hi)") }
            if let band = s.rules.mountainBand {
                let m = Double(mountain[o.id, default: 0])
                let (lo, hi) = band.measure == .count ? (band.lower.rounded(.up), band.upper.rounded(.down)) : (band.lower * Double(n), band.upper * Double(n))
                if m < lo - 1e-6 || m > hi + 1e-6 { problems.append("band: \(o.id) has \(Int(m)) mountain communes of \(n)") }
            }
        }
        for p in s.locked where !plan.contains(p) { problems.append("locked pair \(p) missing") }
        if let maxChanges = s.rules.maxChanges {
            let new = plan.pairs.filter { !s.current.contains($0) }.count
            if new > maxChanges { problems.append("\(new) changes > \(maxChanges)") }
        }
        return problems
    }

    /// The best valid assignment by brute force, when there are at most `limit` assignments.
    static func enumerate(_ s: Scenario, context: PlanContext, limit: Int) -> (best: (Double, Assignment)?, Void)? {
        var choices: [[[String]]] = []
        var total = 1
        for c in s.communes {
            var combos: [[String]] = []
            func pick(_ start: Int, _ picked: [String]) {
                if picked.count == c.staffing { combos.append(picked); return }
                guard start < s.officers.count else { return }
                for i in start..<s.officers.count { pick(i + 1, picked + [s.officers[i].id]) }
            }
            pick(0, [])
            total *= max(1, combos.count)
            if total > limit { return nil }
            choices.append(combos)
        }
        var best: (Double, Assignment)?
        var index = [Int](repeating: 0, count: choices.count)
        while true {
            var pairs: [Pair] = []
            for (c, i) in index.enumerated() { pairs += choices[c][i].map { Pair(officer: $0, commune: s.communes[c].code) } }
            let a = Assignment(pairs)
            if context.hardViolations(a).isEmpty {
                let v = context.objective(a)
                if best == nil || v < best!.0 { best = (v, a) }
            }
            var k = 0
            while k < index.count {
                index[k] += 1
                if index[k] < choices[k].count { break }
                index[k] = 0
                k += 1
            }
            if k == index.count { break }
        }
        return (best, ())
    }
}
