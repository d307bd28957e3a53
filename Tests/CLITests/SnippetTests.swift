import DiaBanTestSupport
import Foundation
import Testing

/// The documentation's examples (Snippets/, shown in the DocC catalogs) are built with the
/// package; here each one runs and prints what its article says, against independent values.
@Suite("The documentation's examples run and print what they say")
struct SnippetTests {
    func run(_ name: String) throws -> [String] {
        let executable = try #require(BuiltBinary.sibling(name), "the snippet \(name) is not built beside diaban")
        let r = try BuiltBinary.run([], in: BuiltBinary.packageRoot, timeout: 120, executable: executable)
        #expect(r.status == 0 && r.crashWordsFound.isEmpty, "\(r)")
        return r.stdout.split(separator: "\n").map(String.init)
    }

    @Test("LinearModel: the knapsack's optimum is 90, items b and d (by hand: b+d weigh 7 and are worth 90; no other fit is worth more)")
    func solveAModel() throws {
        #expect(try run("SolveAModel") == ["optimal 90.0", #"["b", "d"]"#])
    }

    @Test("AssignmentEngine: gap1-1 proven at OR-Library's published optimum, 336")
    func engineOnGAP() throws {
        #expect(try run("EngineOnGAP") == ["gap1-1 optimal 336.0"])
    }

    @Test("Planning: the bundled scenario proven at 3,083.24 points (CBC and HiGHS agree on the exported model)")
    func planAScenario() throws {
        let lines = try run("PlanAScenario")
        #expect(lines.first == "optimal 3083.24")
        #expect(lines.count == 5 && lines[1].hasSuffix(" moves"))
    }

    @Test("ScenarioIO: the retirement what-if has 43 of the baseline's 44 officers and one change")
    func readAScenario() throws {
        #expect(try run("ReadAScenario") == ["Nghệ An, CB42 retires — 130 communes, 43 officers", #"["removeOfficer"]"#])
    }

    @Test("Register: one commune changes officer; the other 129 pairs continue")
    func adoptADecision() throws {
        let lines = try run("AdoptADecision")
        #expect(lines.first == "1 ended, 1 began, 129 continue")
        #expect(lines.count == 2 && lines[1].contains("2025-07-01–2026-01-01") && lines[1].contains("2026-01-01–\""))
    }
}
