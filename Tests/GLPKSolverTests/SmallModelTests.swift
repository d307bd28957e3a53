import GLPKSolver
import LinearModel
import Testing

/// Small models solved to optimality; the expected optima are worked by hand in `Models`.
@Suite struct SmallModelTests {
    let solver = GLPKSolver()

    @Test(arguments: [true, false])
    func knapsack(presolve: Bool) throws {
        let model = Models.knapsack()
        let result = try solver.solve(model, options: SolverOptions(relativeGap: 0, presolve: presolve))
        #expect(result.termination == .optimal)
        #expect(result.primal == .optimal)
        expectClose(result.objective, 90)
        #expect(result.values == [0, 1, 0, 1])
        expectClose(result.bestBound, 90)
        #expect(result.relativeGap == 0)
        #expect(result.message == nil)
        #expect(result.wallSeconds > 0 && result.wallSeconds < 5)
        #expect(result.peakSolverBytes > 0)
    }

    @Test func knapsackWithDefaultGapIsStillProvenOptimal() throws {
        // The default relative gap (1e-6) lets GLPK stop with GLP_EMIPGAP once incumbent
        // and bound meet; the solution is then still optimal.
        let result = try solver.solve(Models.knapsack())
        #expect(result.termination == .optimal || result.termination == .gapReached)
        #expect(result.primal == .optimal)
        expectClose(result.objective, 90)
    }

    @Test func objectiveConstantIsIncluded() throws {
        let result = try solver.solve(Models.knapsack(constant: 7.5), options: SolverOptions(relativeGap: 0))
        expectClose(result.objective, 97.5)
        expectClose(result.bestBound, 97.5)
    }

    @Test func relaxationOnly() throws {
        let result = try solver.solve(Models.knapsack(), options: SolverOptions(relaxationOnly: true))
        #expect(result.termination == .optimal)
        #expect(result.primal == .optimal)
        expectClose(result.objective, 105)  // worked in Models.knapsack
        let values = result.values
        #expect(values.count == 4)
        if values.count == 4 {
            expectClose(values[0], 0); expectClose(values[1], 1); expectClose(values[2], 0.5); expectClose(values[3], 1)
        }
        #expect(result.nodes == 0)
    }

    @Test(arguments: [true, false])
    func assignment(presolve: Bool) throws {
        let (model, x) = Models.assignment()
        let result = try solver.solve(model, options: SolverOptions(relativeGap: 0, presolve: presolve))
        #expect(result.termination == .optimal)
        expectClose(result.objective, 9)
        let chosen = x.map { row in row.firstIndex { result.values[$0.rawValue] == 1 } }
        #expect(chosen == [1, 0, 2])
    }

    @Test(arguments: [true, false])
    func generalizedAssignment(presolve: Bool) throws {
        let model = Models.generalizedAssignment()
        let result = try solver.solve(model, options: SolverOptions(relativeGap: 0, presolve: presolve))
        #expect(result.termination == .optimal)
        #expect(result.primal == .optimal)
        expectClose(result.objective, 10)
        // Jobs 1, 2 to agent A; jobs 3, 4 to agent B (x_0_* then x_1_*).
        #expect(result.values == [1, 1, 0, 0, 0, 0, 1, 1])
        #expect(model.violation(of: result.values) == nil)
    }

    @Test func continuousAndFreeVariables() throws {
        // minimize x − y with x free, y ≤ 4, x ≥ 2y − 3 (row lower bound), x + y = 5 (fixed row).
        // On x + y = 5: x = 5 − y ≥ 2y − 3 gives y ≤ 8/3; x − y = 5 − 2y is least at y = 8/3:
        // objective −1/3, x = 7/3.
        var model = LinearModel(name: "lp")
        let x = model.addVariable("x", lower: -.infinity, upper: .infinity, objective: 1)
        let y = model.addVariable("y", lower: -.infinity, upper: 4, objective: -1)
        model.addConstraint("slope", [(x, 1), (y, -2)], lower: -3)
        model.addConstraint("sum", [(x, 1), (y, 1)], lower: 5, upper: 5)
        let result = try solver.solve(model)
        #expect(result.termination == .optimal)
        expectClose(result.objective, -1.0 / 3)
        expectClose(result.values.first, 7.0 / 3)
    }

    @Test func generalIntegerWithFixedColumn() throws {
        // maximize 3a + 2b + c, a integer in [0, 10], b integer fixed at 2, c ≤ 1.5 continuous,
        // 2a + b + c ≤ 9.7. With b = 2: 2a + c ≤ 7.7; a = 3 leaves c ≤ 1.5 (1.7 allowed):
        // 9 + 4 + 1.5 = 14.5; a = 2 gives at most 6 + 4 + 1.5 = 11.5. Optimum 14.5.
        var model = LinearModel(name: "general", sense: .maximize)
        let a = model.addVariable("a", kind: .integer, upper: 10, objective: 3)
        let b = model.addVariable("b", kind: .integer, lower: 2, upper: 2, objective: 2)
        let c = model.addVariable("c", upper: 1.5, objective: 1)
        model.addConstraint("budget", [(a, 2), (b, 1), (c, 1)], upper: 9.7)
        let result = try solver.solve(model, options: SolverOptions(relativeGap: 0))
        expectClose(result.objective, 14.5)
        #expect(result.values == [3, 2, 1.5])
    }

    @Test(arguments: [true, false])
    func modelWithoutVariables(presolve: Bool) throws {
        var model = LinearModel(name: "empty")
        model.objectiveConstant = 4
        model.addConstraint("zero_ok", [], lower: -1, upper: 2)
        let result = try solver.solve(model, options: SolverOptions(presolve: presolve))
        #expect(result.termination == .optimal)
        expectClose(result.objective, 4)
        #expect(result.values.isEmpty)
        // A row without terms that excludes 0 cannot hold.
        model.addConstraint("zero_bad", [], lower: 1)
        let infeasible = try solver.solve(model, options: SolverOptions(presolve: presolve))
        #expect(infeasible.termination == .infeasible)
        #expect(infeasible.primal == .none)
    }

    @Test func emptyRowInALargerModel() throws {
        var model = Models.knapsack()
        model.addConstraint("nothing", [], lower: 1)
        for presolve in [true, false] {
            #expect(try solver.solve(model, options: SolverOptions(presolve: presolve)).termination == .infeasible)
        }
    }

    @Test func noConstraints() throws {
        var model = LinearModel(name: "bounds_only", sense: .maximize)
        model.addVariable("x", kind: .integer, lower: -3, upper: 7, objective: 2)
        model.addVariable("y", lower: 0, upper: 1.25, objective: 1)
        for presolve in [true, false] {
            let result = try solver.solve(model, options: SolverOptions(presolve: presolve))
            #expect(result.termination == .optimal || result.termination == .gapReached)
            expectClose(result.objective, 15.25)
        }
    }
}
