import Advice
import DiaBanCore
import Foundation
import Planning

/// Resilience as a versioned JSON document and text: each officer's departure, the communes
/// hanging on one qualified officer, the bench per specialty.
public struct ResilienceReport: Encodable, Sendable {
    public var schema = "diaban.resilience/1"
    public var scenario: String
    public var baselineObjective: Double?
    public var departures: [Departure]
    public var bench: [Bench]

    public struct Departure: Encodable, Sendable {
        public var officer: String
        public var name: String
        public var status: String
        public var cost: Double?
        public var costLow: Double?
        public var costHigh: Double?
        public var reasons: [String]
        public var lastQualifiedFor: [String]
    }

    public struct Bench: Encodable, Sendable {
        public var specialty: String
        public var holders: [String]
        public var communesNeeding: Int
        public var communesWithoutHolder: [String]
        public var holdersSpareCapacity: Double
        public var cheapestTraining: String?
        public var cheapestTrainingCost: Double?
    }

    public init(_ r: Resilience, scenario: Scenario) {
        self.scenario = scenario.name
        baselineObjective = r.baseline.objective.map(r2)
        departures = r.departures.map { d in
            Departure(officer: d.officer, name: scenario.officers.first { $0.id == d.officer }?.name ?? d.officer,
                      status: d.without.status.rawValue, cost: d.cost.map(r2), costLow: d.costLow.map(r2), costHigh: d.costHigh.map(r2),
                      reasons: d.reasons, lastQualifiedFor: d.lastHolderOf.map { "\($0.commune) \($0.specialty.rawValue)" })
        }
        bench = r.bench.map { b in
            Bench(specialty: b.specialty.rawValue, holders: b.holders, communesNeeding: b.communesNeeding,
                  communesWithoutHolder: b.communesWithoutHolder, holdersSpareCapacity: r2(b.holdersSpareCapacity),
                  cheapestTraining: b.cheapestTraining.map { AdviceReport.describe($0, scenario) }, cheapestTrainingCost: b.cheapestTrainingCost)
        }
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public func text(markdown md: Bool = false) -> String {
        func f(_ x: Double?) -> String { x.map { decimal($0, 2) } ?? "–" }
        var out: [String] = []
        out.append(md ? "# Resilience: \(scenario)" : "Resilience: \(scenario)")
        out.append("")
        out.append("Baseline: \(f(baselineObjective)) points. Cost of each departure: the plan without the officer minus the baseline's.")
        out.append("")
        if md {
            out.append("| officer | cost | interval | last qualified officer for | no valid plan because |")
            out.append("| --- | --: | --- | --- | --- |")
        }
        for d in departures {
            let interval = d.costLow == d.costHigh ? "exact" : "[\(f(d.costLow)), \(f(d.costHigh))]"
            let last = d.lastQualifiedFor.isEmpty ? "–" : d.lastQualifiedFor.joined(separator: ", ")
            let cost = d.cost == nil ? "no valid plan" : f(d.cost)
            if md {
                out.append("| \(d.name) (\(d.officer)) | \(cost) | \(interval) | \(last) | \(d.reasons.joined(separator: " ")) |")
            } else {
                out.append("  \(d.name) (\(d.officer)): \(cost)\(d.cost == nil ? "" : " (\(interval))")\(d.lastQualifiedFor.isEmpty ? "" : "; last qualified officer for \(last)")")
                for r in d.reasons { out.append("      \(r)") }
            }
        }
        out.append("")
        out.append(md ? "## Bench per specialty" : "Bench per specialty")
        out.append("")
        if md {
            out.append("| specialty | holders | communes needing | without a holder | holders' spare capacity | cheapest training |")
            out.append("| --- | --: | --: | --- | --: | --- |")
        }
        for b in bench {
            let missing = b.communesWithoutHolder.isEmpty ? "–" : b.communesWithoutHolder.joined(separator: " ")
            let training = b.cheapestTraining.map { t in t + (b.cheapestTrainingCost.map { " (cost \(f($0)))" } ?? "") } ?? "–"
            if md {
                out.append("| \(b.specialty) | \(b.holders.count) | \(b.communesNeeding) | \(missing) | \(f(b.holdersSpareCapacity)) | \(training) |")
            } else {
                out.append("  \(b.specialty): \(b.holders.count) holders, \(b.communesNeeding) communes need it, spare capacity \(f(b.holdersSpareCapacity)); without a holder: \(missing); cheapest training: \(training)")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

private func r2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
