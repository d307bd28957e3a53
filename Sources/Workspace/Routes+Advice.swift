import Advice
import DiaBanCore
import Foundation
import GLPKSolver
import HTTPTypes
import Hummingbird
import LinearModel
import Planning
import Register
import Reporting
import ScenarioIO

extension Workspace {
    /// Staffing advice on the solve pool: start one (budgets per kind, departures or not), then
    /// follow, stop and list it with the other jobs (`/api/jobs/ID…`); read what it gave (the
    /// advice as JSON, its page, a kind's bar chart); and make a what-if from one of its
    /// actions, saved through the what-if form's own code.
    func addAdviceRoutes(to router: Router<WorkspaceContext>) {
        router.post("api/advice") { request, context -> Response in
            let body = try await JSONResponse.decode(AdviceRequest.self, from: request, limit: 16 * 1024)
            guard let session = context.session else { throw APIError.forbidden("This request has no workspace session: reload the page.") }
            let file = try self.folder.scenario(body.path)
            let input = try body.input()
            var spec = JobSpec(kind: .advice, scenario: file, timeLimit: try body.seconds(), gap: nil)
            spec.advice = input
            return try await self.submitChecked(spec, owner: session.id)
        }
        router.get("api/jobs/:id/advice.json") { request, context -> Response in
            let a = try self.finishedAdvice(try Self.jobID(context))
            let lang = try Self.language(request)
            return JSONResponse.make(try await offload { AdviceDocument(a, lang: lang) })
        }
        router.get("api/jobs/:id/advice.html") { request, context -> Response in
            let a = try self.finishedAdvice(try Self.jobID(context))
            let lang = try Self.language(request)
            let html = try await offload { () -> String in
                let sc = a.loaded.scenario
                if let advice = a.run?.advice {
                    return AdviceHTML.render(advice, scenario: sc, top: AdviceDocument.top, lang: lang, combination: a.combination,
                                             headquartersName: a.loaded.headquartersName)
                }
                guard let r = a.resilience else { throw APIError(.conflict, "This advice was stopped before it priced anything; there is no page.") }
                return AdviceHTML.render(r, scenario: sc, lang: lang)
            }
            return Self.reportPage(html)
        }
        router.get("api/jobs/:id/advice/chart.svg") { request, context -> Response in
            let a = try self.finishedAdvice(try Self.jobID(context))
            let lang = try Self.language(request)
            guard let raw = request.uri.queryParameters["kind"], let kind = AdviceAction.Kind(rawValue: String(raw)) else {
                throw APIError.badRequest("kind is one of \(AdviceAction.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard let advice = a.run?.advice else { throw APIError(.conflict, "This job has no advice to chart.") }
            // layout=narrow: each label above its bar, for a phone's width.
            let narrow = request.uri.queryParameters["layout"].map { $0 == "narrow" } ?? false
            var response = Self.text(AdviceHTML.chart(advice, kind: kind, scenario: a.loaded.scenario, top: AdviceDocument.top, lang: lang, narrow: narrow),
                                     type: "image/svg+xml; charset=utf-8")
            response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
            response.headers[.xFrameOptions] = "SAMEORIGIN"
            return response
        }
        router.post("api/jobs/:id/advice/whatif") { request, context -> Response in
            let id = try Self.jobID(context)
            let body = try await JSONResponse.decode(AdviceWhatIfRequest.self, from: request, limit: 4 * 1024)
            let a = try self.finishedAdvice(id)
            guard let spec = self.pool.spec(id) else { throw Self.noJob(id) }
            let draft = try Self.whatIfDraft(a, key: body.key, base: spec.scenario.relative, file: body.file, overwrite: body.overwrite)
            return JSONResponse.make(try await self.save(draft), status: .created)
        }
    }

    func finishedAdvice(_ id: String) throws(APIError) -> AdviceOutput {
        guard let (state, output) = pool.output(id) else { throw Self.noJob(id) }
        guard case .advice(let a)? = output else {
            if state.isActive { throw APIError(.conflict, "The advice \(id) is still \(state.rawValue); its answer comes when it ends.") }
            throw APIError(.conflict, "\(id) is not a finished advice\(state == .failed ? " (it failed)" : "").")
        }
        return a
    }

    /// The what-if form's draft of one action of an advice (`combination` for the joint
    /// choice): its changes as `changes:` entries, named and asked as `diaban advise` names
    /// and asks the files it writes.
    static func whatIfDraft(_ a: AdviceOutput, key: String, base: String, file: String?, overwrite: Bool?) throws(APIError) -> WhatIfDraft {
        guard let advice = a.run?.advice else { throw APIError(.conflict, "This job has no advice actions.") }
        let sc = a.loaded.scenario
        let changes: [ScenarioChange]
        let question: String
        let defaultFile: String
        if key == "combination" {
            guard let j = advice.joint else { throw APIError(.conflict, "This advice has no joint choice (it was stopped, or no kind of it enters one).") }
            changes = j.changes
            let words = j.actions.map { AdviceReport.describe($0, sc) }.joined(separator: "; ")
            question = "What if we take the best combination within the budgets: \(words.isEmpty ? "no action" : words)? (diaban advise)"
            defaultFile = AdviceReport.jointFile
        } else {
            guard let g = advice.singles.first(where: { $0.action.key == key }) else {
                throw APIError.badRequest("The advice has no action \(key); its actions are named as advice.json names them (e.g. train-CB07-border-security).")
            }
            changes = g.changes
            question = "What if we \(AdviceReport.describe(g.action, sc))? (diaban advise)"
            defaultFile = AdviceReport.whatIfFile(key)
        }
        let entries = try changes.map { change throws(APIError) -> JSONValue in
            guard let v = changeFields(change, scenario: sc) else {
                throw APIError(.internalServerError, "The change \(change.operation) of \(key) has no what-if form.")
            }
            return v
        }
        return WhatIfDraft(base: base, file: file ?? defaultFile, name: "\(sc.name): \(key)", description: nil, question: question,
                           changes: entries, rules: nil, weights: nil, overwrite: overwrite)
    }

    /// A change as a `changes:` entry of the what-if form, with the keys `diaban advise` writes
    /// (ScenarioIO's `WhatIfWriter`): the operations staffing advice uses.
    static func changeFields(_ change: ScenarioChange, scenario: Scenario) -> JSONValue? {
        func strings(_ list: [Specialty]) -> JSONValue { .array(list.map { .string($0.rawValue) }) }
        switch change {
        case .setSpecialties(let o, let add, let remove):
            var f: [String: JSONValue] = ["op": .string("setSpecialties"), "officer": .string(o)]
            if !add.isEmpty { f["add"] = strings(add) }
            if !remove.isEmpty { f["remove"] = strings(remove) }
            return .object(f)
        case .addOfficer(let officer):
            var f: [String: JSONValue] = ["id": .string(officer.id), "name": .string(officer.name), "capacity": .number(officer.capacity)]
            if !officer.specialties.isEmpty { f["specialties"] = strings(officer.specialties) }
            if let c = scenario.communes.first(where: { $0.location == officer.base }) {
                f["base_commune"] = .string(c.code)
            } else if officer.base != scenario.headquarters {
                f["base_lat"] = .number(officer.base.lat)
                f["base_lon"] = .number(officer.base.lon)
            }
            if let p = officer.province { f["province"] = .string(p) }
            if officer.status != .active { f["status"] = .string(officer.status.rawValue) }
            if let h = officer.homeCommune { f["home_commune"] = .string(h) }
            if let n = officer.minCommunes { f["min_communes"] = .number(Double(n)) }
            if let n = officer.maxCommunes { f["max_communes"] = .number(Double(n)) }
            return .object(["op": .string("addOfficer"), "officer": .object(f)])
        case .setBase(let o, let base):
            var f: [String: JSONValue] = ["op": .string("setBase"), "officer": .string(o)]
            switch base {
            case .headquarters: f["headquarters"] = .bool(true)
            case .commune(let code): f["commune"] = .string(code)
            case .point(let p, let label):
                f["lat"] = .number(p.lat)
                f["lon"] = .number(p.lon)
                f["label"] = .string(label)
            }
            return .object(f)
        case .setCapacity(let o, let capacity):
            return .object(["op": .string("setCapacity"), "officer": .string(o), "capacity": .number(capacity)])
        default:
            return nil
        }
    }
}

/// The body of `POST /api/advice`. Numbers come as JSON values so that a wrong one is refused
/// with the field it was typed in, by the field's label on the page.
struct AdviceRequest: Decodable, Sendable {
    var path: String
    var train: JSONValue?
    var hire: JSONValue?
    var moveBase: JSONValue?
    var capacity: JSONValue?
    var capacityUnits: JSONValue?
    var timeLimit: JSONValue?
    var resilience: Bool?

    /// The page's label of each field (English; the page shows its own words beside the field).
    static let labels = [
        "train": "Trainings", "hire": "Hires", "moveBase": "Base moves", "capacity": "Capacity increases",
        "capacityUnits": "Units per capacity increase", "timeLimit": "Time limit per solve (s)",
    ]
    /// The most actions of one kind a combination may take from the workspace.
    static let maxBudget = 50

    /// A refusal of `field`: the English sentence, and the `problem` and its values, which the
    /// page says in its own language beside the field.
    static func refuse(_ field: String, _ problem: String, _ rule: String, _ got: JSONValue, values: [String: JSONValue] = [:]) -> APIError {
        let shown: String = switch got {
        case .string(let s): "\"\(s.prefix(40))\""
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b): String(b)
        case .null: "nothing"
        default: "a list"
        }
        return APIError.field(field, problem, "\(labels[field] ?? field): \(rule) (got \(shown)).", values: values)
    }

    func budget(_ field: String, _ value: JSONValue?) throws(APIError) -> Int {
        guard let value else { return 0 }
        guard let n = value.number, n == n.rounded(), n >= 0, n <= Double(Self.maxBudget) else {
            throw Self.refuse(field, "budget", "a budget is a whole number of actions from 0 to \(Self.maxBudget)", value,
                              values: ["max": .number(Double(Self.maxBudget))])
        }
        return Int(n)
    }

    func input() throws(APIError) -> AdviceInput {
        let budgets: [AdviceAction.Kind: Int] = [
            .train: try budget("train", train), .hire: try budget("hire", hire),
            .moveBase: try budget("moveBase", moveBase), .capacity: try budget("capacity", capacity),
        ]
        var units = 1.0
        if let v = capacityUnits {
            guard let n = v.number, n > 0, n <= 1_000 else {
                throw Self.refuse("capacityUnits", "units", "a number of workload units above 0, at most 1000", v, values: ["max": .number(1_000)])
            }
            units = n
        }
        let departures = resilience ?? false
        if !departures && budgets.values.allSatisfy({ $0 == 0 }) {
            throw APIError.field("train", "no-budget", "Trainings: give at least one budget above 0 (Trainings, Hires, Base moves or Capacity increases), or ask for departures.")
        }
        return AdviceInput(budgets: budgets, capacityUnits: units, resilience: departures)
    }

    func seconds() throws(APIError) -> Double? {
        guard let v = timeLimit else { return nil }
        guard let n = v.number, n > 0, n <= 86_400 else {
            throw Self.refuse("timeLimit", "seconds", "a number of seconds above 0, at most 86400", v, values: ["max": .number(86_400)])
        }
        return n
    }
}

/// The body of `POST /api/jobs/ID/advice/whatif`.
struct AdviceWhatIfRequest: Decodable, Sendable {
    /// The action's key (`train-CB07-border-security`), or `combination`.
    var key: String
    /// The what-if's file name (default as `diaban advise --out` names it).
    var file: String?
    var overwrite: Bool?
}

/// A finished advice in a few numbers, in the job's snapshot.
public struct AdviceSummary: Codable, Sendable, Equatable {
    public var stopped: Bool
    public var candidates: Int
    public var priced: Int
    public var ranking: String?
    public var baseline: Double?
    public var jointStatus: String?
    public var departures: Int?

    init(_ a: AdviceOutput) {
        stopped = a.stopped
        candidates = a.run?.candidates ?? 0
        priced = a.run?.priced ?? 0
        ranking = a.run?.advice?.ranking.rawValue
        baseline = a.run?.advice?.baseline.objective ?? a.resilience?.baseline.objective
        jointStatus = a.run?.advice?.joint?.status.rawValue
        departures = a.resilience?.departures.count
    }
}

/// `GET /api/jobs/ID/advice.json`: the advice as `diaban advise --format json` gives it (the
/// top actions of each kind), each action and commune in the page's words, and the departures.
struct AdviceDocument: Encodable, Sendable {
    /// Actions listed per kind, as `diaban advise` lists them by default.
    static let top = 10

    var summary: AdviceSummary
    var advice: AdviceReport?
    /// Each listed action (and each of the combination) in the page's language, by key.
    var actions: [String: String]
    /// Commune names by code, for the communes the actions serve.
    var communes: [String: String]
    var resilience: ResilienceReport?

    init(_ a: AdviceOutput, lang: ReportLanguage) {
        let sc = a.loaded.scenario
        summary = AdviceSummary(a)
        var actions: [String: String] = [:]
        var codes = Set<String>()
        if let advice = a.run?.advice {
            let report = AdviceReport(advice, scenario: sc, top: Self.top)
            let listed = Set(report.singles.map(\.key))
            for g in advice.singles where listed.contains(g.action.key) { actions[g.action.key] = AdviceHTML.describe(g.action, sc, lang: lang) }
            for action in advice.joint?.actions ?? [] { actions[action.key] = AdviceHTML.describe(action, sc, lang: lang) }
            codes = Set(report.singles.flatMap(\.serves))
            self.advice = report
        }
        self.actions = actions
        communes = Dictionary(sc.communes.filter { codes.contains($0.code) }.map { ($0.code, $0.name) }, uniquingKeysWith: { x, _ in x })
        resilience = a.resilience.map { ResilienceReport($0, scenario: sc) }
    }
}

/// GLPK whose searches stop, keeping their best solutions, when the job is asked to stop (the
/// joint choice's programs are long searches); its live programs are GLPK's own, so the joint
/// choice runs on the decomposition engine as it does on the command line.
struct StoppableSolver: MIPSolver, LiveProgramSolver {
    let inner: GLPKSolver
    let shouldStop: @Sendable () -> Bool

    init(_ inner: GLPKSolver, shouldStop: @escaping @Sendable () -> Bool) {
        self.inner = inner
        self.shouldStop = shouldStop
    }

    func solve(_ model: LinearModel, options: SolverOptions, start: [Double]?,
               progress: (@Sendable (SolveProgress) -> ProgressDecision)?) throws -> SolveResult {
        let stop = shouldStop
        return try inner.solve(model, options: options, start: start) { p in
            stop() ? .stop : (progress?(p) ?? .proceed)
        }
    }

    func withLiveProgram<T>(_ model: LinearModel, options: SolverOptions, _ body: (any LiveLinearProgram) throws -> T) throws -> T {
        try inner.withLiveProgram(model, options: options, body)
    }
}
