import DiaBanCore
import LinearModel

/// One officer's calendar as an integer program (time-indexed), for GLPK.
///
/// - `y[r,d]` ∈ {0,1}: route `r` starts a trip on day `d` (only days the officer is free for
///   the whole trip);
/// - `Σ_d y[r,d] = n_r` (every visit; `n_r·z[r]` when routes are chosen);
/// - at most one trip on any day (an overnight trip takes two);
/// - per month, `Σ days_r·y[r,d]` over trips starting in it ≤ the budget;
/// - spacing: any `s` consecutive days hold at most one start of `r`;
/// - gaps: `u[r,v]` ∈ {0,1} says the longest gap of `r` is at least `v` (for `v` above the
///   lowest gap considered, up to the highest); every window of `ℓ` consecutive days (round
///   the period's end) right after a possible start holds a start of `r` unless `u[r,ℓ+1]` is
///   1, and every window of the highest length holds one;
/// - objective: km of the trips plus `gapWeight · |r| · (lowGap_r + Σ_v u[r,v])`.
///
/// With `choosing`, `z[r]` ∈ {0,1} picks the routes: each commune on exactly one chosen route
/// (the whole problem in one model, as the tests cross-check the search with); without, the
/// routes are given and the model settles their calendar.
struct WorkPlanModel {
    let linear: LinearModel
    /// Each route's start columns, by day.
    let columns: [[(day: Int, column: VariableIndex)]]
    let chosen: [VariableIndex]

    init(problem p: OfficerProblem, routes: [Route], lowGaps: [Int], highGaps: [Int], choosing: Bool) {
        var m = LinearModel(name: "workplan_\(p.officer.id)")
        let L = p.length, s = p.spacing, w = p.rules.gapWeight
        var columns: [[(Int, VariableIndex)]] = []
        var chosen: [VariableIndex] = []
        var constant = 0.0
        for (r, route) in routes.enumerated() {
            let penalty = w * Double(route.members.count) * Double(lowGaps[r])
            if choosing {
                chosen.append(m.addVariable("z_r\(r)", kind: .binary, lower: 0, upper: 1, objective: Double(route.visits) * route.km + penalty))
            } else {
                constant += Double(route.visits) * route.km + penalty
            }
            columns.append((0..<L).filter { p.canStart($0, length: route.days) }.map { d in
                (d, m.addVariable("y_r\(r)_d\(d)", kind: .binary, lower: 0, upper: 1))
            })
        }
        m.objectiveConstant = constant
        // Each commune on one chosen route.
        if choosing {
            for (i, place) in p.places.enumerated() where place.visits > 0 {
                let terms = routes.indices.filter { routes[$0].members.contains(i) }.map { (chosen[$0], 1.0) }
                m.addConstraint("one_\(place.code)", terms, lower: 1, upper: 1)
            }
        }
        for (r, route) in routes.enumerated() {
            let ys = columns[r]
            let isStart = Dictionary(uniqueKeysWithValues: ys.map { ($0.0, $0.1) })
            let n = Double(route.visits)
            var count = ys.map { ($0.1, 1.0) }
            if choosing { count.append((chosen[r], -n)) }
            m.addConstraint("cnt_r\(r)", count, lower: choosing ? 0 : n, upper: choosing ? 0 : n)
            let needed: [(VariableIndex, Double)] = choosing ? [(chosen[r], -1)] : []
            let rhs: Double = choosing ? 0 : 1
            // Spacing: at most one start in any s consecutive days (within the period).
            for (d, _) in ys {
                let terms = (d..<min(L, d + s)).compactMap { isStart[$0] }.map { ($0, 1.0) }
                if terms.count > 1 { m.addConstraint("sp_r\(r)_d\(d)", terms + needed, upper: choosing ? 0 : 1) }
            }
            // Gaps, by level.
            let low = lowGaps[r], high = max(lowGaps[r], highGaps[r])
            var level: [Int: VariableIndex] = [:]
            for v in (low + 1)...max(low + 1, high) where v <= high {
                level[v] = m.addVariable("u_r\(r)_g\(v)", kind: .binary, lower: 0, upper: 1, objective: w * Double(route.members.count))
            }
            for v in (low + 2)...max(low + 2, high) where v <= high {
                m.addConstraint("mono_r\(r)_g\(v)", [(level[v - 1]!, 1), (level[v]!, -1)], lower: 0)
            }
            let windowStarts = Set(ys.map { ($0.0 + 1) % L }).sorted()
            for length in low...high {
                for start in windowStarts {
                    var terms = (0..<length).compactMap { isStart[(start + $0) % L] }.map { ($0, 1.0) }
                    if let u = level[length + 1] { terms.append((u, 1)) }
                    m.addConstraint("gap_r\(r)_l\(length)_w\(start)", terms + needed, lower: rhs)
                }
            }
        }
        // One trip a day; budgets by the month a trip starts in.
        var onDay = [[(VariableIndex, Double)]](repeating: [], count: L)
        var inMonth = [[(VariableIndex, Double)]](repeating: [], count: p.months.count)
        for (r, route) in routes.enumerated() {
            for (d, y) in columns[r] {
                for e in d..<(d + route.days) { onDay[e].append((y, 1)) }
                inMonth[p.monthOfDay[d]].append((y, Double(route.days)))
            }
        }
        for (e, terms) in onDay.enumerated() where terms.count > 1 { m.addConstraint("day_\(e)", terms, upper: 1) }
        for (i, terms) in inMonth.enumerated() where !terms.isEmpty { m.addConstraint("bud_\(p.months[i])", terms, upper: Double(p.budgets[i])) }
        self.linear = m
        self.columns = columns
        self.chosen = chosen
    }

    /// Each route's start days in a solution.
    func starts(_ values: [Double]) -> [[Int]] {
        columns.map { ys in ys.filter { values[$0.column.rawValue] > 0.5 }.map(\.day) }
    }

    /// The routes a solution of the choosing model picked.
    func picked(_ values: [Double]) -> [Int] {
        chosen.indices.filter { values[chosen[$0].rawValue] > 0.5 }
    }
}
