import DiaBanCore
import Foundation
import Planning

/// What the HTML report needs to show scenarios side by side: one column per scenario, one
/// row per metric, and optionally a trade-off chart. A comparison command builds it (for
/// example with ``init(reports:)``) and passes it to ``HTMLReport/render(solve:scenario:lang:comparison:)``.
public struct HTMLComparison: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public enum Better: String, Sendable, Equatable { case lower, higher }
        /// A metric key the report has words for (see ``HTMLComparison/knownMetrics``), or any label.
        public var metric: String
        /// One value per scenario, `nil` where a scenario has none (no plan).
        public var values: [Double?]
        public var places: Int
        /// Which way is better; the best value of the row is marked.
        public var better: Better?
        public init(metric: String, values: [Double?], places: Int = 0, better: Better? = .lower) {
            self.metric = metric
            self.values = values
            self.places = places
            self.better = better
        }
    }

    /// A scatter of scenarios (or of a weight sweep) on two metrics.
    public struct TradeOff: Sendable, Equatable {
        public struct Point: Sendable, Equatable {
            public var label: String
            public var x: Double
            public var y: Double
            /// Drawn larger and darker (the recommended or current scenario).
            public var highlighted: Bool
            public init(label: String, x: Double, y: Double, highlighted: Bool = false) {
                self.label = label
                self.x = x
                self.y = y
                self.highlighted = highlighted
            }
        }
        public var xMetric: String
        public var yMetric: String
        public var points: [Point]
        /// Join the points in the given order (a Pareto front, a sweep of one weight).
        public var connect: Bool
        public init(xMetric: String, yMetric: String, points: [Point], connect: Bool = false) {
            self.xMetric = xMetric
            self.yMetric = yMetric
            self.points = points
            self.connect = connect
        }
    }

    public var scenarios: [String]
    public var rows: [Row]
    public var tradeOff: TradeOff?

    public init(scenarios: [String], rows: [Row], tradeOff: TradeOff? = nil) {
        self.scenarios = scenarios
        self.rows = rows
        self.tradeOff = tradeOff
    }

    /// The standard rows for solved scenarios: the objective terms and the province's KPIs of
    /// each plan (of the current assignment where a scenario has no plan).
    public init(reports: [(name: String, report: SolveReport)], tradeOff: TradeOff? = nil) {
        func terms(_ r: SolveReport) -> SolveReport.Terms { r.after ?? r.before }
        func province(_ r: SolveReport) -> KPIs.ProvinceKPI { (r.kpis ?? r.kpisBefore).province }
        var rows: [Row] = [Row(metric: "total", values: reports.map { terms($0.report).total }, places: 1)]
        for term in ObjectiveTerm.allCases {
            rows.append(Row(metric: term.rawValue, values: reports.map { terms($0.report).points[term.rawValue] ?? 0 }, places: 1))
        }
        rows += [
            Row(metric: "uncoveredNeeds", values: reports.map { Double(province($0.report).uncoveredNeeds) }),
            Row(metric: "overloadedOfficers", values: reports.map { Double(province($0.report).overloadedOfficers) }),
            Row(metric: "maxUtilisation", values: reports.map { province($0.report).maxUtilisation }, places: 1),
            Row(metric: "minUtilisation", values: reports.map { province($0.report).minUtilisation }, places: 1, better: .higher),
            Row(metric: "mountainDeviation", values: reports.map { terms($0.report).values.mountainDeviation }, places: 2),
            Row(metric: "kmPerYear", values: reports.map { province($0.report).kmPerYear }),
            Row(metric: "moves", values: reports.map { Double(province($0.report).moves) }),
        ]
        self.init(scenarios: reports.map(\.name), rows: rows, tradeOff: tradeOff)
    }

    /// Metric keys with words in both languages.
    public static let knownMetrics = ["total"] + ObjectiveTerm.allCases.map(\.rawValue) + [
        "uncoveredNeeds", "overloadedOfficers", "maxUtilisation", "minUtilisation", "mountainShareSpread",
        "mountainDeviation", "workloadDeviation", "kmPerYear", "moves", "newPairs",
    ]

}

extension HTMLLabels {
    /// Words for a metric key; an unknown key is its own label.
    func metric(_ key: String) -> String {
        if let term = ObjectiveTerm(rawValue: key) { return termNames[term] ?? key }
        switch key {
        case "total": return totalPoints
        case "uncoveredNeeds": return uncoveredNeeds
        case "overloadedOfficers": return overloadedOfficers
        case "maxUtilisation": return largestUtilisation
        case "minUtilisation": return smallestUtilisation
        case "mountainShareSpread": return mountainShareSpread
        case "mountainDeviation": return mountainOutsideBand
        case "workloadDeviation": return workloadOutsideBand
        case "kmPerYear": return kmPerYear
        case "moves": return communesMoved
        default: return moreMetrics[key] ?? key
        }
    }
}

extension HTMLPage {
    func comparisonSection(_ c: HTMLComparison) -> String {
        var out = "<section class=\"comparison\">\n<h2>\(HTML.escape(t.comparisonSection))</h2>\n"
        if !c.rows.isEmpty { out += comparisonTable(c) }
        if let chart = c.tradeOff, !chart.points.isEmpty { out += tradeOffChart(chart) }
        return out + "</section>\n"
    }

    func comparisonTable(_ c: HTMLComparison) -> String {
        var out = "<table class=\"num cmp\">\n<thead><tr><th>\(HTML.escape(t.metric))</th>"
        for s in c.scenarios { out += "<th>\(HTML.escape(s))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in c.rows {
            let present = row.values.compactMap { $0.map { Double(decimal($0, row.places)) ?? $0 } }
            let best: Double? = row.better.flatMap { b in present.count > 1 && Set(present).count > 1 ? (b == .lower ? present.min() : present.max()) : nil }
            out += "<tr><th>\(HTML.escape(t.metric(row.metric)))</th>"
            for i in c.scenarios.indices {
                let v = i < row.values.count ? row.values[i] : nil
                let isBest = v.map { (Double(decimal($0, row.places)) ?? $0) == best } ?? false
                out += "<td\(isBest ? " class=\"best\" title=\"\(HTML.escape(t.bestInRow))\"" : "")>\(v.map { lang.number($0, row.places) } ?? "—")</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// A scatter chart with axes, round ticks and a label per point.
    func tradeOffChart(_ c: HTMLComparison.TradeOff) -> String {
        let w = 720.0, h = 400.0, left = 84.0, right = 24.0, top = 20.0, bottom = 56.0
        let xs = c.points.map(\.x), ys = c.points.map(\.y)
        let xTicks = Self.niceTicks(xs.min()!, xs.max()!), yTicks = Self.niceTicks(ys.min()!, ys.max()!)
        let x0 = xTicks.first!, x1 = xTicks.last!, y0 = yTicks.first!, y1 = yTicks.last!
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * (w - left - right) }
        func py(_ y: Double) -> Double { h - bottom - (y - y0) / (y1 - y0) * (h - top - bottom) }
        let places = { (ticks: [Double]) -> Int in
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
            return step >= 1 ? 0 : Int((-log10(step)).rounded(.up))
        }
        var out = "<figure class=\"chart\">\n<figcaption>\(HTML.escape(t.tradeOff))</figcaption>\n"
        out += "<svg class=\"tradeoff\" viewBox=\"0 0 \(svgNumber(w)) \(svgNumber(h))\" role=\"img\" aria-label=\"\(HTML.escape(t.tradeOff))\">\n<g class=\"axes\">\n"
        for x in xTicks {
            out += "<line x1=\"\(svgNumber(px(x)))\" y1=\"\(svgNumber(top))\" x2=\"\(svgNumber(px(x)))\" y2=\"\(svgNumber(h - bottom))\"/>"
            out += "<text class=\"tx\" x=\"\(svgNumber(px(x)))\" y=\"\(svgNumber(h - bottom + 18))\">\(lang.number(x, places(xTicks)))</text>\n"
        }
        for y in yTicks {
            out += "<line x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(py(y)))\" x2=\"\(svgNumber(w - right))\" y2=\"\(svgNumber(py(y)))\"/>"
            out += "<text class=\"ty\" x=\"\(svgNumber(left - 8))\" y=\"\(svgNumber(py(y) + 4))\">\(lang.number(y, places(yTicks)))</text>\n"
        }
        out += "<text class=\"xl\" x=\"\(svgNumber((left + w - right) / 2))\" y=\"\(svgNumber(h - 10))\">\(HTML.escape(t.metric(c.xMetric)))</text>"
        out += "<text class=\"yl\" transform=\"translate(18 \(svgNumber((top + h - bottom) / 2))) rotate(-90)\">\(HTML.escape(t.metric(c.yMetric)))</text>\n</g>\n"
        if c.connect, c.points.count > 1 {
            out += "<polyline class=\"front\" points=\"" + c.points.map { "\(svgNumber(px($0.x))),\(svgNumber(py($0.y)))" }.joined(separator: " ") + "\"/>\n"
        }
        for p in c.points {
            out += "<g class=\"pt\(p.highlighted ? " hi" : "")\"><title>\(HTML.escape("\(p.label): \(t.metric(c.xMetric)) \(lang.number(p.x, 2)); \(t.metric(c.yMetric)) \(lang.number(p.y, 2))"))</title>"
            out += "<circle cx=\"\(svgNumber(px(p.x)))\" cy=\"\(svgNumber(py(p.y)))\" r=\"\(p.highlighted ? "7" : "5")\"/>"
            let nearRight = px(p.x) > left + 0.8 * (w - left - right)
            out += "<text x=\"\(svgNumber(px(p.x) + (nearRight ? -9 : 9)))\" y=\"\(svgNumber(py(p.y) - 8))\"\(nearRight ? " text-anchor=\"end\"" : "")>\(HTML.escape(p.label))</text></g>\n"
        }
        return out + "</svg>\n</figure>\n"
    }

    /// Round tick values (steps of 1, 2 or 5 times a power of ten) covering [lo, hi], about five.
    static func niceTicks(_ lo: Double, _ hi: Double) -> [Double] {
        var lo = lo, hi = hi
        if hi - lo < 1e-9 { let pad = max(abs(lo) * 0.1, 1); lo -= pad; hi += pad }
        let raw = (hi - lo) / 5
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        let start = floor(lo / step) * step, end = ceil(hi / step) * step
        var ticks: [Double] = []
        var v = start
        while v <= end + step * 1e-6 { ticks.append((v / step).rounded() * step); v += step }
        return ticks
    }
}
