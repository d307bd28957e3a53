import Planning

extension HTMLComparison {
    /// The comparison of `diaban compare` (its `diaban.compare/1` document) and, when given,
    /// the curve of `diaban tradeoff` (`diaban.tradeoff/1`) as the trade-off chart.
    public init(compare: CompareReport?, tradeoff: TradeoffReport? = nil) {
        var rows: [Row] = []
        for row in compare?.rows ?? [] {
            var key = row.key
            if key == "objective" { key = "total" }
            if key.hasPrefix("points.") { key.removeFirst("points.".count) }
            let better: Row.Better?
            switch key {
            case "minUtilisation": better = .higher
            case "activeOfficers", "activeCapacity", "workload", "specialtyNeeds": better = nil
            default: better = .lower
            }
            rows.append(Row(metric: HTMLComparison.knownMetrics.contains(key) || HTMLComparison.scenarioFacts.contains(key) ? key : row.label,
                            values: row.values, places: row.decimals, better: better))
        }
        self.init(scenarios: compare?.scenarios.map(\.label) ?? [], rows: rows, tradeOff: tradeoff.flatMap(Self.tradeOff))
    }

    /// New pairs against the points the moves buy (coverage, balance and travel), one point per
    /// value of the swept setting that has a plan, joined in sweep order.
    static func tradeOff(_ t: TradeoffReport) -> TradeOff? {
        let parameter = t.parameter == "maxChanges" ? "≤ " : "w = "
        let points = t.points.compactMap { p -> TradeOff.Point? in
            guard let moves = p.moves, let y = p.withoutContinuity else { return nil }
            return TradeOff.Point(label: parameter + decimal(p.value, p.value.rounded() == p.value ? 0 : 1), x: Double(moves), y: y)
        }
        guard !points.isEmpty else { return nil }
        return TradeOff(xMetric: "newPairs", yMetric: "withoutContinuity", points: points, connect: true)
    }

    /// Keys of `diaban compare` rows that describe the scenario rather than its plan.
    static let scenarioFacts = ["activeOfficers", "activeCapacity", "workload", "specialtyNeeds", "withoutContinuity"]
}
