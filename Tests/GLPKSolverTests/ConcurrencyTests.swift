import Foundation
import GLPKSolver
import LinearModel
import Testing

/// GLPK's environment is per thread: independent solves may run at the same time.
@Suite struct ConcurrencyTests {
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: Double] = [:]
        private var failures: [String] = []
        subscript(index: Int) -> Double? { lock.withLock { values[index] } }
        func store(_ index: Int, _ value: Double?) { lock.withLock { values[index] = value } }
        func fail(_ message: String) { lock.withLock { failures.append(message) } }
        var allFailures: [String] { lock.withLock { failures } }
    }

    @Test func twoModelsOnTwoThreadsAtOnce() throws {
        // Each thread solves its own model several times while the other one does the same:
        // the knapsack (optimum 90) and the generalized assignment (optimum 10).
        let models = [Models.knapsack(), Models.generalizedAssignment()]
        let expected: [Double] = [90, 10]
        let results = Results()
        let done = DispatchGroup()
        for index in 0..<2 {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                let solver = GLPKSolver()
                for round in 0..<25 {
                    do {
                        let presolve = round % 2 == 0
                        let result = try solver.solve(models[index], options: SolverOptions(relativeGap: 0, presolve: presolve))
                        if result.objective != expected[index] {
                            results.fail("thread \(index) round \(round): \(String(describing: result.objective))")
                        }
                        results.store(index, result.objective)
                    } catch {
                        results.fail("thread \(index) round \(round): \(error)")
                    }
                }
            }
            thread.start()
        }
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(results.allFailures.isEmpty, "\(results.allFailures)")
        #expect(results[0] == 90)
        #expect(results[1] == 10)
    }

    @Test func hardSolvesInParallelKeepTheirOwnLimits() {
        // Two time-limited searches on different threads stop on their own clocks.
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                let model = Models.marketSplit(rows: 4, seed: UInt64(20 + index))
                let limit = index == 0 ? 0.5 : 1.0
                let result = try GLPKSolver().solve(model, options: SolverOptions(timeLimit: limit))
                if result.termination != .timeLimit { results.fail("\(index): \(result.termination)") }
                if result.primal != .none, let why = model.violation(of: result.values) { results.fail("\(index): \(why)") }
                results.store(index, result.wallSeconds)
            } catch {
                results.fail("\(index): \(error)")
            }
        }
        #expect(results.allFailures.isEmpty, "\(results.allFailures)")
        if let fast = results[0], let slow = results[1] {
            #expect(fast >= 0.45 && fast < 1.5, "\(fast)")
            #expect(slow >= 0.95 && slow < 2.5, "\(slow)")
        }
    }
}
