import DiaBanCore
import Foundation
import LinearModel
import Planning

/// The JSON document of `diaban compare --format json` (schema `diaban.compare/1`): each
/// scenario's result in summary, one row per KPI and objective term with the difference
/// against the first scenario, and the communes whose officers differ between scenarios.
/// Every field but those under `timings` is the same, byte for byte, for the same input,
/// whatever the order in which the solves ended.
public struct CompareReport: Codable, Sendable, Equatable {
    public static let schema = "diaban.compare/1"

    /// One scenario's result in summary.
    public struct Entry: Codable, Sendable, Equatable {
        /// The scenario file as given on the command line.
        public var file: String
        /// The column heading: the file's name without `.yaml` and without a leading `what-if-`.
        public var label: String
        public var name: String
        public var description: String
        /// The English name and description, when the scenario file gives them.
        public var nameEn: String?
        public var descriptionEn: String?
        public var status: String
        public var objective: Double?
        public var bestBound: Double?
        public var gap: Double?
        public var nodes: Int
        /// Objective terms of the plan (nil without a plan).
        public var after: SolveReport.Terms?
        public var province: KPIs.ProvinceKPI?
        public var facts: Facts
        public var findings: [Finding]
        /// When there is no valid plan: the relaxation that would make one.
        public var explanation: InfeasibilityExplanation?
        /// The error that stopped the solve, when the solver failed.
        public var error: String?
    }

    /// What the scenario itself holds, before any plan.
    public struct Facts: Codable, Sendable, Equatable {
        public var activeOfficers: Int
        /// Σ capacity of active officers, workload units.
        public var activeCapacity: Double
        /// Σ workload × staffing, workload units.
        public var workload: Double
        /// (commune, specialty) needs.
        public var specialtyNeeds: Int
    }

    /// One KPI or objective term across the scenarios.
    public struct Row: Codable, Sendable, Equatable {
        public var key: String
        public var label: String
        /// Decimals the text shows.
        public var decimals: Int
        /// One per scenario, nil where the scenario has no value (no plan).
        public var values: [Double?]
        /// Each value minus the first scenario's (nil for the first, or where either is missing).
        public var differences: [Double?]
    }

    /// A commune whose officers are not the same in every plan.
    public struct CommuneRow: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        /// Officer ids per scenario; nil where the scenario has no plan or not this commune.
        public var officers: [[String]?]
    }

    public struct Timings: Codable, Sendable, Equatable {
        /// Wall-clock seconds of the whole comparison.
        public var wallSeconds: Double
        /// How many solves could run at once.
        public var jobs: Int
        /// Each scenario's own wall-clock seconds (load excluded), in scenario order.
        public var scenarioSeconds: [Double]
    }

    public var schema: String
    public var scenarios: [Entry]
    public var rows: [Row]
    public var communes: [CommuneRow]
    /// Wall-clock numbers: the only fields that differ between runs.
    public var timings: Timings

    /// One scenario to report: its file, the scenario solved and what the solve gave.
    public struct Input: Sendable {
        public var file: String
        public var scenario: Scenario
        public var result: PlanBatch.Result
        public init(file: String, scenario: Scenario, result: PlanBatch.Result) {
            self.file = file
            self.scenario = scenario
            self.result = result
        }
    }

    public init(_ inputs: [Input], jobs: Int, wallSeconds: Double) {
        schema = Self.schema
        let labels = Self.labels(inputs.map(\.file))
        var entries: [Entry] = []
        var plans: [Assignment?] = []
        for (input, label) in zip(inputs, labels) {
            let (entry, plan) = Self.entry(input, label: label)
            entries.append(entry)
            plans.append(plan)
        }
        scenarios = entries
        rows = Self.rows(entries)
        communes = Self.communeRows(inputs.map(\.scenario), plans: plans)
        timings = Timings(wallSeconds: wallSeconds, jobs: jobs, scenarioSeconds: inputs.map(\.result.wallSeconds))
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Column headings: file names without folder, `.yaml` and a leading `what-if-`; a
    /// heading used twice gets ` (2)`, ` (3)`, ….
    public static func labels(_ files: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return files.map { file in
            var stem = String(file.split(separator: "/").last ?? Substring(file))
            for suffix in [".yaml", ".yml"] where stem.hasSuffix(suffix) { stem.removeLast(suffix.count) }
            if stem.hasPrefix("what-if-") && stem.count > 8 { stem.removeFirst(8) }
            seen[stem, default: 0] += 1
            return seen[stem]! == 1 ? stem : "\(stem) (\(seen[stem]!))"
        }
    }

    static func entry(_ input: Input, label: String) -> (Entry, Assignment?) {
        let s = input.scenario
        let active = s.officers.filter(\.isActive)
        let facts = Facts(
            activeOfficers: active.count, activeCapacity: round6(active.reduce(0) { $0 + $1.capacity }),
            workload: round6(s.communes.reduce(0) { $0 + $1.workload * Double($1.staffing) }),
            specialtyNeeds: s.communes.reduce(0) { $0 + $1.requiredSpecialties.count })
        var entry = Entry(file: input.file, label: label, name: s.name, description: s.description, status: PlanStatus.failed.rawValue,
                          objective: nil, bestBound: nil, gap: nil, nodes: 0, after: nil, province: nil, facts: facts,
                          findings: [], explanation: nil, error: nil)
        entry.nameEn = s.nameEn
        entry.descriptionEn = s.descriptionEn
        switch input.result.outcome {
        case .failure(let error):
            entry.error = String(describing: error)
            return (entry, nil)
        case .success(let outcome):
            let report = SolveReport(outcome, scenario: s)
            entry.status = report.status
            entry.objective = report.objective
            entry.bestBound = report.bestBound
            entry.gap = report.gap
            entry.nodes = report.nodes
            entry.after = report.after
            entry.province = report.kpis?.province
            entry.findings = report.findings
            entry.explanation = report.explanation
            return (entry, outcome.plan)
        }
    }
}

/// A number for a CSV cell: up to 6 decimals, without trailing zeros; empty for none.
func plainNumber(_ x: Double?) -> String {
    guard let x else { return "" }
    var s = decimal(x, 6)
    while s.contains(".") && (s.hasSuffix("0") || s.hasSuffix(".")) { s.removeLast() }
    return s
}
