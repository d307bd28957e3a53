import DiaBanCore
import Planning

/// One self-contained HTML page for leaders: headline numbers before and after, a map drawn
/// as inline SVG, the proposal's moves with their reasons, a card per officer and, when given,
/// a comparison of scenarios.
///
/// The page makes no network request at all: no external script, font, style sheet or map
/// tile (communes in remote areas have weak connections); tooltips are SVG `<title>`
/// elements and the only script is a few lines that highlight one officer's communes.
/// Numbers have fixed decimals, so the same input gives the same bytes.
public enum HTMLReport {
    /// Renders a solve (and, optionally, a comparison of scenarios) as one HTML document.
    ///
    /// - Parameters:
    ///   - solve: the solve's JSON document (from a fresh solve or decoded from `plan.json`).
    ///   - scenario: the scenario that was solved; it gives coordinates, terrain and officers.
    ///   - lang: the language of the labels; names keep their diacritics in both.
    ///   - headquartersName: the words for the headquarters on the map (the scenario file's `hq` table).
    ///   - comparison: a side-by-side table of scenarios and their trade-off chart.
    public static func render(solve: SolveReport, scenario: Scenario, lang: ReportLanguage = .vi,
                              headquartersName: String? = nil, comparison: HTMLComparison? = nil) -> String {
        var page = HTMLPage(solve: solve, scenario: scenario, lang: lang)
        page.headquartersName = headquartersName
        return document(page, comparison: comparison)
    }

    /// The page of `page`'s sections, in the report's order.
    static func document(_ page: HTMLPage, comparison: HTMLComparison?) -> String {
        let solve = page.solve
        var body = page.header()
        body += page.decisionsSection()
        body += page.headlineSection()
        if let comparison { body += page.comparisonSection(comparison) }
        body += page.mapSection()
        body += page.proposalSection()
        body += page.officersSection()
        body += page.notesSection()
        body += page.footer()
        return """
            <!DOCTYPE html>
            <html lang="\(page.t.htmlLang)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="DiaBan">
            <title>\(HTML.escape(page.t.title + " — " + page.scenarioName))</title>
            <style>
            \(HTMLStyle.css)\(solve.decisions == nil ? "" : HTMLPage.decisionsCSS + "\n")</style>
            </head>
            <body\(solve.decisions == nil ? "" : " class=\"has-sheet\"")>
            <main>
            \(body)</main>
            <script>
            \(HTMLStyle.script)</script>
            </body>
            </html>

            """
    }
}

/// Everything the sections of one page share: the solve, the scenario, the labels, and
/// lookups computed once.
struct HTMLPage {
    let solve: SolveReport
    let scenario: Scenario
    let lang: ReportLanguage
    var t: HTMLLabels
    /// Whether the solve holds a plan; without one the page shows the current assignment.
    let hasPlan: Bool
    /// The plan's KPIs, or the current assignment's when there is no plan.
    let shown: KPIs
    let officerIndex: [String: Int]
    let officers: [String: Officer]
    let communes: [String: Commune]
    let shownByCommune: [String: KPIs.CommuneKPI]
    let beforeByCommune: [String: [String]]
    let officerBefore: [String: KPIs.OfficerKPI]
    let officerAfter: [String: KPIs.OfficerKPI]
    /// The proposal's moves in reading order, numbered from 1.
    let moves: [NumberedMove]
    let moveNumber: [String: Int]
    var headquartersName: String?

    init(solve: SolveReport, scenario: Scenario, lang: ReportLanguage) {
        self.solve = solve
        self.scenario = scenario
        self.lang = lang
        self.t = HTMLLabels.of(lang)
        self.hasPlan = solve.kpis != nil
        self.shown = solve.kpis ?? solve.kpisBefore
        self.officerIndex = Dictionary(scenario.officers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.officers = Dictionary(scenario.officers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.communes = Dictionary(scenario.communes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.shownByCommune = Dictionary(shown.communes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.beforeByCommune = Dictionary(solve.kpisBefore.communes.map { ($0.code, $0.officers) }, uniquingKeysWith: { a, _ in a })
        self.officerBefore = Dictionary(solve.kpisBefore.officers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.officerAfter = Dictionary(shown.officers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let ordered = hasPlan ? HTMLPage.readingOrder(solve.moves, scenario: scenario, before: officerBefore) : []
        self.moves = ordered
        self.moveNumber = Dictionary(ordered.map { ($0.move.commune, $0.number) }, uniquingKeysWith: { a, _ in a })
    }

    /// The officer's map colour (grey for an id the scenario does not know).
    func colour(_ officer: String?) -> String {
        guard let officer, let i = officerIndex[officer] else { return OfficerPalette.unassigned }
        return OfficerPalette.colour(index: i)
    }

    func officerName(_ id: String) -> String { officers[id]?.name ?? id }

    /// "Name (ID)", escaped.
    func officerLabel(_ id: String) -> String { HTML.escape(officerName(id)) + " <span class=\"id\">" + HTML.escape(id) + "</span>" }

    /// A small colour swatch for an officer.
    func swatch(_ id: String?) -> String { "<i class=\"sw\" style=\"background:\(colour(id))\"></i>" }

    /// The solved scenario's name in the page's language (the solve's own name when the
    /// scenario drawn is another).
    var scenarioName: String { solve.scenario == scenario.name ? scenario.name(english: lang == .en) : solve.scenario }

    func communeName(_ code: String) -> String { communes[code]?.name ?? shownByCommune[code]?.name ?? code }

    // MARK: Header and notes

    func header() -> String {
        var out = "<header class=\"top\">\n"
        out += "<p class=\"kicker\">\(HTML.escape(t.title))</p>\n"
        out += "<h1>\(HTML.escape(scenarioName))</h1>\n"
        let description = scenario.description(english: lang == .en)
        if !description.isEmpty { out += "<p class=\"lede\">\(HTML.escape(description))</p>\n" }
        let tone = solve.status == PlanStatus.optimal.rawValue || solve.status == PlanStatus.feasible.rawValue ? "ok" : "bad"
        out += "<p class=\"status \(tone)\"><b>\(HTML.escape(t.status)):</b> \(HTML.escape(t.statusSentence(solve, lang)))"
        if let objective = solve.objective {
            out += " · \(HTML.escape(t.objective)) \(lang.number(objective, 2)) \(HTML.escape(t.points))"
            if let bound = solve.bestBound, solve.status != PlanStatus.optimal.rawValue {
                out += " (\(HTML.escape(t.bestBound)) \(lang.number(bound, 2)))"
            }
        }
        out += "</p>\n"
        if !hasPlan { out += "<p class=\"status bad\">\(HTML.escape(t.noPlan))</p>\n" }
        if solve.status == PlanStatus.infeasible.rawValue { out += whyNoPlan() }
        if !solve.planViolations.isEmpty {
            out += "<div class=\"alert\"><p><b>\(HTML.escape(t.planBreaks))</b></p><ul>"
            for v in solve.planViolations { out += "<li>\(HTML.escape(v.message))</li>" }
            out += "</ul></div>\n"
        }
        return out + "</header>\n"
    }

    func whyNoPlan() -> String {
        var out = "<div class=\"alert\"><h2>\(HTML.escape(t.whyNoPlan))</h2><ul>"
        for f in solve.findings where f.severity == .error { out += "<li>\(HTML.escape(f.message))</li>" }
        out += "</ul>"
        if let e = solve.explanation, !e.relaxations.isEmpty {
            out += "<p>\(HTML.escape(t.relaxationIntro))</p><ul>"
            for r in e.relaxations { out += "<li>\(HTML.escape(r.message))</li>" }
            out += "</ul>"
        }
        return out + "</div>\n"
    }

    func notesSection() -> String {
        let findings = solve.status == PlanStatus.infeasible.rawValue ? solve.findings.filter { $0.severity != .error } : solve.findings
        guard !findings.isEmpty || !solve.currentViolations.isEmpty else { return "" }
        var out = "<section class=\"notes\">\n<h2>\(HTML.escape(t.notesSection))</h2>\n"
        if !findings.isEmpty {
            out += "<ul>"
            for f in findings { out += "<li><b>\(HTML.escape(f.severity == .error ? t.problem : t.note)):</b> \(HTML.escape(f.message))</li>" }
            out += "</ul>\n"
        }
        if !solve.currentViolations.isEmpty {
            out += "<p>\(HTML.escape(t.currentBreaks(solve.currentViolations.count)))</p>\n<ul class=\"cols\">"
            for v in solve.currentViolations { out += "<li>\(HTML.escape(v.message))</li>" }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    func footer() -> String {
        "<footer>\(HTML.escape(t.footer)) <code>\(HTML.escape(solve.schema))</code>.</footer>\n"
    }
}
