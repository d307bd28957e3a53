import ArgumentParser
import DiaBanCore
import Foundation
import GLPKSolver
import LinearModel
import Planning
import Register
import Reporting
import ScenarioIO

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solves several scenarios and prints their KPIs side by side, with the differences against the first.",
        discussion: """
            Each scenario is solved on its own (several at once, on separate threads, with --jobs), then \
            one table shows a column per scenario and a row per KPI and objective term, each followed by \
            its difference against the first scenario; then the communes whose officers differ between \
            the plans. A scenario that is infeasible or runs out of time says so in its column; the \
            others still show. The output does not depend on which solve finished first.

            --time-limit and --gap apply to every scenario. Progress lines go to stderr.

            Exit codes: 0 every scenario solved; otherwise the worst of 2 (some scenario infeasible), \
            3 (some scenario without a solution in the time limit), 1 (solver failure) and 130 \
            (interrupted), after printing everything; 64 usage error; 65 bad data (nothing is solved).
            """)

    @Argument(help: "Scenario YAML files; the first is the reference the differences are against.") var scenarios: [String] = []
    @OptionGroup var solve: SolveOptions
    @Option(help: "Output format: text, json, csv or markdown.") var format: TableFormat = .text
    @Option(help: "Solves at once, each on its own thread (default: the number of processors).") var jobs: Int?
    @Flag(help: "Solve one scenario after another (the same as --jobs 1).") var sequential = false

    func validate() throws {
        try solve.validate()
        guard !scenarios.isEmpty else { throw ValidationError("Give at least one scenario file, e.g. diaban compare scenarios/nghe-an/baseline.yaml scenarios/nghe-an/what-if-leave.yaml.") }
        for file in scenarios { try requireScenarioFile(file) }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
        if sequential, let jobs, jobs != 1 { throw ValidationError("--sequential solves one scenario at a time; it cannot go with --jobs \(jobs).") }
    }

    var jobCount: Int { sequential ? 1 : (jobs ?? PlanBatch.defaultJobs) }

    func run() throws {
        let loaded = try loadAll(scenarios)
        let interrupt = InterruptFlag.install()
        let batch = PlanBatch(planner: Planner(solver: GLPKSolver()), jobs: jobCount)
        let work = loaded.map { PlanBatch.Job(scenario: $0.scenario, request: solve.request(for: $0.scenario)) }
        let labels = CompareReport.labels(scenarios)
        let quiet = solve.quiet
        let counter = Counter()
        let clock = ContinuousClock.now
        let results = batch.run(work, progress: { _ in interrupt.isSet ? .stop : .proceed }) { index, result in
            guard !quiet else { return }
            let done = counter.increment()
            let status = (try? result.outcome.get().status.rawValue) ?? "failed"
            printError("[\(done)/\(work.count)] \(labels[index]): \(status) (\(decimal(result.wallSeconds, 1)) s)")
        }
        let wall = Self.seconds(since: clock)
        let used = min(jobCount, work.count)
        if !quiet { printError("\(work.count) scenario\(work.count == 1 ? "" : "s") in \(decimal(wall, 1)) s with \(used) job\(used == 1 ? "" : "s") at once") }
        let inputs = scenarios.indices.map { CompareReport.Input(file: scenarios[$0], scenario: loaded[$0].scenario, result: results[$0]) }
        let report = CompareReport(inputs, jobs: used, wallSeconds: wall)
        FileHandle.standardOutput.write(Data(try render(report).utf8))
        let codes = results.map { r -> Int32 in
            guard case .success(let outcome) = r.outcome else { return ExitStatus.internalFailure }
            return ExitStatus.code(for: outcome, interrupted: interrupt.isSet)
        }
        throw ExitCode(ExitStatus.worst(codes))
    }

    func render(_ report: CompareReport) throws -> String {
        switch format {
        case .text: return report.text()
        case .json: return String(decoding: try report.jsonData(), as: UTF8.self) + "\n"
        case .csv: return report.csv()
        case .markdown: return report.markdown()
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = start.duration(to: .now).components
        return Double(d.seconds) + Double(d.attoseconds) * 1e-18
    }
}

/// Loads every scenario; prints every problem of every file (stderr) and exits 65 if any has one.
func loadAll(_ files: [String]) throws -> [LoadedScenario] {
    var loaded: [LoadedScenario] = []
    var failed = false
    for file in files {
        do {
            loaded.append(try ScenarioLoader.loadDetailed(path: file, current: RegisterCurrentSource()))
        } catch {
            printError(error.description)
            failed = true
        }
    }
    if failed { throw ExitCode(ExitStatus.badData) }
    return loaded
}

/// Output formats of `diaban compare` and `diaban tradeoff`.
enum TableFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, csv, markdown
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// A count shared by the solving threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int { lock.withLock { value += 1; return value } }
}

extension ExitStatus {
    /// The worst of several exit codes: interrupted, then failure, then no solution, then infeasible.
    static func worst(_ codes: [Int32]) -> Int32 {
        let rank: [Int32: Int] = [solved: 0, infeasible: 1, noSolutionInTime: 2, internalFailure: 3, interrupted: 4]
        return codes.max { (rank[$0] ?? 3) < (rank[$1] ?? 3) } ?? solved
    }
}
