import DiaBanCore
import Foundation
import LinearModel

/// One officer's plan as the search found it: the routes chosen, each one's start days, the
/// objective (km + gap penalty) and the best bound proven on it.
struct OfficerSolution: Sendable {
    var routes: [Route]
    var starts: [[Int]]
    var objective: Double
    var bound: Double
    var proven: Bool
}

/// The exact search for one officer.
///
/// 1. Every route (set of communes one trip can visit) and its smallest longest gap alone,
///    by an exact dynamic programme over the days (``OfficerProblem/minimumGap(_:)``).
/// 2. Every partition of the communes into routes, with a lower bound: its km plus the gap
///    penalty of each route's gap alone.
/// 3. Best first over the partitions: when the routes' lone schedules can share the calendar
///    (one trip a day, the monthly budgets), the partition's bound is met and, being the lowest
///    left, is optimal. When they cannot, GLPK solves that partition's calendar exactly
///    (``WorkPlanModel``) and the partition goes back with its exact value.
struct OfficerSearch {
    let problem: OfficerProblem
    let solver: (any MIPSolver)?
    let deadline: Date?

    private var weight: Double { problem.rules.gapWeight }

    struct Partition {
        var routes: [Route]
        var gaps: [Int]
        var km: Double
        var bound: Double
    }

    /// The partitions into routes that could have a plan alone, cheapest bound first. Empty
    /// when none: ``Explanation`` then says why.
    func partitions(routes: [Route], gaps: [Route: Int]) -> [Partition] {
        let visited = problem.places.indices.filter { problem.places[$0].visits > 0 }
        let totalBudget = problem.budgets.reduce(0, +)
        var byFirst: [Int: [Route]] = [:]
        for r in routes where gaps[r] != nil { byFirst[r.members[0], default: []].append(r) }
        var out: [Partition] = []
        var chosen: [Route] = []
        var used = Set<Int>()
        func extend() {
            guard out.count < 200_000 else { return }
            guard let next = visited.first(where: { !used.contains($0) }) else {
                let days = chosen.reduce(0) { $0 + $1.visits * $1.days }
                guard days <= totalBudget else { return }
                let km = chosen.reduce(0) { $0 + Double($1.visits) * $1.km }
                let g = chosen.map { gaps[$0]! }
                let penalty = zip(chosen, g).reduce(0) { $0 + weight * Double($1.0.members.count * $1.1) }
                out.append(Partition(routes: chosen, gaps: g, km: km, bound: km + penalty))
                return
            }
            for r in byFirst[next] ?? [] where r.members.allSatisfy({ !used.contains($0) }) {
                chosen.append(r)
                used.formUnion(r.members)
                extend()
                used.subtract(r.members)
                chosen.removeLast()
            }
        }
        extend()
        return out.sorted { ($0.bound, $0.km) < ($1.bound, $1.km) }
    }

    func value(_ routes: [Route], _ starts: [[Int]]) -> Double {
        zip(routes, starts).reduce(0) { $0 + Double($1.0.visits) * $1.0.km + weight * Double($1.0.members.count * problem.longestGap($1.1)) }
    }

    /// The best plan, or nil when no partition has one (or time ran out before any).
    func run() -> OfficerSolution? {
        let active = problem.places.filter { $0.visits > 0 }
        if active.isEmpty { return OfficerSolution(routes: [], starts: [], objective: 0, bound: 0, proven: true) }
        let routes = problem.allRoutes()
        var gaps: [Route: Int] = [:]
        for r in routes { if let g = problem.minimumGap(r) { gaps[r] = g } }
        let parts = partitions(routes: routes, gaps: gaps)
        guard !parts.isEmpty else { return nil }

        var incumbent: OfficerSolution?
        var unresolvedBound = Double.infinity   // the lowest bound of a partition GLPK could not settle
        // Entries: a partition's bound from its routes alone, or its exact value once settled.
        var queue = parts.enumerated().map { (bound: $1.bound, index: $0, settled: false) }
        var settled: [Int: (value: Double, bound: Double, starts: [[Int]])] = [:]
        while let top = queue.first {
            if let inc = incumbent, inc.objective <= top.bound + 1e-6 { break }
            if let deadline, Date() > deadline { break }
            queue.removeFirst()
            let part = parts[top.index]
            if top.settled {
                let s = settled[top.index]!
                if incumbent == nil || s.value < incumbent!.objective - 1e-9 {
                    incumbent = OfficerSolution(routes: part.routes, starts: s.starts, objective: s.value, bound: s.bound, proven: false)
                }
                unresolvedBound = min(unresolvedBound, s.bound)
                continue
            }
            // The routes' lone optima side by side?
            if let starts = jointly(part.routes, gaps: part.gaps) {
                let v = value(part.routes, starts)
                if incumbent == nil || v < incumbent!.objective - 1e-9 {
                    incumbent = OfficerSolution(routes: part.routes, starts: starts, objective: v, bound: v, proven: false)
                }
                continue
            }
            // They get in each other's way: this partition's calendar exactly, then back in line.
            guard let exact = settle(part) else { continue }
            settled[top.index] = exact
            let entry = (bound: exact.bound, index: top.index, settled: true)
            let at = queue.firstIndex { ($0.bound, $0.index) > (entry.bound, entry.index) } ?? queue.count
            queue.insert(entry, at: at)
        }
        guard var best = incumbent else { return nil }
        let remaining = queue.first.map(\.bound) ?? .infinity
        best.bound = min(best.objective, remaining, unresolvedBound)
        best.proven = best.objective - best.bound <= 1e-6 * max(1, abs(best.objective))
        return best
    }

    /// Schedules for every route at gaps `gaps`, sharing the calendar, when the greedy
    /// placement finds them in some order of the routes; nil otherwise (which proves nothing).
    func jointly(_ routes: [Route], gaps: [Int]) -> [[Int]]? {
        let order = Array(routes.indices).sorted {
            (routes[$0].days, routes[$0].visits, gaps[$0]) > (routes[$1].days, routes[$1].visits, gaps[$1])
        }
        var orders = [order]
        if routes.count > 1 && routes.count <= 4 {
            orders += Self.permutations(order).filter { $0 != order }
        } else if routes.count > 4 {
            orders += (1..<routes.count).map { Array(order[$0...] + order[..<$0]) }
        }
        for o in orders {
            var state = CalendarState(problem)
            var starts = [[Int]](repeating: [], count: routes.count)
            var ok = true
            for i in o {
                guard let s = problem.schedule(routes[i], maxGap: gaps[i], state: state) else { ok = false; break }
                state.book(routes[i], starts: s, in: problem)
                starts[i] = s
            }
            if ok { return starts }
        }
        return nil
    }

    /// One partition's calendar: its best gaps exactly (GLPK on ``WorkPlanModel``), with the
    /// value and bound; nil when it has no calendar at all (or no solver is given).
    func settle(_ part: Partition) -> (value: Double, bound: Double, starts: [[Int]])? {
        // A first calendar by the greedy at ever wider gaps bounds how wide the best can be.
        var upper: [[Int]]?
        var slack = 1
        while upper == nil {
            let g = part.gaps.map { min(problem.gapCap, $0 + slack) }
            upper = jointly(part.routes, gaps: g)
            if g.allSatisfy({ $0 >= problem.gapCap }) { break }
            slack *= 2
        }
        guard let solver else { return upper.map { (value(part.routes, $0), part.bound, $0) } }
        let caps: [Int] = part.routes.indices.map { i in
            guard let u = upper else { return problem.gapCap }
            // No better plan of this partition lets a route's gap grow past what the first calendar's whole penalty pays for.
            let room = (value(part.routes, u) - part.bound) / (weight * Double(part.routes[i].members.count))
            return min(problem.gapCap, part.gaps[i] + Int(room.rounded(.down)))
        }
        let model = WorkPlanModel(problem: problem, routes: part.routes, lowGaps: part.gaps, highGaps: caps, choosing: false)
        var options = SolverOptions()
        options.relativeGap = 1e-9
        options.timeLimit = deadline.map { max(0.05, $0.timeIntervalSinceNow) }
        guard let result = try? solver.solve(model.linear, options: options, start: nil, progress: nil) else {
            return upper.map { (value(part.routes, $0), part.bound, $0) }
        }
        if result.primal == .none {
            if result.termination == .infeasible { return nil }
            return upper.map { (value(part.routes, $0), part.bound, $0) }
        }
        let starts = model.starts(result.values)
        var v = value(part.routes, starts)
        var best = starts
        if let u = upper, value(part.routes, u) < v { v = value(part.routes, u); best = u }
        let proven = result.termination == .optimal || result.termination == .gapReached
        let bound = proven ? v : min(v, max(part.bound, result.bestBound ?? part.bound))
        return (v, bound, best)
    }

    static func permutations(_ items: [Int]) -> [[Int]] {
        if items.count <= 1 { return [items] }
        var out: [[Int]] = []
        for (i, x) in items.enumerated() {
            var rest = items
            rest.remove(at: i)
            for p in permutations(rest) { out.append([x] + p) }
        }
        return out
    }
}
