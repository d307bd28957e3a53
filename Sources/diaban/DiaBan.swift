import ArgumentParser

@main
struct DiaBan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diaban",
        abstract: "Plans which area-tracking officer follows which commune, as an integer program solved with GLPK.",
        discussion: ExitStatus.table,
        version: "0.1.0",
        subcommands: [Check.self, Solve.self, Report.self, Compare.self, Tradeoff.self, Advise.self, Generate.self, RegisterCommand.self, Workplan.self, Serve.self]
    )
}
