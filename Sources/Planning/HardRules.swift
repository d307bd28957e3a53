import DiaBanCore

/// A hard rule an assignment breaks, named so a planner can act on it.
public struct RuleViolation: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case staffing, capacity, communeCount, ineligiblePair, lockedPair, mountainBand, maxChanges, coverage
    }
    public var kind: Kind
    public var message: String
    public var description: String { message }
}

extension PlanContext {
    /// Every hard rule of MODEL.md that `assignment` breaks (empty when it is a valid plan).
    /// Used on every plan the solver returns, by the tests, and by the heuristic.
    public func hardViolations(_ assignment: Assignment, tolerance: Double = 1e-6) -> [RuleViolation] {
        let scenario = scenario
        var out: [RuleViolation] = []
        let eligible = Set(eligibility.pairs)
        let byCommune = assignment.officersByCommune
        let byOfficer = assignment.communesByOfficer
        for pair in assignment.pairs where !eligible.contains(pair) {
            out.append(.init(kind: .ineligiblePair, message: "\(pair.officer) may not track \(pair.commune) (on leave, home commune, forbidden or pruned)"))
        }
        for commune in scenario.communes {
            let n = byCommune[commune.code]?.count ?? 0
            if n != commune.staffing {
                out.append(.init(kind: .staffing, message: "commune \(commune.code) \(commune.name) has \(n) officers; its staffing is \(commune.staffing)"))
            }
            if scenario.rules.coverage == .hard {
                let officers = (byCommune[commune.code] ?? []).compactMap { officerIndex[$0] }.map { scenario.officers[$0] }
                for s in commune.requiredSpecialties where !officers.contains(where: { $0.holds(s) }) {
                    out.append(.init(kind: .coverage, message: "commune \(commune.code) \(commune.name) needs \(s) and none of its officers holds it"))
                }
            }
        }
        for pair in scenario.locked where !assignment.contains(pair) {
            out.append(.init(kind: .lockedPair, message: "locked pair \(pair.officer)–\(pair.commune) is missing"))
        }
        for officer in scenario.officers {
            let communes = (byOfficer[officer.id] ?? []).compactMap { communeIndex[$0] }.map { scenario.communes[$0] }
            let load = communes.reduce(0) { $0 + $1.workload }
            if load > officer.capacity + tolerance {
                out.append(.init(kind: .capacity, message: "\(officer.id) \(officer.name) carries \(fmt(load)) workload units; capacity is \(fmt(officer.capacity))"))
            }
            guard officer.isActive else { continue }
            if let lo = officer.minCommunes, communes.count < lo {
                out.append(.init(kind: .communeCount, message: "\(officer.id) \(officer.name) tracks \(communes.count) communes; at least \(lo) are required"))
            }
            if let hi = officer.maxCommunes, communes.count > hi {
                out.append(.init(kind: .communeCount, message: "\(officer.id) \(officer.name) tracks \(communes.count) communes; at most \(hi) are allowed"))
            }
            if let band = scenario.rules.mountainBand {
                let mountain = Double(communes.filter(\.isMountain).count)
                let (lo, hi): (Double, Double) = band.measure == .count
                    ? (band.lower.rounded(.up), band.upper.rounded(.down))
                    : (band.lower * Double(communes.count), band.upper * Double(communes.count))
                if mountain < lo - tolerance || mountain > hi + tolerance {
                    out.append(.init(kind: .mountainBand, message: "\(officer.id) \(officer.name) has \(Int(mountain)) mountain communes of \(communes.count); the band allows \(fmt(lo))–\(fmt(hi))"))
                }
            }
        }
        if let maxChanges = scenario.rules.maxChanges {
            let changes = assignment.pairs.filter(isNew).count
            if changes > maxChanges {
                out.append(.init(kind: .maxChanges, message: "\(changes) new pairs; at most \(maxChanges) are allowed"))
            }
        }
        return out
    }
}

func fmt(_ x: Double, _ decimals: Int = 2) -> String {
    let p = pow10(decimals)
    let r = (x * p).rounded() / p
    guard r.isFinite, abs(r) < 1e15 else { return String(r) }  // Int64(r) would trap
    if r == r.rounded() { return String(Int64(r)) }
    var s = String(r)
    if let dot = s.firstIndex(of: "."), s.distance(from: dot, to: s.endIndex) - 1 > decimals {
        s = String(s[..<s.index(dot, offsetBy: decimals + 1)])
    }
    return s
}

private func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }
