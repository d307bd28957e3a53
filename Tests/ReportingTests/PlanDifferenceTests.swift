import DiaBanCore
import GLPKSolver
import Planning
import Reporting
import Testing

@Suite("A plan set against another plan")
struct PlanDifferenceTests {
    /// The small scenario, and a what-if of it in which CB01 leaves: CB01's communes must move.
    func solves() throws -> (reference: PlanOutcome, focus: PlanOutcome, scenario: Scenario) {
        let base = smallScenario()
        var whatIf = base
        try ScenarioChange.setOfficerStatus(officer: "CB04", status: .active).apply(to: &whatIf)
        try ScenarioChange.setCapacity(officer: "CB01", capacity: 2.5).apply(to: &whatIf)
        let planner = Planner(solver: GLPKSolver())
        let reference = try planner.plan(base, request: PlanRequest(scenario: base, timeLimit: 60, gap: 0))
        let focus = try planner.plan(whatIf, request: PlanRequest(scenario: whatIf, timeLimit: 60, gap: 0))
        return (reference, focus, whatIf)
    }

    @Test("before is the reference plan's own numbers; the moves are exactly the communes whose officers differ")
    func difference() throws {
        let (reference, focus, scenario) = try solves()
        let d = try #require(PlanDifference(focus: focus, scenario: scenario, reference: reference))
        let referenceReport = SolveReport(reference, scenario: smallScenario())
        let focusReport = SolveReport(focus, scenario: scenario)
        #expect(d.solve.before == referenceReport.after!, "the reference plan's terms are its own solve's")
        #expect(d.solve.kpisBefore == referenceReport.kpis!)
        #expect(d.solve.kpis?.province.moves == d.solve.moves.count, "the headline counts the differences")
        #expect(d.solve.kpis?.officers == focusReport.kpis?.officers)
        #expect(d.solve.after == focusReport.after, "the focus plan's terms are its own solve's")
        #expect(d.solve.objective == focusReport.objective)
        let differing = Set(scenario.communes.map(\.code).filter {
            reference.plan!.officersByCommune[$0] != focus.plan!.officersByCommune[$0]
        })
        #expect(!differing.isEmpty, "the what-if must move something for this test to mean anything")
        #expect(Set(d.solve.moves.map(\.commune)) == differing)
        for move in d.solve.moves {
            #expect(move.from == reference.plan!.officersByCommune[move.commune] ?? [])
            #expect(move.to == focus.plan!.officersByCommune[move.commune] ?? [])
        }
        #expect(d.scenario.current == reference.plan!)
    }

    @Test("the page names both plans, rings the differing communes and keeps the comparison table")
    func page() throws {
        let (reference, focus, scenario) = try solves()
        let d = try #require(PlanDifference(focus: focus, scenario: scenario, reference: reference))
        let comparison = HTMLComparison(reports: [("base", SolveReport(reference, scenario: smallScenario())), ("more", SolveReport(focus, scenario: scenario))])
        let en = HTMLReport.render(difference: d, reference: "base", focus: "more", lang: .en, comparison: comparison)
        #expect(en.contains("Plan of base") && en.contains("Plan of more"))
        #expect(en.contains("<h2>Differences from base</h2>"))
        #expect(count("class=\"c moved\"", in: en) == d.solve.moves.count)
        #expect(en.contains("class=\"num cmp\""))
        #expect(!en.contains(">Current<"), "the reference plan is not called the current assignment")
        let vi = HTMLReport.render(difference: d, reference: "base", focus: "more", lang: .vi)
        #expect(vi.contains("Phương án base") && vi.contains("Khác biệt so với base"))
    }

    @Test("no difference page without both plans")
    func noPlan() throws {
        let (reference, focus, scenario) = try solves()
        var none = focus
        none.plan = nil
        #expect(PlanDifference(focus: none, scenario: scenario, reference: reference) == nil)
        var noReference = reference
        noReference.plan = nil
        #expect(PlanDifference(focus: focus, scenario: scenario, reference: noReference) == nil)
    }
}
