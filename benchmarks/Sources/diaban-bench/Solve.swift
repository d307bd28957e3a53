import ArgumentParser
import AssignmentEngine
import BenchKit
import Foundation
import LinearModel
import Planning

struct SolveOnce: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solves one scenario end to end once and prints (or writes) its measurements as JSON.",
        discussion: """
            What `run` starts once per ladder run and per engine piece, in a process of its own. Uses DiaBan's \
            default GLPK options, and the engine and engine settings given (as diaban solve --engine and \
            --engine-setting).
            """)

    @Argument(help: "The scenario YAML file.") var scenario: String
    @Option(name: .customLong("time-limit"), help: "Seconds for the whole solve.") var timeLimit: Double = 60
    @Option(help: "The relative gap asked for (default: the scenario's).") var gap: Double?
    @Option(help: "decomposition (the default) or compact (GLPK's branch-and-cut alone).") var engine: String = "decomposition"
    @Option(name: .customLong("engine-setting"), help: "An engine setting as key=value (repeatable), as diaban solve --engine-setting.")
    var engineSettings: [String] = []
    @Option(help: "Write the JSON here instead of stdout.") var json: String?
    @Option(name: .customLong("export-mps"), help: "Only write the model as free MPS to this file; do not solve.") var exportMPS: String?

    func validate() throws {
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive") }
        if let gap, !(gap >= 0 && gap < 1) { throw ValidationError("--gap must be a fraction, e.g. 0.01") }
        guard PlanRequest.Engine(rawValue: engine) != nil else { throw ValidationError("--engine takes decomposition or compact; got '\(engine)'") }
        var options = EngineOptions()
        do { try LadderRun.applyEngineSettings(engineSettings, to: &options) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        do {
            if let exportMPS {
                let model = try LadderRun.exportMPS(path: scenario, to: exportMPS)
                print("wrote \(exportMPS): \(model.variables.count) columns, \(model.constraints.count) rows")
                return
            }
            let run = try LadderRun.measure(
                path: scenario, timeLimit: timeLimit, gap: gap, engine: PlanRequest.Engine(rawValue: engine)!, engineSettings: engineSettings)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(run)
            if let json { try writeAtomically(data, to: json) } else { print(String(decoding: data, as: UTF8.self)) }
        } catch let error as BenchError {
            printErr(error.description)
            throw ExitCode(ExitStatus.failure)
        }
    }
}

struct GAP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gap",
        abstract: "Solves a GAP set with DiaBan's engine or GLPK's branch-and-cut and checks every value against optima.csv.",
        discussion: """
            One instance at a time, on one thread. --solver engine (the default): the decomposition engine with its \
            own defaults; --solver compact: GLPK's branch-and-cut on the compact model with the --glpk options. \
            Prints one line per instance; a WRONG line is a bug (a claimed optimum different from the published \
            one, a bound that cuts off a published value) and makes the exit code 2. Use it to try GLPK options: \
            --solver compact --glpk mir=on,cover=off,branching=pch.
            """)

    @Option(help: "orlib (gap1–gap12, max) or chu-beasley (types A–D, min).") var set: String = "orlib"
    @Option(help: "engine (DiaBan's decomposition engine) or compact (GLPK's branch-and-cut on the compact model).")
    var solver: String = "engine"
    @Option(name: .customLong("time-limit"), help: "Seconds per instance.") var timeLimit: Double = 60
    @Option(help: "GLPK options, key=value,... (as diaban solve --glpk; default: the set's best).") var glpk: String?
    @Option(name: .customLong("engine-setting"), help: "With --solver engine: an engine setting as key=value (repeatable), as diaban solve --engine-setting.")
    var engineSettings: [String] = []
    @Option(help: "Only these instances, comma-separated (e.g. gap12-1,gap12-5).") var only: String?
    @Option(help: "Write the set's results as JSON here.") var json: String?
    @Flag(help: "No line per instance.") var quiet = false

    func validate() throws {
        guard GAPSet(rawValue: set) != nil else { throw ValidationError("--set takes orlib or chu-beasley; got '\(set)'") }
        guard GAPRunner.Solver(rawValue: solver) != nil else { throw ValidationError("--solver takes engine or compact; got '\(solver)'") }
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive") }
    }

    func run() throws {
        let paths = try BenchPaths.locate()
        let result: GAPSetResult
        do {
            result = try GAPRunner.solve(
                GAPSet(rawValue: set)!, dataFolder: paths.gapData, timeLimit: timeLimit, solver: GAPRunner.Solver(rawValue: solver)!,
                options: glpk ?? GAPSet(rawValue: set)!.bestOptions, engineSettings: engineSettings,
                only: only.map { Set($0.split(separator: ",").map(String.init)) }
            ) { r in
                guard !quiet || r.verdict == .wrong else { return }
                let value = r.objective.map { GAPInstanceResult.format($0) } ?? "–"
                let published = r.published.map { GAPInstanceResult.format($0) } ?? "?"
                let line = "\(r.instance.padding(toLength: 8, withPad: " ", startingAt: 0)) \(r.status.padding(toLength: 11, withPad: " ", startingAt: 0)) \(value.padding(toLength: 7, withPad: " ", startingAt: 0)) published \(published.padding(toLength: 7, withPad: " ", startingAt: 0)) \(String(format: "%7.2f s", r.seconds))  \(r.verdict == .wrong ? "WRONG: " + (r.note ?? "") : r.verdict.rawValue)"
                if r.verdict == .wrong { printErr(line) } else { print(line) }
            }
        } catch {
            printErr("\(error)")
            throw ExitCode(ExitStatus.failure)
        }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try writeAtomically(try encoder.encode(result), to: json)
        }
        do {
            print("\(set), \(result.solver): \(result.provenOptimal)/\(result.count) proven optimal, \(result.wrong) wrong, total \(String(format: "%.2f", result.totalSeconds)) s (\(result.options))")
        }
        if result.wrong > 0 { throw ExitCode(ExitStatus.flagged) }
    }
}
