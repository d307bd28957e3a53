/// Everything one plan is made from: the province's communes and officers, the current
/// assignment, and the committee's weights, rules and solver settings.
public struct Scenario: Sendable {
    /// The name and description as the scenario file gives them (`name:`, `description:`), in
    /// the province's language; `nameEn`, `descriptionEn` for readers of English, when given.
    public var name: String
    public var description: String
    public var nameEn: String?
    public var descriptionEn: String?
    /// The provincial headquarters: the default base of officers.
    public var headquarters: GeoPoint
    public var communes: [Commune]
    public var officers: [Officer]
    public var current: Assignment
    /// Road distances (km, one way) from an officer's base to a commune, when a routing
    /// engine gave them; otherwise great-circle distance times ``Rules/circuity``.
    public var distances: DistanceMatrix?
    public var locked: [Pair]
    public var forbidden: [Pair]
    public var weights: Weights
    public var rules: Rules
    /// Lexicographic order of objective terms; `nil` means one weighted objective.
    public var priorities: [ObjectiveTerm]?
    /// Relative slack allowed on each priority level's optimum when fixing it.
    public var priorityTolerance: Double
    public var solver: SolverSettings
    /// The date the plan is for: tenure is counted to it (and a register is read as of it).
    public var asOf: Day?
    /// When each current pair began, where known (a `since` column, or the register).
    public var since: [Pair: Day] = [:]
    /// The rules of the area work plan (`workPlan:`), when the scenario has them.
    public var workPlan: WorkPlanRules?
    /// The roster changes its what-if made, in order (an officer who leaves, joins, goes on
    /// leave or returns): what a register records when a plan of it is adopted.
    public var rosterEvents: [RosterEvent] = []
    /// The trainings staffing advice may propose (`advice.training`), when the scenario lists them.
    public var training: [TrainingOption]?
    /// The places staffing advice may propose to base a hire at (`advice.hires`), when the
    /// scenario lists them.
    public var hires: [HireOption]?

    /// The name for a reader of English (`english`) or of the province's language.
    public func name(english: Bool) -> String { english ? nameEn ?? name : name }
    public func description(english: Bool) -> String { english ? descriptionEn ?? description : description }

    public init(
        name: String, description: String = "", headquarters: GeoPoint, communes: [Commune], officers: [Officer],
        current: Assignment = .empty, distances: DistanceMatrix? = nil, locked: [Pair] = [], forbidden: [Pair] = [],
        weights: Weights = Weights(), rules: Rules = Rules(), priorities: [ObjectiveTerm]? = nil,
        priorityTolerance: Double = 0.001, solver: SolverSettings = SolverSettings()
    ) {
        self.name = name
        self.description = description
        self.headquarters = headquarters
        self.communes = communes
        self.officers = officers
        self.current = current
        self.distances = distances
        self.locked = locked
        self.forbidden = forbidden
        self.weights = weights
        self.rules = rules
        self.priorities = priorities
        self.priorityTolerance = priorityTolerance
        self.solver = solver
    }

    public func commune(_ code: String) -> Commune? { communes.first { $0.code == code } }
    public func officer(_ id: String) -> Officer? { officers.first { $0.id == id } }

    /// One-way road km from an officer's base to a commune.
    public func distanceKm(officer: Officer, commune: Commune) -> Double {
        if let d = distances?.km(officer: officer.id, commune: commune.code) { return d }
        let factor = commune.isMountain ? rules.circuity.mountain : rules.circuity.lowland
        return officer.base.greatCircleKm(to: commune.location) * factor
    }
}

/// Road distances given by file: km, one way, officer base → commune.
public struct DistanceMatrix: Sendable, Equatable {
    public private(set) var entries: [Pair: Double]
    public init(_ entries: [Pair: Double] = [:]) { self.entries = entries }
    public func km(officer: String, commune: String) -> Double? { entries[Pair(officer: officer, commune: commune)] }
    public mutating func set(officer: String, commune: String, km: Double) { entries[Pair(officer: officer, commune: commune)] = km }
}

/// The objective's terms, in the order a leader reads them.
public enum ObjectiveTerm: String, Sendable, Codable, CaseIterable {
    case coverage, mountainBalance, workloadBalance, travel, changes

    /// The words a priority list may use: `balance` stands for both balance terms.
    public static func parsePriority(_ word: String) -> [ObjectiveTerm]? {
        switch word {
        case "coverage": return [.coverage]
        case "balance": return [.mountainBalance, .workloadBalance]
        case "mountainBalance", "mountain-balance": return [.mountainBalance]
        case "workloadBalance", "workload-balance": return [.workloadBalance]
        case "travel": return [.travel]
        case "changes", "continuity": return [.changes]
        default: return nil
        }
    }
}

/// Objective weights: every term is converted to one currency, "points". The defaults and
/// the reasons for them are documented in `scenarios/README.md`.
public struct Weights: Sendable, Equatable, Codable {
    /// Points per km travelled per year (round trips, base → commune → base, `visits` times).
    public var travel: Double = 0.001
    /// Points per workload unit of mountain work outside an officer's fair band.
    public var mountainBalance: Double = 20
    /// Points per workload unit of the largest single mountain deviation (min-max; 0 = off).
    public var mountainMaxDeviation: Double = 0
    /// Points per percentage point of utilisation outside the band around the province's mean.
    public var workloadBalance: Double = 2
    /// Points per percentage point of the largest utilisation (min-max; 0 = off).
    public var workloadMax: Double = 0
    /// Points per required specialty left uncovered in a commune (soft coverage).
    public var coverage: Double = 1000
    /// Points per officer–commune pair that is not in the current assignment.
    public var change: Double = 10
    /// Points per year a current pair is kept at or past the soft rotation limit
    /// (``Rules/rotation``); part of the continuity term.
    public var rotation: Double = 20
    public init() {}
}

/// The committee's rules: switches and bands of the model.
public struct Rules: Sendable, Equatable {
    public enum Coverage: String, Sendable, Codable { case soft, hard }
    /// How an officer's mountain share is bounded when ``mountainBand`` is set.
    public struct Band: Sendable, Equatable {
        public enum Measure: String, Sendable, Codable { case count, share }
        public var measure: Measure
        public var lower: Double
        public var upper: Double
        public init(measure: Measure, lower: Double, upper: Double) { self.measure = measure; self.lower = lower; self.upper = upper }
    }
    public struct Circuity: Sendable, Equatable, Codable {
        public var lowland: Double = 1.3
        public var mountain: Double = 1.6
        public init(lowland: Double = 1.3, mountain: Double = 1.6) { self.lowland = lowland; self.mountain = mountain }
    }

    public var coverage: Coverage = .soft
    /// Hard band on each active officer's mountain communes (count or share of their communes).
    public var mountainBand: Band?
    /// At most this many pairs that are not in the current assignment.
    public var maxChanges: Int?
    /// Half-width of the free band around each balance target, as a fraction (0.1 = ±10 %).
    public var balanceTolerance: Double = 0.10
    /// The band is at least this fraction of a mean commune's workload wide on each side
    /// (0 = the relative tolerance alone).
    public var bandCommuneFraction: Double = 0
    /// Keep only the K nearest eligible officers of each commune (plus current, locked and the
    /// nearest holders of each required specialty); `nil` keeps all.
    public var candidateLimit: Int?
    public var circuity = Circuity()
    /// How long a pair may last (``Rotation``); nil: no limit.
    public var rotation: Rotation?
    public init() {}
}

/// Solver settings a scenario may carry; the command line overrides them.
public struct SolverSettings: Sendable, Equatable {
    /// Seconds; `nil` for no limit.
    public var timeLimit: Double? = 60
    /// Relative gap at which a plan is good enough.
    public var gap: Double = 1e-6
    public init(timeLimit: Double? = 60, gap: Double = 1e-6) { self.timeLimit = timeLimit; self.gap = gap }
}
