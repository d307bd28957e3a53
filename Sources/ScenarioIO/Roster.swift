import DiaBanCore

/// A generated roster and current assignment, ready to be written as `officers.csv` and
/// `current.csv`.
public struct Roster: Sendable {
    public var officers: [Officer]
    /// Officers based at a commune's point: officer id → commune code.
    public var baseCommunes: [String: String]
    public var current: Assignment

    public init(officers: [Officer], baseCommunes: [String: String], current: Assignment) {
        self.officers = officers.sorted { $0.id < $1.id }
        self.baseCommunes = baseCommunes
        self.current = current
    }

    /// `officers.csv`: officers by id; an officer based at the headquarters has empty base columns.
    public func officersCSV() -> String {
        var out = CSVOutput(header: [
            "id", "name", "province", "status", "capacity", "min_communes", "max_communes", "specialties",
            "base_commune", "base_lat", "base_lon", "base_label", "home_commune",
        ])
        for o in officers {
            let atCommune = baseCommunes[o.id]
            out.row([
                o.id, o.name, o.province ?? "", o.status.rawValue, CSVOutput.fixed(o.capacity, 2),
                o.minCommunes.map(String.init) ?? "", o.maxCommunes.map(String.init) ?? "",
                o.specialties.map(\.rawValue).joined(separator: ";"),
                atCommune ?? "", "", "", "", o.homeCommune ?? "",
            ])
        }
        return out.text
    }

    /// `current.csv`: one row per pair, by commune code; the name columns are for people and
    /// are ignored when read.
    public func currentCSV(communes: [Commune]) -> String {
        let names = Dictionary(communes.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let officerNames = Dictionary(officers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var out = CSVOutput(header: ["commune", "commune_name", "officer", "officer_name"])
        for p in current.pairs {
            out.row([p.commune, names[p.commune] ?? "", p.officer, officerNames[p.officer] ?? ""])
        }
        return out.text
    }
}
