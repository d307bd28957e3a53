import ArgumentParser

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Writes a synthetic scenario of any size, deterministic by seed.")
    func run() throws { throw ExitCode(ExitStatus.internalFailure) }
}
