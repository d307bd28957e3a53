import ArgumentParser
import DiaBanCore
import DurableFiles
import Foundation
import GLPKSolver
import Planning
import Register
import Reporting
import ScenarioIO

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes one self-contained HTML page of a solve: map, headline numbers, proposal, officer cards.",
        discussion: """
            Solves the scenario (or, with --from, reads a saved solve: the JSON of `diaban solve \
            --format json` or plan.json of `--out`) and writes one HTML file that needs no network: \
            the map is inline SVG drawn from the communes' coordinates, fonts are the system's, and \
            nothing is fetched. Labels are Vietnamese unless --lang en. The file is written \
            atomically and never over one of the scenario's input files. The exit code follows the \
            plan's status, as for `diaban solve`.

            \(ExitStatus.table)
            """)

    @Argument(help: "The scenario YAML file (with --from: the scenario that was solved; it gives the coordinates).")
    var scenario: String
    @OptionGroup var solve: SolveOptions
    @Option(help: "The HTML file to write.") var out = "report.html"
    @Option(help: "Language of the labels: vi (Vietnamese, the default) or en.") var lang: ReportLanguage = .vi
    @Option(help: "Render this saved solve JSON instead of solving.") var from: String?
    @Option(help: "Re-plan with a leader's decisions (decisions.csv) and add the decision sheet, which is what the page prints.") var decisions: String?
    @Option(help: "Add a comparison section from this saved `diaban compare --format json` document.") var compare: String?
    @Option(help: "Add the trade-off chart from this saved `diaban tradeoff --format json` document.") var tradeoff: String?

    func validate() throws {
        try solve.validate()
        try requireScenarioFile(scenario)
        if from != nil, solve.timeLimit != nil || solve.gap != nil || solve.noWarmStart {
            throw ValidationError("--from renders a saved solve; --time-limit, --gap and --no-warm-start do not apply.")
        }
        if from != nil && decisions != nil {
            throw ValidationError("--from renders a saved solve, which already holds its decisions when it was made with --decisions; give one of the two.")
        }
        if let decisions, !FileManager.default.fileExists(atPath: decisions) {
            throw ValidationError("No decisions file at \(decisions). diaban solve SCENARIO --out DIR writes one (DIR/decisions.csv).")
        }
        if let from, !FileManager.default.fileExists(atPath: from) {
            throw ValidationError("No solve JSON at \(from). Write one with: diaban solve SCENARIO --format json > plan.json")
        }
        if let compare, !FileManager.default.fileExists(atPath: compare) {
            throw ValidationError("No comparison JSON at \(compare). Write one with: diaban compare A.yaml B.yaml --format json > compare.json")
        }
        if let tradeoff, !FileManager.default.fileExists(atPath: tradeoff) {
            throw ValidationError("No trade-off JSON at \(tradeoff). Write one with: diaban tradeoff SCENARIO --format json > tradeoff.json")
        }
        var isDir: ObjCBool = false
        if out.isEmpty || out.hasSuffix("/") || (FileManager.default.fileExists(atPath: out, isDirectory: &isDir) && isDir.boolValue) {
            throw ValidationError("--out must name a file, e.g. --out report.html; \(out.isEmpty ? "it is empty" : "\(out) is a folder").")
        }
    }

    func run() throws {
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.loadDetailed(path: scenario, current: RegisterCurrentSource())
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(ExitStatus.badData)
        }
        let inputFiles = loaded.inputFiles + [from, compare, tradeoff, decisions].compactMap { $0 }
        var comparison: HTMLComparison?
        if compare != nil || tradeoff != nil {
            let c = try compare.map { try Self.readDocument(CompareReport.self, $0, schema: \.schema, expected: CompareReport.schema) }
            let t = try tradeoff.map { try Self.readDocument(TradeoffReport.self, $0, schema: \.schema, expected: TradeoffReport.schema) }
            comparison = HTMLComparison(compare: c, tradeoff: t)
        }
        let report: SolveReport
        var interrupted = false
        if let from {
            report = try Self.readSolve(from, scenario: loaded.scenario)
        } else {
            let planner = Planner(solver: GLPKSolver())
            let interrupt = InterruptFlag.install()
            let progress = ProgressPrinter(quiet: solve.quiet, interrupt: interrupt)
            let decided = try decisions.map { try DecidedScenario(base: loaded.scenario, decisionsFile: $0) }
            let planned = decided?.decided ?? loaded.scenario
            let outcome = try planner.plan(planned, request: solve.request(for: planned), progress: progress.callback)
            var r = SolveReport(outcome, scenario: planned)
            r.decisions = decided?.review(outcome)
            report = r
            interrupted = interrupt.isSet
        }
        try write(report, scenario: loaded.scenario, headquartersName: loaded.headquartersName, comparison: comparison, protecting: inputFiles)
        throw ExitCode(interrupted ? ExitStatus.interrupted : ExitStatus.code(forStatus: report.status))
    }

    private func write(_ report: SolveReport, scenario: Scenario, headquartersName: String, comparison: HTMLComparison?,
                       protecting inputs: [String]) throws {
        let html = HTMLReport.render(solve: report, scenario: scenario, lang: lang, headquartersName: headquartersName, comparison: comparison)
        do {
            try AtomicFile.write(html, to: out, protecting: inputs)
        } catch {
            FileHandle.standardError.write(Data("diaban report: \(error.message)\n".utf8))
            throw ExitCode(error.code == .protectedInput ? ExitStatus.usage : ExitStatus.internalFailure)
        }
        let moves = report.kpis == nil ? "no plan" : "\(report.moves.count) move\(report.moves.count == 1 ? "" : "s")"
        print("wrote \(out): \(report.statusSentence), \(moves)")
    }

    /// Decodes a saved solve and checks that it belongs to `scenario`; bad data exits 65.
    static func readSolve(_ path: String, scenario: Scenario) throws -> SolveReport {
        func fail(_ message: String) -> ExitCode {
            FileHandle.standardError.write(Data("\(path): \(message)\n".utf8))
            return ExitCode(ExitStatus.badData)
        }
        let report: SolveReport
        do {
            report = try JSONDecoder().decode(SolveReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as DecodingError {
            throw fail("not a DiaBan solve document (\(describe(error))). Write one with: diaban solve SCENARIO --format json > plan.json")
        } catch {
            throw fail("could not be read: \(error.localizedDescription)")
        }
        guard report.schema == SolveReport.schema else {
            throw fail("schema is \(report.schema); this diaban reads \(SolveReport.schema). Solve the scenario again.")
        }
        guard report.scenario == scenario.name else {
            throw fail("is a solve of the scenario \"\(report.scenario)\", not of \"\(scenario.name)\". Give the scenario that was solved.")
        }
        let communes = Set(scenario.communes.map(\.code)), officers = Set(scenario.officers.map(\.id))
        let unknown = report.assignments.filter { !communes.contains($0.commune) || !officers.contains($0.officer) }
        if let first = unknown.first {
            throw fail("assigns \(first.officer) to \(first.commune), which the scenario does not have (\(unknown.count) such pair\(unknown.count == 1 ? "" : "s")). Was the scenario changed since the solve? Solve it again.")
        }
        return report
    }

    /// Decodes a saved comparison or trade-off document; bad data exits 65.
    static func readDocument<T: Decodable>(_ type: T.Type, _ path: String, schema: KeyPath<T, String>, expected: String) throws -> T {
        func fail(_ message: String) -> ExitCode {
            FileHandle.standardError.write(Data("\(path): \(message)\n".utf8))
            return ExitCode(ExitStatus.badData)
        }
        let document: T
        do {
            document = try JSONDecoder().decode(T.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as DecodingError {
            throw fail("not a DiaBan \(expected) document (\(describe(error))).")
        } catch {
            throw fail("could not be read: \(error.localizedDescription)")
        }
        guard document[keyPath: schema] == expected else {
            throw fail("schema is \(document[keyPath: schema]); this diaban reads \(expected).")
        }
        return document
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let c): return "missing field \((c.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            let at = c.codingPath.map(\.stringValue).joined(separator: ".")
            return at.isEmpty ? c.debugDescription : "field \(at): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

extension ReportLanguage: ExpressibleByArgument {}

extension ExitStatus {
    /// The exit code of a plan's status as a solve document states it.
    static func code(forStatus status: String) -> Int32 {
        switch PlanStatus(rawValue: status) {
        case .optimal, .feasible: return solved
        case .infeasible: return infeasible
        case .noSolution: return noSolutionInTime
        case .interrupted: return interrupted
        case .failed, nil: return internalFailure
        }
    }
}
