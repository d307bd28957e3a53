import DiaBanCore
import Foundation
import Planning
import ScenarioIO

/// What `diaban check` says about a scenario file: the summary, the notes and the quick
/// feasibility checks of a valid scenario, or every problem of an invalid one. The command
/// line prints ``text(quiet:)``; the workspace shows the same text and the same parts, so a
/// scenario is judged by one code path wherever it is checked.
public struct CheckReport: Sendable {
    public enum Verdict: String, Sendable, Codable {
        /// The scenario is valid and the quick checks find no reason it cannot be planned.
        case valid
        /// The scenario is valid, but no plan can satisfy its hard rules.
        case infeasible
        /// The files have problems (each with file, line and field).
        case badData = "bad-data"
    }

    /// The scenario file as given.
    public var file: String
    public var verdict: Verdict
    /// The scenario as loaded (nil when it has problems).
    public var loaded: LoadedScenario?
    /// The numbers of a valid scenario.
    public var summary: ScenarioSummary?
    /// Things worth knowing that do not stop a plan.
    public var notes: [ScenarioError]
    /// The quick feasibility checks of a valid scenario.
    public var findings: [Finding]
    /// Every problem of an invalid scenario, sorted by file and line.
    public var problems: [ScenarioError]

    /// Reads and checks the scenario at `path`, as `diaban check PATH` does.
    public init(path: String) {
        do {
            self.init(try ScenarioLoader.loadDetailed(path: path))
        } catch {
            self.init(file: path, problems: error.errors)
        }
    }

    /// The report of a scenario whose files have problems.
    public init(file: String, problems: [ScenarioError]) {
        self.file = file
        verdict = .badData
        loaded = nil
        summary = nil
        notes = []
        findings = []
        self.problems = problems
    }

    /// The checks of a scenario that loaded.
    public init(_ loaded: LoadedScenario) {
        file = loaded.file
        self.loaded = loaded
        summary = ScenarioSummary(loaded)
        notes = loaded.warnings
        findings = QuickChecks.run(PlanContext(scenario: loaded.scenario))
        problems = []
        verdict = findings.contains { $0.severity == .error } ? .infeasible : .valid
    }

    /// The text `diaban check` prints (without its last line break). `quiet` leaves out the
    /// summary, the notes and the findings that are not errors.
    public func text(quiet: Bool = false) -> String {
        if verdict == .badData { return Self.problemsText(problems) }
        var lines: [String] = []
        if !quiet, let summary {
            lines.append(summary.text)
            if !notes.isEmpty {
                lines.append("Notes (\(notes.count); they do not stop a plan):")
                for n in notes { lines.append("  " + n.description.replacingOccurrences(of: "\n", with: "\n  ")) }
            }
        }
        for f in findings where f.severity == .error || !quiet {
            lines.append("\(f.severity == .error ? "Infeasible" : "Note"): \(f.message)")
        }
        if verdict == .infeasible { lines.append("No plan can satisfy the hard rules of this scenario (see above).") }
        return lines.joined(separator: "\n")
    }

    /// Every problem, then a count.
    public static func problemsText(_ problems: [ScenarioError]) -> String {
        var lines = problems.map(\.description)
        lines.append("\(problems.count) problem\(problems.count == 1 ? "" : "s") found. Fix \(problems.count == 1 ? "it" : "them") and run diaban check again.")
        return lines.joined(separator: "\n")
    }
}
