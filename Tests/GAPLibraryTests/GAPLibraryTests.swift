import Foundation
import AssignmentEngine
import GAPLibrary
import GLPKSolver
import LinearModel
import Testing

/// The bundled OR-Library instances, solved through the same binding and options as DiaBan's
/// model, must give the published optima (OR-Library gapinfo, maximisation).
@Suite struct GAPLibraryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("benchmarks/data/gap")

    static func instances(_ file: String) throws -> [GAPInstance] {
        let text = try String(contentsOf: root.appendingPathComponent("orlib/\(file).txt"), encoding: .utf8)
        return try GAPInstance.parseFile(text, stem: file)
    }

    static func optima() throws -> [PublishedOptimum] {
        PublishedOptimum.parseTable(try String(contentsOf: root.appendingPathComponent("optima.csv"), encoding: .utf8))
    }

    @Test func parsesOrLibraryFiles() throws {
        let gap1 = try Self.instances("gap1")
        #expect(gap1.count == 5)
        #expect(gap1[0].agents == 5 && gap1[0].jobs == 15)
        #expect(gap1[0].cost[0].prefix(3) == [17, 21, 22])
        #expect(gap1[0].capacity == [36, 34, 38, 27, 33])
        let gap12 = try Self.instances("gap12")
        #expect(gap12.map(\.name) == ["gap12-1", "gap12-2", "gap12-3", "gap12-4", "gap12-5"])
        #expect(gap12[4].agents == 10 && gap12[4].jobs == 60)
    }

    @Test func parsesSingleInstanceFiles() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("chu1997/a05100"), encoding: .utf8)
        let parsed = try GAPInstance.parseFile(text, stem: "a05100")
        #expect(parsed.count == 1 && parsed[0].agents == 5 && parsed[0].jobs == 100)
    }

    @Test func rejectsGarbage() {
        #expect(throws: GAPInstance.ParseError.self) { try GAPInstance.parseFile("2 3 x", stem: "bad") }
        #expect(throws: GAPInstance.ParseError.self) { try GAPInstance.parseFile("3\n5 15 1 2", stem: "short") }
    }

    /// gap1 … gap4 (20 instances, 5 agents): every proven optimum matches the published value.
    @Test(arguments: ["gap1", "gap2", "gap3", "gap4"])
    func publishedOptimaMaximisation(file: String) throws {
        let optima = try Self.optima().filter { $0.sense == .maximize }
        for instance in try Self.instances(file) {
            let published = try #require(optima.first { $0.instance == instance.name })
            let result = try GLPKSolver().solve(instance.model(sense: .maximize), options: SolverOptions(timeLimit: 60))
            #expect(result.termination == .optimal, "\(instance.name): \(result.termination)")
            #expect(result.objective.map { abs($0 - published.value) < 1e-6 } == true,
                    "\(instance.name): GLPK \(result.objective ?? .nan), published \(published.value)")
        }
    }

    @Test func publishedOptimumMinimisation() throws {
        let optima = try Self.optima().filter { $0.sense == .minimize }
        let instance = try Self.instances("gap5")[0]
        let published = try #require(optima.first { $0.instance == instance.name })
        let result = try GLPKSolver().solve(instance.model(sense: .minimize), options: SolverOptions(timeLimit: 60))
        #expect(result.termination == .optimal)
        #expect(result.objective.map { abs($0 - published.value) < 1e-6 } == true)
    }

    /// The decomposition engine on gap1 … gap12 (60 instances, both senses where published):
    /// every instance proven optimal at the published value, every bound below it.
    @Test(arguments: (1...12).map { "gap\($0)" })
    func engineProvesThePublishedOptima(file: String) throws {
        let optima = try Self.optima()
        let engine = DecompositionEngine(solver: GLPKSolver(), lpSolver: GLPKSolver())
        for instance in try Self.instances(file) {
            for published in optima where published.instance == instance.name && published.provenOptimal {
                let result = try engine.solve(
                    instance.assignmentProblem(sense: published.sense), compact: instance.compactModel(sense: published.sense),
                    incumbent: nil, options: EngineOptions(timeLimit: 60, threads: 2))
                #expect(result.primal == .optimal, "\(instance.name) (\(published.sense)): \(result.termination)")
                let value = result.objective.map { GAPInstance.objective(ofEngineValue: $0, sense: published.sense) }
                #expect(value.map { abs($0 - published.value) < 1e-6 } == true,
                        "\(instance.name) (\(published.sense)): engine \(value ?? .nan), published \(published.value)")
                // The plan is a real assignment of that value, recomputed from the instance.
                let plan = try #require(result.plan)
                let problem = instance.assignmentProblem(sense: published.sense)
                #expect(Set(plan.map { problem.pairs[$0].item }).count == instance.jobs && plan.count == instance.jobs)
                let recomputed = plan.reduce(0.0) { $0 + instance.cost[problem.pairs[$1].agent][problem.pairs[$1].item] }
                #expect(abs(recomputed - published.value) < 1e-6)
                for i in 0..<instance.agents {
                    let load = plan.filter { problem.pairs[$0].agent == i }.reduce(0.0) { $0 + instance.resource[i][problem.pairs[$1].item] }
                    #expect(load <= instance.capacity[i] + 1e-9)
                }
            }
        }
    }

    /// With GLPK's own search raced on the compact model: whichever proves first, the same
    /// published optimum, and a plan read back from the compact columns when GLPK wins.
    @Test(arguments: ["gap1", "gap4", "gap8"])
    func racedEngineProvesThePublishedOptima(file: String) throws {
        let optima = try Self.optima().filter { $0.sense == .maximize }
        var glpk = SolverOptions()
        try glpk.apply(setting: "presolve=off")
        try glpk.apply(setting: "branching=mfv")
        let engine = DecompositionEngine(solver: GLPKSolver(), lpSolver: GLPKSolver())
        for instance in try Self.instances(file) {
            let published = try #require(optima.first { $0.instance == instance.name })
            let result = try engine.solve(
                instance.assignmentProblem(sense: .maximize), compact: instance.compactModel(sense: .maximize), incumbent: nil,
                options: EngineOptions(timeLimit: 60, threads: 2, solverOptions: glpk, raceCompact: true))
            #expect(result.primal == .optimal, "\(instance.name): \(result.termination)")
            let plan = try #require(result.plan)
            let problem = instance.assignmentProblem(sense: .maximize)
            let value = plan.reduce(0.0) { $0 + instance.cost[problem.pairs[$1].agent][problem.pairs[$1].item] }
            #expect(abs(value - published.value) < 1e-6, "\(instance.name): plan worth \(value), published \(published.value)")
            #expect(plan.count == instance.jobs && Set(plan.map { problem.pairs[$0].item }).count == instance.jobs)
        }
    }
}
