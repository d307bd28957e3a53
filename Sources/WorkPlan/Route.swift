import DiaBanCore
/// A route: communes an officer always visits together on one trip, in the driving order
/// that is shortest from the base and back.
struct Route: Sendable, Hashable {
    /// Indices into the officer's places, sorted (the route's identity).
    var members: [Int]
    /// The same indices in driving order.
    var order: [Int]
    /// Road km of one trip: base → communes → base.
    var km: Double
    /// 1 for a day trip, 2 for an overnight trip.
    var days: Int
    /// Visits of the route in the period (every member needs this many).
    var visits: Int
}

extension OfficerProblem {
    /// Why a single commune cannot have a trip of its own, in a sentence; nil when it can.
    func unreachable(_ i: Int) -> String? {
        if route([i]) != nil { return nil }
        let p = places[i]
        let t = rules.trips
        let km = Int((2 * p.baseKm).rounded())
        if t.overnightBeyondKm.map({ p.baseKm <= $0 }) ?? true {
            let why = t.overnightBeyondKm == nil ? "overnight trips are switched off" : "it is not far enough for an overnight trip (\(Int(t.overnightBeyondKm!)) km one way)"
            return "\(p.name) (\(p.code)) is \(km) km there and back from \(officer.id)'s base, more than a day's driving (\(Int(t.maxKmPerDay)) km), and \(why)"
        }
        return "\(p.name) (\(p.code)) is \(km) km there and back from \(officer.id)'s base, more than two days' driving (2 × \(Int(t.maxKmPerDay)) km)"
    }

    /// The route through `members` (sorted indices), or nil when no trip can visit them all.
    func route(_ members: [Int]) -> Route? {
        guard let first = members.first else { return nil }
        let visits = places[first].visits
        guard visits > 0, members.allSatisfy({ places[$0].visits == visits }) else { return nil }
        let t = rules.trips
        let (km, order) = shortestTour(members)
        let far = t.overnightBeyondKm.map { limit in members.contains { places[$0].baseKm > limit } } ?? false
        if !far && members.count <= t.maxCommunesPerDay && km <= t.maxKmPerDay + 1e-9 {
            return Route(members: members, order: order, km: km, days: 1, visits: visits)
        }
        // Two days only for a far commune: a route of near communes that does not fit a day is split instead.
        if far && members.count <= 2 * t.maxCommunesPerDay && km <= 2 * t.maxKmPerDay + 1e-9 {
            return Route(members: members, order: order, km: km, days: 2, visits: visits)
        }
        return nil
    }

    /// The shortest base → every member → base tour (Held–Karp; ties to the order that comes
    /// first), and its km.
    func shortestTour(_ members: [Int]) -> (Double, [Int]) {
        let n = members.count
        if n == 1 { return (2 * places[members[0]].baseKm, members) }
        let full = (1 << n) - 1
        // best[mask][j]: shortest path from the base through `mask`, ending at member j.
        var best = [[Double]](repeating: [Double](repeating: .infinity, count: n), count: 1 << n)
        var parent = [[Int]](repeating: [Int](repeating: -1, count: n), count: 1 << n)
        for j in 0..<n { best[1 << j][j] = places[members[j]].baseKm }
        for mask in 1...full {
            for j in 0..<n where mask & (1 << j) != 0 && best[mask][j] < .infinity {
                for k in 0..<n where mask & (1 << k) == 0 {
                    let next = mask | (1 << k)
                    let value = best[mask][j] + between[members[j]][members[k]]
                    if value < best[next][k] - 1e-9 { best[next][k] = value; parent[next][k] = j }
                }
            }
        }
        var end = 0
        var total = Double.infinity
        for j in 0..<n {
            let value = best[full][j] + places[members[j]].baseKm
            if value < total - 1e-9 { total = value; end = j }
        }
        var order: [Int] = []
        var mask = full, j = end
        while j >= 0 {
            order.append(members[j])
            let p = parent[mask][j]
            mask &= ~(1 << j)
            j = p
        }
        return (total, order.reversed())
    }

    /// Every route the officer's communes allow: each non-empty set of communes with equal
    /// visits (above 0) that one trip can visit, up to two days' communes (and at most ten).
    func allRoutes() -> [Route] {
        let n = places.count
        let most = min(n, 2 * rules.trips.maxCommunesPerDay, 10)
        var out: [Route] = []
        func extend(_ members: [Int], from start: Int) {
            if !members.isEmpty, let r = route(members) { out.append(r) }
            guard members.count < most else { return }
            for i in start..<n { extend(members + [i], from: i + 1) }
        }
        extend([], from: 0)
        return out
    }
}
