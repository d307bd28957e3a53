import DiaBanCore

/// Reads `current.csv` (commune, officer: one row per pair) and `distances.csv` (officer,
/// commune, km: one-way road km from the officer's base).
enum PairTables {
    /// Current pairs with their line and, when the table has a `since` column, the day each
    /// began. Names repeated in `commune_name` / `officer_name` must be the roster's.
    static func readCurrent(
        _ table: CSVTable, communes: Set<String>?, officers: Set<String>?, problems: Problems,
        communeNames: [String: String] = [:], officerNames: [String: String] = [:]
    ) -> [(pair: Pair, line: Int, since: Day?)] {
        var out: [(Pair, Int, Day?)] = []
        var firstLine = FirstLines<Pair>()
        table.warnNearMissColumns(known: ["commune", "officer", "commune_name", "officer_name", "since"], problems: problems)
        for r in table.rows {
            let f = CSVFields(table: table, row: r, problems: problems)
            var since: Day?
            if let raw = f.text("since") {
                since = Day(iso: raw)
                if since == nil {
                    problems.add(.badValue, f.location("since"), "\"\(raw)\" is not a date written YYYY-MM-DD.",
                                 hint: "Write the day the pair began, e.g. 2021-07-01, or leave it empty when unknown.")
                }
            }
            guard let pair = pair(f, communes: communes, officers: officers, what: "The current assignment") else { continue }
            if let given = f.text("commune_name"), let known = communeNames[pair.commune], !Text.sameName(given, known, commune: true) {
                problems.add(.nameMismatch, f.location("commune_name"),
                             "Commune \(pair.commune) is \"\(known)\" in the communes table but \"\(given)\" in this row (a cut-off or shifted row?).",
                             hint: "Check the row: the code and the name must be the same commune.")
            }
            if let given = f.text("officer_name"), let known = officerNames[pair.officer], !Text.sameName(given, known) {
                problems.add(.nameMismatch, f.location("officer_name"),
                             "Officer \(pair.officer) is \"\(known)\" in the officers table but \"\(given)\" in this row (a cut-off or shifted row?).",
                             hint: "Check the row: the id and the name must be the same officer.")
            }
            guard firstLine.claim(pair, f, field: "officer", { "The pair \(pair.officer) – \(pair.commune) is listed twice (first on line \($0))." },
                                  hint: "Delete the duplicate row.") else { continue }
            out.append((pair, f.line, since))
        }
        return out
    }

    static func readDistances(
        _ table: CSVTable, communes: Set<String>?, officers: Set<String>?, problems: Problems
    ) -> DistanceMatrix {
        var m = DistanceMatrix()
        var firstLine = FirstLines<Pair>()
        for r in table.rows {
            let f = CSVFields(table: table, row: r, problems: problems)
            let pair = pair(f, communes: communes, officers: officers, what: "The distances table")
            let km = f.number("km", "distance", in: 0...5000, required: true, rangeHint: "Give one-way road km from the officer's base, 0 to 5000.")
            guard let pair, let km else { continue }
            guard firstLine.claim(pair, f, field: "officer", { "The distance \(pair.officer) – \(pair.commune) is given twice (first on line \($0))." },
                                  hint: "Keep one of the two rows.") else { continue }
            m.set(officer: pair.officer, commune: pair.commune, km: km)
        }
        return m
    }

    private static func pair(_ f: CSVFields, communes: Set<String>?, officers: Set<String>?, what: String) -> Pair? {
        let c = f.required("commune", "commune code", hint: "Give the commune's code from the communes table.")
        let o = f.required("officer", "officer id", hint: "Give the officer's id from the officers table.")
        var ok = true
        if let c, let communes, !communes.contains(c) {
            problems(f).add(.unknownReference, f.location("commune"), "\(what) names commune \(c), which is not in the communes table.",
                            hint: "Use a code from the communes table, or delete the row.")
            ok = false
        }
        if let o, let officers, !officers.contains(o) {
            problems(f).add(.unknownReference, f.location("officer"), "\(what) names officer \(o), who is not in the officers table.",
                            hint: "Use an id from the officers table, or delete the row.")
            ok = false
        }
        guard ok, let c, let o else { return nil }
        return Pair(officer: o, commune: c)
    }

    private static func problems(_ f: CSVFields) -> Problems { f.problems }
}
