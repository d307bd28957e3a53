import DiaBanCore
import DiaBanTestSupport
import ScenarioIO
@testable import WorkPlan

/// Small work-plan cases, drawn from a seed: one officer, a few communes around the base, a
/// short period with weekends, a holiday, an office day and blocked days.
struct SmallCase {
    var scenario: Scenario
    var assignment: Assignment
    var period: DayRange

    var problem: OfficerProblem {
        let o = scenario.officers[0]
        let codes = Set(assignment.pairs.map(\.commune))
        return OfficerProblem(officer: o, communes: scenario.communes.filter { codes.contains($0.code) }, scenario: scenario,
                              rules: scenario.workPlan!, period: period)
    }

    static func draw(seed: UInt64, communes: Int = 3) -> SmallCase {
        var rng = SplitMix64(seed: seed)
        let base = GeoPoint(lat: 18.7, lon: 105.6)
        var list: [Commune] = []
        for i in 0..<communes {
            let p = GeoPoint(lat: base.lat + rng.uniform(-0.6...0.6), lon: base.lon + rng.uniform(-0.6...0.6))
            list.append(Commune(code: "3000\(i + 1)", name: "Xã Thử \(i + 1)", terrain: rng.chance(0.4) ? .mountain : .lowland,
                                location: p, workload: 1))
        }
        let officer = Officer(id: "CB01", name: "Nguyễn Văn Thử", base: base, capacity: 10)
        var s = Scenario(name: "small", headquarters: base, communes: list, officers: [officer])
        let first = Day(iso: "2026-03-02")!
        let length = rng.int(14...24)
        let period = DayRange(first: first, last: first.adding(days: length - 1))!
        var r = WorkPlanRules()
        r.minSpacingDays = rng.int(3...6)
        r.gapWeight = [0, 5, 20, 60][rng.below(4)]
        r.fieldDaysPerMonth = rng.int(3...8)
        r.trips.maxKmPerDay = rng.uniform(120...260)
        r.trips.maxCommunesPerDay = rng.int(1...2)
        r.trips.overnightBeyondKm = rng.chance(0.5) ? rng.uniform(50...90) : nil
        let most = communes >= 3 ? 2 : 3
        r.visits = list.map { VisitRule(select: CommuneSelection(communes: [$0.code]), count: rng.int(1...most)) }
        if rng.chance(0.5) { r.visits = list.map { VisitRule(select: CommuneSelection(communes: [$0.code]), count: most) } }
        r.officeDays = [OfficeDay(weekday: .monday, note: "giao ban")]
        r.calendar = [CalendarEntry(day: first.adding(days: rng.int(0...10)), name: "lễ", kind: .holiday)]
        if rng.chance(0.5) {
            let b = first.adding(days: rng.int(0...(length - 4)))
            r.blocked = [BlockedDays(officer: "CB01", days: DayRange(first: b, last: b.adding(days: rng.int(0...3)))!, note: "nghỉ phép")]
        }
        r.timeLimit = nil
        s.workPlan = r
        return SmallCase(scenario: s, assignment: Assignment(list.map { Pair(officer: "CB01", commune: $0.code) }), period: period)
    }
}

/// The optimum by brute force: every partition of the communes into routes and every choice
/// of start days for each route, checked against every rule from scratch.
enum BruteForce {
    static func optimum(_ p: OfficerProblem) -> Double? {
        let routes = p.allRoutes()
        let active = p.places.indices.filter { p.places[$0].visits > 0 }
        var best: Double?
        func partitions(_ left: [Int], _ chosen: [Route], _ visit: ([Route]) -> Void) {
            guard let first = left.first else { visit(chosen); return }
            for r in routes where r.members.first == first && r.members.allSatisfy(left.contains) {
                partitions(left.filter { !r.members.contains($0) }, chosen + [r], visit)
            }
        }
        partitions(active, []) { part in
            let options = part.map { r in combinations((0..<p.length).filter { p.canStart($0, length: r.days) }, r.visits) }
            func pick(_ i: Int, _ starts: [[Int]]) {
                if i == part.count {
                    guard let v = value(p, part, starts) else { return }
                    if best == nil || v < best! - 1e-9 { best = v }
                    return
                }
                for option in options[i] { pick(i + 1, starts + [option]) }
            }
            pick(0, [])
        }
        return best
    }

    /// The objective of a plan, or nil when it breaks a rule.
    static func value(_ p: OfficerProblem, _ routes: [Route], _ starts: [[Int]]) -> Double? {
        var used = [Int](repeating: 0, count: p.length)
        var month = [Int](repeating: 0, count: p.months.count)
        var total = 0.0
        for (r, s) in zip(routes, starts) {
            guard s.count == r.visits else { return nil }
            for d in s {
                for e in d..<(d + r.days) {
                    guard e < p.length, p.days[e].isFree else { return nil }
                    used[e] += 1
                }
                month[p.monthOfDay[d]] += r.days
            }
            for (a, b) in zip(s, s.dropFirst()) where b - a < p.spacing { return nil }
            var gap = s[0] + p.length - s[s.count - 1]
            for (a, b) in zip(s, s.dropFirst()) { gap = max(gap, b - a) }
            if let cap = p.rules.maxGapDays, gap > cap { return nil }
            // km by trying every driving order, from the places themselves.
            var km = Double.infinity
            for order in permutations(r.members) {
                var d = p.places[order[0]].baseKm + p.places[order.last!].baseKm
                for (a, b) in zip(order, order.dropFirst()) { d += p.between[a][b] }
                km = min(km, d)
            }
            total += Double(r.visits) * km + p.rules.gapWeight * Double(r.members.count * gap)
        }
        if used.contains(where: { $0 > 1 }) { return nil }
        for (m, days) in month.enumerated() where days > p.budgets[m] { return nil }
        return total
    }

    static func combinations(_ items: [Int], _ k: Int) -> [[Int]] {
        if k == 0 { return [[]] }
        guard items.count >= k else { return [] }
        var out: [[Int]] = []
        for (i, x) in items.enumerated() {
            for rest in combinations(Array(items[(i + 1)...]), k - 1) { out.append([x] + rest) }
        }
        return out
    }

    static func permutations(_ items: [Int]) -> [[Int]] {
        if items.count <= 1 { return [items] }
        return items.indices.flatMap { i -> [[Int]] in
            var rest = items
            let x = rest.remove(at: i)
            return permutations(rest).map { [x] + $0 }
        }
    }
}
