import DiaBanCore
import Foundation

/// A fast plan of our own, handed to the solver as its first incumbent: the current
/// assignment repaired to feasibility (pairs that became ineligible dropped, overloads
/// relieved, empty places filled greedily), then improved by local search with moves
/// (one commune to another officer) and swaps (two communes exchanged), each honouring every
/// hard rule. Deterministic: fixed orders, no randomness.
public struct Heuristic: Sendable {
    public struct Result: Sendable {
        public var assignment: Assignment
        /// The repaired current assignment, before local search.
        public var repaired: Assignment
        public var violations: [RuleViolation]
        public var objective: Double
        public var improvingSteps: Int
        public var isFeasible: Bool { violations.isEmpty }
    }

    let context: PlanContext
    public init(context: PlanContext) { self.context = context }

    /// Repairs and improves; local search stops at a local optimum, or at `deadline` — which
    /// makes the result depend on the machine's speed, so callers give a generous one.
    public func run(localSearch: Bool = true, deadline: Date = .distantFuture) -> Result {
        var state = State(context: context)
        state.repair()
        let repaired = state.assignment
        var steps = 0
        if localSearch && state.isStructurallyFeasible { steps = state.improve(deadline: deadline) }
        let assignment = state.assignment
        return Result(assignment: assignment, repaired: repaired, violations: context.hardViolations(assignment),
                      objective: context.objective(assignment), improvingSteps: steps)
    }
}

/// Mutable search state with the per-officer sums the move deltas need.
private struct State {
    let ctx: PlanContext
    let sc: Scenario
    var officersOf: [[Int]]          // per commune
    var load: [Double], mount: [Double], count: [Int]
    var newPairs = 0
    let eligible: [[Int]]            // per commune: eligible officers
    let eligibleSet: [Set<Int>]
    let locked: Set<Pair>
    let lockedOf: [Set<Int>]         // per commune
    let pairKm: [[Int: Double]]      // per commune: officer → km/year

    init(context: PlanContext) {
        ctx = context
        sc = context.scenario
        let nC = sc.communes.count, nO = sc.officers.count
        officersOf = Array(repeating: [], count: nC)
        load = Array(repeating: 0, count: nO)
        mount = load
        count = Array(repeating: 0, count: nO)
        eligible = context.eligibility.officersOfCommune
        eligibleSet = eligible.map(Set.init)
        locked = Set(sc.locked)
        var lockedOf = [Set<Int>](repeating: [], count: nC)
        for p in sc.locked { if let c = context.communeIndex[p.commune], let o = context.officerIndex[p.officer] { lockedOf[c].insert(o) } }
        self.lockedOf = lockedOf
        pairKm = (0..<nC).map { c in Dictionary(uniqueKeysWithValues: context.eligibility.officersOfCommune[c].map { ($0, context.travelKmPerYear(officer: $0, commune: c)) }) }
    }

    var assignment: Assignment {
        Assignment(officersOf.enumerated().flatMap { c, os in os.map { Pair(officer: sc.officers[$0].id, commune: sc.communes[c].code) } })
    }

    var isStructurallyFeasible: Bool {
        for (c, commune) in sc.communes.enumerated() where officersOf[c].count != commune.staffing { return false }
        for (o, officer) in sc.officers.enumerated() where load[o] > officer.capacity + 1e-9 { return false }
        return true
    }

    func isNew(_ o: Int, _ c: Int) -> Bool { ctx.isNew(Pair(officer: sc.officers[o].id, commune: sc.communes[c].code)) }

    func pairCost(_ o: Int, _ c: Int) -> Double {
        sc.weights.travel * (pairKm[c][o] ?? ctx.travelKmPerYear(officer: o, commune: c)) + (isNew(o, c) ? sc.weights.change : 0)
    }

    func balance(_ o: Int, load l: Double, mountain m: Double) -> Double {
        let officer = sc.officers[o]
        guard officer.isActive else { return 0 }
        let band = ctx.mountainBand(o)
        var cost = sc.weights.mountainBalance * (max(0, m - band.upperBound) + max(0, band.lowerBound - m))
        if officer.capacity > 0 {
            let u = 100 * l / officer.capacity
            let uBand = ctx.utilisationBand(o)
            cost += sc.weights.workloadBalance * (max(0, u - uBand.upperBound) + max(0, uBand.lowerBound - u))
        }
        return cost
    }

    func uncovered(_ c: Int, _ officers: [Int]) -> Int {
        sc.communes[c].requiredSpecialties.reduce(0) { n, s in n + (officers.contains { sc.officers[$0].holds(s) } ? 0 : 1) }
    }

    func coverageCost(_ c: Int, _ officers: [Int]) -> Double {
        sc.rules.coverage == .soft ? sc.weights.coverage * Double(uncovered(c, officers)) : 0
    }

    mutating func add(_ o: Int, _ c: Int) {
        officersOf[c].append(o)
        officersOf[c].sort()
        let w = sc.communes[c].workload
        load[o] += w
        if sc.communes[c].isMountain { mount[o] += w }
        count[o] += 1
        if isNew(o, c) { newPairs += 1 }
    }

    mutating func remove(_ o: Int, _ c: Int) {
        officersOf[c].removeAll { $0 == o }
        let w = sc.communes[c].workload
        load[o] -= w
        if sc.communes[c].isMountain { mount[o] -= w }
        count[o] -= 1
        if isNew(o, c) { newPairs -= 1 }
    }

    // MARK: Repair

    mutating func repair() {
        for pair in sc.current.pairs + sc.locked {
            guard let o = ctx.officerIndex[pair.officer], let c = ctx.communeIndex[pair.commune],
                  eligibleSet[c].contains(o), !officersOf[c].contains(o) else { continue }
            add(o, c)
        }
        // Too many officers on a commune: drop the costliest unlocked ones.
        for c in sc.communes.indices {
            while officersOf[c].count > sc.communes[c].staffing,
                  let o = officersOf[c].filter({ !lockedOf[c].contains($0) }).max(by: { pairCost($0, c) < pairCost($1, c) }) {
                remove(o, c)
            }
        }
        // Overloaded officers: hand back unlocked communes, largest first, until within limits.
        for (o, officer) in sc.officers.enumerated() {
            while load[o] > officer.capacity + 1e-9 || count[o] > (officer.maxCommunes ?? .max) {
                let mine = sc.communes.indices.filter { officersOf[$0].contains(o) && !lockedOf[$0].contains(o) }
                guard let c = mine.max(by: { (sc.communes[$0].workload, $1) < (sc.communes[$1].workload, $0) }) else { break }
                remove(o, c)
            }
        }
        // Empty places: hardest communes first (fewest options, then largest workload).
        let order = sc.communes.indices.sorted {
            (eligible[$0].count, -sc.communes[$0].workload, $0) < (eligible[$1].count, -sc.communes[$1].workload, $1)
        }
        for c in order {
            while officersOf[c].count < sc.communes[c].staffing {
                guard let o = bestNewOfficer(for: c) else { break }
                add(o, c)
            }
        }
    }

    func hasRoom(_ o: Int, for c: Int) -> Bool {
        let officer = sc.officers[o]
        return load[o] + sc.communes[c].workload <= officer.capacity + 1e-9 && count[o] + 1 <= (officer.maxCommunes ?? .max)
    }

    func bestNewOfficer(for c: Int) -> Int? {
        let w = sc.communes[c].workload, mw = sc.communes[c].isMountain ? w : 0
        var best: (cost: Double, o: Int)?
        for o in eligible[c] where !officersOf[c].contains(o) && hasRoom(o, for: c) {
            let cost = pairCost(o, c) + balance(o, load: load[o] + w, mountain: mount[o] + mw) - balance(o, load: load[o], mountain: mount[o])
                + coverageCost(c, officersOf[c] + [o])
            if best == nil || cost < best!.cost - 1e-12 { best = (cost, o) }
        }
        return best?.o
    }

    // MARK: Local search

    func bandOK(_ o: Int, mountainCount: Int, communes n: Int) -> Bool {
        guard let band = sc.rules.mountainBand, sc.officers[o].isActive else { return true }
        let m = Double(mountainCount)
        switch band.measure {
        case .count: return m >= band.lower.rounded(.up) - 1e-9 && m <= band.upper.rounded(.down) + 1e-9
        case .share: return m >= band.lower * Double(n) - 1e-9 && m <= band.upper * Double(n) + 1e-9
        }
    }

    func mountainCount(_ o: Int) -> Int {
        sc.communes.indices.reduce(0) { $0 + (sc.communes[$1].isMountain && officersOf[$1].contains(o) ? 1 : 0) }
    }

    /// Improvement (positive = better) of moving commune c from o1 to o2, or nil when a hard rule forbids it.
    func moveGain(_ c: Int, from o1: Int, to o2: Int) -> Double? {
        guard !lockedOf[c].contains(o1), eligibleSet[c].contains(o2), !officersOf[c].contains(o2), hasRoom(o2, for: c) else { return nil }
        if count[o1] - 1 < (sc.officers[o1].minCommunes ?? 0) { return nil }
        if let maxChanges = sc.rules.maxChanges, newPairs + (isNew(o2, c) ? 1 : 0) - (isNew(o1, c) ? 1 : 0) > maxChanges { return nil }
        let after = officersOf[c].filter { $0 != o1 } + [o2]
        if sc.rules.coverage == .hard && uncovered(c, after) > 0 { return nil }
        if sc.rules.mountainBand != nil {
            let m = sc.communes[c].isMountain ? 1 : 0
            if !bandOK(o1, mountainCount: mountainCount(o1) - m, communes: count[o1] - 1) { return nil }
            if !bandOK(o2, mountainCount: mountainCount(o2) + m, communes: count[o2] + 1) { return nil }
        }
        let w = sc.communes[c].workload, mw = sc.communes[c].isMountain ? w : 0
        let before = pairCost(o1, c) + balance(o1, load: load[o1], mountain: mount[o1]) + balance(o2, load: load[o2], mountain: mount[o2]) + coverageCost(c, officersOf[c])
        let afterCost = pairCost(o2, c) + balance(o1, load: load[o1] - w, mountain: mount[o1] - mw) + balance(o2, load: load[o2] + w, mountain: mount[o2] + mw) + coverageCost(c, after)
        return before - afterCost
    }

    /// Improvement of exchanging c1 (held by o1) and c2 (held by o2), or nil when forbidden.
    func swapGain(_ c1: Int, _ o1: Int, _ c2: Int, _ o2: Int) -> Double? {
        guard o1 != o2, c1 != c2, !lockedOf[c1].contains(o1), !lockedOf[c2].contains(o2),
              eligibleSet[c1].contains(o2), eligibleSet[c2].contains(o1),
              !officersOf[c1].contains(o2), !officersOf[c2].contains(o1) else { return nil }
        let w1 = sc.communes[c1].workload, w2 = sc.communes[c2].workload
        let m1 = sc.communes[c1].isMountain ? w1 : 0, m2 = sc.communes[c2].isMountain ? w2 : 0
        if load[o1] - w1 + w2 > sc.officers[o1].capacity + 1e-9 || load[o2] - w2 + w1 > sc.officers[o2].capacity + 1e-9 { return nil }
        if let maxChanges = sc.rules.maxChanges {
            let delta = (isNew(o2, c1) ? 1 : 0) + (isNew(o1, c2) ? 1 : 0) - (isNew(o1, c1) ? 1 : 0) - (isNew(o2, c2) ? 1 : 0)
            if newPairs + delta > maxChanges { return nil }
        }
        let after1 = officersOf[c1].filter { $0 != o1 } + [o2], after2 = officersOf[c2].filter { $0 != o2 } + [o1]
        if sc.rules.coverage == .hard && (uncovered(c1, after1) > 0 || uncovered(c2, after2) > 0) { return nil }
        if sc.rules.mountainBand != nil {
            let d = (sc.communes[c2].isMountain ? 1 : 0) - (sc.communes[c1].isMountain ? 1 : 0)
            if !bandOK(o1, mountainCount: mountainCount(o1) + d, communes: count[o1]) { return nil }
            if !bandOK(o2, mountainCount: mountainCount(o2) - d, communes: count[o2]) { return nil }
        }
        let before = pairCost(o1, c1) + pairCost(o2, c2) + balance(o1, load: load[o1], mountain: mount[o1]) + balance(o2, load: load[o2], mountain: mount[o2])
            + coverageCost(c1, officersOf[c1]) + coverageCost(c2, officersOf[c2])
        let after = pairCost(o2, c1) + pairCost(o1, c2) + balance(o1, load: load[o1] - w1 + w2, mountain: mount[o1] - m1 + m2)
            + balance(o2, load: load[o2] - w2 + w1, mountain: mount[o2] - m2 + m1) + coverageCost(c1, after1) + coverageCost(c2, after2)
        return before - after
    }

    /// Best-improvement passes over moves, then swaps, until neither improves or time runs out.
    mutating func improve(deadline: Date) -> Int {
        let eps = 1e-7
        var steps = 0
        var communesOf = [[Int]](repeating: [], count: sc.officers.count)
        func rebuild() {
            communesOf = Array(repeating: [], count: sc.officers.count)
            for (c, os) in officersOf.enumerated() { for o in os { communesOf[o].append(c) } }
        }
        var improved = true
        while improved && Date() < deadline {
            improved = false
            for c in sc.communes.indices {
                var best: (gain: Double, o1: Int, o2: Int)?
                for o1 in officersOf[c] {
                    for o2 in eligible[c] where o2 != o1 {
                        if let g = moveGain(c, from: o1, to: o2), g > eps, g > (best?.gain ?? 0) { best = (g, o1, o2) }
                    }
                }
                if let b = best { remove(b.o1, c); add(b.o2, c); steps += 1; improved = true }
            }
            if improved { continue }
            rebuild()
            outer: for c1 in sc.communes.indices {
                if Date() >= deadline { break }
                for o1 in officersOf[c1] {
                    for o2 in eligible[c1] where o2 != o1 {
                        for c2 in communesOf[o2] {
                            if let g = swapGain(c1, o1, c2, o2), g > eps {
                                remove(o1, c1); remove(o2, c2); add(o2, c1); add(o1, c2)
                                steps += 1
                                improved = true
                                rebuild()
                                continue outer
                            }
                        }
                    }
                }
            }
        }
        return steps
    }
}
