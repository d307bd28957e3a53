import DiaBanCore
import DurableFiles
import Foundation
import HTTPTypes
import Hummingbird
import Planning
import Register
import Reporting
import ScenarioIO

extension Workspace {
    /// The Decide panel: a finished solve's moves as `decisions.csv` rows, marked accept,
    /// reject, keep or pending; a re-plan with those decisions (a solve on the pool, as
    /// `diaban solve --decisions`); the rows saved as `decisions.csv` beside the scenario, or
    /// read back from a file of the folder. Every path goes through the command line's own
    /// code: the rows are ``SolveReport/decisionRows(previous:)``, the file is
    /// ``SolveReport/decisionsCSV(previous:)``, and it is read by ``DecisionsFile`` before
    /// anything is solved, saved or adopted. Adoption into a register: ``addRegisterRoutes(to:)``.
    func addDecisionRoutes(to router: Router<WorkspaceContext>) {
        router.get("api/jobs/:id/decisions") { request, context -> Response in
            let id = try Self.jobID(context)
            let lang = try Self.language(request)
            let solve = try self.decidable(id)
            var from: ScenarioFolder.Resolved?
            if let f = request.uri.queryParameters["from"] { from = try Self.decisionsFile(String(f), folder: self.folder) }
            let file = from
            let sheet = try await offload { () throws(APIError) -> DecisionSheet in try DecisionSheet(self, id: id, solve: solve, from: file, lang: lang) }
            return JSONResponse.make(sheet)
        }
        router.post("api/jobs/:id/replan") { request, context -> Response in
            let body = try await JSONResponse.decode(ReplanRequest.self, from: request, limit: Self.maxBodyBytes)
            guard let session = context.session else { throw APIError.forbidden("This request has no workspace session: reload the page.") }
            let id = try Self.jobID(context)
            let marked = try self.marked(id, body.decisions)
            let folder = self.folder
            _ = try await offload { () throws in try marked.check(against: DecisionRoster.of(marked.solve.loaded.scenario), folder: folder) }
            var spec = JobSpec(kind: .solve, scenario: marked.scenario, timeLimit: nil, gap: nil,
                               decisions: DecisionsInput(text: marked.text, file: Self.decisionsName, parent: id))
            if let t = body.timeLimit {
                spec.timeLimit = try self.timeLimit(t)
            } else {
                spec.timeLimit = marked.solve.loaded.scenario.solver.timeLimit
            }
            if let g = body.gap {
                spec.gap = try Self.gap(g)
            }
            let replan = try self.pool.submit(spec, owner: session.id)
            return JSONResponse.make(self.pool.snapshot(replan, viewer: session.id), status: .accepted)
        }
        router.post("api/jobs/:id/decisions/save") { request, context -> Response in
            let body = try await JSONResponse.decode(SaveDecisionsRequest.self, from: request, limit: Self.maxBodyBytes)
            let id = try Self.jobID(context)
            let marked = try self.marked(id, body.decisions)
            let target: ScenarioFolder.Resolved
            do throws(APIError) {
                target = try self.folder.file(body.file, beside: marked.scenario, suffix: ".csv",
                                              rule: "decisions are saved beside their scenario", example: "decisions.csv")
            } catch { throw error.at(field: "decisionsFile") }
            if marked.solve.loaded.inputFiles.contains(where: { AtomicFile.isSameFile($0, target.realPath) }) {
                throw APIError.forbidden("\(target.relative) is one of the scenario's own files; choose another name, e.g. decisions.csv.")
            }
            let folder = self.folder
            try await offload { () throws in
                // A file the command line would refuse is not saved.
                try marked.check(against: DecisionRoster.of(marked.solve.loaded.scenario), folder: folder)
                try folder.write(Data(marked.text.utf8), to: target, overwrite: body.overwrite ?? false)
            }
            return JSONResponse.make(SavedDecisions(path: target.relative, bytes: marked.text.utf8.count, counts: .init(marked.rows)), status: .created)
        }
    }

    /// How the Decide panel's decisions are named in messages and on the decision sheet.
    static let decisionsName = "decisions.csv"

    /// A finished solve that holds a plan: the only kind whose moves can be decided.
    func decidable(_ id: String) throws(APIError) -> SolveOutput {
        let solve = try finishedSolve(id)
        guard let report = solve.report, report.kpis != nil else {
            throw APIError(.conflict, "The solve \(id) has no plan (\(solve.report?.statusSentence ?? "the solver failed")), so it proposes no move to decide.")
        }
        return solve
    }

    /// A decisions file of the folder to read (`.csv`), through the folder's path checks.
    static func decisionsFile(_ relative: String, folder: ScenarioFolder) throws(APIError) -> ScenarioFolder.Resolved {
        let file = try folder.resolve(relative)
        guard file.name.hasSuffix(".csv") else { throw APIError.badRequest("\(file.relative) is not a decisions file: decisions.csv files end in .csv.") }
        return file
    }

    /// The solve's decision rows with the request's marks: the decisions and the file's text.
    func marked(_ id: String, _ marks: [MarkedMove]) throws(APIError) -> MarkedDecisions {
        let solve = try decidable(id)
        guard let scenario = pool.spec(id)?.scenario else { throw Self.noJob(id) }
        return try MarkedDecisions(solve: solve, scenario: scenario, marks: marks)
    }
}

/// One row's mark in a request: its move number (as the rows number them), the verdict and a note.
struct MarkedMove: Decodable, Sendable {
    var move: Int
    var decision: String
    var note: String?
}

/// The body of `POST /api/jobs/:id/replan`.
struct ReplanRequest: Decodable, Sendable {
    var decisions: [MarkedMove]
    var timeLimit: Double?
    var gap: Double?
}

/// The body of `POST /api/jobs/:id/decisions/save`.
struct SaveDecisionsRequest: Decodable, Sendable {
    var decisions: [MarkedMove]
    /// The file's name, beside the scenario (`decisions.csv`).
    var file: String
    var overwrite: Bool?
}

struct SavedDecisions: Encodable, Sendable {
    var path: String
    var bytes: Int
    var counts: DecisionCounts
}

/// How many rows carry each verdict.
struct DecisionCounts: Encodable, Sendable {
    var accept = 0, reject = 0, keep = 0, hold = 0, pending = 0
    init(_ rows: [SolveReport.DecisionRow]) {
        for r in rows {
            switch r.decision {
            case .accept: accept += 1
            case .reject: reject += 1
            case .keep: keep += 1
            case .hold: hold += 1
            case .pending: pending += 1
            }
        }
    }
}

/// A solve's decision rows with a request's marks applied, and the `decisions.csv` they make.
struct MarkedDecisions: Sendable {
    let solve: SolveOutput
    let report: SolveReport
    /// The scenario file the solve was made from.
    let scenario: ScenarioFolder.Resolved
    /// The rows as the file will have them.
    let rows: [SolveReport.DecisionRow]
    let text: String

    /// The longest note kept with a decision, in characters.
    static let maxNote = 2000

    init(solve: SolveOutput, scenario: ScenarioFolder.Resolved, marks: [MarkedMove]) throws(APIError) {
        guard let report = solve.report else { throw APIError(.conflict, "The solve has no plan to decide on.") }
        self.solve = solve
        self.report = report
        self.scenario = scenario
        let sheet = report.decisionRows(previous: solve.decisions ?? [])
        let numbers = Set(sheet.map(\.move))
        var marked: [Int: (Decision.Verdict, String)] = [:]
        for (n, m) in marks.enumerated() {
            guard numbers.contains(m.move) else {
                throw APIError.badRequest("decisions[\(n)] names move \(m.move), which is not a row of this solve's decisions (\(sheet.isEmpty ? "it has none" : "1 to \(sheet.count)")).")
            }
            guard marked[m.move] == nil else { throw APIError.badRequest("Move \(m.move) is marked twice; mark each move once.") }
            guard let verdict = Decision.Verdict(rawValue: m.decision) else {
                throw APIError.badRequest("decisions[\(n)].decision is \"\(m.decision.prefix(40))\": write accept, reject, keep, hold or pending.")
            }
            let note = m.note ?? ""
            guard note.count <= Self.maxNote else {
                throw APIError.field("moveNote", "too-long", "The note of move \(m.move) is \(note.count) characters long; at most \(Self.maxNote) are kept.",
                                     values: ["move": .number(Double(m.move)), "length": .number(Double(note.count)), "max": .number(Double(Self.maxNote))])
            }
            guard !note.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw APIError.field("moveNote", "control", "The note of move \(m.move) holds a control character (a line break, a tab, a NUL); write it on one line.",
                                     values: ["move": .number(Double(m.move))])
            }
            marked[m.move] = (verdict, note)
        }
        var decisions: [Decision] = []
        for (i, row) in sheet.enumerated() {
            let (verdict, note) = marked[row.move] ?? (row.decision, row.note)
            let earlier = row.source == "earlier"
            if earlier && verdict == .accept {
                throw APIError.badRequest("Move \(row.move) is an earlier decision that still stands (\(row.decision.rawValue)); it can be rejected or kept, or set to pending to let it go, not accepted.")
            }
            decisions.append(Decision(move: row.move, commune: row.commune, from: row.from, to: row.to, gain: Double(row.gain), verdict: verdict,
                                      note: note, line: i + 2, earlier: earlier))
        }
        rows = report.decisionRows(previous: decisions)
        text = SolveReport.decisionsCSV(rows)
    }

    /// Reads the file's text as the command line reads `decisions.csv`: 422 with every problem
    /// (file, line, field) when it would refuse it.
    @discardableResult
    func check(against roster: DecisionRoster, folder: ScenarioFolder) throws(APIError) -> [Decision] {
        do {
            return try DecisionsFile.read(data: Data(text.utf8), file: Workspace.decisionsName, roster: roster).decisions
        } catch {
            throw APIError(.unprocessableContent, "The decisions have \(error.count) problem\(error.count == 1 ? "" : "s"); nothing was done.",
                           details: ["problems": JSONValue.of(error.errors.map { Problem($0, folder: folder) })])
        }
    }
}

/// What the Decide panel shows for a solve: its moves as `decisions.csv` rows, with the reason
/// of each, the counts, and — for a re-plan — what its decisions cost against the proposal.
struct DecisionSheet: Encodable, Sendable {
    var job: String
    /// The scenario, relative to the folder.
    var path: String
    var status: String
    /// The solve whose proposal this re-plan's decisions were made on.
    var replanOf: String?
    var rows: [SolveReport.DecisionRow]
    /// Each move's reason (by commune), in the page's language, as the report words it.
    var reasons: [String: String]
    /// Officer id → name, for the moves the review lists.
    var officerNames: [String: String]
    /// The what-if's roster changes: the page marks the officer who leaves as the previous
    /// officer of their communes, and one on leave or new beside their name.
    var roster: [RosterEvent]
    var counts: DecisionCounts
    /// A re-plan's review: decisions honoured, cost, moves that appeared and disappeared.
    var review: DecisionReview?
    /// The file the rows were read from (`?from=`), and what reading it noted.
    var loadedFrom: String?
    var notes: [String]
    /// Where the decisions are saved by default (beside the scenario), and whether it exists.
    var saveAs: String
    var saveAsExists: Bool
    /// Decisions files beside the scenario, and the registers of the folder.
    var csvFiles: [String]
    var registers: [String]

    init(_ w: Workspace, id: String, solve: SolveOutput, from: ScenarioFolder.Resolved?, lang: ReportLanguage) throws(APIError) {
        guard let report = solve.report, let scenario = w.pool.spec(id)?.scenario else { throw Workspace.noJob(id) }
        job = id
        path = scenario.relative
        status = report.status
        replanOf = w.pool.spec(id)?.decisions?.parent
        review = report.decisions
        var previous = solve.decisions ?? []
        notes = []
        if let from {
            let read: (decisions: [Decision], warnings: [ScenarioError])
            do {
                read = try DecisionsFile.read(path: from.path, roster: DecisionRoster.of(solve.loaded.scenario))
            } catch {
                throw APIError(.unprocessableContent, "\(from.relative) has \(error.count) problem\(error.count == 1 ? "" : "s"); nothing was read.",
                               details: ["problems": JSONValue.of(error.errors.map { Problem($0, folder: w.folder) })])
            }
            previous = read.decisions
            notes = read.warnings.map(\.description)
            let moves = Set(report.moves.map { "\($0.commune)>\($0.to.sorted())" })
            for d in read.decisions where !d.earlier && (d.verdict == .accept || d.verdict == .pending) && !moves.contains("\(d.commune)>\(d.to.sorted())") {
                notes.append("\(from.path):\(d.line): move \(d.move) (\(d.commune) to \(d.to.joined(separator: ", ")), \(d.verdict.rawValue)) is not a move of this plan, so it was left out; open the file with the solve it was written for, or re-plan with it from there.")
            }
            loadedFrom = from.relative
        }
        rows = report.decisionRows(previous: previous)
        reasons = HTMLReport.moveReasons(solve: report, scenario: solve.loaded.scenario, lang: lang)
        officerNames = report.adoptedPlan(name: "").officerNames
        roster = report.roster ?? []
        counts = DecisionCounts(rows)
        let folderPart = ScenarioFolder.folderPart(of: scenario.relative)
        saveAs = folderPart + Workspace.decisionsName
        saveAsExists = (try? w.folder.resolve(saveAs)) != nil
        csvFiles = w.folder.files { $0.hasSuffix(".csv") }.filter { $0.hasPrefix(folderPart) && !$0.dropFirst(folderPart.count).contains("/") }
        registers = w.folder.registerFiles()
    }
}
