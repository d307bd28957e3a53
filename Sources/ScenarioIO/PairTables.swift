import DiaBanCore

/// Reads `current.csv` (commune, officer: one row per pair) and `distances.csv` (officer,
/// commune, km: one-way road km from the officer's base).
enum PairTables {
    static func readCurrent(
        _ table: CSVTable, communes: Set<String>?, officers: Set<String>?, problems: Problems
    ) -> [(pair: Pair, line: Int)] {
        var out: [(Pair, Int)] = []
        var firstLine: [Pair: Int] = [:]
        for r in table.rows {
            let f = CSVFields(table: table, row: r, problems: problems)
            guard let pair = pair(f, communes: communes, officers: officers, what: "The current assignment") else { continue }
            if let first = firstLine[pair] {
                problems.add(.duplicateID, f.location("officer"), "The pair \(pair.officer) – \(pair.commune) is listed twice (first on line \(first)).",
                             hint: "Delete the duplicate row.")
                continue
            }
            firstLine[pair] = f.line
            out.append((pair, f.line))
        }
        return out
    }

    static func readDistances(
        _ table: CSVTable, communes: Set<String>?, officers: Set<String>?, problems: Problems
    ) -> DistanceMatrix {
        var m = DistanceMatrix()
        var firstLine: [Pair: Int] = [:]
        for r in table.rows {
            let f = CSVFields(table: table, row: r, problems: problems)
            let pair = pair(f, communes: communes, officers: officers, what: "The distances table")
            let km = f.number("km", "distance", in: 0...5000, required: true, rangeHint: "Give one-way road km from the officer's base, 0 to 5000.")
            guard let pair, let km else { continue }
            if let first = firstLine[pair] {
                problems.add(.duplicateID, f.location("officer"), "The distance \(pair.officer) – \(pair.commune) is given twice (first on line \(first)).",
                             hint: "Keep one of the two rows.")
                continue
            }
            firstLine[pair] = f.line
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
