import LinearModel
import Testing

@Suite struct LinearModelTests {
    func knapsack() -> LinearModel {
        var m = LinearModel(name: "knapsack", sense: .maximize)
        let a = m.addVariable("a", kind: .binary, lower: 0, upper: 1, objective: 10)
        let b = m.addVariable("b", kind: .binary, lower: 0, upper: 1, objective: 13)
        let c = m.addVariable("c", kind: .integer, lower: 0, upper: 3, objective: 7)
        m.addConstraint("weight", [(a, 4), (b, 6), (c, 3)], upper: 10)
        m.addConstraint("range", [(a, 1), (b, 1)], lower: 1, upper: 2)
        m.addConstraint("fix", [(c, 1), (a, 1), (c, 1)], lower: 2, upper: 2)
        return m
    }

    @Test func lpTextIsStableAndComplete() {
        let text = knapsack().cplexLPText()
        #expect(text == """
            \\* knapsack *\\
            Maximize
             obj: + 10 a + 13 b + 7 c
            Subject To
             weight: + 4 a + 6 b + 3 c <= 10
             range: + a + b >= 1
             range~ub: + a + b <= 2
             fix: + 2 c + a = 2
            Bounds
             0 <= c <= 3
            General
             c
            Binary
             a
             b
            End

            """)
    }

    @Test func termsOnTheSameVariableAreMerged() {
        let m = knapsack()
        #expect(m.constraints[2].terms.count == 2)
        #expect(m.constraints[2].terms[0].coefficient == 2)
    }

    @Test func objectiveAndViolation() {
        let m = knapsack()
        #expect(m.objectiveValue([0, 1, 1]) == 20)
        #expect(m.violation(of: [0, 1, 1]) == nil)
        #expect(m.violation(of: [1, 1, 1])?.contains("weight") == true || m.violation(of: [1, 1, 1])?.contains("fix") == true)
        #expect(m.violation(of: [0, 0.5, 1])?.contains("fractional") == true)
        #expect(m.violation(of: [0, 1]) != nil)
    }

    @Test func validationRejectsWhatGLPKWouldAbortOn() {
        var bad = knapsack()
        bad.addConstraint("dangling", [(VariableIndex(7), 1)], upper: 1)
        #expect(throws: ModelError.self) { try bad.validate() }

        var bounds = knapsack()
        bounds.addVariable("z", lower: 2, upper: 1)
        #expect { try bounds.validate() } throws: { ($0 as? ModelError)?.code == .badBounds }

        var longName = knapsack()
        longName.addVariable(String(repeating: "n", count: 300))
        #expect { try longName.validate() } throws: { ($0 as? ModelError)?.code == .badName }

        var nan = knapsack()
        nan.addConstraint("nan", [(VariableIndex(0), .nan)], upper: 1)
        #expect { try nan.validate() } throws: { ($0 as? ModelError)?.code == .badCoefficient }

        var fractional = knapsack()
        fractional.addVariable("k", kind: .integer, lower: 0, upper: 2.5)
        #expect { try fractional.validate() } throws: { ($0 as? ModelError)?.code == .integerBound }

        var duplicate = knapsack()
        duplicate.addVariable("a")
        #expect { try duplicate.validate() } throws: { ($0 as? ModelError)?.code == .badName }

        #expect(throws: Never.self) { try knapsack().validate() }
    }
}

@Suite struct SolverOptionSettingTests {
    @Test func settingsRoundTrip() throws {
        var options = SolverOptions()
        for word in ["presolve=off", "gomory=on", "branching=pch", "backtracking=dfs", "fpump=1"] { try options.apply(setting: word) }
        #expect(options.presolve == false && options.gomoryCuts && options.branching == .pseudoCost && options.backtracking == .depthFirst && options.feasibilityPump)
        var again = SolverOptions()
        for word in options.settingsDescription.split(separator: ",") { try again.apply(setting: String(word)) }
        #expect(again == options)
    }

    @Test func badSettingsAreRefused() {
        var options = SolverOptions()
        #expect(throws: SolverOptions.SettingError.self) { try options.apply(setting: "mir") }
        #expect(throws: SolverOptions.SettingError.self) { try options.apply(setting: "mir=maybe") }
        #expect(throws: SolverOptions.SettingError.self) { try options.apply(setting: "branching=best") }
        #expect(throws: SolverOptions.SettingError.self) { try options.apply(setting: "speed=max") }
    }
}
