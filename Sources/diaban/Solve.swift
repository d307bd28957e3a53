import ArgumentParser
import AssignmentEngine
import DiaBanCore
import DurableFiles
import Foundation
import GLPKSolver
import LinearModel
import Planning
import Reporting
import ScenarioIO

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solves a scenario and prints the plan, its KPIs and the reassignment proposal.",
        discussion: ExitStatus.table)

    @Argument(help: "The scenario YAML file.") var scenario: String
    @OptionGroup var solve: SolveOptions
    @Option(help: "Output format: text, json, csv, markdown or geojson.") var format: OutputFormat = .text
    @Flag(help: "With --format geojson: each commune as its approximate area (a Polygon drawn from its centre and its area, not a legal boundary) instead of a Point.") var areas = false
    @Option(help: "Also write plan.json, plan.csv, decisions.csv, report.md and report.txt into this folder.") var out: String?
    @Option(help: "Re-plan with a leader's decisions (decisions.csv of an earlier --out, marked accept, reject, keep or pending).") var decisions: String?
    @Option(name: .customLong("export-lp"), help: "Write the model as CPLEX LP to this file.") var exportLP: String?
    @Option(name: .customLong("export-mps"), help: "Write the model as free MPS to this file.") var exportMPS: String?

    func validate() throws {
        try solve.validate()
        if areas && format != .geojson { throw ValidationError("--areas shapes the GeoJSON output; use it with --format geojson.") }
        try requireScenarioFile(scenario)
        if let decisions, !FileManager.default.fileExists(atPath: decisions) {
            throw ValidationError("No decisions file at \(decisions). diaban solve SCENARIO --out DIR writes one (DIR/decisions.csv).")
        }
    }

    func run() throws {
        let started = Date()
        let loaded = try loadScenario(scenario)
        let inputs = loaded.inputFiles + [decisions].compactMap { $0 }
        try refuseOverwritingInputs(inputs)
        let decided = try decisions.map { try DecidedScenario(base: loaded.scenario, decisionsFile: $0) }
        let planned = decided?.decided ?? loaded.scenario
        let planner = Planner(solver: GLPKSolver())
        let request = solve.request(for: planned, spent: Date().timeIntervalSince(started))
        if exportLP != nil || exportMPS != nil {
            let model = PlanModel(context: PlanContext(scenario: planned)).model
            if let exportLP { try GLPKSolver().writeLP(model, to: exportLP) }
            if let exportMPS { try GLPKSolver().writeMPS(model, to: exportMPS) }
        }
        let interrupt = InterruptFlag.install()
        let progress = ProgressPrinter(quiet: solve.quiet, interrupt: interrupt)
        let outcome = try planner.plan(planned, request: request, progress: progress.callback)
        var report = SolveReport(outcome, scenario: planned)
        report.decisions = decided?.review(outcome)
        let rendered = try render(report, scenario: planned, format: format, areas: areas)
        FileHandle.standardOutput.write(Data(rendered.utf8))
        let code = ExitStatus.code(for: outcome, interrupted: interrupt.isSet)
        if let out {
            // Only a finished run replaces the files of an earlier one.
            if code == ExitStatus.solved {
                try writeOutputs(report, previous: decided?.decisions ?? [], to: out, protecting: inputs)
            } else {
                printError("diaban solve: nothing written to \(out) (status: \(report.status)); files of earlier runs are left as they were.")
            }
        }
        throw ExitCode(code)
    }

    /// Exits 64 before any work when an output path is one of the run's input files.
    func refuseOverwritingInputs(_ inputs: [String]) throws {
        func identity(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        let protected = Set(inputs.map(identity))
        var targets: [(option: String, path: String)] = [exportLP.map { ("--export-lp", $0) }, exportMPS.map { ("--export-mps", $0) }].compactMap { $0 }
        if let out {
            targets += Self.outputFiles.map { ("--out", URL(fileURLWithPath: out).appendingPathComponent($0).path) }
        }
        for t in targets where protected.contains(identity(t.path)) {
            printError("diaban solve: refusing to write \(t.path) (\(t.option)): it is one of this run's input files. Choose another path.")
            throw ExitCode(ExitStatus.usage)
        }
    }

    static let outputFiles = ["plan.json", "plan.csv", "decisions.csv", "report.md", "report.txt"]

    func writeOutputs(_ report: SolveReport, previous: [Decision], to folder: String, protecting inputs: [String]) throws {
        let files: [(String, String)] = [
            ("plan.json", String(decoding: try report.jsonData(), as: UTF8.self) + "\n"),
            ("plan.csv", report.csv()),
            ("decisions.csv", report.decisionsCSV(previous: previous)),
            ("report.md", report.markdown()),
            ("report.txt", report.text()),
        ]
        for (name, text) in files {
            do {
                try AtomicFile.write(text, to: URL(fileURLWithPath: folder).appendingPathComponent(name).path, protecting: inputs)
            } catch {
                printError("diaban solve: \(error.message)")
                throw ExitCode(error.code == .protectedInput ? ExitStatus.usage : ExitStatus.internalFailure)
            }
        }
    }
}

/// Renders a report in one of the output formats.
func render(_ report: SolveReport, scenario: Scenario, format: OutputFormat, areas: Bool = false) throws -> String {
    switch format {
    case .text: return report.text()
    case .json: return String(decoding: try report.jsonData(), as: UTF8.self) + "\n"
    case .csv: return report.csv()
    case .markdown: return report.markdown()
    case .geojson: return String(decoding: try GeoJSON.featureCollection(report, scenario: scenario, areas: areas), as: UTF8.self) + "\n"
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension PlanRequest.Engine: ExpressibleByArgument {}

/// Options every solving command shares.
struct SolveOptions: ParsableArguments {
    @Option(name: .customLong("time-limit"), help: "Seconds for the whole solve (default: the scenario's, else 60).") var timeLimit: Double?
    @Option(help: "Relative gap at which a plan is good enough, e.g. 0.01 (default: the scenario's).") var gap: Double?
    @Flag(name: .customLong("no-warm-start"), help: "Do not hand the heuristic's plan to GLPK as a first incumbent.") var noWarmStart = false
    @Flag(name: .customLong("reduced-cost-fixing"), help: "Remove pairs the LP relaxation proves useless before the search (off: measured slower with GLPK on the Nghệ An baseline).") var reducedCostFixing = false
    @Flag(name: .shortAndLong, help: "No progress lines on stderr.") var quiet = false
    @Flag(name: .shortAndLong, help: "GLPK's own log on stderr.") var verbose = false
    @Option(name: .customLong("glpk"), help: ArgumentHelp(
        "A GLPK search option as key=value (repeatable): presolve, gomory, mir, cover, clique, fpump, proxy = on|off; branching = ffv|lfv|mfv|dth|pch; backtracking = dfs|bfs|blb|bph.",
        valueName: "key=value")) var glpk: [String] = []
    @Option(help: ArgumentHelp(
        "decomposition: column generation, price-and-branch, fixing and branch-and-price, with GLPK for every LP and integer master (the default); compact: GLPK's branch-and-cut on the compact model alone.",
        valueName: "engine")) var engine: PlanRequest.Engine = .decomposition
    @Flag(name: .customLong("exact-covers"), help: "With --engine compact: add exactly separated knapsack covers on the capacity rows through GLPK's cut callback.")
    var exactCovers = false
    @Option(name: .customLong("engine-setting"), help: ArgumentHelp(
        "A decomposition-engine setting as key=value (repeatable): smoothing = 0…0.99, alternatives = 0…50, dual-start = on|off, master-share = 0…1, branching = on|off, local-search = on|off, pseudo-costs = on|off, race = on|off, unmet-floor = on|off.",
        valueName: "key=value")) var engineSettings: [String] = []

    func validate() throws {
        if let t = timeLimit, !(t > 0 && t.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if let g = gap, !(g >= 0 && g < 1) { throw ValidationError("--gap must be at least 0 and below 1") }
        var options = SolverOptions()
        for setting in glpk { try Self.apply(setting, to: &options) }
        var engineOptions = EngineOptions()
        for setting in engineSettings { try Self.apply(setting, to: &engineOptions) }
    }

    /// Applies one `key=value` engine setting.
    static func apply(_ setting: String, to options: inout EngineOptions) throws {
        do { try options.apply(setting: setting) } catch { throw ValidationError("--engine-setting: \(error.description)") }
    }

    /// Applies one `key=value` GLPK setting.
    static func apply(_ setting: String, to options: inout SolverOptions) throws {
        do { try options.apply(setting: setting) } catch { throw ValidationError("--glpk: \(error.description)") }
    }

    /// The request for a scenario; `spent` seconds (reading the scenario) already count
    /// against the time limit, which is a promise for the whole command.
    func request(for scenario: Scenario, spent: Double = 0) -> PlanRequest {
        var options = SolverOptions()
        for setting in glpk { try? Self.apply(setting, to: &options) }
        options.verbosity = verbose ? .normal : .off
        var request = PlanRequest(scenario: scenario, timeLimit: timeLimit, gap: gap, warmStart: !noWarmStart, solverOptions: options)
        request.timeLimit = request.timeLimit.map { max(0.1, $0 - spent) }
        request.reducedCostFixing = reducedCostFixing
        request.engine = engine
        request.exactCovers = exactCovers
        for setting in engineSettings { try? Self.apply(setting, to: &request.engineOptions) }
        return request
    }
}

extension ExitStatus {
    static func code(for outcome: PlanOutcome, interrupted: Bool) -> Int32 {
        if interrupted || outcome.status == .interrupted { return Self.interrupted }
        switch outcome.status {
        case .optimal, .feasible: return solved
        case .infeasible: return infeasible
        case .noSolution: return noSolutionInTime
        case .interrupted: return Self.interrupted
        case .failed: return internalFailure
        }
    }
}
