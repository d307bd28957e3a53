import Foundation
import DiaBanCore

/// Reads `officers.csv`: id, name, capacity (required); base_commune or base_lat and base_lon
/// (both empty: the headquarters), base_label, specialties (`;`-separated), min_communes,
/// max_communes, status (active or leave), home_commune, province.
enum OfficerTable {
    static let required = ["id", "name", "capacity"]
    static let optional = ["specialties", "base_commune", "base_lat", "base_lon", "base_label", "min_communes", "max_communes", "status", "home_commune", "province"]

    struct Row {
        var officer: Officer
        var line: Int
    }

    /// Officers as read, and every id seen (also on rows with problems).
    static func read(
        _ table: CSVTable, communes: [String: Commune], knownCodes: Set<String>?, headquarters: (name: String, point: GeoPoint),
        problems: Problems
    ) -> (rows: [Row], ids: Set<String>) {
        var rows: [Row] = []
        var firstLine = FirstLines<String>()
        for r in table.rows {
            let f = CSVFields(table: table, row: r, problems: problems)
            let before = problems.count
            let id = f.required("id", "officer id", hint: "Give each officer a short id, such as CB07.")
            if let id {
                if id.contains(where: { $0.isWhitespace || $0 == ";" }) {
                    problems.add(.badValue, f.location("id"), "The officer id \"\(id)\" contains a space or \";\".",
                                 hint: "An id is one word, such as CB07.")
                } else {
                    _ = firstLine.claim(id, f, field: "id", { "The officer id \(id) is used twice (first on line \($0))." },
                                        hint: "Give each officer their own id, or delete the duplicate row.")
                }
            }
            let name = f.required("name", "officer's name", hint: "Give the officer's full name.")
            let capacity: Double?
            if let raw = f.text("capacity"), let x = CSVFields.parseNumber(raw), x == 0 {
                problems.add(.outOfRange, f.location("capacity"), "The capacity is 0, so this officer could track nothing.",
                             hint: "Give the most workload units the officer can carry per year; for an officer who is away, set status to leave.")
                capacity = nil
            } else {
                capacity = f.number("capacity", "capacity", in: 0.001...1000, required: true,
                                    rangeHint: "Give the most workload units the officer can carry per year, a number above 0 (typically 4 to 10).")
            }
            let specialties = f.specialties("specialties")
            let minC = f.integer("min_communes", "min_communes", in: 0...10_000, rangeHint: "Give a whole number of communes, 0 or more, or leave it empty.")
            let maxC = f.integer("max_communes", "max_communes", in: 0...10_000, rangeHint: "Give a whole number of communes, 0 or more, or leave it empty.")
            if let minC, let maxC, minC > maxC {
                problems.add(.conflict, f.location("min_communes"), "min_communes (\(minC)) is above max_communes (\(maxC)), so no plan can satisfy both.",
                             hint: "Lower min_communes or raise max_communes.")
            }
            var status = Officer.Status.active
            if let raw = f.text("status") {
                if let s = ScenarioFile.status(Text.wordKey(raw)) { status = s } else {
                    problems.add(.badValue, f.location("status"), "The status \"\(raw)\" is not active or leave.",
                                 hint: "Write active, or leave for an officer who is away; empty means active.")
                }
            }
            let home = f.text("home_commune")
            if let home, let knownCodes, !knownCodes.contains(home) {
                problems.add(.unknownReference, f.location("home_commune"), "The home commune \(home) is not in the communes table.",
                             hint: "Give the code of a commune in the communes table, or leave it empty.")
            }

            var base = headquarters.point
            var label = headquarters.name
            let lat = f.number("base_lat", "base latitude", in: -90...90, rangeHint: "Give decimal degrees north, from -90 to 90.")
            let lon = f.number("base_lon", "base longitude", in: -180...180, rangeHint: "Give decimal degrees east, from -180 to 180.")
            if let code = f.text("base_commune") {
                if f.text("base_lat") != nil || f.text("base_lon") != nil {
                    problems.add(.conflict, f.location("base_commune"), "The base is given twice: as commune \(code) and as coordinates.",
                                 hint: "Keep either base_commune or base_lat and base_lon.")
                } else if let c = communes[code] {
                    base = c.location
                    label = c.name
                } else if let knownCodes, !knownCodes.contains(code) {
                    problems.add(.unknownReference, f.location("base_commune"), "The base commune \(code) is not in the communes table.",
                                 hint: "Give the code of a commune in the communes table, or leave it empty for the headquarters.")
                }
            } else if f.text("base_lat") != nil || f.text("base_lon") != nil {
                if let lat, let lon {
                    base = GeoPoint(lat: lat, lon: lon)
                    label = String(format: "%.4f, %.4f", lat, lon)
                } else if f.text("base_lat") == nil || f.text("base_lon") == nil {
                    problems.add(.missingValue, f.location(f.text("base_lat") == nil ? "base_lat" : "base_lon"),
                                 "The base has only one of its two coordinates.", hint: "Give both base_lat and base_lon, or neither for the headquarters.")
                }
            }
            if let l = f.text("base_label") { label = l }

            guard problems.count == before, let id, let name, let capacity else { continue }
            rows.append(Row(officer: Officer(id: id, name: name, base: base, baseLabel: label, specialties: specialties, capacity: capacity,
                                             minCommunes: minC, maxCommunes: maxC, status: status, homeCommune: home, province: f.text("province")),
                            line: f.line))
        }
        if table.rows.isEmpty {
            problems.add(.emptyFile, SourceLocation(file: table.file, line: 1), "The officers table has a header but no officers.",
                         hint: "Add one row per officer under the header.")
        }
        return (rows, Set(firstLine.keys))
    }
}
