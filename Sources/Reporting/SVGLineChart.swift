import Foundation

/// A line chart as a self-contained SVG document: panels stacked one above the other, all
/// sharing the x axis, each with its own y axis (small multiples, so that terms of very
/// different sizes stay readable). No scripts, fonts or images from elsewhere; the same
/// input gives the same bytes.
public struct SVGLineChart: Sendable {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        /// Shown when the pointer rests on the point.
        public var tooltip: String
        public init(x: Double, y: Double, tooltip: String = "") {
            self.x = x
            self.y = y
            self.tooltip = tooltip
        }
    }
    public struct Series: Sendable {
        public var name: String
        /// A CSS colour, e.g. `#1f77b4`.
        public var color: String
        public var points: [Point]
        public init(name: String, color: String, points: [Point]) {
            self.name = name
            self.color = color
            self.points = points
        }
    }
    public struct Panel: Sendable {
        public var title: String
        public var series: [Series]
        public init(title: String, series: [Series]) {
            self.title = title
            self.series = series
        }
    }

    public var title: String
    public var subtitle: String
    public var xLabel: String
    public var panels: [Panel]
    public var width = 760.0
    public var panelHeight = 190.0

    public init(title: String, subtitle: String = "", xLabel: String, panels: [Panel]) {
        self.title = title
        self.subtitle = subtitle
        self.xLabel = xLabel
        self.panels = panels
    }

    static let left = 84.0, right = 24.0

    public func render() -> String {
        let top = subtitle.isEmpty ? 44.0 : 62.0
        let height = top + Double(panels.count) * panelHeight + 40
        let allX = panels.flatMap { $0.series.flatMap { $0.points.map(\.x) } }
        let xAxis = Axis(allX, integral: true)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" \
            font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(n(Self.left))" y="24" font-size="16" font-weight="bold">\(svgEscape(title))</text>

            """
        if !subtitle.isEmpty { out += "<text x=\"\(n(Self.left))\" y=\"44\" fill=\"#444444\">\(svgEscape(subtitle))</text>\n" }
        for (i, panel) in panels.enumerated() {
            out += render(panel, y0: top + Double(i) * panelHeight, xAxis: xAxis, last: i == panels.count - 1)
        }
        out += "</svg>\n"
        return out
    }

    private func render(_ panel: Panel, y0: Double, xAxis: Axis, last: Bool) -> String {
        let plotTop = y0 + 22, plotBottom = y0 + panelHeight - 30
        let plotLeft = Self.left, plotRight = width - Self.right
        let yAxis = Axis(panel.series.flatMap { $0.points.map(\.y) }, integral: false)
        func px(_ x: Double) -> Double { plotLeft + (x - xAxis.low) / (xAxis.high - xAxis.low) * (plotRight - plotLeft) }
        func py(_ y: Double) -> Double { plotBottom - (y - yAxis.low) / (yAxis.high - yAxis.low) * (plotBottom - plotTop) }

        var out = "<g>\n<text x=\"\(n(plotLeft))\" y=\"\(n(y0 + 14))\" font-weight=\"bold\">\(svgEscape(panel.title))</text>\n"
        for tick in yAxis.ticks {
            let y = py(tick)
            out += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(y))\" x2=\"\(n(plotRight))\" y2=\"\(n(y))\" stroke=\"#e3e3e3\"/>\n"
            out += "<text x=\"\(n(plotLeft - 6))\" y=\"\(n(y + 4))\" text-anchor=\"end\" fill=\"#444444\">\(yAxis.label(tick))</text>\n"
        }
        for tick in xAxis.ticks {
            let x = px(tick)
            out += "<line x1=\"\(n(x))\" y1=\"\(n(plotBottom))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom + 4))\" stroke=\"#888888\"/>\n"
            out += "<text x=\"\(n(x))\" y=\"\(n(plotBottom + 17))\" text-anchor=\"middle\" fill=\"#444444\">\(xAxis.label(tick))</text>\n"
        }
        out += "<rect x=\"\(n(plotLeft))\" y=\"\(n(plotTop))\" width=\"\(n(plotRight - plotLeft))\" height=\"\(n(plotBottom - plotTop))\" fill=\"none\" stroke=\"#888888\"/>\n"
        if panel.series.allSatisfy({ $0.points.isEmpty }) {
            out += "<text x=\"\(n((plotLeft + plotRight) / 2))\" y=\"\(n((plotTop + plotBottom) / 2))\" text-anchor=\"middle\" fill=\"#888888\">no point to show</text>\n"
        }
        for series in panel.series where !series.points.isEmpty {
            let path = series.points.map { "\(n(px($0.x))),\(n(py($0.y)))" }.joined(separator: " ")
            out += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(svgEscape(series.color))\" stroke-width=\"2\"/>\n"
            for p in series.points {
                out += "<circle cx=\"\(n(px(p.x)))\" cy=\"\(n(py(p.y)))\" r=\"3.5\" fill=\"\(svgEscape(series.color))\">"
                out += "<title>\(svgEscape(p.tooltip.isEmpty ? "\(xAxis.label(p.x)): \(yAxis.label(p.y))" : p.tooltip))</title></circle>\n"
            }
        }
        if panel.series.count > 1 {
            for (k, series) in panel.series.enumerated() {
                let y = plotTop + 14 + Double(k) * 16
                out += "<line x1=\"\(n(plotRight - 150))\" y1=\"\(n(y - 4))\" x2=\"\(n(plotRight - 132))\" y2=\"\(n(y - 4))\" stroke=\"\(svgEscape(series.color))\" stroke-width=\"2\"/>\n"
                out += "<text x=\"\(n(plotRight - 126))\" y=\"\(n(y))\">\(svgEscape(series.name))</text>\n"
            }
        }
        if last {
            out += "<text x=\"\(n((plotLeft + plotRight) / 2))\" y=\"\(n(plotBottom + 34))\" text-anchor=\"middle\">\(svgEscape(xLabel))</text>\n"
        }
        return out + "</g>\n"
    }
}

/// A linear axis: a range widened to round ticks (1, 2 or 5 times a power of ten).
private struct Axis {
    let low: Double, high: Double, step: Double
    let ticks: [Double]

    init(_ values: [Double], integral: Bool) {
        var lo = values.min() ?? 0, hi = values.max() ?? 1
        if hi - lo < 1e-9 {
            let pad = max(1, abs(lo) * 0.1)
            lo -= pad
            hi += pad
        }
        var step = Self.niceStep((hi - lo) / 4)
        if integral { step = max(1, step.rounded()) }
        low = (lo / step).rounded(.down) * step
        high = max((hi / step).rounded(.up) * step, low + step)
        self.step = step
        var ticks: [Double] = []
        var t = low
        while t <= high + step * 1e-6 {
            ticks.append(t)
            t += step
        }
        self.ticks = ticks
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        let f = raw / power
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power
    }

    func label(_ value: Double) -> String {
        let places = step >= 1 ? 0 : min(6, Int((-log10(step)).rounded(.up)))
        return decimal(value, places, grouping: true)
    }
}

/// A coordinate with at most one decimal, locale-independent.
private func n(_ x: Double) -> String {
    let s = decimal(x, 1)
    return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
}

/// Text for SVG/XML content and attribute values.
private func svgEscape(_ s: String) -> String {
    var out = ""
    for ch in s {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(ch)
        }
    }
    return out
}
