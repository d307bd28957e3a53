import DiaBanCore
/// The days other routes of the officer already use, and the field days left in each month.
struct CalendarState: Sendable {
    var taken: [Bool]
    var remaining: [Int]

    init(_ problem: OfficerProblem) {
        taken = [Bool](repeating: false, count: problem.length)
        remaining = problem.budgets
    }

    mutating func book(_ route: Route, starts: [Int], in problem: OfficerProblem) {
        for d in starts {
            for e in d..<(d + route.days) { taken[e] = true }
            remaining[problem.monthOfDay[d]] -= route.days
        }
    }
}

extension OfficerProblem {
    /// The gap of a schedule: the longest of the days between two consecutive visits and the
    /// days from the last visit round to the first (as if the period repeated: the days after
    /// the last visit plus those before the first).
    func longestGap(_ starts: [Int]) -> Int {
        guard let first = starts.first, let last = starts.last else { return length }
        var gap = first + length - last
        for (a, b) in zip(starts, starts.dropFirst()) { gap = max(gap, b - a) }
        return gap
    }

    /// The smallest longest gap `route` can have on its own (its budget included), or nil when
    /// no schedule of its visits fits the calendar at all.
    func minimumGap(_ route: Route) -> Int? {
        let fresh = CalendarState(self)
        let low = max(1, (length + route.visits - 1) / route.visits)
        guard low <= gapCap else { return nil }
        if schedule(route, maxGap: low, state: fresh) != nil { return low }
        guard schedule(route, maxGap: gapCap, state: fresh) != nil else { return nil }
        var lo = low, hi = gapCap   // infeasible at lo, feasible at hi
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if schedule(route, maxGap: mid, state: fresh) != nil { hi = mid } else { lo = mid }
        }
        return hi
    }

    /// Start days for every visit of `route`: consecutive visits at least ``spacing`` and at
    /// most `maxGap` days apart, the gap round the period's end at most `maxGap` too, on days
    /// the officer is free and `state` has not taken, within each month's field days left
    /// (a trip's days count in the month it starts). Exact: nil only when none exists.
    ///
    /// Among the schedules, each visit is placed as close to an even rhythm as the calendar
    /// allows. O(maxGap · visits · days · U), U the most field days one route uses in a month.
    func schedule(_ route: Route, maxGap G: Int, state: CalendarState) -> [Int]? {
        let n = route.visits, L = length, s = spacing, t = route.days
        guard n >= 1, G >= 1 else { return nil }
        if n == 1 {
            guard L <= G else { return nil }
            return (0..<L).first { allowed($0, t, state) }.map { [$0] }
        }
        guard (n - 1) * s <= L - 1 else { return nil }
        let allowedDays = (0..<L).filter { allowed($0, t, state) }
        guard allowedDays.count >= n else { return nil }
        let isAllowed = Set(allowedDays)
        // u: the field days this route uses in the month of its latest visit (1…U).
        let perMonth = (31 + s - 1) / s + 1
        let U = max(t, min(state.remaining.max() ?? 0, perMonth * t))
        let width = U + 1
        let monthStart: [Int] = (0..<L).map { d in
            var e = d
            while e > 0 && monthOfDay[e - 1] == monthOfDay[d] { e -= 1 }
            return e
        }
        let ideal = Double(L) / Double(n)
        for f in 0..<min(G, L) where isAllowed.contains(f) && t <= state.remaining[monthOfDay[f]] {
            // reach[k][d * width + u]
            var reach = [[Bool]](repeating: [Bool](repeating: false, count: L * width), count: n)
            reach[0][f * width + t] = true
            var any = [Bool](repeating: false, count: L)
            for k in 1..<n {
                // Prefix counts of layer k−1: by u, and over every u.
                var prefix = [[Int32]](repeating: [Int32](repeating: 0, count: L + 1), count: width)
                var prefixAny = [Int32](repeating: 0, count: L + 1)
                for d in 0..<L {
                    var hit = false
                    for u in 0..<width {
                        let r = reach[k - 1][d * width + u]
                        prefix[u][d + 1] = prefix[u][d] + (r ? 1 : 0)
                        hit = hit || r
                    }
                    prefixAny[d + 1] = prefixAny[d] + (hit ? 1 : 0)
                }
                var some = false
                for d in allowedDays where d > f {
                    let lo = max(f, d - G), hi = d - s
                    guard hi >= lo else { continue }
                    let m = monthOfDay[d], ms = monthStart[d], left = state.remaining[m]
                    // From an earlier month: this trip starts the month afresh.
                    let eHi = min(hi, ms - 1)
                    if eHi >= lo, t <= left, prefixAny[eHi + 1] - prefixAny[lo] > 0 { reach[k][d * width + t] = true; some = true }
                    // From the same month: its days add up.
                    let sLo = max(lo, ms)
                    if hi >= sLo {
                        for u in 1..<width where u + t < width && u + t <= left {
                            if prefix[u][hi + 1] - prefix[u][sLo] > 0 { reach[k][d * width + u + t] = true; some = true }
                        }
                    }
                }
                if !some { break }
                if k == n - 1 { for d in 0..<L { any[d] = (0..<width).contains { reach[k][d * width + $0] } } }
            }
            // The last visit: the gap round the end (L − last + f) within G.
            let ends = (0..<L).filter { any[$0] && L - $0 + f <= G && $0 > f }
            guard let last = ends.min(by: { abs(Double(L - $0 + f) - ideal) < abs(Double(L - $1 + f) - ideal) }) else { continue }
            // Walk back, choosing each predecessor nearest to the even rhythm.
            var days = [last]
            var d = last
            var u = (0..<width).first { reach[n - 1][d * width + $0] }!
            for k in stride(from: n - 1, to: 0, by: -1) {
                let lo = max(f, d - G), hi = d - s
                var best: (e: Int, u: Int)?
                for e in stride(from: hi, through: lo, by: -1) {
                    var ue: Int?
                    if monthOfDay[e] == monthOfDay[d] {
                        if u - t >= 1 && reach[k - 1][e * width + u - t] { ue = u - t }
                    } else if u == t {
                        ue = (0..<width).first { reach[k - 1][e * width + $0] }
                    }
                    guard let ue else { continue }
                    if let b = best, abs(Double(d - b.e) - ideal) <= abs(Double(d - e) - ideal) { continue }
                    best = (e, ue)
                }
                guard let best else { preconditionFailure("schedule: reachable state without a predecessor") }
                days.append(best.e)
                d = best.e
                u = best.u
            }
            let starts = Array(days.reversed())
            precondition(starts.first == f && starts.count == n, "schedule: the walk back did not reach the first visit")
            return starts
        }
        return nil
    }

    func allowed(_ d: Int, _ tripDays: Int, _ state: CalendarState) -> Bool {
        guard canStart(d, length: tripDays) else { return false }
        for e in d..<(d + tripDays) where state.taken[e] { return false }
        return true
    }
}
