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
    let currentPairs: Set<Pair>

    public init(scenario: Scenario) {
        self.scenario = scenario
        self.eligibility = Eligibility(scenario: scenario)
        self.officerIndex = Dictionary(scenario.officers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.communeIndex = Dictionary(scenario.communes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        let capacity = scenario.officers.filter(\.isActive).reduce(0) { $0 + $1.capacity }
        self.activeCapacity = capacity
        self.totalWorkload = scenario.communes.reduce(0) { $0 + $1.workload * Double($1.staffing) }
        let mountain = scenario.communes.filter(\.isMountain).reduce(0) { $0 + $1.workload * Double($1.staffing) }
        self.mountainWorkload = mountain
        self.meanUtilisation = capacity > 0 ? totalWorkload / capacity : 0
        self.mountainTarget = scenario.officers.map { $0.isActive && capacity > 0 ? mountain * $0.capacity / capacity : 0 }
        self.currentPairs = scenario.current.pairSet
    }

    public var tolerance: Double { scenario.rules.balanceTolerance }

    /// The free band of mountain workload for officer `o`: [t(1−tol), t(1+tol)].
    public func mountainBand(_ o: Int) -> ClosedRange<Double> {
        let t = mountainTarget[o]
        return max(0, t * (1 - tolerance))...(t * (1 + tolerance))
    }

    /// The free band of utilisation, in percent: 100·ū(1 ± tol).
    public var utilisationBandPercent: ClosedRange<Double> {
        (100 * meanUtilisation * (1 - tolerance))...(100 * meanUtilisation * (1 + tolerance))
    }

    /// km per year for officer `o` tracking commune `c`: round trips, `visits` a year.
    public func travelKmPerYear(officer o: Int, commune c: Int) -> Double {
        let commune = scenario.communes[c]
        return 2 * scenario.distanceKm(officer: scenario.officers[o], commune: commune) * commune.visitsPerYear
    }

    public func isNew(_ pair: Pair) -> Bool { !currentPairs.contains(pair) }
}
