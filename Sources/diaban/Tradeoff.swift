import ArgumentParser
import DiaBanCore
import DurableFiles
import Foundation
import GLPKSolver
import LinearModel
import Planning
import Reporting
import ScenarioIO

struct Tradeoff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sweeps the number of changes allowed (or the continuity weight) and prints what each extra move buys.",
        discussion: """
            Solves the scenario once per value: with --max-changes, --from/--to/--step (the default is \
            --from 0 --to 40 --step 4), each point allows at most that many new officer–commune pairs; \
            with --continuity-weights, each point sets the points per new pair. For each point it prints \
            the moves of the plan and its coverage, balance and travel points: the Pareto curve. Every \
            point is the optimum of its own problem, or shows its gap when the time limit ended the \
            search. Points are solved in increasing order, each starting from the previous point's plan, \
            so allowing more moves never gives a worse objective. --time-limit applies to each point.

            Exit codes: 0 every point solved or proven infeasible, and at least one has a plan; 2 no point \
            has a plan; 3 some point found no solution within the time limit; 1 solver failure; 130 \
            interrupted (the points solved so far are printed); 64 usage error; 65 bad data.
            """)

    @Argument(help: "The scenario YAML file.") var scenario: String
    @Option(name: .customLong("max-changes"), help: ArgumentHelp("Values of the most new pairs allowed, e.g. 0,2,4,8.", valueName: "n,n,...")) var maxChanges: String?
    @Option(help: "First value of a range of maximum changes.") var from: Int?
    @Option(help: "Last value of a range of maximum changes.") var to: Int?
    @Option(help: "Step of a range of maximum changes (default: a tenth of the range, at least 1).") var step: Int?
    @Option(name: .customLong("continuity-weights"), help: ArgumentHelp("Points per new pair to sweep instead, e.g. 0,5,10,20,50.", valueName: "w,w,...")) var continuityWeights: String?
    @Option(help: "Also write the curve as a self-contained SVG line chart to this file.") var chart: String?
    @Option(help: "Output format: text, json, csv or markdown.") var format: TableFormat = .text
    @OptionGroup var solve: SolveOptions

    static let maxPoints = 200

    func validate() throws {
        try solve.validate()
        try requireScenarioFile(scenario)
        _ = try sweep()
        if let chart, chart.isEmpty { throw ValidationError("--chart needs a file name, e.g. --chart tradeoff.svg.") }
    }

    /// The swept setting and its values, from the options.
    func sweep() throws -> (TradeoffSweep.Parameter, [Double]) {
        let range = from != nil || to != nil || step != nil
        let chosen = [maxChanges != nil, range, continuityWeights != nil].filter { $0 }.count
        guard chosen <= 1 else { throw ValidationError("Choose one of --max-changes, --from/--to/--step and --continuity-weights.") }
        var parameter = TradeoffSweep.Parameter.maxChanges
        var values: [Double]
        if let list = maxChanges {
            values = try Self.list(list, option: "--max-changes") { Int($0).flatMap { $0 >= 0 ? Double($0) : nil } }
        } else if let list = continuityWeights {
            parameter = .continuityWeight
            values = try Self.list(list, option: "--continuity-weights") { Double($0).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil } }
        } else {
            let lo = from ?? 0, hi = to ?? (range ? lo : 40)
            guard lo >= 0, hi >= lo else { throw ValidationError("--from and --to need 0 ≤ from ≤ to; got \(lo) and \(hi).") }
            let by = step ?? (range ? max(1, (hi - lo) / 10) : 4)
            guard by >= 1 else { throw ValidationError("--step must be 1 or more.") }
            values = stride(from: lo, through: hi, by: by).map(Double.init)
            if values.last != Double(hi) { values.append(Double(hi)) }
        }
        guard values.count <= Self.maxPoints else { throw ValidationError("At most \(Self.maxPoints) points; got \(values.count). Use a larger --step.") }
        return (parameter, values)
    }

    static func list(_ text: String, option: String, _ parse: (String) -> Double?) throws -> [Double] {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !items.isEmpty else { throw ValidationError("\(option) needs a comma-separated list of values.") }
        return try items.map { item in
            guard let v = parse(item) else {
                throw ValidationError("\(option): \"\(item)\" is not \(option == "--max-changes" ? "a whole number, 0 or more" : "a number, 0 or more").")
            }
            return v
        }
    }

    func run() throws {
        let (parameter, values) = try sweep()
        let loaded = try loadAll([scenario])[0]
        let sweep = TradeoffSweep(scenario: loaded.scenario, parameter: parameter, values: values)
        let interrupt = InterruptFlag.install()
        let quiet = solve.quiet
        let clock = ContinuousClock.now
        let points = try sweep.run(planner: Planner(solver: GLPKSolver()), request: solve.request(for: loaded.scenario),
                                   progress: { _ in interrupt.isSet ? .stop : .proceed }) { n, point in
            guard !quiet else { return }
            let moves = point.moves.map { ", \($0) moves" } ?? ""
            printError("[\(n + 1)/\(sweep.values.count)] \(parameter == .maxChanges ? "at most" : "weight") \(Self.text(point.value)): \(point.outcome.status.rawValue)\(moves) (\(decimal(point.outcome.timings.solveSeconds, 1)) s)")
        }
        let report = TradeoffReport(sweep, points: points, file: scenario, wallSeconds: Compare.seconds(since: clock))
        let rendered: String
        switch format {
        case .text: rendered = report.text()
        case .json: rendered = String(decoding: try report.jsonData(), as: UTF8.self) + "\n"
        case .csv: rendered = report.csv()
        case .markdown: rendered = report.markdown()
        }
        FileHandle.standardOutput.write(Data(rendered.utf8))
        if let chart {
            do {
                try AtomicFile.write(report.svg(), to: chart, protecting: loaded.inputFiles)
            } catch {
                printError("The chart was not written: \(error).")
                throw ExitCode(ExitStatus.usage)
            }
            if !quiet { printError("wrote \(chart)") }
        }
        throw ExitCode(Self.exitCode(points.map(\.outcome), interrupted: interrupt.isSet))
    }

    static func text(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : decimal(v, 2) }

    /// 0 when every point is solved or proven infeasible and one has a plan; otherwise the worst reason.
    static func exitCode(_ outcomes: [PlanOutcome], interrupted: Bool) -> Int32 {
        if interrupted || outcomes.contains(where: { $0.status == .interrupted }) { return ExitStatus.interrupted }
        if outcomes.contains(where: { $0.status == .failed }) { return ExitStatus.internalFailure }
        if outcomes.contains(where: { $0.status == .noSolution }) { return ExitStatus.noSolutionInTime }
        if !outcomes.contains(where: { $0.plan != nil }) { return ExitStatus.infeasible }
        return ExitStatus.solved
    }
}
