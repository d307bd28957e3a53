import DiaBanCore
import Foundation

/// The synthetic roster of the bundled Nghệ An scenario: 44 officers who do not exist, with
/// specialties, capacities and bases chosen so that the province can be covered, and a
/// synthetic current assignment that has the province's problems (mountain work piled on some
/// officers, required specialties uncovered, a few officers over capacity). Deterministic for
/// a seed: the committed `scenarios/nghe-an/data/officers.csv` and `current.csv` are
/// `diaban generate --nghe-an-roster` with the default seed.
public struct RosterGenerator: Sendable {
    public static let defaultSeed: UInt64 = 2025
    /// Total capacity of the roster over total workload of the communes.
    public static let capacityRatio = 1.45
    public static let province = "Tỉnh Nghệ An"

    public var seed: UInt64
    public init(seed: UInt64 = defaultSeed) { self.seed = seed }

    /// A kind of officer in the roster: what they know, how many, where some of them live.
    struct Profile {
        var count: Int
        var specialties: [Specialty]
        /// Extra specialties, each held with probability `extraChance`.
        var extras: [Specialty]
        var extraChance: Double
        /// Whether their current communes are the mountain ones.
        var mountainGroup: Int
        /// How many live in a commune of `baseDistricts` instead of starting from the headquarters.
        var basedAway: Int
        var baseDistricts: [String]
        var minorityNames: Bool
    }

    static let profiles: [Profile] = [
        Profile(count: 10, specialties: ["border-security", "ethnic-affairs"], extras: ["agriculture", "land-management"], extraChance: 0.35,
                mountainGroup: 10, basedAway: 6, baseDistricts: ["Kỳ Sơn", "Tương Dương", "Con Cuông", "Quế Phong"], minorityNames: true),
        Profile(count: 4, specialties: ["border-security"], extras: ["agriculture", "land-management", "digital-transformation"], extraChance: 0.5,
                mountainGroup: 4, basedAway: 1, baseDistricts: ["Anh Sơn", "Thanh Chương"], minorityNames: false),
        Profile(count: 4, specialties: ["ethnic-affairs"], extras: ["agriculture", "land-management"], extraChance: 0.5,
                mountainGroup: 4, basedAway: 2, baseDistricts: ["Quỳ Châu", "Quỳ Hợp"], minorityNames: true),
        Profile(count: 5, specialties: ["coastal-fisheries"], extras: ["agriculture", "digital-transformation"], extraChance: 0.4,
                mountainGroup: 0, basedAway: 2, baseDistricts: ["Quỳnh Lưu", "Diễn Châu", "Hoàng Mai"], minorityNames: false),
        Profile(count: 2, specialties: ["urban-management", "coastal-fisheries"], extras: ["digital-transformation"], extraChance: 0.5,
                mountainGroup: 0, basedAway: 0, baseDistricts: [], minorityNames: false),
        Profile(count: 4, specialties: ["urban-management"], extras: ["digital-transformation", "land-management"], extraChance: 0.5,
                mountainGroup: 0, basedAway: 0, baseDistricts: [], minorityNames: false),
        Profile(count: 15, specialties: [], extras: ["digital-transformation", "agriculture", "land-management"], extraChance: 0.45,
                mountainGroup: 3, basedAway: 2, baseDistricts: ["Thái Hòa", "Đô Lương", "Nghĩa Đàn", "Yên Thành"], minorityNames: false),
    ]

    /// Capacities are drawn in this range, then scaled to ``capacityRatio`` and rounded to a quarter unit.
    static let capacityRange = 4.0...9.0

    /// The roster and current assignment for `communes` (workloads and requirements already applied).
    public func ngheAn(communes: [Commune], headquarters: GeoPoint) -> Roster {
        var rng = SplitMix64(seed: seed)
        let communes = communes.sorted { $0.code < $1.code }
        let totalWork = communes.reduce(0) { $0 + $1.workload * Double($1.staffing) }
        let count = Self.profiles.reduce(0) { $0 + $1.count }

        // Who is who: profiles in a shuffled id order, so ids say nothing about a person.
        var slots: [(profile: Int, index: Int)] = []
        for (p, profile) in Self.profiles.enumerated() { for i in 0..<profile.count { slots.append((p, i)) } }
        rng.shuffle(&slots)
        let names = SyntheticNames.people(count, &rng) { i in
            let p = Self.profiles[slots[i].profile]
            return p.minorityNames && slots[i].index % 2 == 0
        }

        // Capacities: varied, then scaled so that the total is capacityRatio × total workload.
        let raw = (0..<count).map { _ in rng.uniform(Self.capacityRange.lowerBound, Self.capacityRange.upperBound) }
        let capacities = Self.scaledCapacities(raw, total: Self.capacityRatio * totalWork)

        var officers: [Officer] = []
        var baseCommunes: [String: String] = [:]
        var mountainGroup: Set<String> = []
        var usedBases: Set<String> = []
        var profileOf: [String: Int] = [:]
        for (i, slot) in slots.enumerated() {
            let profile = Self.profiles[slot.profile]
            let id = String(format: "CB%02d", i + 1)
            profileOf[id] = slot.profile
            // Specialists may hold one more field; the others one or two.
            var specialties = profile.specialties
            if specialties.isEmpty {
                specialties.append(rng.pick(profile.extras))
                if rng.chance(profile.extraChance) { specialties.append(rng.pick(profile.extras)) }
            } else if rng.chance(profile.extraChance) {
                specialties.append(rng.pick(profile.extras))
            }
            var officer = Officer(id: id, name: names[i], base: headquarters, specialties: specialties, capacity: capacities[i],
                                  province: Self.province)
            if slot.index < profile.basedAway {
                let candidates = communes.filter { c in
                    profile.baseDistricts.contains { CommuneSelection.placeKey($0) == CommuneSelection.placeKey(c.formerDistrict ?? "") }
                        && !usedBases.contains(c.code)
                }
                if !candidates.isEmpty {
                    let c = rng.pick(candidates)
                    usedBases.insert(c.code)
                    baseCommunes[id] = c.code
                    officer.base = c.location
                    officer.baseLabel = c.name
                    officer.homeCommune = c.code
                }
            } else if rng.chance(0.25) {
                // Some who start from the headquarters come from a lowland commune.
                let lowland = communes.filter { !$0.isMountain }
                officer.homeCommune = rng.pick(lowland).code
            }
            if slot.index >= profile.count - profile.mountainGroup { mountainGroup.insert(id) }
            officers.append(officer)
        }

        // A few limits on the number of communes, on officers of the lowland group.
        let lowlandIDs = officers.map(\.id).filter { !mountainGroup.contains($0) }
        for id in rng.shuffled(lowlandIDs).prefix(5).sorted() {
            let i = officers.firstIndex { $0.id == id }!
            if rng.chance(0.5) { officers[i].maxCommunes = 3 + rng.below(2) } else { officers[i].minCommunes = 2 }
        }

        let current = Self.history(communes: communes, officers: officers, profileOf: profileOf, mountainGroup: mountainGroup, rng: &rng)
        return Roster(officers: officers, baseCommunes: baseCommunes, current: current)
    }

    /// Scales `raw` to sum to `total`, rounds each to a quarter unit within ``capacityRange``,
    /// and spreads the rounding remainder so the sum stays as close to `total` as quarters allow.
    static func scaledCapacities(_ raw: [Double], total: Double) -> [Double] {
        let sum = raw.reduce(0, +)
        var caps = raw.map { min(capacityRange.upperBound, max(capacityRange.lowerBound, ($0 * total / sum * 4).rounded() / 4)) }
        var gap = total - caps.reduce(0, +)
        var i = 0
        while abs(gap) >= 0.25 && i < caps.count * 8 {
            let k = i % caps.count
            let step = gap > 0 ? 0.25 : -0.25
            if capacityRange.contains(caps[k] + step) {
                caps[k] += step
                gap -= step
            }
            i += 1
        }
        return caps
    }
    /// The current assignment as history left it. Communes go out district by district, each
    /// district to the officers whose profile matches what its communes require, the mountain
    /// districts (west to east) to the mountain group and the others to the rest; each officer
    /// takes consecutive communes up to a target below capacity, except a few who were given
    /// more than they can carry. A few lowland communes on the mountain side go to the mountain
    /// group. Nobody is given their own home commune.
    static func history(
        communes: [Commune], officers: [Officer], profileOf: [String: Int], mountainGroup: Set<String>, rng: inout SplitMix64
    ) -> Assignment {
        func rank(_ district: [Commune]) -> Int {
            var counts: [Set<Specialty>: Int] = [:]
            for c in district { counts[Set(c.requiredSpecialties), default: 0] += 1 }
            let common = counts.max { ($0.value, $1.key.count) < ($1.value, $0.key.count) }!.key
            return profiles.firstIndex { Set($0.specialties) == common } ?? profiles.count
        }
        func districtOrder(_ list: [Commune]) -> [Commune] {
            let byDistrict = Dictionary(grouping: list) { $0.formerDistrict ?? "" }
            let order = byDistrict.keys.sorted { a, b in
                let la = byDistrict[a]!.reduce(0) { $0 + $1.location.lon } / Double(byDistrict[a]!.count)
                let lb = byDistrict[b]!.reduce(0) { $0 + $1.location.lon } / Double(byDistrict[b]!.count)
                return (rank(byDistrict[a]!), la, a) < (rank(byDistrict[b]!), lb, b)
            }
            return order.flatMap { byDistrict[$0]!.sorted { $0.code < $1.code } }
        }
        var mountain = districtOrder(communes.filter(\.isMountain))
        var lowland = districtOrder(communes.filter { !$0.isMountain })
        // The westernmost lowland communes were historically followed from the mountain side.
        let westLowland = lowland.sorted { ($0.location.lon, $0.code) < ($1.location.lon, $1.code) }.prefix(4)
        lowland.removeAll { c in westLowland.contains { $0.code == c.code } }
        mountain += westLowland

        let byID = Dictionary(officers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Within a group, officers in the profiles' order; within a profile, shuffled.
        func ordered(_ ids: [String]) -> [String] {
            let groups = Dictionary(grouping: ids) { profileOf[$0] ?? profiles.count }
            return groups.keys.sorted().flatMap { rng.shuffled(groups[$0]!.sorted()) }
        }
        let m = ordered(officers.map(\.id).filter { mountainGroup.contains($0) })
        let l = ordered(officers.map(\.id).filter { !mountainGroup.contains($0) })
        var pairs: [Pair] = []
        pairs += fill(mountain, m, byID, overloaded: 4, &rng)
        pairs += fill(lowland, l, byID, overloaded: 0, &rng)
        return Assignment(pairs)
    }

    /// Gives consecutive communes to each officer in turn. `overloaded` officers (the last of
    /// the order and some others) aim above their capacity; the rest share what remains,
    /// in proportion to capacity, without passing it.
    private static func fill(
        _ communes: [Commune], _ ids: [String], _ byID: [String: Officer], overloaded: Int, _ rng: inout SplitMix64
    ) -> [Pair] {
        let work = communes.reduce(0) { $0 + $1.workload }
        var heavy: Set<Int> = overloaded > 0 ? [ids.count - 1] : []
        while heavy.count < min(overloaded, ids.count) { heavy.insert(rng.below(ids.count)) }
        var targets = ids.indices.map { i in byID[ids[i]]!.capacity * (heavy.contains(i) ? rng.uniform(1.15, 1.4) : rng.uniform(0.85, 1.0)) }
        let heavyWork = heavy.reduce(0) { $0 + targets[$1] }
        let lightTargets = ids.indices.filter { !heavy.contains($0) }.reduce(0) { $0 + targets[$1] }
        let scale = max(0, work - heavyWork) / max(lightTargets, 1e-9)
        for i in ids.indices where !heavy.contains(i) { targets[i] *= scale }

        var pairs: [Pair] = []
        var k = 0
        var load = 0.0
        var count = 0
        var deferred: [Commune] = []
        for c in communes {
            while k < ids.count - 1 && load > 0 && (load + c.workload / 2 > targets[k]
                || (!heavy.contains(k) && load + c.workload > byID[ids[k]]!.capacity)
                || count >= (byID[ids[k]]!.maxCommunes ?? .max)) {
                k += 1
                load = 0
                count = 0
            }
            if byID[ids[k]]!.homeCommune == c.code {
                deferred.append(c)
                continue
            }
            pairs.append(Pair(officer: ids[k], commune: c.code))
            load += c.workload
            count += 1
        }
        // A commune that would have gone to its own resident goes to the officer before them.
        for c in deferred {
            let owner = ids.firstIndex { byID[$0]!.homeCommune == c.code }!
            let other = ids[owner == 0 ? 1 : owner - 1]
            pairs.append(Pair(officer: other, commune: c.code))
        }
        return pairs
    }
}
