import DiaBanCore
import Foundation
import GLPKSolver
import LinearModel
import Testing
@testable import WorkPlan

/// The search's optimum against brute force and against GLPK on the whole model, on many
/// small cases; and every rule checked on its plans.
@Suite struct SearchTests {
    @Test(arguments: 1...40)
    func optimumEqualsEnumeration(seed: Int) throws {
        let c = SmallCase.draw(seed: UInt64(seed), communes: seed % 3 == 0 ? 2 : 3)
        let p = c.problem
        let expected = BruteForce.optimum(p)
        let found = OfficerSearch(problem: p, solver: GLPKSolver(), deadline: nil).run()
        #expect((expected == nil) == (found == nil), "seed \(seed): enumeration \(String(describing: expected)), search \(String(describing: found?.objective))")
        guard let expected, let found else { return }
        #expect(abs(found.objective - expected) < 1e-6, "seed \(seed): search \(found.objective), enumeration \(expected)")
        #expect(found.proven)
        // The plan the search gives keeps every rule and has the value it claims.
        let v = try #require(BruteForce.value(p, found.routes, found.starts.map { $0.sorted() }), "seed \(seed): the plan breaks a rule")
        #expect(abs(v - found.objective) < 1e-6)
    }

    @Test(arguments: 1...12)
    func optimumEqualsGLPKOnTheWholeModel(seed: Int) throws {
        let c = SmallCase.draw(seed: UInt64(100 + seed))
        let p = c.problem
        let routes = p.allRoutes()
        let low = routes.map { (p.length + $0.visits - 1) / $0.visits }
        let model = WorkPlanModel(problem: p, routes: routes, lowGaps: low, highGaps: routes.map { _ in p.gapCap }, choosing: true)
        let result = try GLPKSolver().solve(model.linear, options: SolverOptions(timeLimit: 60))
        let found = OfficerSearch(problem: p, solver: GLPKSolver(), deadline: nil).run()
        if result.termination == .infeasible {
            #expect(found == nil, "seed \(seed): GLPK says infeasible, the search found \(String(describing: found?.objective))")
            return
        }
        #expect(result.termination == .optimal, "seed \(seed): \(result.termination)")
        let glpk = try #require(result.objective)
        let search = try #require(found, "seed \(seed): GLPK found \(glpk), the search nothing")
        #expect(abs(search.objective - glpk) < 1e-4, "seed \(seed): search \(search.objective), GLPK \(glpk)")
    }

    @Test func theSettlingModelFindsWhatTheGreedyCannot() throws {
        // Two far communes with their own overnight routes, four visits each, in 28 days with
        // a budget that leaves no room to spare: the lone optima collide.
        var c = SmallCase.draw(seed: 7, communes: 2)
        var r = c.scenario.workPlan!
        r.trips.overnightBeyondKm = 1
        r.trips.maxCommunesPerDay = 1
        r.minSpacingDays = 5
        r.visits = c.scenario.communes.map { VisitRule(select: CommuneSelection(communes: [$0.code]), count: 4) }
        r.fieldDaysPerMonth = 16
        r.blocked = []
        r.gapWeight = 10
        c.scenario.workPlan = r
        c.period = DayRange(first: Day(iso: "2026-03-02")!, last: Day(iso: "2026-03-29")!)!
        let p = c.problem
        let expected = try #require(BruteForce.optimum(p))
        let found = try #require(OfficerSearch(problem: p, solver: GLPKSolver(), deadline: nil).run())
        #expect(abs(found.objective - expected) < 1e-6)
        #expect(found.proven)
    }

    @Test func daysAndWeekdays() {
        #expect(Day(iso: "2026-01-01")!.weekday == .thursday)
        #expect(Day(iso: "2026-02-28")!.adding(days: 1).description == "2026-03-01")
        #expect(Day(iso: "2024-02-28")!.adding(days: 1).description == "2024-02-29")
        #expect(Day(iso: "2026-12-31")!.adding(days: 1).description == "2027-01-01")
        #expect(Day(iso: "2026-03-01")!.adding(days: -1).description == "2026-02-28")
        var d = Day(iso: "2025-01-01")!
        for _ in 0..<(6 * 366) { let n = d.adding(days: 1); #expect(d.days(to: n) == 1); d = n }
        #expect(Weekday(word: "thu-hai") == .monday && Weekday(word: "chu-nhat") == .sunday && Weekday(word: "sat") == .saturday)
    }
}
