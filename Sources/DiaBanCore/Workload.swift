/// The default workload formula, used when a commune's table gives no workload:
///
///     w = base + perTenThousandPeople · population / 10,000 + perHundredKm2 · area / 100
///     w ×= mountainFactor   (mountain and highland communes)
///
/// rounded to two decimals. A missing population or area is filled first by the median of the
/// communes of the same former district that have one, then by the median of all communes.
public struct WorkloadFormula: Sendable, Equatable, Codable {
    public var base: Double = 1.0
    public var perTenThousandPeople: Double = 0.08
    public var perHundredKm2: Double = 0.12
    public var mountainFactor: Double = 1.3
    public init() {}

    public func workload(population: Double, areaKm2: Double, terrain: Terrain) -> Double {
        var w = base + perTenThousandPeople * population / 10_000 + perHundredKm2 * areaKm2 / 100
        if terrain.isMountain { w *= mountainFactor }
        return (w * 100).rounded() / 100
    }

    /// Fills population and area where missing, by the stated median rule, and returns for
    /// each commune the values used and whether they were filled.
    public static func fillMissing(
        _ items: [(district: String?, population: Double?, area: Double?)]
    ) -> [(population: Double, area: Double, filled: Bool)] {
        func median(_ xs: [Double]) -> Double? {
            guard !xs.isEmpty else { return nil }
            let s = xs.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        var popBy: [String: [Double]] = [:], areaBy: [String: [Double]] = [:]
        for item in items {
            let d = item.district ?? ""
            if let p = item.population { popBy[d, default: []].append(p) }
            if let a = item.area { areaBy[d, default: []].append(a) }
        }
        let allPop = median(items.compactMap(\.population)) ?? 0
        let allArea = median(items.compactMap(\.area)) ?? 0
        return items.map { item in
            let d = item.district ?? ""
            let p = item.population ?? median(popBy[d] ?? []) ?? allPop
            let a = item.area ?? median(areaBy[d] ?? []) ?? allArea
            return (p, a, item.population == nil || item.area == nil)
        }
    }
}
