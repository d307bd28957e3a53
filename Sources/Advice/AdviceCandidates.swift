import DiaBanCore
import Planning

/// Which actions are candidates, and of what size.
public struct AdviceOptions: Sendable {
    /// How many actions of each kind the combination may take.
    public var budgets: [AdviceAction.Kind: Int]
    /// Workload units a capacity action adds.
    public var capacityUnits: Double = 1
    /// A hire's capacity; nil for the median capacity of the active roster.
    public var hireCapacity: Double?
    /// The trainings allowed (a scenario's `advice.training` table): when given, the only
    /// trainings considered; nil for every officer in every needed specialty they lack.
    public var training: [TrainingOption]?
    /// The places a hire may be based at (a scenario's `advice.hires` table): when given, the
    /// only hires considered; nil for the headquarters and every commune's centre.
    public var hires: [HireOption]?
    /// Solves at the same time (each on its own thread).
    public var jobs: Int = 1
    /// Solve only as many candidates as it takes to prove the first `screenTop` of each kind
    /// (the others are left out by bounds); nil solves every candidate.
    public var screenTop: Int?

    public init(budgets: [AdviceAction.Kind: Int]) { self.budgets = budgets }

    public func budget(_ kind: AdviceAction.Kind) -> Int { budgets[kind] ?? 0 }
}

/// The candidate actions of a scenario, in a fixed order (kind, then key).
public enum AdviceCandidates {
    /// The specialties some commune requires, sorted.
    public static func neededSpecialties(_ scenario: Scenario) -> [Specialty] {
        Array(Set(scenario.communes.flatMap(\.requiredSpecialties))).sorted()
    }

    /// The median capacity of the active officers (the mean of the two middle ones for an even
    /// count), rounded to two decimals.
    public static func medianCapacity(_ scenario: Scenario) -> Double {
        let caps = scenario.officers.filter(\.isActive).map(\.capacity).sorted()
        guard !caps.isEmpty else { return 1 }
        let m = caps.count / 2
        let median = caps.count % 2 == 1 ? caps[m] : (caps[m - 1] + caps[m]) / 2
        return AdviceAction.round2(median)
    }

    /// Every candidate of the kinds with a budget above 0:
    /// - train: each active officer in each needed specialty they lack (only the table's rows
    ///   when the scenario has an `advice.training` table);
    /// - hire: at the headquarters with no specialty, and at each commune's centre with the
    ///   specialties that commune requires (only the rows of the scenario's `advice.hires`
    ///   table when it has one), with the median capacity (or the one given);
    /// - move base: each active officer to the centre of each commune they currently track;
    /// - capacity: each active officer, `capacityUnits` more.
    public static func all(_ scenario: Scenario, options: AdviceOptions) -> [AdviceAction] {
        var out: [AdviceAction] = []
        let active = scenario.officers.filter(\.isActive)
        if options.budget(.train) > 0 {
            if let table = options.training {
                out += Set(table.map { AdviceAction.train(officer: $0.officer, specialty: $0.specialty) }).filter { action in
                    guard case .train(let o, let s) = action else { return false }
                    return active.contains { $0.id == o && !$0.holds(s) }
                }
            } else {
                let needed = neededSpecialties(scenario)
                for officer in active {
                    for s in needed where !officer.holds(s) { out.append(.train(officer: officer.id, specialty: s)) }
                }
            }
        }
        if options.budget(.hire) > 0 {
            let capacity = options.hireCapacity ?? medianCapacity(scenario)
            if let table = options.hires {
                for row in table {
                    out.append(.hire(place: row.commune.map { .commune($0) } ?? .headquarters, specialties: row.specialties.sorted(), capacity: capacity))
                }
            } else {
                out.append(.hire(place: .headquarters, specialties: [], capacity: capacity))
                for c in scenario.communes {
                    out.append(.hire(place: .commune(c.code), specialties: c.requiredSpecialties.sorted(), capacity: capacity))
                }
            }
        }
        if options.budget(.moveBase) > 0 {
            let byOfficer = scenario.current.communesByOfficer
            for officer in active {
                for code in Set(byOfficer[officer.id] ?? []).sorted() {
                    guard let c = scenario.communes.first(where: { $0.code == code }), c.location != officer.base else { continue }
                    out.append(.moveBase(officer: officer.id, commune: code))
                }
            }
        }
        if options.budget(.capacity) > 0, options.capacityUnits > 0 {
            for officer in active { out.append(.addCapacity(officer: officer.id, units: options.capacityUnits)) }
        }
        return Array(Set(out)).sorted()
    }

    /// Whether the action provably changes nothing the model sees, so that its gain is 0
    /// without a solve: a training in a specialty that no commune the officer may track
    /// requires (exact when no candidate limit prunes pairs, since only then does holding a
    /// specialty leave the eligible pairs as they are).
    static func provablyUseless(_ action: AdviceAction, context: PlanContext) -> Bool {
        guard case .train(let o, let s) = action, context.scenario.rules.candidateLimit == nil else { return false }
        let scenario = context.scenario
        return !context.eligibility.pairs.contains { pair in
            pair.officer == o && (context.communeIndex[pair.commune].map { scenario.communes[$0].requiredSpecialties.contains(s) } ?? false)
        }
    }
}
