import DiaBanCore
import Foundation
import Yams

extension ScenarioFile {
    /// Parses one scenario file's text (without following `base:`). Every problem is added to
    /// `problems`; the parts that could be read are returned.
    static func parse(yaml text: String, file: String, problems: Problems) -> ScenarioFile? {
        if let line = aliasBeyondLimit(text) {
            problems.add(.yamlSyntax, SourceLocation(file: file, line: line),
                         "The scenario file uses more than \(maxAliases) aliases (*name) by this line. Aliases that repeat aliases grow exponentially (\"billion laughs\"), so DiaBan reads at most \(maxAliases).",
                         hint: "Write the values out instead of repeating them with anchors (&name) and aliases (*name).")
            return nil
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            reportSyntax(error, file: file, problems: problems)
            return nil
        } catch {
            problems.add(.yamlSyntax, SourceLocation(file: file), "The scenario file cannot be read as YAML: \(error).",
                         hint: "Check the file's indentation and quotes.")
            return nil
        }
        guard let root, !YAMLReader(file: file, problems: problems).isNull(root) else {
            problems.add(.emptyFile, SourceLocation(file: file, line: 1), "The scenario file is empty.",
                         hint: "Write at least the keys headquarters and tables (see scenarios/README.md).")
            return nil
        }
        let y = YAMLReader(file: file, problems: problems)
        let dir = PathText.directory(of: file)
        var f = ScenarioFile(file: file)
        f.chain = [file]
        guard let top = y.mapping(root, "", allowed: topKeys) else { return nil }
        for (key, keyNode, node) in top {
            let at = y.location(keyNode, key)
            switch key {
            case "name": f.name = y.string(node, key).map { Located(value: $0, at: at) }
            case "description": f.description = y.string(node, key).map { Located(value: $0, at: at) }
            case "name_en": f.nameEn = y.string(node, key).map { Located(value: $0, at: at) }
            case "description_en": f.descriptionEn = y.string(node, key).map { Located(value: $0, at: at) }
            case "base": f.base = y.string(node, key).map { Located(value: PathText.join(dir, $0), at: y.location(node, key)) }
            case "headquarters": f.headquarters = headquarters(node, y, dir).map { Located(value: $0, at: y.location(node, key)) }
            case "tables":
                for (k, kn, v) in y.mapping(node, key, allowed: tableKeys) ?? [] {
                    if k == "current", case .mapping = v {
                        // The current assignment from a register: {register: FILE}.
                        for (rk, _, rv) in y.mapping(v, "tables.current", allowed: ["register"]) ?? [] where rk == "register" {
                            if let s = y.string(rv, "tables.current.register") {
                                f.currentRegister = Located(value: PathText.join(dir, s), at: y.location(rv, "tables.current.register"))
                            }
                        }
                        continue
                    }
                    if let s = y.string(v, "tables.\(k)") { f.tables[k] = Located(value: PathText.join(dir, s), at: y.location(kn, "tables.\(k)")) }
                }
            case "workload":
                for (k, _, v) in y.mapping(node, key, allowed: workloadKeys.map(\.0)) ?? [] {
                    let range = k == "mountainFactor" ? 1.0...10 : 0.0...1000
                    if let x = y.number(v, "workload.\(k)", in: range, hint: "See the workload formula in scenarios/README.md.") {
                        f.workload[k] = Located(value: x, at: y.location(v, "workload.\(k)"))
                    }
                }
            case "requirements":
                f.requirements = Located(value: (y.list(node, key) ?? []).enumerated().compactMap { requirement($1, "requirements[\($0 + 1)]", y) }, at: at)
            case "weights":
                for (k, _, v) in y.mapping(node, key, allowed: weightKeys.map(\.0)) ?? [] {
                    if let x = y.number(v, "weights.\(k)", in: 0...1e9, hint: "A weight is points per unit of its term, 0 or more.") {
                        f.weights[k] = Located(value: x, at: y.location(v, "weights.\(k)"))
                    }
                }
            case "rules": f.rules = rules(node, y)
            case "asOf":
                if let text = y.string(node, key) {
                    if let day = Day(iso: text) { f.asOf = Located(value: day, at: y.location(node, key)) } else {
                        problems.add(.badValue, y.location(node, key), "asOf is \"\(text)\", which is not a date written YYYY-MM-DD.",
                                     hint: "Write the date the plan is for, e.g. asOf: 2026-07-01.")
                    }
                }
            case "locked": f.locked = pairs(node, key, y).map { Located(value: $0, at: at) }
            case "forbidden": f.forbidden = pairs(node, key, y).map { Located(value: $0, at: at) }
            case "priorities":
                var terms: [ObjectiveTerm] = []
                for item in y.scalarList(node, key) ?? [] {
                    guard let t = ObjectiveTerm.parsePriority(item.value) else {
                        problems.add(.badValue, item.at, "\"\(item.value)\" is not an objective term." + Text.didYouMean(item.value, ["coverage", "balance", "travel", "changes"]),
                                     hint: "Order some of coverage, balance (or mountainBalance, workloadBalance), travel and changes.")
                        continue
                    }
                    if t.contains(where: terms.contains) {
                        problems.add(.badValue, item.at, "priorities names \(item.value) twice.", hint: "Name each term once.")
                    }
                    terms += t.filter { !terms.contains($0) }
                }
                f.priorities = Located(value: terms, at: at)
            case "priorityTolerance":
                f.priorityTolerance = y.number(node, key, in: 0...1, hint: "A fraction, e.g. 0.001 for 0.1 %.").map { Located(value: $0, at: y.location(node, key)) }
            case "solver":
                for (k, _, v) in y.mapping(node, key, allowed: solverKeys) ?? [] {
                    let at = y.location(v, "solver.\(k)")
                    if k == "timeLimit" {
                        if y.isOff(v) { f.solver[k] = Located(value: nil, at: at); continue }
                        if let x = y.number(v, "solver.timeLimit", in: 0.001...1e7, hint: "Seconds, above 0; or none for no limit.") { f.solver[k] = Located(value: x, at: at) }
                    } else if let x = y.number(v, "solver.gap", in: 0...1, hint: "A relative gap, e.g. 0.01 for 1 %.") {
                        f.solver[k] = Located(value: x, at: at)
                    }
                }
            case "workPlan": f.workPlan = workPlan(node, y, dir)
            case "advice":
                for (k, kn, v) in y.mapping(node, key, allowed: ["training", "hires"]) ?? [] {
                    guard let s = y.string(v, "advice.\(k)") else { continue }
                    let located = Located(value: PathText.join(dir, s), at: y.location(kn, "advice.\(k)"))
                    if k == "training" { f.adviceTraining = located } else { f.adviceHires = located }
                }
            case "changes":
                for (i, item) in (y.list(node, key) ?? []).enumerated() {
                    if let c = change(item, "changes[\(i + 1)]", y) { f.changes.append(Located(value: c, at: y.location(item, "changes[\(i + 1)]"))) }
                }
            default: break
            }
        }
        return f
    }

    /// The most aliases a scenario file may use. Yams expands an alias used as a mapping key
    /// when it checks for duplicate keys, so ten levels of ten aliases (a hundred) would hash
    /// ten billion nodes; with twenty, the largest expansion is a few thousand.
    static let maxAliases = 20

    /// The line of the alias beyond ``maxAliases``, if there is one. Lexical and generous: a
    /// `*` that starts a token outside quotes and comments counts, as YAML reads it as an alias.
    static func aliasBeyondLimit(_ text: String) -> Int? {
        var count = 0
        var line = 1
        var quote: UInt8?          // the open quote, if inside a quoted scalar
        var previous: UInt8 = 0x0A // the byte before, a line break at the start
        var inComment = false
        let starters: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x5B, 0x7B, 0x2C, 0x3A, 0x3F, 0x2D]  // space tab LF CR [ { , : ? -
        let enders: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x5D, 0x7D, 0x2C]                      // space tab LF CR ] } ,
        var bytes = text.utf8.makeIterator()
        var current = bytes.next()
        while let b = current {
            let next = bytes.next()
            if b == 0x0A { line += 1; inComment = false }
            if inComment {
            } else if let q = quote {
                if b == q { quote = nil }
            } else if (b == 0x22 || b == 0x27) && starters.contains(previous) {
                quote = b
            } else if b == 0x23 && (previous == 0x20 || previous == 0x09 || previous == 0x0A) {
                inComment = true
            } else if b == 0x2A && starters.contains(previous), let n = next, !enders.contains(n) {
                count += 1
                if count > maxAliases { return line }
            }
            previous = b
            current = next
        }
        return nil
    }

    private static func reportSyntax(_ error: YamlError, file: String, problems: Problems) {
        var problem = "\(error)"
        var mark: Mark?
        switch error {
        case .scanner(_, let p, let m, _), .parser(_, let p, let m, _), .composer(_, let p, let m, _):
            // libyaml's words for its depth limit name its own API; say what it means.
            problem = p.contains("nesting level") ? "lists or mappings are nested too deeply (more than 1,000 levels) from here" : p
            mark = m
        case .duplicatedKeysInMapping(let keys, let context):
            problem = "the key \(Text.and(keys)) is written twice in the same mapping"
            mark = context.mark
        default: break
        }
        problems.add(.yamlSyntax, SourceLocation(file: file, line: mark?.line, column: mark?.column),
                     "The scenario file is not valid YAML: \(problem).",
                     hint: "Check the indentation (spaces, not tabs) and quotes around this line.")
    }

    private static func headquarters(_ node: Node, _ y: YAMLReader, _ dir: String) -> Headquarters? {
        if case .scalar = node, let path = y.string(node, "headquarters") { return .table(path: PathText.join(dir, path)) }
        guard let m = y.mapping(node, "headquarters", allowed: ["name", "lat", "lon"]) else { return nil }
        var name = "headquarters", lat: Double?, lon: Double?
        for (k, _, v) in m {
            switch k {
            case "name": name = y.string(v, "headquarters.name") ?? name
            case "lat": lat = y.number(v, "headquarters.lat", in: -90...90, hint: "Decimal degrees, -90 to 90.")
            default: lon = y.number(v, "headquarters.lon", in: -180...180, hint: "Decimal degrees, -180 to 180.")
            }
        }
        guard let lat, let lon else {
            if !m.contains(where: { $0.key == "lat" }) || !m.contains(where: { $0.key == "lon" }) {
                y.problems.add(.missingValue, y.location(node, "headquarters"), "headquarters needs both lat and lon.",
                               hint: "Write headquarters: {name: ..., lat: ..., lon: ...} or the path of a CSV with lat and lon columns.")
            }
            return nil
        }
        return .point(name: name, GeoPoint(lat: lat, lon: lon))
    }

    static let selectKeys = ["communes", "formerDistricts", "provinces", "terrain", "kinds"]

    /// A commune selection: `{communes | formerDistricts | provinces | terrain | kinds}`, each
    /// one value or a list.
    static func selection(_ node: Node, _ path: String, _ y: YAMLReader) -> (CommuneSelection, [(String, Located<String>)])? {
        guard let m = y.mapping(node, path, allowed: selectKeys) else { return nil }
        var s = CommuneSelection()
        var items: [(String, Located<String>)] = []
        var ok = true
        for (k, _, v) in m {
            let p = "\(path).\(k)"
            guard let values = y.scalarList(v, p) else { ok = false; continue }
            items += values.map { (k, $0) }
            switch k {
            case "communes": s.communes = values.map(\.value)
            case "formerDistricts": s.formerDistricts = values.map(\.value)
            case "provinces": s.provinces = values.map(\.value)
            case "terrain":
                s.terrain = values.compactMap { item in
                    guard let t = Terrain(rawValue: Text.wordKey(item.value)) else {
                        y.problems.add(.badValue, item.at.with(field: p), "\"\(item.value)\" is not a terrain class.",
                                       hint: "Write \(Text.or(Terrain.allCases.map(\.rawValue))).")
                        ok = false
                        return nil
                    }
                    return t
                }
            default:
                s.kinds = values.compactMap { item in
                    guard let k = CommuneKind(rawValue: Text.wordKey(item.value)) else {
                        y.problems.add(.badValue, item.at.with(field: p), "\"\(item.value)\" is not a kind of commune.",
                                       hint: "Write xa, phuong or dac-khu.")
                        ok = false
                        return nil
                    }
                    return k
                }
            }
        }
        if s.isEmpty && ok {
            y.problems.add(.missingValue, y.location(node, path), "\(path) selects nothing.",
                           hint: "Give at least one of \(Text.and(selectKeys)).")
            return nil
        }
        return ok ? (s, items) : nil
    }

    private static func specialty(_ node: Node, _ path: String, _ y: YAMLReader) -> Specialty? {
        guard let raw = y.string(node, path) else { return nil }
        let s = Specialty(raw.lowercased())
        guard s.isWellFormed else {
            y.problems.add(.badValue, y.location(node, path), "\"\(raw)\" is not a specialty name.",
                           hint: "Write lower-case words joined by hyphens, such as border-security.")
            return nil
        }
        return s
    }

    /// A list of specialty names; each badly formed one is reported at its own line.
    static func specialties(_ node: Node, _ path: String, _ y: YAMLReader) -> [Specialty]? {
        guard let items = y.scalarList(node, path) else { return nil }
        var out: [Specialty] = []
        for item in items {
            let s = Specialty(item.value.lowercased())
            if s.isWellFormed { out.append(s) } else {
                y.problems.add(.badValue, item.at, "\"\(item.value)\" is not a specialty name.",
                               hint: "Write lower-case words joined by hyphens, such as border-security.")
            }
        }
        return out
    }

    private static func requirement(_ node: Node, _ path: String, _ y: YAMLReader) -> Requirement? {
        guard let m = y.mapping(node, path, allowed: ["specialty", "select", "note"]) else { return nil }
        var spec: Specialty?, sel: (CommuneSelection, [(String, Located<String>)])?
        for (k, _, v) in m {
            switch k {
            case "specialty": spec = specialty(v, "\(path).specialty", y)
            case "select": sel = selection(v, "\(path).select", y)
            default: _ = y.string(v, "\(path).note")
            }
        }
        for key in ["specialty", "select"] where !m.contains(where: { $0.key == key }) {
            y.problems.add(.missingValue, y.location(node, path), "\(path) has no \(key).",
                           hint: "Write each requirement as {specialty: ..., select: {...}}.")
        }
        guard let spec, let sel else { return nil }
        return Requirement(rule: SpecialtyRequirement(specialty: spec, select: sel.0), criteria: sel.1)
    }

    private static func rules(_ node: Node, _ y: YAMLReader) -> RulesPart {
        var r = RulesPart()
        for (k, _, v) in y.mapping(node, "rules", allowed: ruleKeys) ?? [] {
            let p = "rules.\(k)"
            let at = y.location(v, p)
            switch k {
            case "coverage":
                r.coverage = y.word(v, p, allowed: ["soft", "hard"]) { Rules.Coverage(rawValue: $0) }.map { Located(value: $0, at: at) }
            case "mountainBand":
                if y.isOff(v) { r.mountainBand = Located(value: nil, at: at); continue }
                r.mountainBand = band(v, p, y).map { Located(value: $0, at: at) }
            case "maxChanges":
                if y.isOff(v) { r.maxChanges = Located(value: nil, at: at); continue }
                r.maxChanges = y.integer(v, p, in: 0...1_000_000, hint: "A whole number of new pairs, 0 or more; or none.").map { Located(value: $0, at: at) }
            case "bandCommuneFraction":
                r.bandCommuneFraction = y.number(v, p, in: 0...2, hint: "A fraction of a mean commune's workload, e.g. 0.5.").map { Located(value: $0, at: at) }
            case "balanceTolerance":
                r.balanceTolerance = y.number(v, p, in: 0...1, hint: "A fraction, e.g. 0.1 for ±10 %.").map { Located(value: $0, at: at) }
            case "candidateLimit":
                if y.isOff(v) { r.candidateLimit = Located(value: nil, at: at); continue }
                r.candidateLimit = y.integer(v, p, in: 1...100_000, hint: "A whole number of officers per commune, 1 or more; or none to keep all.").map { Located(value: $0, at: at) }
            case "rotation":
                if y.isOff(v) { r.rotation = Located(value: nil, at: at); continue }
                r.rotation = rotation(v, p, y).map { Located(value: $0, at: at) }
            default:
                for (ck, _, cv) in y.mapping(v, p, allowed: ["lowland", "mountain"]) ?? [] {
                    if let x = y.number(cv, "\(p).\(ck)", in: 1...5, hint: "Road km per straight-line km, from 1 to 5 (defaults 1.3 lowland, 1.6 mountain).") {
                        r.circuity[ck] = Located(value: x, at: y.location(cv, "\(p).\(ck)"))
                    }
                }
            }
        }
        return r
    }

    private static func rotation(_ node: Node, _ path: String, _ y: YAMLReader) -> Rotation? {
        guard let m = y.mapping(node, path, allowed: ["maxYears", "mode"]) else { return nil }
        var years: Int?, mode = Rotation.Mode.hard
        for (k, _, v) in m {
            if k == "maxYears" {
                years = y.integer(v, "\(path).maxYears", in: 1...100, hint: "Whole years a pair may last, 1 or more (e.g. 5).")
            } else {
                mode = y.word(v, "\(path).mode", allowed: ["hard", "soft"]) { Rotation.Mode(rawValue: $0) } ?? mode
            }
        }
        guard let years else {
            if !m.contains(where: { $0.key == "maxYears" }) {
                y.problems.add(.missingValue, y.location(node, path), "\(path) needs maxYears.",
                               hint: "Write rotation: {maxYears: 5, mode: hard} (hard: pairs at 5 years must change; soft: they cost weights.rotation points a year).")
            }
            return nil
        }
        return Rotation(maxYears: years, mode: mode)
    }

    private static func band(_ node: Node, _ path: String, _ y: YAMLReader) -> Rules.Band? {
        guard let m = y.mapping(node, path, allowed: ["measure", "lower", "upper"]) else { return nil }
        var measure = Rules.Band.Measure.count, lower: Double?, upper: Double?
        for (k, _, v) in m {
            switch k {
            case "measure": measure = y.word(v, "\(path).measure", allowed: ["count", "share"]) { Rules.Band.Measure(rawValue: $0) } ?? measure
            case "lower": lower = y.number(v, "\(path).lower", in: 0...100_000, hint: "A count of communes or a share from 0 to 1.")
            default: upper = y.number(v, "\(path).upper", in: 0...100_000, hint: "A count of communes or a share from 0 to 1.")
            }
        }
        guard let lower, let upper else {
            y.problems.add(.missingValue, y.location(node, path), "\(path) needs both lower and upper.",
                           hint: "Write mountainBand: {measure: count, lower: 1, upper: 4}, or none.")
            return nil
        }
        if lower > upper {
            y.problems.add(.outOfRange, y.location(node, path), "\(path).lower (\(CSVFields.show(lower))) is above upper (\(CSVFields.show(upper))).",
                           hint: "Swap the two values.")
            return nil
        }
        if measure == .share && upper > 1 {
            y.problems.add(.outOfRange, y.location(node, path), "\(path) measures a share, but upper is \(CSVFields.show(upper)).",
                           hint: "A share is between 0 and 1 (0.6 = 60 % of an officer's communes).")
            return nil
        }
        return Rules.Band(measure: measure, lower: lower, upper: upper)
    }

    private static func pairs(_ node: Node, _ path: String, _ y: YAMLReader) -> [Located<Pair>]? {
        guard let items = y.list(node, path) else { return nil }
        return items.enumerated().compactMap { i, item in
            pair(item, "\(path)[\(i + 1)]", y).map { Located(value: $0, at: y.location(item, "\(path)[\(i + 1)]")) }
        }
    }

    private static func pair(_ node: Node, _ path: String, _ y: YAMLReader, extra: [String] = []) -> Pair? {
        guard let m = y.mapping(node, path, allowed: ["officer", "commune"] + extra) else { return nil }
        var officer: String?, commune: String?
        for (k, _, v) in m {
            if k == "officer" { officer = y.string(v, "\(path).officer") }
            if k == "commune" { commune = y.string(v, "\(path).commune") }
        }
        guard let officer, let commune else {
            y.problems.add(.missingValue, y.location(node, path), "\(path) needs both officer and commune.",
                           hint: "Write {officer: ID, commune: CODE}.")
            return nil
        }
        return Pair(officer: officer, commune: commune)
    }
}
