import DiaBanCore
import Foundation

/// Writes a what-if scenario file: a base scenario and a list of `changes:`, in the format the
/// reader takes (scenarios/README.md, "What-if scenarios"). The reader judges the file exactly
/// as it judges one written by hand, so what it re-solves is what was written.
public enum WhatIfWriter {
    /// The YAML of a what-if. `base` is the base scenario's path relative to the new file;
    /// `question` becomes the first line, as a comment. Only the operations a change list of
    /// staffing advice uses are written with every field: `setSpecialties`, `addOfficer`,
    /// `setBase`, `setCapacity`, `removeOfficer`, `setOfficerStatus`, `lock` and `forbid`.
    public static func yaml(base: String, name: String, question: String, changes: [ScenarioChange], scenario: Scenario) -> String {
        var lines: [String] = []
        lines.append("# " + question.split(whereSeparator: \.isNewline).joined(separator: " "))
        lines.append("name: " + quoted(name))
        lines.append("base: " + quoted(base))
        lines.append(changes.isEmpty ? "changes: []" : "changes:")
        for change in changes { lines.append("  - " + entry(change, scenario: scenario)) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func entry(_ change: ScenarioChange, scenario: Scenario) -> String {
        switch change {
        case .setSpecialties(let o, let add, let remove):
            var fields = ["op: setSpecialties", "officer: \(quoted(o))"]
            if !add.isEmpty { fields.append("add: [\(add.map { quoted($0.rawValue) }.joined(separator: ", "))]") }
            if !remove.isEmpty { fields.append("remove: [\(remove.map { quoted($0.rawValue) }.joined(separator: ", "))]") }
            return "{" + fields.joined(separator: ", ") + "}"
        case .addOfficer(let officer):
            var fields = ["id: \(quoted(officer.id))", "name: \(quoted(officer.name))", "capacity: \(number(officer.capacity))"]
            if !officer.specialties.isEmpty {
                fields.append("specialties: [\(officer.specialties.map { quoted($0.rawValue) }.joined(separator: ", "))]")
            }
            if let c = scenario.communes.first(where: { $0.location == officer.base }) {
                fields.append("base_commune: \(quoted(c.code))")
            } else if officer.base != scenario.headquarters {
                fields.append("base_lat: \(officer.base.lat)")
                fields.append("base_lon: \(officer.base.lon)")
            }
            if let p = officer.province { fields.append("province: \(quoted(p))") }
            if officer.status != .active { fields.append("status: \(officer.status.rawValue)") }
            if let h = officer.homeCommune { fields.append("home_commune: \(quoted(h))") }
            if let n = officer.minCommunes { fields.append("min_communes: \(n)") }
            if let n = officer.maxCommunes { fields.append("max_communes: \(n)") }
            return "{op: addOfficer, officer: {" + fields.joined(separator: ", ") + "}}"
        case .setBase(let o, let base):
            switch base {
            case .headquarters: return "{op: setBase, officer: \(quoted(o)), headquarters: true}"
            case .commune(let code): return "{op: setBase, officer: \(quoted(o)), commune: \(quoted(code))}"
            case .point(let p, let label): return "{op: setBase, officer: \(quoted(o)), lat: \(p.lat), lon: \(p.lon), label: \(quoted(label))}"
            }
        case .setCapacity(let o, let capacity):
            return "{op: setCapacity, officer: \(quoted(o)), capacity: \(number(capacity))}"
        case .removeOfficer(let o):
            return "{op: removeOfficer, officer: \(quoted(o))}"
        case .setOfficerStatus(let o, let status):
            return "{op: setOfficerStatus, officer: \(quoted(o)), status: \(status.rawValue)}"
        case .lock(let pair):
            return "{op: lock, officer: \(quoted(pair.officer)), commune: \(quoted(pair.commune))}"
        case .forbid(let pair):
            return "{op: forbid, officer: \(quoted(pair.officer)), commune: \(quoted(pair.commune))}"
        case .setWorkload, .setStaffing, .setRequiredSpecialties, .requireSpecialty:
            preconditionFailure("WhatIfWriter writes staffing changes only, not \(change.operation)")
        }
    }

    /// A YAML double-quoted scalar (JSON's escapes are YAML's): every character kept, control
    /// characters and line separators escaped.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x85 || u.value == 0x2028 || u.value == 0x2029 || u.value == 0xFEFF {
                    out += String(format: "\\u%04X", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
