import DiaBanCore
import Foundation
import HTTPTypes
import Hummingbird
import Reporting
import ScenarioIO
import WorkPlan

extension Workspace {
    /// The work plan of a finished solve: its document, and per officer the calendar (.ics) and
    /// the printable page.
    func addWorkPlanRoutes(to router: Router<WorkspaceContext>) {
        router.get("api/jobs/:id/workplan.json") { _, context -> Response in
            let w = try self.finishedWorkPlan(try Self.jobID(context))
            var response = Self.text(try WorkPlanReport.json(w.outcome), type: "application/json; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"workplan.json\""
            return response
        }
        router.get("api/jobs/:id/officers/:officer/calendar.ics") { _, context -> Response in
            let w = try self.finishedWorkPlan(try Self.jobID(context))
            let o = try Self.officerPlan(w, context)
            var response = Self.text(WorkPlanCalendar.ics(o, plan: w.outcome, stamp: WorkPlanCalendar.stamp(for: w.outcome)), type: "text/calendar; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"\(o.officer).ics\""
            return response
        }
        router.get("api/jobs/:id/officers/:officer/plan.html") { request, context -> Response in
            let w = try self.finishedWorkPlan(try Self.jobID(context))
            let o = try Self.officerPlan(w, context)
            return Self.reportPage(WorkPlanHTML.render(o, plan: w.outcome, lang: try Self.language(request)))
        }
    }

    static func officerPlan(_ w: WorkPlanOutput, _ context: WorkspaceContext) throws(APIError) -> OfficerWorkPlan {
        let id = context.parameters.get("officer") ?? ""
        guard let o = w.outcome.officers.first(where: { $0.officer == id }) else {
            throw APIError.notFound("The work plan has no officer \(id.prefix(40)).")
        }
        return o
    }

    func finishedWorkPlan(_ id: String) throws(APIError) -> WorkPlanOutput {
        guard let (state, output) = pool.output(id) else { throw Self.noJob(id) }
        guard case .workplan(let w)? = output else {
            if state.isActive { throw APIError(.conflict, "The work plan \(id) is still \(state.rawValue); its files come when it ends.") }
            throw APIError(.conflict, "\(id) is not a finished work plan.")
        }
        return w
    }

    /// A work plan request's plan (a finished solve of the same scenario) and its changes.
    func workplanInput(_ body: JobRequest, scenario file: ScenarioFolder.Resolved) throws(APIError) -> WorkPlanInput {
        guard let planID = body.plan else { throw APIError.badRequest("A work plan needs plan: the id of a finished solve whose plan it is for.") }
        guard planID.count <= 64, planID.allSatisfy(\.isHexDigit) else { throw APIError.badRequest("plan is a solve's id, as POST /api/jobs answers it.") }
        let solve = try finishedSolve(planID)
        guard solve.loaded.file == file.path else {
            throw APIError.badRequest("The solve \(planID) is of another scenario; a work plan is made with the scenario that was solved.")
        }
        guard let report = solve.report, !report.assignments.isEmpty else { throw APIError(.conflict, "The solve \(planID) has no plan to make a work plan for.") }
        let plan = Assignment(report.assignments.map { Pair(officer: $0.officer, commune: $0.commune) })
        if let officer = body.officer, !plan.pairs.contains(where: { $0.officer == officer }) {
            throw APIError.badRequest("The plan gives officer \(officer.prefix(40)) no commune.")
        }
        var blocked: [BlockedDays]?
        if let list = body.blocked {
            guard let officer = body.officer else { throw APIError.badRequest("blocked days go with officer: the one officer re-planned.") }
            guard list.count <= 400 else { throw APIError.badRequest("At most 400 blocked stretches.") }
            blocked = try list.enumerated().map { i, b throws(APIError) in
                guard let from = Day(iso: b.from), let to = Day(iso: b.to) else {
                    throw APIError.badRequest("blocked[\(i + 1)]: from and to are dates written YYYY-MM-DD.")
                }
                guard let range = DayRange(first: from, last: to) else { throw APIError.badRequest("blocked[\(i + 1)] ends (\(to)) before it begins (\(from)).") }
                return BlockedDays(officer: officer, days: range, note: String((b.note ?? "").prefix(200)))
            }
        }
        return WorkPlanInput(plan: plan, solve: planID, officer: body.officer, blocked: blocked)
    }
}
