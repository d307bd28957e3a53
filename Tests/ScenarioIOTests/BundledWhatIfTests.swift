import DiaBanCore
import Foundation
import Testing
@testable import ScenarioIO

@Suite("The bundled Nghệ An what-ifs")
struct BundledWhatIfTests {
    static let folder = packageRoot + "/scenarios/nghe-an/"
    static let files = [
        "what-if-retire.yaml", "what-if-leave.yaml", "what-if-merger-workload.yaml", "what-if-digital.yaml",
        "what-if-strict-balance.yaml", "what-if-ten-moves.yaml", "what-if-train-border.yaml", "what-if-priorities.yaml",
    ]

    static func load(_ file: String) throws -> (base: Scenario, whatIf: LoadedScenario) {
        (try ScenarioLoader.load(path: folder + "baseline.yaml"), try ScenarioLoader.loadDetailed(path: folder + file))
    }

    @Test("Each loads, starts from the baseline and says in one line what it changes", arguments: files)
    func loads(file: String) throws {
        let (_, l) = try Self.load(file)
        #expect(l.file.hasSuffix(file))
        #expect(!l.scenario.description.isEmpty && !l.scenario.description.contains("\n"))
        #expect(l.scenario.name.hasPrefix("Nghệ An, "))
        let text = try String(contentsOfFile: Self.folder + file, encoding: .utf8)
        #expect(text.hasPrefix("# What if"), "the first line is a comment saying what the file asks")
        #expect(text.contains("\nbase: baseline.yaml\n"))
    }

    @Test func retire() throws {
        let (base, l) = try Self.load("what-if-retire.yaml")
        #expect(l.scenario.officers.count == base.officers.count - 1)
        #expect(l.scenario.officer("CB42") == nil)
        #expect(!l.scenario.current.pairs.contains { $0.officer == "CB42" })
    }

    @Test func leave() throws {
        let (_, l) = try Self.load("what-if-leave.yaml")
        #expect(l.scenario.officers.filter { !$0.isActive }.map(\.id) == ["CB06", "CB25"])
        #expect(l.scenario.rules.maxChanges == 15)
    }

    @Test func mergerWorkload() throws {
        let (base, l) = try Self.load("what-if-merger-workload.yaml")
        let before = Dictionary(uniqueKeysWithValues: base.communes.map { ($0.code, $0.workload) })
        let grown = l.scenario.communes.filter { $0.workload != before[$0.code] }
        #expect(grown.count == 12)
        for c in grown { #expect(abs(c.workload - (before[c.code]! * 1.3 * 100).rounded() / 100) < 1e-9) }
    }

    @Test func digital() throws {
        let (_, l) = try Self.load("what-if-digital.yaml")
        let needing = l.scenario.communes.filter { $0.requiredSpecialties.contains("digital-transformation") }
        #expect(needing.count == 26)
        #expect(needing.filter { $0.kind == .phuong }.count == 11)
        // Supply: the holders' capacity is above the demand, but few of them also hold urban-management.
        let holders = l.scenario.officers.filter { $0.holds("digital-transformation") }
        #expect(holders.reduce(0) { $0 + $1.capacity } > needing.reduce(0) { $0 + $1.workload })
        #expect(holders.filter { $0.holds("urban-management") }.count == 3)
    }

    @Test func strictBalanceTenMovesPriorities() throws {
        let strict = try Self.load("what-if-strict-balance.yaml").whatIf.scenario
        #expect(strict.rules.balanceTolerance == 0.05)
        #expect(strict.weights.mountainMaxDeviation == 10)
        #expect(strict.weights.mountainBalance == Weights().mountainBalance)
        #expect(try Self.load("what-if-ten-moves.yaml").whatIf.scenario.rules.maxChanges == 10)
        let ranked = try Self.load("what-if-priorities.yaml").whatIf.scenario
        #expect(ranked.priorities == [.coverage, .mountainBalance, .workloadBalance, .travel, .changes])
    }

    @Test func trainBorder() throws {
        let (base, l) = try Self.load("what-if-train-border.yaml")
        let trained = l.scenario.officers.filter { $0.holds("border-security") && !(base.officer($0.id)?.holds("border-security") ?? true) }
        #expect(trained.map(\.id) == ["CB02", "CB11", "CB24", "CB37"])
        #expect(trained.allSatisfy { $0.holds("ethnic-affairs") })
    }
}
