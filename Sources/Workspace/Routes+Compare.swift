import DiaBanCore
import Foundation
import HTTPTypes
import Hummingbird
import Planning
import Reporting
import ScenarioIO

extension Workspace {
    /// Finished solves side by side, as `diaban compare` shows them: the document of the
    /// comparison, and a report page with the comparison table and a map of the differences
    /// between one plan and the first (the reference).
    func addCompareRoutes(to router: Router<WorkspaceContext>) {
        router.get("api/compare") { request, _ -> Response in
            let solves = try self.comparedSolves(request)
            let report = try await offload { Self.compareReport(solves) }
            return Self.text(String(decoding: try report.jsonData(), as: UTF8.self) + "\n", type: "application/json; charset=utf-8")
        }
        router.get("api/compare/report") { request, _ -> Response in
            let solves = try self.comparedSolves(request)
            let lang = try Self.language(request)
            var focus = solves.count - 1
            if let f = request.uri.queryParameters["focus"] {
                guard let n = Int(f), (1..<solves.count).contains(n) else {
                    throw APIError.badRequest("focus is the position of the scenario to map against the first, 1 to \(solves.count - 1).")
                }
                focus = n
            }
            let chosen = focus
            let html = try await offload { Self.compareHTML(solves, focus: chosen, lang: lang) }
            return Self.reportPage(html)
        }
    }

    /// The solves named by `?jobs=a,b,…`: two to eight finished solves, each named once.
    func comparedSolves(_ request: Request) throws(APIError) -> [Compared] {
        let ids = try Self.query(request, "jobs").split(separator: ",").map(String.init)
        guard (2...8).contains(ids.count) else { throw APIError.badRequest("Compare two to eight solves: ?jobs=ID,ID,…") }
        guard Set(ids).count == ids.count else { throw APIError.badRequest("Each solve may be named once.") }
        return try ids.map { id throws(APIError) in
            guard id.count <= 64, id.allSatisfy(\.isHexDigit) else { throw APIError.badRequest("\(id.prefix(64)) is not a job id.") }
            let output = try finishedSolve(id)
            guard let spec = pool.spec(id) else { throw Self.noJob(id) }
            guard let report = output.report else { throw APIError(.conflict, "The solve \(id) failed; it cannot be compared.") }
            return Compared(file: spec.scenario.relative, output: output, report: report)
        }
    }

    /// A finished solve to compare: its scenario file, what it holds and its document.
    struct Compared: Sendable {
        var file: String
        var output: SolveOutput
        var report: SolveReport
    }

    static func compareReport(_ solves: [Compared]) -> CompareReport {
        let inputs = solves.map { CompareReport.Input(file: $0.file, scenario: $0.output.loaded.scenario, result: $0.output.result) }
        return CompareReport(inputs, jobs: 1, wallSeconds: solves.map(\.output.result.wallSeconds).max() ?? 0)
    }

    /// The comparison table above the report of the focus plan, mapped against the first plan
    /// when both have one (otherwise the focus scenario's own report).
    static func compareHTML(_ solves: [Compared], focus: Int, lang: ReportLanguage) -> String {
        let compare = compareReport(solves)
        let comparison = HTMLComparison(compare: compare)
        let f = solves[focus].output, r = solves[0].output
        // The two plans are named as the page names the scenarios, in its language ("Phương án
        // Nghệ An, kịch bản gốc"), or by their short labels when the names are the same.
        let labels = compare.scenarios.map(\.label)
        var names = (reference: r.loaded.scenario.name(english: lang == .en), focus: f.loaded.scenario.name(english: lang == .en))
        if names.reference == names.focus { names = (labels[0], labels[focus]) }
        if case .success(let outcome) = f.result.outcome, case .success(let reference) = r.result.outcome,
           let difference = PlanDifference(focus: outcome, scenario: f.loaded.scenario, reference: reference) {
            return HTMLReport.render(difference: difference, reference: names.reference, focus: names.focus, lang: lang,
                                     headquartersName: f.loaded.headquartersName, comparison: comparison)
        }
        return HTMLReport.render(solve: solves[focus].report, scenario: f.loaded.scenario, lang: lang, headquartersName: f.loaded.headquartersName, comparison: comparison)
    }
}
