import DiaBanCore

/// The national table of commune-level units (`scenarios/vietnam/data/communes.csv`):
/// code, name, kind, province_code, province, area_km2, population, lat, lon, terrain
/// (terrain is given for Nghệ An only).
struct NationalUnit: Sendable {
    var code: String
    var name: String
    var kind: CommuneKind
    var provinceCode: String
    var province: String
    var area: Double?
    var population: Int?
    var location: GeoPoint
    var terrain: Terrain?
}

enum NationalTable {
    static let required = ["code", "name", "kind", "province_code", "province", "lat", "lon"]

    static func read(path: String) throws(ScenarioErrors) -> [NationalUnit] {
        let problems = Problems()
        guard let table = CSVTable.read(path: path, file: path, what: "national communes table", required: required,
                                        reference: nil, problems: problems), problems.isEmpty else {
            throw ScenarioErrors(problems.errors)
        }
        var units: [NationalUnit] = []
        for row in table.rows {
            let f = CSVFields(table: table, row: row, problems: problems)
            let before = problems.count
            let code = f.required("code", "code", hint: "Every unit needs its code.")
            let name = f.required("name", "name", hint: "Every unit needs its name.")
            let kind = f.text("kind").flatMap { CommuneKind(rawValue: Text.wordKey($0)) }
            if kind == nil { problems.add(.badValue, f.location("kind"), "The kind is not xa, phuong or dac-khu.", hint: "Correct the national table.") }
            let pcode = f.required("province_code", "province code", hint: "Every unit needs its province.")
            let province = f.required("province", "province", hint: "Every unit needs its province.")
            let lat = f.number("lat", "latitude", in: -90...90, required: true, rangeHint: "Decimal degrees.")
            let lon = f.number("lon", "longitude", in: -180...180, required: true, rangeHint: "Decimal degrees.")
            let area = f.number("area_km2", "area", in: 0...20_000, rangeHint: "km², or empty.").flatMap { $0 > 0 ? $0 : nil }
            let pop = f.integer("population", "population", in: 0...5_000_000, rangeHint: "Residents, or empty.")
            let terrain = f.text("terrain").flatMap { Terrain(rawValue: Text.wordKey($0)) }
            guard problems.count == before, let code, let name, let kind, let pcode, let province, let lat, let lon else { continue }
            units.append(NationalUnit(code: code, name: name, kind: kind, provinceCode: pcode, province: province, area: area,
                                      population: pop, location: GeoPoint(lat: lat, lon: lon), terrain: terrain))
        }
        guard problems.isEmpty else { throw ScenarioErrors(problems.errors) }
        return units.sorted { $0.code < $1.code }
    }
}

/// The rule that fills terrain where the table has none (synthetic, to be replaced by an
/// official classification when one is published for the new units):
///
/// - a phường or a đặc khu is `lowland`;
/// - a xã with known population and area is `mountain` when it has fewer than
///   ``densityThreshold`` people per km², else `lowland`;
/// - a xã without population or area takes the class of the nearest unit of its province that
///   has one by the two rules above or by the table.
///
/// On Nghệ An, where the table gives terrain by former district, the density rule agrees for
/// 108 of the 121 units that have population and area.
public enum TerrainRule {
    public static let densityThreshold = 350.0

    /// The class by the first two rules, or nil when the third is needed.
    public static func byDensity(kind: CommuneKind, population: Double?, areaKm2: Double?) -> Terrain? {
        if kind != .xa { return .lowland }
        guard let p = population, let a = areaKm2, a > 0 else { return nil }
        return p / a < densityThreshold ? .mountain : .lowland
    }

    /// Terrain for every unit: the table's, else the rule's. Returns also whether each came from the rule.
    static func fill(_ units: [NationalUnit]) -> [(terrain: Terrain, byRule: Bool)] {
        var out: [(Terrain, Bool)?] = units.map { u in
            if let t = u.terrain { return (t, false) }
            return byDensity(kind: u.kind, population: u.population.map(Double.init), areaKm2: u.area).map { ($0, true) }
        }
        let known = units.indices.filter { out[$0] != nil }
        let byProvince = Dictionary(grouping: known) { units[$0].provinceCode }
        for i in units.indices where out[i] == nil {
            let candidates = byProvince[units[i].provinceCode] ?? known
            let nearest = candidates.min { a, b in
                (units[i].location.greatCircleKm(to: units[a].location), units[a].code) < (units[i].location.greatCircleKm(to: units[b].location), units[b].code)
            }
            out[i] = (nearest.map { out[$0]!.0 } ?? .lowland, true)
        }
        return out.map { $0! }
    }
}
