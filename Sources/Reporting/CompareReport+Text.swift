import DiaBanCore
import Planning

extension CompareReport.Entry {
    /// The status in a few words, for a table cell.
    public var shortStatus: String {
        switch status {
        case PlanStatus.optimal.rawValue: return "optimal"
        case PlanStatus.feasible.rawValue: return gap.map { "gap \(decimal(100 * $0, 2))%" } ?? "feasible"
        case PlanStatus.infeasible.rawValue: return "infeasible"
        case PlanStatus.noSolution.rawValue: return "no solution"
        case PlanStatus.interrupted.rawValue: return "interrupted"
        default: return "failed"
        }
    }

    /// The status in a sentence.
    public var statusSentence: String {
        Reporting.statusSentence(status, gap: gap, hasPlan: objective != nil, failure: error)
    }

    /// Why there is no plan, when there is none: the quick checks' errors and the relaxation.
    var reasons: [String] {
        var out = findings.filter { $0.severity == .error }.map(\.message)
        if let explanation { out += explanation.relaxations.prefix(5).map(\.message) }
        if let error { out.append(error) }
        return out
    }
}

extension CompareReport {
    /// The cell of a value.
    static func cell(_ value: Double?, _ decimals: Int) -> String {
        value.map { decimal($0, decimals, grouping: true) } ?? "—"
    }

    /// The cell of a difference: `=` for none, a signed number otherwise.
    static func differenceCell(_ value: Double?, _ decimals: Int) -> String {
        guard let value else { return "" }
        let text = decimal(value, decimals, grouping: true)
        if text.allSatisfy({ $0 == "0" || $0 == "." || $0 == "," }) { return "=" }
        return value > 0 ? "+" + text : text
    }

    func scenarioTable() -> TextTable {
        var t = TextTable(header: ["Column", "Scenario", "File", "Status"])
        for s in scenarios { t.rows.append([s.label, s.nameEn ?? s.name, s.file, s.statusSentence]) }
        return t
    }

    func kpiTable() -> TextTable {
        let columns = scenarios.map(\.label)
        var t = TextTable(header: ["KPI / objective term"] + columns, rightAligned: Set(1...max(1, columns.count)))
        t.rows.append(["Status"] + scenarios.map(\.shortStatus))
        for row in rows {
            let indent = row.key.hasPrefix("points.") ? "  " : ""
            t.rows.append([indent + row.label] + row.values.map { Self.cell($0, row.decimals) })
            if scenarios.count > 1 {
                t.rows.append([indent + "  difference"] + row.differences.map { Self.differenceCell($0, row.decimals) })
            }
        }
        return t
    }

    func communeTable() -> TextTable {
        var t = TextTable(header: ["Code", "Commune"] + scenarios.map(\.label))
        for c in communes {
            let first = c.officers.first ?? nil
            var cells: [String] = []
            for (i, officers) in c.officers.enumerated() {
                guard let officers else { cells.append("—"); continue }
                cells.append(i > 0 && officers == first ? "=" : (officers.isEmpty ? "(none)" : officers.joined(separator: " ")))
            }
            t.rows.append([c.code, c.name] + cells)
        }
        return t
    }

    var communeHeading: String {
        let total = scenarios.isEmpty ? 0 : Set(communes.map(\.code)).count
        return "Communes whose officers differ between the plans: \(total)"
            + (communes.isEmpty ? "" : " (\"=\": the same officers as in the first column; \"—\": no plan)")
    }

    var notes: [String] {
        scenarios.flatMap { s in s.reasons.map { "\(s.label): \($0)" } }
    }

    /// The human report: the scenarios, the KPI table with differences, the communes that differ.
    public func text() -> String {
        var out = "DiaBan compare — \(scenarios.count) scenario\(scenarios.count == 1 ? "" : "s")\n\n"
        out += scenarioTable().render()
        out += "\n" + kpiTable().render()
        out += "Differences are against the first column (\(scenarios.first?.label ?? "—")); \"=\" means the same value.\n"
        if !notes.isEmpty {
            out += "\nWhy some scenarios have no valid plan:\n"
            for n in notes { out += "  - \(n)\n" }
        }
        out += "\n" + communeHeading + "\n"
        if !communes.isEmpty { out += communeTable().render() }
        return out
    }

    /// The same report as Markdown.
    public func markdown() -> String {
        var out = "# DiaBan compare — \(scenarios.count) scenario\(scenarios.count == 1 ? "" : "s")\n\n"
        out += scenarioTable().markdown()
        out += "\n## KPIs and objective terms\n\n" + kpiTable().markdown()
        out += "\nDifferences are against the first column (\(scenarios.first?.label ?? "—")); \"=\" means the same value.\n"
        if !notes.isEmpty {
            out += "\n## Why some scenarios have no valid plan\n\n"
            for n in notes { out += "- \(n)\n" }
        }
        out += "\n## Communes\n\n" + communeHeading + "\n"
        if !communes.isEmpty { out += "\n" + communeTable().markdown() }
        return out
    }

    /// One rectangular table for a spreadsheet: a `status` line, a `value` and a `difference`
    /// line per row, and a `commune` line per commune that differs; a column per scenario.
    public func csv() -> String {
        var out = csvLine(["kind", "key", "label"] + scenarios.map(\.label))
        out += csvLine(["status", "status", "Status"] + scenarios.map(\.status))
        out += csvLine(["file", "file", "File"] + scenarios.map(\.file))
        for row in rows {
            out += csvLine(["value", row.key, row.label] + row.values.map(plainNumber))
            out += csvLine(["difference", row.key, row.label] + row.differences.map(plainNumber))
        }
        for c in communes {
            out += csvLine(["commune", c.code, c.name] + c.officers.map { $0?.joined(separator: ";") ?? "" })
        }
        return out
    }
}
