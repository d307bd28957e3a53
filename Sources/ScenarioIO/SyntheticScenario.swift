import DurableFiles
import DiaBanCore
import Foundation

/// Writes synthetic scenarios of any size, deterministic by seed: the real units of some
/// provinces or of the whole country (from the national table), or invented ones. Officers are
/// provincial: each belongs to one province and starts from its most populous ward.
public struct SyntheticScenario: Sendable {
    public enum Source: Sendable, Equatable {
        /// Units of the national table at `table`; `provinces` by 2-digit code or name, or nil for all.
        case national(table: String, provinces: [String]?)
        /// `communes` invented units in provinces of about 100.
        case invented(communes: Int)
    }

    public var seed: UInt64
    public var communesPerOfficer: Double
    /// Total capacity of each province's officers over its total workload.
    public var capacityRatio: Double
    public var workload: WorkloadFormula

    public init(seed: UInt64 = 1, communesPerOfficer: Double = 3, capacityRatio: Double = 1.45, workload: WorkloadFormula = WorkloadFormula()) {
        self.seed = seed
        self.communesPerOfficer = communesPerOfficer
        self.capacityRatio = capacityRatio
        self.workload = workload
    }

    /// Builds the scenario; throws when the table cannot be read or names no such province.
    public func generate(_ source: Source, command: String) throws(ScenarioErrors) -> GeneratedScenario {
        var rng = SplitMix64(seed: seed)
        var units: [NationalUnit]
        var terrainByRule: [Bool]
        let origin: String
        switch source {
        case .national(let table, let provinces):
            let all = try NationalTable.read(path: table)
            if let wanted = provinces {
                var selected: [NationalUnit] = []
                var unknown: [String] = []
                for w in wanted {
                    let key = CommuneSelection.placeKey(w)
                    let hit = all.filter { $0.provinceCode == w || CommuneSelection.placeKey($0.province) == key }
                    if hit.isEmpty { unknown.append(w) }
                    selected += hit.filter { u in !selected.contains { $0.code == u.code } }
                }
                if !unknown.isEmpty {
                    let names = Dictionary(all.map { ($0.provinceCode, $0.province) }, uniquingKeysWith: { a, _ in a }).sorted { $0.key < $1.key }
                    throw ScenarioErrors([ScenarioError(.unknownReference, at: SourceLocation(file: table, field: "province"),
                                                        "No province \(Text.and(unknown)) in the national table.",
                                                        hint: "Give a 2-digit code or a name: " + names.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ".")])
                }
                units = selected.sorted { $0.code < $1.code }
            } else {
                units = all
            }
            let filled = TerrainRule.fill(units)
            for i in units.indices { units[i].terrain = filled[i].terrain }
            terrainByRule = filled.map(\.byRule)
            origin = "the real units of \(table) (see its SOURCES.md)"
        case .invented(let n):
            units = Self.invent(n, &rng)
            terrainByRule = Array(repeating: true, count: units.count)
            origin = "\(n) invented units (no real place)"
        }

        // Workloads by the formula, missing population and area filled per province.
        let fill = WorkloadFormula.fillMissing(units.map { ($0.province, $0.population.map(Double.init), $0.area) })
        var communes: [Commune] = []
        for (u, f) in zip(units, fill) {
            communes.append(Commune(code: u.code, name: u.name, kind: u.kind, province: u.province, terrain: u.terrain ?? .lowland,
                                    areaKm2: u.area, population: u.population, location: u.location,
                                    workload: workload.workload(population: f.population, areaKm2: f.area, terrain: u.terrain ?? .lowland)))
        }
        for rule in Self.requirements { rule.apply(to: &communes) }

        // Officers, province by province.
        let provinces = Dictionary(grouping: units.indices) { units[$0].provinceCode }
        var officers: [Officer] = []
        var bases: [String: String] = [:]
        var pairs: [Pair] = []
        var firstBase: Commune?
        for code in provinces.keys.sorted() {
            let members = provinces[code]!.map { communes[$0] }
            let base = members.max { a, b in
                let ka = (a.kind == .phuong ? 1 : 0, a.population ?? 0, b.code)
                let kb = (b.kind == .phuong ? 1 : 0, b.population ?? 0, a.code)
                return ka < kb
            }!
            if firstBase == nil { firstBase = base }
            let (staff, current) = staffProvince(code: code, communes: members, base: base, &rng)
            officers += staff
            for o in staff { bases[o.id] = base.code }
            pairs += current
        }
        let roster = Roster(officers: officers, baseCommunes: bases, current: Assignment(pairs))
        let hq = firstBase!
        let provinceNames = provinces.keys.sorted().map { units[provinces[$0]![0]].province }
        return GeneratedScenario(communes: communes, terrainByRule: terrainByRule, roster: roster,
                                 headquarters: (hq.name, hq.location), provinces: provinceNames, origin: origin,
                                 seed: seed, command: command, capacityRatio: capacityRatio, workload: workload)
    }

    /// The requirement rules of a generated scenario (written into its scenario.yaml too).
    public static let requirements = [
        SpecialtyRequirement(specialty: "urban-management", select: CommuneSelection(kinds: [.phuong])),
        SpecialtyRequirement(specialty: "coastal-fisheries", select: CommuneSelection(kinds: [.dacKhu])),
    ]

    private func staffProvince(code: String, communes: [Commune], base: Commune, _ rng: inout SplitMix64) -> ([Officer], [Pair]) {
        let n = max(1, Int((Double(communes.count) / communesPerOfficer).rounded()))
        let work = communes.reduce(0) { $0 + $1.workload * Double($1.staffing) }
        let raw = (0..<n).map { _ in rng.uniform(0.7, 1.3) }
        let total = capacityRatio * work
        let sum = raw.reduce(0, +)
        var caps = raw.map { ($0 * total / sum * 4).rounded() / 4 }
        caps = caps.map { max(0.25, $0) }
        let names = SyntheticNames.people(n, &rng) { _ in false }

        // Specialties: enough urban holders for the wards, a coastal one where there are đặc khu.
        func demand(_ s: Specialty) -> Double { communes.filter { $0.requiredSpecialties.contains(s) }.reduce(0) { $0 + $1.workload } }
        let mean = total / Double(n)
        let urban = demand("urban-management") > 0 ? min(n, Int((1.5 * demand("urban-management") / mean).rounded(.up))) : 0
        let coastal = demand("coastal-fisheries") > 0 ? min(n, max(1, Int((1.5 * demand("coastal-fisheries") / mean).rounded(.up)))) : 0
        let general: [Specialty] = ["digital-transformation", "agriculture", "land-management"]
        var officers: [Officer] = []
        for i in 0..<n {
            var specs: [Specialty] = [rng.pick(general)]
            if rng.chance(0.3) { specs.append(rng.pick(general)) }
            if i < urban { specs.append("urban-management") }
            if i >= n - coastal { specs.append("coastal-fisheries") }
            officers.append(Officer(id: "CB\(code)-" + String(format: "%03d", i + 1), name: names[i], base: base.location, baseLabel: base.name,
                                    specialties: specs, capacity: caps[i], province: communes[0].province))
        }

        // Current: a sweep around the base, each officer filled in turn to about their share.
        let sorted = communes.sorted { a, b in
            let ta = atan2(a.location.lat - base.location.lat, a.location.lon - base.location.lon)
            let tb = atan2(b.location.lat - base.location.lat, b.location.lon - base.location.lon)
            return (ta, a.code) < (tb, b.code)
        }
        let order = rng.shuffled(officers.map(\.id))
        let capOf = Dictionary(officers.map { ($0.id, $0.capacity) }, uniquingKeysWith: { a, _ in a })
        let targets = order.map { capOf[$0]! * rng.uniform(0.85, 1.15) }
        let scale = work / targets.reduce(0, +)
        var pairs: [Pair] = []
        var k = 0, load = 0.0
        for c in sorted {
            while k < order.count - 1 && load + c.workload / 2 > targets[k] * scale {
                k += 1
                load = 0
            }
            pairs.append(Pair(officer: order[k], commune: c.code))
            load += c.workload
        }
        return (officers, pairs)
    }

    /// Invented units: provinces of about 100 on a grid over Vietnam's latitudes, each with a
    /// mountainous west (its westernmost 20–70 % of xã) and a lowland east.
    private static func invent(_ n: Int, _ rng: inout SplitMix64) -> [NationalUnit] {
        let p = max(1, (n + 99) / 100)
        let width = max(5, String(n).count)
        var units: [NationalUnit] = []
        var next = 0
        for k in 0..<p {
            let size = n / p + (k < n % p ? 1 : 0)
            let centre = GeoPoint(lat: 9 + 13 * (Double(k) + 0.5) / Double(p), lon: 104.5 + 2 * rng.unit())
            let province = String(format: "Tỉnh Mẫu %02d", k + 1)
            let mountainShare = rng.uniform(0.2, 0.7)
            var drafts: [(GeoPoint, Int)] = []
            for i in 0..<size {
                let point = GeoPoint(lat: centre.lat + 0.25 * rng.normal(), lon: centre.lon + 0.3 * rng.normal())
                drafts.append((point, next + i))
            }
            let westToEast = drafts.sorted { ($0.0.lon, $0.1) < ($1.0.lon, $1.1) }
            let mountainCount = Int((Double(size) * mountainShare).rounded())
            for (rank, d) in westToEast.enumerated() {
                let mountain = rank < mountainCount
                let pop = Int((mountain ? 12_000 : 25_000) * exp(0.5 * rng.normal()))
                let area = ((mountain ? 200 : 35) * exp(0.5 * rng.normal()) * 100).rounded() / 100
                let ward = !mountain && rng.chance(0.12)
                units.append(NationalUnit(
                    code: String(format: "%0\(width)d", d.1 + 1), name: (ward ? "Phường " : "Xã ") + SyntheticNames.place(d.1),
                    kind: ward ? .phuong : .xa, provinceCode: String(format: "S%02d", k + 1), province: province,
                    area: area, population: pop,
                    location: GeoPoint(lat: (d.0.lat * 10_000).rounded() / 10_000, lon: (d.0.lon * 10_000).rounded() / 10_000),
                    terrain: mountain ? .mountain : .lowland))
            }
            next += size
        }
        return units.sorted { $0.code < $1.code }
    }
}

/// A generated scenario: its files' contents, ready to be written into a folder.
public struct GeneratedScenario: Sendable {
    public var communes: [Commune]
    /// Whether each commune's terrain came from ``TerrainRule`` (or was invented) rather than data.
    public var terrainByRule: [Bool]
    public var roster: Roster
    public var headquarters: (name: String, point: GeoPoint)
    public var provinces: [String]
    public var origin: String
    public var seed: UInt64
    public var command: String
    public var capacityRatio: Double
    public var workload: WorkloadFormula

    /// The rules of ``SyntheticScenario/requirements`` that select some commune here.
    public var requirements: [SpecialtyRequirement] {
        SyntheticScenario.requirements.filter { !$0.select.select(from: communes).isEmpty }
    }

    /// File name → contents, in a fixed order.
    public var files: [(name: String, contents: String)] {
        [("scenario.yaml", yaml), ("communes.csv", communesCSV), ("officers.csv", roster.officersCSV()), ("current.csv", roster.currentCSV(communes: communes))]
    }

    /// Writes the files into `directory` atomically; refuses to replace different files unless `force`.
    @discardableResult
    public func write(to directory: String, force: Bool) throws(AtomicFile.Failure) -> [(path: String, changed: Bool)] {
        try AtomicFile.writeAll(files.map { (PathText.join(directory, $0.name), $0.contents) }, force: force)
    }

    var communesCSV: String {
        var out = CSVOutput(header: ["code", "name", "kind", "province", "terrain", "terrain_source", "area_km2", "population", "lat", "lon"])
        for (c, rule) in zip(communes, terrainByRule) {
            out.row([c.code, c.name, c.kind.rawValue, c.province ?? "", c.terrain.rawValue, rule ? "synthetic-rule" : "data",
                     CSVOutput.fixed(c.areaKm2, 2), c.population.map(String.init) ?? "",
                     CSVOutput.fixed(c.location.lat, 4), CSVOutput.fixed(c.location.lon, 4)])
        }
        return out.text
    }

    var yaml: String {
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        func num(_ x: Double) -> String { YAMLNumber.text(x) }
        let big = communes.count > 300
        let title = provinces.count <= 3 ? provinces.joined(separator: ", ") : "\(provinces.count) provinces"
        var y = """
            # A SYNTHETIC scenario written by `\(command)`.
            # Every field is described in scenarios/README.md.
            name: \(q("Synthetic: \(title)"))
            description: \(q("Synthetic scenario, seed \(seed), from \(origin): \(communes.count) communes in \(provinces.count) province\(provinces.count == 1 ? "" : "s"), \(roster.officers.count) invented officers (about one per \(CSVOutput.fixed(Double(communes.count) / Double(max(1, roster.officers.count)), 1)) communes, each belonging to one province and based in its most populous ward), total capacity \(num(capacityRatio)) times the workload of each province, and an invented current assignment. Terrain marked synthetic-rule in communes.csv is filled by the documented rule, not by data."))

            headquarters: {name: \(q(headquarters.name)), lat: \(CSVOutput.fixed(headquarters.point.lat, 4)), lon: \(CSVOutput.fixed(headquarters.point.lon, 4))}

            tables:
              communes: communes.csv
              officers: officers.csv
              current: current.csv

            workload:
              base: \(num(workload.base))
              perTenThousandPeople: \(num(workload.perTenThousandPeople))
              perHundredKm2: \(num(workload.perHundredKm2))
              mountainFactor: \(num(workload.mountainFactor))

            requirements:\(requirements.isEmpty ? " []" : "")

            """
        for r in requirements {
            y += "  - specialty: \(r.specialty.rawValue)\n    select: {kinds: [\((r.select.kinds ?? []).map(\.rawValue).joined(separator: ", "))]}\n"
        }
        y += """

            rules:
              coverage: soft
              candidateLimit: \(big ? "12" : "none")

            solver:
              timeLimit: \(big ? "300" : "60")
              gap: \(big ? "0.01" : "0.000001")

            """
        return y
    }
}

/// Short, stable number text for YAML: up to 6 decimals, trailing zeros dropped.
enum YAMLNumber {
    static func text(_ x: Double) -> String {
        var s = CSVOutput.fixed(x, 6)
        while s.contains(".") && (s.hasSuffix("0") || s.hasSuffix(".")) { s.removeLast() }
        return s
    }
}
