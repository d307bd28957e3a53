import DiaBanCore
import Foundation
import Planning

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

    /// The report of a scenario file as the reader left it: loaded, or with its problems.
    public init(file: String, reading: Result<LoadedScenario, ScenarioErrors>) {
        switch reading {
        case .success(let loaded): self.init(loaded)
        case .failure(let errors): self.init(file: file, problems: errors.errors)
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
}
