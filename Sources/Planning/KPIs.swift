import DiaBanCore

/// What a plan means for each officer, each commune and the province.
public struct KPIs: Sendable, Equatable, Codable {
    public struct OfficerKPI: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        public var status: String
        public var communes: [String]
        public var workload: Double
        public var capacity: Double
        /// Percent of capacity.
        public var utilisation: Double
        public var mountainCommunes: Int
        public var mountainWorkload: Double
        /// The officer's fair share of mountain workload.
        public var mountainTarget: Double
        /// Percent of the officer's workload that is mountain work.
        public var mountainShare: Double
        public var kmPerYear: Double
        /// Specialties the officer holds that some of their communes need.
        public var specialtiesUsed: [String]
    }
    public struct CommuneKPI: Sendable, Equatable, Codable {
        public var code: String
        public var name: String
        public var terrain: String
        public var workload: Double
        public var officers: [String]
        /// One-way road km from each officer's base, in the order of `officers`.
        public var distanceKm: [Double]
        public var uncoveredSpecialties: [String]
    }
    public struct ProvinceKPI: Sendable, Equatable, Codable {
        public var kmPerYear: Double
        public var maxUtilisation: Double
        public var minUtilisation: Double
        /// Largest minus smallest mountain share among active officers with work (points of percent).
        public var mountainShareSpread: Double
        public var uncoveredNeeds: Int
        public var overloadedOfficers: Int
        /// Communes whose officers differ from the current assignment.
        public var moves: Int
        /// Officer–commune pairs not in the current assignment.
        public var newPairs: Int
    }
    public var officers: [OfficerKPI]
    public var communes: [CommuneKPI]
    public var province: ProvinceKPI
}

extension PlanContext {
    public func kpis(_ assignment: Assignment) -> KPIs {
        let sc = scenario
        let byOfficer = assignment.communesByOfficer
        let byCommune = assignment.officersByCommune
        let currentByCommune = sc.current.officersByCommune
        var officerKPIs: [KPIs.OfficerKPI] = []
        for (o, officer) in sc.officers.enumerated() {
            let codes = byOfficer[officer.id] ?? []
            let communes = codes.compactMap { communeIndex[$0] }
            let load = communes.reduce(0) { $0 + sc.communes[$1].workload }
            let mountain = communes.filter { sc.communes[$0].isMountain }
            let mload = mountain.reduce(0) { $0 + sc.communes[$1].workload }
            let km = communes.reduce(0) { $0 + travelKmPerYear(officer: o, commune: $1) }
            let needed = Set(communes.flatMap { sc.communes[$0].requiredSpecialties })
            officerKPIs.append(.init(
                id: officer.id, name: officer.name, status: officer.status.rawValue, communes: codes,
                workload: round2(load), capacity: officer.capacity,
                utilisation: round2(officer.capacity > 0 ? 100 * load / officer.capacity : 0),
                mountainCommunes: mountain.count, mountainWorkload: round2(mload), mountainTarget: round2(mountainTarget[o]),
                mountainShare: round2(load > 0 ? 100 * mload / load : 0), kmPerYear: round2(km),
                specialtiesUsed: officer.specialties.filter(needed.contains).map(\.rawValue)))
        }
        var communeKPIs: [KPIs.CommuneKPI] = []
        var uncoveredTotal = 0
        for commune in sc.communes {
            let officers = byCommune[commune.code] ?? []
            let held = officers.compactMap { officerIndex[$0] }.map { sc.officers[$0] }
            let uncovered = commune.requiredSpecialties.filter { s in !held.contains { $0.holds(s) } }.map(\.rawValue)
            uncoveredTotal += uncovered.count
            communeKPIs.append(.init(
                code: commune.code, name: commune.name, terrain: commune.terrain.rawValue, workload: commune.workload,
                officers: officers, distanceKm: held.map { round2(sc.distanceKm(officer: $0, commune: commune)) },
                uncoveredSpecialties: uncovered))
        }
        let activeWithWork = officerKPIs.filter { $0.status == Officer.Status.active.rawValue && $0.workload > 0 }
        let active = officerKPIs.filter { $0.status == Officer.Status.active.rawValue }
        let shares = activeWithWork.map(\.mountainShare)
        let moves = sc.communes.filter { (byCommune[$0.code] ?? []) != (currentByCommune[$0.code] ?? []) }.count
        let province = KPIs.ProvinceKPI(
            kmPerYear: round2(officerKPIs.reduce(0) { $0 + $1.kmPerYear }),
            maxUtilisation: active.map(\.utilisation).max() ?? 0,
            minUtilisation: active.map(\.utilisation).min() ?? 0,
            mountainShareSpread: round2((shares.max() ?? 0) - (shares.min() ?? 0)),
            uncoveredNeeds: uncoveredTotal,
            overloadedOfficers: officerKPIs.filter { $0.workload > $0.capacity + 1e-9 }.count,
            moves: moves,
            newPairs: assignment.pairs.filter(isNew).count)
        return KPIs(officers: officerKPIs, communes: communeKPIs, province: province)
    }
}

func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
