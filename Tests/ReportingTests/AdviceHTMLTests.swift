import Advice
import DiaBanCore
import Foundation
import GLPKSolver
import Planning
import Reporting
import Testing

/// The small scenario with an officer whose name HTML must escape, advised once for all tests
/// (two trainings, one hire, one base move), with the combination's plan and the departures.
struct SmallAdvice: Sendable {
    let scenario: Scenario
    let advice: Advice
    let combination: AdviceHTML.Combination?
    let resilience: Resilience

    static let officerName = "Nguyễn <b>Hằng</b> & \"Co\""

    static let shared: Result<SmallAdvice, any Error> = Result {
        var scenario = smallScenario()
        scenario.officers[0].name = officerName
        let advisor = Advisor(planner: Planner(solver: GLPKSolver()), solver: GLPKSolver())
        var options = AdviceOptions(budgets: [.train: 2, .hire: 1, .moveBase: 1])
        options.jobs = 2
        let request = PlanRequest(scenario: scenario, timeLimit: 30, gap: 0)
        let (found, _) = try advisor.advise(scenario, options: options, request: request)
        let advice = try #require(found)
        let combination = try advisor.combination(scenario, advice: advice, request: request)
            .map { AdviceHTML.Combination(scenario: $0.scenario, outcome: $0.outcome) }
        let resilience = try advisor.resilience(scenario, baseline: advice.baselineOutcome, point: advice.baseline, request: request,
                                                training: nil, jobs: 2)
        return SmallAdvice(scenario: scenario, advice: advice, combination: combination, resilience: resilience)
    }

    static func get() throws -> SmallAdvice { try shared.get() }

    func page(_ lang: ReportLanguage = .en) -> String {
        AdviceHTML.render(advice, scenario: scenario, top: 10, lang: lang, combination: combination)
    }
}

/// An English number of the page: grouped thousands, fixed decimals.
func english(_ x: Double, _ places: Int = 2) -> String { decimal(x, places, grouping: true) }

/// The text of the element that starts with `open` up to the first `close` after it.
func slice(_ html: String, from open: String, to close: String) -> String? {
    guard let a = html.range(of: open), let b = html.range(of: close, range: a.upperBound..<html.endIndex) else { return nil }
    return String(html[a.lowerBound..<b.upperBound])
}

@Suite struct AdviceHTMLTests {
    @Test func thePageSaysWhatTheAdviceSays() throws {
        let s = try SmallAdvice.get()
        let html = s.page()
        let report = AdviceReport(s.advice, scenario: s.scenario, top: 10)
        #expect(!report.singles.isEmpty)
        // The baseline: its status and points.
        let baseline = try #require(report.baseline.objective)
        #expect(html.contains("optimal (proven) · \(english(baseline)) points"))
        // Every listed action: its row with its rank, gain and what-if file; its bar.
        for single in report.singles {
            let row = try #require(slice(html, from: "<tr data-key=\"\(single.key)\">", to: "</tr>"), "no row for \(single.key)")
            #expect(row.hasPrefix("<tr data-key=\"\(single.key)\"><td class=\"r\">\(single.rank)</td>"))
            let gain = try #require(single.gain)
            #expect(row.contains("<td class=\"r\">\(english(gain))</td>"), "row of \(single.key) lacks its gain \(gain)")
            #expect(row.contains(single.whatIf))
            if let uncovered = single.with?.uncoveredNeeds { #expect(row.contains("<td class=\"r\">\(uncovered)</td>")) }
            for code in single.serves { #expect(row.contains("(\(code))"), "row of \(single.key) lacks the commune \(code) it serves") }
        }
        for kind in AdviceAction.Kind.allCases {
            let listed = report.singles.filter { $0.kind == kind.rawValue }
            guard !listed.isEmpty else {
                #expect(!html.contains("id=\"bars-\(kind.rawValue)\""))
                continue
            }
            // The chart beside its labels, and the one a phone shows (each label above its bar).
            for (layout, suffix) in [("wide", ""), ("narrow", "-narrow")] {
                let chart = try #require(slice(html, from: "<svg class=\"bars \(layout)\" id=\"bars-\(kind.rawValue)\(suffix)\"", to: "</svg>"))
                #expect(chart.components(separatedBy: "<g class=\"bar\">").count - 1 == listed.count)
                for single in listed { #expect(chart.contains(">\(english(single.gain ?? 0))</text>")) }
            }
        }
        // The joint choice: its actions, points, bound and status.
        let joint = try #require(report.joint)
        let section = try #require(slice(html, from: "<section class=\"joint\"", to: "</section>"))
        for key in joint.keys { #expect(section.contains("data-key=\"\(key)\"")) }
        #expect(section.contains(english(try #require(joint.objective))))
        if let bound = joint.bound { #expect(section.contains(english(bound))) }
        #expect(section.contains(joint.status == "optimal" ? "Optimal (proven)" : "Feasible, not proven the best combination"))
        #expect(section.contains(joint.whatIf))
    }

    @Test func theMapsShowTheTopActionsAndTheCombinationsChanges() throws {
        let s = try SmallAdvice.get()
        let html = s.page()
        let report = AdviceReport(s.advice, scenario: s.scenario, top: 10)
        let map = try #require(slice(html, from: "<section class=\"map\" id=\"actions-map\">", to: "</section>"))
        // The top actions of each kind are listed beside the map; each top hire has its base.
        var hires = 0
        for kind in AdviceAction.Kind.allCases {
            for single in report.singles.filter({ $0.kind == kind.rawValue }).prefix(3) {
                #expect(map.contains("data-key=\"\(single.key)\""), "the map does not list \(single.key)")
                if kind == .hire { hires += 1 }
            }
        }
        #expect(hires > 0)
        #expect(map.components(separatedBy: "<g class=\"base hire\">").count - 1 == hires)
        // The combination's plan against the current assignment: every commune that changes
        // officer is ringed on its map and listed.
        let combination = try #require(s.combination)
        let solve = SolveReport(combination.outcome, scenario: combination.scenario)
        let section = try #require(slice(html, from: "<section class=\"combination\"", to: "</footer>"))
        #expect(section.components(separatedBy: "<g class=\"c moved\"").count - 1 == solve.moves.count)
        for move in solve.moves { #expect(section.contains("(\(move.commune))")) }
    }

    @Test func vietnameseByDefaultAndEnglishWhenAsked() throws {
        let s = try SmallAdvice.get()
        let vi = AdviceHTML.render(s.advice, scenario: s.scenario)
        #expect(vi.contains("<html lang=\"vi\">"))
        #expect(vi.contains("Tư vấn nhân sự"))
        #expect(vi.contains("Tổ hợp tốt nhất trong ngân sách"))
        let en = s.page(.en)
        #expect(en.contains("<html lang=\"en\">"))
        #expect(en.contains("Best combination within the budgets"))
        #expect(!en.contains("Tổ hợp tốt nhất"))
    }

    @Test func theSameAdviceGivesTheSameBytes() throws {
        let s = try SmallAdvice.get()
        for lang in ReportLanguage.allCases {
            let a = s.page(lang), b = s.page(lang)
            #expect(a == b)
            #expect(a.utf8.count > 10_000)
        }
        #expect(AdviceHTML.render(s.resilience, scenario: s.scenario) == AdviceHTML.render(s.resilience, scenario: s.scenario))
    }

    @Test func thePageNeedsNoNetwork() throws {
        let s = try SmallAdvice.get()
        for html in [s.page(.vi), s.page(.en), AdviceHTML.render(s.resilience, scenario: s.scenario)] {
            let lower = html.lowercased()
            #expect(!lower.contains("http://") && !lower.contains("https://") && !lower.contains("//cdn"))
            #expect(!lower.contains(" src=") && !lower.contains("@import") && !lower.contains("url("))
            #expect(!lower.contains("<link"))
        }
    }

    @Test func namesAreEscaped() throws {
        let s = try SmallAdvice.get()
        let html = s.page(.en)
        #expect(!html.contains("<b>Hằng</b>"))
        #expect(!html.contains("<Tây>"))
        #expect(html.contains("Nguyễn &lt;b&gt;Hằng&lt;/b&gt; &amp; &quot;Co&quot;"))
        #expect(html.contains("Nghĩa Đàn &lt;Tây&gt; &amp; &quot;Bắc&quot;"))
        let page = AdviceHTML.render(s.resilience, scenario: s.scenario, lang: .en)
        #expect(!page.contains("<b>Hằng</b>"))
        #expect(page.contains("Nguyễn &lt;b&gt;Hằng&lt;/b&gt;"))
    }

    @Test func theResiliencePageSaysWhatTheDeparturesCost() throws {
        let s = try SmallAdvice.get()
        let html = AdviceHTML.render(s.resilience, scenario: s.scenario, lang: .en)
        let report = ResilienceReport(s.resilience, scenario: s.scenario)
        let table = try #require(slice(html, from: "<section class=\"departures\"", to: "</section>"))
        #expect(table.components(separatedBy: "<tr><td>").count - 1 == report.departures.count)
        for d in report.departures {
            let row = try #require(slice(table, from: "<span class=\"id\">\(d.officer)</span>", to: "</tr>"))
            #expect(row.contains(d.cost.map { english($0) } ?? "no valid plan"), "the row of \(d.officer) lacks its cost")
        }
        let bench = try #require(slice(html, from: "<section class=\"bench\"", to: "</section>"))
        #expect(bench.components(separatedBy: "<tr><td>").count - 1 == report.bench.count)
        for b in report.bench { #expect(bench.contains("<td class=\"r\">\(b.holders.count)</td><td class=\"r\">\(b.communesNeeding)</td>")) }
    }

    @Test func aScreenedAdviceSaysWhichCandidatesWereNotSolved() throws {
        let scenario = smallScenario()
        let advisor = Advisor(planner: Planner(solver: GLPKSolver()), solver: GLPKSolver())
        var options = AdviceOptions(budgets: [.train: 1, .hire: 1])
        options.screenTop = 1
        let (found, _) = try advisor.advise(scenario, options: options, request: PlanRequest(scenario: scenario, timeLimit: 30, gap: 0))
        let advice = try #require(found)
        let report = AdviceReport(advice, scenario: scenario, top: nil)
        let screened = report.singles.filter(\.screenedOut)
        #expect(report.ranking == "screened")
        #expect(!screened.isEmpty, "the bounds leave some candidates out")
        let html = AdviceHTML.render(advice, scenario: scenario, top: 1_000, lang: .en)
        #expect(html.contains("Ranking: exact for the first ones of each kind"))
        for single in screened {
            let row = try #require(slice(html, from: "<tr data-key=\"\(single.key)\">", to: "</tr>"))
            #expect(row.contains("not solved, at most \(english(try #require(single.gainBound)))"))
        }
        for (kind, left) in report.screenedOut where left > 0 {
            let section = try #require(slice(html, from: "<section class=\"kind\" id=\"kind-\(kind)\">", to: "</section>"))
            #expect(section.contains("\(left) candidate\(left == 1 ? "" : "s") left out by their bounds"))
        }
    }

    @Test func aKindsChartStandsAlone() throws {
        let s = try SmallAdvice.get()
        let svg = AdviceHTML.chart(s.advice, kind: .train, scenario: s.scenario, top: 10, lang: .en)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\""))
        let listed = AdviceReport(s.advice, scenario: s.scenario, top: 10).singles.filter { $0.kind == "train" }
        #expect(svg.components(separatedBy: "<g class=\"bar\">").count - 1 == listed.count)
        #expect(svg.contains("<style>"))
    }

    @Test func everyNoteOfAJointChoiceIsTranslated() throws {
        let s = try SmallAdvice.get()
        var advice = s.advice
        advice.joint?.notes = JointChoice.Note.all
        let vi = AdviceHTML.render(advice, scenario: s.scenario, lang: .vi)
        let en = AdviceHTML.render(advice, scenario: s.scenario, lang: .en)
        for note in JointChoice.Note.all {
            // As the page writes it: the notes hold apostrophes and no other character HTML escapes.
            let written = note.replacingOccurrences(of: "'", with: "&#39;")
            #expect(en.contains(written), "the English page lacks the note: \(note)")
            #expect(!vi.contains(written), "the Vietnamese page shows the note in English: \(note)")
        }
    }
}
