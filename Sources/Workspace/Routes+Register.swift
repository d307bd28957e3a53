import DiaBanCore
import Foundation
import HTTPTypes
import Hummingbird
import Planning
import Register
import Reporting
import ScenarioIO

extension Workspace {
    /// Registers under the scenarios folder: adopt a solve's decisions (creating the register
    /// from the scenario first, when asked), the assignment on a date with each pair's tenure
    /// (`diaban register show`), and a commune's or an officer's periods (`register history`).
    /// Adoption is the command line's: ``PreparedAdoption`` then ``Register/adopt(_:)``.
    func addRegisterRoutes(to router: Router<WorkspaceContext>) {
        router.post("api/jobs/:id/adopt") { request, context -> Response in
            let body = try await JSONResponse.decode(AdoptRequest.self, from: request, limit: Self.maxBodyBytes)
            let id = try Self.jobID(context)
            let effective = try Self.day(body.effective, "effective", label: "The effective date")
            let asOf = try body.asOf.map { d throws(APIError) in try Self.day(d, "asOf", label: "The new register's start date") }
            let reference = body.reference.trimmingCharacters(in: .whitespaces)
            guard !reference.isEmpty else {
                throw APIError.field("reference", "reference", "The decision reference must name the decision, e.g. \"Quyết định số 123/QĐ-TU\".")
            }
            guard reference.count <= 200, !reference.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw APIError.field("reference", "one-line", "The decision reference is a decision's number and sign on one line, at most 200 characters, e.g. \"Quyết định số 123/QĐ-TU\".",
                                     values: ["max": .number(200)])
            }
            let note = body.note ?? ""
            guard note.count <= MarkedDecisions.maxNote, !note.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw APIError.field("note", "one-line", "The note is one line of at most \(MarkedDecisions.maxNote) characters.", values: ["max": .number(Double(MarkedDecisions.maxNote))])
            }
            let marked = try self.marked(id, body.decisions)
            let target: ScenarioFolder.Resolved
            do throws(APIError) { target = try self.folder.register(body.register, mustExist: false) } catch { throw error.at(field: "register") }
            let exists = self.folder.exists(target)
            if asOf == nil && !exists {
                throw APIError.notFound("There is no register \(target.relative). Give the new register's start date to create it from the scenario, or choose a register of the folder.")
                    .at(field: "asOf").problem("no-register", ["path": .string(target.relative)])
            }
            if asOf != nil && exists {
                throw APIError(.conflict, "\(target.relative) already exists. A register is created once: adopt into it without a start date, or choose a new name.",
                               details: ["exists": .bool(true), "path": .string(target.relative)])
            }
            let folder = self.folder
            let adopted = try await offload { () throws(APIError) -> Adopted in
                // The plan as the command line reads plan.json, and the rows as it reads decisions.csv.
                let plan: SolveReport
                do { plan = try JSONDecoder().decode(SolveReport.self, from: try marked.report.jsonData()) } catch {
                    throw APIError(.internalServerError, "The plan of solve \(id) could not be read back as plan.json: \(error).")
                }
                let decisions = try marked.check(against: plan.adoptionRoster, folder: folder)
                let prepared: PreparedAdoption
                do {
                    prepared = try PreparedAdoption(plan: plan.adoptedPlan(name: "the plan of solve \(id) (\(marked.scenario.relative))"), decisions: decisions,
                                                    decisionsName: Self.decisionsName, reference: reference, effective: effective, note: note)
                } catch {
                    let lines = (error as? AdoptionProblems)?.lines ?? ["\(error)"]
                    throw APIError(.unprocessableContent, lines.count == 1 ? lines[0] + " Nothing was written." : "The decision cannot be adopted as it stands; nothing was written.",
                                   details: ["lines": JSONValue.of(lines)])
                }
                return try Self.adopt(prepared, into: target, creatingFrom: asOf.map { (marked.solve.loaded.scenario, $0) })
            }
            return JSONResponse.make(adopted, status: .created)
        }
        router.get("api/registers") { _, _ -> Response in
            let folder = self.folder
            return JSONResponse.make(["registers": try await offload { folder.registerFiles() }])
        }
        router.get("api/register") { request, _ -> Response in
            let target = try self.folder.register(try Self.query(request, "path"))
            let on = try request.uri.queryParameters["asOf"].map { d throws(APIError) in try Self.day(String(d), "asOf", label: "The date (asOf)") }
            return JSONResponse.make(try await offload { () throws(APIError) -> RegisterState in
                let register = try Self.open(target, readOnly: true)
                defer { try? register.close() }
                return try Self.registerCall { try RegisterState(register, path: target.relative, on: on) }
            })
        }
        router.get("api/register/history") { request, _ -> Response in
            let target = try self.folder.register(try Self.query(request, "path"))
            let commune = request.uri.queryParameters["commune"].map(String.init), officer = request.uri.queryParameters["officer"].map(String.init)
            guard (commune == nil) != (officer == nil) else { throw APIError.badRequest("Give exactly one of commune=CODE and officer=ID.") }
            return JSONResponse.make(try await offload { () throws(APIError) -> RegisterHistory in
                let register = try Self.open(target, readOnly: true)
                defer { try? register.close() }
                return try Self.registerCall { try RegisterHistory(register, commune: commune, officer: officer) }
            })
        }
    }

    /// A date written `YYYY-MM-DD` (400 otherwise), as the register commands read one. `field`
    /// is the form field's id, `label` its English label.
    static func day(_ text: String, _ field: String, label: String) throws(APIError) -> Day {
        guard let d = Day(iso: text) else {
            throw APIError.field(field, "date", "\(label) must be a date written YYYY-MM-DD, e.g. 2026-07-01; \"\(text.prefix(40))\" is not one.",
                                 values: ["text": .string(String(text.prefix(40)))])
        }
        return d
    }

    static func open(_ target: ScenarioFolder.Resolved, readOnly: Bool) throws(APIError) -> Register {
        try registerCall { try Register.open(at: target.path, readOnly: readOnly) }
    }

    /// Runs a register call, its refusal as an answer: bad data or a refusal 422 (the command
    /// line's exit 65), a missing register 404, one that exists or is busy 409, the machine's
    /// failures 5xx; the register's own sentence in every case.
    static func registerCall<T>(_ body: () throws -> T) throws(APIError) -> T {
        do { return try body() } catch {
            guard let error = error as? RegisterError else {
                throw error as? APIError ?? APIError(.internalServerError, "The register could not be read or written: \(error).")
            }
            let status: HTTPResponse.Status
            switch error.code {
            case .missing: status = .notFound
            case .exists, .busy: status = .conflict
            case .diskFull: status = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
            case .readOnly, .io: status = .internalServerError
            default: status = .unprocessableContent
            }
            var details: [String: JSONValue] = ["code": .string(error.code.rawValue)]
            if let refusal = error.refusal { details["refusal"] = JSONValue.of(RefusalJSON(refusal)) }
            throw APIError(status, error.message, details: details)
        }
    }

    /// Creates the register first when asked (from `creatingFrom`'s scenario on its date), then
    /// adopts. A register created here that then refuses the decision is removed again, so a
    /// refusal leaves the folder as it was.
    static func adopt(_ prepared: PreparedAdoption, into target: ScenarioFolder.Resolved, creatingFrom: (Scenario, Day)?) throws(APIError) -> Adopted {
        if let (scenario, day) = creatingFrom {
            let made = try registerCall { try Register.create(at: target.path, scenario: scenario, asOf: day) }
            try? made.close()
        }
        do {
            let register = try open(target, readOnly: false)
            defer { try? register.close() }
            let result = try registerCall { try register.adopt(prepared.adoption) }
            let state = try registerCall { try RegisterState(register, path: target.relative, on: prepared.adoption.effective) }
            let problems = try registerCall { try register.check() }
            let refusals = prepared.adoption.refusals
            let counts = Adopted.Counts(ended: result.ended.count, began: result.began.count, continuing: result.continuing,
                                        accepted: prepared.adoption.changes.count - prepared.forced, forced: prepared.forced,
                                        newOfficers: result.newOfficers, rejected: refusals.filter { $0.verdict == "reject" }.count,
                                        kept: refusals.filter { $0.verdict == "keep" }.count, notAdopted: prepared.notAdopted.count)
            return Adopted(register: target.relative, created: creatingFrom != nil, summary: prepared.summary(result), counts: counts, problems: problems, state: state)
        } catch let refusal {
            if creatingFrom != nil {
                for suffix in ["", "-wal", "-shm", "-journal"] { unlink(target.realPath + suffix) }
                var details = refusal.details
                details["notKept"] = .string(target.relative)
                throw APIError(refusal.status, refusal.message + " The new register \(target.relative) was not kept.", details: details)
            }
            throw refusal
        }
    }
}

/// A register's refusal in parts (`refusal` of an adoption's 422), so the page words it in its
/// own language: `kind` says which refusal, the other fields are its values.
struct RefusalJSON: Encodable, Sendable {
    struct Officer: Encodable, Sendable {
        var id: String
        var name: String
    }
    struct Commune: Encodable, Sendable {
        var commune: String
        var communeName: String
        /// Whom the plan starts from, and whom the register holds (empty: nobody).
        var plan: [Officer]
        var register: [Officer]
    }
    var kind: String
    var reference: String?
    var effective: String?
    var lastReference: String?
    var lastEffective: String?
    var communes: [Commune]?

    init(_ r: RegisterError.Refusal) {
        switch r {
        case .referenceRecorded(let reference, let effective):
            kind = "reference-recorded"
            self.reference = reference
            self.effective = effective
        case .planAdopted(let reference, let effective):
            kind = "plan-adopted"
            self.reference = reference
            self.effective = effective
        case .notAfter(let effective, let lastReference, let lastEffective):
            kind = "not-after"
            self.effective = effective
            self.lastReference = lastReference
            self.lastEffective = lastEffective
        case .stateDiffers(let differences):
            kind = "state-differs"
            communes = differences.map { d in
                let officers = { (ids: [String]) in ids.map { Officer(id: $0, name: d.officerNames[$0] ?? $0) } }
                return Commune(commune: d.commune, communeName: d.communeName, plan: officers(d.plan), register: officers(d.register))
            }
        }
    }
}

/// The body of `POST /api/jobs/:id/adopt`.
struct AdoptRequest: Decodable, Sendable {
    var decisions: [MarkedMove]
    /// The register file, under the scenarios folder (`nghe-an/register.sqlite`).
    var register: String
    var effective: String
    var reference: String
    var note: String?
    /// Creates the register from the solve's scenario on this date first (it must not exist).
    var asOf: String?
}

/// What an adoption recorded, and the register afterwards.
struct Adopted: Encodable, Sendable {
    var register: String
    var created: Bool
    /// What `diaban register adopt` prints.
    var summary: [String]
    /// The same in numbers, for the page to say in its language.
    var counts: Counts
    struct Counts: Encodable, Sendable {
        /// Pairs that end, begin and continue on the effective date.
        var ended: Int
        var began: Int
        var continuing: Int
        /// Changes recorded: accepted moves, and moves a hard rule forces.
        var accepted: Int
        var forced: Int
        var newOfficers: [String]
        /// Refusals standing until the next decision: rejected moves, kept pairs.
        var rejected: Int
        var kept: Int
        /// The plan's moves left out (no accept, no rule forcing them).
        var notAdopted: Int
    }
    /// What `diaban register check` finds wrong afterwards (nothing).
    var problems: [String]
    var state: RegisterState
}

/// The assignment on a date with each pair's tenure, and the decisions recorded: what
/// `diaban register show` prints (`text`) and its JSON.
struct RegisterState: Encodable, Sendable {
    var path: String
    var asOf: Day
    var pairs: [HeldPair]
    var decisions: [RecordedDecision]
    /// The roster events up to that date: who left, joined, went on leave or returned.
    var events: [RecordedRosterEvent]
    var text: String

    init(_ register: Register, path: String, on day: Day?) throws(RegisterError) {
        let held = try register.assignment(on: day)
        self.path = path
        asOf = held.day
        pairs = held.pairs
        decisions = try register.decisions()
        events = try register.rosterEvents(through: held.day)
        text = (try? RegisterReport.assignment(held.pairs, on: held.day, format: .text, events: events)) ?? ""
    }
}

/// A commune's or an officer's periods: what `diaban register history` prints (`text`) and its JSON.
struct RegisterHistory: Encodable, Sendable {
    var subject: String
    var id: String
    var name: String
    var periods: [Period]
    /// An officer's roster events (none for a commune).
    var events: [RecordedRosterEvent]
    var text: String

    init(_ register: Register, commune: String?, officer: String?) throws(RegisterError) {
        let roster = try register.roster()
        let (subject, id) = commune.map { ("commune", $0) } ?? ("officer", officer ?? "")
        let known: [(String, String)] = subject == "commune" ? roster.communes.map { ($0.code, $0.name) } : roster.officers.map { ($0.id, $0.name) }
        guard let name = known.first(where: { $0.0 == id })?.1 else {
            let near = NearMiss.suggestion(for: id, among: known.map(\.0)).map { " Did you mean \($0)?" } ?? ""
            throw RegisterError(.missing, "The register has no \(subject) \(id.prefix(40)).\(near)")
        }
        self.subject = subject
        self.id = id
        self.name = name
        periods = try register.history(commune: commune, officer: officer)
        events = subject == "officer" ? try register.rosterEvents(officer: id) : []
        let communeNames = Dictionary(roster.communes.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        text = (try? RegisterReport.history(periods, subject: subject, id: id, name: name, format: .text, events: events, communeNames: communeNames)) ?? ""
    }
}
