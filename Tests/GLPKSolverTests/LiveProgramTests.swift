import Foundation
import GLPKSolver
import LinearModel
import Testing

/// The live program (columns and rows added, bounds changed, re-solved warm) against
/// solving the same LP from scratch, on random covering LPs; its duals against their
/// definition; and every kind of invalid addition refused without harm.
@Suite struct LiveProgramTests {
    /// min c·x, Σ_j a_ij x_j ≥ b_i, 0 ≤ x ≤ 10, with a, c > 0: feasible and bounded.
    static func coveringLP(rows m: Int, columns n: Int, seed: UInt64) -> (LinearModel, [[Double]]) {
        var random = SplitMix64(seed: seed)
        func draw(_ k: UInt64) -> Double { Double(1 + random.next() % k) }
        var a = [[Double]]()
        var model = LinearModel(name: "cover_\(seed)")
        let x = (0..<n).map { model.addVariable("x\($0)", upper: 10, objective: draw(20)) }
        for i in 0..<m {
            let row = (0..<n).map { _ in random.next() % 3 == 0 ? 0 : draw(9) }
            a.append(row)
            model.addConstraint("r\(i)", zip(x, row).compactMap { $1 == 0 ? nil : ($0, $1) }, lower: draw(30))
        }
        return (model, a)
    }

    /// The same model with only the first `count` columns.
    static func prefix(_ model: LinearModel, columns count: Int) -> LinearModel {
        var out = LinearModel(name: model.name)
        for v in model.variables.prefix(count) { out.addVariable(v.name, kind: v.kind, lower: v.lower, upper: v.upper, objective: v.objective) }
        for row in model.constraints {
            out.addConstraint(row.name, row.terms.filter { $0.variable.rawValue < count }.map { ($0.variable, $0.coefficient) }, lower: row.lower, upper: row.upper)
        }
        return out
    }

    static func scratch(_ model: LinearModel) throws -> SolveResult {
        try GLPKSolver().solve(model, options: SolverOptions(relaxationOnly: true))
    }

    @Test(arguments: (0..<12).map { UInt64($0) })
    func addedColumnsResolveToTheScratchOptimum(seed: UInt64) throws {
        let (full, _) = Self.coveringLP(rows: 6 + Int(seed % 5), columns: 30, seed: seed)
        let firstCount = 8
        try GLPKSolver().withLiveProgram(Self.prefix(full, columns: firstCount), options: SolverOptions()) { live in
            var count = firstCount
            while count <= full.variables.count {
                let solution = try live.solve(timeLimit: nil)
                let reference = try Self.scratch(Self.prefix(full, columns: count))
                #expect(solution.termination == reference.termination, "seed \(seed), \(count) columns")
                if let z = solution.objective, let r = reference.objective {
                    #expect(abs(z - r) <= 1e-7 * max(1, abs(r)), "seed \(seed), \(count) columns: live \(z), scratch \(r)")
                    // Reduced costs are c − Aᵀy, by their definition, for every column.
                    let model = Self.prefix(full, columns: count)
                    for (j, v) in model.variables.enumerated() {
                        let aty = model.constraints.enumerated().reduce(0.0) { total, row in
                            total + (row.element.terms.first { $0.variable.rawValue == j }?.coefficient ?? 0) * solution.rowDuals[row.offset]
                        }
                        #expect(abs(solution.reducedCosts[j] - (v.objective - aty)) <= 1e-7, "seed \(seed): column \(j)")
                    }
                    // Dual feasibility of a covering LP: y ≥ 0 on ≥ rows.
                    #expect(solution.rowDuals.allSatisfy { $0 >= -1e-9 })
                }
                guard count < full.variables.count else { break }
                let next = min(full.variables.count, count + 5)
                let columns = (count..<next).map { j -> LiveColumn in
                    let v = full.variables[j]
                    let terms = full.constraints.enumerated().compactMap { i, row in
                        row.terms.first { $0.variable.rawValue == j }.map { (row: i, coefficient: $0.coefficient) }
                    }
                    return LiveColumn(name: v.name, lower: v.lower, upper: v.upper, objective: v.objective, terms: terms)
                }
                let first = try live.addColumns(columns)
                #expect(first == count)
                count = next
                #expect(live.columnCount == count)
            }
        }
    }

    @Test(arguments: (0..<6).map { UInt64($0) })
    func addedRowsAndBoundsMatchTheScratchModel(seed: UInt64) throws {
        let (full, _) = Self.coveringLP(rows: 5, columns: 12, seed: 100 + seed)
        try GLPKSolver().withLiveProgram(full, options: SolverOptions()) { live in
            _ = try live.solve(timeLimit: nil)
            // A cut on the first three columns, and column 4 fixed at 2.
            let cut = LiveRow(name: "cut", upper: 4, terms: [(0, 1), (1, 1), (2, 1)])
            #expect(try live.addRows([cut]) == full.constraints.count)
            try live.setColumnBounds(4, lower: 2, upper: 2)
            let solution = try live.solve(timeLimit: nil)
            var reference = full
            reference.addConstraint("cut", [(VariableIndex(0), 1), (VariableIndex(1), 1), (VariableIndex(2), 1)], upper: 4)
            reference.setBounds(VariableIndex(4), lower: 2, upper: 2)
            let r = try Self.scratch(reference)
            #expect(solution.termination == r.termination)
            if let z = solution.objective, let rz = r.objective {
                #expect(abs(z - rz) <= 1e-7 * max(1, abs(rz)), "seed \(seed): live \(z), scratch \(rz)")
                #expect(abs(solution.values[4] - 2) <= 1e-9)
                #expect(solution.values[0] + solution.values[1] + solution.values[2] <= 4 + 1e-7)
                #expect(solution.rowDuals.count == full.constraints.count + 1)
            }
        }
    }

    @Test func invalidAdditionsAreRefusedAndTheProgramGoesOn() throws {
        let (model, _) = Self.coveringLP(rows: 3, columns: 4, seed: 9)
        let before = try Self.scratch(model).objective
        try GLPKSolver().withLiveProgram(model, options: SolverOptions()) { live in
            let bad: [LiveColumn] = [
                LiveColumn(name: "far", objective: 1, terms: [(7, 1)]),
                LiveColumn(name: "twice", objective: 1, terms: [(0, 1), (0, 2)]),
                LiveColumn(name: "nan", objective: .nan, terms: [(0, 1)]),
                LiveColumn(name: "has space", objective: 1, terms: [(0, 1)]),
                LiveColumn(name: "empty_bounds", lower: 2, upper: 1, objective: 1, terms: [(0, 1)]),
                LiveColumn(name: "inf", objective: 1, terms: [(1, .infinity)]),
            ]
            for column in bad { #expect(throws: ModelError.self) { try live.addColumns([column]) } }
            #expect(throws: ModelError.self) { try live.addRows([LiveRow(name: "r", terms: [(99, 1)])]) }
            #expect(throws: ModelError.self) { try live.setColumnBounds(99, lower: 0, upper: 1) }
            #expect(throws: ModelError.self) { try live.setColumnBounds(0, lower: 3, upper: 1) }
            #expect(live.columnCount == 4 && live.rowCount == 3)
            let after = try live.solve(timeLimit: nil)
            #expect(after.objective != nil && abs(after.objective! - before!) <= 1e-9 * max(1, abs(before!)))
        }
    }

    @Test func aProgramUsedAfterItsClosureRefuses() throws {
        let (model, _) = Self.coveringLP(rows: 2, columns: 3, seed: 3)
        let kept = try GLPKSolver().withLiveProgram(model, options: SolverOptions()) { $0 }
        #expect(throws: SolverError.self) { _ = try kept.solve(timeLimit: nil) }
        #expect(throws: SolverError.self) { try kept.addColumns([LiveColumn(name: "x", objective: 1, terms: [])]) }
    }

    @Test func aTargetObjectiveStopsTheSearchWithThePlanThatMetIt() throws {
        // The assignment model of the small tests: optimum 9; any plan at most 14 is enough.
        let (model, _) = Models.assignment()
        var options = SolverOptions(presolve: false)
        options.objectiveTarget = 14
        let result = try GLPKSolver().solve(model, options: options)
        #expect(result.primal != .none)
        #expect((result.objective ?? .infinity) <= 14 + 1e-9)
        #expect(result.termination == .gapReached || result.termination == .optimal)
    }
}
