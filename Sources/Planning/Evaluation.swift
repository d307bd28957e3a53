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

    /// Points per term, in the objective's currency.
    public func points(_ weights: Weights, coverage: Rules.Coverage) -> [ObjectiveTerm: Double] {
        [
            .coverage: coverage == .soft ? weights.coverage * Double(uncoveredNeeds) : 0,
            .mountainBalance: weights.mountainBalance * mountainDeviation + weights.mountainMaxDeviation * mountainMaxDeviation,
            .workloadBalance: weights.workloadBalance * workloadDeviation + weights.workloadMax * maxUtilisation,
            .travel: weights.travel * travelKm,
            .changes: weights.change * Double(newPairs),
        ]
    }
}

extension PlanContext {
    /// The terms of `assignment` (which need not be feasible).
    public func evaluate(_ assignment: Assignment) -> TermValues {
        let n = scenario.officers.count
        var load = [Double](repeating: 0, count: n)
        var mountain = [Double](repeating: 0, count: n)
        var travel = 0.0
        var newPairs = 0
        var holdersOfCommune: [String: [Int]] = [:]
        for pair in assignment.pairs {
            guard let o = officerIndex[pair.officer], let c = communeIndex[pair.commune] else { continue }
            let commune = scenario.communes[c]
            load[o] += commune.workload
            if commune.isMountain { mountain[o] += commune.workload }
            travel += travelKmPerYear(officer: o, commune: c)
            if isNew(pair) { newPairs += 1 }
            holdersOfCommune[pair.commune, default: []].append(o)
        }
        var uncovered = 0
        for commune in scenario.communes {
            let officers = holdersOfCommune[commune.code] ?? []
            for s in commune.requiredSpecialties where !officers.contains(where: { scenario.officers[$0].holds(s) }) {
                uncovered += 1
            }
        }
        var mDev = 0.0, mMax = 0.0, uDev = 0.0, uMax = 0.0
        for (o, officer) in scenario.officers.enumerated() where officer.isActive {
            let band = mountainBand(o)
            let d = max(0, mountain[o] - band.upperBound) + max(0, band.lowerBound - mountain[o])
            mDev += d
            mMax = max(mMax, d)
            let u = officer.capacity > 0 ? 100 * load[o] / officer.capacity : 0
            let uBand = utilisationBand(o)
            uDev += max(0, u - uBand.upperBound) + max(0, uBand.lowerBound - u)
            uMax = max(uMax, u)
        }
        return TermValues(
            uncoveredNeeds: uncovered, mountainDeviation: mDev, mountainMaxDeviation: mMax,
            workloadDeviation: uDev, maxUtilisation: uMax, travelKm: travel, newPairs: newPairs)
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
