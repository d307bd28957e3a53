import DiaBanCore

/// Reads `communes.csv`: one row per commune. Columns: code, name, kind, terrain, lat, lon
/// (required); former_district, province, area_km2, population, workload, staffing,
/// visits_per_year, required_specialties (optional). Other columns are ignored.
enum CommuneTable {
    static let required = ["code", "name", "kind", "terrain", "lat", "lon"]
    static let optional = ["former_district", "province", "area_km2", "population", "workload", "staffing", "visits_per_year", "required_specialties"]

    struct Row {
        var commune: Commune
        var line: Int
        var workloadGiven: Bool
        var population: Double?
        var area: Double?
    }

    /// The rows that could be read, and every code seen (also on rows with problems), so that
    /// references to a commune with a bad row are not reported twice.
    static func read(_ table: CSVTable, problems: Problems) -> (rows: [Row], codes: Set<String>) {
        var rows: [Row] = []
        var firstLine = FirstLines<String>()
        var names: [String: Int] = [:]
        for r in table.rows {
            let f = CSVFields(table: table, row: r, problems: problems)
            let before = problems.count
            let code = f.required("code", "commune code", hint: "Give the commune's official 5-digit code.")
            if let code {
                if code.contains(where: { $0.isWhitespace || $0 == ";" }) {
                    problems.add(.badValue, f.location("code"), "The commune code \"\(code)\" contains a space or \";\".",
                                 hint: "A code is one word, such as 16681.")
                } else {
                    _ = firstLine.claim(code, f, field: "code", { "The commune code \(code) is used twice (first on line \($0))." },
                                        hint: "Give each commune its own official code, or delete the duplicate row.")
                }
            }
            let name = f.required("name", "commune name", hint: "Give the official name with diacritics, e.g. Xã Mường Xén.")
            let kindText = f.required("kind", "kind", hint: "Write xa, phuong or dac-khu.")
            var kind: CommuneKind?
            if let kindText {
                kind = CommuneKind(rawValue: Text.wordKey(kindText))
                if kind == nil {
                    problems.add(.badValue, f.location("kind"), "The kind \"\(kindText)\" is not xa, phuong or dac-khu.",
                                 hint: "Write xa for a xã, phuong for a phường, dac-khu for a đặc khu.")
                }
            }
            let terrainText = f.required("terrain", "terrain", hint: "Write mountain, highland, midland or lowland.")
            var terrain: Terrain?
            if let terrainText {
                terrain = Terrain(rawValue: Text.wordKey(terrainText))
                if terrain == nil {
                    problems.add(.badValue, f.location("terrain"), "The terrain \"\(terrainText)\" is not a terrain class." + Text.didYouMean(terrainText, Terrain.allCases.map(\.rawValue)),
                                 hint: "Write mountain, highland, midland or lowland.")
                }
            }
            let lat = f.number("lat", "latitude", in: -90...90, required: true, rangeHint: "Give decimal degrees north, from -90 to 90 (Nghệ An is near 19).")
            let lon = f.number("lon", "longitude", in: -180...180, required: true, rangeHint: "Give decimal degrees east, from -180 to 180 (Nghệ An is near 105).")
            if lat == 0 && lon == 0 {
                problems.add(.outOfRange, f.location("lat"), "The location 0, 0 is in the Gulf of Guinea; it looks like a missing value.",
                             hint: "Give the commune's real latitude and longitude.")
            }
            let area = f.number("area_km2", "area", in: 0.001...20_000, rangeHint: "Give the natural area in km², above 0, or leave it empty to have it filled.")
            let pop = f.integer("population", "population", in: 0...5_000_000, rangeHint: "Give the number of residents, or leave it empty to have it filled.")
            let workload = f.number("workload", "workload", in: 0.001...1000, rangeHint: "Give workload units per year above 0, or leave it empty to use the formula.")
            var staffing = 1
            if let raw = f.text("staffing") {
                if let x = CSVFields.parseNumber(raw), x.isFinite, x == x.rounded(), x < 1 {
                    problems.add(.staffing, f.location("staffing"), "The staffing \(raw) is below 1: every commune is tracked by at least one officer.",
                                 hint: "Write 1 (the default) or more.")
                } else if let k = f.integer("staffing", "staffing", in: 1...100, rangeHint: "Give a whole number of officers, 1 or more.") {
                    staffing = k
                }
            }
            let visits = f.number("visits_per_year", "visits per year", in: 0...365, rangeHint: "Give field visits per year, 0 to 365 (default 12).") ?? 12
            let required = f.specialties("required_specialties")
            if let name, let code, let province = Optional(f.text("province") ?? ""), let first = names[province + "\u{0}" + name], first != f.line {
                problems.warn(.duplicateID, f.location("name"), "The name \(name) is also used on line \(first)\(province.isEmpty ? "" : " in \(province)") (code \(code)).",
                              hint: "Check that these are two different communes; reports tell them apart by code.")
            } else if let name {
                names[(f.text("province") ?? "") + "\u{0}" + name] = f.line
            }
            guard problems.count == before, let code, let name, let kind, let terrain, let lat, let lon else { continue }
            rows.append(Row(
                commune: Commune(code: code, name: name, kind: kind, formerDistrict: f.text("former_district"), province: f.text("province"),
                                 terrain: terrain, areaKm2: area, population: pop, location: GeoPoint(lat: lat, lon: lon),
                                 workload: workload ?? 0, staffing: staffing, visitsPerYear: visits, requiredSpecialties: required),
                line: f.line, workloadGiven: workload != nil, population: pop.map(Double.init), area: area))
        }
        if table.rows.isEmpty {
            problems.add(.emptyFile, SourceLocation(file: table.file, line: 1), "The communes table has a header but no communes.",
                         hint: "Add one row per commune under the header.")
        }
        return (rows, Set(firstLine.keys))
    }
}
