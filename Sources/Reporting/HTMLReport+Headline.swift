import DiaBanCore
import Planning

extension HTMLPage {
    /// One headline number: the plan's value large, the current one beside it, and the change
    /// coloured by whether it is an improvement.
    struct Tile {
        var label: String
        var before: Double
        var after: Double?
        var places: Int
        var lowerIsBetter = true
        var suffix = ""
        /// Text that replaces the numbers (a range), when the tile is not one number.
        var beforeText: String?
        var afterText: String?
    }

    func tiles() -> [Tile] {
        let b = solve.kpisBefore.province, a = solve.kpis?.province
        var tiles = [
            Tile(label: t.totalPoints, before: solve.before.total, after: solve.after?.total, places: 0),
            Tile(label: t.uncoveredNeeds, before: Double(b.uncoveredNeeds), after: a.map { Double($0.uncoveredNeeds) }, places: 0),
            Tile(label: t.overloadedOfficers, before: Double(b.overloadedOfficers), after: a.map { Double($0.overloadedOfficers) }, places: 0),
            Tile(label: t.utilisationRange, before: b.maxUtilisation, after: a?.maxUtilisation, places: 0, suffix: "%",
                 beforeText: lang.number(b.minUtilisation, 0) + "–" + lang.percent(b.maxUtilisation, 0),
                 afterText: a.map { lang.number($0.minUtilisation, 0) + "–" + lang.percent($0.maxUtilisation, 0) }),
            Tile(label: t.mountainOutsideBand, before: solve.before.values.mountainDeviation, after: solve.after?.values.mountainDeviation, places: 1),
            Tile(label: t.kmPerYear, before: b.kmPerYear, after: a?.kmPerYear, places: 0),
        ]
        if let a { tiles.append(Tile(label: t.communesMoved, before: 0, after: Double(a.moves), places: 0, lowerIsBetter: false)) }
        return tiles
    }

    func headlineSection() -> String {
        var out = "<section class=\"headline\">\n<h2>\(HTML.escape(t.headline))</h2>\n<div class=\"tiles\">\n"
        for tile in tiles() {
            let beforeText = tile.beforeText ?? lang.number(tile.before, tile.places) + tile.suffix
            out += "<div class=\"tile\"><div class=\"tl\">\(HTML.escape(tile.label))</div>"
            if let after = tile.after {
                let afterText = tile.afterText ?? lang.number(after, tile.places) + tile.suffix
                out += "<div class=\"tv\">\(afterText)</div>"
                if tile.label == t.communesMoved {
                    out += "<div class=\"tb\">\(HTML.escape(t.proposalSection))</div>"
                } else if tile.beforeText != nil {
                    out += "<div class=\"tb\">\(HTML.escape(t.before)): \(beforeText)</div>"
                } else {
                    out += "<div class=\"tb\">\(HTML.escape(t.before)): \(beforeText) \(deltaChip(after - tile.before, tile.places, lowerIsBetter: tile.lowerIsBetter, suffix: tile.suffix))</div>"
                }
            } else {
                out += "<div class=\"tv\">\(beforeText)</div><div class=\"tb\">\(HTML.escape(t.before))</div>"
            }
            out += "</div>\n"
        }
        out += "</div>\n<div class=\"two\">\n" + termsTable() + provinceTable() + "</div>\n</section>\n"
        return out
    }

    /// "−19" in green when lower is better and it went down, red when it went the wrong way.
    func deltaChip(_ delta: Double, _ places: Int, lowerIsBetter: Bool = true, suffix: String = "") -> String {
        let text = lang.signed(delta, places)
        let rounded = Double(decimal(delta, places)) ?? delta
        let tone = rounded == 0 ? "same" : (rounded < 0) == lowerIsBetter ? "good" : "worse"
        return "<span class=\"delta \(tone)\">\(text)\(rounded == 0 ? "" : suffix)</span>"
    }

    func termsTable() -> String {
        var out = "<table class=\"num\">\n<caption>\(HTML.escape(t.objectiveTerms))</caption>\n"
        out += "<thead><tr><th></th><th>\(HTML.escape(t.before))</th><th>\(HTML.escape(t.after))</th><th>\(HTML.escape(t.change))</th></tr></thead>\n<tbody>\n"
        for term in ObjectiveTerm.allCases {
            let b = solve.before.points[term.rawValue] ?? 0
            let a = solve.after?.points[term.rawValue]
            out += "<tr><th>\(HTML.escape(t.termNames[term] ?? term.rawValue))<small>\(HTML.escape(t.termHints[term] ?? ""))</small></th>"
            out += "<td>\(lang.number(b, 1))</td><td>\(a.map { lang.number($0, 1) } ?? "—")</td><td>\(a.map { deltaChip($0 - b, 1) } ?? "—")</td></tr>\n"
        }
        let a = solve.after?.total
        out += "<tr class=\"total\"><th>\(HTML.escape(t.totalPoints))</th><td>\(lang.number(solve.before.total, 1))</td>"
        out += "<td>\(a.map { lang.number($0, 1) } ?? "—")</td><td>\(a.map { deltaChip($0 - solve.before.total, 1) } ?? "—")</td></tr>\n"
        return out + "</tbody>\n</table>\n"
    }

    func provinceTable() -> String {
        let b = solve.kpisBefore.province, a = solve.kpis?.province
        var out = "<table class=\"num\">\n<caption>\(HTML.escape(t.provinceKPIs))</caption>\n"
        out += "<thead><tr><th></th><th>\(HTML.escape(t.before))</th><th>\(HTML.escape(t.after))</th><th>\(HTML.escape(t.change))</th></tr></thead>\n<tbody>\n"
        func row(_ label: String, _ before: Double, _ after: Double?, _ places: Int, lowerIsBetter: Bool = true) {
            out += "<tr><th>\(HTML.escape(label))</th><td>\(lang.number(before, places))</td><td>\(after.map { lang.number($0, places) } ?? "—")</td>"
            out += "<td>\(after.map { deltaChip($0 - before, places, lowerIsBetter: lowerIsBetter) } ?? "—")</td></tr>\n"
        }
        row(t.uncoveredNeeds, Double(b.uncoveredNeeds), a.map { Double($0.uncoveredNeeds) }, 0)
        row(t.overloadedOfficers, Double(b.overloadedOfficers), a.map { Double($0.overloadedOfficers) }, 0)
        row(t.largestUtilisation, b.maxUtilisation, a?.maxUtilisation, 1)
        row(t.smallestUtilisation, b.minUtilisation, a?.minUtilisation, 1, lowerIsBetter: false)
        row(t.workloadOutsideBand, solve.before.values.workloadDeviation, solve.after?.values.workloadDeviation, 1)
        row(t.mountainOutsideBand, solve.before.values.mountainDeviation, solve.after?.values.mountainDeviation, 2)
        row(t.mountainShareSpread, b.mountainShareSpread, a?.mountainShareSpread, 1)
        row(t.kmPerYear, b.kmPerYear, a?.kmPerYear, 0)
        return out + "</tbody>\n</table>\n"
    }
}
