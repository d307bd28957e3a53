import DiaBanCore
import Foundation
import LinearModel
import Planning

/// The JSON document of `diaban solve --format json`: a versioned, documented schema
/// (`docs` in the README). Every field but those under `timings` is the same, byte for byte,
/// for the same input.
public struct SolveReport: Codable, Sendable, Equatable {
    public static let schema = "diaban.solve/1"

    public struct Terms: Codable, Sendable, Equatable {
        /// Raw values: needs uncovered, workload units, percentage points, km/year, new pairs.
        public var values: TermValues
        /// Points per term and in total.
        public var points: [String: Double]
        public var total: Double
    }
    public struct AssignmentRow: Codable, Sendable, Equatable {
        public var officer: String
        public var commune: String
    }
    public struct Timings: Codable, Sendable, Equatable {
        public var solveSeconds: Double
        public var buildSeconds: Double
        public var heuristicSeconds: Double
        public var reportSeconds: Double
        public var firstIncumbentSeconds: Double?
    }
    public struct Level: Codable, Sendable, Equatable {
        public var terms: [String]
        public var termination: String
        public var objective: Double?
        public var limit: Double?
    }

    public var schema: String
    public var scenario: String
    /// The scenario's English name (`name_en`), when its file gives one.
    public var scenarioEn: String?
    public var status: String
    public var objective: Double?
    public var bestBound: Double?
    public var gap: Double?
    public var nodes: Int
    public var before: Terms
    public var after: Terms?
    public var assignments: [AssignmentRow]
    public var moves: [Move]
    public var kpis: KPIs?
    public var kpisBefore: KPIs
    public var findings: [Finding]
    public var currentViolations: [RuleViolation]
    public var planViolations: [RuleViolation]
    public var levels: [Level]
    /// When there is no valid plan: the relaxation that would make one, by name.
    public var explanation: InfeasibilityExplanation?
    /// With `--decisions`: what the leader's decisions cost and changed (absent otherwise).
    public var decisions: DecisionReview?
    /// The roster changes of the scenario's what-if (an officer who leaves, joins, goes on leave
    /// or returns), which a register records when the plan is adopted; absent when none.
    public var roster: [RosterEvent]?
    public var stats: PlanOutcome.Stats
    /// Wall-clock numbers: the only fields that differ between runs.
    public var timings: Timings
    /// Kept at the top level as the schema promises; equal to `timings.solveSeconds`.
    public var solveSeconds: Double

    public init(_ outcome: PlanOutcome, scenario: Scenario) {
        func terms(_ v: TermValues, _ p: [ObjectiveTerm: Double]) -> Terms {
            let points = Dictionary(uniqueKeysWithValues: p.map { ($0.key.rawValue, round6($0.value)) })
            return Terms(values: v, points: points, total: round6(ObjectiveTerm.allCases.reduce(0) { $0 + (p[$1] ?? 0) }))
        }
        self.schema = Self.schema
        self.scenario = outcome.scenarioName
        self.scenarioEn = outcome.scenarioName == scenario.name ? scenario.nameEn : nil
        self.status = outcome.status.rawValue
        self.objective = outcome.objective.map(round6)
        self.bestBound = outcome.bestBound.map(round6)
        self.gap = outcome.gap.map(round6)
        self.nodes = outcome.nodes
        self.before = terms(outcome.before, outcome.beforePoints)
        self.after = outcome.after.flatMap { a in outcome.afterPoints.map { terms(a, $0) } }
        self.assignments = (outcome.plan?.pairs ?? []).map { AssignmentRow(officer: $0.officer, commune: $0.commune) }
        self.moves = outcome.proposal.moves
        self.kpis = outcome.kpisAfter
        self.kpisBefore = outcome.kpisBefore
        self.findings = outcome.findings
        self.currentViolations = outcome.currentViolations
        self.planViolations = outcome.planViolations
        self.levels = outcome.levels.map {
            Level(terms: $0.terms.map(\.rawValue), termination: $0.result.termination.rawValue,
                  objective: $0.result.objective.map(round6), limit: $0.limit.map(round6))
        }
        self.explanation = outcome.explanation
        self.roster = scenario.rosterEvents.isEmpty ? nil : scenario.rosterEvents
        self.stats = outcome.stats
        self.stats.peakSolverBytes = 0  // memory varies between runs; reported by the benchmarks
        self.stats.startObjective = outcome.stats.startObjective.map(round6)
        self.timings = Timings(solveSeconds: outcome.timings.solveSeconds, buildSeconds: outcome.timings.buildSeconds,
                               heuristicSeconds: outcome.timings.heuristicSeconds, reportSeconds: outcome.timings.reportSeconds,
                               firstIncumbentSeconds: outcome.timings.firstIncumbentSeconds)
        self.solveSeconds = outcome.timings.solveSeconds
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// Rounds to 6 decimals so that last-bit noise never reaches an output file.
func round6(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
