import DiaBanCore

/// Reads `advice.hires` (place, optional specialties): where staffing advice may propose to base
/// a new officer. A place is a commune's code (the hire works from its centre) or
/// `headquarters`; specialties are `;`-separated, empty for none.
enum HireTable {
    static func read(_ table: CSVTable, scenario: Scenario, problems: Problems) -> [HireOption] {
        table.warnNearMissColumns(known: ["place", "specialties", "note"], problems: problems)
        let codes = scenario.communes.map(\.code)
        let known = Set(codes)
        let specialties = KnownSpecialties(scenario)
        var out: [HireOption] = []
        var firstLine = FirstLines<HireOption>()
        for r in table.rows {
            let f = CSVFields(table: table, row: r, problems: problems)
            let place = f.required("place", "place", hint: "Give a commune's code (the hire works from its centre) or headquarters.")
            let held = f.specialties("specialties")
            var ok = true
            if let place, place.lowercased() != "headquarters", !known.contains(place) {
                problems.add(.unknownReference, f.location("place"),
                             "The hires table names the place \(place), which is neither a commune's code nor headquarters."
                                + Text.didYouMean(place, codes + ["headquarters"]),
                             hint: "Use a code from the communes table, or headquarters.")
                ok = false
            }
            for s in held where !specialties.check(s.rawValue, at: f.location("specialties"), problems: problems) { ok = false }
            guard ok, let place else { continue }
            let option = HireOption(commune: place.lowercased() == "headquarters" ? nil : place, specialties: Array(Set(held)).sorted())
            guard firstLine.claim(option, f, field: "place", { "The hire at \(place) with these specialties is listed twice (first on line \($0))." },
                                  hint: "Keep one of the two rows.") else { continue }
            out.append(option)
        }
        return out
    }
}
