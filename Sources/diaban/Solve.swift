import ArgumentParser

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Solves a scenario and prints the plan, its KPIs and the reassignment proposal.")
    @Argument(help: "The scenario YAML file.") var scenario: String
    func run() throws { throw ExitCode(ExitStatus.internalFailure) }
}
