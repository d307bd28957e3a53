// The decomposition engine on a public generalized-assignment instance: OR-Library gap1-1
// (5 agents, 15 jobs, maximise), whose published optimum is 336.
import AssignmentEngine
import Foundation
import GAPLibrary
import GLPKSolver

let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let text = try String(contentsOf: folder.appendingPathComponent("benchmarks/data/gap/orlib/gap1.txt"), encoding: .utf8)
let instance = try GAPInstance.parseFile(text, stem: "gap1")[0]

let engine = DecompositionEngine(solver: GLPKSolver(), lpSolver: GLPKSolver())
let result = try engine.solve(
    instance.assignmentProblem(sense: .maximize), compact: instance.compactModel(sense: .maximize),
    incumbent: nil, options: EngineOptions(timeLimit: 60))
// The engine minimises; the instance's own value comes back through the sense.
let value = result.objective.map { GAPInstance.objective(ofEngineValue: $0, sense: .maximize) }
print(instance.name, result.primal, value ?? .nan)  // gap1-1 optimal 336.0
