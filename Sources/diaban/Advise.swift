import Advice
import ArgumentParser
import DiaBanCore
import DurableFiles
import Foundation
import GLPKSolver
import LinearModel
import Planning
import Reporting
import ScenarioIO

struct Advise: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prices staffing actions (train, hire, move a base, add capacity) by solving, and picks the best combination within budgets.",
        discussion: ExitStatus.table)

    @Argument(help: "The scenario YAML file.") var scenario: String
    @Option(help: "How many trainings the combination may take (each officer in each needed specialty they lack).") var train: String = "0"
    @Option(help: "How many hires (at the headquarters or a commune's centre, with that commune's specialties; only the places of the scenario's advice.hires table when it has one).") var hire: String = "0"
    @Option(name: .customLong("move-base"), help: "How many base moves (an officer's base to one of their communes).") var moveBase: String = "0"
    @Option(help: "How many capacity increases (each officer, --capacity-units more).") var capacity: String = "0"
    @Option(name: .customLong("capacity-units"), help: "Workload units a capacity increase adds (default 1).") var capacityUnits: Double = 1
    @Option(name: .customLong("time-limit"), help: "Seconds for each solve (default: the scenario's, else 60).") var timeLimit: Double?
    @Option(help: "How many single actions of each kind to list (the JSON lists them all).") var top: Int = 10
    @Option(help: "Solves at the same time (default: the processors).") var jobs: Int?
    @Option(help: "Output format: text, json, markdown or html (one self-contained page, as diaban report writes).") var format: AdviceFormat = .text
    @Option(help: "Language of the HTML page: vi (Vietnamese, the default) or en.") var lang: ReportLanguage = .vi
    @Option(help: "Also write advice.json (every candidate), advice.md, advice.txt, advice.html and a what-if file per listed action and for the combination into this folder.") var out: String?
    @Flag(help: "Instead: each officer's departure priced by solving without them, the communes one qualified officer holds, and the bench per specialty.") var resilience = false
    @Flag(name: .customLong("solve-all"), help: "Solve every candidate (by default only as many as it takes to prove the first --top of each kind: the others are left out by a bound on their gain).") var solveAll = false
    @Flag(name: .shortAndLong, help: "No progress lines on stderr.") var quiet = false

    enum AdviceFormat: String, ExpressibleByArgument, CaseIterable { case text, json, markdown, html }

    /// A budget: a whole number, 0 or more.
    static func budget(_ value: String, option: String) throws -> Int {
        guard let n = Int(value), n >= 0 else {
            throw ValidationError("--\(option) must be a whole number of actions, 0 or more (got \(value)).")
        }
        return n
    }

    var budgets: [AdviceAction.Kind: Int] {
        get throws {
            [.train: try Self.budget(train, option: "train"), .hire: try Self.budget(hire, option: "hire"),
             .moveBase: try Self.budget(moveBase, option: "move-base"), .capacity: try Self.budget(capacity, option: "capacity")]
        }
    }

    func validate() throws {
        let b = try budgets
        if !resilience && b.values.allSatisfy({ $0 == 0 }) {
            throw ValidationError("Give at least one budget: --train N, --hire N, --move-base N or --capacity N.")
        }
        if let t = timeLimit, !(t > 0 && t.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if !(capacityUnits > 0 && capacityUnits.isFinite) { throw ValidationError("--capacity-units must be a positive number of workload units") }
        if top < 1 { throw ValidationError("--top must be 1 or more") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        try requireScenarioFile(scenario)
    }

    func run() throws {
        let loaded = try loadScenario(scenario)
        let sc = loaded.scenario
        var options = AdviceOptions(budgets: try budgets)
        options.capacityUnits = capacityUnits
        options.training = sc.training
        options.hires = sc.hires
        options.jobs = jobs ?? PlanBatch.defaultJobs
        options.screenTop = solveAll ? nil : top
        var request = PlanRequest(scenario: sc, timeLimit: timeLimit)
        request.solverOptions.verbosity = .off
        let advisor = Advisor(planner: Planner(solver: GLPKSolver()), solver: GLPKSolver())
        let quiet = self.quiet
        if resilience { return try runResilience(sc, request: request, advisor: advisor, options: options, inputs: loaded.inputFiles) }
        let (advice, baseline) = try advisor.advise(sc, options: options, request: request) { line in
            if !quiet { printError("diaban advise: \(line)") }
        }
        guard let advice else {
            // No valid plan to improve: the reasons, as solve gives them.
            FileHandle.standardOutput.write(Data(SolveReport(baseline, scenario: sc).text().utf8))
            if let out { printError("diaban advise: nothing written to \(out) (status: \(baseline.status.rawValue)).") }
            throw ExitCode(ExitStatus.code(for: baseline, interrupted: false))
        }
        let report = AdviceReport(advice, scenario: sc, top: format == .json ? nil : top)
        // The page draws the combination's plan: the combination solved as a what-if.
        var html: String?
        if format == .html || out != nil {
            if !quiet, advice.joint != nil { printError("diaban advise: the combination's plan, for the page") }
            let combination = try advisor.combination(sc, advice: advice, request: request).map { AdviceHTML.Combination(scenario: $0.scenario, outcome: $0.outcome) }
            html = AdviceHTML.render(advice, scenario: sc, top: top, lang: lang, combination: combination)
        }
        let rendered: String = switch format {
        case .text: report.text()
        case .json: String(decoding: try report.jsonData(), as: UTF8.self) + "\n"
        case .markdown: report.markdown()
        case .html: html ?? ""
        }
        FileHandle.standardOutput.write(Data(rendered.utf8))
        if let out { try write(advice, report: AdviceReport(advice, scenario: sc, top: top), html: html ?? "", scenario: sc, to: out, inputs: loaded.inputFiles) }
    }

    func runResilience(_ sc: Scenario, request: PlanRequest, advisor: Advisor, options: AdviceOptions, inputs: [String]) throws {
        let (outcome, point) = try advisor.baseline(sc, request: request)
        guard outcome.plan != nil, outcome.status == .optimal || outcome.status == .feasible else {
            FileHandle.standardOutput.write(Data(SolveReport(outcome, scenario: sc).text().utf8))
            if let out { printError("diaban advise: nothing written to \(out) (status: \(outcome.status.rawValue)).") }
            throw ExitCode(ExitStatus.code(for: outcome, interrupted: false))
        }
        if !quiet { printError("diaban advise: solving without each of \(sc.officers.filter(\.isActive).count) officers") }
        let r = try advisor.resilience(sc, baseline: outcome, point: point, request: request, training: options.training, jobs: options.jobs)
        let report = ResilienceReport(r, scenario: sc)
        let html = AdviceHTML.render(r, scenario: sc, lang: lang)
        let rendered: String = switch format {
        case .text: report.text()
        case .json: String(decoding: try report.jsonData(), as: UTF8.self) + "\n"
        case .markdown: report.text(markdown: true)
        case .html: html
        }
        FileHandle.standardOutput.write(Data(rendered.utf8))
        if let out {
            let dir = URL(fileURLWithPath: out).standardizedFileURL
            let files = [("resilience.json", String(decoding: try report.jsonData(), as: UTF8.self) + "\n"),
                         ("resilience.md", report.text(markdown: true)), ("resilience.txt", report.text()),
                         ("resilience.html", html)]
            try writeAll(files, to: dir, inputs: inputs)
        }
    }

    /// The report and one what-if per listed action and for the combination, each starting
    /// from the scenario by a path relative to the folder.
    func write(_ advice: Advice, report: AdviceReport, html: String, scenario sc: Scenario, to folder: String, inputs: [String]) throws {
        let dir = URL(fileURLWithPath: folder).standardizedFileURL
        let base = relativePath(from: dir, to: URL(fileURLWithPath: scenario).standardizedFileURL)
        // The JSON lists every candidate; the text, the Markdown and the what-ifs the top ones.
        let full = AdviceReport(advice, scenario: sc, top: nil)
        var files: [(String, String)] = [
            ("advice.json", String(decoding: try full.jsonData(), as: UTF8.self) + "\n"),
            ("advice.md", report.markdown()),
            ("advice.txt", report.text()),
            ("advice.html", html),
        ]
        let listed = Set(report.singles.map(\.key))
        for g in advice.singles where listed.contains(g.action.key) {
            files.append((AdviceReport.whatIfFile(g.action.key),
                          WhatIfWriter.yaml(base: base, name: "\(sc.name): \(g.action.key)",
                                            question: "What if we \(AdviceReport.describe(g.action, sc))? (diaban advise)", changes: g.changes, scenario: sc)))
        }
        if let j = advice.joint {
            let words = j.actions.map { AdviceReport.describe($0, sc) }.joined(separator: "; ")
            files.append((AdviceReport.jointFile,
                          WhatIfWriter.yaml(base: base, name: "\(sc.name): combination",
                                            question: "What if we take the best combination within the budgets: \(words.isEmpty ? "no action" : words)? (diaban advise)",
                                            changes: j.changes, scenario: sc)))
        }
        try writeAll(files, to: dir, inputs: inputs)
    }

    /// Writes each (name, text) into `dir` through the one durable writer, never over an input.
    func writeAll(_ files: [(String, String)], to dir: URL, inputs: [String]) throws {
        for (name, text) in files {
            do {
                try AtomicFile.write(text, to: dir.appendingPathComponent(name).path, protecting: inputs)
            } catch {
                printError("diaban advise: \(error.message)")
                throw ExitCode(error.code == .protectedInput ? ExitStatus.usage : ExitStatus.internalFailure)
            }
        }
    }

    /// `target`'s path relative to the folder `from`.
    func relativePath(from: URL, to target: URL) -> String {
        let a = from.resolvingSymlinksInPath().pathComponents, b = target.resolvingSymlinksInPath().pathComponents
        var i = 0
        while i < min(a.count, b.count) && a[i] == b[i] { i += 1 }
        return (Array(repeating: "..", count: a.count - i) + b[i...]).joined(separator: "/")
    }
}
