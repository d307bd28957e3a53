import Advice
import DiaBanCore
import Planning

/// Staffing advice as one self-contained HTML page, in the report's style: the baseline, a bar
/// chart and a ranked table of gains for each kind of action, the joint choice, a map of where
/// hires are based and which communes the top actions serve, and the combination's plan
/// against the current assignment. Vietnamese by default; no network request; numbers with
/// fixed decimals, so the same advice gives the same bytes.
public enum AdviceHTML {
    /// The combination of the joint choice solved as a what-if (``Advisor/combination(_:advice:request:)``).
    public struct Combination: Sendable {
        public var scenario: Scenario
        public var outcome: PlanOutcome
        public init(scenario: Scenario, outcome: PlanOutcome) {
            self.scenario = scenario
            self.outcome = outcome
        }
    }

    /// How many top actions of each kind the map marks.
    static let mappedPerKind = 3

    /// The advice page. `top` limits the actions listed per kind (as the text report);
    /// `combination`, when given, adds the combination's map and its changes.
    public static func render(_ advice: Advice, scenario: Scenario, top: Int = 10, lang: ReportLanguage = .vi,
                              combination: Combination? = nil, headquartersName: String? = nil) -> String {
        let report = AdviceReport(advice, scenario: scenario, top: top)
        let w = AdviceLabels.of(lang)
        let gains = Dictionary(advice.singles.map { ($0.action.key, $0) }, uniquingKeysWith: { a, _ in a })
        var body = header(scenario, lang: lang, kicker: w.title)
        body += "<p class=\"status \(tone(report.baseline.status))\"><b>\(HTML.escape(w.baseline)):</b> "
        body += HTML.escape(w.statusWord(report.baseline.status)) + pointsText(report.baseline.objective, bound: report.baseline.bound, lang: lang, w: w) + "</p>\n"
        let budgets = AdviceAction.Kind.allCases.compactMap { k in report.budgets[k.rawValue].map { "\(w.kind(k)) \($0)" } }
        body += "<p class=\"lede\"><b>\(HTML.escape(w.budgets)):</b> \(HTML.escape(budgets.joined(separator: " · ")))</p>\n"
        body += "<p class=\"lede\" id=\"ranking\">\(HTML.escape(w.ranking(report.ranking)))</p>\n"
        body += "</header>\n"

        for kind in AdviceAction.Kind.allCases {
            let list = report.singles.filter { $0.kind == kind.rawValue }
            guard !list.isEmpty else { continue }
            let left = report.screenedOut[kind.rawValue] ?? 0
            body += "<section class=\"kind\" id=\"kind-\(kind.rawValue)\">\n<h2>\(HTML.escape(w.kindTitle(kind, report.priced[kind.rawValue] ?? 0)))</h2>\n"
            if left > 0 { body += "<p class=\"caption\">\(HTML.escape(w.leftOut(left)))</p>\n" }
            let bars = list.map { s in
                Bar(label: "\(s.rank). " + (gains[s.key].map { describe($0.action, scenario, lang: lang) } ?? s.action),
                    value: s.gain, low: s.exact || s.screenedOut ? nil : s.gainLow, high: s.exact || s.screenedOut ? nil : s.gainHigh)
            }
            body += "<figure class=\"chart\"><figcaption>\(HTML.escape(w.chartCaption))</figcaption>\n"
            body += barCharts(bars, lang: lang, label: w.gainAxis, id: "bars-\(kind.rawValue)") + "</figure>\n"
            body += singlesTable(list, gains: gains, scenario: scenario, lang: lang, w: w)
            body += "</section>\n"
        }

        if let j = report.joint, let joint = advice.joint {
            body += jointSection(j, joint: joint, advice: advice, scenario: scenario, lang: lang, w: w)
        }
        body += actionsMapSection(report, gains: gains, baseline: advice.baselineOutcome, scenario: scenario, lang: lang, w: w, headquartersName: headquartersName)
        if let combination {
            var page = HTMLPage(solve: SolveReport(combination.outcome, scenario: combination.scenario), scenario: combination.scenario, lang: lang)
            page.headquartersName = headquartersName
            page.t.after = w.combination
            page.t.proposalSection = w.combinationChanges
            page.t.mapSection = w.combinationMap
            body += "<section class=\"combination\" id=\"combination\">\n<h2>\(HTML.escape(w.combinationTitle))</h2>\n"
            body += "<p class=\"caption\">\(HTML.escape(w.combinationIntro))</p>\n"
            body += page.mapSection() + page.proposalSection() + "</section>\n"
        }
        body += "<footer>\(HTML.escape(w.footer)) <code>\(HTML.escape(report.schema))</code>.</footer>\n"
        return document(title: w.title + " — " + scenario.name(english: lang == .en), lang: lang, body: body)
    }

    /// The resilience page: each officer's departure priced, and the bench per specialty.
    public static func render(_ resilience: Resilience, scenario: Scenario, lang: ReportLanguage = .vi) -> String {
        let report = ResilienceReport(resilience, scenario: scenario)
        let w = AdviceLabels.of(lang)
        let t = HTMLLabels.of(lang)
        var body = header(scenario, lang: lang, kicker: w.resilienceTitle)
        body += "<p class=\"status \(tone(resilience.baseline.status.rawValue))\"><b>\(HTML.escape(w.baseline)):</b> "
        body += HTML.escape(w.statusWord(resilience.baseline.status.rawValue))
            + pointsText(report.baselineObjective, bound: resilience.baseline.bound.map(r2), lang: lang, w: w) + "</p>\n"
        body += "<p class=\"lede\">\(HTML.escape(w.departureIntro))</p>\n</header>\n"

        body += "<section class=\"departures\" id=\"departures\">\n<h2>\(HTML.escape(w.departures))</h2>\n"
        let bars = report.departures.map { d in
            Bar(label: "\(d.name) (\(d.officer))", value: d.cost, low: d.costLow == d.costHigh ? nil : d.costLow, high: d.costLow == d.costHigh ? nil : d.costHigh)
        }
        body += "<figure class=\"chart\"><figcaption>\(HTML.escape(w.departureChart))</figcaption>\n"
        body += barCharts(bars, lang: lang, label: w.costAxis, id: "bars-departures") + "</figure>\n"
        body += "<table class=\"adv\">\n<thead><tr><th>\(HTML.escape(t.officer))</th><th class=\"r\">\(HTML.escape(w.cost))</th><th>\(HTML.escape(w.interval))</th>"
        body += "<th>\(HTML.escape(w.lastQualified))</th><th>\(HTML.escape(w.noPlanBecause))</th></tr></thead>\n<tbody>\n"
        for d in report.departures {
            body += "<tr><td>\(HTML.escape(d.name)) <span class=\"id\">\(HTML.escape(d.officer))</span></td>"
            body += "<td class=\"r\">\(d.cost.map { lang.number($0, 2) } ?? HTML.escape(w.noValidPlan))</td>"
            body += "<td>\(d.cost == nil ? "—" : d.costLow == d.costHigh ? HTML.escape(w.exact) : interval(d.costLow, d.costHigh, lang))</td>"
            body += "<td>\(d.lastQualifiedFor.isEmpty ? "—" : HTML.escape(d.lastQualifiedFor.map { need in communeNeed(need, scenario, t) }.joined(separator: "; ")))</td>"
            body += "<td>\(d.reasons.isEmpty ? "—" : d.reasons.map(HTML.escape).joined(separator: "<br>"))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n</section>\n"

        body += "<section class=\"bench\" id=\"bench\">\n<h2>\(HTML.escape(w.bench))</h2>\n"
        body += "<table class=\"adv\">\n<thead><tr><th>\(HTML.escape(w.specialty))</th><th class=\"r\">\(HTML.escape(w.holders))</th><th class=\"r\">\(HTML.escape(w.communesNeeding))</th>"
        body += "<th>\(HTML.escape(w.withoutHolder))</th><th class=\"r\">\(HTML.escape(w.spareCapacity))</th><th>\(HTML.escape(w.cheapestTraining))</th></tr></thead>\n<tbody>\n"
        for (b, value) in zip(report.bench, resilience.bench) {
            let training = value.cheapestTraining.map { describe($0, scenario, lang: lang) + (b.cheapestTrainingCost.map { " (" + w.cost + " " + lang.number($0, 2) + ")" } ?? "") }
            body += "<tr><td>\(HTML.escape(t.specialty(b.specialty)))</td><td class=\"r\">\(b.holders.count)</td><td class=\"r\">\(b.communesNeeding)</td>"
            body += "<td>\(b.communesWithoutHolder.isEmpty ? "—" : HTML.escape(b.communesWithoutHolder.map { communeName($0, scenario) }.joined(separator: ", ")))</td>"
            body += "<td class=\"r\">\(lang.number(b.holdersSpareCapacity, 2))</td><td>\(training.map(HTML.escape) ?? "—")</td></tr>\n"
        }
        body += "</tbody>\n</table>\n</section>\n"
        body += "<footer>\(HTML.escape(w.footer)) <code>\(HTML.escape(report.schema))</code>.</footer>\n"
        return document(title: w.resilienceTitle + " — " + scenario.name(english: lang == .en), lang: lang, body: body)
    }

    /// The bar chart of one kind's gains, alone (the workspace shows it beside its own tables);
    /// `narrow`: the layout for a phone's width, each label above its bar.
    public static func chart(
        _ advice: Advice, kind: AdviceAction.Kind, scenario: Scenario, top: Int = 10, lang: ReportLanguage = .vi, narrow: Bool = false
    ) -> String {
        let report = AdviceReport(advice, scenario: scenario, top: top)
        let gains = Dictionary(advice.singles.map { ($0.action.key, $0) }, uniquingKeysWith: { a, _ in a })
        let bars = report.singles.filter { $0.kind == kind.rawValue }.map { s in
            Bar(label: "\(s.rank). " + (gains[s.key].map { describe($0.action, scenario, lang: lang) } ?? s.action),
                value: s.gain, low: s.exact || s.screenedOut ? nil : s.gainLow, high: s.exact || s.screenedOut ? nil : s.gainHigh)
        }
        // A file of its own: the namespace and the chart's style inside it.
        return barChart(bars, lang: lang, label: AdviceLabels.of(lang).gainAxis, id: "bars-\(kind.rawValue)", standalone: true, narrow: narrow)
    }

    // MARK: Pieces

    static func document(title: String, lang: ReportLanguage, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(HTMLLabels.of(lang).htmlLang)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="DiaBan">
        <title>\(HTML.escape(title))</title>
        <style>
        \(HTMLStyle.css)\(css)</style>
        </head>
        <body>
        <main>
        \(body)</main>
        <script>
        \(HTMLStyle.script)</script>
        </body>
        </html>

        """
    }

    static func header(_ scenario: Scenario, lang: ReportLanguage, kicker: String) -> String {
        var out = "<header class=\"top\">\n<p class=\"kicker\">\(HTML.escape(kicker))</p>\n"
        out += "<h1>\(HTML.escape(scenario.name(english: lang == .en)))</h1>\n"
        let description = scenario.description(english: lang == .en)
        if !description.isEmpty { out += "<p class=\"lede\">\(HTML.escape(description))</p>\n" }
        return out
    }

    static func tone(_ status: String) -> String {
        status == PlanStatus.optimal.rawValue || status == PlanStatus.feasible.rawValue ? "ok" : "bad"
    }

    static func pointsText(_ objective: Double?, bound: Double?, lang: ReportLanguage, w: AdviceLabels) -> String {
        var out = ""
        if let objective { out += " · " + lang.number(objective, 2) + " " + HTML.escape(w.points) }
        if let bound { out += " · " + HTML.escape(w.bound) + " " + lang.number(bound, 2) }
        return out
    }

    static func interval(_ low: Double?, _ high: Double?, _ lang: ReportLanguage) -> String {
        "[" + (low.map { lang.number($0, 2) } ?? "—") + "; " + (high.map { lang.number($0, 2) } ?? "—") + "]"
    }

    static func communeName(_ code: String, _ scenario: Scenario) -> String {
        scenario.communes.first { $0.code == code }.map { "\($0.name) (\(code))" } ?? code
    }

    /// "CODE specialty" of the resilience report, in words.
    static func communeNeed(_ need: String, _ scenario: Scenario, _ t: HTMLLabels) -> String {
        let parts = need.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return need }
        return communeName(parts[0], scenario) + ": " + t.specialty(parts[1])
    }

    /// An action in the page's words.
    public static func describe(_ action: AdviceAction, _ scenario: Scenario, lang: ReportLanguage) -> String {
        guard lang == .vi else { return AdviceReport.describe(action, scenario) }
        let t = HTMLLabels.of(lang)
        func officer(_ id: String) -> String { scenario.officers.first { $0.id == id }.map { "\($0.name) (\(id))" } ?? id }
        switch action {
        case .train(let o, let s): return "Đào tạo \(officer(o)) về \(t.specialty(s.rawValue))"
        case .hire(let place, let specialties, let capacity):
            let at = switch place {
            case .headquarters: "tại trụ sở Tỉnh ủy"
            case .commune(let code): "đặt nơi làm việc tại \(communeName(code, scenario))"
            }
            let with = specialties.isEmpty ? "không chuyên môn" : "chuyên môn " + specialties.map { t.specialty($0.rawValue) }.joined(separator: ", ")
            return "Tuyển mới \(at), \(with), định mức \(lang.number(capacity, 2))"
        case .moveBase(let o, let c): return "Chuyển nơi làm việc của \(officer(o)) đến \(communeName(c, scenario))"
        case .addCapacity(let o, let units): return "Tăng định mức của \(officer(o)) thêm \(lang.number(units, 2)) đơn vị"
        }
    }

    static func singlesTable(_ list: [AdviceReport.Single], gains: [String: ActionGain], scenario: Scenario, lang: ReportLanguage, w: AdviceLabels) -> String {
        let t = HTMLLabels.of(lang)
        var out = "<table class=\"adv\">\n<thead><tr><th class=\"r\">#</th><th>\(HTML.escape(w.action))</th><th class=\"r\">\(HTML.escape(w.gain))</th>"
        out += "<th>\(HTML.escape(w.interval))</th><th class=\"r\">\(HTML.escape(t.uncoveredNeeds))</th><th class=\"r\">\(HTML.escape(t.mountainOutsideBand))</th>"
        out += "<th class=\"r\">\(HTML.escape(w.spread))</th><th class=\"r\">\(HTML.escape(t.kmPerYear))</th><th class=\"r\">\(HTML.escape(t.communesMoved))</th>"
        out += "<th>\(HTML.escape(w.serves))</th><th>\(HTML.escape(w.whatIf))</th></tr></thead>\n<tbody>\n"
        for s in list {
            let words = gains[s.key].map { describe($0.action, scenario, lang: lang) } ?? s.action
            out += "<tr data-key=\"\(HTML.escape(s.key))\"><td class=\"r\">\(s.rank)</td><td>\(HTML.escape(words))"
            if let cost = s.cost { out += "<small>\(HTML.escape(w.cost)) \(lang.number(cost, 2))</small>" }
            if s.provenWithoutSolve != nil { out += "<small>\(HTML.escape(w.zeroWithoutSolve))</small>" }
            out += "</td><td class=\"r\">\(s.gain.map { lang.number($0, 2) } ?? "—")</td>"
            if s.screenedOut {
                out += "<td>\(HTML.escape(w.notSolved(s.gainBound.map { lang.number($0, 2) } ?? "—")))"
                    + (s.leftOutWithin == nil ? "" : "<small>\(HTML.escape(w.withinGap))</small>") + "</td>"
            } else {
                out += "<td>\(s.exact ? HTML.escape(w.exact) : interval(s.gainLow, s.gainHigh, lang))</td>"
            }
            out += "<td class=\"r\">\(s.with?.uncoveredNeeds.map(String.init) ?? "—")</td>"
            out += "<td class=\"r\">\(s.with?.mountainDeviation.map { lang.number($0, 2) } ?? "—")</td>"
            out += "<td class=\"r\">\(s.with?.utilisationSpread.map { lang.number($0, 2) } ?? "—")</td>"
            out += "<td class=\"r\">\(s.with?.kmPerYear.map { lang.number($0, 0) } ?? "—")</td>"
            out += "<td class=\"r\">\(s.with?.moves.map(String.init) ?? "—")</td>"
            out += "<td class=\"serves\">\(s.serves.isEmpty ? "—" : HTML.escape(s.serves.map { communeName($0, scenario) }.joined(separator: ", ")))</td>"
            out += "<td><code>\(HTML.escape(s.whatIf))</code></td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func jointSection(_ j: AdviceReport.Joint, joint: JointChoice, advice: Advice, scenario: Scenario, lang: ReportLanguage, w: AdviceLabels) -> String {
        var out = "<section class=\"joint\" id=\"joint\">\n<h2>\(HTML.escape(w.jointTitle))</h2>\n"
        let status = j.status == JointChoice.Status.optimal.rawValue ? w.jointOptimal
            : w.jointFeasible(j.gap.map { lang.percent(100 * $0, 2) })
        out += "<p class=\"status \(j.status == JointChoice.Status.optimal.rawValue ? "ok" : "warn")\" id=\"joint-status\"><b>\(HTML.escape(t(lang).status)):</b> \(HTML.escape(status))</p>\n"
        out += "<div class=\"tiles\">\n"
        out += tile(w.jointPoints, j.objective.map { lang.number($0, 2) } ?? "—")
        out += tile(w.gain, j.gain.map { lang.number($0, 2) } ?? "—")
        let sum = joint.actions.compactMap { a in advice.singles.first { $0.action == a }?.gain }.reduce(0, +)
        out += tile(w.singleSum, joint.actions.isEmpty ? "—" : lang.number(r2(sum), 2))
        out += tile(w.jointBound, j.bound.map { lang.number($0, 2) } ?? "—")
        out += tile(w.gapWord, j.gap.map { lang.percent(100 * $0, 2) } ?? "—")
        out += "</div>\n"
        if joint.actions.isEmpty {
            out += "<p>\(HTML.escape(w.noAction))</p>\n"
        } else {
            out += "<ol class=\"actions\">\n"
            for a in joint.actions { out += "<li data-key=\"\(HTML.escape(a.key))\">\(HTML.escape(describe(a, scenario, lang: lang)))</li>\n" }
            out += "</ol>\n"
        }
        if !j.notes.isEmpty {
            out += "<ul class=\"notes\">\n"
            for n in j.notes { out += "<li>\(HTML.escape(w.note(n)))</li>\n" }
            out += "</ul>\n"
        }
        out += "<p class=\"caption\">\(HTML.escape(w.whatIf)): <code>\(HTML.escape(j.whatIf))</code></p>\n"
        return out + "</section>\n"
    }

    static func t(_ lang: ReportLanguage) -> HTMLLabels { HTMLLabels.of(lang) }

    static func tile(_ label: String, _ value: String) -> String {
        "<div class=\"tile\"><div class=\"tl\">\(HTML.escape(label))</div><div class=\"tv\">\(value)</div></div>\n"
    }

    // MARK: The map of the top actions

    /// Communes served by the top actions of each kind, in the action's colour, and where
    /// each top hire is based.
    static func actionsMapSection(_ report: AdviceReport, gains: [String: ActionGain], baseline: PlanOutcome, scenario: Scenario, lang: ReportLanguage,
                                  w: AdviceLabels, headquartersName: String?) -> String {
        var mapped: [(single: AdviceReport.Single, action: AdviceAction)] = []
        for kind in AdviceAction.Kind.allCases {
            let list = report.singles.filter { $0.kind == kind.rawValue }.prefix(mappedPerKind)
            for s in list { if let g = gains[s.key] { mapped.append((s, g.action)) } }
        }
        guard !mapped.isEmpty else { return "" }
        // The report's drawing helpers (graticule, scale, north arrow) come with a page.
        let page = HTMLPage(solve: SolveReport(baseline, scenario: scenario), scenario: scenario, lang: lang)
        let cells = CommuneAreas.cells(of: scenario.communes)
        let points = scenario.communes.map(\.location) + [scenario.headquarters] + cells.flatMap(\.ring)
        let proj = MapProjection(fitting: points)
        let r = HTMLPage.markerRadius
        func colour(_ i: Int) -> String { OfficerPalette.colour(index: i * 7 + 1) }
        var served: [String: [Int]] = [:]
        for (i, m) in mapped.enumerated() { for code in m.single.serves { served[code, default: []].append(i) } }
        var out = "<section class=\"map\" id=\"actions-map\">\n<h2>\(HTML.escape(w.actionsMap))</h2>\n"
        out += "<p class=\"caption\">\(HTML.escape(w.actionsMapCaption(mappedPerKind)))</p>\n<div class=\"mapwrap\">\n"
        out += "<svg class=\"mapsvg\" viewBox=\"0 0 \(svgNumber(proj.width)) \(svgNumber(proj.height))\" role=\"img\" aria-label=\"\(HTML.escape(w.actionsMap))\">\n"
        out += "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(svgNumber(proj.width))\" height=\"\(svgNumber(proj.height))\"/>\n"
        out += page.graticule(proj)
        out += "<g class=\"areas\">\n"
        for cell in cells {
            let d = cell.ring.enumerated().map { k, p in
                let (x, y) = proj.point(p)
                return (k == 0 ? "M" : "L") + svgNumber(x) + " " + svgNumber(y)
            }.joined() + "Z"
            let fill = served[cell.code]?.first.map(colour) ?? OfficerPalette.unassigned
            out += "<path class=\"area\" data-commune=\"\(HTML.escape(cell.code))\" d=\"\(d)\" fill=\"\(fill)\"/>\n"
        }
        out += "</g>\n<g class=\"communes\">\n"
        for commune in scenario.communes {
            let (x, y) = proj.point(commune.location)
            let by = served[commune.code] ?? []
            var tip = "\(commune.name) (\(commune.code))"
            for i in by { tip += "\n" + "\(i + 1). " + describe(mapped[i].action, scenario, lang: lang) }
            out += "<g class=\"c\"><title>\(HTML.escape(tip))</title>"
            for (k, i) in by.enumerated() {
                out += "<circle class=\"ring\" cx=\"\(svgNumber(x))\" cy=\"\(svgNumber(y))\" r=\"\(svgNumber(r + 3.5 + 3.5 * Double(k)))\" stroke=\"\(colour(i))\"/>"
            }
            let fill = by.first.map(colour) ?? OfficerPalette.unassigned
            if commune.isMountain {
                out += "<path class=\"commune mountain\" d=\"\(SVGShape.triangle(x, y, r))\" fill=\"\(fill)\"/>"
            } else {
                out += "<circle class=\"commune lowland\" cx=\"\(svgNumber(x))\" cy=\"\(svgNumber(y))\" r=\"\(svgNumber(r))\" fill=\"\(fill)\"/>"
            }
            out += "</g>\n"
        }
        out += "</g>\n<g class=\"bases\">\n"
        for (i, m) in mapped.enumerated() {
            guard case .hire(let place, _, _) = m.action else { continue }
            let point = switch place {
            case .headquarters: scenario.headquarters
            case .commune(let code): scenario.communes.first { $0.code == code }?.location ?? scenario.headquarters
            }
            let (x, y) = proj.point(point)
            out += "<g class=\"base hire\"><title>\(HTML.escape("\(i + 1). " + describe(m.action, scenario, lang: lang)))</title>"
            out += "<path d=\"\(SVGShape.square(x, y, 6))\" fill=\"\(colour(i))\"/></g>\n"
        }
        out += "</g>\n"
        let (hx, hy) = proj.point(scenario.headquarters)
        out += "<g class=\"hq\"><title>\(HTML.escape(t(lang).headquarters + (headquartersName.map { ": " + $0 } ?? "")))</title><path d=\"\(SVGShape.star(hx, hy, 11))\"/></g>\n"
        out += "<g class=\"numbers\">\n"
        for (i, m) in mapped.enumerated() {
            // The action's number beside the first commune it serves, or its hire's base.
            var at: GeoPoint?
            if case .hire(.commune(let code), _, _) = m.action { at = scenario.communes.first { $0.code == code }?.location }
            if at == nil, let first = m.single.serves.first { at = scenario.communes.first { $0.code == first }?.location }
            guard let p = at else { continue }
            let (x, y) = proj.point(p)
            out += "<text x=\"\(svgNumber(x + r + 5))\" y=\"\(svgNumber(y - r - 3))\">\(i + 1)</text>\n"
        }
        out += "</g>\n" + page.scaleBar(proj) + page.northArrow(proj) + "</svg>\n"
        out += "<aside class=\"legend\">\n<h3>\(HTML.escape(w.topActions))</h3>\n<ol class=\"mapped\">\n"
        for (i, m) in mapped.enumerated() {
            out += "<li value=\"\(i + 1)\" data-key=\"\(HTML.escape(m.single.key))\"><i class=\"sw\" style=\"background:\(colour(i))\"></i>\(HTML.escape(w.kind(m.action.kind))) #\(m.single.rank): \(HTML.escape(describe(m.action, scenario, lang: lang)))"
            out += " <small>\(HTML.escape(w.communesServed(m.single.serves.count)))</small></li>\n"
        }
        out += "</ol>\n<ul class=\"symbols\">\n<li><svg class=\"ico\" viewBox=\"0 0 28 28\" aria-hidden=\"true\"><path class=\"lg\" d=\"\(SVGShape.square(14, 14, 6))\"/></svg>\(HTML.escape(w.legendHire))</li>\n"
        out += "<li><svg class=\"ico\" viewBox=\"0 0 28 28\" aria-hidden=\"true\"><path class=\"hqi\" d=\"\(SVGShape.star(14, 14, 11))\"/></svg>\(HTML.escape(t(lang).legendHQ))</li>\n</ul>\n"
        return out + "</aside>\n</div>\n</section>\n"
    }

    // MARK: The bar chart

    struct Bar {
        var label: String
        var value: Double?
        /// The interval the bounds leave, when the value is not exact.
        var low: Double?
        var high: Double?
    }

    /// Horizontal bars from a zero line, one per item, with the value at the bar's end and the
    /// interval as a whisker; negative values go left. Inline SVG, fixed decimals. `narrow`
    /// lays each label above its bar in a chart a phone shows at its own width (the wide one,
    /// labels beside the bars, would shrink its text to half there).
    static func barChart(_ bars: [Bar], lang: ReportLanguage, label: String, id: String, standalone: Bool = false, narrow: Bool = false) -> String {
        let width = narrow ? 360.0 : 860.0, labelWidth = narrow ? 0.0 : 420.0, row = narrow ? 38.0 : 22.0, top = 26.0
        // Where a bar's band starts below its label (the narrow layout), the band's height, and
        // the label's cut.
        let barTop = narrow ? 18.0 : 0.0, band = 22.0, cut = narrow ? 52 : 62
        let height = top + Double(bars.count) * row + 12
        let values = bars.flatMap { [$0.value, $0.low, $0.high].compactMap { $0 } }
        let lo = min(0, values.min() ?? 0), hi = max(0, values.max() ?? 0)
        let span = max(1e-9, hi - lo)
        let x0 = narrow ? 6.0 : labelWidth + 10, x1 = width - (narrow ? 64 : 70)
        func x(_ v: Double) -> Double { x0 + (v - lo) / span * (x1 - x0) }
        let classes = narrow ? "bars narrow" : standalone ? "bars" : "bars wide"
        var out = "<svg \(standalone ? "xmlns=\"http://www.w3.org/2000/svg\" " : "")class=\"\(classes)\" id=\"\(HTML.escape(id))\" viewBox=\"0 0 \(svgNumber(width)) \(svgNumber(height))\" role=\"img\" aria-label=\"\(HTML.escape(label))\">\n"
        out += "<text class=\"ax\" x=\"\(svgNumber(x1))\" y=\"14\">\(HTML.escape(label))</text>\n"
        out += "<line class=\"zero\" x1=\"\(svgNumber(x(0)))\" y1=\"\(svgNumber(top - 6 + barTop))\" x2=\"\(svgNumber(x(0)))\" y2=\"\(svgNumber(height - 6))\"/>\n"
        for (i, b) in bars.enumerated() {
            let y = top + Double(i) * row
            let text = b.label.count > cut ? String(b.label.prefix(cut - 1)) + "…" : b.label
            out += "<g class=\"bar\"><title>\(HTML.escape(b.label + ": " + (b.value.map { lang.number($0, 2) } ?? "—")))</title>"
            // Beside the bar, ending at the label column; or above it, from the left.
            out += "<text class=\"bl\" x=\"\(svgNumber(narrow ? x0 : labelWidth))\" y=\"\(svgNumber(y + (narrow ? 13 : 14)))\">\(HTML.escape(text))</text>"
            let yb = y + barTop
            if let v = b.value {
                let a = x(min(0, v)), e = x(max(0, v))
                out += "<rect class=\"\(v < 0 ? "neg" : "pos")\" x=\"\(svgNumber(a))\" y=\"\(svgNumber(yb + 3))\" width=\"\(svgNumber(max(0.5, e - a)))\" height=\"\(svgNumber(band - 7))\"/>"
                if let l = b.low, let h = b.high {
                    out += "<path class=\"wh\" d=\"M\(svgNumber(x(l))) \(svgNumber(yb + band / 2 - 1))H\(svgNumber(x(h)))M\(svgNumber(x(l))) \(svgNumber(yb + 5))v\(svgNumber(band - 11))M\(svgNumber(x(h))) \(svgNumber(yb + 5))v\(svgNumber(band - 11))\"/>"
                }
                out += "<text class=\"bv\" x=\"\(svgNumber(max(e, b.high.map(x) ?? e) + 4))\" y=\"\(svgNumber(yb + 14))\">\(lang.number(v, 2))</text>"
            } else {
                out += "<text class=\"bv\" x=\"\(svgNumber(x(0) + 4))\" y=\"\(svgNumber(yb + 14))\">—</text>"
            }
            out += "</g>\n"
        }
        return out + (standalone ? "<style>\(chartCSS)</style>" : "") + "</svg>\n"
    }

    /// The chart in both layouts, for a page: the wide one, and the narrow one a phone shows
    /// instead (``css`` switches them by the screen's width).
    static func barCharts(_ bars: [Bar], lang: ReportLanguage, label: String, id: String) -> String {
        barChart(bars, lang: lang, label: label, id: id) + barChart(bars, lang: lang, label: label, id: id + "-narrow", narrow: true)
    }

    static let chartCSS = """
        .bars { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; }
        .bars .bl { text-anchor: end; fill: #1f2328; }
        .bars.narrow .bl { text-anchor: start; }
        .bars .bv { fill: #1f2328; font-variant-numeric: tabular-nums; }
        .bars .ax { text-anchor: end; fill: #59636e; }
        .bars .zero { stroke: #1f2328; stroke-width: 1; }
        .bars rect.pos { fill: #3b6ea8; }
        .bars rect.neg { fill: #c2261d; }
        .bars .wh { stroke: #1f2328; stroke-width: 1.2; fill: none; }
        """

    static let css = chartCSS + "\n" + """
        .bars { width: 100%; max-width: 980px; height: auto; display: block; }
        .bars.narrow { display: none; max-width: 560px; }
        @media (max-width: 700px) {
          .bars.wide { display: none; }
          .bars.narrow { display: block; }
        }
        table.adv { margin: 8px 0 12px; }
        table.adv td.serves { max-width: 22em; font-size: 12.5px; }
        /* On a phone a table wider than the screen scrolls in its own box, not the page. */
        @media (max-width: 700px) {
          table.adv { display: block; max-width: 100%; overflow-x: auto; }
          table.adv th, table.adv td { min-width: 5em; }
          table.adv th:nth-child(2), table.adv td:nth-child(2) { min-width: 11em; }
        }
        .status.warn { background: #fff6dd; border-color: #ecd38a; }
        ol.actions li, ol.mapped li { margin: 3px 0; }
        ol.mapped { padding-left: 1.6em; }
        ul.notes { color: var(--muted); }
        .base.hire path { stroke: var(--ink); stroke-width: 1.6; }

        """
}

private func r2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
