import Foundation
import ScenarioIO

/// A what-if as the workspace's form sends it: the scenario it starts from, its file name and
/// words, the changes (each written with the keys of a `changes:` entry) and optional rules
/// and weights. ``yaml`` writes it as a normal scenario file; the scenario reader then judges
/// it exactly as it judges a file written by hand.
struct WhatIfDraft: Decodable, Sendable {
    /// The base scenario, relative to the scenarios folder.
    var base: String
    /// The new file's name; it is saved beside its base.
    var file: String
    var name: String?
    var description: String?
    /// The question the what-if asks: the file's first line, as a comment.
    var question: String?
    var changes: [JSONValue]?
    var rules: [String: JSONValue]?
    var weights: [String: JSONValue]?
    /// Replace an existing file of that name (the user confirmed).
    var overwrite: Bool?

    static let maxChanges = 500
    static let maxText = 2_000

    /// Keys in the order a person writes them; others follow in alphabetical order (the reader
    /// refuses keys it does not know, naming the line).
    static let keyOrder = [
        "op", "officer", "id", "name", "commune", "select", "status", "capacity", "specialties", "specialty", "add", "remove",
        "value", "scale", "staffing", "base_commune", "base_lat", "base_lon", "base_label", "lat", "lon", "label", "headquarters",
        "min_communes", "max_communes", "home_commune", "province", "communes", "formerDistricts", "provinces", "terrain", "kinds",
        "coverage", "mountainBand", "measure", "lower", "upper", "maxChanges", "balanceTolerance", "bandCommuneFraction",
        "candidateLimit", "circuity", "lowland", "mountain", "travel", "mountainBalance", "mountainMaxDeviation", "workloadBalance",
        "workloadMax", "change", "note",
    ]

    /// Refuses a draft the YAML could not even say: too many changes, texts too long, a change
    /// that is not a mapping with an `op`.
    func checkShape() throws(APIError) {
        for (field, label, text) in [("name", "name", name), ("description", "description", description), ("question", "question", question)] {
            if let text, text.count > Self.maxText {
                throw APIError.field(field, "too-long", "The \(label) is \(text.count) characters long; at most \(Self.maxText) are accepted.",
                                     values: ["length": .number(Double(text.count)), "max": .number(Double(Self.maxText))])
            }
        }
        let list = changes ?? []
        guard list.count <= Self.maxChanges else {
            throw APIError.badRequest("The what-if has \(list.count) changes; at most \(Self.maxChanges) are accepted.")
        }
        for (i, change) in list.enumerated() {
            guard let fields = change.object else { throw APIError.badRequest("Change \(i + 1) is not a set of fields ({\"op\": …}).") }
            guard fields["op"]?.string != nil else { throw APIError.badRequest("Change \(i + 1) has no op saying which change it is.") }
            try Self.checkDepth(change, depth: 0, at: "change \(i + 1)")
        }
        for (part, value) in [("rules", rules), ("weights", weights)] {
            if let value { try Self.checkDepth(.object(value), depth: 0, at: part) }
        }
    }

    private static func checkDepth(_ v: JSONValue, depth: Int, at: String) throws(APIError) {
        guard depth <= 4 else { throw APIError.badRequest("The \(at) nests values too deeply.") }
        switch v {
        case .array(let a):
            guard a.count <= 5_000 else { throw APIError.badRequest("A list of the \(at) has \(a.count) items; at most 5,000 are accepted.") }
            for x in a { try checkDepth(x, depth: depth + 1, at: at) }
        case .object(let o): for x in o.values { try checkDepth(x, depth: depth + 1, at: at) }
        case .string(let s): guard s.count <= maxText else { throw APIError.badRequest("A text of the \(at) is longer than \(maxText) characters.") }
        case .number(let n): guard n.isFinite else { throw APIError.badRequest("A number of the \(at) is not finite.") }
        default: break
        }
    }

    /// The scenario file. `baseName` is the base's file name (the two files share a folder).
    /// Also returns the line of each change, so that a problem the reader reports on a line
    /// can be shown on its change.
    func yaml(baseName: String) -> (text: String, changeLines: [Int]) {
        var lines: [String] = []
        let question = (self.question ?? "").split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        lines.append("# " + (question.isEmpty ? "A what-if written with the DiaBan workspace." : question))
        if let name, !name.trimmingCharacters(in: .whitespaces).isEmpty { lines.append("name: " + Self.quoted(name)) }
        if let description, !description.trimmingCharacters(in: .whitespaces).isEmpty { lines.append("description: " + Self.quoted(description)) }
        lines.append("base: " + Self.quoted(baseName))
        if let rules, !rules.isEmpty { lines.append("rules: " + Self.flow(.object(rules))) }
        if let weights, !weights.isEmpty { lines.append("weights: " + Self.flow(.object(weights))) }
        var changeLines: [Int] = []
        if let changes, !changes.isEmpty {
            lines.append("changes:")
            for change in changes {
                lines.append("  - " + Self.flow(change))
                changeLines.append(lines.count)
            }
        }
        return (lines.joined(separator: "\n") + "\n", changeLines)
    }

    /// A value in YAML's flow style: mappings in ``keyOrder``, texts double-quoted.
    static func flow(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return quoted(s)
        case .number(let n): return number(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let a): return "[" + a.map(flow).joined(separator: ", ") + "]"
        case .object(let o):
            let keys = o.keys.sorted { a, b in
                let i = keyOrder.firstIndex(of: a) ?? Int.max, j = keyOrder.firstIndex(of: b) ?? Int.max
                return i != j ? i < j : a < b
            }
            return "{" + keys.map { key(of: $0) + ": " + flow(o[$0]!) }.joined(separator: ", ") + "}"
        }
    }

    /// A mapping key: plain when it is a word, quoted otherwise.
    static func key(of k: String) -> String {
        let plain = !k.isEmpty && k.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        return plain ? k : quoted(k)
    }

    /// A number as a person writes it: `12`, `0.5`, `1.3`.
    static func number(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    /// A YAML double-quoted scalar: the what-if writer's, so the form and `diaban advise` write alike.
    static func quoted(_ s: String) -> String { WhatIfWriter.quoted(s) }
}
