import ArgumentParser
import Foundation
import Planning
import ScenarioIO

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validates a scenario and prints a summary or every problem found.",
        discussion: """
            Reads the scenario file, the scenarios it starts from (base:) and every table they name, \
            and checks all of it. A valid scenario gets a summary (communes, mountain share, workload \
            against capacity, specialty supply against demand, the current assignment); otherwise every \
            problem is printed with its file, line and column or field, and what to do about it.

            Then it runs the quick feasibility checks (total capacity against workload, specialty \
            holders against the communes that need them, communes nobody may track, locks beyond \
            capacity) and names the culprits.

            Exit codes: 0 valid, 2 infeasible (no plan can satisfy the hard rules), 64 usage error, \
            65 bad data.
            """
    )

    @Argument(help: "The scenario YAML file.") var scenario: String

    @Flag(name: .shortAndLong, help: "Print nothing for a valid scenario; only problems.") var quiet = false

    func validate() throws {
        try requireScenarioFile(scenario)
    }

    func run() throws {
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.loadDetailed(path: scenario)
        } catch {
            print(Self.report(error))
            throw ExitCode(ExitStatus.badData)
        }
        if !quiet {
            print(ScenarioSummary(loaded).text)
            if !loaded.warnings.isEmpty {
                print("Notes (\(loaded.warnings.count); they do not stop a plan):")
                for w in loaded.warnings { print("  " + w.description.replacingOccurrences(of: "\n", with: "\n  ")) }
            }
        }

        // MARK: Pre-solve feasibility checks
        // The obvious reasons no plan can exist (MODEL.md), named before any solve.
        let findings = QuickChecks.run(PlanContext(scenario: loaded.scenario))
        for f in findings where f.severity == .error || !quiet {
            print("\(f.severity == .error ? "Infeasible" : "Note"): \(f.message)")
        }
        if findings.contains(where: { $0.severity == .error }) {
            print("No plan can satisfy the hard rules of this scenario (see above).")
            throw ExitCode(ExitStatus.infeasible)
        }
    }

    /// Every problem, then a count.
    static func report(_ errors: ScenarioErrors) -> String {
        var lines = errors.errors.map(\.description)
        lines.append("\(errors.count) problem\(errors.count == 1 ? "" : "s") found. Fix \(errors.count == 1 ? "it" : "them") and run diaban check again.")
        return lines.joined(separator: "\n")
    }
}
