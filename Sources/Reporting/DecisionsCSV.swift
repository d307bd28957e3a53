import DiaBanCore
import Foundation
import Planning

extension SolveReport {
    /// The columns of `decisions.csv`, in order.
    public static let decisionColumns = ["move", "commune", "commune_name", "from", "from_name", "to", "to_name", "gain", "rule", "source", "decision", "note"]

    /// `decisions.csv`: one row per proposed move, numbered as the proposal lists them, with
    /// `decision` = pending and an empty note for a leader to fill in; `rule` names the hard
    /// rule that forces a move (a forced move is still listed, so that the sheet is complete).
    ///
    /// UTF-8 with a byte-order mark, so that a spreadsheet opens the Vietnamese names as they
    /// are, and CRLF line ends, as spreadsheets save it: opened and saved again, it is the same.
    ///
    /// `previous` carries earlier decisions over: a move decided before keeps its verdict and
    /// note, and a rejected or kept move the plan does not make keeps its row after the plan's
    /// moves with `source` = earlier, so that the next re-plan, and the register, still honour it.
    public func decisionsCSV(previous: [Decision] = []) -> String {
        let officerNames = Dictionary((kpis ?? kpisBefore).officers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let communeNames = Dictionary(kpisBefore.communes.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        func ids(_ list: [String]) -> String { list.joined(separator: ";") }
        func names(_ list: [String]) -> String { list.map { officerNames[$0] ?? $0 }.joined(separator: "; ") }
        var out = "\u{FEFF}" + Self.csvRow(Self.decisionColumns)
        var n = 0
        for m in moves {
            n += 1
            let earlier = previous.first { $0.commune == m.commune && Set($0.to) == Set(m.to) && Set($0.from) == Set(m.from) }
            out += Self.csvRow([String(n), m.commune, communeNames[m.commune] ?? m.commune, ids(m.from), names(m.from), ids(m.to), names(m.to),
                                decimal(m.totalGain, 2), m.forcedBy ?? "", "plan", earlier?.verdict.rawValue ?? Decision.Verdict.pending.rawValue, earlier?.note ?? ""])
        }
        let planned = Set(moves.map { "\($0.commune)>\($0.to.sorted())" })
        for d in previous.sorted(by: { $0.move < $1.move }) where (d.verdict == .reject || d.verdict == .keep) && !planned.contains("\(d.commune)>\(d.to.sorted())") {
            n += 1
            out += Self.csvRow([String(n), d.commune, communeNames[d.commune] ?? d.commune, ids(d.from), names(d.from), ids(d.to), names(d.to),
                                d.gain.map { decimal($0, 2) } ?? "", "", "earlier", d.verdict.rawValue, d.note])
        }
        return out
    }

    static func csvRow(_ fields: [String]) -> String {
        var line = csvLine(fields)
        line.removeLast()
        return line + "\r\n"
    }

    /// A fingerprint of the plan (its starting assignment and its pairs), the same for the
    /// same plan on every machine: a register never adopts one plan twice.
    public var planFingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ s: String) { for b in s.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 } }
        for c in kpisBefore.communes { feed("b|\(c.code)|\(c.officers.joined(separator: ","))\n") }
        for a in assignments { feed("a|\(a.commune)|\(a.officer)\n") }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
