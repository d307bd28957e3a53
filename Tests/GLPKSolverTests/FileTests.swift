import Foundation
import GLPKSolver
import LinearModel
import Testing

/// The files GLPK writes solve, in glpsol, to the optimum reported here.
@Suite struct FileTests {
    let solver = GLPKSolver()

    static let models: [LinearModel] = [
        Models.knapsack(constant: 7.5), Models.generalizedAssignment(), Models.assignment().0,
        Models.plantedSplit(rows: 2, columns: 12, seed: 3).0,
    ]

    @Test(arguments: models.indices)
    func writtenLPSolvesToTheSameOptimum(index: Int) throws {
        let model = Self.models[index]
        let scratch = try ScratchDirectory()
        let file = scratch.url.appendingPathComponent("\(model.name).lp")
        try solver.writeLP(model, to: file.path)
        let ours = try solver.solve(model, options: SolverOptions(relativeGap: 0))
        #expect(ours.primal == .optimal)
        // glp_write_lp keeps the objective constant only as a comment, so glpsol's optimum
        // for the file lacks it.
        let theirs = try Glpsol.objective(of: file, format: "--lp") + model.objectiveConstant
        expectClose(ours.objective, theirs, tolerance: 1e-9)
        if model.objectiveConstant != 0 {
            #expect(try String(contentsOf: file, encoding: .utf8).contains("constant term = 7.5"))
        }
        // Only the target is left behind: no temporary file.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
        #expect(left == ["\(model.name).lp"])
    }

    @Test(arguments: models.indices)
    func writtenMPSSolvesToTheSameOptimum(index: Int) throws {
        let model = Self.models[index]
        let scratch = try ScratchDirectory()
        let file = scratch.url.appendingPathComponent("\(model.name).mps")
        try solver.writeMPS(model, to: file.path)
        let ours = try solver.solve(model, options: SolverOptions(relativeGap: 0))
        // Free MPS has no objective sense (glpsol minimizes unless told); it does carry the
        // objective constant, as the objective row's right-hand side.
        let sense = model.sense == .maximize ? ["--max"] : ["--min"]
        let theirs = try Glpsol.objective(of: file, format: "--freemps", extra: sense)
        expectClose(ours.objective, theirs, tolerance: 1e-9)
    }

    @Test func rewritingReplacesTheFile() throws {
        let scratch = try ScratchDirectory()
        let file = scratch.url.appendingPathComponent("model.lp")
        try "old contents".write(to: file, atomically: true, encoding: .utf8)
        try solver.writeLP(Models.knapsack(), to: file.path)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("capacity"))
        #expect(!text.contains("old contents"))
    }

    @Test func unwritablePathThrowsSolverError() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.url.appendingPathComponent("missing/dir/model.lp").path
        #expect(throws: SolverError.self) { try solver.writeLP(Models.knapsack(), to: path) }
        #expect(throws: SolverError.self) { try solver.writeMPS(Models.knapsack(), to: path) }
        // The thread's GLPK still works.
        #expect(try solver.solve(Models.knapsack()).objective == 90)
    }
}
