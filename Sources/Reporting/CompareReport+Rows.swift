import DiaBanCore
import Planning

extension CompareReport {
    /// The rows, in the order a planner reads them: the objective and its terms, then what the
    /// plan means, then what the scenario holds.
    static func rows(_ entries: [Entry]) -> [Row] {
        typealias Value = (Entry) -> Double?
        func term(_ t: ObjectiveTerm) -> Value { { $0.after?.points[t.rawValue] } }
        func province(_ f: @escaping (KPIs.ProvinceKPI) -> Double) -> Value { { $0.province.map(f) } }
        let specs: [(String, String, Int, Value)] = [
            ("objective", "Objective (points)", 2, { $0.objective }),
            ("points.coverage", "Specialty coverage", 2, term(.coverage)),
            ("points.mountainBalance", "Mountain balance", 2, term(.mountainBalance)),
            ("points.workloadBalance", "Workload balance", 2, term(.workloadBalance)),
            ("points.travel", "Travel", 2, term(.travel)),
            ("points.changes", "Continuity (changes)", 2, term(.changes)),
            ("uncoveredNeeds", "Uncovered specialty needs", 0, province { Double($0.uncoveredNeeds) }),
            ("mountainDeviation", "Mountain work outside fair band (units)", 2, { $0.after?.values.mountainDeviation }),
            ("workloadDeviation", "Utilisation outside band (points)", 1, { $0.after?.values.workloadDeviation }),
            ("maxUtilisation", "Largest utilisation (%)", 1, province(\.maxUtilisation)),
            ("minUtilisation", "Smallest utilisation (%)", 1, province(\.minUtilisation)),
            ("mountainShareSpread", "Mountain-share spread (points)", 1, province(\.mountainShareSpread)),
            ("kmPerYear", "km per year", 0, province(\.kmPerYear)),
            ("moves", "Communes moved", 0, province { Double($0.moves) }),
            ("newPairs", "New officer–commune pairs", 0, province { Double($0.newPairs) }),
            ("activeOfficers", "Active officers", 0, { Double($0.facts.activeOfficers) }),
            ("activeCapacity", "Capacity of active officers (units)", 2, { $0.facts.activeCapacity }),
            ("workload", "Workload (units)", 2, { $0.facts.workload }),
            ("specialtyNeeds", "Specialty needs", 0, { Double($0.facts.specialtyNeeds) }),
        ]
        return specs.map { key, label, decimals, value in
            let values = entries.map { value($0).map(round6) }
            let first = values.first ?? nil
            let differences: [Double?] = values.enumerated().map { i, v in
                guard i > 0, let v, let first else { return nil }
                return round6(v - first)
            }
            return Row(key: key, label: label, decimals: decimals, values: values, differences: differences)
        }
    }

    /// Communes whose officers differ between the scenarios that have a plan, in the order of
    /// the first scenario's communes (then any commune only later scenarios have).
    static func communeRows(_ scenarios: [Scenario], plans: [Assignment?]) -> [CommuneRow] {
        var order: [String] = []
        var names: [String: String] = [:]
        for s in scenarios {
            for c in s.communes where names[c.code] == nil {
                names[c.code] = c.name
                order.append(c.code)
            }
        }
        let byCommune = plans.map { $0?.officersByCommune }
        let known = scenarios.map { Set($0.communes.map(\.code)) }
        var rows: [CommuneRow] = []
        for code in order {
            let officers: [[String]?] = byCommune.indices.map { i in
                guard let plan = byCommune[i], known[i].contains(code) else { return nil }
                return plan[code] ?? []
            }
            let present = officers.compactMap { $0 }
            guard let first = present.first, present.contains(where: { $0 != first }) else { continue }
            rows.append(CommuneRow(code: code, name: names[code] ?? code, officers: officers))
        }
        return rows
    }
}
