import DiaBanCore
import Foundation
import LinearModel
import Planning

/// What the province cannot lose: each officer's departure priced by solving without them,
/// the communes that hang on one qualified officer, and the bench of each specialty.
public struct Resilience: Sendable {
    public struct Departure: Sendable {
        public var officer: String
        /// The scenario without the officer, solved.
        public var without: SolvedPoint
        /// Points lost: the plan without them minus the baseline's (nil when no valid plan).
        public var cost: Double?
        /// The interval the two solves' bounds leave for the true cost.
        public var costLow: Double?
        public var costHigh: Double?
        /// Why there is no valid plan without them, when there is none.
        public var reasons: [String]
        /// Communes needing a specialty of which this officer is the only eligible holder.
        public var lastHolderOf: [CommuneNeed]
    }

    public struct CommuneNeed: Sendable, Hashable, Comparable {
        public var commune: String
        public var specialty: Specialty
        public static func < (a: Self, b: Self) -> Bool { (a.commune, a.specialty) < (b.commune, b.specialty) }
    }

    public struct Bench: Sendable {
        public var specialty: Specialty
        /// Active holders, by id.
        public var holders: [String]
        /// Communes requiring the specialty, and those with no eligible holder at all.
        public var communesNeeding: Int
        public var communesWithoutHolder: [String]
        /// The holders' capacity left unused in the baseline's plan (workload units).
        public var holdersSpareCapacity: Double
        /// The cheapest training adding a holder where one is missing: from the advice table's
        /// costs when given, else the single training with the largest gain.
        public var cheapestTraining: AdviceAction?
        public var cheapestTrainingCost: Double?
    }

    public var baseline: SolvedPoint
    /// Largest cost first; officers whose departure leaves no valid plan first of all; ties by id.
    public var departures: [Departure]
    public var bench: [Bench]
}

extension Advisor {
    /// Resilience of a scenario whose baseline has a plan.
    public func resilience(
        _ scenario: Scenario, baseline: PlanOutcome, point: SolvedPoint, request: PlanRequest,
        training: [TrainingOption]?, jobs: Int
    ) throws -> Resilience {
        let context = PlanContext(scenario: scenario)
        let active = scenario.officers.filter(\.isActive)
        // By province (``ProvinceFrames``), a departure re-solves the officer's province alone.
        let frames = ProvinceFrames(baseline)
        let parts = active.map { frames?.part(ofOfficer: $0.id) }
        func base(_ i: Int) -> (scenario: Scenario, outcome: PlanOutcome, point: SolvedPoint) {
            if let frames, let p = parts[i] { return (frames.scenarios[p], frames.outcomes[p], frames.points[p]) }
            return (scenario, baseline, point)
        }
        var work: [PlanBatch.Job] = []
        for (i, officer) in active.enumerated() {
            var s = base(i).scenario
            // A locked officer cannot be removed; their departure is their leave.
            let change: ScenarioChange = scenario.locked.contains { $0.officer == officer.id }
                ? .setOfficerStatus(officer: officer.id, status: .leave) : .removeOfficer(officer.id)
            try change.apply(to: &s)
            // Each departure starts from the baseline's root: the others' sets and its duals.
            work.append(PlanBatch.Job(scenario: s, request: request.resolving(from: base(i).outcome, jobs: jobs)))
        }
        let results = PlanBatch(planner: planner, jobs: jobs).run(work)

        // Eligible holders per need.
        var holdersOfNeed: [Resilience.CommuneNeed: [String]] = [:]
        for (c, commune) in scenario.communes.enumerated() {
            for s in commune.requiredSpecialties {
                let holders = context.eligibility.officersOfCommune[c].map { scenario.officers[$0] }.filter { $0.isActive && $0.holds(s) }.map(\.id)
                holdersOfNeed[Resilience.CommuneNeed(commune: commune.code, specialty: s)] = holders.sorted()
            }
        }
        var departures: [Resilience.Departure] = []
        for (i, officer) in active.enumerated() {
            let outcome = try results[i].outcome.get()
            // The cost: the difference of the two solves of the officer's province (or of the whole).
            let point = base(i).point
            let without = SolvedPoint(outcome, seconds: results[i].wallSeconds)
            var d = Resilience.Departure(officer: officer.id, without: without, cost: nil, costLow: nil, costHigh: nil, reasons: [],
                                         lastHolderOf: holdersOfNeed.filter { $0.value == [officer.id] }.map(\.key).sorted())
            if let frames, let p = parts[i] { d.without = frames.whole(replacing: [p: outcome], seconds: results[i].wallSeconds) }
            if let z0 = point.objective, let z1 = without.objective {
                d.cost = z1 - z0
                if let b0 = point.bound, let b1 = without.bound {
                    d.costLow = point.isProven && without.isProven ? z1 - z0 : b1 - z0
                    d.costHigh = point.isProven && without.isProven ? z1 - z0 : z1 - b0
                }
            } else {
                d.reasons = outcome.findings.filter { $0.severity == .error }.map(\.message)
                    + (outcome.explanation?.relaxations.map(\.message) ?? [])
                if d.reasons.isEmpty { d.reasons = ["No plan was found (\(outcome.status.rawValue))."] }
            }
            departures.append(d)
        }
        departures.sort { a, b in
            switch (a.cost, b.cost) {
            case (nil, nil): return a.officer < b.officer
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return abs(x - y) > 1e-9 ? x > y : a.officer < b.officer
            }
        }

        // The bench.
        let load = baseline.plan.map { plan in
            Dictionary(plan.pairs.map { ($0.officer, scenario.commune($0.commune)?.workload ?? 0) }, uniquingKeysWith: +)
        } ?? [:]
        var bench: [Resilience.Bench] = []
        for s in AdviceCandidates.neededSpecialties(scenario) {
            let holders = active.filter { $0.holds(s) }
            let needing = holdersOfNeed.filter { $0.key.specialty == s }
            let missing = needing.filter { $0.value.isEmpty }.map(\.key.commune).sorted()
            var b = Resilience.Bench(specialty: s, holders: holders.map(\.id).sorted(), communesNeeding: needing.count,
                                     communesWithoutHolder: missing,
                                     holdersSpareCapacity: holders.reduce(0) { $0 + max(0, $1.capacity - (load[$1.id] ?? 0)) },
                                     cheapestTraining: nil, cheapestTrainingCost: nil)
            if !missing.isEmpty {
                // Officers eligible for a commune lacking a holder.
                let missingIdx = missing.compactMap { context.communeIndex[$0] }
                let eligible = Set(missingIdx.flatMap { context.eligibility.officersOfCommune[$0] }.map { scenario.officers[$0].id })
                if let table = training {
                    let options = table.filter { $0.specialty == s && eligible.contains($0.officer) && $0.cost != nil }
                        .sorted { ($0.cost!, $0.officer) < ($1.cost!, $1.officer) }
                    if let first = options.first {
                        b.cheapestTraining = .train(officer: first.officer, specialty: s)
                        b.cheapestTrainingCost = first.cost
                    }
                } else {
                    // Without costs: the eligible officer nearest to the communes lacking a holder.
                    let best = active.filter { eligible.contains($0.id) && !$0.holds(s) }.min { x, y in
                        let dx = missingIdx.reduce(0) { $0 + context.travelKmPerYear(officer: context.officerIndex[x.id]!, commune: $1) }
                        let dy = missingIdx.reduce(0) { $0 + context.travelKmPerYear(officer: context.officerIndex[y.id]!, commune: $1) }
                        return dx != dy ? dx < dy : x.id < y.id
                    }
                    b.cheapestTraining = best.map { .train(officer: $0.id, specialty: s) }
                }
            }
            bench.append(b)
        }
        return Resilience(baseline: frames?.whole ?? point, departures: departures, bench: bench)
    }
}

extension PlanRequest {
    /// The request for re-solving a changed scenario of `baseline`'s: the engine starts from
    /// the baseline's root (its duals and columns), and, with `jobs` solves side by side, each
    /// takes one thread.
    func resolving(from baseline: PlanOutcome, jobs: Int) -> PlanRequest {
        var r = self
        r.rootStart = baseline.rootCertificate
        if jobs > 1 && r.threads == nil { r.threads = 1 }
        return r
    }
}
