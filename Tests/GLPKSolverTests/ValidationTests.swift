import GLPKSolver
@_spi(Testing) import GLPKSolver
import LinearModel
import Testing

/// Invalid models are refused before GLPK sees them, and a GLPK error that does happen is
/// caught instead of ending the process.
@Suite struct ValidationTests {
    let solver = GLPKSolver()

    static func base() -> (LinearModel, VariableIndex) {
        var model = LinearModel(name: "base")
        let x = model.addVariable("x", kind: .integer, upper: 3, objective: 1)
        return (model, x)
    }

    static let invalid: [(String, ModelError.Code, LinearModel)] = {
        var cases: [(String, ModelError.Code, LinearModel)] = []
        var (model, x) = base()
        model.addConstraint("ghost", [(x, 1), (VariableIndex(7), 1)], upper: 2)
        cases.append(("bad variable index", .badIndex, model))

        (model, x) = base()
        model.addVariable("y", lower: 5, upper: 4)
        cases.append(("lower above upper", .badBounds, model))

        (model, x) = base()
        model.addConstraint("row", [(x, 1)], lower: 3, upper: 1)
        cases.append(("row lower above upper", .badBounds, model))

        (model, x) = base()
        model.addVariable(String(repeating: "n", count: 300))
        cases.append(("300-byte name", .badName, model))

        (model, x) = base()
        model.addConstraint("nan", [(x, .nan)], upper: 1)
        cases.append(("NaN coefficient", .badCoefficient, model))

        (model, x) = base()
        model.setObjective(x, .infinity)
        cases.append(("infinite objective", .badCoefficient, model))

        (model, x) = base()
        model.setBounds(x, lower: 0, upper: 2.5)
        cases.append(("fractional integer bound", .integerBound, model))
        return cases
    }()

    @Test(arguments: invalid.indices)
    func invalidModelThrowsModelError(case index: Int) throws {
        let (what, code, model) = Self.invalid[index]
        #expect(throws: ModelError.self, "\(what)") { try solver.solve(model) }
        do {
            _ = try solver.solve(model)
        } catch let error as ModelError {
            #expect(error.code == code, "\(what): \(error)")
        }
        // Writers validate too.
        #expect(throws: ModelError.self) { try solver.writeLP(model, to: "/nonexistent-dir/never.lp") }
        // And the process is still here to solve a good model.
        #expect(try solver.solve(Models.knapsack()).objective == 90)
    }

    @Test func guardedGLPKErrorBecomesSolverError() throws {
        do {
            try GLPKSolver.provokeGuardedGLPKError()
            Issue.record("a duplicate glp_load_matrix entry should have been reported")
        } catch let error as SolverError {
            #expect(error.message.contains("glp_load_matrix"), "\(error)")
            #expect(error.message.contains("duplicate"), "\(error)")
        }
        // GLPK's environment on this thread was freed and comes back on the next call.
        let result = try solver.solve(Models.generalizedAssignment(), options: SolverOptions(relativeGap: 0))
        #expect(result.termination == .optimal)
        #expect(result.objective == 10)
        // Twice in a row, then a solve with presolve off and the writer.
        #expect(throws: SolverError.self) { try GLPKSolver.provokeGuardedGLPKError() }
        #expect(throws: SolverError.self) { try GLPKSolver.provokeGuardedGLPKError() }
        #expect(try solver.solve(Models.knapsack(), options: SolverOptions(presolve: false)).objective == 90)
    }
}
