import DiaBanCore
import Yams

extension ScenarioFile {
    /// The keys each `changes:` operation takes besides `op` and `note`.
    static let changeKeys: [String: [String]] = [
        "removeOfficer": ["officer"],
        "addOfficer": ["officer"],
        "setOfficerStatus": ["officer", "status"],
        "setCapacity": ["officer", "capacity"],
        "setBase": ["officer", "commune", "lat", "lon", "label", "headquarters"],
        "setSpecialties": ["officer", "add", "remove"],
        "setWorkload": ["commune", "select", "value", "scale"],
        "setStaffing": ["commune", "select", "staffing"],
        "setRequiredSpecialties": ["commune", "select", "specialties"],
        "requireSpecialty": ["specialty", "select"],
        "lock": ["officer", "commune"],
        "forbid": ["officer", "commune"],
    ]

    static let officerKeys = [
        "id", "name", "capacity", "specialties", "base_commune", "base_lat", "base_lon", "base_label",
        "min_communes", "max_communes", "status", "home_commune", "province",
    ]

    /// One entry of `changes:`, e.g. `{op: setCapacity, officer: CB07, capacity: 5.5}`.
    static func change(_ node: Node, _ path: String, _ y: YAMLReader) -> Change? {
        guard case .mapping(let raw) = node else {
            _ = y.mapping(node, path, allowed: ["op"])
            return nil
        }
        guard let opNode = raw["op"], let op = y.string(opNode, "\(path).op") else {
            y.problems.add(.badChange, y.location(node, path), "\(path) has no op saying which change it is.",
                           hint: "Start each change with op: and one of \(Text.and(ScenarioChange.operations)).")
            return nil
        }
        guard let keys = changeKeys[op] else {
            y.problems.add(.badChange, y.location(opNode, "\(path).op"), "\"\(op)\" is not a change DiaBan knows." + Text.didYouMean(op, ScenarioChange.operations),
                           hint: "Use one of \(Text.and(ScenarioChange.operations)).")
            return nil
        }
        guard let m = y.mapping(node, path, allowed: ["op", "note"] + keys) else { return nil }
        var v: [String: Node] = [:]
        for (k, _, value) in m { v[k] = value }
        let before = y.problems.count

        func need(_ key: String) -> Node? {
            if let n = v[key] { return n }
            y.problems.add(.missingValue, y.location(node, "\(path).\(key)"), "The \(op) change needs \(key).",
                           hint: "Write \(key): under op: \(op) (see scenarios/README.md).")
            return nil
        }
        func officerID() -> String? { need("officer").flatMap { y.string($0, "\(path).officer") } }
        func select() -> CommuneSelection? {
            if let c = v["commune"] {
                if v["select"] != nil {
                    y.problems.add(.conflict, y.location(node, path), "The \(op) change gives both commune and select.", hint: "Keep one of the two.")
                }
                return y.scalarList(c, "\(path).commune").map { CommuneSelection(communes: $0.map(\.value)) }
            }
            guard let s = v["select"] else {
                y.problems.add(.missingValue, y.location(node, path), "The \(op) change needs commune or select.",
                               hint: "Name the commune by code, or select communes as in requirements.")
                return nil
            }
            return selection(s, "\(path).select", y)?.0
        }

        var result: Change?
        switch op {
        case "removeOfficer":
            result = officerID().map { .ready(.removeOfficer($0)) }
        case "addOfficer":
            if let o = need("officer") { result = newOfficer(o, "\(path).officer", y) }
        case "setOfficerStatus":
            let id = officerID()
            let status = need("status").flatMap { y.word($0, "\(path).status", allowed: ["active", "leave"], Self.status) }
            if let id, let status { result = .ready(.setOfficerStatus(officer: id, status: status)) }
        case "setCapacity":
            let id = officerID()
            let cap = need("capacity").flatMap { y.number($0, "\(path).capacity", in: 0.001...1000, hint: "Workload units per year, above 0.") }
            if let id, let cap { result = .ready(.setCapacity(officer: id, capacity: cap)) }
        case "setBase":
            guard let id = officerID() else { break }
            let ways = [v["commune"] != nil, v["lat"] != nil || v["lon"] != nil, v["headquarters"] != nil].filter { $0 }.count
            if ways > 1 {
                y.problems.add(.conflict, y.location(node, path), "The setBase change gives more than one new base.",
                               hint: "Keep one of commune, lat and lon, and headquarters: true.")
                break
            }
            if (v["lat"] == nil) != (v["lon"] == nil) {
                y.problems.add(.missingValue, y.location(node, path), "The setBase change needs both lat and lon.",
                               hint: "Give the new base as lat: and lon: in decimal degrees.")
                break
            }
            if let c = v["commune"] {
                result = y.string(c, "\(path).commune").map { .ready(.setBase(officer: id, base: .commune($0))) }
            } else if let lat = v["lat"], let lon = v["lon"] {
                let la = y.number(lat, "\(path).lat", in: -90...90, hint: "Decimal degrees, -90 to 90.")
                let lo = y.number(lon, "\(path).lon", in: -180...180, hint: "Decimal degrees, -180 to 180.")
                let label = v["label"].flatMap { y.string($0, "\(path).label") } ?? ""
                if let la, let lo { result = .ready(.setBase(officer: id, base: .point(GeoPoint(lat: la, lon: lo), label: label))) }
            } else if let h = v["headquarters"] {
                if y.word(h, "\(path).headquarters", allowed: ["true"], { $0 == "true" ? true : nil }) != nil {
                    result = .ready(.setBase(officer: id, base: .headquarters))
                }
            } else {
                y.problems.add(.missingValue, y.location(node, path), "The setBase change needs commune, or lat and lon, or headquarters: true.",
                               hint: "Name the new base by commune code, by coordinates, or as the headquarters.")
            }
        case "setSpecialties":
            guard let id = officerID() else { break }
            let add = v["add"].flatMap { specialties($0, "\(path).add", y) } ?? []
            let remove = v["remove"].flatMap { specialties($0, "\(path).remove", y) } ?? []
            if v["add"] == nil && v["remove"] == nil {
                y.problems.add(.missingValue, y.location(node, path), "The setSpecialties change needs add or remove.", hint: "List the specialties to add or to remove.")
            }
            result = .ready(.setSpecialties(officer: id, add: add, remove: remove))
        case "setWorkload":
            guard let s = select() else { break }
            if v["value"] != nil && v["scale"] != nil {
                y.problems.add(.conflict, y.location(node, path), "The setWorkload change gives both value and scale.", hint: "Keep one of the two.")
            } else if let x = v["value"] {
                result = y.number(x, "\(path).value", in: 0.001...1000, hint: "Workload units per year, above 0.").map { .ready(.setWorkload(select: s, value: .absolute($0))) }
            } else if let x = v["scale"] {
                result = y.number(x, "\(path).scale", in: 0.001...100, hint: "A factor above 0, e.g. 1.2 for 20 % more.").map { .ready(.setWorkload(select: s, value: .scale($0))) }
            } else {
                y.problems.add(.missingValue, y.location(node, path), "The setWorkload change needs value or scale.", hint: "Give value: units, or scale: a factor.")
            }
        case "setStaffing":
            let s = select()
            let k = need("staffing").flatMap { y.integer($0, "\(path).staffing", in: 1...100, hint: "A whole number of officers, 1 or more.") }
            if let s, let k { result = .ready(.setStaffing(select: s, staffing: k)) }
        case "setRequiredSpecialties":
            let s = select()
            let list = need("specialties").flatMap { specialties($0, "\(path).specialties", y) }
            if let s, let list { result = .ready(.setRequiredSpecialties(select: s, specialties: list)) }
        case "requireSpecialty":
            let list = need("specialty").flatMap { specialties($0, "\(path).specialty", y) }
            if let list, list.count != 1 {
                y.problems.add(.badValue, y.location(v["specialty"], "\(path).specialty"), "The requireSpecialty change names \(list.count) specialties; it adds one.",
                               hint: "Write one requireSpecialty change per specialty.")
            }
            let spec = list?.first
            let s = need("select").flatMap { selection($0, "\(path).select", y)?.0 }
            if let spec, let s { result = .ready(.requireSpecialty(SpecialtyRequirement(specialty: spec, select: s))) }
        default: // lock, forbid
            let id = officerID()
            let code = need("commune").flatMap { y.string($0, "\(path).commune") }
            if let id, let code { result = .ready(op == "lock" ? .lock(Pair(officer: id, commune: code)) : .forbid(Pair(officer: id, commune: code))) }
        }
        return y.problems.count == before ? result : nil
    }

    static func status(_ word: String) -> Officer.Status? {
        switch word {
        case "active", "dang-lam", "đang làm": return .active
        case "leave", "on-leave", "nghi", "nghỉ": return .leave
        default: return nil
        }
    }

    /// The officer of an `addOfficer` change, written with the officers table's column names.
    private static func newOfficer(_ node: Node, _ path: String, _ y: YAMLReader) -> Change? {
        guard let m = y.mapping(node, path, allowed: officerKeys) else { return nil }
        var v: [String: Node] = [:]
        for (k, _, value) in m { v[k] = value }
        for key in ["id", "name", "capacity"] where v[key] == nil {
            y.problems.add(.missingValue, y.location(node, path), "The new officer needs \(key).", hint: "Write at least id, name and capacity.")
        }
        let id = v["id"].flatMap { y.string($0, "\(path).id") }
        let name = v["name"].flatMap { y.string($0, "\(path).name") }
        let cap = v["capacity"].flatMap { y.number($0, "\(path).capacity", in: 0.001...1000, hint: "Workload units per year, above 0.") }
        let specs = v["specialties"].flatMap { specialties($0, "\(path).specialties", y) } ?? []
        let minC = v["min_communes"].flatMap { y.integer($0, "\(path).min_communes", in: 0...10_000, hint: "A whole number, 0 or more.") }
        let maxC = v["max_communes"].flatMap { y.integer($0, "\(path).max_communes", in: 0...10_000, hint: "A whole number, 0 or more.") }
        let status = v["status"].flatMap { y.word($0, "\(path).status", allowed: ["active", "leave"], Self.status) } ?? .active
        let home = v["home_commune"].flatMap { y.string($0, "\(path).home_commune") }
        let province = v["province"].flatMap { y.string($0, "\(path).province") }
        let label = v["base_label"].flatMap { y.string($0, "\(path).base_label") }
        var base = ScenarioChange.Base.headquarters
        if v["base_commune"] != nil && (v["base_lat"] != nil || v["base_lon"] != nil) {
            y.problems.add(.conflict, y.location(node, path), "The new officer has both base_commune and base_lat/base_lon.",
                           hint: "Give the base either as a commune or as coordinates.")
        } else if (v["base_lat"] == nil) != (v["base_lon"] == nil) {
            y.problems.add(.missingValue, y.location(node, path), "The new officer's base needs both base_lat and base_lon.",
                           hint: "Give both coordinates in decimal degrees, or base_commune.")
        }
        if let c = v["base_commune"].flatMap({ y.string($0, "\(path).base_commune") }) {
            base = .commune(c)
        } else if let la = v["base_lat"], let lo = v["base_lon"] {
            if let lat = y.number(la, "\(path).base_lat", in: -90...90, hint: "Decimal degrees."),
               let lon = y.number(lo, "\(path).base_lon", in: -180...180, hint: "Decimal degrees.") {
                base = .point(GeoPoint(lat: lat, lon: lon), label: label ?? "")
            }
        }
        if let minC, let maxC, minC > maxC {
            y.problems.add(.conflict, y.location(node, path), "The new officer's min_communes (\(minC)) is above max_communes (\(maxC)).", hint: "Swap the two values.")
            return nil
        }
        guard let id, let name, let cap else { return nil }
        let officer = Officer(id: id, name: name, base: GeoPoint(lat: 0, lon: 0), baseLabel: label ?? "", specialties: specs, capacity: cap,
                              minCommunes: minC, maxCommunes: maxC, status: status, homeCommune: home, province: province)
        return .addOfficer(officer, base: base)
    }
}
