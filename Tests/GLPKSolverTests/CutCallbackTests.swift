import Foundation
import GLPKSolver
import LinearModel
import Testing

/// Cuts handed to GLPK's callback: valid cuts keep the optimum and are counted; malformed ones
/// are dropped before GLPK sees them, and the process survives.
@Suite struct CutCallbackTests {
    /// Cover cuts of the knapsack of the small tests (capacity 10; weights 5, 4, 6, 3): every
    /// pair of items 1–3 with item 3 exceeds… the covers {1,3}, {2,3,4}, {1,2,4}... as a
    /// separator that returns each violated cover of the row.
    struct KnapsackCovers: CutSeparator {
        let weights: [Double]
        let capacity: Double
        func cuts(for values: [Double]) -> [Cut] {
            var out: [Cut] = []
            let n = weights.count
            for mask in 1..<(1 << n) {
                let members = (0..<n).filter { mask & (1 << $0) != 0 }
                guard members.reduce(0.0, { $0 + weights[$1] }) > capacity else { continue }
                let cut = Cut(terms: members.map { (VariableIndex($0), 1.0) }, upper: Double(members.count - 1))
                if cut.violation(values) > 1e-6 { out.append(cut) }
            }
            return out
        }
    }

    /// A separator that only returns broken cuts.
    struct Broken: CutSeparator {
        func cuts(for values: [Double]) -> [Cut] {
            [
                Cut(terms: [(VariableIndex(99), 1)], upper: 0),
                Cut(terms: [(VariableIndex(0), .nan)], upper: 0),
                Cut(terms: [(VariableIndex(0), 1)], lower: 0, upper: 1),
                Cut(terms: [], upper: -1),
                Cut(terms: [(VariableIndex(0), 1)], upper: .infinity),
            ]
        }
    }

    @Test func coverCutsKeepTheOptimumAndAreCounted() throws {
        let model = Models.knapsack()
        let plain = try GLPKSolver().solve(model, options: SolverOptions(presolve: false, mirCuts: false, coverCuts: false, cliqueCuts: false))
        let withCuts = try GLPKSolver().solve(
            model, options: SolverOptions(presolve: false, mirCuts: false, coverCuts: false, cliqueCuts: false), start: nil, progress: nil,
            separator: KnapsackCovers(weights: [5, 4, 6, 3], capacity: 10))
        #expect(plain.primal == .optimal && withCuts.primal == .optimal)
        #expect(withCuts.objective == 90 && plain.objective == 90)
        #expect(withCuts.values.map { $0.rounded() } == [0, 1, 0, 1])
        #expect(withCuts.separatedCuts > 0)
    }

    @Test func brokenCutsAreDroppedAndTheSearchGoesOn() throws {
        let model = Models.knapsack()
        let result = try GLPKSolver().solve(model, options: SolverOptions(presolve: false), start: nil, progress: nil, separator: Broken())
        #expect(result.primal == .optimal)
        #expect(result.objective == 90)
        #expect(result.separatedCuts == 0)
    }

    @Test func cutsOnTheGeneralizedAssignmentKeepItsOptimum() throws {
        // The 2 × 4 instance of the small tests (optimum 10): covers of both capacity rows.
        let model = Models.generalizedAssignment()
        struct Rows: CutSeparator {
            func cuts(for values: [Double]) -> [Cut] {
                let a = KnapsackCovers(weights: [3, 2, 4, 3], capacity: 6).cuts(for: Array(values[0..<4]))
                let b = KnapsackCovers(weights: [2, 3, 2, 4], capacity: 7).cuts(for: Array(values[4..<8]))
                return a + b.map { cut in Cut(terms: cut.terms.map { (VariableIndex($0.variable.rawValue + 4), $0.coefficient) }, upper: cut.upper) }
            }
        }
        let result = try GLPKSolver().solve(model, options: SolverOptions(presolve: false), start: nil, progress: nil, separator: Rows())
        #expect(result.primal == .optimal && result.objective == 10)
    }
}
