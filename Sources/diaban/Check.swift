import ArgumentParser

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validates a scenario and prints a summary or every problem found.")
    @Argument(help: "The scenario YAML file.") var scenario: String
    func run() throws { throw ExitCode(ExitStatus.internalFailure) }
}
