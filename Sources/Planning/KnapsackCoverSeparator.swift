import LinearModel

/// Knapsack cover cuts on the model's capacity rows, separated exactly: for a row
/// `Σ a_j x_j ≤ b` over binary columns with positive coefficients, a *cover* C is a set with
/// `Σ_C a_j > b`, and `Σ_C x_j ≤ |C| − 1` holds for every integer solution. At an LP point x*
/// the most violated cover minimizes `Σ_C (1 − x*_j)`; only columns with `x*_j > 0` can be in a
/// violated one (each other costs a whole 1), so the search is a small knapsack: solved exactly
/// by dynamic programming when the coefficients lie on a decimal grid (workloads to two
/// decimals), by the classical greedy otherwise. The cut is then extended by every column
/// whose coefficient is at least the cover's largest (the extended cover, still valid).
///
/// GLPK has cover cuts of its own (heuristic); these are what Avella, Boccia and Vasilyev
/// (2010) separate exactly for the generalized assignment problem.
public struct KnapsackCoverSeparator: CutSeparator {
    struct Row: Sendable {
        var columns: [Int]
        var weights: [Double]
        var capacity: Double
        /// Weights and capacity on an exact grid (nil: greedy separation).
        var units: [Int]?
        var capacityUnits: Int
    }

    let rows: [Row]

    /// The capacity-like rows of `model`: a finite upper bound, no finite lower bound above 0,
    /// binary columns with positive coefficients, and more weight than capacity in all.
    public init(model: LinearModel) {
        var rows: [Row] = []
        for constraint in model.constraints where constraint.upper.isFinite && constraint.lower <= 0 && constraint.terms.count >= 2 {
            let binary = constraint.terms.allSatisfy { term in
                let v = model[term.variable]
                return term.coefficient > 0 && v.kind != .continuous && v.lower >= 0 && v.upper <= 1
            }
            guard binary else { continue }
            let weights = constraint.terms.map(\.coefficient)
            guard weights.reduce(0, +) > constraint.upper + 1e-9 else { continue }
            var row = Row(columns: constraint.terms.map(\.variable.rawValue), weights: weights, capacity: constraint.upper, units: nil, capacityUnits: 0)
            for scale in [1.0, 10, 100, 1000] {
                let scaled = weights.map { $0 * scale }
                if scaled.allSatisfy({ abs($0 - $0.rounded()) <= 1e-6 }) && constraint.upper * scale < 100_000 {
                    row.units = scaled.map { Int($0.rounded()) }
                    row.capacityUnits = Int((constraint.upper * scale + 1e-6).rounded(.down))
                    break
                }
            }
            rows.append(row)
        }
        self.rows = rows
    }

    public var rowCount: Int { rows.count }

    public func cuts(for values: [Double]) -> [Cut] {
        rows.compactMap { cut(for: $0, values) }
    }

    /// The most violated extended cover of one row, if any is violated.
    func cut(for row: Row, _ x: [Double]) -> Cut? {
        let candidates = row.columns.indices.filter { x[row.columns[$0]] > 1e-9 }
        guard candidates.reduce(0.0, { $0 + row.weights[$1] }) > row.capacity + 1e-9 else { return nil }
        guard let cover = row.units != nil ? exactCover(row, candidates, x) : greedyCover(row, candidates, x) else { return nil }
        let slack = cover.reduce(0.0) { $0 + (1 - x[row.columns[$1]]) }
        guard slack < 1 - 1e-6 else { return nil }
        let largest = cover.map { row.weights[$0] }.max()!
        var members = Set(cover)
        for k in row.columns.indices where row.weights[k] >= largest { members.insert(k) }
        let cut = Cut(terms: members.sorted().map { (VariableIndex(row.columns[$0]), 1.0) }, upper: Double(cover.count - 1))
        return cut.violation(x) > 1e-6 ? cut : nil
    }

    /// min Σ (1 − x*) over sets of `candidates` whose units exceed the capacity: a covering
    /// knapsack by dynamic programming over the units reached (saturated at capacity + 1),
    /// keeping each stage's table to rebuild the set.
    func exactCover(_ row: Row, _ candidates: [Int], _ x: [Double]) -> [Int]? {
        guard let units = row.units else { return nil }
        let target = row.capacityUnits + 1
        var tables = [[Double]](repeating: [], count: candidates.count + 1)
        tables[0] = [Double](repeating: .infinity, count: target + 1)
        tables[0][0] = 0
        for (n, k) in candidates.enumerated() {
            let cost = 1 - x[row.columns[k]], w = units[k]
            var next = tables[n]
            for from in 0...target where tables[n][from] < .infinity {
                let to = min(target, from + w)
                if to != from { next[to] = min(next[to], tables[n][from] + cost) }
            }
            tables[n + 1] = next
        }
        guard tables[candidates.count][target] < 1 - 1e-6 else { return nil }
        var cover: [Int] = []
        var state = target
        for n in stride(from: candidates.count - 1, through: 0, by: -1) where state > 0 {
            let value = tables[n + 1][state]
            if value == tables[n][state] { continue }  // reached without this item
            let k = candidates[n]
            let cost = 1 - x[row.columns[k]], w = units[k]
            let sources = state == target ? Array(max(0, target - w)...target) : (state - w >= 0 ? [state - w] : [])
            guard let from = sources.first(where: { $0 != state && min(target, $0 + w) == state && abs(tables[n][$0] + cost - value) <= 1e-12 }) else {
                return greedyCover(row, candidates, x)
            }
            cover.append(k)
            state = from
        }
        return state == 0 ? cover : greedyCover(row, candidates, x)
    }

    /// The classical heuristic: take columns by increasing (1 − x*)/a until the capacity is
    /// exceeded.
    func greedyCover(_ row: Row, _ candidates: [Int], _ x: [Double]) -> [Int]? {
        let order = candidates.sorted { a, b in
            ((1 - x[row.columns[a]]) / row.weights[a], a) < ((1 - x[row.columns[b]]) / row.weights[b], b)
        }
        var total = 0.0
        var cover: [Int] = []
        for k in order {
            cover.append(k)
            total += row.weights[k]
            if total > row.capacity + 1e-9 { return cover }
        }
        return nil
    }
}
