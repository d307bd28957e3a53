@testable import AssignmentEngine
import DiaBanTestSupport
import ScenarioIO

/// What a random problem may contain.
struct Features: OptionSet, Sendable, CustomStringConvertible {
    let rawValue: Int
    static let penalties = Features(rawValue: 1 << 0)
    static let counts = Features(rawValue: 1 << 1)
    static let classCount = Features(rawValue: 1 << 2)
    static let classShare = Features(rawValue: 1 << 3)
    static let forced = Features(rawValue: 1 << 4)
    static let softNeeds = Features(rawValue: 1 << 5)
    static let hardNeeds = Features(rawValue: 1 << 6)
    static let sideRow = Features(rawValue: 1 << 7)
    static let minMax = Features(rawValue: 1 << 8)
    static let doubleStaffing = Features(rawValue: 1 << 9)
    static let offGrid = Features(rawValue: 1 << 10)
    static let sparse = Features(rawValue: 1 << 11)

    static let named: [(String, Features)] = [
        ("penalties", .penalties), ("counts", .counts), ("classCount", .classCount), ("classShare", .classShare),
        ("forced", .forced), ("softNeeds", .softNeeds), ("hardNeeds", .hardNeeds), ("sideRow", .sideRow),
        ("minMax", .minMax), ("doubleStaffing", .doubleStaffing), ("offGrid", .offGrid), ("sparse", .sparse),
    ]
    var description: String { Self.named.filter { contains($0.1) }.map(\.0).joined(separator: "+") }

    /// A spread of combinations used by the tests.
    static let mixes: [Features] = [
        [], [.penalties], [.penalties, .softNeeds], [.penalties, .counts], [.penalties, .classCount],
        [.penalties, .classShare], [.forced, .penalties], [.hardNeeds], [.sideRow, .penalties], [.minMax, .penalties],
        [.doubleStaffing, .penalties], [.offGrid, .penalties], [.sparse, .softNeeds, .penalties],
        [.penalties, .softNeeds, .sideRow, .minMax, .counts, .forced],
    ]
}

/// A random assignment problem of `agents` × `items` with the given features.
func randomProblem(agents nA: Int, items nI: Int, features: Features, seed: UInt64) -> AssignmentProblem {
    var rng = SplitMix64(seed: seed)
    let grid = features.contains(.offGrid) ? 0.0 : 0.25
    func weight() -> Double {
        let w = rng.uniform(0.8...2.6)
        return grid > 0 ? max(grid, (w / grid).rounded() * grid) : w
    }
    let items = (0..<nI).map { j in
        AssignmentProblem.Item(name: "i\(j)", demand: features.contains(.doubleStaffing) && j == 0 && nA > 1 ? 2 : 1, inClass: rng.chance(0.5))
    }
    let weights = items.map { _ in weight() }
    let total = zip(weights, items).reduce(0) { $0 + $1.0 * Double($1.1.demand) }
    var pairs: [AssignmentProblem.Pair] = []
    for j in 0..<nI {
        for i in 0..<nA {
            if features.contains(.sparse) && rng.chance(0.3) { continue }
            pairs.append(.init(agent: i, item: j, weight: weights[j]))
        }
    }
    pairs.sort { ($0.agent, $0.item) < ($1.agent, $1.item) }
    if features.contains(.forced), let k = pairs.indices.randomElement(using: &rng) { pairs[k].forced = true }
    let classTotal = zip(weights, items).reduce(0) { $0 + ($1.1.inClass ? $1.0 * Double($1.1.demand) : 0) }
    var agents: [AssignmentProblem.Agent] = []
    for i in 0..<nA {
        let capacity = (total * rng.uniform(1.1...1.8) / Double(nA) * 4).rounded(.up) / 4
        var agent = AssignmentProblem.Agent(name: "a\(i)", capacity: capacity)
        if features.contains(.penalties) {
            let share = classTotal / Double(nA), load = total / Double(nA)
            agent.classBand = (share * 0.85)...(share * 1.15)
            agent.loadBand = (load * 0.9)...(load * 1.1)
        }
        if features.contains(.counts) {
            if rng.chance(0.5) { agent.minItems = 1 }
            if rng.chance(0.5) { agent.maxItems = max(1, nI / nA + 1) }
        }
        if features.contains(.classCount) { agent.classRule = .init(measure: .count, lower: 0, upper: Double(max(1, nI / nA))) }
        if features.contains(.classShare) { agent.classRule = .init(measure: .share, lower: 0.2, upper: 0.8) }
        agents.append(agent)
    }
    var objective = AssignmentProblem.Costs(pairs: pairs.count, agents: nA)
    for k in pairs.indices { objective.pair[k] = Double(rng.int(0...40)) / 4 }
    if features.contains(.penalties) {
        for i in 0..<nA {
            objective.classDeviation[i] = Double(rng.int(5...20))
            objective.loadDeviation[i] = Double(rng.int(2...12))
        }
    }
    var needs: [AssignmentProblem.Need] = []
    if features.contains(.softNeeds) || features.contains(.hardNeeds) {
        for j in 0..<nI where rng.chance(0.4) {
            let holders = (0..<nA).filter { _ in rng.chance(0.5) }
            needs.append(.init(name: "n\(j)", item: j, holders: holders, hard: features.contains(.hardNeeds)))
        }
        objective.unmetNeed = 30
    }
    if features.contains(.minMax) {
        objective.largestClassDeviation = 6
        objective.largestUtilisation = 0.5
    }
    var sideRows: [AssignmentProblem.SideRow] = []
    if features.contains(.sideRow) {
        var costs = AssignmentProblem.Costs(pairs: pairs.count, agents: nA)
        for k in pairs.indices where rng.chance(0.5) { costs.pair[k] = 1 }
        sideRows.append(.init(name: "changes", costs: costs, limit: Double(max(1, nI / 2))))
    }
    return AssignmentProblem(agents: agents, items: items, pairs: pairs, needs: needs, objective: objective, sideRows: sideRows)
}

extension Array {
    func randomElement(using rng: inout SplitMix64) -> Element? {
        isEmpty ? nil : self[rng.below(count)]
    }
}

/// The objective of a plan, computed here from the problem's data alone (not with the engine's
/// own evaluation), or nil when the plan breaks a hard rule.
func referenceObjective(_ p: AssignmentProblem, plan: [Int]) -> Double? {
    func dev(_ x: Double, _ band: ClosedRange<Double>) -> Double { max(0, x - band.upperBound) + max(0, band.lowerBound - x) }
    var count = [Int](repeating: 0, count: p.items.count)
    var load = [Double](repeating: 0, count: p.agents.count), classLoad = load
    var n = [Int](repeating: 0, count: p.agents.count), nClass = n
    var total = 0.0
    var side = p.sideRows.map { _ in 0.0 }
    var agentsOf = [Set<Int>](repeating: [], count: p.items.count)
    for k in plan {
        let pair = p.pairs[k]
        count[pair.item] += 1
        if !agentsOf[pair.item].insert(pair.agent).inserted { return nil }
        load[pair.agent] += pair.weight
        n[pair.agent] += 1
        if p.items[pair.item].inClass { classLoad[pair.agent] += pair.weight; nClass[pair.agent] += 1 }
        total += p.objective.pair[k]
        for (r, row) in p.sideRows.enumerated() { side[r] += row.costs.pair[k] }
    }
    for (j, item) in p.items.enumerated() where count[j] != item.demand { return nil }
    for (k, pair) in p.pairs.enumerated() where pair.forced && !plan.contains(k) { return nil }
    var largestClass = 0.0, largestUtil = 0.0
    for (i, a) in p.agents.enumerated() {
        if load[i] > a.capacity + 1e-9 { return nil }
        if let lo = a.minItems, n[i] < lo { return nil }
        if let hi = a.maxItems, n[i] > hi { return nil }
        if let rule = a.classRule {
            switch rule.measure {
            case .count: if Double(nClass[i]) < rule.lower - 1e-9 || Double(nClass[i]) > rule.upper + 1e-9 { return nil }
            case .share:
                if Double(nClass[i]) < rule.lower * Double(n[i]) - 1e-9 || Double(nClass[i]) > rule.upper * Double(n[i]) + 1e-9 { return nil }
            }
        }
        let dc = dev(classLoad[i], a.classBand), dl = dev(load[i], a.loadBand)
        total += p.objective.classDeviation[i] * dc + p.objective.loadDeviation[i] * dl
        for (r, row) in p.sideRows.enumerated() { side[r] += row.costs.classDeviation[i] * dc + row.costs.loadDeviation[i] * dl }
        largestClass = max(largestClass, dc)
        largestUtil = max(largestUtil, a.capacity > 0 ? 100 * load[i] / a.capacity : 0)
    }
    var unmet = 0
    for need in p.needs where !need.holders.contains(where: { agentsOf[need.item].contains($0) }) {
        if need.hard { return nil }
        unmet += 1
    }
    total += p.objective.unmetNeed * Double(unmet) + p.objective.largestClassDeviation * largestClass + p.objective.largestUtilisation * largestUtil
    for (r, row) in p.sideRows.enumerated() {
        let value = side[r] + row.costs.unmetNeed * Double(unmet) + row.costs.largestClassDeviation * largestClass + row.costs.largestUtilisation * largestUtil
        if value > row.limit + 1e-9 { return nil }
    }
    return total
}

/// Every plan of the problem (each item gets `demand` distinct agents among its pairs).
func everyPlan(_ p: AssignmentProblem) -> [[Int]] {
    var pairsOfItem = [[Int]](repeating: [], count: p.items.count)
    for (k, pair) in p.pairs.enumerated() { pairsOfItem[pair.item].append(k) }
    var plans: [[Int]] = [[]]
    for (j, item) in p.items.enumerated() {
        var choices: [[Int]] = []
        func pick(_ start: Int, _ chosen: [Int]) {
            if chosen.count == item.demand { choices.append(chosen); return }
            guard start < pairsOfItem[j].count else { return }
            for s in start..<pairsOfItem[j].count { pick(s + 1, chosen + [pairsOfItem[j][s]]) }
        }
        pick(0, [])
        plans = plans.flatMap { partial in choices.map { partial + $0 } }
    }
    return plans
}

/// The least objective by enumeration, and the least over the plans using each pair.
func bruteForce(_ p: AssignmentProblem) -> (best: Double?, bestWith: [Double]) {
    var best: Double?
    var bestWith = [Double](repeating: .infinity, count: p.pairs.count)
    for plan in everyPlan(p) {
        guard let v = referenceObjective(p, plan: plan) else { continue }
        if best == nil || v < best! { best = v }
        for k in plan { bestWith[k] = min(bestWith[k], v) }
    }
    return (best, bestWith)
}
