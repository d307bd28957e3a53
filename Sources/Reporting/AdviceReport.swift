import Advice
import DiaBanCore
import Foundation
import Planning

/// Staffing advice as a versioned JSON document, text and Markdown.
public struct AdviceReport: Encodable, Sendable {
    public var schema = "diaban.advice/1"
    public var scenario: String
    public var budgets: [String: Int]
    public var baseline: Point
    /// How the single actions were ranked: `exact` (every candidate solved, each gain the
    /// difference of two solves) or `incomplete`.
    public var ranking: String
    /// How many candidates of each kind were priced (the singles may list fewer).
    public var priced: [String: Int]
    /// How many of them were left out by their bounds, without a solve.
    public var screenedOut: [String: Int]
    public var singles: [Single]
    public var joint: Joint?

    public struct Point: Encodable, Sendable {
        public var status: String
        public var objective: Double?
        public var bound: Double?
        public var uncoveredNeeds: Int?
        public var mountainDeviation: Double?
        public var utilisationSpread: Double?
        public var kmPerYear: Double?
        public var moves: Int?
        public var seconds: Double

        init(_ p: SolvedPoint) {
            status = p.status.rawValue
            objective = p.objective.map(r2)
            bound = p.bound.map(r2)
            uncoveredNeeds = p.uncoveredNeeds
            mountainDeviation = p.mountainDeviation.map(r2)
            utilisationSpread = p.utilisationSpread.map(r2)
            kmPerYear = p.kmPerYear.map { $0.rounded() }
            moves = p.moves
            seconds = r2(p.seconds)
        }
    }

    public struct Single: Encodable, Sendable {
        public var rank: Int
        public var kind: String
        public var key: String
        public var action: String
        public var gain: Double?
        public var gainLow: Double?
        public var gainHigh: Double?
        public var exact: Bool
        /// A training's cost from the scenario's `advice.training` table.
        public var cost: Double?
        public var provenWithoutSolve: String?
        /// An upper bound on the gain proven without solving (when candidates were screened).
        public var gainBound: Double?
        /// Not solved: the bound proves it cannot enter the first ones of its kind.
        public var screenedOut: Bool
        /// Not solved although its bound lies above the n-th gain, by no more than these points
        /// (the solves' gap).
        public var leftOutWithin: Double?
        public var with: Point?
        public var serves: [String]
        public var whatIf: String
    }

    public struct Joint: Encodable, Sendable {
        public var status: String
        public var actions: [String]
        public var keys: [String]
        public var gain: Double?
        public var objective: Double?
        public var bound: Double?
        public var gap: Double?
        public var with: Point
        public var notes: [String]
        public var seconds: Double
        public var whatIf: String
    }

    /// `top` limits the singles listed per kind (every one is in the JSON when nil).
    public init(_ advice: Advice, scenario: Scenario, top: Int?) {
        self.scenario = scenario.name
        budgets = Dictionary(uniqueKeysWithValues: advice.options.budgets.filter { $0.value > 0 }.map { ($0.key.rawValue, $0.value) })
        baseline = Point(advice.baseline)
        ranking = advice.ranking.rawValue
        priced = Dictionary(grouping: advice.singles, by: \.action.kind.rawValue).mapValues(\.count)
        screenedOut = Dictionary(grouping: advice.singles.filter(\.screenedOut), by: \.action.kind.rawValue).mapValues(\.count)
        var singles: [Single] = []
        for kind in AdviceAction.Kind.allCases {
            let list = advice.ranked(kind)
            for (i, g) in list.enumerated() where top.map({ i < $0 }) ?? true {
                singles.append(Single(rank: i + 1, kind: kind.rawValue, key: g.action.key, action: Self.describe(g.action, scenario),
                                      gain: g.gain.map(r2), gainLow: g.gainLow.map(r2), gainHigh: g.gainHigh.map(r2), exact: g.isExact,
                                      cost: Self.cost(g.action, scenario), provenWithoutSolve: g.provenWithoutSolve,
                                      gainBound: g.gainBound.map(r2), screenedOut: g.screenedOut,
                                      leftOutWithin: g.leftOutWithin.map(r2), with: g.with.map(Point.init), serves: g.serves,
                                      whatIf: Self.whatIfFile(g.action.key)))
            }
        }
        self.singles = singles
        if let j = advice.joint {
            joint = Joint(status: j.status.rawValue, actions: j.actions.map { Self.describe($0, scenario) }, keys: j.actions.map(\.key),
                          gain: j.gain.map(r2), objective: j.with.objective.map(r2), bound: j.bound.map(r2), gap: j.gap,
                          with: Point(j.with), notes: j.notes, seconds: r2(j.seconds), whatIf: Self.jointFile)
        }
    }

    static func cost(_ action: AdviceAction, _ scenario: Scenario) -> Double? {
        guard case .train(let o, let s) = action else { return nil }
        return scenario.training?.first { $0.officer == o && $0.specialty == s }?.cost
    }

    public static func whatIfFile(_ key: String) -> String { "what-if-\(key).yaml" }
    public static let jointFile = "what-if-combination.yaml"

    /// An action in words.
    public static func describe(_ action: AdviceAction, _ scenario: Scenario) -> String {
        func officer(_ id: String) -> String { scenario.officers.first { $0.id == id }.map { "\($0.name) (\(id))" } ?? id }
        func commune(_ code: String) -> String { scenario.communes.first { $0.code == code }.map { "\($0.name) (\(code))" } ?? code }
        switch action {
        case .train(let o, let s): return "train \(officer(o)) in \(s.rawValue)"
        case .hire(let place, let specialties, let capacity):
            let at = switch place {
            case .headquarters: "the headquarters"
            case .commune(let code): commune(code)
            }
            let with = specialties.isEmpty ? "no specialty" : specialties.map(\.rawValue).joined(separator: ", ")
            return "hire at \(at) with \(with), capacity \(decimal(capacity, 2))"
        case .moveBase(let o, let c): return "move the base of \(officer(o)) to \(commune(c))"
        case .addCapacity(let o, let units): return "give \(officer(o)) \(decimal(units, 2)) more workload units"
        }
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public func text() -> String { lines(markdown: false).joined(separator: "\n") + "\n" }
    public func markdown() -> String { lines(markdown: true).joined(separator: "\n") + "\n" }

    private func lines(markdown md: Bool) -> [String] {
        func f(_ x: Double?) -> String { x.map { decimal($0, 2) } ?? "–" }
        var out: [String] = []
        out.append(md ? "# Staffing advice: \(scenario)" : "Staffing advice: \(scenario)")
        out.append("")
        out.append("Baseline: \(f(baseline.objective)) points (\(baseline.status), bound \(f(baseline.bound))); uncovered \(baseline.uncoveredNeeds.map(String.init) ?? "–"), mountain outside band \(f(baseline.mountainDeviation)), utilisation spread \(f(baseline.utilisationSpread)) pp, km/year \(baseline.kmPerYear.map { decimal($0, 0) } ?? "–"), moves \(baseline.moves.map(String.init) ?? "–").")
        switch ranking {
        case "exact":
            out.append("Ranking: exact — every candidate was solved; each gain is the baseline's points minus the points with the action, and [low, high] is what the two solves' bounds leave.")
        case "screened":
            out.append("Ranking: exact for the first ones of each kind — each gain is the baseline's points minus the points with the action; the candidates not solved have a proven bound on their gain (from the baseline's duals) below those gains, so none of them can enter the list.")
        case "screenedWithinGap":
            out.append("Ranking: the first ones of each kind within the solves' gap — each gain is the baseline's points minus the points with the action; the candidates not solved have a proven bound on their gain below those gains, or above the last one listed by no more than the gap the solves were asked for (\"within the gap\"): at that gap they cannot be told from it, so the last places may hold any of them.")
        default:
            out.append("Ranking: incomplete — some candidates found no plan within the time limit; they are listed without a gain.")
        }
        for kind in AdviceAction.Kind.allCases {
            let list = singles.filter { $0.kind == kind.rawValue }
            guard !list.isEmpty else { continue }
            out.append("")
            let left = (screenedOut[kind.rawValue] ?? 0)
            let title = "Best single actions: \(kind.rawValue) (\(priced[kind.rawValue] ?? 0) priced" + (left > 0 ? ", \(left) left out by their bounds)" : ")")
            out.append(md ? "## " + title : title)
            out.append("")
            if md {
                out.append("| # | action | gain | interval | uncovered | mountain outside band | utilisation spread | km/year | moves | serves | what-if |")
                out.append("| --: | --- | --: | --- | --: | --: | --: | --: | --: | --- | --- |")
            }
            for s in list {
                let interval = s.screenedOut ? "not solved, at most \(f(s.gainBound))" + (s.leftOutWithin == nil ? "" : ", within the gap") : s.exact ? "exact" : "[\(f(s.gainLow)), \(f(s.gainHigh))]"
                let serves = s.serves.isEmpty ? "–" : s.serves.joined(separator: " ")
                if md {
                    out.append("| \(s.rank) | \(s.action) | \(f(s.gain)) | \(interval) | \(s.with?.uncoveredNeeds.map(String.init) ?? "–") | \(f(s.with?.mountainDeviation)) | \(f(s.with?.utilisationSpread)) | \(s.with?.kmPerYear.map { decimal($0, 0) } ?? "–") | \(s.with?.moves.map(String.init) ?? "–") | \(serves) | \(s.whatIf) |")
                } else {
                    var line = "\(String(s.rank).leftPadded(3)). \(s.action): gain \(f(s.gain)) (\(interval))"
                    if let w = s.with {
                        line += "; uncovered \(w.uncoveredNeeds.map(String.init) ?? "–"), mountain outside band \(f(w.mountainDeviation)), utilisation spread \(f(w.utilisationSpread)) pp, km/year \(w.kmPerYear.map { decimal($0, 0) } ?? "–"), moves \(w.moves.map(String.init) ?? "–")"
                    }
                    if let cost = s.cost { line += "; cost \(f(cost))" }
                    if let why = s.provenWithoutSolve { line += "; 0 without a solve: \(why)" }
                    out.append(line)
                    if !s.serves.isEmpty { out.append("       serves \(serves)") }
                }
            }
        }
        if let j = joint {
            out.append("")
            out.append(md ? "## Best combination within the budgets" : "Best combination within the budgets")
            out.append("")
            let status = j.status == "optimal" ? "optimal" : "feasible, gap \(j.gap.map { decimal($0 * 100, 4) + " %" } ?? "unknown")"
            out.append("Status: \(status); \(f(j.objective)) points, gain \(f(j.gain)), bound \(f(j.bound)).")
            if j.actions.isEmpty { out.append("No action within the budgets improves the plan.") }
            for a in j.actions { out.append((md ? "- " : "  - ") + a) }
            for n in j.notes { out.append((md ? "> " : "Note: ") + n) }
            out.append("What-if: \(j.whatIf)")
        }
        return out
    }
}

private func r2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

extension String {
    fileprivate func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
