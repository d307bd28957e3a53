import DiaBanCore
import Foundation
import LinearModel

/// A sweep of one setting of a scenario, solving the scenario once per value: the curve of
/// what each extra move buys.
///
/// Every point is the solver's answer to its own constrained problem (optimal, or carrying
/// its gap). Points are solved in increasing order of the setting, each offered the previous
/// point's plan as a first incumbent: with more changes allowed, the previous plan still keeps
/// every hard rule, so the objective never gets worse from one point to the next.
public struct TradeoffSweep: Sendable {
    /// The setting that varies.
    public enum Parameter: String, Sendable, Codable {
        /// `rules.maxChanges`: at most this many new officer–commune pairs.
        case maxChanges
        /// `weights.change`: points per new pair.
        case continuityWeight
    }

    /// One solved value of the setting.
    public struct Point: Sendable {
        public var value: Double
        public var outcome: PlanOutcome
        /// Whether the previous point's plan was offered as a first incumbent.
        public var previousPlanOffered: Bool
    }

    public var scenario: Scenario
    public var parameter: Parameter
    /// The values, solved in increasing order (duplicates removed).
    public var values: [Double]

    public init(scenario: Scenario, parameter: Parameter, values: [Double]) {
        precondition(values.allSatisfy { $0.isFinite && $0 >= 0 }, "sweep values must be finite and at least 0: \(values)")
        self.scenario = scenario
        self.parameter = parameter
        self.values = Array(Set(values)).sorted()
    }

    /// The scenario at one value of the setting.
    public func scenario(at value: Double) -> Scenario {
        var s = scenario
        switch parameter {
        case .maxChanges: s.rules.maxChanges = Int(value.rounded())
        case .continuityWeight: s.weights.change = value
        }
        return s
    }

    /// Solves every point in order. `request` gives the time limit and gap of each point;
    /// `finished` is called after each point (for progress lines). Stops early, keeping the
    /// points solved so far, when a solve is interrupted.
    public func run(
        planner: Planner, request: PlanRequest,
        progress: (@Sendable (SolveProgress) -> ProgressDecision)? = nil,
        finished: ((Int, Point) -> Void)? = nil
    ) throws -> [Point] {
        var points: [Point] = []
        var previous: Assignment?
        for (n, value) in values.enumerated() {
            var r = request
            r.start = previous
            let outcome = try planner.plan(scenario(at: value), request: r, progress: progress)
            let point = Point(value: value, outcome: outcome, previousPlanOffered: previous != nil)
            points.append(point)
            finished?(n, point)
            if let plan = outcome.plan { previous = plan }
            if outcome.status == .interrupted { break }
        }
        return points
    }
}

extension TradeoffSweep.Point {
    /// The points of every term but continuity: what the moves buy.
    public var pointsWithoutContinuity: Double? {
        outcome.afterPoints.map { p in ObjectiveTerm.allCases.filter { $0 != .changes }.reduce(0) { $0 + (p[$1] ?? 0) } }
    }

    /// New officer–commune pairs of the plan: the moves `rules.maxChanges` counts.
    public var moves: Int? { outcome.after?.newPairs }
}
