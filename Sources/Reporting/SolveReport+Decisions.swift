import DiaBanCore
import Planning

extension SolveReport {
    /// The decisions' cost, side by side: the proposal they were made on, the plan that
    /// honours them, and the difference.
    func decisionCostTable(_ r: DecisionReview) -> TextTable {
        var t = TextTable(header: ["", "Proposal", "With decisions", "Cost"], rightAligned: [1, 2, 3])
        func row(_ label: String, _ a: Double, _ b: Double?, _ places: Int, grouping: Bool = false) {
            t.rows.append([label, decimal(a, places, grouping: grouping), b.map { decimal($0, places, grouping: grouping) } ?? "—",
                           b.map { (($0 - a) >= 0 ? "+" : "") + decimal($0 - a, places, grouping: grouping) } ?? "—"])
        }
        let p = r.proposal, d = r.decided
        row("Objective (points)", p.total, d?.total, 2, grouping: true)
        for (term, label) in Self.termLabels {
            row("  " + label, p.points[term.rawValue] ?? 0, d.map { $0.points[term.rawValue] ?? 0 }, 2, grouping: true)
        }
        row("km per year", p.province.kmPerYear, d?.province.kmPerYear, 0, grouping: true)
        row("largest utilisation (%)", p.province.maxUtilisation, d?.province.maxUtilisation, 1)
        row("smallest utilisation (%)", p.province.minUtilisation, d?.province.minUtilisation, 1)
        row("mountain-share spread (points)", p.province.mountainShareSpread, d?.province.mountainShareSpread, 1)
        row("uncovered specialty needs", Double(p.province.uncoveredNeeds), d.map { Double($0.province.uncoveredNeeds) }, 0)
        row("overloaded officers", Double(p.province.overloadedOfficers), d.map { Double($0.province.overloadedOfficers) }, 0)
        row("communes moved", Double(p.province.moves), d.map { Double($0.province.moves) }, 0)
        return t
    }

    /// One line on what was decided and whether the plan honours it.
    func decisionsHeadline(_ r: DecisionReview) -> String {
        var s = "\(r.accepted) accepted, \(r.rejected) rejected, \(r.kept) kept, \(r.pending) pending" + (r.held.map { ", \($0) held" } ?? "")
        if r.decided == nil { return s + "; no plan honours them (see above)" }
        s += r.allHonoured ? "; every decision honoured" : "; NOT every decision honoured (a bug: do not use this plan)"
        if let cost = r.cost { s += "; they cost \(decimal(cost, 2, grouping: true)) points against the proposal" }
        return s
    }

    /// The decisions section of the text report.
    func decisionsText() -> String {
        guard let r = decisions else { return "" }
        var out = "\nDecisions (\(r.file)): \(decisionsHeadline(r))\n\n"
        out += decisionCostTable(r).render()
        if !r.proposalViolations.isEmpty {
            out += "\nThe proposal the decisions were made on breaks \(r.proposalViolations.count) hard rule(s) of this scenario (has it changed since?):\n"
            for v in r.proposalViolations.prefix(8) { out += "  - \(v)\n" }
        }
        out += "\nDecided moves\n"
        var t = TextTable(header: ["#", "Decision", "Commune", "From", "To", "Outcome", "Note"], rightAligned: [0])
        for row in r.rows {
            t.rows.append([String(row.move), row.verdict.rawValue, row.communeName, row.from.joined(separator: " "), row.to.joined(separator: " "), row.outcome, row.note])
        }
        out += t.render()
        out += "\nMoves that appeared because of the decisions: \(r.appeared.count)\n"
        for c in r.appeared { out += "  + \(c.communeName): \(c.from.isEmpty ? "—" : c.from.joined(separator: ", ")) → \(c.to.joined(separator: ", ")); \(c.reason)\n" }
        out += "Moves that disappeared because of the decisions: \(r.disappeared.count)\n"
        for c in r.disappeared { out += "  - \(c.communeName): \(c.from.isEmpty ? "—" : c.from.joined(separator: ", ")) → \(c.to.joined(separator: ", ")); \(c.reason)\n" }
        return out
    }

    /// The decisions section of the Markdown report.
    func decisionsMarkdown() -> String {
        guard let r = decisions else { return "" }
        var out = "\n## Decisions (\(r.file))\n\n\(decisionsHeadline(r))\n\n" + decisionCostTable(r).markdown()
        var t = TextTable(header: ["#", "Decision", "Commune", "From", "To", "Outcome", "Note"], rightAligned: [0])
        for row in r.rows {
            t.rows.append([String(row.move), row.verdict.rawValue, row.communeName, row.from.joined(separator: " "), row.to.joined(separator: " "), row.outcome, row.note])
        }
        out += "\n### Decided moves\n\n" + t.markdown()
        out += "\n### Moves that appeared (\(r.appeared.count))\n\n"
        for c in r.appeared { out += "- \(c.communeName): \(c.from.joined(separator: ", ")) → \(c.to.joined(separator: ", ")); \(c.reason)\n" }
        out += "\n### Moves that disappeared (\(r.disappeared.count))\n\n"
        for c in r.disappeared { out += "- \(c.communeName): \(c.from.joined(separator: ", ")) → \(c.to.joined(separator: ", ")); \(c.reason)\n" }
        return out
    }
}
