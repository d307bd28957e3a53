import GLPKSolver
import LinearModel
import Testing

/// Infeasible, unbounded, time-limited and interrupted solves.
@Suite struct StatusTests {
    let solver = GLPKSolver()

    /// x, y binary with x + y ≥ 3: even the LP relaxation is infeasible.
    static func infeasibleRelaxation() -> LinearModel {
        var model = LinearModel(name: "infeasible_lp")
        let x = model.addVariable("x", kind: .binary, upper: 1, objective: 1)
        let y = model.addVariable("y", kind: .binary, upper: 1, objective: 1)
        model.addConstraint("too_much", [(x, 1), (y, 1)], lower: 3)
        return model
    }

    /// 2x + 2y = 3 with x, y integer in [0, 5]: the LP is feasible (x = 1.5), no integer point is.
    static func infeasibleIntegers() -> LinearModel {
        var model = LinearModel(name: "infeasible_mip")
        let x = model.addVariable("x", kind: .integer, upper: 5, objective: 1)
        let y = model.addVariable("y", kind: .integer, upper: 5, objective: 2)
        model.addConstraint("odd", [(x, 2), (y, 2)], lower: 3, upper: 3)
        return model
    }

    /// maximize x + y, x integer ≥ 0, y ≥ 0, x − y ≤ 2: grows without limit along x = y + 2.
    static func unbounded() -> LinearModel {
        var model = LinearModel(name: "unbounded", sense: .maximize)
        let x = model.addVariable("x", kind: .integer, objective: 1)
        let y = model.addVariable("y", objective: 1)
        model.addConstraint("lead", [(x, 1), (y, -1)], upper: 2)
        return model
    }

    @Test(arguments: [true, false])
    func infeasible(presolve: Bool) throws {
        for model in [Self.infeasibleRelaxation(), Self.infeasibleIntegers()] {
            let result = try solver.solve(model, options: SolverOptions(presolve: presolve))
            #expect(result.termination == .infeasible, "\(model.name)")
            #expect(result.primal == .none)
            #expect(result.values.isEmpty)
            #expect(result.objective == nil)
            #expect(result.bestBound == nil)
        }
    }

    @Test(arguments: [true, false])
    func unbounded(presolve: Bool) throws {
        let result = try solver.solve(Self.unbounded(), options: SolverOptions(presolve: presolve))
        #expect(result.termination == .unbounded)
        #expect(result.primal == .none)
        #expect(result.values.isEmpty)
    }

    @Test(arguments: [true, false])
    func relaxationStatuses(presolve: Bool) throws {
        let options = SolverOptions(relaxationOnly: true, presolve: presolve)
        #expect(try solver.solve(Self.infeasibleRelaxation(), options: options).termination == .infeasible)
        #expect(try solver.solve(Self.unbounded(), options: options).termination == .unbounded)
        // The integer-infeasible model has an LP optimum: x = 1.5, y = 0.
        let lp = try solver.solve(Self.infeasibleIntegers(), options: options)
        #expect(lp.termination == .optimal)
        expectClose(lp.objective, 1.5)
    }

    @Test(arguments: [true, false])
    func timeLimit(presolve: Bool) throws {
        let model = Models.marketSplit(rows: 5, seed: 7)
        let options = SolverOptions(timeLimit: 1, presolve: presolve)
        let result = try solver.solve(model, options: options)
        #expect(result.termination == .timeLimit)
        #expect(result.primal == .feasible || result.primal == .none)
        #expect(result.values.isEmpty == (result.primal == .none))
        #expect(result.wallSeconds >= 0.9 && result.wallSeconds < 2.5, "took \(result.wallSeconds) s")
        if result.primal == .feasible {
            #expect(model.violation(of: result.values) == nil)
            expectClose(result.objective, model.objectiveValue(result.values))
            if let bound = result.bestBound, let objective = result.objective {
                #expect(bound <= objective + 1e-6)
                #expect(result.relativeGap != nil)
            }
        }
        #expect(result.nodes > 0)
    }

    @Test func progressIsReportedAndStopInterrupts() throws {
        let model = Models.marketSplit(rows: 5, seed: 11)
        let calls = Counter()
        let result = try solver.solve(model, options: SolverOptions(timeLimit: 20), start: nil) { progress in
            calls.record(progress)
            return calls.value >= 2 ? .stop : .proceed
        }
        #expect(result.termination == .interrupted)
        #expect(calls.value == 2)
        #expect(result.wallSeconds >= 1.9 && result.wallSeconds < 4, "took \(result.wallSeconds) s")
        if let last = calls.lastProgress {
            #expect(last.elapsedSeconds >= 1.9)
            #expect(last.nodes > 0)
            #expect(last.bestBound != nil)
            if let incumbent = last.incumbent, let bound = last.bestBound { #expect(bound <= incumbent + 1e-6) }
        }
        #expect(result.values.isEmpty == (result.primal == .none))
        if result.primal != .none { #expect(model.violation(of: result.values) == nil) }
    }
}
