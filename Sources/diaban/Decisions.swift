import ArgumentParser
import DiaBanCore
import Foundation
import Planning
import Reporting
import ScenarioIO

/// A leader's decisions on a scenario: read, checked against the scenario (exit 65 with
/// file, line and field on any problem, before anything is solved), and turned into the
/// scenario's edits.
struct DecidedScenario {
    /// The scenario as loaded, without the decisions (the objective both plans are measured by).
    let base: Scenario
    /// The scenario with the decisions as locked and forbidden pairs.
    let decided: Scenario
    let decisions: [Decision]
    let file: String

    init(base: Scenario, decisionsFile file: String) throws {
        do {
            let read = try DecisionsFile.read(path: file, roster: DecisionRoster.of(base))
            for w in read.warnings { printError("note: \(w.description)") }
            self.decisions = read.decisions
        } catch {
            printError(error.description)
            printError("Nothing was solved: correct the decisions file and run the command again.")
            throw ExitCode(ExitStatus.badData)
        }
        self.base = base
        self.decided = base.applying(decisions)
        self.file = file
    }

    /// The review of a plan of ``decided`` against the decisions.
    func review(_ outcome: PlanOutcome) -> DecisionReview {
        PlanContext(scenario: base).review(decisions, file: (file as NSString).lastPathComponent, plan: outcome.plan, proposal: outcome.proposal)
    }
}
