import DiaBanCore
import Foundation
import Yams

/// Reads a scenario YAML file, the CSV tables it names and the scenarios it starts from, and
/// checks all of it, reporting every problem rather than the first.
public enum ScenarioLoader {
    /// The scenario of the YAML file at `path` (relative to the current directory or absolute).
    /// A scenario that takes its current assignment from a register reads it through
    /// `current`; without one, such a scenario is refused with the reason.
    public static func load(path: String, current: (any CurrentAssignmentSource)? = nil) throws(ScenarioErrors) -> Scenario {
        try loadDetailed(path: path, current: current).scenario
    }

    /// The scenario and what the loader did to build it (workloads computed, rules, warnings).
    public static func loadDetailed(path: String, current: (any CurrentAssignmentSource)? = nil) throws(ScenarioErrors) -> LoadedScenario {
        let problems = Problems()
        var loading = Loading(problems: problems)
        loading.currentSource = current
        let result = loading.run(path: PathText.normalize(path))
        guard problems.isEmpty, var loaded = result else { throw ScenarioErrors(problems.errors) }
        loaded.warnings = problems.warnings.sorted { $0.location < $1.location }
        return loaded
    }

    /// The scenario at `path` as `diaban check` judges it: loaded, or every problem found.
    public static func reading(path: String, current: (any CurrentAssignmentSource)? = nil) -> Result<LoadedScenario, ScenarioErrors> {
        Result { () throws(ScenarioErrors) in try loadDetailed(path: path, current: current) }
    }

    /// The headquarters and communes of a scenario (workloads filled, requirements applied),
    /// without reading its officers, current assignment or distances: what a roster generator
    /// starts from.
    public static func loadCommunes(path: String) throws(ScenarioErrors) -> (headquarters: GeoPoint, headquartersName: String, communes: [Commune], tables: [String: String]) {
        let problems = Problems()
        var loading = Loading(problems: problems)
        loading.communesOnly = true
        let result = loading.run(path: PathText.normalize(path))
        guard problems.isEmpty, let result else { throw ScenarioErrors(problems.errors) }
        return (result.scenario.headquarters, result.headquartersName, result.scenario.communes, result.tables)
    }
}

extension ScenarioLoader {
    /// The tables a scenario names (after following `base:`), by role, joined with the
    /// scenario file's folder; the tables themselves are not read.
    public static func tablePaths(path: String) throws(ScenarioErrors) -> [String: String] {
        let problems = Problems()
        let file = Loading(problems: problems).resolve(path: PathText.normalize(path), reference: nil, chain: [])
        guard problems.isEmpty, let file else { throw ScenarioErrors(problems.errors) }
        return file.tables.mapValues(\.value)
    }
}

/// One load: the steps in order, sharing the problem list.
private struct Loading {
    let problems: Problems
    var communesOnly = false
    var currentSource: (any CurrentAssignmentSource)?

    init(problems: Problems) { self.problems = problems }

    func run(path: String) -> LoadedScenario? {
        guard let file = resolve(path: path, reference: nil, chain: []) else { return nil }

        let hq = headquarters(file)
        if !communesOnly && file.tables["officers"] == nil {
            problems.add(.missingValue, SourceLocation(file: path, field: "tables.officers"), "The scenario names no officers table.",
                         hint: "Add officers: data/officers.csv under tables:.")
        }
        guard let communesPath = file.tables["communes"] else {
            problems.add(.missingValue, SourceLocation(file: path, field: "tables.communes"), "The scenario names no communes table.",
                         hint: "Add tables: {communes: data/communes.csv, ...}, with paths relative to the scenario file.")
            return nil
        }

        // Communes, workloads, requirements.
        // A table that cannot be read at all is reported once; references to it are not checked.
        var communeRows: [CommuneTable.Row] = []
        var knownCodes: Set<String>?
        if let table = CSVTable.read(path: communesPath.value, file: communesPath.value, what: "communes table",
                                     required: CommuneTable.required, reference: communesPath.at, problems: problems,
                                     maxRows: SourceFile.maxEntityRows),
           CommuneTable.required.allSatisfy(table.has) {
            table.warnNearMissColumns(known: CommuneTable.required + CommuneTable.optional, problems: problems)
            let read = CommuneTable.read(table, problems: problems)
            communeRows = read.rows
            knownCodes = read.codes
        }
        var formula = WorkloadFormula()
        for (key, kp) in ScenarioFile.workloadKeys { if let v = file.workload[key] { formula[keyPath: kp] = v.value } }
        let filled = WorkloadFormula.fillMissing(communeRows.map { ($0.commune.formerDistrict ?? $0.commune.province, $0.population, $0.area) })
        var communes: [Commune] = []
        var computed: [String] = [], filledCodes: [String] = []
        for (row, fill) in zip(communeRows, filled) {
            var c = row.commune
            if !row.workloadGiven {
                c.workload = formula.workload(population: fill.population, areaKm2: fill.area, terrain: c.terrain)
                computed.append(c.code)
                if fill.filled { filledCodes.append(c.code) }
            }
            communes.append(c)
        }
        let rules = file.requirements?.value ?? []
        if let knownCodes { for r in rules { check(r, communes: communes, knownCodes: knownCodes) } }
        for r in rules { r.rule.apply(to: &communes) }
        let byCode = Dictionary(communes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })

        var tables = file.tables.mapValues(\.value)
        tables["communes"] = communesPath.value
        var scenario = Scenario(name: file.name?.value ?? Self.stem(path), description: file.description?.value ?? "",
                                headquarters: hq?.point ?? GeoPoint(lat: 0, lon: 0), communes: communes, officers: [])
        scenario.nameEn = file.nameEn?.value
        scenario.descriptionEn = file.descriptionEn?.value
        if communesOnly {
            tables = ["communes": communesPath.value]
            return hq == nil ? nil : result(file, scenario, tables, hq, formula, rules, computed, filledCodes, [])
        }

        // Officers, current assignment, distances.
        var knownIDs: Set<String>?
        if let o = file.tables["officers"],
           let table = CSVTable.read(path: o.value, file: o.value, what: "officers table", required: OfficerTable.required, reference: o.at, problems: problems,
                                   maxRows: SourceFile.maxEntityRows),
           OfficerTable.required.allSatisfy(table.has) {
            table.warnNearMissColumns(known: OfficerTable.required + OfficerTable.optional, problems: problems)
            let read = OfficerTable.read(table, communes: byCode, knownCodes: knownCodes, headquarters: hq ?? ("headquarters", GeoPoint(lat: 0, lon: 0)), problems: problems)
            scenario.officers = read.rows.map(\.officer)
            knownIDs = read.ids
        }
        var currentLines: [Pair: Int] = [:]
        scenario.asOf = file.asOf?.value
        if let c = file.tables["current"],
           let table = CSVTable.read(path: c.value, file: c.value, what: "current assignment", required: ["commune", "officer"], reference: c.at, problems: problems) {
            let pairs = PairTables.readCurrent(table, communes: knownCodes, officers: knownIDs, problems: problems,
                                               communeNames: byCode.mapValues(\.name),
                                               officerNames: Dictionary(scenario.officers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
            scenario.current = Assignment(pairs.map(\.pair))
            for p in pairs {
                currentLines[p.pair] = p.line
                if let since = p.since { scenario.since[p.pair] = since }
            }
        }
        var registerRefusals: (rejected: [Pair], kept: [Pair], at: SourceLocation)?
        var registerLeft: (ids: [String], at: SourceLocation)?
        if let r = file.currentRegister {
            tables["current"] = r.value
            if let read = RegisterCurrent.read(r, asOf: file.asOf, communes: byCode, officers: scenario.officers, source: currentSource, problems: problems) {
                scenario.current = read.current
                scenario.since = read.since
                scenario.asOf = read.asOf
                registerRefusals = (read.rejected, read.kept, r.at)
                registerLeft = (read.left, r.at)
            }
        }
        if let d = file.tables["distances"],
           let table = CSVTable.read(path: d.value, file: d.value, what: "distances table", required: ["officer", "commune", "km"], reference: d.at, problems: problems) {
            scenario.distances = PairTables.readDistances(table, communes: knownCodes, officers: knownIDs, problems: problems)
        }

        // Settings.
        for (key, kp) in ScenarioFile.weightKeys { if let v = file.weights[key] { scenario.weights[keyPath: kp] = v.value } }
        if let v = file.rules.coverage { scenario.rules.coverage = v.value }
        if let v = file.rules.mountainBand { scenario.rules.mountainBand = v.value }
        if let v = file.rules.maxChanges { scenario.rules.maxChanges = v.value }
        if let v = file.rules.balanceTolerance { scenario.rules.balanceTolerance = v.value }
        if let v = file.rules.bandCommuneFraction { scenario.rules.bandCommuneFraction = v.value }
        if let v = file.rules.candidateLimit { scenario.rules.candidateLimit = v.value }
        if let v = file.rules.circuity["lowland"] { scenario.rules.circuity.lowland = v.value }
        if let v = file.rules.circuity["mountain"] { scenario.rules.circuity.mountain = v.value }
        if let v = file.rules.rotation { scenario.rules.rotation = v.value }
        if let v = file.priorities { scenario.priorities = v.value.isEmpty ? nil : v.value }
        if let v = file.priorityTolerance { scenario.priorityTolerance = v.value }
        if let v = file.solver["timeLimit"] { scenario.solver.timeLimit = v.value }
        if let v = file.solver["gap"], let g = v.value { scenario.solver.gap = g }

        var origin: [Pair: SourceLocation] = [:]
        for (list, what) in [(file.locked, "locked"), (file.forbidden, "forbidden")] {
            var pairs: [Pair] = []
            for p in list?.value ?? [] {
                if checkReferences(p.value, at: p.at, what: what, knownCodes: knownCodes, knownIDs: knownIDs) { pairs.append(p.value) }
                origin[p.value] = origin[p.value] ?? p.at
            }
            if what == "locked" { scenario.locked = pairs } else { scenario.forbidden = pairs }
        }
        // The register's last decision stands: what it rejected stays forbidden, what it kept
        // stays locked (unless the scenario's own rules say otherwise).
        if let refusals = registerRefusals {
            let forbidden = Set(scenario.forbidden), locked = Set(scenario.locked)
            for p in refusals.rejected where !forbidden.contains(p) && !locked.contains(p) {
                scenario.forbidden.append(p)
                origin[p] = origin[p] ?? refusals.at
            }
            let hardDue = scenario.rules.rotation?.mode == .hard ? Set(scenario.pairsDueForRotation) : []
            for p in refusals.kept where !locked.contains(p) && !forbidden.contains(p) && !hardDue.contains(p) {
                scenario.locked.append(p)
                origin[p] = origin[p] ?? refusals.at
            }
        }

        // What-if changes, in order; each failing one is reported and skipped.
        var applied: [ScenarioChange] = []
        if problems.isEmpty {
            for change in file.changes {
                let c: ScenarioChange
                switch change.value {
                case .ready(.setBase(let id, .headquarters)):
                    c = .setBase(officer: id, base: .point(scenario.headquarters, label: hq?.name ?? "headquarters"))
                case .ready(let ready): c = ready
                case .addOfficer(var officer, let base):
                    switch base {
                    case .headquarters:
                        officer.base = scenario.headquarters
                        if officer.baseLabel.isEmpty { officer.baseLabel = hq?.name ?? "headquarters" }
                    case .commune(let code):
                        guard let commune = scenario.commune(code) else {
                            problems.add(.badChange, change.at, "The new officer's base commune \(code) is not in the communes table.",
                                         hint: "Use a code from the communes table.")
                            continue
                        }
                        officer.base = commune.location
                        if officer.baseLabel.isEmpty { officer.baseLabel = commune.name }
                    case .point(let p, let label):
                        officer.base = p
                        if officer.baseLabel.isEmpty { officer.baseLabel = label }
                    }
                    c = .addOfficer(officer)
                }
                do {
                    var changed = scenario
                    try c.apply(to: &changed)
                    // A scale applied again and again must not leave the range a table may hold.
                    if let bad = changed.communes.first(where: { !(0.001...1000).contains($0.workload) }) {
                        problems.add(.badChange, change.at,
                                     "After the \(c.operation) change the workload of \(bad.name) (\(bad.code)) would be \(CSVFields.show(bad.workload)) units, outside 0.001–1000.",
                                     hint: "Use value: instead of scale:, or a smaller factor; a workload is above 0 and at most 1000 units a year.")
                        continue
                    }
                    scenario = changed
                    applied.append(c)
                    if case .lock(let p) = c { origin[p] = origin[p] ?? change.at }
                    if case .forbid(let p) = c { origin[p] = origin[p] ?? change.at }
                } catch {
                    // At the change's key that holds the mistake, when the change says which.
                    var at = change.at
                    if let key = error.key, let field = at.field { at.field = field + "." + key }
                    problems.add(.badChange, at, "The \(c.operation) change cannot be applied: \(error.message)", hint: error.hint)
                }
            }
        }

        // Officers the register says have left are not planned, whatever the officers table
        // says; a what-if that removes one of them again records no second departure.
        if let gone = registerLeft {
            for id in gone.ids {
                scenario.rosterEvents.removeAll { $0.kind == .leaves && $0.officer == id }
                guard let i = scenario.officers.firstIndex(where: { $0.id == id }) else { continue }
                let name = scenario.officers.remove(at: i).name
                scenario.locked.removeAll { $0.officer == id }
                scenario.forbidden.removeAll { $0.officer == id }
                if let d = scenario.distances { scenario.distances = DistanceMatrix(d.entries.filter { $0.key.officer != id }) }
                problems.warn(.conflict, gone.at, "Officer \(id) (\(name)) has left the roster by a decision in the register, so they are not planned.",
                              hint: "Remove \(id) from the officers table.")
            }
        }
        if problems.isEmpty { applyRotation(&scenario, file: file, origin: origin) }
        checkConsistency(scenario, origin: origin, currentLines: currentLines, tables: tables)
        var calendarTables: [String] = []
        if let part = file.workPlan {
            scenario.workPlan = workPlanRules(part, scenario: scenario)
            calendarTables = [part.holidays?.value, part.daysOff?.value].compactMap { $0 }
            for (role, path) in [("holidays", part.holidays), ("daysOff", part.daysOff)] { if let path { tables[role] = path.value } }
        }
        if let t = file.adviceTraining, problems.isEmpty,
           let table = CSVTable.read(path: t.value, file: t.value, what: "training table", required: ["officer", "specialty"], reference: t.at, problems: problems) {
            scenario.training = TrainingTable.read(table, scenario: scenario, problems: problems)
            tables["adviceTraining"] = t.value
        }
        if let t = file.adviceHires, problems.isEmpty,
           let table = CSVTable.read(path: t.value, file: t.value, what: "hires table", required: ["place"], reference: t.at, problems: problems) {
            scenario.hires = HireTable.read(table, scenario: scenario, problems: problems)
            tables["adviceHires"] = t.value
        }
        guard hq != nil else { return nil }
        var loaded = result(file, scenario, tables, hq, formula, rules, computed, filledCodes, applied)
        loaded.inputFiles += calendarTables.filter { !loaded.inputFiles.contains($0) }
        loaded.workPlanDates = file.workPlan?.dates ?? []
        loaded.workPlanPeriodAt = file.workPlan?.period?.at
        return loaded
    }

    /// The rules of `workPlan:`, with its tables read and its officers and communes checked.
    private func workPlanRules(_ part: WorkPlanPart, scenario: Scenario) -> WorkPlanRules {
        var r = WorkPlanRules()
        r.period = part.period?.value
        let known = Set(scenario.officers.map(\.id))
        func officerKnown(_ id: String, _ at: SourceLocation, _ what: String) -> Bool {
            if known.contains(id) { return true }
            problems.add(.unknownReference, at, "\(what) names officer \(id), who is not in the officers table." + Text.didYouMean(id, known.sorted()),
                         hint: "Use an id from the officers table.")
            return false
        }
        for v in part.visits ?? [] {
            if v.value.rule.select.select(from: scenario.communes).isEmpty {
                problems.add(.unknownReference, v.at, "This visits rule selects no commune, so it would change nothing.",
                             hint: "Check its codes, former districts or provinces against the communes table.")
                continue
            }
            r.visits.append(v.value.rule)
        }
        if let v = part.minSpacingDays { r.minSpacingDays = v.value }
        if let v = part.maxGapDays { r.maxGapDays = v.value }
        if let v = part.gapWeight { r.gapWeight = v.value }
        if let v = part.fieldDaysPerMonth { r.fieldDaysPerMonth = v.value }
        for b in part.budgets ?? [] {
            if let id = b.value.officer, !officerKnown(id, b.at, "The budget") { continue }
            r.budgets.append(b.value)
        }
        if let v = part.weekend { r.weekend = v.value }
        for o in part.officeDays ?? [] {
            if let ids = o.value.officers, !ids.allSatisfy({ officerKnown($0, o.at, "The office day") }) { continue }
            r.officeDays.append(o.value)
        }
        for b in part.blocked ?? [] where officerKnown(b.value.officer, b.at, "The blocked days") { r.blocked.append(b.value) }
        if let v = part.trips["maxKmPerDay"]?.value { r.trips.maxKmPerDay = v }
        if let v = part.trips["maxCommunesPerDay"]?.value { r.trips.maxCommunesPerDay = Int(v) }
        if let v = part.trips["overnightBeyondKm"] { r.trips.overnightBeyondKm = v.value }
        if let v = part.timeLimit { r.timeLimit = v.value }
        var byDay: [Day: CalendarEntry] = [:]
        if let path = part.holidays {
            for e in CalendarTable.read(path: path, what: "holidays table", defaultKind: .holiday, problems: problems) { byDay[e.day] = e }
        } else {
            problems.warn(.missingValue, part.at.with(field: "workPlan.holidays"),
                          "workPlan names no holidays table, so public holidays (Tết, Hùng Kings' day, National Day …) count as working days.",
                          hint: "Add holidays: the path of scenarios/vietnam/data/holidays.csv (2025–2030), relative to this file.")
        }
        if let path = part.daysOff {
            // The user's table extends the holidays table: its row for a day replaces the other's.
            for e in CalendarTable.read(path: path, what: "days-off table", defaultKind: .dayOff, problems: problems) { byDay[e.day] = e }
        }
        r.calendar = byDay.values.sorted { $0.day < $1.day }
        return r
    }

    /// A hard rotation rule forbids the pairs due; a rotation rule needs a date to count to.
    private func applyRotation(_ scenario: inout Scenario, file: ScenarioFile, origin: [Pair: SourceLocation]) {
        guard let rule = file.rules.rotation, let rotation = rule.value else { return }
        guard scenario.asOf != nil else {
            problems.add(.missingValue, rule.at, "rules.rotation counts how long each pair has lasted, but the scenario has no date to count to.",
                         hint: "Add asOf: YYYY-MM-DD (the date the plan is for), and a since column in the current table; a register gives both.")
            return
        }
        if scenario.since.isEmpty && !scenario.current.pairs.isEmpty {
            problems.warn(.missingValue, rule.at, "rules.rotation is set, but no current pair has a start date, so no pair is due for rotation.",
                          hint: "Add a since column (YYYY-MM-DD) to the current table, or read the current assignment from a register.")
        }
        guard rotation.mode == .hard else { return }
        let locked = Set(scenario.locked)
        for pair in scenario.pairsDueForRotation where locked.contains(pair) {
            let at = origin[pair] ?? rule.at
            problems.add(.conflict, at,
                         "The pair \(pair.officer) – \(scenario.commune(pair.commune)?.name ?? pair.commune) is locked, but \(scenario.rotationReason(pair) ?? "the rotation rule asks for a change").",
                         hint: "Remove the lock, or make the rotation rule soft.")
        }
        guard problems.isEmpty else { return }
        scenario.forbidPairsDueForRotation()
    }

    private func result(
        _ file: ScenarioFile, _ scenario: Scenario, _ tables: [String: String], _ hq: (name: String, point: GeoPoint)?,
        _ formula: WorkloadFormula, _ rules: [ScenarioFile.Requirement], _ computed: [String], _ filled: [String], _ changes: [ScenarioChange]
    ) -> LoadedScenario {
        var inputs = file.chain + tables.values.sorted()
        if case .table(let path)? = file.headquarters?.value { inputs.append(path) }
        return LoadedScenario(scenario: scenario, file: file.file, tables: tables, headquartersName: hq?.name ?? "", workloadFormula: formula,
                              requirements: rules.map(\.rule), computedWorkloads: computed, filledCommunes: filled, warnings: [], changes: changes,
                              inputFiles: inputs)
    }

    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".yaml") || name.hasSuffix(".yml") ? String(name[..<name.lastIndex(of: ".")!]) : name
    }

    // MARK: Files

    /// Reads a scenario file and the chain of files it starts from, merged.
    func resolve(path: String, reference: SourceLocation?, chain: [String]) -> ScenarioFile? {
        let identity = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if chain.contains(identity) {
            problems.add(.baseCycle, reference ?? SourceLocation(file: path), "The scenario \(path) starts from itself through base:, so it never ends.",
                         hint: "Remove the base: line that closes the loop.")
            return nil
        }
        let what = reference == nil ? "scenario file" : "base scenario"
        let data: Data
        switch SourceFile.read(path, limit: SourceFile.maxScenarioBytes) {
        case .success(let d): data = d
        case .failure(let failure):
            let at = reference ?? SourceLocation(file: path)
            let hint = reference == nil ? "Check the path of the scenario file." : "Check the path after base:; it is relative to the scenario file's folder."
            switch failure {
            case .missing, .unreadable:
                problems.add(.unreadableFile, at, "The \(what) \(path) does not exist or cannot be read.", hint: hint)
            case .folder:
                problems.add(.unreadableFile, at, "The \(what) \(path) is a folder, not a YAML file.", hint: hint)
            case .notRegular:
                problems.add(.unreadableFile, at, "The \(what) \(path) is not a regular file (it is a device, a pipe or a socket).", hint: hint)
            case .tooLarge(let bytes):
                problems.add(.unreadableFile, at,
                             "The \(what) \(path) is \(SourceFile.megabytes(bytes)); a scenario file is at most \(SourceFile.megabytes(SourceFile.maxScenarioBytes)) (tables go in CSV files), so it is probably not the intended file.",
                             hint: hint)
            }
            return nil
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            problems.add(.notText, SourceLocation(file: path, line: 1), "The \(what) is saved as UTF-16, which DiaBan does not read.",
                         hint: "Save it again as UTF-8 text from a text editor.")
            return nil
        }
        if let zero = bytes.firstIndex(of: 0) {
            problems.add(.notText, SourceLocation(file: path, line: SourceFile.line(ofOffset: zero, in: bytes)),
                         "The \(what) contains binary data (a zero byte), so it is not a YAML text file.",
                         hint: "Name the scenario's YAML file; save it as UTF-8 text from a text editor.")
            return nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            problems.add(.notText, SourceLocation(file: path, line: SourceFile.firstInvalidUTF8Line(bytes)),
                         "The \(what) is not valid UTF-8 text from this line on (perhaps another encoding).",
                         hint: "Save it as UTF-8 text from a text editor.")
            return nil
        }
        guard let file = ScenarioFile.parse(yaml: text, file: path, problems: problems) else { return nil }
        guard let base = file.base else { return file }
        guard let parent = resolve(path: base.value, reference: base.at, chain: chain + [identity]) else { return nil }
        return file.merged(over: parent)
    }

    private func headquarters(_ file: ScenarioFile) -> (name: String, point: GeoPoint)? {
        guard let hq = file.headquarters else {
            problems.add(.missingValue, SourceLocation(file: file.file, field: "headquarters"), "The scenario has no headquarters.",
                         hint: "Add headquarters: {name: ..., lat: ..., lon: ...} or headquarters: data/hq.csv; officers without a base start there.")
            return nil
        }
        switch hq.value {
        case .point(let name, let p): return (name, p)
        case .table(let path):
            guard let table = CSVTable.read(path: path, file: path, what: "headquarters table", required: ["lat", "lon"], reference: hq.at, problems: problems),
                  let row = table.rows.first else {
                return nil
            }
            let f = CSVFields(table: table, row: row, problems: problems)
            let lat = f.number("lat", "latitude", in: -90...90, required: true, rangeHint: "Give decimal degrees, -90 to 90.")
            let lon = f.number("lon", "longitude", in: -180...180, required: true, rangeHint: "Give decimal degrees, -180 to 180.")
            guard let lat, let lon else { return nil }
            return (f.text("name") ?? "headquarters", GeoPoint(lat: lat, lon: lon))
        }
    }

    // MARK: Checks

    private func check(_ r: ScenarioFile.Requirement, communes: [Commune], knownCodes: Set<String>) {
        for (criterion, item) in r.criteria {
            let value = item.value
            switch criterion {
            case "communes":
                if !knownCodes.contains(value) {
                    problems.add(.unknownReference, item.at, "The requirement for \(r.rule.specialty) selects commune \(value), which is not in the communes table.",
                                 hint: "Use a code from the communes table.")
                }
            case "formerDistricts", "provinces":
                let key = CommuneSelection.placeKey(value)
                let known = Set(communes.compactMap { criterion == "provinces" ? $0.province : $0.formerDistrict })
                if !known.contains(where: { CommuneSelection.placeKey($0) == key }) {
                    let word = criterion == "provinces" ? "province" : "former district"
                    problems.add(.unknownReference, item.at, "No commune has the \(word) \"\(value)\"." + Text.didYouMean(value, known.sorted()),
                                 hint: "Write the \(word) as in the communes table (the prefix such as Huyện may be left out).")
                }
            default: break
            }
        }
        if !communes.isEmpty, r.rule.select.select(from: communes).isEmpty, let first = r.criteria.first {
            problems.warn(.badValue, first.value.at, "The requirement for \(r.rule.specialty) selects no commune.",
                          hint: "Check that its criteria can hold together (all of them must match).")
        }
    }

    private func checkReferences(_ p: Pair, at: SourceLocation, what: String, knownCodes: Set<String>?, knownIDs: Set<String>?) -> Bool {
        guard let knownCodes, let knownIDs else { return false }
        var ok = true
        if !knownIDs.contains(p.officer) {
            problems.add(.unknownReference, at, "The \(what) pair names officer \(p.officer), who is not in the officers table.",
                         hint: "Use an id from the officers table.")
            ok = false
        }
        if !knownCodes.contains(p.commune) {
            problems.add(.unknownReference, at, "The \(what) pair names commune \(p.commune), which is not in the communes table.",
                         hint: "Use a code from the communes table.")
            ok = false
        }
        return ok
    }

    /// Facts that involve several tables, checked on the final scenario.
    private func checkConsistency(_ s: Scenario, origin: [Pair: SourceLocation], currentLines: [Pair: Int], tables: [String: String]) {
        let officers = Dictionary(s.officers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let communes = Dictionary(s.communes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let forbidden = Set(s.forbidden)
        var lockedPerCommune: [String: [String]] = [:]
        for p in s.locked {
            let at = origin[p] ?? SourceLocation(file: "scenario", field: "locked")
            guard let o = officers[p.officer], let c = communes[p.commune] else { continue }
            lockedPerCommune[p.commune, default: []].append(p.officer)
            if forbidden.contains(p) {
                problems.add(.conflict, at, "Officer \(o.id) (\(o.name)) is both locked to and forbidden from \(c.name) (\(c.code)).",
                             hint: "Remove the pair from locked or from forbidden.")
            }
            if o.homeCommune == c.code {
                problems.add(.conflict, at, "Officer \(o.id) (\(o.name)) is locked to \(c.name), their home commune, which an officer may never track.",
                             hint: "Lock another officer to \(c.name), or correct the officer's home_commune.")
            }
            if !o.isActive {
                problems.add(.conflict, at, "Officer \(o.id) (\(o.name)) is locked to \(c.name) but is on leave.",
                             hint: "Remove the lock, or set the officer's status to active.")
            }
        }
        for (code, ids) in lockedPerCommune.sorted(by: { $0.key < $1.key }) {
            guard let c = communes[code], ids.count > c.staffing else { continue }
            let at = origin[Pair(officer: ids[0], commune: code)] ?? SourceLocation(file: "scenario", field: "locked")
            problems.add(.conflict, at, "\(ids.count) officers (\(Text.and(ids.sorted()))) are locked to \(c.name), whose staffing is \(c.staffing).",
                         hint: "Lock at most \(c.staffing), or raise the commune's staffing.")
        }
        for o in s.officers {
            if let minC = o.minCommunes, let maxC = o.maxCommunes, minC > maxC {
                problems.add(.conflict, SourceLocation(file: tables["officers"] ?? "officers", field: "min_communes"),
                             "Officer \(o.id) has min_communes \(minC) above max_communes \(maxC).", hint: "Lower min_communes or raise max_communes.")
            }
        }
        // Specialties are an open vocabulary, but one slip away from a known one is said.
        let held = Set(s.officers.flatMap(\.specialties).map(\.rawValue))
        let needed = Set(s.communes.flatMap(\.requiredSpecialties).map(\.rawValue))
        for word in held.union(needed).sorted() {
            let others = held.union(needed).subtracting([word]).sorted()
            guard !(held.contains(word) && needed.contains(word)), let near = Text.suggestion(for: word, among: others, maxDistance: 2) else { continue }
            let whereFrom = held.contains(word) ? tables["officers"] ?? "officers" : tables["communes"] ?? "communes"
            problems.warn(.nearMiss, SourceLocation(file: whereFrom, field: held.contains(word) ? "specialties" : "required_specialties"),
                          "The specialty \(word) is \(held.contains(word) ? "held by an officer but needed by no commune" : "needed but held by no officer"). Did you mean \(near)?",
                          hint: "Correct the spelling if it is the same specialty; a new specialty is fine as it is.")
        }
        // The current assignment: notes, not errors (it is history; the plan repairs it).
        let byCommune = s.current.officersByCommune
        let currentFile = tables["current"] ?? "current"
        for c in s.communes where !(tables["current"] == nil) {
            let n = byCommune[c.code]?.count ?? 0
            if n != c.staffing {
                problems.warn(.staffing, SourceLocation(file: currentFile, field: "commune"),
                              "\(c.name) (\(c.code)) has \(n) officer\(n == 1 ? "" : "s") in the current assignment but a staffing of \(c.staffing).",
                              hint: "The plan will fill or trim it; list its officers in the current table if they are missing.")
            }
        }
        for p in s.current.pairs {
            if let o = officers[p.officer], o.homeCommune == p.commune {
                problems.warn(.conflict, SourceLocation(file: currentFile, line: currentLines[p], field: "officer"),
                              "Officer \(o.id) currently tracks \(communes[p.commune]?.name ?? p.commune), their own home commune.",
                              hint: "An officer should not follow their home commune; forbid the pair or expect the plan to move it.")
            }
        }
    }
}
