import DiaBanCore

/// One scenario YAML file as written: every key optional, every value with its location, paths
/// already joined with the file's folder. Files chained by `base:` are merged into one.
struct ScenarioFile {
    enum Headquarters {
        case point(name: String, GeoPoint)
        /// A CSV with columns lat, lon and optionally name (its first row is used).
        case table(path: String)
    }

    /// A rule from `requirements:`, with where each value it selects by was written.
    struct Requirement {
        var rule: SpecialtyRequirement
        var criteria: [(criterion: String, value: Located<String>)]
    }

    enum Change {
        case ready(ScenarioChange)
        /// An officer whose base may name a commune, resolved when the change is applied.
        case addOfficer(Officer, base: ScenarioChange.Base)
    }

    struct RulesPart {
        var coverage: Located<Rules.Coverage>?
        var mountainBand: Located<Rules.Band?>?
        var maxChanges: Located<Int?>?
        var balanceTolerance: Located<Double>?
        var bandCommuneFraction: Located<Double>?
        var candidateLimit: Located<Int?>?
        var circuity: [String: Located<Double>] = [:]
        var rotation: Located<Rotation?>?
    }

    /// The file itself (the last one of a `base:` chain).
    var file: String
    /// Every scenario file of the chain, this one first.
    var chain: [String] = []
    var name: Located<String>?
    var description: Located<String>?
    /// The English name and description, for readers of the English pages.
    var nameEn: Located<String>?
    var descriptionEn: Located<String>?
    var base: Located<String>?
    var headquarters: Located<Headquarters>?
    var tables: [String: Located<String>] = [:]
    /// `tables: {current: {register: FILE}}`: the current assignment is read from a register.
    var currentRegister: Located<String>?
    /// The date the plan is for (`asOf:`).
    var asOf: Located<Day>?
    var workload: [String: Located<Double>] = [:]
    var requirements: Located<[Requirement]>?
    var weights: [String: Located<Double>] = [:]
    var rules = RulesPart()
    var locked: Located<[Located<Pair>]>?
    var forbidden: Located<[Located<Pair>]>?
    var priorities: Located<[ObjectiveTerm]>?
    var priorityTolerance: Located<Double>?
    var solver: [String: Located<Double?>] = [:]
    var changes: [Located<Change>] = []
    /// `workPlan:`: the rules of the area work plan.
    var workPlan: WorkPlanPart?
    /// `advice: {training: FILE}`: the trainings staffing advice may propose.
    var adviceTraining: Located<String>?
    /// `advice: {hires: FILE}`: the places staffing advice may base a hire at.
    var adviceHires: Located<String>?

    static let topKeys = [
        "name", "name_en", "description", "description_en", "base", "headquarters", "tables", "workload", "requirements", "weights", "rules",
        "locked", "forbidden", "priorities", "priorityTolerance", "solver", "changes", "asOf", "workPlan", "advice",
    ]
    static let tableKeys = ["communes", "officers", "current", "distances"]
    static var workloadKeys: [(String, WritableKeyPath<WorkloadFormula, Double>)] { [
        ("base", \.base), ("perTenThousandPeople", \.perTenThousandPeople), ("perHundredKm2", \.perHundredKm2),
        ("mountainFactor", \.mountainFactor),
    ] }
    static var weightKeys: [(String, WritableKeyPath<Weights, Double>)] { [
        ("travel", \.travel), ("mountainBalance", \.mountainBalance), ("mountainMaxDeviation", \.mountainMaxDeviation),
        ("workloadBalance", \.workloadBalance), ("workloadMax", \.workloadMax), ("coverage", \.coverage), ("change", \.change),
        ("rotation", \.rotation),
    ] }
    static let ruleKeys = ["coverage", "mountainBand", "maxChanges", "balanceTolerance", "bandCommuneFraction", "candidateLimit", "circuity", "rotation"]
    static let solverKeys = ["timeLimit", "gap"]

    /// `self` on top of `base`: mappings merge key by key, other values replace, and `changes`
    /// are the base's followed by this file's.
    func merged(over base: ScenarioFile) -> ScenarioFile {
        var m = base
        m.file = file
        m.chain = chain + base.chain
        m.name = name ?? base.name
        m.description = description ?? base.description
        // An English text belongs to its own file's name: a file that names itself does not
        // keep the English name of the scenario it starts from.
        m.nameEn = name != nil ? nameEn : nameEn ?? base.nameEn
        m.descriptionEn = description != nil ? descriptionEn : descriptionEn ?? base.descriptionEn
        m.base = self.base
        m.headquarters = headquarters ?? base.headquarters
        m.tables.merge(tables) { $1 }
        // A current table and a current register are one setting: the later file's wins.
        if tables["current"] != nil { m.currentRegister = nil }
        if currentRegister != nil { m.tables["current"] = nil; m.currentRegister = currentRegister }
        m.asOf = asOf ?? base.asOf
        m.workload.merge(workload) { $1 }
        m.requirements = requirements ?? base.requirements
        m.weights.merge(weights) { $1 }
        m.rules.coverage = rules.coverage ?? base.rules.coverage
        m.rules.mountainBand = rules.mountainBand ?? base.rules.mountainBand
        m.rules.maxChanges = rules.maxChanges ?? base.rules.maxChanges
        m.rules.balanceTolerance = rules.balanceTolerance ?? base.rules.balanceTolerance
        m.rules.bandCommuneFraction = rules.bandCommuneFraction ?? base.rules.bandCommuneFraction
        m.rules.candidateLimit = rules.candidateLimit ?? base.rules.candidateLimit
        m.rules.circuity.merge(rules.circuity) { $1 }
        m.rules.rotation = rules.rotation ?? base.rules.rotation
        m.locked = locked ?? base.locked
        m.forbidden = forbidden ?? base.forbidden
        m.priorities = priorities ?? base.priorities
        m.priorityTolerance = priorityTolerance ?? base.priorityTolerance
        m.solver.merge(solver) { $1 }
        m.changes = base.changes + changes
        if let mine = workPlan { m.workPlan = base.workPlan.map { mine.merged(over: $0) } ?? mine }
        m.adviceTraining = adviceTraining ?? base.adviceTraining
        m.adviceHires = adviceHires ?? base.adviceHires
        return m
    }
}

/// Project-relative path arithmetic that keeps relative paths relative (no machine paths in
/// messages) and collapses `.` and `..`.
enum PathText {
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func join(_ directory: String, _ relative: String) -> String {
        if relative.hasPrefix("/") || directory.isEmpty { return normalize(relative) }
        return normalize(directory + "/" + relative)
    }

    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [String] = []
        for p in path.split(separator: "/", omittingEmptySubsequences: true) {
            if p == "." { continue }
            if p == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if p == "..", absolute { continue }
            parts.append(String(p))
        }
        let s = parts.joined(separator: "/")
        return absolute ? "/" + s : (s.isEmpty ? "." : s)
    }
}
