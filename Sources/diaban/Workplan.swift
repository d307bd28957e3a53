import ArgumentParser
import DiaBanCore
import DurableFiles
import Foundation
import GLPKSolver
import Register
import Reporting
import ScenarioIO
import WorkPlan

/// `diaban workplan`: when each officer visits their communes over a period.
struct Workplan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plans each officer's visits of a period: which communes share a trip, and on which days.",
        discussion: """
            The assignment comes from a solve (--plan plan.json) or from the register on a date \
            (--register DB [--as-of DATE]); the rules from the scenario's workPlan: section \
            (scenarios/README.md). Each officer's plan is proven optimal or given with its gap. \
            With --out DIR: workplan.json, workplan.csv, days.csv (who is where each day) and, per \
            officer, a calendar as text, CSV, iCalendar (.ics) and a printable HTML page, written \
            atomically and only when every officer has a plan.

            Exit codes: 0 planned; 1 internal failure; 2 some officer's visits cannot fit (the \
            reasons and the smallest relaxation are printed); 3 no plan within the time limit; \
            64 usage error; 65 bad data (file, line and field).
            """)

    @Argument(help: "The scenario YAML file.") var scenario: String
    @Option(help: "plan.json (or the JSON) of diaban solve: the assignment to plan visits for.") var plan: String?
    @Option(help: "A register: the assignment in force on --as-of.") var register: String?
    @Option(name: .customLong("as-of"), help: "With --register: the date of the assignment (default: the period's first day).") var asOf: String?
    @Option(help: "The period's first day (YYYY-MM-DD; default: the scenario's workPlan.period).") var from: String?
    @Option(help: "The period's last day (YYYY-MM-DD).") var to: String?
    @Option(help: "Output format: text, json or csv.") var format: WorkPlanFormat = .text
    @Option(help: "Write the plan's files into this folder.") var out: String?
    @Option(help: "Plan only this officer (repeatable); text output shows their calendars.") var officer: [String] = []
    @Option(name: .customLong("time-limit"), help: "Seconds for the whole work plan (default: the scenario's workPlan.timeLimit, else 10).") var timeLimit: Double?
    @Option(help: "Print who is where on this day (YYYY-MM-DD) instead of the summary.") var day: String?
    @Option(help: "Language of the printable pages: vi (Vietnamese, the default) or en.") var lang: ReportLanguage = .vi
    @Flag(help: "With --register: per commune, the visits planned against those done, and the communes overdue.") var report = false
    @Flag(name: .shortAndLong, help: "No progress lines on stderr.") var quiet = false

    enum WorkPlanFormat: String, ExpressibleByArgument { case text, json, csv }

    static func date(_ text: String?, _ option: String) throws -> Day? {
        guard let text else { return nil }
        guard let d = Day(iso: text) else { throw ValidationError("\(option) must be a date written YYYY-MM-DD, e.g. 2026-01-01; \"\(text)\" is not one.") }
        return d
    }

    func validate() throws {
        try requireScenarioFile(scenario)
        if (plan == nil) == (register == nil) { throw ValidationError("Give exactly one of --plan plan.json and --register DB.") }
        if asOf != nil && register == nil { throw ValidationError("--as-of reads the register's assignment on a date; it needs --register.") }
        if report && register == nil { throw ValidationError("--report compares the plan with the visits the register recorded; it needs --register.") }
        if let plan, !FileManager.default.fileExists(atPath: plan) { throw ValidationError("No plan file at \(plan). diaban solve SCENARIO --out DIR writes DIR/plan.json.") }
        for (text, option) in [(from, "--from"), (to, "--to"), (asOf, "--as-of"), (day, "--day")] { _ = try Self.date(text, option) }
        if (from == nil) != (to == nil) { throw ValidationError("Give both --from and --to, or neither (the scenario's workPlan.period).") }
        if let f = try Self.date(from, "--from"), let t = try Self.date(to, "--to"), t < f { throw ValidationError("--to (\(t)) is before --from (\(f)).") }
        if let t = timeLimit, !(t > 0 && t.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds.") }
    }

    func run() throws {
        let started = Date()
        let loaded: LoadedScenario
        do { loaded = try ScenarioLoader.loadDetailed(path: scenario, current: RegisterCurrentSource()) } catch {
            printError(error.description)
            throw ExitCode(ExitStatus.badData)
        }
        let s = loaded.scenario
        let rules = s.workPlan ?? WorkPlanRules()
        if s.workPlan == nil { printError("note: \(scenario) has no workPlan: section; the default rules apply (scenarios/README.md).") }
        for w in loaded.warnings where w.field?.hasPrefix("workPlan") == true { printError("note: \(w.description)") }

        // The period: the command line's, inside the scenario's when it gives one.
        let period: DayRange
        if let f = try Self.date(from, "--from"), let t = try Self.date(to, "--to") {
            period = DayRange(first: f, last: t)!
            if let declared = rules.period, !declared.contains(period) {
                printError("diaban workplan: the period \(period) is not inside the scenario's workPlan.period \(declared) (\(loaded.workPlanPeriodAt?.description ?? scenario)). Plan within it, or change the scenario's period.")
                throw ExitCode(ExitStatus.usage)
            }
        } else if let declared = rules.period {
            period = declared
        } else {
            printError("diaban workplan: say which period to plan: --from DATE --to DATE, or workPlan.period in the scenario.")
            throw ExitCode(ExitStatus.usage)
        }
        let problems = loaded.workPlanProblems(period: rules.period ?? period)
        if !problems.isEmpty {
            printError(ScenarioErrors(problems).description)
            throw ExitCode(ExitStatus.badData)
        }
        let covered = Set(rules.calendar.filter { $0.kind == .holiday }.map(\.day.year))
        let years = Set(period.days.map(\.year))
        if !rules.calendar.isEmpty, !years.isSubset(of: covered) {
            printError("note: the holidays table has no holiday in \(years.subtracting(covered).sorted().map(String.init).joined(separator: ", ")); add that year's days off to workPlan.daysOff.")
        }

        let inputs = loaded.inputFiles + [plan, register, register.map { $0 + "-wal" }].compactMap { $0 }
        let (assignment, visitsDone) = try readAssignment(s, period: period)
        let unknown = officer.filter { id in !s.officers.contains { $0.id == id } }
        if let id = unknown.first {
            let near = NearMiss.suggestion(for: id, among: s.officers.map(\.id)).map { " Did you mean \($0)?" } ?? ""
            printError("diaban workplan: --officer \(id): the scenario has no officer \(id).\(near)")
            throw ExitCode(ExitStatus.badData)
        }

        let planner = WorkPlanner(solver: GLPKSolver())
        let quiet = self.quiet
        let limit = timeLimit.map { max(0.1, $0 - Date().timeIntervalSince(started)) }
        let outcome = planner.plan(s, assignment: assignment, period: period, officers: officer.isEmpty ? nil : officer,
                                   timeLimit: limit, progress: { o in
            guard !quiet else { return }
            printError("  \(o.officer): \(o.status.rawValue), \(o.trips.count) trips, \(Int(o.km.rounded())) km")
        })
        if !quiet { printError("work plan: \(outcome.officers.count) officers in \(String(format: "%.2f", Date().timeIntervalSince(started))) s") }

        let rendered: String
        if let day = try Self.date(day, "--day") {
            guard period.contains(day) else {
                printError("diaban workplan: --day \(day) is outside the period \(period).")
                throw ExitCode(ExitStatus.usage)
            }
            rendered = WorkPlanReport.dayText(outcome, on: day)
        } else if report {
            rendered = WorkPlanProgress.text(outcome, done: visitsDone, asOf: try Self.date(asOf, "--as-of") ?? period.last)
        } else {
            switch format {
            case .text: rendered = WorkPlanReport.text(outcome, calendars: Set(officer))
            case .json: rendered = try WorkPlanReport.json(outcome)
            case .csv: rendered = WorkPlanReport.csv(outcome)
            }
        }
        FileHandle.standardOutput.write(Data(rendered.utf8))
        let code: Int32
        switch outcome.status {
        case .optimal, .feasible: code = ExitStatus.solved
        case .infeasible: code = ExitStatus.infeasible
        case .noSolution: code = ExitStatus.noSolutionInTime
        }
        if let out {
            if code == ExitStatus.solved {
                try write(outcome, scenario: s, to: out, protecting: inputs)
            } else {
                printError("diaban workplan: nothing written to \(out) (status: \(outcome.status.rawValue)); files of earlier runs are left as they were.")
            }
        }
        throw ExitCode(code)
    }

    /// The assignment to plan for, and the visits the register recorded in the period.
    func readAssignment(_ s: Scenario, period: DayRange) throws -> (Assignment, [VisitRecord]) {
        if let plan {
            let solved = try Report.readSolve(plan, scenario: s)
            guard !solved.assignments.isEmpty else {
                printError("\(plan): the solve has no plan (status \(solved.status)), so there is nothing to plan visits for. Solve the scenario until it has one.")
                throw ExitCode(ExitStatus.badData)
            }
            return (Assignment(solved.assignments.map { Pair(officer: $0.officer, commune: $0.commune) }), [])
        }
        let path = register!
        let db = try RegisterCommand.open(path, "workplan", readOnly: true)
        do {
            let held = try db.assignment(on: try Self.date(asOf, "--as-of") ?? period.first)
            let officers = Set(s.officers.map(\.id)), communes = Set(s.communes.map(\.code))
            if let bad = held.pairs.first(where: { !officers.contains($0.officer) || !communes.contains($0.commune) }) {
                printError("\(path): the register's assignment on \(held.day) has \(bad.officer) tracking \(bad.commune), which the scenario does not have. Plan with the scenario the register was made from.")
                throw ExitCode(ExitStatus.badData)
            }
            let done = report ? try db.visits(from: period.first, to: period.last) : []
            return (Assignment(held.pairs.map { Pair(officer: $0.officer, commune: $0.commune) }), done)
        } catch let e as RegisterError {
            throw RegisterCommand.fail(e, "workplan")
        }
    }

    static let officerFiles = ["txt", "csv", "ics", "html"]

    func write(_ plan: WorkPlanOutcome, scenario s: Scenario, to folder: String, protecting inputs: [String]) throws {
        let root = URL(fileURLWithPath: folder)
        var files: [(String, String)] = [
            ("workplan.json", try WorkPlanReport.json(plan)),
            ("workplan.csv", WorkPlanReport.csv(plan)),
            ("days.csv", WorkPlanReport.daysCSV(plan)),
        ]
        let stamp = WorkPlanCalendar.stamp(for: plan)
        for o in plan.officers {
            let one = Set([o.officer])
            files.append(("officers/\(o.officer).txt", WorkPlanReport.calendar(o, period: plan.period)))
            files.append(("officers/\(o.officer).csv", WorkPlanReport.csv(plan, officers: one)))
            files.append(("officers/\(o.officer).ics", WorkPlanCalendar.ics(o, plan: plan, stamp: stamp)))
            files.append(("officers/\(o.officer).html", WorkPlanHTML.render(o, plan: plan, lang: lang)))
        }
        for (name, text) in files {
            do {
                try AtomicFile.write(text, to: root.appendingPathComponent(name).path, protecting: inputs)
            } catch {
                printError("diaban workplan: \(error.message)")
                throw ExitCode(error.code == .protectedInput ? ExitStatus.usage : ExitStatus.internalFailure)
            }
        }
        if !quiet { printError("wrote \(files.count) files into \(folder)") }
    }
}
