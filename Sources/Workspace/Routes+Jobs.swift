import DiaBanCore
import Foundation
import HTTPTypes
import Hummingbird
import Planning
import Register
import Reporting
import ScenarioIO

extension Workspace {
    /// Puts a job on the pool once its scenario is checked: a scenario with problems is refused
    /// at once, with the problems (file, line, field); a job without a time limit takes the
    /// scenario's.
    func submitChecked(_ spec: JobSpec, owner: String) async throws -> Response {
        var spec = spec
        let file = spec.scenario, folder = self.folder
        let check = try await offload { CheckReport(file: file.path, reading: ScenarioLoader.reading(path: file.path, current: RegisterCurrentSource())) }
        if check.verdict == .badData {
            throw APIError(.unprocessableContent, "\(file.relative) has \(check.problems.count) problem\(check.problems.count == 1 ? "" : "s"); nothing was solved.",
                           details: ["check": JSONValue.of(CheckJSON(check, path: file.relative, folder: folder))])
        }
        if spec.timeLimit == nil { spec.timeLimit = check.loaded?.scenario.solver.timeLimit }
        let id = try pool.submit(spec, owner: owner)
        return JSONResponse.make(pool.snapshot(id, viewer: owner), status: .accepted)
    }
}

extension Workspace {
    /// Solves and trade-off sweeps on the poolextension Workspace {
    /// Solves and trade-off sweeps on the pool: start one, list them (the queue), watch one's
    /// progress as server-sent events, stop one (keeping its best plan), and read what it gave:
    /// the report page, the solve document, the sweep's document and chart.
    func addJobRoutes(to router: Router<WorkspaceContext>) {
        router.post("api/jobs") { request, context -> Response in
            let body = try await JSONResponse.decode(JobRequest.self, from: request, limit: 16 * 1024)
            guard let session = context.session else { throw APIError.forbidden("This request has no workspace session: reload the page.") }
            let file = try self.folder.scenario(body.path)
            var spec = JobSpec(kind: body.kind ?? .solve, scenario: file, timeLimit: nil, gap: nil)
            if let t = body.timeLimit {
                spec.timeLimit = try self.timeLimit(t)
            }
            if let g = body.gap {
                spec.gap = try Self.gap(g)
            }
            if spec.kind == .workplan {
                spec.workplan = try self.workplanInput(body, scenario: file)
            } else if body.plan != nil || body.officer != nil || body.blocked != nil {
                throw APIError.badRequest("plan, officer and blocked go with kind \"workplan\".")
            }
            if spec.kind == .tradeoff { (spec.parameter, spec.values) = try body.sweep() } else if body.hasSweep {
                throw APIError.badRequest("maxChanges, from, to, step and continuityWeights go with kind \"tradeoff\".")
            }
            return try await self.submitChecked(spec, owner: session.id)
        }
        router.get("api/jobs") { _, context -> Response in
            let (running, queued) = self.pool.counts()
            return JSONResponse.make(JobList(running: running, queued: queued, limit: self.pool.limit,
                                             jobs: self.pool.list(viewer: context.session?.id)))
        }
        router.get("api/jobs/:id") { _, context -> Response in
            let id = try Self.jobID(context)
            guard let s = self.pool.snapshot(id, viewer: context.session?.id, detail: true) else { throw Self.noJob(id) }
            return JSONResponse.make(s)
        }
        router.post("api/jobs/:id/stop") { _, context -> Response in
            let id = try Self.jobID(context)
            try self.pool.stop(id, by: context.session?.id ?? "")
            return JSONResponse.make(self.pool.snapshot(id, viewer: context.session?.id))
        }
        router.get("api/jobs/:id/events") { _, context -> Response in
            let id = try Self.jobID(context)
            guard let stream = self.pool.subscribe(id, viewer: context.session?.id) else { throw Self.noJob(id) }
            return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                             body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
                for await event in stream { try await writer.write(ByteBuffer(string: ServerSentEvent.text(event))) }
                try await writer.finish(nil)
            })
        }
        router.get("api/jobs/:id/report") { request, context -> Response in
            let id = try Self.jobID(context)
            let solve = try self.finishedSolve(id)
            let lang = try Self.language(request)
            guard let report = solve.report else { throw APIError(.conflict, "The solve \(id) failed; there is no report.") }
            let html = try await offload {
                HTMLReport.render(solve: report, scenario: solve.loaded.scenario, lang: lang, headquartersName: solve.loaded.headquartersName)
            }
            return Self.reportPage(html)
        }
        router.get("api/jobs/:id/solve.json") { _, context -> Response in
            let id = try Self.jobID(context)
            guard let report = try self.finishedSolve(id).report else { throw APIError(.conflict, "The solve \(id) failed; there is no solve document.") }
            var response = Self.text(String(decoding: try report.jsonData(), as: UTF8.self) + "\n", type: "application/json; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"plan.json\""
            return response
        }
        // The plan as `diaban solve --out` writes plan.csv, and the decision sheet as it writes
        // decisions.csv (a re-plan's own rows, its earlier decisions standing), byte for byte.
        router.get("api/jobs/:id/plan.csv") { _, context -> Response in
            let id = try Self.jobID(context)
            guard let report = try self.finishedSolve(id).report, report.kpis != nil else {
                throw APIError(.conflict, "The solve \(id) has no plan; there is no plan.csv.")
            }
            return Self.download(report.csv(), type: "text/csv; charset=utf-8", name: "plan.csv")
        }
        router.get("api/jobs/:id/decisions.csv") { _, context -> Response in
            let id = try Self.jobID(context)
            let solve = try self.finishedSolve(id)
            guard let report = solve.report, report.kpis != nil else {
                throw APIError(.conflict, "The solve \(id) has no plan; there is no decision sheet.")
            }
            return Self.download(report.decisionsCSV(previous: solve.decisions ?? []), type: "text/csv; charset=utf-8", name: "decisions.csv")
        }
        router.get("api/jobs/:id/tradeoff.json") { _, context -> Response in
            let t = try self.finishedTradeoff(try Self.jobID(context))
            return Self.text(String(decoding: try t.report.jsonData(), as: UTF8.self) + "\n", type: "application/json; charset=utf-8")
        }
        router.get("api/jobs/:id/chart.svg") { _, context -> Response in
            let t = try self.finishedTradeoff(try Self.jobID(context))
            var response = Self.text(t.chart, type: "image/svg+xml; charset=utf-8")
            response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
            response.headers[.xFrameOptions] = "SAMEORIGIN"
            return response
        }
    }

    struct JobList: Encodable, Sendable {
        var running: Int
        var queued: Int
        /// Jobs that run at once, at most.
        var limit: Int
        var jobs: [JobSnapshot]
    }

    /// A file to save: `text` with its type, offered under `name`.
    static func download(_ text: String, type: String, name: String) -> Response {
        var response = Self.text(text, type: type)
        response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return response
    }

    /// A page of the report: its own script and style inline, nothing from elsewhere, framed
    /// only by the workspace.
    static func reportPage(_ html: String) -> Response {
        var response = text(html, type: "text/html; charset=utf-8")
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
        response.headers[.xFrameOptions] = "SAMEORIGIN"
        return response
    }

    static func jobID(_ context: WorkspaceContext) throws(APIError) -> String {
        guard let id = context.parameters.get("id"), id.count <= 64, id.allSatisfy(\.isHexDigit) else {
            throw APIError.badRequest("A job id is a short hexadecimal word, as POST /api/jobs answers it.")
        }
        return id
    }

    static func noJob(_ id: String) -> APIError {
        APIError.notFound("There is no solve \(id); it may have been forgotten after many others.")
    }

    static func language(_ request: Request) throws(APIError) -> ReportLanguage {
        guard let l = request.uri.queryParameters["lang"] else { return .vi }
        guard let lang = ReportLanguage(rawValue: String(l)) else { throw APIError.badRequest("lang is vi or en.") }
        return lang
    }

    func finishedSolve(_ id: String) throws(APIError) -> SolveOutput {
        guard let (state, output) = pool.output(id) else { throw Self.noJob(id) }
        guard case .solve(let s)? = output else {
            if state.isActive { throw APIError(.conflict, "The solve \(id) is still \(state.rawValue); its report comes when it ends.") }
            throw APIError(.conflict, "\(id) is not a finished solve\(state == .cancelled ? " (it was cancelled before it started)" : "").")
        }
        return s
    }

    func finishedTradeoff(_ id: String) throws(APIError) -> TradeoffOutput {
        guard let (state, output) = pool.output(id) else { throw Self.noJob(id) }
        guard case .tradeoff(let t)? = output else {
            if state.isActive { throw APIError(.conflict, "The sweep \(id) is still \(state.rawValue); its curve comes when it ends.") }
            throw APIError(.conflict, "\(id) is not a finished trade-off sweep.")
        }
        return t
    }
}

extension Workspace {
    /// A time limit from a form: seconds above 0 (the pool uses at most the configured most).
    func timeLimit(_ t: Double) throws(APIError) -> Double {
        guard t > 0, t <= 86_400 else {
            let most = Int(configuration.maxSolveSeconds)
            throw APIError.field("timeLimit", "seconds", "The time limit must be a number of seconds above 0 (at most \(most) are used).",
                                 values: ["max": .number(Double(most))])
        }
        return t
    }

    /// An optimality gap from a form: a fraction, 0 or more and below 1.
    static func gap(_ g: Double) throws(APIError) -> Double {
        guard g >= 0, g < 1 else { throw APIError.field("gap", "fraction", "The optimality gap must be at least 0 and below 1, e.g. 0.01 for 1 %.") }
        return g
    }
}

/// The body of `POST /api/jobs`.
struct JobRequest: Decodable, Sendable {
    var kind: JobKind?
    var path: String
    var timeLimit: Double?
    var gap: Double?
    var maxChanges: [Int]?
    var from: Int?
    var to: Int?
    var step: Int?
    var continuityWeights: [Double]?
    /// A work plan: the finished solve whose plan it is for, one officer, and that officer's blocked days.
    var plan: String?
    var officer: String?
    var blocked: [BlockedRequest]?

    struct BlockedRequest: Decodable, Sendable {
        var from: String
        var to: String
        var note: String?
    }

    /// The most points of a sweep started from the workspace.
    static let maxPoints = 50

    var hasSweep: Bool { maxChanges != nil || from != nil || to != nil || step != nil || continuityWeights != nil }

    /// The swept setting and its values: as `diaban tradeoff` (default 0 to 40 by 4).
    func sweep() throws(APIError) -> (TradeoffSweep.Parameter, [Double]) {
        let range = from != nil || to != nil || step != nil
        guard [maxChanges != nil, range, continuityWeights != nil].filter({ $0 }).count <= 1 else {
            throw APIError.field("from", "one-sweep", "Give one of the change limits, the range from/to/step and the continuity weights.")
        }
        var parameter = TradeoffSweep.Parameter.maxChanges
        var values: [Double]
        if let list = maxChanges {
            guard list.allSatisfy({ $0 >= 0 && $0 <= 100_000 }) else { throw APIError.field("maxChanges", "whole-numbers", "The change limits are whole numbers, 0 or more.") }
            values = list.map(Double.init)
        } else if let list = continuityWeights {
            guard list.allSatisfy({ $0 >= 0 && $0.isFinite && $0 <= 1e9 }) else { throw APIError.field("continuityWeights", "non-negative", "The continuity weights are numbers, 0 or more.") }
            parameter = .continuityWeight
            values = list
        } else {
            let lo = from ?? 0, hi = to ?? (range ? lo : 40)
            guard lo >= 0, hi >= lo, hi <= 100_000 else { throw APIError.field("from", "from-to", "From and To need 0 ≤ From ≤ To; got \(lo) and \(hi).", values: ["from": .number(Double(lo)), "to": .number(Double(hi))]) }
            let by = step ?? (range ? max(1, (hi - lo) / 10) : 4)
            guard by >= 1 else { throw APIError.field("step", "at-least-one", "The step must be 1 or more.") }
            guard (hi - lo) / by < Self.maxPoints else { throw APIError.field("step", "points", "At most \(Self.maxPoints) points; use a larger step.", values: ["max": .number(Double(Self.maxPoints))]) }
            values = stride(from: lo, through: hi, by: by).map(Double.init)
            if values.last != Double(hi) { values.append(Double(hi)) }
        }
        values = Array(Set(values)).sorted()
        guard !values.isEmpty else { throw APIError.badRequest("The sweep needs at least one value.") }
        guard values.count <= Self.maxPoints else { throw APIError.field("step", "points", "At most \(Self.maxPoints) points; got \(values.count).", values: ["max": .number(Double(Self.maxPoints))]) }
        return (parameter, values)
    }
}

/// The text of one server-sent event: `event:` and one line of JSON.
enum ServerSentEvent {
    static func text(_ event: JobEvent) -> String {
        func line(_ name: String, _ s: JobSnapshot) -> String {
            let json = (try? JSONResponse.encoder.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return "event: \(name)\ndata: \(json)\n\n"
        }
        switch event {
        case .state(let s): return line("state", s)
        case .progress(let s): return line("progress", s)
        case .done(let s): return line("done", s)
        case .heartbeat: return ": still here\n\n"
        }
    }
}
