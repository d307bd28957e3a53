import DiaBanCore

/// Every objective term of an assignment, recomputed from the assignment alone.
///
/// This is the reference the solver's answer is checked against: it never reads solver values.
public struct TermValues: Sendable, Equatable, Codable {
    /// (commune, specialty) needs no officer of the commune covers.
    public var uncoveredNeeds: Int
    /// Σ_o mountain workload outside the officer's fair band (workload units).
    public var mountainDeviation: Double
    /// The largest single officer's mountain deviation (workload units).
    public var mountainMaxDeviation: Double
    /// Σ_o utilisation outside the province band (percentage points).
    public var workloadDeviation: Double
    /// The largest utilisation of an active officer (percent).
    public var maxUtilisation: Double
    /// km per year, all officers.
    public var travelKm: Double
    /// Pairs not in the current assignment.
    public var newPairs: Int
    /// Years at or past a soft rotation limit, summed over the current pairs kept.
    public var rotationYearsDue: Int = 0

    /// Points per term, in the objective's currency.
    public func points(_ weights: Weights, coverage: Rules.Coverage) -> [ObjectiveTerm: Double] {
        [
            .coverage: coverage == .soft ? weights.coverage * Double(uncoveredNeeds) : 0,
            .mountainBalance: weights.mountainBalance * mountainDeviation + weights.mountainMaxDeviation * mountainMaxDeviation,
            .workloadBalance: weights.workloadBalance * workloadDeviation + weights.workloadMax * maxUtilisation,
            .travel: weights.travel * travelKm,
            .changes: weights.change * Double(newPairs) + weights.rotation * Double(rotationYearsDue),
        ]
    }
}

extension TermValues {
    /// Reads documents written before `rotationYearsDue` existed (it is then 0).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            uncoveredNeeds: try c.decode(Int.self, forKey: .uncoveredNeeds), mountainDeviation: try c.decode(Double.self, forKey: .mountainDeviation),
            mountainMaxDeviation: try c.decode(Double.self, forKey: .mountainMaxDeviation), workloadDeviation: try c.decode(Double.self, forKey: .workloadDeviation),
            maxUtilisation: try c.decode(Double.self, forKey: .maxUtilisation), travelKm: try c.decode(Double.self, forKey: .travelKm),
            newPairs: try c.decode(Int.self, forKey: .newPairs), rotationYearsDue: try c.decodeIfPresent(Int.self, forKey: .rotationYearsDue) ?? 0)
    }
}

/// Sums an assignment's per-officer workload and mountain work, travel, new pairs and
/// uncovered needs, from which every term follows; one commune can be changed in place, so a
/// move's effect costs O(officers) rather than a whole re-evaluation.
struct Tally {
    var load: [Double]
    var mountain: [Double]
    var travel = 0.0
    var newPairs = 0
    var yearsDue = 0
    var uncovered = 0
    var officersOf: [Int: [Int]] = [:]

    init(_ context: PlanContext, _ assignment: Assignment) {
        load = Array(repeating: 0, count: context.scenario.officers.count)
        mountain = load
        for pair in assignment.pairs {
            guard let o = context.officerIndex[pair.officer], let c = context.communeIndex[pair.commune] else { continue }
            add(context, o, c)
        }
        for c in context.scenario.communes.indices { uncovered += context.uncoveredNeeds(c, officersOf[c] ?? []) }
    }

    mutating func add(_ context: PlanContext, _ o: Int, _ c: Int, sign: Double = 1) {
        let commune = context.scenario.communes[c]
        load[o] += sign * commune.workload
        if commune.isMountain { mountain[o] += sign * commune.workload }
        travel += sign * context.travelKmPerYear(officer: o, commune: c)
        let pair = Pair(officer: context.scenario.officers[o].id, commune: commune.code)
        if context.isNew(pair) { newPairs += sign > 0 ? 1 : -1 } else if let due = context.yearsDue[pair] { yearsDue += sign > 0 ? due : -due }
        if sign > 0 { officersOf[c, default: []].append(o) } else { officersOf[c]?.removeAll { $0 == o } }
    }

    /// Gives commune `c` to `officers` instead of its present officers.
    mutating func reassign(_ context: PlanContext, commune c: Int, to officers: [Int]) {
        uncovered -= context.uncoveredNeeds(c, officersOf[c] ?? [])
        for o in officersOf[c] ?? [] { add(context, o, c, sign: -1) }
        for o in officers { add(context, o, c) }
        uncovered += context.uncoveredNeeds(c, officersOf[c] ?? [])
    }

    func terms(_ context: PlanContext) -> TermValues {
        var mDev = 0.0, mMax = 0.0, uDev = 0.0, uMax = 0.0
        for (o, officer) in context.scenario.officers.enumerated() where officer.isActive {
            let band = context.mountainBand(o)
            let d = max(0, mountain[o] - band.upperBound) + max(0, band.lowerBound - mountain[o])
            mDev += d
            mMax = max(mMax, d)
            let u = officer.capacity > 0 ? 100 * load[o] / officer.capacity : 0
            let uBand = context.utilisationBand(o)
            uDev += max(0, u - uBand.upperBound) + max(0, uBand.lowerBound - u)
            uMax = max(uMax, u)
        }
        return TermValues(
            uncoveredNeeds: uncovered, mountainDeviation: mDev, mountainMaxDeviation: mMax,
            workloadDeviation: uDev, maxUtilisation: uMax, travelKm: travel, newPairs: newPairs, rotationYearsDue: yearsDue)
    }
}

extension PlanContext {
    /// The terms of `assignment` (which need not be feasible).
    public func evaluate(_ assignment: Assignment) -> TermValues {
        Tally(self, assignment).terms(self)
    }

    /// Required specialties of commune `c` that none of `officers` holds.
    func uncoveredNeeds(_ c: Int, _ officers: [Int]) -> Int {
        scenario.communes[c].requiredSpecialties.reduce(0) { n, s in n + (officers.contains { scenario.officers[$0].holds(s) } ? 0 : 1) }
    }

    /// The weighted objective of `assignment`, in points.
    public func objective(_ assignment: Assignment) -> Double {
        objective(of: evaluate(assignment))
    }

    public func objective(of terms: TermValues) -> Double {
        let p = terms.points(scenario.weights, coverage: scenario.rules.coverage)
        return ObjectiveTerm.allCases.reduce(0) { $0 + (p[$1] ?? 0) }
    }
}
