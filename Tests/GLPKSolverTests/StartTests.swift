import GLPKSolver
import LinearModel
import Testing

/// Starting solutions: checked in Swift, handed to GLPK through the callback.
@Suite struct StartTests {
    let solver = GLPKSolver()

    /// Presolve off, no cuts, no heuristics: GLPK holds no solution before our start.
    static let bare = SolverOptions(
        timeLimit: 1, presolve: false, mirCuts: false, coverCuts: false, cliqueCuts: false)

    @Test func feasibleStartBecomesTheFirstIncumbent() throws {
        // Four equality rows over 30 binaries: in a second GLPK alone finds no solution at
        // all (checked below), so an incumbent at once can only be the start.
        let (model, planted) = Models.plantedSplit(rows: 4, columns: 30, seed: 5)
        #expect(model.violation(of: planted) == nil)
        let plantedObjective = model.objectiveValue(planted)

        let alone = try solver.solve(model, options: Self.bare)
        #expect(!alone.startAccepted)
        #expect(alone.primal == .none, "GLPK found \(alone.objective ?? .nan) by itself; the instance no longer tests the start")
        #expect(alone.firstIncumbent == nil)

        let result = try solver.solve(model, options: Self.bare, start: planted, progress: nil)
        #expect(result.startAccepted)
        expectClose(result.firstIncumbent, plantedObjective, tolerance: 1e-12)
        #expect((result.firstIncumbentSeconds ?? 99) < 0.5)
        #expect(result.termination == .timeLimit)
        #expect(result.primal == .feasible)
        #expect(model.violation(of: result.values) == nil)
        if let objective = result.objective { #expect(objective <= plantedObjective + 1e-9) }
        if let bound = result.bestBound, let objective = result.objective { #expect(bound <= objective) }
    }

    @Test func startIsAcceptedWithDefaultOptions() throws {
        // Presolve is on by default; a start turns it off so that the columns line up.
        let (model, planted) = Models.plantedSplit(rows: 4, columns: 30, seed: 9)
        let result = try solver.solve(model, options: SolverOptions(timeLimit: 1), start: planted, progress: nil)
        #expect(result.startAccepted)
        expectClose(result.firstIncumbent, model.objectiveValue(planted), tolerance: 1e-12)
        #expect(result.primal != .none)
        #expect(model.violation(of: result.values) == nil)
    }

    @Test func startOnAnIntegralRootIsHarmless() throws {
        // The assignment LP is integral at the root: GLPK never asks for a heuristic
        // solution, finds the optimum itself, and the start is not needed.
        let (model, x) = Models.assignment()
        var start = [Double](repeating: 0, count: 9)
        for (a, t) in [(0, 0), (1, 1), (2, 2)] { start[x[a][t].rawValue] = 1 }  // cost 14
        let result = try solver.solve(model, options: SolverOptions(relativeGap: 0), start: start, progress: nil)
        #expect(result.primal == .optimal)
        expectClose(result.objective, 9)
    }

    @Test func infeasibleStartIsIgnored() throws {
        let model = Models.knapsack()
        let tooHeavy: [Double] = [1, 1, 1, 1]  // weight 18 > 10
        let result = try solver.solve(model, options: SolverOptions(relativeGap: 0), start: tooHeavy, progress: nil)
        #expect(!result.startAccepted)
        #expect(result.message?.contains("ignored") == true)
        #expect(result.termination == .optimal)
        expectClose(result.objective, 90)

        let fractional: [Double] = [0, 1, 0.5, 0]
        let second = try solver.solve(model, options: SolverOptions(relativeGap: 0), start: fractional, progress: nil)
        #expect(!second.startAccepted)
        expectClose(second.objective, 90)

        let short: [Double] = [0, 1]
        let third = try solver.solve(model, options: SolverOptions(relativeGap: 0), start: short, progress: nil)
        #expect(!third.startAccepted)
        expectClose(third.objective, 90)
    }

    @Test func startSurvivesATimeLimitThatLeavesGLPKWithout() throws {
        // With no time at all GLPK stops before it holds a solution; the start is returned.
        let (model, planted) = Models.plantedSplit(rows: 4, columns: 30, seed: 5)
        let result = try solver.solve(model, options: SolverOptions(timeLimit: 0), start: planted, progress: nil)
        #expect(result.termination == .timeLimit)
        #expect(result.primal == .feasible)
        #expect(result.values == planted)
        expectClose(result.objective, model.objectiveValue(planted))
        #expect(!result.startAccepted)
        #expect(result.message?.contains("starting solution") == true)
    }
}
