/// The pricing problem of one agent, solved exactly by dynamic programming:
///
///     min over the agent's feasible sets S of
///         Σ_{k∈S} cost[k] + classRate·dev(classLoad(S), classBand) + loadRate·dev(load(S), loadBand)
///
/// where feasible means: every forced pair in, load ≤ capacity, the count rules kept.
///
/// How: the class items and the other items are two separate exact-weight knapsacks
/// (``KnapsackTable``, on the agent's ``LoadGrid``), because the class penalty depends only on
/// the first and the load penalty on their sum. The two tables are joined in O(capacity):
/// for each total load `s` reached by the class part, `H[s] = min_l B[l] + G(s + l)` is a
/// sliding-window minimum on each affine piece of the convex load penalty `G`.
///
/// An item whose cost is at least what it could save in penalties (`cost ≥ (classRate·[class] +
/// loadRate)·weight`) never helps — dropping it from any set costs nothing more — so it is left
/// out of the tables when no lower count rule could need it.
struct AgentPricer: Sendable {
    let agent: Int
    /// The agent's pairs; costs are given in this order.
    let pairs: [Int]
    /// Positions (in `pairs`) of the pairs that are not forced, and their weights, units and class.
    let free: [Int]
    let freeWeights: [Double]
    let freeUnits: [Int]
    let freeInClass: [Bool]
    /// Positions of the forced pairs.
    let forced: [Int]
    let grid: LoadGrid
    let forcedClassUnits: Int
    let forcedOtherUnits: Int
    let forcedClassCount: Int
    let forcedOtherCount: Int
    let minItems: Int
    let maxItems: Int
    let classRule: AssignmentProblem.ClassRule?
    let classBand: ClosedRange<Double>
    let loadBand: ClosedRange<Double>
    /// Counts must be tracked (count bounds or a class rule).
    let tracksCounts: Bool
    /// Items may be dropped by the saving test (no lower count rule).
    let mayDropItems: Bool
    /// Forced pairs alone break the agent's rules: no set is feasible.
    let hopeless: Bool

    init(problem: AssignmentProblem, agent: Int, pairs: [Int]) {
        self.agent = agent
        self.pairs = pairs
        let a = problem.agents[agent]
        var free: [Int] = [], forced: [Int] = []
        for (position, k) in pairs.enumerated() { if problem.pairs[k].forced { forced.append(position) } else { free.append(position) } }
        self.free = free
        self.forced = forced
        freeWeights = free.map { problem.pairs[pairs[$0]].weight }
        freeInClass = free.map { problem.items[problem.pairs[pairs[$0]].item].inClass }
        minItems = a.minItems ?? 0
        maxItems = min(a.maxItems ?? Int.max, pairs.count)
        let grid = LoadGrid.make(weights: pairs.map { problem.pairs[$0].weight }, capacity: a.capacity, maxItems: maxItems)
        self.grid = grid
        freeUnits = freeWeights.map { grid.units($0) }
        var fc = 0, fo = 0, nc = 0, no = 0
        for position in forced {
            let k = pairs[position]
            let u = grid.units(problem.pairs[k].weight)
            if problem.items[problem.pairs[k].item].inClass { fc += u; nc += 1 } else { fo += u; no += 1 }
        }
        forcedClassUnits = fc
        forcedOtherUnits = fo
        forcedClassCount = nc
        forcedOtherCount = no
        classRule = a.classRule
        classBand = a.classBand
        loadBand = a.loadBand
        tracksCounts = a.minItems != nil || a.maxItems != nil || a.classRule != nil
        if let rule = a.classRule {
            mayDropItems = (a.minItems ?? 0) <= 0 && rule.measure == .count && rule.lower <= 0
        } else {
            mayDropItems = (a.minItems ?? 0) <= 0
        }
        hopeless = fc + fo > grid.capacity || nc + no > maxItems
    }

    /// A branch's decisions for one agent, as positions in `pairs`.
    struct Restriction: Sendable, Equatable {
        var fixedIn: [Int] = []
        var forbidden: Set<Int> = []
        /// The branch chose another agent of this agent's group: it takes no set at all.
        var closed = false
        var isEmpty: Bool { fixedIn.isEmpty && forbidden.isEmpty && !closed }
    }

    /// What one pricing gives.
    struct Result: Sendable {
        /// The least value over feasible sets (a lower bound on it on a relaxed grid); +∞ when
        /// the agent has no feasible set.
        var value: Double
        /// A set reaching it (pair indices, forced pairs included, sorted), nil when none is feasible.
        var set: [Int]?
        /// For each free pair (same order as `free`): a lower bound on the least value over the
        /// feasible sets that contain it (+∞ when none can); only when asked for.
        var withPair: [Double]?
        /// Other good sets (value, set), best first, when asked for: one per distinct
        /// (class count, other count, class load) of the tables.
        var alternatives: [(value: Double, set: [Int])] = []
    }

    /// Prices the agent for pair costs `cost` (in the order of `pairs`) and penalty rates.
    ///
    /// `restriction` holds a branch's decisions for this agent: positions (in `pairs`) its set
    /// must contain, and positions it must not.
    func price(
        cost: [Double], classRate: Double, loadRate: Double, restriction: Restriction = Restriction(),
        boundsWithEachPair: Bool = false, alternatives: Int = 0
    ) -> Result {
        // Forced pairs: the agent's own and the branch's.
        var forced = self.forced
        var forcedClassUnits = self.forcedClassUnits, forcedOtherUnits = self.forcedOtherUnits
        var forcedClassCount = self.forcedClassCount, forcedOtherCount = self.forcedOtherCount
        var excluded = restriction.forbidden
        for position in restriction.fixedIn where !forced.contains(position) {
            guard let j = free.firstIndex(of: position) else { continue }
            forced.append(position)
            excluded.insert(position)
            if freeInClass[j] { forcedClassUnits += freeUnits[j]; forcedClassCount += 1 } else { forcedOtherUnits += freeUnits[j]; forcedOtherCount += 1 }
        }
        let hopeless = restriction.closed || self.hopeless || forcedClassUnits + forcedOtherUnits > grid.capacity
            || forcedClassCount + forcedOtherCount > maxItems || !restriction.forbidden.isDisjoint(with: restriction.fixedIn)
            || restriction.forbidden.contains { self.forced.contains($0) }
        if hopeless { return Result(value: .infinity, set: nil, withPair: boundsWithEachPair ? free.map { _ in .infinity } : nil) }
        let classPenalty = BandPenalty(rate: classRate, band: classBand, grid: grid)
        let loadPenalty = BandPenalty(rate: loadRate, band: loadBand, grid: grid)
        let forcedCost = forced.reduce(0.0) { $0 + cost[$1] }

        // Items kept in the tables.
        var classItems: [(units: Int, cost: Double)] = [], otherItems: [(units: Int, cost: Double)] = []
        var classLocal: [Int] = [], otherLocal: [Int] = []
        let capacity = grid.capacity - forcedClassUnits - forcedOtherUnits
        for (j, position) in free.enumerated() where !excluded.contains(position) {
            let c = cost[position]
            let units = freeUnits[j]
            if units > capacity { continue }
            if mayDropItems {
                let saving = ((freeInClass[j] ? classPenalty.rate : 0) + loadPenalty.rate) * freeWeights[j]
                if c >= saving { continue }
            }
            if freeInClass[j] { classItems.append((units, c)); classLocal.append(j) } else { otherItems.append((units, c)); otherLocal.append(j) }
        }
        let roomForItems = maxItems - forcedClassCount - forcedOtherCount
        /// How many of `items` fit together at most: the smallest ones first.
        func mostThatFit(_ items: [(units: Int, cost: Double)]) -> Int {
            var total = 0, n = 0
            for u in items.map(\.units).sorted() {
                total += u
                if total > capacity { break }
                n += 1
            }
            return n
        }
        let classCounts = tracksCounts ? min(mostThatFit(classItems), roomForItems) : nil
        let otherCounts = tracksCounts ? min(mostThatFit(otherItems), roomForItems) : nil
        let classTable = { var t = KnapsackTable(capacity: capacity, maxCount: classCounts); t.fill(classItems); return t }()
        let otherTable = { var t = KnapsackTable(capacity: capacity, maxCount: otherCounts); t.fill(otherItems); return t }()

        // H_b[s] = min_l B_b[l] + G(s + l), with s the load before the other items (forced
        // loads included), for every count b of other items.
        let totalCapacity = grid.capacity
        let pieces = loadPenalty.pieces(capacity: totalCapacity)
        let envelopes = (0..<otherTable.rows).map { Self.envelope(otherTable, row: $0, capacity: totalCapacity, pieces: pieces) }
        // The class penalty at every class load.
        let classPenaltyAt = (0...totalCapacity).map { classPenalty.value(at: $0) }

        func allowed(_ a: Int, _ b: Int) -> Bool {
            guard tracksCounts else { return true }
            let n = a + b
            if n < minItems || n > maxItems { return false }
            if let rule = classRule, !rule.allows(classCount: a, otherCount: b) { return false }
            return true
        }

        /// min over the class table of A_a[m] + F(m0 + m) + H_b[m0 + l0 + m], with extra
        /// class/other units and counts (a forced-in item) on top of the forced pairs. With
        /// `candidates`, every finite (value, a, b, m) is recorded too.
        func join(extraClassUnits: Int, extraOtherUnits: Int, extraClass: Int, extraOther: Int,
                  candidates: UnsafeMutablePointer<[(value: Double, a: Int, b: Int, m: Int)]>? = nil) -> (value: Double, a: Int, b: Int, m: Int) {
            var bestValue = Double.infinity, bestA = -1, bestB = -1, bestM = -1
            let m0 = forcedClassUnits + extraClassUnits
            let base = m0 + forcedOtherUnits + extraOtherUnits
            guard base <= totalCapacity else { return (.infinity, -1, -1, -1) }
            for a in 0..<classTable.rows {
                for b in 0..<otherTable.rows {
                    let ca = tracksCounts ? a + forcedClassCount + extraClass : 0
                    let cb = tracksCounts ? b + forcedOtherCount + extraOther : 0
                    if !allowed(ca, cb) { continue }
                    envelopes[b].withUnsafeBufferPointer { h in
                        classTable.best.withUnsafeBufferPointer { table in
                            classPenaltyAt.withUnsafeBufferPointer { f in
                                let row = a * classTable.width
                                let last = totalCapacity - base
                                var m = 0
                                while m <= last {
                                    let v = table[row &+ m] + f[m0 &+ m] + h[base &+ m]
                                    if v < bestValue { bestValue = v; bestA = a; bestB = b; bestM = m }
                                    if v < .infinity, let candidates { candidates.pointee.append((v, a, b, m)) }
                                    m &+= 1
                                }
                            }
                        }
                    }
                }
            }
            return (bestValue, bestA, bestB, bestM)
        }

        /// The set of the join's state (a, b, m): the class subset, then the best other subset
        /// for the load it leaves.
        func rebuild(a: Int, b: Int, m: Int) -> [Int] {
            let s = forcedClassUnits + forcedOtherUnits + m
            var bestL = -1, bestV = Double.infinity
            var l = 0
            while s + l <= totalCapacity {
                let bv = otherTable.value(count: b, units: l)
                if bv < .infinity {
                    let v = bv + loadPenalty.value(at: s + l)
                    if v < bestV { bestV = v; bestL = l }
                }
                l += 1
            }
            let chosen = classTable.subset(count: a, units: m).map { free[classLocal[$0]] }
                + otherTable.subset(count: b, units: bestL).map { free[otherLocal[$0]] }
            return (forced + chosen).map { pairs[$0] }.sorted()
        }

        var candidates: [(value: Double, a: Int, b: Int, m: Int)] = []
        let top = alternatives > 0
            ? join(extraClassUnits: 0, extraOtherUnits: 0, extraClass: 0, extraOther: 0, candidates: &candidates)
            : join(extraClassUnits: 0, extraOtherUnits: 0, extraClass: 0, extraOther: 0)
        var result = Result(value: top.value + forcedCost, set: nil)
        if top.value < .infinity {
            result.set = rebuild(a: top.a, b: top.b, m: top.m)
            if alternatives > 0 {
                candidates.sort { ($0.value, $0.a, $0.b, $0.m) < ($1.value, $1.a, $1.b, $1.m) }
                result.alternatives = candidates.dropFirst().prefix(alternatives).map { c in
                    (c.value + forcedCost, rebuild(a: c.a, b: c.b, m: c.m))
                }
            }
        } else {
            result.value = .infinity
        }
        if boundsWithEachPair {
            result.withPair = free.indices.map { j in
                if restriction.forbidden.contains(free[j]) { return .infinity }
                if forced.contains(free[j]) { return result.value }
                let units = freeUnits[j]
                let inClass = freeInClass[j]
                let joined = join(extraClassUnits: inClass ? units : 0, extraOtherUnits: inClass ? 0 : units,
                                  extraClass: inClass ? 1 : 0, extraOther: inClass ? 0 : 1)
                return joined.value < .infinity ? joined.value + forcedCost + cost[free[j]] : .infinity
            }
        }
        return result
    }

    /// `H[s] = min over l in 0...(capacity − s) of B[l] + G(s + l)` for s in 0...capacity, where
    /// `G` is given by its affine pieces; a monotone-deque sliding-window minimum per piece.
    static func envelope(_ table: KnapsackTable, row: Int, capacity: Int, pieces: [(range: ClosedRange<Int>, constant: Double, slope: Double)]) -> [Double] {
        var h = [Double](repeating: .infinity, count: capacity + 1)
        let tableCapacity = table.capacity
        var queue = [Int](repeating: 0, count: tableCapacity + 1)
        for piece in pieces {
            let slope = piece.slope
            func shifted(_ l: Int) -> Double { table.value(count: row, units: l) + slope * Double(l) }
            var head = 0, tail = 0
            var next = 0  // next l to enter the window
            var s = capacity
            while s >= 0 {
                // Window: l in [max(0, range.lower − s), range.upper − s], within the table.
                let upper = min(piece.range.upperBound - s, tableCapacity)
                let lower = max(0, piece.range.lowerBound - s)
                while next <= upper {
                    let v = shifted(next)
                    if v < .infinity {
                        while tail > head && shifted(queue[tail - 1]) >= v { tail -= 1 }
                        queue[tail] = next
                        tail += 1
                    }
                    next += 1
                }
                while tail > head && queue[head] < lower { head += 1 }
                if tail > head && upper >= lower {
                    let v = piece.constant + slope * Double(s) + shifted(queue[head])
                    if v < h[s] { h[s] = v }
                }
                s -= 1
            }
        }
        return h
    }
}
