import DiaBanCore
import Planning

extension TradeoffReport.Point {
    /// The status in a few words, for a table cell.
    var shortStatus: String {
        switch status {
        case PlanStatus.optimal.rawValue: return "optimal"
        case PlanStatus.feasible.rawValue: return gap.map { "gap \(decimal(100 * $0, 2))%" } ?? "feasible"
        case PlanStatus.infeasible.rawValue: return "infeasible"
        case PlanStatus.noSolution.rawValue: return "no solution"
        case PlanStatus.interrupted.rawValue: return "interrupted"
        default: return "failed"
        }
    }
}

extension TradeoffReport {
    var isMaxChanges: Bool { parameter == TradeoffSweep.Parameter.maxChanges.rawValue }

    /// What was swept and what every point keeps, in a sentence.
    public var sweepSentence: String {
        if isMaxChanges {
            return "Each point allows at most N new officer–commune pairs (rules.maxChanges = N); continuity still costs "
                + "\(decimal(changeWeight, 2)) points per new pair, so a point uses fewer moves when an extra one gains less."
        }
        return "Each point sets the points per new officer–commune pair (weights.change = W); "
            + (maxChanges.map { "at most \($0) new pairs." } ?? "no limit on new pairs.")
    }

    func valueText(_ v: Double) -> String { isMaxChanges ? decimal(v, 0) : decimal(v, 2, grouping: true) }

    func table() -> TextTable {
        var t = TextTable(header: [isMaxChanges ? "Max changes" : "Weight", "Status", "Moves", "Uncovered", "Coverage", "Balance", "Travel",
                                   "Without continuity", "Gain per move", "Objective"],
                          rightAligned: [0, 2, 3, 4, 5, 6, 7, 8, 9])
        func c(_ x: Double?) -> String { x.map { decimal($0, 2, grouping: true) } ?? "—" }
        for p in points {
            t.rows.append([valueText(p.value), p.shortStatus, p.moves.map(String.init) ?? "—",
                           p.after.map { String($0.values.uncoveredNeeds) } ?? "—",
                           c(p.after?.points[ObjectiveTerm.coverage.rawValue]), c(p.balance), c(p.after?.points[ObjectiveTerm.travel.rawValue]),
                           c(p.withoutContinuity), p.gainPerMove.map { decimal($0, 2, grouping: true) } ?? "", c(p.objective)])
        }
        return t
    }

    var notes: [String] {
        points.flatMap { p in p.reasons.map { "\(valueText(p.value)): \($0)" } }
    }

    static let legend = "Coverage, Balance (mountain + workload) and Travel are objective points; Without continuity is their sum; "
        + "Gain per move is how many of those points each extra move buys, against the previous point with a plan."

    /// The human report: what was swept, the table of points, and why some points have no plan.
    public func text() -> String {
        var out = "DiaBan tradeoff — \(scenario)\n\n" + sweepSentence + "\n\n" + table().render() + "\n" + Self.legend + "\n"
        if !notes.isEmpty {
            out += "\nWhy some points have no valid plan:\n"
            for n in notes { out += "  - \(n)\n" }
        }
        return out
    }

    /// The same report as Markdown.
    public func markdown() -> String {
        var out = "# DiaBan tradeoff — \(scenario)\n\n" + sweepSentence + "\n\n" + table().markdown() + "\n" + Self.legend + "\n"
        if !notes.isEmpty {
            out += "\n## Why some points have no valid plan\n\n"
            for n in notes { out += "- \(n)\n" }
        }
        return out
    }

    /// One line per point.
    public func csv() -> String {
        var out = csvLine([parameter, "status", "gap", "moves", "communes_moved", "uncovered_needs", "coverage_points", "mountain_balance_points",
                           "workload_balance_points", "travel_points", "travel_km", "continuity_points", "without_continuity", "gain_per_move", "objective"])
        for p in points {
            let pts = p.after?.points
            out += csvLine([plainNumber(p.value), p.status, plainNumber(p.gap), p.moves.map(String.init) ?? "", p.communesMoved.map(String.init) ?? "",
                            p.after.map { String($0.values.uncoveredNeeds) } ?? "", plainNumber(pts?[ObjectiveTerm.coverage.rawValue]),
                            plainNumber(pts?[ObjectiveTerm.mountainBalance.rawValue]), plainNumber(pts?[ObjectiveTerm.workloadBalance.rawValue]),
                            plainNumber(pts?[ObjectiveTerm.travel.rawValue]), plainNumber(p.after.map { ($0.values.travelKm * 100).rounded() / 100 }),
                            plainNumber(pts?[ObjectiveTerm.changes.rawValue]), plainNumber(p.withoutContinuity), plainNumber(p.gainPerMove), plainNumber(p.objective)])
        }
        return out
    }

    /// The Pareto curve as a self-contained SVG: moves across, points up, one panel per term.
    public func svg() -> String {
        let solved = points.filter { $0.moves != nil && $0.after != nil }.sorted { ($0.moves!, $0.value) < ($1.moves!, $1.value) }
        func series(_ name: String, _ color: String, _ y: (TradeoffReport.Point) -> Double?) -> SVGLineChart.Series {
            SVGLineChart.Series(name: name, color: color, points: solved.compactMap { p in
                guard let v = y(p), let m = p.moves else { return nil }
                let status = p.status == PlanStatus.optimal.rawValue ? "optimal" : p.shortStatus
                return SVGLineChart.Point(x: Double(m), y: v, tooltip: "\(isMaxChanges ? "at most" : "weight") \(valueText(p.value)): \(m) moves, \(decimal(v, 2, grouping: true)) points (\(status))")
            })
        }
        let chart = SVGLineChart(
            title: "What each extra move buys — \(scenario)",
            subtitle: isMaxChanges ? "Each dot: the best plan with at most N new pairs; lower is better." : "Each dot: the best plan at one continuity weight; lower is better.",
            xLabel: "moves (new officer–commune pairs in the plan)",
            panels: [
                .init(title: "Coverage + balance + travel (points)", series: [series("total", "#1f4e79") { $0.withoutContinuity }]),
                .init(title: "Specialty coverage (points)", series: [series("coverage", "#b03a2e") { $0.after?.points[ObjectiveTerm.coverage.rawValue] }]),
                .init(title: "Balance: mountain + workload (points)", series: [series("balance", "#1e8449") { $0.balance }]),
                .init(title: "Travel (points)", series: [series("travel", "#7d3c98") { $0.after?.points[ObjectiveTerm.travel.rawValue] }]),
            ])
        return chart.render()
    }
}
