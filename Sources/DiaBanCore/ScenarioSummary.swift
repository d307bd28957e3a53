import Foundation

/// The numbers `diaban check` prints for a valid scenario: sizes, mountain share, workload
/// against capacity, specialty supply against demand, and the state of the current assignment.
public struct ScenarioSummary: Sendable, Equatable {
    public struct SpecialtyLine: Sendable, Equatable {
        public var specialty: Specialty
        /// Communes requiring it, and their workload (× staffing).
        public var communes: Int
        public var workload: Double
        /// Active officers holding it, and their total capacity.
        public var holders: Int
        public var holdersCapacity: Double
    }

    public struct Overload: Sendable, Equatable {
        public var officer: String
        public var load: Double
        public var capacity: Double
    }

    public var name: String
    /// The English name, when the file gives one.
    public var nameEn: String?
    public var file: String
    public var communes: Int
    public var kinds: [CommuneKind: Int]
    /// Mountain and highland communes; the rest count as lowland.
    public var mountain: Int
    public var lowland: Int
    public var totalWorkload: Double
    public var mountainWorkload: Double
    public var computedWorkloads: Int
    public var filledCommunes: [String]
    public var officers: Int
    public var active: Int
    public var onLeave: Int
    /// Officers whose base is not the headquarters.
    public var basedAway: Int
    public var totalCapacity: Double
    public var specialties: [SpecialtyLine]
    public var currentPairs: Int
    /// Communes whose current officers number exactly their staffing.
    public var staffedAsRequired: Int
    public var overloaded: [Overload]
    /// Required specialties that no current officer of the commune holds, as (commune, specialty).
    public var uncovered: [Pair]
    public var officersWithoutMountain: Int
    public var officersOnlyMountain: Int
    /// Tenure: the plan's date, how many current pairs have a start date, the rotation rule and
    /// the pairs it finds due.
    public var asOf: Day?
    public var pairsWithSince = 0
    public var rotation: Rotation?
    public var pairsDue = 0
    public var warnings: Int

    public var mountainShare: Double { communes == 0 ? 0 : Double(mountain) / Double(communes) }
    public var capacityRatio: Double { totalWorkload == 0 ? 0 : totalCapacity / totalWorkload }

    public init(_ loaded: LoadedScenario) {
        let s = loaded.scenario
        name = s.name
        nameEn = s.nameEn
        file = loaded.file
        communes = s.communes.count
        kinds = Dictionary(grouping: s.communes, by: \.kind).mapValues(\.count)
        mountain = s.communes.filter(\.isMountain).count
        lowland = communes - mountain
        totalWorkload = s.communes.reduce(0) { $0 + $1.workload * Double($1.staffing) }
        mountainWorkload = s.communes.filter(\.isMountain).reduce(0) { $0 + $1.workload * Double($1.staffing) }
        computedWorkloads = loaded.computedWorkloads.count
        let byCode = Dictionary(s.communes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        filledCommunes = loaded.filledCommunes.compactMap { byCode[$0]?.name }
        officers = s.officers.count
        let activeOfficers = s.officers.filter(\.isActive)
        active = activeOfficers.count
        onLeave = officers - active
        basedAway = s.officers.filter { $0.base != s.headquarters }.count
        totalCapacity = activeOfficers.reduce(0) { $0 + $1.capacity }

        let demanded = Set(s.communes.flatMap(\.requiredSpecialties))
        let held = Set(activeOfficers.flatMap(\.specialties))
        specialties = demanded.union(held).sorted().map { sp in
            let need = s.communes.filter { $0.requiredSpecialties.contains(sp) }
            let holders = activeOfficers.filter { $0.holds(sp) }
            return SpecialtyLine(specialty: sp, communes: need.count, workload: need.reduce(0) { $0 + $1.workload * Double($1.staffing) },
                                 holders: holders.count, holdersCapacity: holders.reduce(0) { $0 + $1.capacity })
        }

        let byCommune = s.current.officersByCommune
        let byOfficer = s.current.communesByOfficer
        currentPairs = s.current.pairs.count
        staffedAsRequired = s.communes.filter { (byCommune[$0.code]?.count ?? 0) == $0.staffing }.count
        overloaded = s.officers.compactMap { o in
            let load = (byOfficer[o.id] ?? []).reduce(0) { $0 + (byCode[$1]?.workload ?? 0) }
            return load > o.capacity + 1e-9 ? Overload(officer: o.id, load: load, capacity: o.capacity) : nil
        }
        let officerByID = Dictionary(s.officers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        uncovered = s.communes.flatMap { c in
            c.requiredSpecialties.filter { sp in !(byCommune[c.code] ?? []).contains { officerByID[$0]?.holds(sp) ?? false } }
                .map { Pair(officer: $0.rawValue, commune: c.code) }
        }
        var without = 0, only = 0
        for o in activeOfficers {
            let list = (byOfficer[o.id] ?? []).compactMap { byCode[$0] }
            let m = list.filter(\.isMountain).count
            if !list.isEmpty && m == 0 { without += 1 }
            if !list.isEmpty && m == list.count { only += 1 }
        }
        officersWithoutMountain = without
        officersOnlyMountain = only
        asOf = s.asOf
        pairsWithSince = s.current.pairs.filter { s.since[$0] != nil }.count
        rotation = s.rules.rotation
        pairsDue = s.pairsDueForRotation.count
        warnings = loaded.warnings.count
    }
}
