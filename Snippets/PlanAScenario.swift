// Plans the bundled Nghệ An scenario: read it, solve it, and list the first moves proposed.
import DiaBanCore
import Foundation
import GLPKSolver
import Planning
import ScenarioIO

let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let scenario = try ScenarioLoader.load(path: folder.appendingPathComponent("scenarios/nghe-an/baseline.yaml").path)

let planner = Planner(solver: GLPKSolver())
let outcome = try planner.plan(scenario, request: PlanRequest(scenario: scenario, timeLimit: 60))
print(outcome.status, outcome.objective.map { String(format: "%.2f", $0) } ?? "-")  // optimal 3083.24
print(outcome.proposal.moves.count, "moves")
for move in outcome.proposal.moves.prefix(3) {
    print(scenario.commune(move.commune)?.name ?? move.commune, move.from, "→", move.to)
}
