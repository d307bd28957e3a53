import DiaBanCore
import Planning

extension HTMLPage {
    /// The right end of every workload bar, in percent of capacity: at least 120, more when
    /// someone is further over capacity, so that all bars share one scale.
    var barScale: Double {
        let most = (solve.kpisBefore.officers + shown.officers).map(\.utilisation).max() ?? 100
        return min(300, max(120, (most / 10).rounded(.up) * 10))
    }

    func officersSection() -> String {
        var out = "<section class=\"officers\">\n<h2>\(HTML.escape(t.officersSection))</h2>\n"
        out += "<p class=\"caption\">\(HTML.escape(t.cardsKey))</p>\n<div class=\"cards\">\n"
        for officer in scenario.officers { out += card(officer) }
        return out + "</div>\n</section>\n"
    }

    func card(_ officer: Officer) -> String {
        let after = officerAfter[officer.id], before = officerBefore[officer.id]
        let scale = barScale
        let util = after?.utilisation ?? 0
        var out = "<article class=\"card\" data-o=\"\(HTML.escape(officer.id))\">\n"
        out += "<h3>\(swatch(officer.id))\(HTML.escape(officer.name)) <span class=\"id\">\(HTML.escape(officer.id))</span>"
        if !officer.isActive { out += " <em class=\"leave\">\(HTML.escape(t.onLeave))</em>" }
        out += "</h3>\n"

        // Workload against capacity: the plan's bar, the current value as a tick, capacity as a line.
        let over = (after?.workload ?? 0) > officer.capacity + 1e-9
        out += "<div class=\"bar\" role=\"img\" aria-label=\"\(HTML.escape(t.utilisation)) \(lang.percent(util))\">"
        out += "<span class=\"fill\(over ? " over" : "")\" style=\"width:\(decimal(min(100, 100 * util / scale), 1))%;background:\(colour(officer.id))\"></span>"
        if hasPlan, let b = before {
            out += "<span class=\"was\" style=\"left:\(decimal(min(100, 100 * b.utilisation / scale), 1))%\"></span>"
        }
        out += "<span class=\"cap\" style=\"left:\(decimal(100 * 100 / scale, 1))%\"></span></div>\n"
        out += "<p class=\"bl\"><b>\(lang.percent(util))</b> · \(HTML.escape(t.workload)) \(lang.number(after?.workload ?? 0, 2)) / \(HTML.escape(t.capacity)) \(lang.number(officer.capacity, 2))"
        if hasPlan, let b = before, abs(b.utilisation - util) >= 0.5 {
            out += " <span class=\"muted\">(\(HTML.escape(t.before.lowercased())) \(lang.percent(b.utilisation)))</span>"
        }
        out += "</p>\n<dl>\n"
        if let a = after {
            out += "<dt>\(HTML.escape(t.mountainShare))</dt><dd>\(lang.percent(a.mountainShare)) <span class=\"muted\">(\(lang.number(a.mountainWorkload, 2)) / \(HTML.escape(t.fairMountain)) \(lang.number(a.mountainTarget, 2)))</span></dd>\n"
            out += "<dt>km/\(lang == .vi ? "năm" : "year")</dt><dd>\(lang.number(a.kmPerYear))"
            if hasPlan, let b = before, abs(b.kmPerYear - a.kmPerYear) >= 0.5 { out += " <span class=\"muted\">(\(HTML.escape(t.before.lowercased())) \(lang.number(b.kmPerYear)))</span>" }
            out += "</dd>\n"
            let used = a.specialtiesUsed.map { t.specialty($0) }
            out += "<dt>\(HTML.escape(t.specialtiesUsed))</dt><dd>\(HTML.escape(used.isEmpty ? t.none : used.joined(separator: ", ")))</dd>\n"
        }
        out += "</dl>\n"

        // The communes: new ones marked, handed-over ones struck through.
        let now = after?.communes ?? []
        let was = Set(before?.communes ?? [])
        let gone = hasPlan ? (before?.communes ?? []).filter { !now.contains($0) } : []
        out += "<p class=\"cl\"><b>\(HTML.escape(t.communesCount(now.count)))</b>"
        if !now.isEmpty {
            out += ": " + now.map { code in
                let mountain = communes[code]?.isMountain == true ? "▲" : "●"
                let isNew = hasPlan && !was.contains(code)
                let number = moveNumber[code].map { "<sup>\($0)</sup>" } ?? ""
                return "<span class=\"cn\(isNew ? " new" : "")\"><i class=\"tm\">\(mountain)</i>\(HTML.escape(communeName(code)))\(number)</span>"
            }.joined(separator: ", ")
        }
        out += "</p>\n"
        if !gone.isEmpty {
            out += "<p class=\"cl gone\">\(HTML.escape(t.movedOut)): " + gone.map { code in
                "<s>\(HTML.escape(communeName(code)))</s>" + (moveNumber[code].map { "<sup>\($0)</sup>" } ?? "")
            }.joined(separator: ", ") + "</p>\n"
        }
        return out + "</article>\n"
    }
}
