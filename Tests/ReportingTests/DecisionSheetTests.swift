import DiaBanCore
import Foundation
import GLPKSolver
import Planning
import Reporting
import Testing

/// Decisions on every move of a plan, in order: `verdicts` for the first moves, pending after.
/// A move a rule forces is never kept (the reader refuses that); it is accepted instead.
func decide(_ report: SolveReport, _ verdicts: [Decision.Verdict]) -> [Decision] {
    var left = verdicts
    return report.moves.enumerated().map { i, m in
        var verdict = Decision.Verdict.pending
        if let next = left.first {
            if next == .keep && m.forcedBy != nil { verdict = .accept } else { verdict = next; left.removeFirst() }
        }
        return Decision(move: i + 1, commune: m.commune, from: m.from, to: m.to, gain: m.totalGain,
                        verdict: verdict, note: i == 0 ? "Đồng ý <ngay> & \"luôn\"" : "", line: i + 2)
    }
}

/// A solve with decisions: the plan re-made with them, and the review.
func decidedSolve(_ scenario: Scenario, _ first: SolveReport, _ verdicts: [Decision.Verdict], timeLimit: Double = 60) throws -> SolveReport {
    let decisions = decide(first, verdicts)
    let decided = scenario.applying(decisions)
    let outcome = try Planner(solver: GLPKSolver()).plan(decided, request: PlanRequest(scenario: decided, timeLimit: timeLimit))
    var report = SolveReport(outcome, scenario: decided)
    report.decisions = PlanContext(scenario: scenario).review(decisions, file: "decisions.csv", plan: outcome.plan, proposal: outcome.proposal)
    return report
}

@Suite("The decision sheet")
struct DecisionSheetTests {
    @Test("the page marks every decided move on the map and in the lists, in Vietnamese by default")
    func marks() throws {
        let (scenario, first) = try solvedSmallScenario()
        try #require(first.moves.count >= 3, "the small scenario proposes \(first.moves.count) moves")
        let report = try decidedSolve(scenario, first, [.accept, .reject, .keep])
        let review = try #require(report.decisions)
        #expect(review.decided != nil && review.allHonoured, "\(review.rows)")
        let html = HTMLReport.render(solve: report, scenario: scenario)
        #expect(html.contains("<body class=\"has-sheet\">"))
        #expect(html.contains("<h2>Phiếu quyết định</h2>"))
        #expect(html.contains("Người phê duyệt") && html.contains("Ngày …… tháng …… năm ……"))
        for (verdict, word) in [(Decision.Verdict.accept, "Đồng ý"), (.reject, "Không đồng ý"), (.keep, "Giữ nguyên")] {
            let n = review.rows.filter { $0.verdict == verdict }.count
            // One ring per decided commune on the map, and one in the legend.
            #expect(count("<circle class=\"dring v-\(verdict.rawValue)\" cx=", in: html) == n + 1, "\(verdict) rings")
            #expect(count("<tr class=\"dec-\(verdict.rawValue)\">", in: html) == n, "\(verdict) rows")
            #expect(count("<span class=\"verdict v-\(verdict.rawValue)\">\(word)</span>", in: html) >= n)
        }
        // A note is text, never markup.
        #expect(html.contains("Đồng ý &lt;ngay&gt; &amp; &quot;luôn&quot;"))
        let english = HTMLReport.render(solve: report, scenario: scenario, lang: .en)
        #expect(english.contains("<h2>Decision sheet</h2>") && english.contains("Approved by") && english.contains(">Rejected</span>"))
        // Without decisions the page is as before: no sheet, no decision style.
        let plain = HTMLReport.render(solve: first, scenario: scenario)
        #expect(!plain.contains("sheet") && !plain.contains("dring"))
    }

    @Test("the text and Markdown reports say what the decisions cost, side by side")
    func textReports() throws {
        let (scenario, first) = try solvedSmallScenario()
        let report = try decidedSolve(scenario, first, [.reject, .keep])
        let review = try #require(report.decisions)
        let text = report.text()
        #expect(text.contains("\(review.accepted) accepted, 1 rejected, 1 kept"), "\(text)")
        #expect(text.contains("Proposal  With decisions"))
        let cost = try #require(review.cost)
        #expect(abs(cost - ((report.objective ?? 0) - review.proposal.total)) < 1e-6)
        #expect(text.contains("they cost \(decimal(cost, 2, grouping: true)) points against the proposal"))
        #expect(report.markdown().contains("## Decisions (decisions.csv)"))
        let json = String(decoding: try report.jsonData(), as: UTF8.self)
        #expect(json.contains("\"decisions\" : {"))
        let back = try JSONDecoder().decode(SolveReport.self, from: Data(json.utf8))
        #expect(back.decisions == report.decisions)
    }

    @Test("with 38 decided moves of Nghệ An the sheet prints on one A4 page", .enabled(if: chromiumInstalled, "chromium is not installed"))
    func onePage() throws {
        let solve = try BundledSolve.get()
        try #require(solve.report.moves.count >= 38, "the bundled solve proposes \(solve.report.moves.count) moves")
        let verdicts = Array(repeating: Decision.Verdict.accept, count: 30) + Array(repeating: .reject, count: 5) + Array(repeating: .keep, count: 3)
        var report = solve.report
        report.decisions = PlanContext(scenario: solve.scenario).review(
            decide(solve.report, verdicts), file: "decisions.csv", plan: Assignment(solve.report.assignments.map { Pair(officer: $0.officer, commune: $0.commune) }),
            proposal: Proposal(moves: solve.report.moves))
        for lang in ReportLanguage.allCases {
            let html = HTMLReport.render(solve: report, scenario: solve.scenario, lang: lang, headquartersName: solve.headquartersName)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diaban-sheet-\(ProcessInfo.processInfo.processIdentifier)-\(lang.rawValue)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let page = folder.appendingPathComponent("sheet.html"), pdf = folder.appendingPathComponent("sheet.pdf")
            try Data(html.utf8).write(to: page)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
            p.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--no-pdf-header-footer", "--user-data-dir=\(folder.path)/profile",
                           "--print-to-pdf=\(pdf.path)", page.absoluteString]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            let bytes = try Data(contentsOf: pdf)
            let text = String(decoding: bytes, as: UTF8.self)
            let pages = try NSRegularExpression(pattern: "/Type\\s*/Page[^s]").numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
            #expect(pages == 1, "\(lang): the decision sheet prints on \(pages) pages")
        }
    }
}
