import DiaBanCore

/// One staffing action a leader may take: train, hire, move a base or add capacity.
///
/// An action is a value: it knows the what-if changes (``changes(in:)``) that carry it out, so
/// that the gain DiaBan states is the difference between solving the scenario as it is and
/// solving it with those changes, and a planner can re-solve the same changes to check it.
public enum AdviceAction: Sendable, Hashable, Comparable {
    /// Officer `officer` gains `specialty`.
    case train(officer: String, specialty: Specialty)
    /// A new officer based at `place`, holding `specialties`, with `capacity` workload units.
    case hire(place: HirePlace, specialties: [Specialty], capacity: Double)
    /// Officer `officer`'s working base moves to the centre of commune `commune`.
    case moveBase(officer: String, commune: String)
    /// Officer `officer` gets `units` more workload units.
    case addCapacity(officer: String, units: Double)

    /// Where a hire is based.
    public enum HirePlace: Sendable, Hashable, Comparable {
        case headquarters
        /// The centre of a commune, by code.
        case commune(String)

        public var key: String {
            switch self {
            case .headquarters: "headquarters"
            case .commune(let code): code
            }
        }
    }

    /// The kinds of action, in the order reports list them.
    public enum Kind: String, Sendable, Codable, CaseIterable, Comparable {
        case train, hire, moveBase = "move-base", capacity
        public static func < (a: Self, b: Self) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var kind: Kind {
        switch self {
        case .train: .train
        case .hire: .hire
        case .moveBase: .moveBase
        case .addCapacity: .capacity
        }
    }

    /// A stable key: the kind and its subject, e.g. `train-CB07-border-security`. Reports sort
    /// by it to break ties, and what-if files are named after it.
    public var key: String {
        switch self {
        case .train(let o, let s): "train-\(o)-\(s.rawValue)"
        case .hire(let place, let specialties, _):
            (["hire", place.key] + specialties.map(\.rawValue)).joined(separator: "-")
        case .moveBase(let o, let c): "move-base-\(o)-\(c)"
        case .addCapacity(let o, let units): "capacity-\(o)-\(Self.number(units))"
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        a.kind != b.kind ? a.kind < b.kind : a.key < b.key
    }

    /// The officer a hire is added as: an id no officer of `scenario` has (`NEW1`, `NEW2`, …,
    /// the n-th hire of a combination getting the n-th free id).
    public static func hireID(_ n: Int, in scenario: Scenario) -> String {
        let taken = Set(scenario.officers.map(\.id))
        var k = 0, found = 0
        while true {
            k += 1
            let id = "NEW\(k)"
            if !taken.contains(id) {
                found += 1
                if found == n { return id }
            }
        }
    }

    /// The what-if changes that carry out this action on `scenario`; `hireNumber` numbers the
    /// hires of one combination (1 for the first).
    public func changes(in scenario: Scenario, hireNumber: Int = 1) -> [ScenarioChange] {
        switch self {
        case .train(let o, let s):
            return [.setSpecialties(officer: o, add: [s], remove: [])]
        case .hire(let place, let specialties, let capacity):
            let id = Self.hireID(hireNumber, in: scenario)
            var base = scenario.headquarters
            var label = "headquarters"
            var province = Self.commonProvince(scenario)
            if case .commune(let code) = place, let c = scenario.communes.first(where: { $0.code == code }) {
                base = c.location
                label = c.name
                if province == nil, scenario.officers.allSatisfy({ $0.province != nil }) { province = c.province }
            }
            let officer = Officer(id: id, name: "Cán bộ mới \(hireNumber)", base: base, baseLabel: label,
                                  specialties: specialties, capacity: capacity, province: province)
            return [.addOfficer(officer)]
        case .moveBase(let o, let c):
            return [.setBase(officer: o, base: .commune(c))]
        case .addCapacity(let o, let units):
            let capacity = scenario.officers.first { $0.id == o }.map(\.capacity) ?? 0
            return [.setCapacity(officer: o, capacity: Self.round2(capacity + units))]
        }
    }

    /// The province every officer names, when they all name the same one (a hire joins it).
    static func commonProvince(_ scenario: Scenario) -> String? {
        let provinces = Set(scenario.officers.map(\.province))
        guard provinces.count == 1, let p = provinces.first else { return nil }
        return p
    }

    static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    static func number(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(Self.round2(x))
    }
}

extension Array where Element == AdviceAction {
    /// The changes of a combination of actions, in order; hires are numbered in order.
    public func changes(in scenario: Scenario) -> [ScenarioChange] {
        var hires = 0
        return flatMap { action -> [ScenarioChange] in
            if case .hire = action { hires += 1 }
            return action.changes(in: scenario, hireNumber: Swift.max(1, hires))
        }
    }

    /// `scenario` with every action of the combination applied.
    public func applied(to scenario: Scenario) throws(ScenarioChangeError) -> Scenario {
        var s = scenario
        for change in changes(in: scenario) { try change.apply(to: &s) }
        return s
    }
}
