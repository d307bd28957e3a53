import DiaBanCore
import Foundation
import LinearModel
import Planning

/// The JSON document of `diaban tradeoff --format json` (schema `diaban.tradeoff/1`): one point
/// per value of the swept setting, with the plan's moves and objective terms. Every field but
/// those under `timings` is the same, byte for byte, for the same input.
public struct TradeoffReport: Codable, Sendable, Equatable {
    public static let schema = "diaban.tradeoff/1"

    public struct Point: Codable, Sendable, Equatable {
        /// The setting's value: the most new pairs allowed, or points per new pair.
        public var value: Double
        public var status: String
        public var objective: Double?
        public var bestBound: Double?
        /// 0 for a proven optimum; the remaining relative gap when the time limit ended the search.
        public var gap: Double?
        /// New officer–commune pairs of the plan (what `maxChanges` limits).
        public var moves: Int?
        /// Communes whose officers changed.
        public var communesMoved: Int?
        /// Raw values and points of every term of the plan.
        public var after: SolveReport.Terms?
        /// Mountain and workload balance points together.
        public var balance: Double?
        /// Coverage, balance and travel points: what the moves buy.
        public var withoutContinuity: Double?
        /// Points of `withoutContinuity` gained per extra move between the previous point with a
        /// plan and this one (nil when both have as many moves).
        public var gainPerMove: Double?
        /// The previous point's plan was offered as the first incumbent.
        public var previousPlanOffered: Bool
        /// GLPK accepted a first incumbent (the previous plan or the heuristic's, the better).
        public var startAccepted: Bool
        /// Why there is no valid plan, when there is none.
        public var reasons: [String]
    }

    public struct Timings: Codable, Sendable, Equatable {
        public var wallSeconds: Double
        /// Each point's solve seconds, in point order.
        public var pointSeconds: [Double]
    }

    public var schema: String
    public var scenario: String
    public var file: String
    /// `maxChanges` or `continuityWeight`.
    public var parameter: String
    /// The scenario's points per new pair (in a `maxChanges` sweep, every point keeps it).
    public var changeWeight: Double
    /// The scenario's limit on new pairs (in a `continuityWeight` sweep, every point keeps it).
    public var maxChanges: Int?
    public var points: [Point]
    /// Wall-clock numbers: the only fields that differ between runs.
    public var timings: Timings

    public init(_ sweep: TradeoffSweep, points solved: [TradeoffSweep.Point], file: String, wallSeconds: Double) {
        schema = Self.schema
        scenario = sweep.scenario.name
        self.file = file
        parameter = sweep.parameter.rawValue
        changeWeight = sweep.scenario.weights.change
        maxChanges = sweep.scenario.rules.maxChanges
        var points: [Point] = []
        var previous: (moves: Int, without: Double)?
        for p in solved {
            let report = SolveReport(p.outcome, scenario: sweep.scenario(at: p.value))
            let terms = report.after
            let without = p.pointsWithoutContinuity.map(round6)
            var gain: Double?
            if let moves = p.moves, let without, let prev = previous, moves != prev.moves {
                // Points the plan with more moves saves, per extra move.
                let saved = moves > prev.moves ? prev.without - without : without - prev.without
                gain = round6(saved / Double(abs(moves - prev.moves)))
            }
            if let moves = p.moves, let without { previous = (moves, without) }
            var reasons = report.findings.filter { $0.severity == .error }.map(\.message)
            reasons += (report.explanation?.relaxations ?? []).prefix(5).map(\.message)
            points.append(Point(
                value: p.value, status: report.status, objective: report.objective, bestBound: report.bestBound, gap: report.gap,
                moves: p.moves, communesMoved: report.kpis?.province.moves, after: terms,
                balance: terms.map { round6(($0.points[ObjectiveTerm.mountainBalance.rawValue] ?? 0) + ($0.points[ObjectiveTerm.workloadBalance.rawValue] ?? 0)) },
                withoutContinuity: without, gainPerMove: gain, previousPlanOffered: p.previousPlanOffered,
                startAccepted: report.stats.startAccepted, reasons: reasons))
        }
        self.points = points
        timings = Timings(wallSeconds: wallSeconds, pointSeconds: solved.map { $0.outcome.timings.solveSeconds + $0.outcome.timings.heuristicSeconds + $0.outcome.timings.buildSeconds })
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
