import DiaBanCore

/// The numbers every part of planning agrees on, computed once from a scenario: indices,
/// travel per pair, each officer's fair mountain share and the province's mean utilisation.
///
/// The model builder, the evaluator and the heuristic all read them from here, so the
/// objective the solver minimises and the one the report recomputes are the same function.
public struct PlanContext: Sendable {
    public let scenario: Scenario
    public let eligibility: Eligibility
    public let officerIndex: [String: Int]
    public let communeIndex: [String: Int]
    /// Σ capacity over active officers.
    public let activeCapacity: Double
    /// Σ w_c·k_c: the workload every plan distributes.
    public let totalWorkload: Double
    /// Σ m_c·w_c·k_c: the mountain workload every plan distributes.
    public let mountainWorkload: Double
    /// Mean utilisation ū = totalWorkload / activeCapacity (a fraction).
    public let meanUtilisation: Double
    /// t_o: each officer's fair share of mountain workload (0 for officers on leave).
    public let mountainTarget: [Double]
    /// Each officer's free band of mountain workload (units), see ``mountainBand(_:)``.
    public let mountainBands: [ClosedRange<Double>]
    /// Each officer's free band of utilisation (percent), see ``utilisationBand(_:)``.
    public let utilisationBands: [ClosedRange<Double>]
    let currentPairs: Set<Pair>
    /// Years at or past a soft rotation limit of each current pair that has some: the continuity
    /// term charges `Weights.rotation` points per year for keeping it (see `Tenure.swift`).
    public let yearsDue: [Pair: Int]

    /// Whether officers are provincial: every officer and every commune names a province, and
    /// an officer tracks only communes of their own province. Fair shares and mean utilisation
    /// are then computed within each province, and the plan splits into independent provinces.
    public let isProvincial: Bool

    public init(scenario: Scenario) {
        self.scenario = scenario
        let provincial = scenario.officers.allSatisfy { $0.province != nil } && scenario.communes.allSatisfy { $0.province != nil }
            && !scenario.officers.isEmpty
        self.isProvincial = provincial
        self.eligibility = Eligibility(scenario: scenario, provincial: provincial)
        self.officerIndex = Dictionary(scenario.officers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.communeIndex = Dictionary(scenario.communes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        let capacity = scenario.officers.filter(\.isActive).reduce(0) { $0 + $1.capacity }
        self.activeCapacity = capacity
        self.totalWorkload = scenario.communes.reduce(0) { $0 + $1.workload * Double($1.staffing) }
        self.mountainWorkload = scenario.communes.filter(\.isMountain).reduce(0) { $0 + $1.workload * Double($1.staffing) }
        self.meanUtilisation = capacity > 0 ? totalWorkload / capacity : 0
        self.currentPairs = scenario.current.pairSet
        self.yearsDue = scenario.softRotationYearsDue

        // Targets are shared out within each group: the province for provincial officers,
        // else the whole scenario.
        let groupOfOfficer = scenario.officers.map { provincial ? $0.province! : "" }
        let groupOfCommune = scenario.communes.map { provincial ? $0.province! : "" }
        var groupCapacity: [String: Double] = [:], groupWork: [String: Double] = [:], groupMountain: [String: Double] = [:]
        for (o, officer) in scenario.officers.enumerated() where officer.isActive { groupCapacity[groupOfOfficer[o], default: 0] += officer.capacity }
        for (c, commune) in scenario.communes.enumerated() {
            let w = commune.workload * Double(commune.staffing)
            groupWork[groupOfCommune[c], default: 0] += w
            if commune.isMountain { groupMountain[groupOfCommune[c], default: 0] += w }
        }
        let targets = scenario.officers.enumerated().map { o, officer -> Double in
            let cap = groupCapacity[groupOfOfficer[o]] ?? 0
            return officer.isActive && cap > 0 ? (groupMountain[groupOfOfficer[o]] ?? 0) * officer.capacity / cap : 0
        }
        self.mountainTarget = targets
        let tol = scenario.rules.balanceTolerance
        let granularity = scenario.rules.bandCommuneFraction
        let mountainCommunes = scenario.communes.filter(\.isMountain)
        let meanMountain = mountainCommunes.isEmpty ? 0 : mountainCommunes.reduce(0) { $0 + $1.workload } / Double(mountainCommunes.count)
        let meanWorkload = scenario.communes.isEmpty ? 0 : scenario.communes.reduce(0) { $0 + $1.workload } / Double(scenario.communes.count)
        self.mountainBands = targets.map { t in
            let h = max(tol * t, granularity * meanMountain)
            return max(0, t - h)...(t + h)
        }
        self.utilisationBands = scenario.officers.enumerated().map { o, officer in
            let cap = groupCapacity[groupOfOfficer[o]] ?? 0
            guard officer.capacity > 0, cap > 0 else { return 0...0 }
            let mean = (groupWork[groupOfOfficer[o]] ?? 0) / cap
            let h = max(tol * 100 * mean, granularity * 100 * meanWorkload / officer.capacity)
            return max(0, 100 * mean - h)...(100 * mean + h)
        }
    }

    public var tolerance: Double { scenario.rules.balanceTolerance }

    /// The free band of mountain workload for officer `o`: t ± h, where the half-width h is
    /// the larger of `balanceTolerance`·t and `bandCommuneFraction` of the mean workload
    /// of a mountain commune.
    ///
    /// Work comes in whole communes: with `bandCommuneFraction` 0.5, an officer within half a
    /// commune of their fair share counts as balanced.
    public func mountainBand(_ o: Int) -> ClosedRange<Double> { mountainBands[o] }

    /// The free band of utilisation for officer `o`, in percent: 100·ū ± h, where h is the
    /// larger of `balanceTolerance`·100·ū and `bandCommuneFraction` of a mean commune's workload as a share of the
    /// officer's capacity — for the same reason as ``mountainBand(_:)``.
    public func utilisationBand(_ o: Int) -> ClosedRange<Double> { utilisationBands[o] }

    /// km per year for officer `o` tracking commune `c`: round trips, `visits` a year.
    public func travelKmPerYear(officer o: Int, commune c: Int) -> Double {
        let commune = scenario.communes[c]
        return 2 * scenario.distanceKm(officer: scenario.officers[o], commune: commune) * commune.visitsPerYear
    }

    public func isNew(_ pair: Pair) -> Bool { !currentPairs.contains(pair) }
}
