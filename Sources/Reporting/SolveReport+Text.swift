import AssignmentEngine
import DiaBanCore
import Foundation
import Planning

/// Output formats of `diaban solve`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, csv, markdown, geojson
}

extension SolveReport {
    static let termLabels: [(ObjectiveTerm, String)] = [
        (.coverage, "Specialty coverage"), (.mountainBalance, "Mountain balance"),
        (.workloadBalance, "Workload balance"), (.travel, "Travel"), (.changes, "Continuity (changes)"),
    ]

    public var statusSentence: String {
        Reporting.statusSentence(status, gap: gap, hasPlan: objective != nil)
    }

    func termsTable() -> TextTable {
        var t = TextTable(header: ["Objective term (points)", "Before", "After", "Change"], rightAligned: [1, 2, 3])
        for (term, label) in Self.termLabels {
            let b = before.points[term.rawValue] ?? 0
            let a = after?.points[term.rawValue]
            t.rows.append([label, decimal(b, 2, grouping: true), a.map { decimal($0, 2, grouping: true) } ?? "—", a.map { decimal($0 - b, 2, grouping: true) } ?? "—"])
        }
        t.rows.append(["Total", decimal(before.total, 2, grouping: true), after.map { decimal($0.total, 2, grouping: true) } ?? "—",
                       after.map { decimal($0.total - before.total, 2, grouping: true) } ?? "—"])
        return t
    }

    func provinceTable() -> TextTable {
        var t = TextTable(header: ["Province", "Before", "After"], rightAligned: [1, 2])
        let b = kpisBefore.province, a = kpis?.province
        func row(_ label: String, _ f: (KPIs.ProvinceKPI) -> String) { t.rows.append([label, f(b), a.map(f) ?? "—"]) }
        row("km per year") { decimal($0.kmPerYear, 0, grouping: true) }
        row("largest utilisation (%)") { decimal($0.maxUtilisation, 1) }
        row("smallest utilisation (%)") { decimal($0.minUtilisation, 1) }
        row("mountain-share spread (points)") { decimal($0.mountainShareSpread, 1) }
        row("mountain work outside fair band (units)") { _ in "" }
        t.rows[t.rows.count - 1] = ["mountain work outside fair band (units)", decimal(before.values.mountainDeviation, 2), after.map { decimal($0.values.mountainDeviation, 2) } ?? "—"]
        t.rows.append(["utilisation outside band (points)", decimal(before.values.workloadDeviation, 1), after.map { decimal($0.values.workloadDeviation, 1) } ?? "—"])
        row("uncovered specialty needs") { String($0.uncoveredNeeds) }
        row("overloaded officers") { String($0.overloadedOfficers) }
        row("communes moved") { String($0.moves) }
        return t
    }

    func officerTable(_ k: KPIs) -> TextTable {
        var t = TextTable(header: ["Officer", "Name", "Communes", "Workload", "Capacity", "Util %", "Mountain", "Fair mtn", "km/year", "Specialties used"],
                          rightAligned: [2, 3, 4, 5, 6, 7, 8])
        for o in k.officers {
            t.rows.append([o.id, o.name + (o.status == "active" ? "" : " (\(o.status))"), String(o.communes.count), decimal(o.workload), decimal(o.capacity),
                           decimal(o.utilisation, 1), decimal(o.mountainWorkload), decimal(o.mountainTarget), decimal(o.kmPerYear, 0, grouping: true),
                           o.specialtiesUsed.joined(separator: ", ")])
        }
        return t
    }

    func communeTable(_ k: KPIs) -> TextTable {
        let previous = Dictionary(uniqueKeysWithValues: kpisBefore.communes.map { ($0.code, $0.officers) })
        var t = TextTable(header: ["Code", "Commune", "Terrain", "Workload", "Officer(s)", "km", "Before", "Uncovered"], rightAligned: [3, 5])
        for c in k.communes {
            let before = previous[c.code] ?? []
            t.rows.append([c.code, c.name, c.terrain, decimal(c.workload), c.officers.joined(separator: " "),
                           c.distanceKm.map { decimal($0, 1) }.joined(separator: " "), before == c.officers ? "=" : before.joined(separator: " "),
                           c.uncoveredSpecialties.joined(separator: ", ")])
        }
        return t
    }

    /// The human report: status, terms before and after, province KPIs, the proposal, officers, communes.
    public func text(includeCommunes: Bool = true) -> String {
        var out = "DiaBan plan — \(scenarioEn ?? scenario)\n\n"
        out += "Status:     \(statusSentence)\n"
        if let objective { out += "Objective:  \(decimal(objective, 2, grouping: true)) points" }
        if let bestBound { out += "   best bound \(decimal(bestBound, 2, grouping: true))" }
        if let gap { out += "   gap \(decimal(100 * gap, 3))%" }
        if objective != nil { out += "\n" }
        out += "Search:     \(nodes) nodes, \(decimal(solveSeconds, 2)) s solving; \(stats.binaries) binary of \(stats.variables) variables, \(stats.constraints) rows"
        out += stats.startAccepted ? "; warm start accepted (\(decimal(stats.startObjective ?? 0, 2, grouping: true)) points)\n" : "\n"
        if let engine = stats.engine, !engine.isEmpty {
            let rounds = engine.reduce(0) { $0 + $1.columnGenerationRounds }, columns = engine.reduce(0) { $0 + $1.columns }
            var line = "Engine:     \(rounds) rounds of column generation, \(columns) columns"
            if engine.count == 1, let bound = engine[0].decompositionBound {
                line += "; decomposition bound \(decimal(bound, 2, grouping: true))"
                if let lp = engine[0].relaxationBound { line += " (LP \(decimal(lp, 2, grouping: true)))" }
            }
            line += "; \(engine.reduce(0) { $0 + $1.branchNodes }) branch-and-price nodes\n"
            out += line
        }
        if levels.count > 1 {
            out += "Priorities: " + levels.enumerated().map { i, l in "\(i + 1). \(l.terms.joined(separator: "+")) = \(l.objective.map { decimal($0, 2) } ?? "—")" }.joined(separator: "; ") + "\n"
        }
        for f in findings { out += "\(f.severity == .error ? "Problem" : "Note"):    \(f.message)\n" }
        out += explanationText()
        if !currentViolations.isEmpty {
            out += "\nThe current assignment breaks \(currentViolations.count) hard rule(s) that the plan repairs:\n"
            for v in currentViolations.prefix(12) { out += "  - \(v.message)\n" }
            if currentViolations.count > 12 { out += "  … and \(currentViolations.count - 12) more\n" }
        }
        if !planViolations.isEmpty {
            out += "\nWARNING: the plan breaks hard rules (this is a bug; do not use it):\n"
            for v in planViolations { out += "  - \(v.message)\n" }
        }
        out += "\n" + termsTable().render()
        out += "\n" + provinceTable().render()
        if after != nil {
            out += "\nProposal: \(moves.count) move(s), most valuable first\n"
            for (i, m) in moves.enumerated() { out += String(format: "%3d. ", i + 1) + m.reason + "\n" }
        }
        out += decisionsText()
        if let kpis {
            out += "\nOfficers\n" + officerTable(kpis).render()
            if includeCommunes { out += "\nCommunes\n" + communeTable(kpis).render() }
        }
        return out
    }

    func explanationText() -> String {
        guard status == PlanStatus.infeasible.rawValue else { return "" }
        var out = "\nWhy there is no valid plan:\n"
        for f in findings where f.severity == .error { out += "  - \(f.message)\n" }
        if let explanation {
            if explanation.relaxations.isEmpty {
                out += "  The elastic re-solve needed no relaxation within its time limit.\n"
            } else {
                out += "  The smallest relaxation of the hard rules that gives a plan\(explanation.complete ? "" : " (found within the time limit, may not be the smallest)"):\n"
                for r in explanation.relaxations { out += "  - \(r.message)\n" }
                out += "  That relaxed plan (\(explanation.relaxedPlan.count) pairs, in the JSON output) breaks these rules: it is NOT a valid plan.\n"
            }
        }
        return out
    }

    /// The same report as Markdown.
    public func markdown() -> String {
        var out = "# DiaBan plan — \(scenarioEn ?? scenario)\n\n"
        out += "- **Status:** \(statusSentence)\n"
        if let objective { out += "- **Objective:** \(decimal(objective, 2, grouping: true)) points" + (gap.map { ", gap \(decimal(100 * $0, 3))%" } ?? "") + "\n" }
        out += "- **Search:** \(nodes) nodes, \(stats.binaries) binaries, \(stats.constraints) rows\n"
        for f in findings { out += "- **\(f.severity == .error ? "Problem" : "Note"):** \(f.message)\n" }
        out += "\n## Objective terms\n\n" + termsTable().markdown()
        out += "\n## Province\n\n" + provinceTable().markdown()
        if after != nil {
            out += "\n## Proposal (\(moves.count) moves, most valuable first)\n\n"
            for (i, m) in moves.enumerated() { out += "\(i + 1). \(m.reason)\n" }
        }
        out += decisionsMarkdown()
        if let kpis {
            out += "\n## Officers\n\n" + officerTable(kpis).markdown()
            out += "\n## Communes\n\n" + communeTable(kpis).markdown()
        }
        return out
    }

    /// The plan as CSV, one row per officer–commune pair, with the previous officer(s) and,
    /// for a commune that changes officer, its move's number (as in every other output).
    public func csv() -> String {
        var out = csvLine(["commune", "commune_name", "terrain", "workload", "officer", "officer_name", "distance_km", "previous_officers", "moved", "move"])
        guard let kpis else { return out }
        let names = Dictionary(uniqueKeysWithValues: kpis.officers.map { ($0.id, $0.name) })
        let previous = Dictionary(uniqueKeysWithValues: kpisBefore.communes.map { ($0.code, $0.officers) })
        let number = Dictionary(moves.enumerated().map { ($0.element.commune, $0.offset + 1) }, uniquingKeysWith: { a, _ in a })
        for c in kpis.communes {
            let before = previous[c.code] ?? []
            for (i, o) in c.officers.enumerated() {
                out += csvLine([c.code, c.name, c.terrain, decimal(c.workload), o, names[o] ?? "", decimal(c.distanceKm[i], 2),
                                before.joined(separator: ";"), before == c.officers ? "no" : "yes", number[c.code].map(String.init) ?? ""])
            }
        }
        return out
    }
}
