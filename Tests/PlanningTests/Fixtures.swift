import DiaBanCore
import DiaBanTestSupport
import Foundation
import ScenarioIO

/// A random small scenario: `officers` × `communes`, with specialties, terrain, a current
/// assignment, sometimes a home commune, a lock, a forbidden pair, a band or a change limit.
func smallScenario(officers nO: Int, communes nC: Int, seed: UInt64, variant: Int = 0) -> Scenario {
    var rng = SplitMix64(seed: seed)
    let hq = GeoPoint(lat: 18.67, lon: 105.66)
    let specialties: [Specialty] = ["border-security", "ethnic-affairs"]
    var communes: [Commune] = []
    for c in 0..<nC {
        let mountain = rng.chance(0.5)
        var req: [Specialty] = []
        if rng.chance(0.3) { req.append(specialties[rng.int(0...1)]) }
        communes.append(Commune(
            code: String(format: "%05d", 10000 + c), name: "Xã Thử \(c)", terrain: mountain ? .mountain : .lowland,
            location: GeoPoint(lat: 18.5 + rng.uniform(0...1), lon: 104.8 + rng.uniform(0...1)),
            workload: (rng.uniform(1...3) * 4).rounded() / 4, staffing: (variant == 3 && c == 0 && nO > 1) ? 2 : 1,
            visitsPerYear: Double(rng.int(6...12)), requiredSpecialties: req))
    }
    let totalWork = communes.reduce(0) { $0 + $1.workload * Double($1.staffing) }
    var officers: [Officer] = []
    for o in 0..<nO {
        let local = rng.chance(0.5)
        var spec: [Specialty] = []
        for s in specialties where rng.chance(0.4) { spec.append(s) }
        officers.append(Officer(
            id: "O\(o + 1)", name: "Cán bộ \(o + 1)",
            base: local ? GeoPoint(lat: 18.5 + rng.uniform(0...1), lon: 104.8 + rng.uniform(0...1)) : hq,
            specialties: spec, capacity: (totalWork * rng.uniform(1.2...1.9) / Double(nO) * 4).rounded(.up) / 4,
            homeCommune: rng.chance(0.2) ? communes[rng.int(0...(nC - 1))].code : nil))
    }
    var current: [Pair] = []
    for c in communes { current.append(Pair(officer: officers[rng.int(0...(nO - 1))].id, commune: c.code)) }
    var scenario = Scenario(name: "small-\(nO)x\(nC)-\(seed)", headquarters: hq, communes: communes, officers: officers,
                            current: Assignment(current))
    scenario.weights.workloadMax = variant == 1 ? 1 : 0
    scenario.weights.mountainMaxDeviation = variant == 1 ? 5 : 0
    if variant == 2 { scenario.rules.maxChanges = 1 }
    if variant == 4 { scenario.rules.coverage = .hard }
    if variant == 5 { scenario.rules.mountainBand = .init(measure: .share, lower: 0, upper: 0.7) }
    if rng.chance(0.3) {
        let o = officers[rng.int(0...(nO - 1))], c = communes[rng.int(0...(nC - 1))]
        if o.homeCommune != c.code { scenario.locked = [Pair(officer: o.id, commune: c.code)] }
    }
    if rng.chance(0.3) {
        let pair = Pair(officer: officers[rng.int(0...(nO - 1))].id, commune: communes[rng.int(0...(nC - 1))].code)
        if !scenario.locked.contains(pair) { scenario.forbidden = [pair] }
    }
    return scenario
}

/// Every assignment of the scenario (each commune gets `staffing` distinct officers), by brute force.
func everyAssignment(_ scenario: Scenario) -> [Assignment] {
    var results: [[Pair]] = [[]]
    for commune in scenario.communes {
        let ids = scenario.officers.map(\.id)
        var choices: [[String]] = []
        func combos(_ start: Int, _ picked: [String]) {
            if picked.count == commune.staffing { choices.append(picked); return }
            guard start < ids.count else { return }
            for i in start..<ids.count { combos(i + 1, picked + [ids[i]]) }
        }
        combos(0, [])
        results = results.flatMap { partial in choices.map { partial + $0.map { Pair(officer: $0, commune: commune.code) } } }
    }
    return results.map(Assignment.init)
}
