import DiaBanCore
import Foundation
import GLPKSolver
import LinearModel
import Planning
import Testing

@Suite struct ModelCheckTests {
    /// Runs `glpsol` on a file and returns the objective it prints.
    func glpsolObjective(_ args: [String]) throws -> Double? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["glpsol"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains("INTEGER OPTIMAL SOLUTION FOUND") else { return nil }
        // "+   123: mip =   1.234567890e+03 >= ..." — take the value on the last "mip =" line.
        let lines = text.split(separator: "\n").filter { $0.contains("mip =") }
        guard let last = lines.last, let range = last.range(of: "mip =") else { return nil }
        return Double(last[range.upperBound...].split(separator: " ").first ?? "")
    }

    /// The planning model, written by GLPK as CPLEX LP and as free MPS and re-solved by glpsol,
    /// has the optimum the planner reports.
    @Test(arguments: [UInt64(11), 12, 13])
    func exportedModelResolvesToTheSameOptimum(seed: UInt64) throws {
        var scenario = smallScenario(officers: 3, communes: 7, seed: seed, variant: Int(seed % 3))
        // Feasible by construction: room for everything, every pair allowed.
        scenario.officers = scenario.officers.map { var o = $0; o.capacity = 100; o.homeCommune = nil; return o }
        scenario.locked = []
        scenario.forbidden = []
        let outcome = try Planner(solver: GLPKSolver()).plan(scenario, request: PlanRequest(scenario: scenario, timeLimit: 30))
        try #require(outcome.status == .optimal)
        let model = PlanModel(context: PlanContext(scenario: scenario)).model
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("diaban-export-\(seed)-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let lp = dir.appendingPathComponent("plan.lp").path, mps = dir.appendingPathComponent("plan.mps").path
        try GLPKSolver().writeLP(model, to: lp)
        try GLPKSolver().writeMPS(model, to: mps)
        let fromLP = try #require(try glpsolObjective(["--lp", lp]))
        let fromMPS = try #require(try glpsolObjective(["--freemps", mps]))
        let constant = model.objectiveConstant  // LP files keep it only as a comment
        #expect(abs(fromLP + constant - outcome.objective!) < 1e-6 * max(1, abs(fromLP)))
        #expect(abs(fromMPS - outcome.objective!) < 1e-6 * max(1, abs(fromMPS)))
    }

    /// With no changes allowed, the plan is the current assignment whenever that is valid.
    @Test(arguments: [UInt64(21), 22, 23, 24, 25, 26])
    func maxChangesZeroKeepsTheCurrentPlan(seed: UInt64) throws {
        var scenario = smallScenario(officers: 3, communes: 5, seed: seed)
        scenario.rules.maxChanges = 0
        scenario.locked = []
        scenario.forbidden = []
        scenario.officers = scenario.officers.map { var o = $0; o.homeCommune = nil; o.capacity = 100; return o }
        let outcome = try Planner(solver: GLPKSolver()).plan(scenario, request: PlanRequest(scenario: scenario, timeLimit: 30))
        #expect(outcome.status == .optimal)
        #expect(outcome.plan == scenario.current)
        #expect(outcome.proposal.moves.isEmpty)
    }

    /// Locked pairs stay; forbidden and home-commune pairs never appear.
    @Test func locksForbiddenAndHomeCommunes() throws {
        var scenario = smallScenario(officers: 3, communes: 6, seed: 99)
        scenario.officers = scenario.officers.map { var o = $0; o.capacity = 100; o.homeCommune = nil; return o }
        let codes = scenario.communes.map(\.code)
        scenario.officers[0].homeCommune = codes[0]
        scenario.locked = [Pair(officer: "O2", commune: codes[1])]
        scenario.forbidden = codes.map { Pair(officer: "O3", commune: $0) }.filter { $0.commune != codes[2] }
        let outcome = try Planner(solver: GLPKSolver()).plan(scenario, request: PlanRequest(scenario: scenario, timeLimit: 30))
        let plan = try #require(outcome.plan)
        #expect(plan.contains(Pair(officer: "O2", commune: codes[1])))
        #expect(!plan.contains(Pair(officer: "O1", commune: codes[0])))
        for pair in scenario.forbidden { #expect(!plan.contains(pair)) }
        #expect(outcome.planViolations.isEmpty)
    }
}
