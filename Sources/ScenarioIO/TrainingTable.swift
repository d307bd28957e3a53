import DiaBanCore

/// Reads `advice.training` (officer, specialty, optional cost): which officers staffing advice
/// may propose to train, in what, and at what cost.
enum TrainingTable {
    static func read(_ table: CSVTable, scenario: Scenario, problems: Problems) -> [TrainingOption] {
        table.warnNearMissColumns(known: ["officer", "specialty", "cost", "note"], problems: problems)
        let officers = scenario.officers.map(\.id)
        let known = Set(officers)
        let specialties = KnownSpecialties(scenario)
        var out: [TrainingOption] = []
        var firstLine = FirstLines<TrainingOption>()
        for r in table.rows {
            let f = CSVFields(table: table, row: r, problems: problems)
            let o = f.required("officer", "officer id", hint: "Give the officer's id from the officers table.")
            let raw = f.required("specialty", "specialty", hint: "Give the specialty the officer may train in, e.g. border-security.")
            let cost = f.number("cost", "cost", in: 0...1e9, rangeHint: "A cost, 0 or more, in the table's own unit (e.g. days), or empty.")
            var ok = true
            if let o, !known.contains(o) {
                problems.add(.unknownReference, f.location("officer"),
                             "The training table names officer \(o), who is not in the officers table." + Text.didYouMean(o, officers),
                             hint: "Use an id from the officers table, or delete the row.")
                ok = false
            }
            if let raw, !specialties.check(raw, at: f.location("specialty"), problems: problems) { ok = false }
            guard ok, let o, let raw else { continue }
            let option = TrainingOption(officer: o, specialty: Specialty(raw.lowercased()), cost: cost)
            let key = TrainingOption(officer: o, specialty: option.specialty)
            guard firstLine.claim(key, f, field: "officer", { "The training \(o) – \(raw) is listed twice (first on line \($0))." },
                                  hint: "Keep one of the two rows.") else { continue }
            out.append(option)
        }
        return out
    }
}

/// The specialties an advice table may name: those a commune requires or an officer holds.
struct KnownSpecialties {
    let names: [String]
    private let known: Set<String>

    init(_ scenario: Scenario) {
        names = Array(Set(scenario.communes.flatMap(\.requiredSpecialties) + scenario.officers.flatMap(\.specialties)).map(\.rawValue)).sorted()
        known = Set(names)
    }

    /// Whether `raw` is one; if not, the problem is added at `location`, with "did you mean".
    func check(_ raw: String, at location: SourceLocation, problems: Problems) -> Bool {
        guard !known.contains(raw.lowercased()) else { return true }
        problems.add(.unknownReference, location,
                     "No commune requires and no officer holds the specialty \"\(raw)\"." + Text.didYouMean(raw, names),
                     hint: "Use a specialty a commune requires (see requirements: and the communes table).")
        return false
    }
}
