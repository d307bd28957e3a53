/// An assignment problem in the shape the engine decomposes: agents (officers) take sets of
/// items (communes); each item needs `demand` agents; an agent's set must fit its capacity and
/// count rules; and the cost of a set is *separable by agent*: linear in the pairs it uses,
/// plus two convex penalties of the agent's loads — on its whole load and on the load of the
/// items "in class" (mountain communes) — each outside a free band. Coverage needs (an item
/// needs one of some agents), coupling side rows (at most so many changes, earlier priority
/// levels) and min-max terms tie agents together; the engine prices them through their duals.
///
/// Nothing here knows about communes: the `Planning` module maps a scenario onto it, and the
/// `GAPLibrary` maps a generalized assignment instance (no penalties, no needs).
public struct AssignmentProblem: Sendable {
    public struct Agent: Sendable, Equatable {
        /// ASCII name used in the master problem's column names.
        public var name: String
        /// Σ weight of the agent's pairs ≤ capacity.
        public var capacity: Double
        public var minItems: Int?
        public var maxItems: Int?
        /// A hard rule on how many of the agent's items are in class.
        public var classRule: ClassRule?
        /// Class load (Σ weight of class items) inside this band costs nothing; outside it the
        /// deviation is priced per unit by ``Costs/classDeviation``.
        public var classBand: ClosedRange<Double>
        /// Load inside this band costs nothing; outside it the deviation is priced per unit by
        /// ``Costs/loadDeviation``.
        public var loadBand: ClosedRange<Double>

        public init(
            name: String, capacity: Double, minItems: Int? = nil, maxItems: Int? = nil, classRule: ClassRule? = nil,
            classBand: ClosedRange<Double> = -Double.infinity...Double.infinity,
            loadBand: ClosedRange<Double> = -Double.infinity...Double.infinity
        ) {
            self.name = name
            self.capacity = capacity
            self.minItems = minItems
            self.maxItems = maxItems
            self.classRule = classRule
            self.classBand = classBand
            self.loadBand = loadBand
        }
    }

    /// How many of an agent's items must be in class: `lower ≤ count ≤ upper`, or
    /// `lower·n ≤ count ≤ upper·n` for a share of its `n` items.
    public struct ClassRule: Sendable, Equatable {
        public enum Measure: Sendable, Equatable { case count, share }
        public var measure: Measure
        public var lower: Double
        public var upper: Double
        public init(measure: Measure, lower: Double, upper: Double) {
            self.measure = measure
            self.lower = lower
            self.upper = upper
        }

        func allows(classCount a: Int, otherCount b: Int) -> Bool {
            let tolerance = 1e-9
            switch measure {
            case .count:
                return Double(a) >= lower - tolerance && Double(a) <= upper + tolerance
            case .share:
                let n = Double(a + b)
                return Double(a) >= lower * n - tolerance && Double(a) <= upper * n + tolerance
            }
        }
    }

    public struct Item: Sendable, Equatable {
        public var name: String
        /// How many agents the item needs (≥ 1).
        public var demand: Int
        public var inClass: Bool
        public init(name: String, demand: Int = 1, inClass: Bool = false) {
            self.name = name
            self.demand = demand
            self.inClass = inClass
        }
    }

    /// An eligible agent–item pair.
    public struct Pair: Sendable, Equatable {
        public var agent: Int
        public var item: Int
        /// Capacity used.
        public var weight: Double
        /// Locked: every plan uses it.
        public var forced: Bool
        public init(agent: Int, item: Int, weight: Double, forced: Bool = false) {
            self.agent = agent
            self.item = item
            self.weight = weight
            self.forced = forced
        }
    }

    /// Item `item` needs one of `holders` among its agents: with a penalised slack (soft), or as
    /// a hard rule.
    public struct Need: Sendable, Equatable {
        public var name: String
        public var item: Int
        /// Agents that can meet the need, sorted.
        public var holders: [Int]
        public var hard: Bool
        public init(name: String, item: Int, holders: [Int], hard: Bool) {
            self.name = name
            self.item = item
            self.holders = holders.sorted()
            self.hard = hard
        }
    }

    /// A linear function of the plan, made of the problem's components: pair costs, each
    /// agent's class- and load-deviation, unmet soft needs, the largest class deviation and the
    /// largest utilisation (percent of capacity).
    public struct Costs: Sendable, Equatable {
        public var pair: [Double]
        public var classDeviation: [Double]
        public var loadDeviation: [Double]
        public var unmetNeed: Double
        public var largestClassDeviation: Double
        public var largestUtilisation: Double
        /// A constant per agent, counted when the agent takes a set: always for an agent of its
        /// own, for the chosen one in a group (``AssignmentProblem/groups``). A budget row counts
        /// versions with it (a trained officer, a hire).
        public var agent: [Double]

        public init(pairs: Int, agents: Int) {
            pair = Array(repeating: 0, count: pairs)
            classDeviation = Array(repeating: 0, count: agents)
            loadDeviation = Array(repeating: 0, count: agents)
            agent = Array(repeating: 0, count: agents)
            unmetNeed = 0
            largestClassDeviation = 0
            largestUtilisation = 0
        }

        public static func += (a: inout Costs, b: Costs) {
            for k in a.pair.indices { a.pair[k] += b.pair[k] }
            for i in a.classDeviation.indices {
                a.classDeviation[i] += b.classDeviation[i]
                a.loadDeviation[i] += b.loadDeviation[i]
                a.agent[i] += b.agent[i]
            }
            a.unmetNeed += b.unmetNeed
            a.largestClassDeviation += b.largestClassDeviation
            a.largestUtilisation += b.largestUtilisation
        }
    }

    /// `Σ costs ≤ limit` over the whole plan.
    public struct SideRow: Sendable, Equatable {
        public var name: String
        public var costs: Costs
        public var limit: Double
        public init(name: String, costs: Costs, limit: Double) {
            self.name = name
            self.costs = costs
            self.limit = limit
        }
    }

    public var agents: [Agent]
    public var items: [Item]
    public var pairs: [Pair]
    public var needs: [Need]
    public var objective: Costs
    public var sideRows: [SideRow]
    /// Every plan's objective is an integer (all cost data integral): a bound may be rounded up.
    public var integralObjective: Bool
    /// Agents that are versions of one person (an officer as they are and trained; a hire
    /// made or not): exactly one agent of a group takes a set. The first agent of a group is
    /// its default, and the others take only sets with at least one pair (their `minItems` is
    /// at least 1), so that a plan's pairs say which version it chose: the agent of the group
    /// that has pairs, else the first. An agent in no group is a group of its own.
    public private(set) var groups: [[Int]]
    /// Each agent's group: an index into ``units`` (groups, then agents of their own).
    public private(set) var unitOfAgent: [Int]
    /// The agents of each unit (a group, or an agent of its own), the first being its default.
    public private(set) var units: [[Int]]

    public init(
        agents: [Agent], items: [Item], pairs: [Pair], needs: [Need] = [], objective: Costs, sideRows: [SideRow] = [],
        integralObjective: Bool = false, groups: [[Int]] = []
    ) {
        self.items = items
        self.pairs = pairs
        self.needs = needs
        self.objective = objective
        self.sideRows = sideRows
        self.integralObjective = integralObjective
        var agents = agents
        let groups = groups.filter { $0.count > 1 }
        var unit = [Int?](repeating: nil, count: agents.count)
        var units: [[Int]] = []
        for group in groups {
            precondition(group.allSatisfy { agents.indices.contains($0) && unit[$0] == nil }, "an agent is in at most one group")
            for (n, i) in group.enumerated() {
                unit[i] = units.count
                if n > 0 { agents[i].minItems = max(agents[i].minItems ?? 0, 1) }
            }
            units.append(group)
        }
        for i in agents.indices where unit[i] == nil {
            unit[i] = units.count
            units.append([i])
        }
        self.agents = agents
        self.groups = groups
        self.units = units
        self.unitOfAgent = unit.map { $0! }
    }

    /// The agent of each unit a plan chooses: the one with pairs, else the unit's first (nil
    /// when two agents of one group have pairs).
    public func chosenAgents(byAgent: [[Int]]) -> [Int]? {
        var out: [Int] = []
        out.reserveCapacity(units.count)
        for members in units {
            let withPairs = members.filter { !byAgent[$0].isEmpty }
            if withPairs.count > 1 { return nil }
            out.append(withPairs.first ?? members[0])
        }
        return out
    }

    /// The pairs of each agent, in pair order.
    public func pairsByAgent() -> [[Int]] {
        var out = [[Int]](repeating: [], count: agents.count)
        for (k, pair) in pairs.enumerated() { out[pair.agent].append(k) }
        return out
    }
}

extension AssignmentProblem {
    /// What an agent's set of pairs amounts to: the quantities every cost is a function of.
    public struct SetMeasure: Sendable, Equatable {
        public var load: Double = 0
        public var classLoad: Double = 0
        public var classCount = 0
        public var otherCount = 0
    }

    public func measure(agent: Int, pairs set: [Int]) -> SetMeasure {
        var m = SetMeasure()
        for k in set {
            let pair = pairs[k]
            m.load += pair.weight
            if items[pair.item].inClass {
                m.classLoad += pair.weight
                m.classCount += 1
            } else {
                m.otherCount += 1
            }
        }
        return m
    }

    /// Deviation of `x` outside `band` (0 inside).
    @inline(__always)
    static func deviation(_ x: Double, _ band: ClosedRange<Double>) -> Double {
        max(0, x - band.upperBound) + max(0, band.lowerBound - x)
    }

    public func classDeviation(agent: Int, _ m: SetMeasure) -> Double { Self.deviation(m.classLoad, agents[agent].classBand) }
    public func loadDeviation(agent: Int, _ m: SetMeasure) -> Double { Self.deviation(m.load, agents[agent].loadBand) }
    public func utilisation(agent: Int, _ m: SetMeasure) -> Double {
        agents[agent].capacity > 0 ? 100 * m.load / agents[agent].capacity : 0
    }

    /// The value of `costs` restricted to one agent's set (its pairs and its deviations).
    public func value(of costs: Costs, agent: Int, pairs set: [Int], measure m: SetMeasure) -> Double {
        var total = costs.agent[agent]
        for k in set { total += costs.pair[k] }
        let dc = classDeviation(agent: agent, m), dl = loadDeviation(agent: agent, m)
        if dc != 0 { total += costs.classDeviation[agent] * dc }
        if dl != 0 { total += costs.loadDeviation[agent] * dl }
        return total
    }

    /// Whether a load fits an agent's capacity (within `tolerance`, relative).
    func fits(agent: Int, load: Double, tolerance: Double = 1e-9) -> Bool {
        load <= agents[agent].capacity + tolerance * max(1, agents[agent].capacity)
    }

    /// Whether a set of this measure keeps the agent's rules on its measure alone: capacity,
    /// counts and the class rule (not which forced pairs it holds).
    func keepsRules(agent: Int, _ m: SetMeasure, tolerance: Double = 1e-9) -> Bool {
        let a = agents[agent]
        if !fits(agent: agent, load: m.load, tolerance: tolerance) { return false }
        let n = m.classCount + m.otherCount
        if let lo = a.minItems, n < lo { return false }
        if let hi = a.maxItems, n > hi { return false }
        if let rule = a.classRule, !rule.allows(classCount: m.classCount, otherCount: m.otherCount) { return false }
        return true
    }

    /// Whether an agent's set keeps the agent's own hard rules: capacity, counts, the class
    /// rule, and every forced pair of the agent in it.
    public func isFeasible(agent: Int, pairs set: [Int], measure m: SetMeasure, tolerance: Double = 1e-9) -> Bool {
        guard keepsRules(agent: agent, m, tolerance: tolerance) else { return false }
        let chosen = Set(set)
        for (k, pair) in pairs.enumerated() where pair.agent == agent && pair.forced && !chosen.contains(k) { return false }
        return true
    }

    /// The whole objective of a plan (a set of pair indices), or nil when the plan breaks a
    /// hard rule: staffing, an agent's rules, a hard need or a side row.
    public func objectiveValue(ofPlan plan: [Int]) -> Double? {
        evaluate(plan: plan).flatMap { $0.feasible ? $0.objective : nil }
    }

    /// Objective and feasibility of a plan, from the plan alone.
    public func evaluate(plan: [Int]) -> (objective: Double, feasible: Bool)? {
        var byAgent = [[Int]](repeating: [], count: agents.count)
        var staffed = [Int](repeating: 0, count: items.count)
        for k in plan {
            guard k >= 0 && k < pairs.count else { return nil }
            byAgent[pairs[k].agent].append(k)
            staffed[pairs[k].item] += 1
        }
        var feasible = zip(staffed, items).allSatisfy { $0 == $1.demand }
        var objectiveTotal = 0.0
        var sideTotals = sideRows.map { _ in 0.0 }
        var largestClass = 0.0, largestUtil = 0.0
        // One agent of each group: the others take nothing and cost nothing.
        guard let chosen = chosenAgents(byAgent: byAgent) else { return (0, false) }
        for i in chosen {
            let m = measure(agent: i, pairs: byAgent[i])
            if !isFeasible(agent: i, pairs: byAgent[i], measure: m) { feasible = false }
            objectiveTotal += value(of: objective, agent: i, pairs: byAgent[i], measure: m)
            for (r, row) in sideRows.enumerated() { sideTotals[r] += value(of: row.costs, agent: i, pairs: byAgent[i], measure: m) }
            largestClass = max(largestClass, classDeviation(agent: i, m))
            largestUtil = max(largestUtil, utilisation(agent: i, m))
        }
        var unmet = 0
        let agentsOfItem = Dictionary(grouping: plan, by: { pairs[$0].item }).mapValues { Set($0.map { pairs[$0].agent }) }
        for need in needs {
            let met = need.holders.contains { agentsOfItem[need.item]?.contains($0) ?? false }
            if !met {
                if need.hard { feasible = false } else { unmet += 1 }
            }
        }
        func extras(_ c: Costs) -> Double {
            c.unmetNeed * Double(unmet) + c.largestClassDeviation * largestClass + c.largestUtilisation * largestUtil
        }
        objectiveTotal += extras(objective)
        for (r, row) in sideRows.enumerated() {
            let total = sideTotals[r] + extras(row.costs)
            if total > row.limit + 1e-6 * max(1, abs(row.limit)) { feasible = false }
        }
        return (objectiveTotal, feasible)
    }
}
