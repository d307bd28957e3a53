import DiaBanCore
import Foundation
import Planning

extension SolveReport {
    /// The columns of `decisions.csv`, in order.
    public static let decisionColumns = ["move", "commune", "commune_name", "from", "from_name", "to", "to_name", "gain", "rule", "source", "decision", "note"]

    /// One row of `decisions.csv`, as written: ids and names of the commune's officers before
    /// and after, the gain as printed, and the verdict. The workspace's Decide panel shows
    /// these rows; the file is these rows as CSV.
    public struct DecisionRow: Codable, Sendable, Equatable {
        public var move: Int
        public var commune: String
        public var communeName: String
        public var from: [String]
        public var fromNames: [String]
        public var to: [String]
        public var toNames: [String]
        /// The points the proposal said the move gains, as the file writes them ("12.34"; empty when unknown).
        public var gain: String
        /// The hard rule that forces the move, empty otherwise.
        public var rule: String
        /// `plan` (a move of this plan) or `earlier` (a decision of an earlier round that still stands).
        public var source: String
        public var decision: Decision.Verdict
        public var note: String

        /// The fields in the order of ``SolveReport/decisionColumns``.
        var fields: [String] {
            [String(move), commune, communeName, from.joined(separator: ";"), fromNames.joined(separator: "; "), to.joined(separator: ";"),
             toNames.joined(separator: "; "), gain, rule, source, decision.rawValue, note]
        }
    }

    /// The rows of `decisions.csv`: one per proposed move, numbered as the proposal lists them,
    /// with `decision` = pending and an empty note for a leader to fill in; `rule` names the hard
    /// rule that forces a move (a forced move is still listed, so that the sheet is complete).
    ///
    /// `previous` carries earlier decisions over: a move decided before keeps its verdict and
    /// note, and a rejected or kept move the plan does not make keeps its row after the plan's
    /// moves with `source` = earlier, so that the next re-plan, and the register, still honour it.
    public func decisionRows(previous: [Decision] = []) -> [DecisionRow] {
        let officerNames = Dictionary((kpis ?? kpisBefore).officers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let communeNames = Dictionary(kpisBefore.communes.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        func names(_ list: [String]) -> [String] { list.map { officerNames[$0] ?? $0 } }
        var rows: [DecisionRow] = []
        var n = 0
        for m in moves {
            n += 1
            let earlier = previous.first { $0.commune == m.commune && Set($0.to) == Set(m.to) && Set($0.from) == Set(m.from) }
            rows.append(DecisionRow(move: n, commune: m.commune, communeName: communeNames[m.commune] ?? m.commune, from: m.from, fromNames: names(m.from),
                                    to: m.to, toNames: names(m.to), gain: decimal(m.totalGain, 2), rule: m.forcedBy ?? "", source: "plan",
                                    decision: earlier?.verdict ?? .pending, note: earlier?.note ?? ""))
        }
        let planned = Set(moves.map { "\($0.commune)>\($0.to.sorted())" })
        for d in previous.sorted(by: { $0.move < $1.move }) where (d.verdict == .reject || d.verdict == .keep || d.verdict == .hold) && !planned.contains("\(d.commune)>\(d.to.sorted())") {
            n += 1
            rows.append(DecisionRow(move: n, commune: d.commune, communeName: communeNames[d.commune] ?? d.commune, from: d.from, fromNames: names(d.from),
                                    to: d.to, toNames: names(d.to), gain: d.gain.map { decimal($0, 2) } ?? "", rule: "", source: "earlier",
                                    decision: d.verdict, note: d.note))
        }
        return rows
    }

    /// `decisions.csv`: ``decisionRows(previous:)`` as CSV.
    ///
    /// UTF-8 with a byte-order mark, so that a spreadsheet opens the Vietnamese names as they
    /// are, and CRLF line ends, as spreadsheets save it: opened and saved again, it is the same.
    public func decisionsCSV(previous: [Decision] = []) -> String {
        Self.decisionsCSV(decisionRows(previous: previous))
    }

    /// Rows as `decisions.csv`.
    public static func decisionsCSV(_ rows: [DecisionRow]) -> String {
        rows.reduce("\u{FEFF}" + csvRow(decisionColumns)) { $0 + csvRow($1.fields) }
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
