import DiaBanCore
import ArgumentParser
import Foundation
import Reporting
import ScenarioIO
import Register

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
    @Option(help: "Language of the summary and of the words around the problems: en (default) or vi. Each problem keeps its own sentence.") var lang: ReportLanguage = .en

    func validate() throws {
        try requireScenarioFile(scenario)
    }

    func run() throws {
        let check = CheckReport(file: scenario, reading: ScenarioLoader.reading(path: scenario, current: RegisterCurrentSource()))
        let text = check.text(quiet: quiet, lang: lang)
        if !text.isEmpty { print(text) }
        switch check.verdict {
        case .valid: return
        case .infeasible: throw ExitCode(ExitStatus.infeasible)
        case .badData: throw ExitCode(ExitStatus.badData)
        }
    }

    /// Every problem, then a count.
    static func report(_ errors: ScenarioErrors) -> String { CheckReport.problemsText(errors.errors) }
}
