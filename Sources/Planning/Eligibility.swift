import DiaBanCore

/// Which officer may track which commune: the pairs the model has a variable for.
///
/// A pair is eligible when the officer is active, the commune is not the officer's home
/// commune and the pair is not forbidden. With a candidate limit `K`, a commune keeps only its
/// `K` nearest eligible officers, plus — always — its current and locked pairs and the nearest
/// holders of each specialty it requires (so that pruning never removes the only way to cover
/// a need). Pairs are sorted (commune, officer) so that the model is the same on every run.
public struct Eligibility: Sendable {
    /// Eligible pairs, sorted by commune then officer.
    public let pairs: [Pair]
    /// Eligible officers of each commune (indices into the scenario's officers), sorted by id.
    public let officersOfCommune: [[Int]]
    /// How many pairs the candidate limit removed.
    public let prunedCount: Int

    /// Specialty holders kept per required specialty even beyond `K`.
    public static let holdersKeptPerSpecialty = 3

    /// - Parameters:
    ///   - scenario: the scenario whose pairs are judged.
    ///   - provincial: officers track only communes of their own province.
    public init(scenario: Scenario, provincial: Bool = false) {
        let forbidden = Set(scenario.forbidden)
        let locked = Set(scenario.locked)
        let current = scenario.current.pairSet
        var pairs: [Pair] = []
        var ofCommune: [[Int]] = []
        var pruned = 0
        for commune in scenario.communes {
            var allowed: [(index: Int, km: Double)] = []
            for (i, officer) in scenario.officers.enumerated() where officer.isActive {
                if officer.homeCommune == commune.code { continue }
                if provincial && officer.province != commune.province { continue }
                if forbidden.contains(Pair(officer: officer.id, commune: commune.code)) { continue }
                allowed.append((i, scenario.distanceKm(officer: officer, commune: commune)))
            }
            var keep: Set<Int>
            if let k = scenario.rules.candidateLimit, allowed.count > k {
                let byDistance = allowed.sorted { ($0.km, scenario.officers[$0.index].id) < ($1.km, scenario.officers[$1.index].id) }
                keep = Set(byDistance.prefix(k).map(\.index))
                for specialty in commune.requiredSpecialties {
                    let holders = byDistance.filter { scenario.officers[$0.index].holds(specialty) }
                    keep.formUnion(holders.prefix(Self.holdersKeptPerSpecialty).map(\.index))
                }
                for entry in allowed {
                    let pair = Pair(officer: scenario.officers[entry.index].id, commune: commune.code)
                    if current.contains(pair) || locked.contains(pair) { keep.insert(entry.index) }
                }
                pruned += allowed.count - keep.count
            } else {
                keep = Set(allowed.map(\.index))
            }
            let sorted = keep.sorted { scenario.officers[$0].id < scenario.officers[$1].id }
            ofCommune.append(sorted)
            pairs.append(contentsOf: sorted.map { Pair(officer: scenario.officers[$0].id, commune: commune.code) })
        }
        self.pairs = pairs
        self.officersOfCommune = ofCommune
        self.prunedCount = pruned
    }
}
