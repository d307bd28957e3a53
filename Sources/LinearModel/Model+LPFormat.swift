/// Writes a model as CPLEX LP text: deterministic, for golden tests and for re-solving with
/// another solver. Numbers are printed with full precision (`%.17g`-like shortest form).
extension LinearModel {
    public func cplexLPText() -> String {
        var out = "\\* \(name) *\\\n"
        out += sense == .minimize ? "Minimize\n" : "Maximize\n"
        var objTerms: [String] = []
        for v in variables where v.objective != 0 { objTerms.append(Self.term(v.objective, v.name)) }
        out += " obj: " + (objTerms.isEmpty ? "0 " + (variables.first?.name ?? "") : Self.wrap(objTerms))
        out += "\n"
        // CPLEX LP has no objective constant that every reader accepts: it is kept as a comment.
        if objectiveConstant != 0 { out += "\\* constant term = \(Self.number(objectiveConstant)) *\\\n" }
        out += "Subject To\n"
        for row in constraints {
            let lhs = row.terms.isEmpty ? "0 \(variables.first?.name ?? "x")" : Self.wrap(row.terms.map { Self.term($0.coefficient, variables[$0.variable.rawValue].name) })
            if row.lower == row.upper {
                out += " \(row.name): \(lhs) = \(Self.number(row.lower))\n"
            } else if row.lower.isFinite && row.upper.isFinite {
                // CPLEX LP has no portable range syntax: a ranged row is written as two rows.
                out += " \(row.name): \(lhs) >= \(Self.number(row.lower))\n"
                out += " \(row.name)~ub: \(lhs) <= \(Self.number(row.upper))\n"
            } else if row.lower.isFinite {
                out += " \(row.name): \(lhs) >= \(Self.number(row.lower))\n"
            } else if row.upper.isFinite {
                out += " \(row.name): \(lhs) <= \(Self.number(row.upper))\n"
            } else {
                out += " \(row.name): \(lhs) >= -inf\n"
            }
        }
        out += "Bounds\n"
        for v in variables {
            if v.kind == .binary && v.lower == 0 && v.upper == 1 { continue }
            if v.lower == v.upper {
                out += " \(v.name) = \(Self.number(v.lower))\n"
            } else if v.lower == 0 && v.upper == .infinity {
                continue
            } else if !v.lower.isFinite && !v.upper.isFinite {
                out += " \(v.name) free\n"
            } else {
                let lo = v.lower.isFinite ? Self.number(v.lower) : "-inf"
                let hi = v.upper.isFinite ? Self.number(v.upper) : "+inf"
                out += " \(lo) <= \(v.name) <= \(hi)\n"
            }
        }
        let generals = variables.filter { $0.kind == .integer }.map(\.name)
        let binaries = variables.filter { $0.kind == .binary }.map(\.name)
        if !generals.isEmpty { out += "General\n" + generals.map { " \($0)\n" }.joined() }
        if !binaries.isEmpty { out += "Binary\n" + binaries.map { " \($0)\n" }.joined() }
        out += "End\n"
        return out
    }

    static func number(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    static func signed(_ x: Double) -> String { x < 0 ? "- \(number(-x))" : "+ \(number(x))" }

    static func term(_ a: Double, _ name: String) -> String {
        a == 1 ? "+ \(name)" : a == -1 ? "- \(name)" : "\(signed(a)) \(name)"
    }

    static func wrap(_ terms: [String]) -> String {
        var lines: [String] = []
        var line = ""
        for t in terms {
            if line.count + t.count > 200 { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + t
        }
        lines.append(line)
        return lines.joined(separator: "\n   ")
    }
}
